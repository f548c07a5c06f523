/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Simple.Connect as one serialized operation: unlock with the given PIN,
 * enable, register (in the given operator or automatically), wait for
 * registration, then reuse a matching bearer or create one, and connect
 * it. Its steps run the unserialized flows, and a disable or disconnect
 * queued meanwhile stops it between steps (md-modem-operation.h). */
#include "md-modem-connect.h"

#include "md-errors.h"
#include "md-log.h"
#include "md-modem-enable.h"
#include "md-modem-flows.h"
#include "md-modem-operation.h"
#include "md-modem-poll.h"
#include "md-modem-private.h"
#include "md-modem-unlock.h"

typedef enum {
  SIMPLE_STEP_UNLOCK,
  SIMPLE_STEP_ENABLE,
  SIMPLE_STEP_REGISTER,
  SIMPLE_STEP_WAIT_REGISTRATION,
  SIMPLE_STEP_BEARER,
  SIMPLE_STEP_CONNECT,
  SIMPLE_STEP_LAST,
} SimpleStep;

typedef struct {
  SimpleStep step;
  MdSimpleConnectRequest *request; /* borrowed from the operation */
  MdBearer *bearer;
  /* While waiting for registration: */
  gulong changed_id;
  gulong cancelled_id;
  guint deadline_source;
  guint repoll_source;
  guint check_source;
  gboolean polling;
  gboolean waiting;
} SimpleContext;

void
md_simple_connect_request_free (MdSimpleConnectRequest *request)
{
  if (!request)
    return;
  md_bearer_settings_free (request->bearer);
  g_free (request->pin);
  g_free (request->operator_id);
  g_free (request);
}

static void
simple_context_free (gpointer data)
{
  SimpleContext *ctx = data;

  g_clear_object (&ctx->bearer);
  g_free (ctx);
}

static void simple_step (GTask *task);
static void stop_waiting (GTask *task);

static void
fail (GTask *task, GError *error)
{
  SimpleContext *ctx = g_task_get_task_data (task);

  /* A bearer created but not connected is announced all the same. */
  if (ctx->bearer)
    md_modem_announce_bearer (g_task_get_source_object (task), ctx->bearer);
  stop_waiting (task);
  g_task_return_error (task, error);
  g_object_unref (task);
}

static void
advance (GTask *task)
{
  SimpleContext *ctx = g_task_get_task_data (task);

  ctx->step++;
  simple_step (task);
}

static void
unlock_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GError *error = NULL;

  if (!md_modem_sim_action_finish (MD_MODEM (source), result, &error)) {
    fail (user_data, error);
    return;
  }
  advance (user_data);
}

static void
enable_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GError *error = NULL;

  if (!md_modem_enable_finish (MD_MODEM (source), result, &error)) {
    fail (user_data, error);
    return;
  }
  advance (user_data);
}

static void
register_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error)) {
    fail (user_data, error);
    return;
  }
  advance (user_data);
}

static void
connect_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  SimpleContext *ctx = g_task_get_task_data (task);
  GError *error = NULL;

  if (!md_modem_connect_bearer_finish (MD_MODEM (source), result, &error)) {
    fail (task, error);
    return;
  }
  g_task_return_pointer (task, g_steal_pointer (&ctx->bearer), g_object_unref);
  g_object_unref (task);
}

/* --- waiting for registration: on the modem's "changed" signal ----------- */

static void
stop_waiting (GTask *task)
{
  SimpleContext *ctx = g_task_get_task_data (task);
  MdModem *self = g_task_get_source_object (task);

  if (!ctx->waiting)
    return;
  ctx->waiting = FALSE;
  g_clear_signal_handler (&ctx->changed_id, self);
  g_clear_signal_handler (&ctx->cancelled_id, g_task_get_cancellable (task));
  g_clear_handle_id (&ctx->deadline_source, g_source_remove);
  g_clear_handle_id (&ctx->repoll_source, g_source_remove);
  g_clear_handle_id (&ctx->check_source, g_source_remove);
}

