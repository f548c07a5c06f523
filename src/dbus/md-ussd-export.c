/* SPDX-License-Identifier: GPL-2.0-or-later */
/* org.freedesktop.ModemManager1.Modem.Modem3gpp.Ussd: the core's session
 * state and the network's notification and request; Initiate, Respond and
 * Cancel with the text checked first. Only on modems with ussd ops. */
#include "md-modem-export-private.h"
#include "md-skeleton-set.h"

#include "md-dbus-gate.h"
#include "md-modem-ussd.h"
#include "md-pending-call.h"
#include "md-request-ussd.h"

void
md_ussd_export_sync (MdModemExport *self)
{
  MdDbusModem3gppUssd *iface = self->ussd_iface;

  if (!iface)
    return;
  MD_SKELETON_SET (md_dbus_modem3gpp_ussd, state, iface, md_modem_ussd_get_state (self->modem));
  MD_SKELETON_SET_STRING (md_dbus_modem3gpp_ussd, network_notification, iface,
                          md_modem_ussd_get_network_notification (self->modem));
  MD_SKELETON_SET_STRING (md_dbus_modem3gpp_ussd, network_request, iface,
                          md_modem_ussd_get_network_request (self->modem));
}

static void
send_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  MdPendingCall *call = user_data;
  GError *error = NULL;
  g_autofree char *reply = md_modem_ussd_send_finish (MD_MODEM (source), result, &error);

  if (!reply) {
    md_pending_call_fail (call, error);
    return;
  }
  md_pending_call_return (call, g_variant_new ("(s)", reply));
}

static void
send (MdModemExport *self, GDBusMethodInvocation *invocation, gboolean respond, const char *text)
{
  GError *error = NULL;

  if (!md_request_ussd_text (text, &error)) {
    g_dbus_method_invocation_take_error (invocation, error);
    return;
  }
  md_modem_ussd_send_async (self->modem, respond, text, send_ready,
                            md_pending_call_new (invocation, self->modem, NULL));
}

static gboolean
handle_initiate (MdDbusModem3gppUssd *iface, GDBusMethodInvocation *invocation, const char *command,
                 gpointer user_data)
{
  send (user_data, invocation, FALSE, command);
  return TRUE;
}

static gboolean
handle_respond (MdDbusModem3gppUssd *iface, GDBusMethodInvocation *invocation, const char *response,
                gpointer user_data)
{
  send (user_data, invocation, TRUE, response);
  return TRUE;
}

static void
cancel_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  MdPendingCall *call = user_data;
  GError *error = NULL;

  if (!md_modem_ussd_cancel_finish (MD_MODEM (source), result, &error)) {
    md_pending_call_fail (call, error);
    return;
  }
  md_pending_call_return (call, NULL);
}

static gboolean
handle_cancel (MdDbusModem3gppUssd *iface, GDBusMethodInvocation *invocation, gpointer user_data)
{
  MdModemExport *self = user_data;

  md_modem_ussd_cancel_async (self->modem, cancel_ready, md_pending_call_new (invocation, self->modem, NULL));
  return TRUE;
}

void
md_ussd_export_init (MdModemExport *self)
{
  if (!md_modem_has_ussd (self->modem))
    return;
  self->ussd_iface = md_dbus_modem3gpp_ussd_skeleton_new ();
  md_dbus_gate_install (G_DBUS_INTERFACE_SKELETON (self->ussd_iface), self->authorizer);
  g_signal_connect (self->ussd_iface, "handle-initiate", G_CALLBACK (handle_initiate), self);
  g_signal_connect (self->ussd_iface, "handle-respond", G_CALLBACK (handle_respond), self);
  g_signal_connect (self->ussd_iface, "handle-cancel", G_CALLBACK (handle_cancel), self);
}

void
md_ussd_export_free (MdModemExport *self)
{
  if (!self->ussd_iface)
    return;
  g_signal_handlers_disconnect_by_data (self->ussd_iface, self);
  g_clear_object (&self->ussd_iface);
}
