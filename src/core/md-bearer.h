/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A bearer: the settings of one data connection and, once connected, its
 * interface and IP configuration. Published as
 * /org/freedesktop/ModemManager1/Bearer/N. Connecting goes through the
 * modem's bearer ops (md-modem-connect.c). */
#pragma once

#include <glib-object.h>

#include "md-enums.h"

G_BEGIN_DECLS

#define MD_TYPE_BEARER (md_bearer_get_type ())
G_DECLARE_FINAL_TYPE (MdBearer, md_bearer, MD, BEARER, GObject)

#define MD_BEARER_APN_MAX_LENGTH 100

typedef struct {
  char *apn;
  guint32 ip_type; /* MdBearerIpFamily; NONE = modem's choice */
  char *user;
  char *password;
  guint32 allowed_auth;       /* MdBearerAllowedAuth bits; UNKNOWN = modem's choice */
  gboolean allow_roaming;     /* TRUE unless the client said no */
  gboolean allow_roaming_set; /* the client said it (published only then) */
  char *number;               /* deprecated dial string; ignored unless set */
  guint32 multiplex;          /* MdBearerMultiplexSupport; UNKNOWN = as NONE */
} MdBearerSettings;

MdBearerSettings *md_bearer_settings_new (void);
void md_bearer_settings_free (MdBearerSettings *settings);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdBearerSettings, md_bearer_settings_free)

typedef struct {
  MdBearerIpMethod method;
  char *address;
  guint prefix;
  char *gateway;
  GStrv dns;
  guint mtu;
} MdIpConfig;

MdIpConfig *md_ip_config_new (MdBearerIpMethod method);
void md_ip_config_free (MdIpConfig *config);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdIpConfig, md_ip_config_free)

/* id: the N of Bearer/N, never reused while the daemon runs. Takes settings. */
MdBearer *md_bearer_new (guint id, const char *modem_log_name, MdBearerSettings *settings);
guint md_bearer_get_id (MdBearer *self);
const char *md_bearer_get_log_name (MdBearer *self);
const MdBearerSettings *md_bearer_get_settings (MdBearer *self);

gboolean md_bearer_is_connected (MdBearer *self);
const char *md_bearer_get_interface (MdBearer *self);
const MdIpConfig *md_bearer_get_ip4_config (MdBearer *self);
const MdIpConfig *md_bearer_get_ip6_config (MdBearer *self);
/* Why the last connection attempt failed or the connection dropped; NULL
 * after a successful or requested change. */
const GError *md_bearer_get_connection_error (MdBearer *self);

/* What a "changed" signal (its guint argument) says may have changed. The
 * settings never do: they are fixed when the bearer is made. */
typedef enum {
  /* Connected, interface, IP configurations, connection error, profile id,
   * multiplexed, and the stats. */
  MD_BEARER_CHANGE_CONNECTION = 0,
  /* Only the stats (the duration's tick, traffic counters). */
  MD_BEARER_CHANGE_STATS = 1,
} MdBearerChange;

/* Takes ip4/ip6 (either may be NULL); emits "changed". */
void md_bearer_set_connected (MdBearer *self, const char *interface, MdIpConfig *ip4, MdIpConfig *ip6);
/* reason NULL for a requested disconnection; emits "changed". */
void md_bearer_set_disconnected (MdBearer *self, const GError *reason);
/* "connection-changed" (gboolean connected, const char *interface) follows
 * "changed" when the bearer becomes connected or stops being connected
 * (requested, dropped or failed after connecting); on disconnection the
 * interface is the one the connection used. */

/* Bearer.Stats as ModemManager keeps them: attempts counted by the connect
 * flow, durations in seconds (the current connection's grows while it
 * lasts), bytes where the protocol reports them (0 otherwise). */
typedef struct {
  guint attempts;
  guint failed_attempts;
  guint64 start_date; /* seconds since the epoch; 0 before a connection */
  guint duration;     /* the current or last connection */
  guint total_duration;
  guint64 rx_bytes;
  guint64 tx_bytes;
  guint64 total_rx_bytes;
  guint64 total_tx_bytes;
} MdBearerStats;

/* While connected, "changed" is emitted every MD_BEARER_STATS_INTERVAL_S
 * so the published duration follows (ModemManager: 30 s). */
#define MD_BEARER_STATS_INTERVAL_S 30
void md_bearer_get_stats (MdBearer *self, MdBearerStats *out);
/* The connect flow calls this before every attempt. */
void md_bearer_note_attempt (MdBearer *self);
/* The modem's traffic counters while connected: the first report after a
 * connection is its baseline, later ones give rx/tx bytes; emits "changed"
 * when they moved. */
void md_bearer_update_traffic (MdBearer *self, guint64 rx_total, guint64 tx_total);

/* The modem's profile (AT: the PDP context id) the connection uses; -1
 * when unknown or disconnected. Set by protocol plugins before
 * md_bearer_set_connected. */
void md_bearer_set_profile_id (MdBearer *self, gint profile_id);
gint md_bearer_get_profile_id (MdBearer *self);

/* Whether the connection runs on a link multiplexed with others (Bearer
 * Multiplexed; ModemManager 1.20: an MBIM session on a link of its own, a
 * QMAP mux id on QMI). Set by the driver before md_bearer_set_connected,
 * which publishes it; FALSE once disconnected. */
void md_bearer_set_multiplexed (MdBearer *self, gboolean multiplexed);
gboolean md_bearer_get_multiplexed (MdBearer *self);

/* Protocol plugins keep per-bearer state here (cid, session id, data port). */
void md_bearer_set_protocol_data (MdBearer *self, gpointer data, GDestroyNotify destroy);
gpointer md_bearer_get_protocol_data (MdBearer *self);

G_END_DECLS