static void
check_registration (GTask *task)
{
  MdModem *self = g_task_get_source_object (task);

  if (md_modem_has_vanished (self)) {
    fail (task, g_error_new (MD_CORE_ERROR, MD_CORE_ERROR_ABORTED, "The device vanished"));
    return;
  }
  if (g_cancellable_is_cancelled (g_task_get_cancellable (task))) {
    fail (task, g_error_new (MD_CORE_ERROR, MD_CORE_ERROR_CANCELLED, "The connection was cancelled"));
    return;
  }
  if (md_modem_get_state (self) < MD_MODEM_STATE_ENABLED) {
    fail (task, g_error_new (MD_CORE_ERROR, MD_CORE_ERROR_WRONG_STATE, "The modem is no longer enabled"));
    return;
  }
  /* A network that refused us will not take us a second later. */
  if (md_modem_get_registration_state (self) == MD_MODEM_3GPP_REGISTRATION_STATE_DENIED) {
    fail (task, g_error_new (MD_MOBILE_EQUIPMENT_ERROR, MD_MOBILE_EQUIPMENT_ERROR_NETWORK_NOT_ALLOWED,
                             "The network denied registration"));
    return;
  }
  if (md_modem_is_registered (self)) {
    stop_waiting (task);
    advance (task);
  }
}

/* Signal handlers only schedule the check: the check may end the flow,
 * which must not happen inside the emission that called us. */
static gboolean
check_in_idle (gpointer user_data)
{
  GTask *task = user_data;
  SimpleContext *ctx = g_task_get_task_data (task);

  ctx->check_source = 0;
  check_registration (task);
  return G_SOURCE_REMOVE;
}

static void
schedule_check (GTask *task)
{
  SimpleContext *ctx = g_task_get_task_data (task);

  if (ctx->waiting && !ctx->check_source)
    ctx->check_source = g_idle_add (check_in_idle, task);
}

/* ModemManager 1.20 gives up on a 3GPP modem after 60 s with
 * MobileEquipment.NetworkTimeout; clients (NetworkManager) read that name. */
static gboolean
registration_deadline (gpointer user_data)
{
  GTask *task = user_data;
  SimpleContext *ctx = g_task_get_task_data (task);
  MdModem *self = g_task_get_source_object (task);

  ctx->deadline_source = 0;
  md_log_info (md_modem_get_log_name (self), "not registered after %u s: Simple.Connect gives up",
               self->registration_timeout_s);
  fail (task,
        g_error_new (MD_MOBILE_EQUIPMENT_ERROR, MD_MOBILE_EQUIPMENT_ERROR_NETWORK_TIMEOUT,
                     "Network timeout: not registered within %u seconds", self->registration_timeout_s));
  return G_SOURCE_REMOVE;
}

static void
repoll_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SimpleContext *ctx = g_task_get_task_data (task);

  md_modem_poll_now_finish (MD_MODEM (source), result, NULL);
  ctx->polling = FALSE;
  schedule_check (task);
}

/* The poller's timer skips its turns while this operation holds the modem,
 * so the wait does the poller's periodic poll itself. */
static gboolean
repoll (gpointer user_data)
{
  GTask *task = user_data;
  SimpleContext *ctx = g_task_get_task_data (task);

  if (!ctx->polling) {
    ctx->polling = TRUE;
    md_modem_poll_now_async (g_task_get_source_object (task), NULL, repoll_ready, g_object_ref (task));
  }
  return G_SOURCE_CONTINUE;
}

static void
wait_registration (MdModem *self, GTask *task, SimpleContext *ctx)
{
  ctx->waiting = TRUE;
  ctx->changed_id = g_signal_connect_swapped (self, "changed", G_CALLBACK (schedule_check), task);
  ctx->cancelled_id = g_signal_connect_swapped (g_task_get_cancellable (task), "cancelled",
                                                G_CALLBACK (schedule_check), task);
  ctx->deadline_source = g_timeout_add_seconds (self->registration_timeout_s, registration_deadline, task);
  ctx->repoll_source = g_timeout_add_seconds (md_modem_poll_get_interval (self), repoll, task);
  if (!md_modem_is_registered (self))
    md_log_debug (md_modem_get_log_name (self), "Simple.Connect waits up to %u s for registration",
                  self->registration_timeout_s);
  check_registration (task);
}

static gboolean
settings_match (const MdBearerSettings *a, const MdBearerSettings *b)
{
  return g_strcmp0 (a->apn, b->apn) == 0 && a->ip_type == b->ip_type && g_strcmp0 (a->user, b->user) == 0
         && g_strcmp0 (a->password, b->password) == 0 && a->allowed_auth == b->allowed_auth
         && a->allow_roaming == b->allow_roaming && g_strcmp0 (a->number, b->number) == 0
         && a->multiplex == b->multiplex;
}

/* Reuses a bearer with the same settings, as ModemManager does, so repeated
 * connects do not pile up bearers. */
