/* SPDX-License-Identifier: GPL-2.0-or-later */
/* org.freedesktop.ModemManager1.Modem.Firmware: List from the core (the
 * running image is "selected"); no update method. Select stays
 * Unsupported in the gate: no modem here stores other images yet. */
#include "md-modem-export-private.h"

#include "md-dbus-gate.h"
#include "md-modem-firmware.h"
#include "md-pending-call.h"
#include "md-vardict.h"

static void
list_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  MdPendingCall *call = user_data;
  GError *error = NULL;
  g_auto (GStrv) images = md_modem_firmware_list_finish (MD_MODEM (source), result, &error);
  GVariantBuilder builder;

  if (!images) {
    md_pending_call_fail (call, error);
    return;
  }
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; images[i]; i++) {
    g_variant_builder_open (&builder, G_VARIANT_TYPE ("a{sv}"));
    md_vardict_add (&builder, "image-type", g_variant_new_uint32 (MD_FIRMWARE_IMAGE_TYPE_GENERIC));
    md_vardict_add (&builder, "unique-id", g_variant_new_string (images[i]));
    g_variant_builder_close (&builder);
  }
  md_pending_call_return (call, g_variant_new ("(saa{sv})", images[0] ? images[0] : "", &builder));
}

static gboolean
handle_list (MdDbusModemFirmware *iface, GDBusMethodInvocation *invocation, gpointer user_data)
{
  MdModemExport *self = user_data;

  md_modem_firmware_list_async (self->modem, list_ready, md_pending_call_new (invocation, self->modem, NULL));
  return TRUE;
}

void
md_firmware_export_init (MdModemExport *self)
{
  if (!md_modem_has_firmware (self->modem))
    return;
  self->firmware_iface = md_dbus_modem_firmware_skeleton_new ();
  md_dbus_modem_firmware_set_update_settings (
    self->firmware_iface, g_variant_new ("(u@a{sv})", (guint32)MD_MODEM_FIRMWARE_UPDATE_METHOD_NONE,
                                         g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0)));
  md_dbus_gate_install (G_DBUS_INTERFACE_SKELETON (self->firmware_iface), self->authorizer);
  g_signal_connect (self->firmware_iface, "handle-list", G_CALLBACK (handle_list), self);
}

void
md_firmware_export_free (MdModemExport *self)
{
  if (!self->firmware_iface)
    return;
  g_signal_handlers_disconnect_by_data (self->firmware_iface, self);
  g_clear_object (&self->firmware_iface);
}
