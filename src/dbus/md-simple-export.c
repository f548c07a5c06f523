/* SPDX-License-Identifier: GPL-2.0-or-later */
/* org.freedesktop.ModemManager1.Modem.Simple: Connect, Disconnect and
 * GetStatus over the core's Simple.Connect flow and bearers. */
#include "md-modem-export-private.h"

#include "md-bearer-properties.h"
#include "md-pending-call.h"
#include "md-dbus-gate.h"
#include "md-errors.h"
#include "md-modem-connect.h"
#include "md-vardict.h"

static void
connect_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  MdPendingCall *call = user_data;
  GError *error = NULL;
  g_autoptr (MdBearer) bearer = md_modem_simple_connect_finish (MD_MODEM (source), result, &error);
  g_autofree char *path = NULL;

  if (!bearer) {
    md_pending_call_fail (call, error);
    return;
  }
  /* Bearer paths are a pure function of the id; the export may be gone if
   * the modem vanished meanwhile, which the flow reports as an error. */
  path = g_strdup_printf ("/org/freedesktop/ModemManager1/Bearer/%u", md_bearer_get_id (bearer));
  md_pending_call_return (call, g_variant_new ("(o)", path));
}

static gboolean
handle_connect (MdDbusModemSimple *iface, GDBusMethodInvocation *invocation, GVariant *properties,
                gpointer user_data)
{
  MdModemExport *self = user_data;
  GError *error = NULL;
  MdSimpleConnectRequest *request = md_simple_connect_request_from_variant (properties, &error);

  if (!request) {
    g_dbus_method_invocation_take_error (invocation, error);
    return TRUE;
  }
  md_modem_simple_connect_async (self->modem, request, NULL, connect_ready,
                                 md_pending_call_new (invocation, self->modem, NULL));
  return TRUE;
}

static gboolean
handle_disconnect (MdDbusModemSimple *iface, GDBusMethodInvocation *invocation, const char *path,
                   gpointer user_data)
{
  MdModemExport *self = user_data;
  MdBearer *bearer;

  /* "/" asks for every bearer of the modem. */
  if (g_strcmp0 (path, "/") == 0) {
    md_modem_disconnect_all_async (self->modem, md_pending_call_boolean_ready,
                                   md_pending_call_new (invocation, self->modem, NULL));
    return TRUE;
  }
  bearer = md_modem_export_find_bearer (self, path);
  if (!bearer) {
    g_dbus_method_invocation_return_error (invocation, MD_CORE_ERROR, MD_CORE_ERROR_NOT_FOUND,
                                           "No bearer %s on this modem", path);
    return TRUE;
  }
  md_modem_disconnect_bearer_async (self->modem, bearer, md_pending_call_boolean_ready,
                                    md_pending_call_new (invocation, self->modem, bearer));
  return TRUE;
}

static gboolean
handle_get_status (MdDbusModemSimple *iface, GDBusMethodInvocation *invocation, gpointer user_data)
{
  MdModemExport *self = user_data;
  MdModem *modem = self->modem;
  GVariantBuilder builder;
  gboolean recent = FALSE;
  guint quality = md_modem_get_signal_quality (modem, &recent);
  const char *code = md_modem_get_operator_code (modem);
  const char *name = md_modem_get_operator_name (modem);

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sv}"));
  md_vardict_add (&builder, "state", g_variant_new_uint32 ((guint32)md_modem_get_state (modem)));
  /* ModemManager 1.20 adds the network keys only from REGISTERED on
   * (registered, disconnecting, connecting, connected); disabled, enabling,
   * enabled or searching modems answer the state alone. */
  if (md_modem_get_state (modem) < MD_MODEM_STATE_REGISTERED) {
    md_dbus_modem_simple_complete_get_status (iface, invocation, g_variant_builder_end (&builder));
    return TRUE;
  }
  md_vardict_add (&builder, "signal-quality", g_variant_new ("(ub)", quality, recent));
  md_vardict_add (&builder, "current-bands",
                  md_modem_export_bands_variant (md_modem_get_current_bands (modem)));
  md_vardict_add (&builder, "access-technologies",
                  g_variant_new_uint32 (md_modem_get_access_technologies (modem)));
  md_vardict_add (&builder, "m3gpp-registration-state",
                  g_variant_new_uint32 (md_modem_get_registration_state (modem)));
  md_vardict_add (&builder, "m3gpp-operator-code", g_variant_new_string (code ? code : ""));
  md_vardict_add (&builder, "m3gpp-operator-name", g_variant_new_string (name ? name : ""));
  md_dbus_modem_simple_complete_get_status (iface, invocation, g_variant_builder_end (&builder));
  return TRUE;
}

void
md_simple_export_init (MdModemExport *self)
{
  self->simple_iface = md_dbus_modem_simple_skeleton_new ();
  md_dbus_gate_install (G_DBUS_INTERFACE_SKELETON (self->simple_iface), self->authorizer);
  g_signal_connect (self->simple_iface, "handle-connect", G_CALLBACK (handle_connect), self);
  g_signal_connect (self->simple_iface, "handle-disconnect", G_CALLBACK (handle_disconnect), self);
  g_signal_connect (self->simple_iface, "handle-get-status", G_CALLBACK (handle_get_status), self);
}
