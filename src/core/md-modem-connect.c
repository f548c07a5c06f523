/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Bearer life cycle and connections: checks that the modem may connect
 * (registered, roaming allowed), drives the bearer ops, and keeps the modem
 * state at CONNECTING/CONNECTED/DISCONNECTING in step with the bearers. */
#include "md-modem-connect.h"

#include "md-errors.h"
#include "md-log.h"
#include "md-modem-flows.h"
#include "md-modem-operation.h"
#include "md-object-ids.h"

/* The bearer returned belongs to the modem's list. */
static MdBearer *
create_bearer (MdModem *self, MdBearerSettings *settings, gboolean announce, GError **error)
{
  g_autoptr (MdBearerSettings) owned = settings;
  g_autoptr (MdBearer) bearer = NULL;

  if (md_modem_get_bearers (self)->len >= md_modem_get_max_bearers (self)) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_TOO_MANY,
                 "The modem has %u bearer(s) already; delete one first", md_modem_get_bearers (self)->len);
    return NULL;
  }
  bearer = md_bearer_new (md_object_id_next (MD_OBJECT_BEARER), md_modem_get_log_name (self),
                          g_steal_pointer (&owned));
  md_modem_hold_bearer (self, bearer);
  if (announce)
    md_modem_announce_bearer (self, bearer);
  return bearer;
}

MdBearer *
md_modem_create_bearer (MdModem *self, MdBearerSettings *settings, GError **error)
{
  return create_bearer (self, settings, TRUE, error);
}

MdBearer *
md_modem_create_bearer_to_connect (MdModem *self, MdBearerSettings *settings, GError **error)
{
  return create_bearer (self, settings, FALSE, error);
}

MdBearer *
md_modem_find_bearer (MdModem *self, guint bearer_id)
{
  GPtrArray *bearers = md_modem_get_bearers (self);

  for (guint i = 0; i < bearers->len; i++) {
    if (md_bearer_get_id (g_ptr_array_index (bearers, i)) == bearer_id)
      return g_ptr_array_index (bearers, i);
  }
  return NULL;
}

static gboolean
any_bearer_connected (MdModem *self)
{
  GPtrArray *bearers = md_modem_get_bearers (self);

  for (guint i = 0; i < bearers->len; i++) {
    if (md_bearer_is_connected (g_ptr_array_index (bearers, i)))
      return TRUE;
  }
  return FALSE;
}

/* CONNECTING and DISCONNECTING are entered only for a client's request, so
 * leaving them completes that request: "user-requested", as ModemManager
 * reports it. A connection dropped by the network leaves CONNECTED with
 * reason unknown. */
static MdModemStateChangeReason
connection_change_reason (MdModemState from)
{
  if (from == MD_MODEM_STATE_CONNECTING || from == MD_MODEM_STATE_DISCONNECTING)
    return MD_MODEM_STATE_CHANGE_REASON_USER_REQUESTED;
  return MD_MODEM_STATE_CHANGE_REASON_UNKNOWN;
}

void
md_modem_update_connection_state (MdModem *self)
{
  MdModemState state = md_modem_get_state (self);

  if (state < MD_MODEM_STATE_ENABLED)
    return;
  if (any_bearer_connected (self)) {
    md_modem_set_state (self, MD_MODEM_STATE_CONNECTED, connection_change_reason (state));
    return;
  }
  if (state == MD_MODEM_STATE_CONNECTED || state == MD_MODEM_STATE_CONNECTING
      || state == MD_MODEM_STATE_DISCONNECTING)
    md_modem_set_state (self, md_modem_registration_target_state (self), connection_change_reason (state));
}

void
md_modem_apply_traffic (MdModem *self, const MdTraffic *traffic)
{
  GPtrArray *bearers = md_modem_get_bearers (self);

  for (guint i = 0; i < bearers->len; i++)
    md_bearer_update_traffic (g_ptr_array_index (bearers, i), traffic->rx_bytes, traffic->tx_bytes);
}

static void
traffic_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree MdTraffic *traffic = g_task_propagate_pointer (G_TASK (result), &error);

  if (traffic)
    md_modem_apply_traffic (MD_MODEM (source), traffic);
  else
    md_log_debug (md_modem_get_log_name (MD_MODEM (source)), "traffic counters: %s", error->message);
}

/* The counters at a connection's start are its baseline: read them at
 * once, not at the next poll. */
static void
load_traffic_baseline (MdModem *self)
{
  MdModemOp op = md_modem_get_ops (self)->bearer->load_traffic;

  if (op)
    op (self, g_task_new (self, NULL, traffic_ready, NULL));
}

void
md_modem_bearer_dropped (MdModem *self, MdBearer *bearer, const GError *reason)
{
  md_bearer_set_disconnected (bearer, reason);
  md_modem_update_connection_state (self);
}

