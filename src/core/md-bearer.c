/* SPDX-License-Identifier: GPL-2.0-or-later */
/* MdBearer: settings, connection status and IP configuration of one data
 * connection, with a "changed" signal the D-Bus layer follows. */
#include "md-bearer.h"

#include "md-errors.h"
#include "md-log.h"

struct _MdBearer {
  GObject parent;
  guint id;
  char *log_name;
  MdBearerSettings *settings;
  gboolean connected;
  char *interface;
  MdIpConfig *ip4;
  MdIpConfig *ip6;
  GError *connection_error;
  gpointer protocol_data;
  GDestroyNotify protocol_data_destroy;
  gint profile_id;
  gboolean multiplexed;
  MdBearerStats stats;    /* durations of finished connections only */
  gint64 connected_at_us; /* monotonic; while connected */
  gboolean have_baseline; /* traffic counters at the connection's start */
  guint64 baseline_rx;
  guint64 baseline_tx;
  guint stats_source;
};

enum { SIGNAL_CHANGED, SIGNAL_CONNECTION_CHANGED, N_SIGNALS };

static guint signals[N_SIGNALS];

G_DEFINE_TYPE (MdBearer, md_bearer, G_TYPE_OBJECT)

MdBearerSettings *
md_bearer_settings_new (void)
{
  MdBearerSettings *settings = g_new0 (MdBearerSettings, 1);

  settings->allow_roaming = TRUE;
  settings->ip_type = MD_BEARER_IP_FAMILY_NONE;
  settings->allowed_auth = MD_BEARER_ALLOWED_AUTH_UNKNOWN;
  return settings;
}

void
md_bearer_settings_free (MdBearerSettings *settings)
{
  if (!settings)
    return;
  g_free (settings->apn);
  g_free (settings->user);
  g_free (settings->password);
  g_free (settings->number);
  g_free (settings);
}

MdIpConfig *
md_ip_config_new (MdBearerIpMethod method)
{
  MdIpConfig *config = g_new0 (MdIpConfig, 1);

  config->method = method;
  return config;
}

void
md_ip_config_free (MdIpConfig *config)
{
  if (!config)
    return;
  g_free (config->address);
  g_free (config->gateway);
  g_strfreev (config->dns);
  g_free (config);
}

static void
md_bearer_init (MdBearer *self)
{
  self->profile_id = -1;
}

static void
md_bearer_finalize (GObject *object)
{
  MdBearer *self = MD_BEARER (object);

  g_clear_handle_id (&self->stats_source, g_source_remove);
  if (self->protocol_data_destroy)
    self->protocol_data_destroy (self->protocol_data);
  md_bearer_settings_free (self->settings);
  md_ip_config_free (self->ip4);
  md_ip_config_free (self->ip6);
  g_clear_error (&self->connection_error);
  g_free (self->interface);
  g_free (self->log_name);
  G_OBJECT_CLASS (md_bearer_parent_class)->finalize (object);
}

static void
md_bearer_class_init (MdBearerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = md_bearer_finalize;
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                          NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[SIGNAL_CONNECTION_CHANGED]
    = g_signal_new ("connection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                    G_TYPE_NONE, 2, G_TYPE_BOOLEAN, G_TYPE_STRING);
}

MdBearer *
md_bearer_new (guint id, const char *modem_log_name, MdBearerSettings *settings)
{
  MdBearer *self = g_object_new (MD_TYPE_BEARER, NULL);

  self->id = id;
  self->log_name = g_strdup_printf ("%s/bearer%u", modem_log_name, id);
  self->settings = settings;
  return self;
}

guint
md_bearer_get_id (MdBearer *self)
{
  return self->id;
}

const char *
md_bearer_get_log_name (MdBearer *self)
{
  return self->log_name;
}

const MdBearerSettings *
md_bearer_get_settings (MdBearer *self)
{
  return self->settings;
}

gboolean
md_bearer_is_connected (MdBearer *self)
{
  return self->connected;
}

const char *
md_bearer_get_interface (MdBearer *self)
{
  return self->interface;
}

const MdIpConfig *
md_bearer_get_ip4_config (MdBearer *self)
{
  return self->ip4;
}

const MdIpConfig *
md_bearer_get_ip6_config (MdBearer *self)
{
  return self->ip6;
}

const GError *
md_bearer_get_connection_error (MdBearer *self)
{
  return self->connection_error;
}

static guint
current_duration (MdBearer *self)
{
  if (!self->connected)
    return 0;
  return (guint)((g_get_monotonic_time () - self->connected_at_us) / G_USEC_PER_SEC);
}

void
md_bearer_get_stats (MdBearer *self, MdBearerStats *out)
{
  guint running = current_duration (self);

  *out = self->stats;
  if (self->connected) {
    out->duration = running;
    out->total_duration += running;
    out->total_rx_bytes += self->stats.rx_bytes;
    out->total_tx_bytes += self->stats.tx_bytes;
  }
}

void
md_bearer_update_traffic (MdBearer *self, guint64 rx_total, guint64 tx_total)
{
  guint64 rx, tx;

  if (!self->connected)
    return;
  /* A counter that went back (the modem restarted counting) starts over. */
  if (!self->have_baseline || rx_total < self->baseline_rx + self->stats.rx_bytes
      || tx_total < self->baseline_tx + self->stats.tx_bytes) {
    self->have_baseline = TRUE;
    self->baseline_rx = rx_total - MIN (rx_total, self->stats.rx_bytes);
    self->baseline_tx = tx_total - MIN (tx_total, self->stats.tx_bytes);
  }
  rx = rx_total - self->baseline_rx;
  tx = tx_total - self->baseline_tx;
  if (rx == self->stats.rx_bytes && tx == self->stats.tx_bytes)
    return;
  self->stats.rx_bytes = rx;
  self->stats.tx_bytes = tx;
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0, (guint)MD_BEARER_CHANGE_STATS);
}

