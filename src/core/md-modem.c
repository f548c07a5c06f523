/* SPDX-License-Identifier: GPL-2.0-or-later */
/* MdModem: the modem's published state and the single place where its state
 * changes. Flows (initialization, enabling, ...) live in their own files and
 * only call the setters here. */
#include "md-modem-private.h"

#include "md-log.h"
#include "md-modem-connect.h"
#include "md-modem-poll.h"

enum {
  SIGNAL_CHANGED,
  SIGNAL_STATE_CHANGED,
  SIGNAL_BEARER_ADDED,
  SIGNAL_BEARER_REMOVED,
  SIGNAL_VANISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_TYPE (MdModem, md_modem, G_TYPE_OBJECT)

void
md_modem_identity_free (MdModemIdentity *identity)
{
  if (!identity)
    return;
  g_free (identity->manufacturer);
  g_free (identity->model);
  g_free (identity->revision);
  g_free (identity->hardware_revision);
  g_free (identity->equipment_identifier);
  g_free (identity->ati);
  g_free (identity);
}

static void
clear_port (gpointer data)
{
  MdModemPort *port = data;

  g_free (port->name);
}

static void
md_modem_init (MdModem *self)
{
  self->ports = g_array_new (FALSE, TRUE, sizeof (MdModemPort));
  g_array_set_clear_func (self->ports, clear_port);
  self->identity = g_new0 (MdModemIdentity, 1);
  self->state = MD_MODEM_STATE_UNKNOWN;
  self->power_state = MD_MODEM_POWER_STATE_UNKNOWN;
  md_modem_private_init_3gpp (self);
  md_modem_private_init_ports (self);
  self->operations = md_operation_queue_new (self);
}

static void
md_modem_finalize (GObject *object)
{
  MdModem *self = MD_MODEM (object);

  md_modem_private_finalize_ports (self);
  md_modem_private_finalize_signal (self);
  md_modem_private_finalize_ussd (self);
  g_clear_handle_id (&self->poll_source, g_source_remove);
  g_clear_handle_id (&self->sim_check_source, g_source_remove);
  md_operation_queue_free (self->operations);
  md_modem_private_finalize_3gpp (self);
  g_clear_object (&self->sms_list);
  g_array_unref (self->ports);
  g_free (self->primary_port);
  md_modem_identity_free (self->identity);
  md_modem_private_finalize_device (self);
  g_strfreev (self->drivers);
  g_free (self->plugin);
  g_free (self->uid);
  g_free (self->log_name);
  G_OBJECT_CLASS (md_modem_parent_class)->finalize (object);
}

static void
md_modem_class_init (MdModemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = md_modem_finalize;

  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                          NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[SIGNAL_STATE_CHANGED]
    = g_signal_new ("state-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                    G_TYPE_NONE, 3, G_TYPE_INT, G_TYPE_INT, G_TYPE_UINT);
  signals[SIGNAL_BEARER_ADDED] = g_signal_new ("bearer-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                               0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_OBJECT);
  signals[SIGNAL_BEARER_REMOVED]
    = g_signal_new ("bearer-removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                    G_TYPE_NONE, 1, G_TYPE_OBJECT);
  signals[SIGNAL_VANISHED] = g_signal_new ("vanished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                           NULL, NULL, G_TYPE_NONE, 0);
}

MdModem *
md_modem_new (guint id, const char *uid, const char *plugin, const char *const *drivers,
              const MdModemOps *ops)
{
  MdModem *self = g_object_new (MD_TYPE_MODEM, NULL);

  self->id = id;
  self->log_name = g_strdup_printf ("modem%u", id);
  self->uid = g_strdup (uid);
  self->plugin = g_strdup (plugin);
  self->drivers = drivers ? g_strdupv ((char **)drivers) : g_new0 (char *, 1);
  self->ops = ops;
  self->poll_interval_s = MD_MODEM_POLL_DEFAULT_INTERVAL_S;
  self->registration_timeout_s = MD_MODEM_REGISTRATION_TIMEOUT_DEFAULT_S;
  return self;
}

guint
md_modem_get_id (MdModem *self)
{
  return self->id;
}

const char *
md_modem_get_log_name (MdModem *self)
{
  return self->log_name;
}

const char *
md_modem_get_uid (MdModem *self)
{
  return self->uid;
}

const char *
md_modem_get_plugin (MdModem *self)
{
  return self->plugin;
}

const char *const *
md_modem_get_drivers (MdModem *self)
{
  return (const char *const *)self->drivers;
}

const MdModemOps *
md_modem_get_ops (MdModem *self)
{
  return self->ops;
}

void
md_modem_emit_changed (MdModem *self)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0, (guint)MD_MODEM_CHANGE_ANY);
}

void
md_modem_emit_live_changed (MdModem *self)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0, (guint)MD_MODEM_CHANGE_LIVE);
}

/* Which control port serves best as primary: MBIM and QMI carry everything,
 * AT is the fallback. */
static guint
port_type_rank (MdModemPortType type)
{
  switch (type) {
  case MD_MODEM_PORT_TYPE_MBIM:
  case MD_MODEM_PORT_TYPE_QMI: return 3;
  case MD_MODEM_PORT_TYPE_AT: return 2;
  case MD_MODEM_PORT_TYPE_UNKNOWN:
  case MD_MODEM_PORT_TYPE_NET:
  case MD_MODEM_PORT_TYPE_QCDM:
  case MD_MODEM_PORT_TYPE_GPS:
  case MD_MODEM_PORT_TYPE_AUDIO:
  case MD_MODEM_PORT_TYPE_IGNORED: return 0;
  }
  return 0;
}

void
md_modem_add_port (MdModem *self, const char *name, MdModemPortType type)
{
  MdModemPort port = { g_strdup (name), type };
  MdModemPortType primary_type = MD_MODEM_PORT_TYPE_UNKNOWN;

  g_array_append_val (self->ports, port);
  for (guint i = 0; i < self->ports->len; i++) {
    MdModemPort *p = &g_array_index (self->ports, MdModemPort, i);
    if (g_strcmp0 (p->name, self->primary_port) == 0)
      primary_type = p->type;
  }
  if (port_type_rank (type) > port_type_rank (primary_type)) {
    g_free (self->primary_port);
    self->primary_port = g_strdup (name);
  }
  md_modem_emit_changed (self);
}

gboolean
md_modem_remove_port (MdModem *self, const char *name)
{
  for (guint i = 0; i < self->ports->len; i++) {
    if (g_strcmp0 (g_array_index (self->ports, MdModemPort, i).name, name) == 0) {
      g_array_remove_index (self->ports, i);
      md_modem_emit_changed (self);
      return TRUE;
    }
  }
  return FALSE;
}

const MdModemPort *
md_modem_get_ports (MdModem *self, guint *n_ports)
{
  *n_ports = self->ports->len;
  return (const MdModemPort *)self->ports->data;
}

void
md_modem_set_primary_port (MdModem *self, const char *name)
{
  if (g_strcmp0 (self->primary_port, name) == 0)
    return;
  g_free (self->primary_port);
  self->primary_port = g_strdup (name);
  md_modem_emit_changed (self);
}

const char *
md_modem_get_primary_port (MdModem *self)
{
  return self->primary_port;
}

const MdModemIdentity *
md_modem_get_identity (MdModem *self)
{
  return self->identity;
}

void
md_modem_take_identity (MdModem *self, MdModemIdentity *identity)
{
  md_modem_identity_free (self->identity);
  self->identity = identity;
  md_log_info (self->log_name, "identity: '%s' '%s' revision '%s', equipment id %s",
               identity->manufacturer ? identity->manufacturer : "", identity->model ? identity->model : "",
               identity->revision ? identity->revision : "",
               md_log_personal (identity->equipment_identifier));
  md_modem_private_update_device_identifier (self);
  md_modem_emit_changed (self);
}

MdModemState
md_modem_get_state (MdModem *self)
{
  return self->state;
}

MdModemStateFailedReason
md_modem_get_failed_reason (MdModem *self)
{
  return self->failed_reason;
}

static const char *
state_name (MdModemState state)
{
  switch (state) {
  case MD_MODEM_STATE_FAILED: return "failed";
  case MD_MODEM_STATE_UNKNOWN: return "unknown";
  case MD_MODEM_STATE_INITIALIZING: return "initializing";
  case MD_MODEM_STATE_LOCKED: return "locked";
  case MD_MODEM_STATE_DISABLED: return "disabled";
  case MD_MODEM_STATE_DISABLING: return "disabling";
  case MD_MODEM_STATE_ENABLING: return "enabling";
  case MD_MODEM_STATE_ENABLED: return "enabled";
  case MD_MODEM_STATE_SEARCHING: return "searching";
  case MD_MODEM_STATE_REGISTERED: return "registered";
  case MD_MODEM_STATE_DISCONNECTING: return "disconnecting";
  case MD_MODEM_STATE_CONNECTING: return "connecting";
  case MD_MODEM_STATE_CONNECTED: return "connected";
  }
  return "invalid";
}

gboolean
md_modem_state_transition_valid (MdModemState from, MdModemState to)
{
  /* FAILED is terminal except for a fresh initialization; anything may fail. */
  if (to == MD_MODEM_STATE_FAILED || to == MD_MODEM_STATE_INITIALIZING)
    return TRUE;
  if (from == MD_MODEM_STATE_FAILED)
    return FALSE;
  /* Before initialization ends only LOCKED and DISABLED are reachable. */
  if (from == MD_MODEM_STATE_UNKNOWN || from == MD_MODEM_STATE_INITIALIZING)
    return to == MD_MODEM_STATE_LOCKED || to == MD_MODEM_STATE_DISABLED;
  if (from == MD_MODEM_STATE_LOCKED)
    return to == MD_MODEM_STATE_DISABLED;
  return to != MD_MODEM_STATE_UNKNOWN;
}

void
md_modem_set_state (MdModem *self, MdModemState state, MdModemStateChangeReason reason)
{
  MdModemState old = self->state;

  if (old == state)
    return;
  if (!md_modem_state_transition_valid (old, state)) {
    md_log_warn (self->log_name, "refusing state change %s -> %s", state_name (old), state_name (state));
    return;
  }
  self->state = state;
  if (state != MD_MODEM_STATE_FAILED)
    self->failed_reason = MD_MODEM_STATE_FAILED_REASON_NONE;
  md_log_info (self->log_name, "state changed (%s -> %s)", state_name (old), state_name (state));
  /* "changed" follows "state-changed" at once, nothing in between: the
   * D-Bus export publishes State on the first and defers the rest to the
   * second. Only MD_MODEM_CHANGE_LIVE values change with the state. */
  g_signal_emit (self, signals[SIGNAL_STATE_CHANGED], 0, (gint)old, (gint)state, (guint)reason);
  md_modem_emit_live_changed (self);
}

void
md_modem_set_failed (MdModem *self, MdModemStateFailedReason reason)
{
  self->failed_reason = reason;
  md_modem_set_state (self, MD_MODEM_STATE_FAILED, MD_MODEM_STATE_CHANGE_REASON_FAILURE);
}

MdModemPowerState
md_modem_get_power_state (MdModem *self)
{
  return self->power_state;
}

void
md_modem_set_power_state (MdModem *self, MdModemPowerState power_state)
{
  if (self->power_state == power_state)
    return;
  self->power_state = power_state;
  md_modem_emit_changed (self);
}

guint32
md_modem_get_capabilities (MdModem *self)
{
  return self->capabilities;
}

void
md_modem_set_capabilities (MdModem *self, guint32 capabilities)
{
  if (self->capabilities == capabilities)
    return;
  self->capabilities = capabilities;
  md_modem_emit_changed (self);
}

void
md_modem_vanished (MdModem *self)
{
  if (self->vanished)
    return;
  self->vanished = TRUE;
  g_clear_handle_id (&self->poll_source, g_source_remove);
  g_clear_handle_id (&self->sim_check_source, g_source_remove);
  md_log_info (self->log_name, "device vanished");
  md_modem_operations_abort (self);
  md_modem_private_close_ports (self);
  g_signal_emit (self, signals[SIGNAL_VANISHED], 0);
}

gboolean
md_modem_has_vanished (MdModem *self)
{
  return self->vanished;
}

void
md_modem_request_rebuild (MdModem *self, MdModemRebuildReason reason, const char *why)
{
  if (self->vanished)
    return;
  md_log_info (self->log_name, "%s: building the modem again", why);
  self->rebuild_requested = TRUE;
  self->rebuild_reason = reason;
  md_modem_vanished (self);
}

MdModemRebuildReason
md_modem_get_rebuild_reason (MdModem *self)
{
  return self->rebuild_reason;
}

gboolean
md_modem_rebuild_requested (MdModem *self)
{
  return self->rebuild_requested;
}