static gboolean
bearer_exists (MdModem *self, MdBearer *bearer, GError **error)
{
  if (g_ptr_array_find (md_modem_get_bearers (self), bearer, NULL))
    return TRUE;
  g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_NOT_FOUND, "The bearer was deleted");
  return FALSE;
}

static gboolean
check_can_connect (MdModem *self, MdBearer *bearer, GError **error)
{
  MdModem3gppRegistrationState reg = md_modem_get_registration_state (self);
  MdModemState state = md_modem_get_state (self);
  const MdModemBearerOps *ops = md_modem_get_ops (self)->bearer;

  if (!bearer_exists (self, bearer, error))
    return FALSE;
  if (!ops || !ops->connect) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED, "The modem cannot connect");
    return FALSE;
  }
  if (md_bearer_is_connected (bearer)) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_CONNECTED, "The bearer is connected already");
    return FALSE;
  }
  if (md_bearer_get_settings (bearer)->multiplex == MD_BEARER_MULTIPLEX_SUPPORT_REQUIRED
      && md_modem_get_max_multiplexed_bearers (self) == 0) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED, "Multiplexing required but not supported");
    return FALSE;
  }
  if (state == MD_MODEM_STATE_LOCKED) {
    g_set_error (error, MD_MOBILE_EQUIPMENT_ERROR, MD_MOBILE_EQUIPMENT_ERROR_SIM_PIN, "The SIM is locked");
    return FALSE;
  }
  if (state < MD_MODEM_STATE_ENABLED) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_WRONG_STATE, "The modem is not enabled");
    return FALSE;
  }
  if (state == MD_MODEM_STATE_CONNECTING || state == MD_MODEM_STATE_DISCONNECTING) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_IN_PROGRESS, "Another connection change is in progress");
    return FALSE;
  }
  if (!md_modem_is_registered (self)) {
    g_set_error (error, MD_MOBILE_EQUIPMENT_ERROR, MD_MOBILE_EQUIPMENT_ERROR_NO_NETWORK,
                 "The modem is not registered in a network");
    return FALSE;
  }
  if (!md_bearer_get_settings (bearer)->allow_roaming
      && (reg == MD_MODEM_3GPP_REGISTRATION_STATE_ROAMING
          || reg == MD_MODEM_3GPP_REGISTRATION_STATE_ROAMING_SMS_ONLY
          || reg == MD_MODEM_3GPP_REGISTRATION_STATE_ROAMING_CSFB_NOT_PREFERRED)) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_UNAUTHORIZED,
                 "The modem is roaming and the bearer does not allow roaming");
    return FALSE;
  }
  return TRUE;
}

static void
connect_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  MdModem *self = MD_MODEM (source);
  MdBearer *bearer = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error)) {
    md_bearer_set_disconnected (bearer, error);
    md_modem_update_connection_state (self);
    g_task_return_error (task, error);
    return;
  }
  md_modem_update_connection_state (self);
  load_traffic_baseline (self);
  g_task_return_boolean (task, TRUE);
}

/* The op gets no cancellable: a dial once sent completes, and whoever
 * wanted it gone hangs it up afterwards (md-modem-operation.h). */
void
md_modem_connect_flow_async (MdModem *self, MdBearer *bearer, GAsyncReadyCallback callback,
                             gpointer user_data)
{
  GTask *task = g_task_new (self, NULL, callback, user_data);
  GError *error = NULL;

  g_task_set_task_data (task, g_object_ref (bearer), g_object_unref);
  if (!check_can_connect (self, bearer, &error)) {
    md_modem_announce_bearer (self, bearer);
    g_task_return_error (task, error);
    g_object_unref (task);
    return;
  }
  /* The op's first requests go out before a held bearer is announced
   * (exported) and before the state change's D-Bus signals are built: the
   * modem works on them meanwhile. Its answers come in a later main loop
   * iteration, after both. */
  md_modem_get_ops (self)->bearer->connect (self, bearer, NULL, g_task_new (self, NULL, connect_ready, task));
  md_modem_announce_bearer (self, bearer);
  md_modem_set_state (self, MD_MODEM_STATE_CONNECTING, MD_MODEM_STATE_CHANGE_REASON_USER_REQUESTED);
  md_bearer_note_attempt (bearer);
}

static void
connect_body (MdModem *self, MdOperation *op, GAsyncReadyCallback done, gpointer done_data)
{
  if (g_cancellable_is_cancelled (md_operation_get_cancellable (op))) {
    g_task_report_new_error (self, done, done_data, connect_body, MD_CORE_ERROR, MD_CORE_ERROR_CANCELLED,
                             "The connection was cancelled");
    return;
  }
  md_modem_connect_flow_async (self, md_operation_get_data (op), done, done_data);
}

void
md_modem_connect_bearer_async (MdModem *self, MdBearer *bearer, GCancellable *cancellable,
                               GAsyncReadyCallback callback, gpointer user_data)
{
  static const MdOperationSpec spec = { MD_OPERATION_CONNECT, connect_body, FALSE };

  md_modem_operation_run (self, &spec, g_object_ref (bearer), g_object_unref, cancellable, callback,
                          user_data);
}

