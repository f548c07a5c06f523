/* SPDX-License-Identifier: GPL-2.0-or-later */
/* org.freedesktop.ModemManager1.Modem.Location: the sources the modem
 * gives and has on, the 3GPP location string from the core's registration
 * state, Setup and GetLocation. Only on modems with location sources. */
#include "md-modem-export-private.h"
#include "md-skeleton-set.h"

#include "md-dbus-gate.h"
#include "md-modem-location.h"
#include "md-pending-call.h"
#include "md-request-location.h"

/* "MCC,MNC,LAC,CI,TAC": upper-case hex without leading zeros, as the API
 * documents it. */
static char *
location_3gpp_string (MdModem *modem)
{
  const char *code;
  MdCellLocation location;

  if (!md_modem_location_get_3gpp (modem, &code, &location))
    return NULL;
  return g_strdup_printf ("%.3s,%s,%X,%" G_GINT64_MODIFIER "X,%X", code, code + 3, location.lac,
                          location.cell_id, location.tac);
}

static GVariant *
location_variant (MdModem *modem)
{
  GVariantBuilder builder;
  g_autofree char *lac_ci = location_3gpp_string (modem);

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{uv}"));
  if (lac_ci)
    g_variant_builder_add (&builder, "{uv}", (guint32)MD_MODEM_LOCATION_SOURCE_3GPP_LAC_CI,
                           g_variant_new_string (lac_ci));
  return g_variant_builder_end (&builder);
}

void
md_location_export_sync (MdModemExport *self)
{
  MdDbusModemLocation *iface = self->location_iface;
  gboolean signals;

  if (!iface)
    return;
  signals = md_modem_location_get_signals (self->modem);
  MD_SKELETON_SET (md_dbus_modem_location, enabled, iface, md_modem_location_get_enabled (self->modem));
  MD_SKELETON_SET (md_dbus_modem_location, signals_location, iface, signals);
  /* The property carries the location only when the caller asked for it. */
  MD_SKELETON_SET_VARIANT (md_dbus_modem_location, location, iface,
                           signals ? location_variant (self->modem)
                                   : g_variant_new_array (G_VARIANT_TYPE ("{uv}"), NULL, 0));
}

static gboolean
handle_setup (MdDbusModemLocation *iface, GDBusMethodInvocation *invocation, guint sources,
              gboolean signal_location, gpointer user_data)
{
  MdModemExport *self = user_data;
  GError *error = NULL;

  if (!md_request_location_sources (sources, md_modem_location_get_capabilities (self->modem), &error)) {
    g_dbus_method_invocation_take_error (invocation, error);
    return TRUE;
  }
  md_modem_location_setup (self->modem, sources, signal_location);
  md_dbus_modem_location_complete_setup (iface, invocation);
  return TRUE;
}

static void
refresh_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  MdPendingCall *call = user_data;

  md_modem_location_refresh_finish (MD_MODEM (source), result);
  md_pending_call_return (call, g_variant_new ("(@a{uv})", location_variant (MD_MODEM (source))));
}

static gboolean
handle_get_location (MdDbusModemLocation *iface, GDBusMethodInvocation *invocation, gpointer user_data)
{
  MdModemExport *self = user_data;

  /* Protocols whose registration reports carry no cell read it now. */
  md_modem_location_refresh_async (self->modem, refresh_ready,
                                   md_pending_call_new (invocation, self->modem, NULL));
  return TRUE;
}

void
md_location_export_init (MdModemExport *self)
{
  static const char *const none[] = { NULL };
  guint32 capabilities = md_modem_location_get_capabilities (self->modem);
  MdDbusModemLocation *iface;

  if (!capabilities)
    return;
  iface = self->location_iface = md_dbus_modem_location_skeleton_new ();
  md_dbus_modem_location_set_capabilities (iface, capabilities);
  md_dbus_modem_location_set_supported_assistance_data (iface, MD_MODEM_LOCATION_ASSISTANCE_DATA_TYPE_NONE);
  md_dbus_modem_location_set_supl_server (iface, "");
  md_dbus_modem_location_set_assistance_data_servers (iface, none);
  md_dbus_modem_location_set_gps_refresh_rate (iface, 0);
  md_dbus_gate_install (G_DBUS_INTERFACE_SKELETON (iface), self->authorizer);
  g_signal_connect (iface, "handle-setup", G_CALLBACK (handle_setup), self);
  g_signal_connect (iface, "handle-get-location", G_CALLBACK (handle_get_location), self);
}

void
md_location_export_free (MdModemExport *self)
{
  if (!self->location_iface)
    return;
  g_signal_handlers_disconnect_by_data (self->location_iface, self);
  g_clear_object (&self->location_iface);
}
