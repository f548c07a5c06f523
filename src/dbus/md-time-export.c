/* SPDX-License-Identifier: GPL-2.0-or-later */
/* org.freedesktop.ModemManager1.Modem.Time: NetworkTimezone from the
 * core's last network report, GetNetworkTime through the core. Only on
 * modems whose ops can read the network time. */
#include "md-modem-export-private.h"
#include "md-skeleton-set.h"

#include "md-dbus-gate.h"
#include "md-modem-time.h"
#include "md-pending-call.h"
#include "md-vardict.h"

static GVariant *
timezone_variant (const MdNetworkTimezone *zone)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sv}"));
  if (zone->known) {
    md_vardict_add (&builder, "offset", g_variant_new_int32 (zone->offset));
    if (zone->has_dst_offset)
      md_vardict_add (&builder, "dst-offset", g_variant_new_int32 (zone->dst_offset));
    if (zone->has_leap_seconds)
      md_vardict_add (&builder, "leap-seconds", g_variant_new_int32 (zone->leap_seconds));
  }
  return g_variant_builder_end (&builder);
}

void
md_time_export_sync (MdModemExport *self)
{
  if (self->time_iface)
    MD_SKELETON_SET_VARIANT (md_dbus_modem_time, network_timezone, self->time_iface,
                             timezone_variant (md_modem_get_network_timezone (self->modem)));
}

static void
time_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  MdPendingCall *call = user_data;
  GError *error = NULL;
  g_autofree char *time = md_modem_get_network_time_finish (MD_MODEM (source), result, &error);

  if (!time) {
    md_pending_call_fail (call, error);
    return;
  }
  md_pending_call_return (call, g_variant_new ("(s)", time));
}

static gboolean
handle_get_network_time (MdDbusModemTime *iface, GDBusMethodInvocation *invocation, gpointer user_data)
{
  MdModemExport *self = user_data;

  md_modem_get_network_time_async (self->modem, NULL, time_ready,
                                   md_pending_call_new (invocation, self->modem, NULL));
  return TRUE;
}

void
md_time_export_init (MdModemExport *self)
{
  if (!md_modem_has_time (self->modem))
    return;
  self->time_iface = md_dbus_modem_time_skeleton_new ();
  md_dbus_gate_install (G_DBUS_INTERFACE_SKELETON (self->time_iface), self->authorizer);
  g_signal_connect (self->time_iface, "handle-get-network-time", G_CALLBACK (handle_get_network_time), self);
}

void
md_time_export_free (MdModemExport *self)
{
  if (!self->time_iface)
    return;
  g_signal_handlers_disconnect_by_data (self->time_iface, self);
  g_clear_object (&self->time_iface);
}