gboolean
md_modem_connect_bearer_finish (MdModem *self, GAsyncResult *result, GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
disconnect_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  MdModem *self = MD_MODEM (source);
  MdBearer *bearer = g_task_get_task_data (task);
  GError *error = NULL;

  /* Whatever the modem said, the bearer is no longer usable. */
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    md_log_warn (md_bearer_get_log_name (bearer), "disconnection reported: %s", error->message);
  md_bearer_set_disconnected (bearer, NULL);
  md_modem_update_connection_state (self);
  if (error)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
md_modem_disconnect_flow_async (MdModem *self, MdBearer *bearer, GAsyncReadyCallback callback,
                                gpointer user_data)
{
  GTask *task = g_task_new (self, NULL, callback, user_data);
  const MdModemBearerOps *ops = md_modem_get_ops (self)->bearer;

  g_task_set_task_data (task, g_object_ref (bearer), g_object_unref);
  if (!md_bearer_is_connected (bearer)) {
    g_task_return_boolean (task, TRUE);
    g_object_unref (task);
    return;
  }
  if (md_modem_get_state (self) == MD_MODEM_STATE_CONNECTED)
    md_modem_set_state (self, MD_MODEM_STATE_DISCONNECTING, MD_MODEM_STATE_CHANGE_REASON_USER_REQUESTED);
  ops->disconnect (self, bearer, g_task_new (self, NULL, disconnect_ready, task));
}

static void
disconnect_body (MdModem *self, MdOperation *op, GAsyncReadyCallback done, gpointer done_data)
{
  MdBearer *bearer = md_operation_get_data (op);

  if (bearer)
    md_modem_disconnect_flow_async (self, bearer, done, done_data);
  else
    md_modem_disconnect_all_flow_async (self, done, done_data);
}

static const MdOperationSpec disconnect_spec = { MD_OPERATION_DISCONNECT, disconnect_body, FALSE };

void
md_modem_disconnect_bearer_async (MdModem *self, MdBearer *bearer, GAsyncReadyCallback callback,
                                  gpointer user_data)
{
  md_modem_operation_run (self, &disconnect_spec, g_object_ref (bearer), g_object_unref, NULL, callback,
                          user_data);
}

gboolean
md_modem_disconnect_bearer_finish (MdModem *self, GAsyncResult *result, GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void disconnect_next (GTask *task);

static void
disconnect_one_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  md_modem_disconnect_bearer_finish (MD_MODEM (source), result, NULL);
  disconnect_next (user_data);
}

static void
disconnect_next (GTask *task)
{
  MdModem *self = g_task_get_source_object (task);
  GPtrArray *bearers = md_modem_get_bearers (self);

  for (guint i = 0; i < bearers->len; i++) {
    MdBearer *bearer = g_ptr_array_index (bearers, i);

    if (md_bearer_is_connected (bearer)) {
      md_modem_disconnect_flow_async (self, bearer, disconnect_one_ready, task);
      return;
    }
  }
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

void
md_modem_disconnect_all_flow_async (MdModem *self, GAsyncReadyCallback callback, gpointer user_data)
{
  disconnect_next (g_task_new (self, NULL, callback, user_data));
}

void
md_modem_disconnect_all_async (MdModem *self, GAsyncReadyCallback callback, gpointer user_data)
{
  md_modem_operation_run (self, &disconnect_spec, NULL, NULL, NULL, callback, user_data);
}

gboolean
md_modem_disconnect_all_finish (MdModem *self, GAsyncResult *result, GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
delete_disconnected (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  MdBearer *bearer = g_task_get_task_data (task);

  md_modem_disconnect_bearer_finish (MD_MODEM (source), result, NULL);
  md_modem_remove_bearer (MD_MODEM (source), bearer);
  g_task_return_boolean (task, TRUE);
}

static void
delete_body (MdModem *self, MdOperation *op, GAsyncReadyCallback done, gpointer done_data)
{
  MdBearer *bearer = md_operation_get_data (op);
  GTask *task = g_task_new (self, NULL, done, done_data);
  GError *error = NULL;

  if (!bearer_exists (self, bearer, &error)) {
    g_task_return_error (task, error);
    g_object_unref (task);
    return;
  }
  g_task_set_task_data (task, g_object_ref (bearer), g_object_unref);
  md_modem_disconnect_flow_async (self, bearer, delete_disconnected, task);
}

void
md_modem_delete_bearer_async (MdModem *self, MdBearer *bearer, GAsyncReadyCallback callback,
                              gpointer user_data)
{
  static const MdOperationSpec spec = { MD_OPERATION_DELETE_BEARER, delete_body, FALSE };

  md_modem_operation_run (self, &spec, g_object_ref (bearer), g_object_unref, NULL, callback, user_data);
}

gboolean
md_modem_delete_bearer_finish (MdModem *self, GAsyncResult *result, GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
