/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The Bearer object on D-Bus: connection status, interface, IP
 * configuration and settings, and Connect/Disconnect through the modem. */
#include "md-bearer-export.h"

#include "md-bearer-properties.h"
#include "md-pending-call.h"
#include "md-dbus-gate.h"
#include "md-dbus-generated.h"
#include "md-standalone-export.h"
#include "md-modem-connect.h"
#include "md-skeleton-set.h"
#include "md-vardict.h"

#define BEARER_PATH_PREFIX "/org/freedesktop/ModemManager1/Bearer/"

struct _MdBearerExport {
  MdModem *modem;
  MdBearer *bearer;
  GDBusObjectManagerServer *object_manager;
  MdDbusBearer *iface;
  char *path;
  gulong changed_id;
  MdBearerStats published_stats; /* what Stats holds */
  guint deferred_stats_id;
};

static GVariant *
connection_error_variant (MdBearer *bearer)
{
  const GError *error = md_bearer_get_connection_error (bearer);
  g_autofree char *name = NULL;

  if (!error)
    return g_variant_new ("(ss)", "", "");
  name = g_dbus_error_encode_gerror (error);
  return g_variant_new ("(ss)", name, error->message);
}

/* Every key ModemManager 1.20 publishes, also before a first connection;
 * uplink and downlink speeds are not known to modemd (0, as ModemManager
 * has them when the modem does not say). */
static GVariant *
stats_variant (const MdBearerStats *stats)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sv}"));
  md_vardict_add (&builder, "duration", g_variant_new_uint32 (stats->duration));
  md_vardict_add (&builder, "rx-bytes", g_variant_new_uint64 (stats->rx_bytes));
  md_vardict_add (&builder, "tx-bytes", g_variant_new_uint64 (stats->tx_bytes));
  md_vardict_add (&builder, "start-date", g_variant_new_uint64 (stats->start_date));
  md_vardict_add (&builder, "attempts", g_variant_new_uint32 (stats->attempts));
  md_vardict_add (&builder, "failed-attempts", g_variant_new_uint32 (stats->failed_attempts));
  md_vardict_add (&builder, "total-duration", g_variant_new_uint32 (stats->total_duration));
  md_vardict_add (&builder, "total-rx-bytes", g_variant_new_uint64 (stats->total_rx_bytes));
  md_vardict_add (&builder, "total-tx-bytes", g_variant_new_uint64 (stats->total_tx_bytes));
  md_vardict_add (&builder, "uplink-speed", g_variant_new_uint64 (0));
  md_vardict_add (&builder, "downlink-speed", g_variant_new_uint64 (0));
  return g_variant_builder_end (&builder);
}

static gboolean
stats_equal (const MdBearerStats *a, const MdBearerStats *b)
{
  return a->attempts == b->attempts && a->failed_attempts == b->failed_attempts
         && a->start_date == b->start_date && a->duration == b->duration
         && a->total_duration == b->total_duration && a->rx_bytes == b->rx_bytes && a->tx_bytes == b->tx_bytes
         && a->total_rx_bytes == b->total_rx_bytes && a->total_tx_bytes == b->total_tx_bytes;
}

static void
publish_stats (MdBearerExport *self, const MdBearerStats *stats)
{
  md_dbus_bearer_set_stats (self->iface, stats_variant (stats));
  self->published_stats = *stats;
}

/* Compared as numbers with what was published last: comparing the built
 * dictionary would serialise it, which costs as much as building it. */
static void
sync_stats (MdBearerExport *self)
{
  MdBearerStats stats;

  md_bearer_get_stats (self->bearer, &stats);
  if (!stats_equal (&stats, &self->published_stats))
    publish_stats (self, &stats);
}

static gboolean
deferred_stats (gpointer user_data)
{
  MdBearerExport *self = user_data;

  self->deferred_stats_id = 0;
  sync_stats (self);
  return G_SOURCE_REMOVE;
}

/* What a connection change changes, but Stats and the settings
 * (Properties), which never change once the bearer exists:
 * md_bearer_export_new publishes them. */
static void
sync_connection (MdBearerExport *self)
{
  MdBearer *bearer = self->bearer;
  const char *interface = md_bearer_get_interface (bearer);

  MD_SKELETON_SET (md_dbus_bearer, connected, self->iface, md_bearer_is_connected (bearer));
  MD_SKELETON_SET (md_dbus_bearer, multiplexed, self->iface, md_bearer_get_multiplexed (bearer));
  MD_SKELETON_SET_STRING (md_dbus_bearer, interface, self->iface, interface ? interface : "");
  MD_SKELETON_SET_VARIANT (md_dbus_bearer, ip4_config, self->iface,
                           md_ip_config_to_variant (md_bearer_get_ip4_config (bearer)));
  MD_SKELETON_SET_VARIANT (md_dbus_bearer, ip6_config, self->iface,
                           md_ip_config_to_variant (md_bearer_get_ip6_config (bearer)));
  MD_SKELETON_SET_VARIANT (md_dbus_bearer, connection_error, self->iface, connection_error_variant (bearer));
  MD_SKELETON_SET (md_dbus_bearer, profile_id, self->iface, md_bearer_get_profile_id (bearer));
}