static MdBearer *
find_or_create_bearer (MdModem *self, SimpleContext *ctx, GError **error)
{
  GPtrArray *bearers = md_modem_get_bearers (self);

  for (guint i = 0; i < bearers->len; i++) {
    MdBearer *bearer = g_ptr_array_index (bearers, i);

    if (settings_match (md_bearer_get_settings (bearer), ctx->request->bearer))
      return g_object_ref (bearer);
  }
  if (bearers->len >= md_modem_get_max_bearers (self)) {
    for (guint i = 0; i < bearers->len; i++) {
      MdBearer *bearer = g_ptr_array_index (bearers, i);

      /* An idle bearer with other settings makes room for the new one. */
      if (!md_bearer_is_connected (bearer)) {
        md_modem_remove_bearer (self, bearer);
        break;
      }
    }
  }
  {
    MdBearer *bearer
      = md_modem_create_bearer_to_connect (self, g_steal_pointer (&ctx->request->bearer), error);
    return bearer ? g_object_ref (bearer) : NULL;
  }
}

static void
step_unlock (MdModem *self, GTask *task, SimpleContext *ctx)
{
  if (md_modem_get_state (self) != MD_MODEM_STATE_LOCKED) {
    advance (task);
    return;
  }
  if (!ctx->request->pin) {
    fail (task, g_error_new (MD_MOBILE_EQUIPMENT_ERROR,
                             md_modem_get_unlock_required (self) == MD_MODEM_LOCK_SIM_PUK
                               ? MD_MOBILE_EQUIPMENT_ERROR_SIM_PUK
                               : MD_MOBILE_EQUIPMENT_ERROR_SIM_PIN,
                             "The SIM is locked and no PIN was given"));
    return;
  }
  md_modem_send_pin_flow_async (self, ctx->request->pin, unlock_ready, task);
}

static void
simple_step (GTask *task)
{
  MdModem *self = g_task_get_source_object (task);
  SimpleContext *ctx = g_task_get_task_data (task);
  const MdModemNetregOps *netreg = md_modem_get_ops (self)->netreg;
  GError *error = NULL;

  /* A disable or disconnect queued behind us ends the flow here; a step
   * already started runs to its end first. */
  if (ctx->step < SIMPLE_STEP_LAST && g_cancellable_is_cancelled (g_task_get_cancellable (task))) {
    fail (task, g_error_new (MD_CORE_ERROR, MD_CORE_ERROR_CANCELLED, "The connection was cancelled"));
    return;
  }
  switch (ctx->step) {
  case SIMPLE_STEP_UNLOCK: step_unlock (self, task, ctx); return;
  case SIMPLE_STEP_ENABLE: md_modem_enable_flow_async (self, TRUE, enable_ready, task); return;
  case SIMPLE_STEP_REGISTER:
    if (ctx->request->operator_id && *ctx->request->operator_id && netreg && netreg->register_network) {
      netreg->register_network (self, ctx->request->operator_id,
                                g_task_new (self, NULL, register_ready, task));
      return;
    }
    advance (task);
    return;
  case SIMPLE_STEP_WAIT_REGISTRATION: wait_registration (self, task, ctx); return;
  case SIMPLE_STEP_BEARER:
    ctx->bearer = find_or_create_bearer (self, ctx, &error);
    if (!ctx->bearer) {
      fail (task, error);
      return;
    }
    advance (task);
    return;
  case SIMPLE_STEP_CONNECT:
    if (md_bearer_is_connected (ctx->bearer)) {
      advance (task);
      return;
    }
    md_modem_connect_flow_async (self, ctx->bearer, connect_ready, task);
    return;
  case SIMPLE_STEP_LAST:
    g_task_return_pointer (task, g_steal_pointer (&ctx->bearer), g_object_unref);
    g_object_unref (task);
    return;
  }
}

static void
simple_body (MdModem *self, MdOperation *op, GAsyncReadyCallback done, gpointer done_data)
{
  GTask *task = g_task_new (self, md_operation_get_cancellable (op), done, done_data);
  SimpleContext *ctx = g_new0 (SimpleContext, 1);

  ctx->request = md_operation_get_data (op);
  /* The flow answers a cancellation itself, with a Core error. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, ctx, simple_context_free);
  simple_step (task);
}

void
md_modem_set_registration_timeout (MdModem *self, guint seconds)
{
  self->registration_timeout_s = MAX (seconds, 1);
}

void
md_modem_simple_connect_async (MdModem *self, MdSimpleConnectRequest *request, GCancellable *cancellable,
                               GAsyncReadyCallback callback, gpointer user_data)
{
  static const MdOperationSpec spec = { MD_OPERATION_CONNECT, simple_body, TRUE };

  md_modem_operation_run (self, &spec, request, (GDestroyNotify)md_simple_connect_request_free, cancellable,
                          callback, user_data);
}

MdBearer *
md_modem_simple_connect_finish (MdModem *self, GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
