/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The Sms object on D-Bus: copies MdSms's values into the Sms skeleton on
 * every change and turns Send and Store into the modem's messaging flows.
 * The N of SMS/N is the message's id, never reused. */
#include "md-sms-export.h"

#include "md-dbus-gate.h"
#include "md-dbus-generated.h"
#include "md-modem-sms.h"
#include "md-pending-call.h"
#include "md-request-sms.h"
#include "md-standalone-export.h"

#define SMS_PATH_PREFIX "/org/freedesktop/ModemManager1/SMS/"

struct _MdSmsExport {
  MdModem *modem;
  MdSms *sms;
  MdDbusSms *iface;
  char *path;
  gulong changed_id;
};

/* ModemManager's value for "no validity" is (UNKNOWN, <false>). */
static GVariant *
validity_variant (MdSms *sms)
{
  guint minutes = md_sms_get_validity_relative (sms);

  if (!minutes)
    return g_variant_new ("(uv)", (guint32)MD_SMS_VALIDITY_TYPE_UNKNOWN, g_variant_new_boolean (FALSE));
  return g_variant_new ("(uv)", (guint32)MD_SMS_VALIDITY_TYPE_RELATIVE, g_variant_new_uint32 (minutes));
}

static GVariant *
data_variant (MdSms *sms)
{
  GBytes *data = md_sms_get_data (sms);
  gsize size = 0;
  const guint8 *bytes = data ? g_bytes_get_data (data, &size) : NULL;

  return g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, bytes, size, 1);
}

static void
sync_sms (MdSmsExport *self)
{
  MdDbusSms *iface = self->iface;
  MdSms *sms = self->sms;

  md_dbus_sms_set_state (iface, md_sms_get_state (sms));
  md_dbus_sms_set_pdu_type (iface, md_sms_get_pdu_type (sms));
  md_dbus_sms_set_number (iface, md_sms_get_number (sms));
  md_dbus_sms_set_text (iface, md_sms_get_text (sms));
  md_dbus_sms_set_data (iface, data_variant (sms));
  md_dbus_sms_set_smsc (iface, md_sms_get_smsc (sms));
  md_dbus_sms_set_validity (iface, validity_variant (sms));
  md_dbus_sms_set_class (iface, md_sms_get_class (sms));
  md_dbus_sms_set_teleservice_id (iface, 0);
  md_dbus_sms_set_service_category (iface, 0);
  md_dbus_sms_set_delivery_report_request (iface, md_sms_get_delivery_report_request (sms));
  md_dbus_sms_set_message_reference (iface, md_sms_get_message_reference (sms));
  md_dbus_sms_set_timestamp (iface, md_sms_get_timestamp (sms));
  md_dbus_sms_set_discharge_timestamp (iface, md_sms_get_discharge_timestamp (sms));
  md_dbus_sms_set_delivery_state (iface, md_sms_get_delivery_state (sms));
  md_dbus_sms_set_storage (iface, md_sms_get_storage (sms));
}

static gboolean
handle_send (MdDbusSms *iface, GDBusMethodInvocation *invocation, gpointer user_data)
{
  MdSmsExport *self = user_data;

  md_modem_sms_send_async (self->modem, self->sms, NULL, md_pending_call_boolean_ready,
                           md_pending_call_new (invocation, self->modem, self->sms));
  return TRUE;
}

static gboolean
handle_store (MdDbusSms *iface, GDBusMethodInvocation *invocation, guint storage, gpointer user_data)
{
  MdSmsExport *self = user_data;
  GError *error = NULL;

  if (!md_request_check_sms_storage (storage, &error)) {
    g_dbus_method_invocation_take_error (invocation, error);
    return TRUE;
  }
  md_modem_sms_store_async (self->modem, self->sms, storage, NULL, md_pending_call_boolean_ready,
                            md_pending_call_new (invocation, self->modem, self->sms));
  return TRUE;
}

static void
sms_changed (MdSms *sms, gpointer user_data)
{
  sync_sms (user_data);
}

MdSmsExport *
md_sms_export_new (MdModem *modem, MdSms *sms, GDBusObjectManagerServer *object_manager,
                   MdAuthorizer *authorizer)
{
  MdSmsExport *self = g_new0 (MdSmsExport, 1);

  self->modem = g_object_ref (modem);
  self->sms = g_object_ref (sms);
  self->path = g_strdup_printf (SMS_PATH_PREFIX "%u", md_sms_get_id (sms));
  self->iface = md_dbus_sms_skeleton_new ();
  sync_sms (self);
  md_dbus_gate_install (G_DBUS_INTERFACE_SKELETON (self->iface), authorizer);
  g_signal_connect (self->iface, "handle-send", G_CALLBACK (handle_send), self);
  g_signal_connect (self->iface, "handle-store", G_CALLBACK (handle_store), self);
  self->changed_id = g_signal_connect (sms, "changed", G_CALLBACK (sms_changed), self);
  md_standalone_export (G_DBUS_INTERFACE_SKELETON (self->iface), object_manager, self->path);
  return self;
}

const char *
md_sms_export_get_path (MdSmsExport *self)
{
  return self->path;
}

MdSms *
md_sms_export_get_sms (MdSmsExport *self)
{
  return self->sms;
}

void
md_sms_export_free (MdSmsExport *self)
{
  if (!self)
    return;
  g_clear_signal_handler (&self->changed_id, self->sms);
  g_signal_handlers_disconnect_by_data (self->iface, self);
  g_dbus_interface_skeleton_unexport (G_DBUS_INTERFACE_SKELETON (self->iface));
  g_object_unref (self->iface);
  g_object_unref (self->sms);
  g_object_unref (self->modem);
  g_free (self->path);
  g_free (self);
}