static void
init_defaults (MdDbusBearer *iface)
{
  md_dbus_bearer_set_suspended (iface, FALSE);
  md_dbus_bearer_set_reload_stats_supported (iface, FALSE);
  md_dbus_bearer_set_ip_timeout (iface, 20);
  md_dbus_bearer_set_bearer_type (iface, MD_BEARER_TYPE_DEFAULT);
}

static gboolean
handle_connect (MdDbusBearer *iface, GDBusMethodInvocation *invocation, gpointer user_data)
{
  MdBearerExport *self = user_data;

  md_modem_connect_bearer_async (self->modem, self->bearer, NULL, md_pending_call_boolean_ready,
                                 md_pending_call_new (invocation, self->modem, self->bearer));
  return TRUE;
}

static gboolean
handle_disconnect (MdDbusBearer *iface, GDBusMethodInvocation *invocation, gpointer user_data)
{
  MdBearerExport *self = user_data;

  md_modem_disconnect_bearer_async (self->modem, self->bearer, md_pending_call_boolean_ready,
                                    md_pending_call_new (invocation, self->modem, self->bearer));
  return TRUE;
}

/* A connection change goes out at once, so the modem's StateChanged that
 * follows finds the bearer changed (GDBus would send it from an idle).
 * Its Stats follow once the main loop iteration is over, at
 * G_PRIORITY_HIGH (before any later call): a Connect or Disconnect the
 * change completes replies first, as ModemManager 1.20.4 does before its
 * bearer's PropertiesChanged. */
static void
bearer_changed (MdBearer *bearer, guint change, gpointer user_data)
{
  MdBearerExport *self = user_data;

  if (change == MD_BEARER_CHANGE_STATS) {
    g_clear_handle_id (&self->deferred_stats_id, g_source_remove);
    sync_stats (self);
    return;
  }
  sync_connection (self);
  g_dbus_interface_skeleton_flush (G_DBUS_INTERFACE_SKELETON (self->iface));
  if (!self->deferred_stats_id)
    self->deferred_stats_id = g_idle_add_full (G_PRIORITY_HIGH, deferred_stats, self, NULL);
}

MdBearerExport *
md_bearer_export_new (MdModem *modem, MdBearer *bearer, GDBusObjectManagerServer *object_manager,
                      MdAuthorizer *authorizer)
{
  MdBearerExport *self = g_new0 (MdBearerExport, 1);
  MdBearerStats stats;

  self->modem = g_object_ref (modem);
  self->bearer = g_object_ref (bearer);
  self->object_manager = g_object_ref (object_manager);
  self->path = g_strdup_printf (BEARER_PATH_PREFIX "%u", md_bearer_get_id (bearer));
  self->iface = md_dbus_bearer_skeleton_new ();
  init_defaults (self->iface);
  /* Bytes are counted where the protocol reports traffic (MBIM). */
  md_dbus_bearer_set_reload_stats_supported (
    self->iface, md_modem_get_ops (modem)->bearer && md_modem_get_ops (modem)->bearer->load_traffic);
  md_dbus_bearer_set_properties (self->iface,
                                 md_bearer_settings_to_variant (md_bearer_get_settings (bearer)));
  sync_connection (self);
  md_bearer_get_stats (bearer, &stats);
  publish_stats (self, &stats);
  md_dbus_gate_install (G_DBUS_INTERFACE_SKELETON (self->iface), authorizer);
  g_signal_connect (self->iface, "handle-connect", G_CALLBACK (handle_connect), self);
  g_signal_connect (self->iface, "handle-disconnect", G_CALLBACK (handle_disconnect), self);
  self->changed_id = g_signal_connect (bearer, "changed", G_CALLBACK (bearer_changed), self);
  md_standalone_export (G_DBUS_INTERFACE_SKELETON (self->iface), object_manager, self->path);
  return self;
}

const char *
md_bearer_export_get_path (MdBearerExport *self)
{
  return self->path;
}

GDBusInterfaceSkeleton *
md_bearer_export_get_skeleton (MdBearerExport *self)
{
  return G_DBUS_INTERFACE_SKELETON (self->iface);
}

void
md_bearer_export_free (MdBearerExport *self)
{
  if (!self)
    return;
  g_clear_signal_handler (&self->changed_id, self->bearer);
  g_clear_handle_id (&self->deferred_stats_id, g_source_remove);
  g_signal_handlers_disconnect_by_data (self->iface, self);
  g_dbus_interface_skeleton_unexport (G_DBUS_INTERFACE_SKELETON (self->iface));
  g_object_unref (self->iface);
  g_object_unref (self->object_manager);
  g_object_unref (self->bearer);
  g_object_unref (self->modem);
  g_free (self->path);
  g_free (self);
}