void
md_bearer_note_attempt (MdBearer *self)
{
  self->stats.attempts++;
}

void
md_bearer_set_profile_id (MdBearer *self, gint profile_id)
{
  self->profile_id = profile_id;
}

gint
md_bearer_get_profile_id (MdBearer *self)
{
  return self->profile_id;
}

void
md_bearer_set_multiplexed (MdBearer *self, gboolean multiplexed)
{
  self->multiplexed = multiplexed;
}

gboolean
md_bearer_get_multiplexed (MdBearer *self)
{
  return self->multiplexed;
}

static gboolean
stats_tick (gpointer user_data)
{
  g_signal_emit (user_data, signals[SIGNAL_CHANGED], 0, (guint)MD_BEARER_CHANGE_STATS);
  return G_SOURCE_CONTINUE;
}

void
md_bearer_set_connected (MdBearer *self, const char *interface, MdIpConfig *ip4, MdIpConfig *ip6)
{
  gboolean newly = !self->connected;

  if (!self->connected) {
    self->connected_at_us = g_get_monotonic_time ();
    self->stats.start_date = (guint64)(g_get_real_time () / G_USEC_PER_SEC);
    self->stats.duration = 0;
    self->stats.rx_bytes = 0;
    self->stats.tx_bytes = 0;
    self->have_baseline = FALSE;
    g_clear_handle_id (&self->stats_source, g_source_remove);
    self->stats_source = g_timeout_add_seconds (MD_BEARER_STATS_INTERVAL_S, stats_tick, self);
  }
  self->connected = TRUE;
  g_free (self->interface);
  self->interface = g_strdup (interface);
  md_ip_config_free (self->ip4);
  md_ip_config_free (self->ip6);
  self->ip4 = ip4;
  self->ip6 = ip6;
  g_clear_error (&self->connection_error);
  md_log_info (self->log_name, "connected on %s", interface ? interface : "(no interface)");
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0, (guint)MD_BEARER_CHANGE_CONNECTION);
  if (newly)
    g_signal_emit (self, signals[SIGNAL_CONNECTION_CHANGED], 0, TRUE, self->interface);
}

void
md_bearer_set_disconnected (MdBearer *self, const GError *reason)
{
  gboolean was_connected = self->connected;
  g_autofree char *old_interface = g_steal_pointer (&self->interface);

  if (was_connected) {
    self->stats.duration = current_duration (self);
    self->stats.total_duration += self->stats.duration;
    self->stats.total_rx_bytes += self->stats.rx_bytes;
    self->stats.total_tx_bytes += self->stats.tx_bytes;
  } else if (reason) {
    self->stats.failed_attempts++;
  }
  g_clear_handle_id (&self->stats_source, g_source_remove);
  self->profile_id = -1;
  self->multiplexed = FALSE;
  self->connected = FALSE;
  g_clear_pointer (&self->ip4, md_ip_config_free);
  g_clear_pointer (&self->ip6, md_ip_config_free);
  g_clear_error (&self->connection_error);
  if (reason)
    self->connection_error = g_error_copy (reason);
  if (was_connected || reason)
    md_log_info (self->log_name, "%s%s%s", was_connected ? "disconnected" : "connection failed",
                 reason ? ": " : "", reason ? reason->message : "");
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0, (guint)MD_BEARER_CHANGE_CONNECTION);
  if (was_connected)
    g_signal_emit (self, signals[SIGNAL_CONNECTION_CHANGED], 0, FALSE, old_interface);
}

void
md_bearer_set_protocol_data (MdBearer *self, gpointer data, GDestroyNotify destroy)
{
  if (self->protocol_data_destroy)
    self->protocol_data_destroy (self->protocol_data);
  self->protocol_data = data;
  self->protocol_data_destroy = destroy;
}

gpointer
md_bearer_get_protocol_data (MdBearer *self)
{
  return self->protocol_data;
}
