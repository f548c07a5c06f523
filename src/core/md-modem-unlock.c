/* SPDX-License-Identifier: GPL-2.0-or-later */
/* SIM PIN flows: send PIN or PUK, enable/disable the PIN, change it. Each
 * checks the SIM's state, runs the SIM op, reloads the lock state and retries
 * (so a wrong PIN shows the retries dropping and, at zero, SIM-PUK), and
 * resumes initialization once a LOCKED modem is unlocked. */
#include "md-modem-unlock.h"

#include "md-errors.h"
#include "md-log.h"
#include "md-modem-flows.h"
#include "md-modem-init.h"
#include "md-modem-operation.h"

typedef enum {
  UNLOCK_STEP_RUN_OP,
  UNLOCK_STEP_RELOAD_LOCK,
  UNLOCK_STEP_RELOAD_RETRIES,
  UNLOCK_STEP_RELOAD_FACILITIES,
  UNLOCK_STEP_RESUME_INIT,
  UNLOCK_STEP_LAST,
} UnlockStep;

typedef enum {
  SIM_ACTION_SEND_PIN,
  SIM_ACTION_SEND_PUK,
  SIM_ACTION_ENABLE_PIN,
  SIM_ACTION_CHANGE_PIN,
} SimAction;

typedef struct {
  SimAction action;
  UnlockStep step;
  char *code1;
  char *code2;
  gboolean enabled;
  gboolean blocked; /* the reloads found the SIM unusable */
  GError *op_error; /* the op's failure, returned after the reloads */
} UnlockContext;

static void
unlock_context_free (gpointer data)
{
  UnlockContext *ctx = data;

  g_free (ctx->code1);
  g_free (ctx->code2);
  g_clear_error (&ctx->op_error);
  g_free (ctx);
}

static void unlock_step (GTask *task);

static void
advance (GTask *task)
{
  UnlockContext *ctx = g_task_get_task_data (task);

  ctx->step++;
  unlock_step (task);
}

static void
op_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  UnlockContext *ctx = g_task_get_task_data (task);

  if (!g_task_propagate_boolean (G_TASK (result), &ctx->op_error))
    md_log_info (md_modem_get_log_name (MD_MODEM (source)), "SIM operation failed: %s",
                 ctx->op_error->message);
  advance (task);
}

static gboolean
is_sim_error (const GError *error)
{
  return g_error_matches (error, MD_MOBILE_EQUIPMENT_ERROR, MD_MOBILE_EQUIPMENT_ERROR_SIM_FAILURE)
         || g_error_matches (error, MD_MOBILE_EQUIPMENT_ERROR, MD_MOBILE_EQUIPMENT_ERROR_SIM_WRONG);
}

static void
lock_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  UnlockContext *ctx = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  gssize lock = g_task_propagate_int (G_TASK (result), &error);

  /* A card whose PUK retries are used up answers as a failed SIM (+CME
   * ERROR 13 on AT, BAD_SIM on MBIM). */
  if (is_sim_error (error))
    ctx->blocked = TRUE;
  else if (!error)
    md_modem_set_unlock_required (MD_MODEM (source), (MdModemLock)lock);
  advance (task);
}

static guint
retries_for (GArray *retries, MdModemLock lock, gboolean *known)
{
  for (guint i = 0; i < retries->len; i++) {
    if (g_array_index (retries, MdUnlockRetry, i).lock == lock) {
      *known = TRUE;
      return g_array_index (retries, MdUnlockRetry, i).retries;
    }
  }
  *known = FALSE;
  return 0;
}

/* The SIM is permanently blocked: the modem fails with reason sim-error,
 * still says it wants the PUK, and shows no PUK retries left, whatever
 * protocol told us. */
static void
mark_blocked (MdModem *self)
{
  GArray *retries = g_array_new (FALSE, TRUE, sizeof (MdUnlockRetry));
  GArray *old = md_modem_get_unlock_retries (self);
  MdUnlockRetry puk = { MD_MODEM_LOCK_SIM_PUK, 0 };

  for (guint i = 0; i < old->len; i++) {
    if (g_array_index (old, MdUnlockRetry, i).lock != MD_MODEM_LOCK_SIM_PUK)
      g_array_append_val (retries, g_array_index (old, MdUnlockRetry, i));
  }
  g_array_append_val (retries, puk);
  md_modem_take_unlock_retries (self, retries);
  md_modem_set_unlock_required (self, MD_MODEM_LOCK_SIM_PUK);
  md_log_warn (md_modem_get_log_name (self), "the SIM is blocked: no PUK retries left");
  md_modem_set_failed (self, MD_MODEM_STATE_FAILED_REASON_SIM_ERROR);
}

static GError *
blocked_error (void)
{
  return g_error_new (MD_MOBILE_EQUIPMENT_ERROR, MD_MOBILE_EQUIPMENT_ERROR_SIM_FAILURE,
                      "The SIM is blocked: its PUK retries are used up");
}

static void
retries_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  UnlockContext *ctx = g_task_get_task_data (task);
  GArray *retries = g_task_propagate_pointer (G_TASK (result), NULL);
  gboolean known = FALSE;

  if (retries)
    md_modem_take_unlock_retries (MD_MODEM (source), retries);
  if (md_modem_get_unlock_required (MD_MODEM (source)) == MD_MODEM_LOCK_SIM_PUK
      && retries_for (md_modem_get_unlock_retries (MD_MODEM (source)), MD_MODEM_LOCK_SIM_PUK, &known) == 0
      && known)
    ctx->blocked = TRUE;
  advance (task);
}

static void
facilities_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  g_autoptr (GError) error = NULL;
  gssize locks = g_task_propagate_int (G_TASK (result), &error);

  if (!error)
    md_modem_set_facility_locks (MD_MODEM (source), (guint32)locks);
  advance (task);
}

static void
resume_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  if (!md_modem_initialize_finish (MD_MODEM (source), result, &error)) {
    g_task_return_error (task, error);
    g_object_unref (task);
    return;
  }
  advance (task);
}

static void
run_sim_op (MdModem *self, UnlockContext *ctx, GTask *op_task)
{
  const MdModemSimOps *sim = md_modem_get_ops (self)->sim;

  switch (ctx->action) {
  case SIM_ACTION_SEND_PIN: sim->send_pin (self, ctx->code1, op_task); return;
  case SIM_ACTION_SEND_PUK: sim->send_puk (self, ctx->code1, ctx->code2, op_task); return;
  case SIM_ACTION_ENABLE_PIN: sim->enable_pin (self, ctx->code1, ctx->enabled, op_task); return;
  case SIM_ACTION_CHANGE_PIN: sim->change_pin (self, ctx->code1, ctx->code2, op_task); return;
  }
}

static GTask *
sub_task (GTask *task, GAsyncReadyCallback ready)
{
  return g_task_new (g_task_get_source_object (task), g_task_get_cancellable (task), ready, task);
}

static void
unlock_step (GTask *task)
{
  MdModem *self = g_task_get_source_object (task);
  UnlockContext *ctx = g_task_get_task_data (task);
  const MdModemSimOps *sim = md_modem_get_ops (self)->sim;

  switch (ctx->step) {
  case UNLOCK_STEP_RUN_OP: run_sim_op (self, ctx, sub_task (task, op_ready)); return;
  case UNLOCK_STEP_RELOAD_LOCK:
    if (sim->load_unlock_required) {
      sim->load_unlock_required (self, sub_task (task, lock_ready));
      return;
    }
    advance (task);
    return;
  case UNLOCK_STEP_RELOAD_RETRIES:
    if (sim->load_unlock_retries) {
      sim->load_unlock_retries (self, sub_task (task, retries_ready));
      return;
    }
    advance (task);
    return;
  case UNLOCK_STEP_RELOAD_FACILITIES:
    if (sim->load_facility_locks && !ctx->op_error) {
      sim->load_facility_locks (self, sub_task (task, facilities_ready));
      return;
    }
    advance (task);
    return;
  case UNLOCK_STEP_RESUME_INIT:
    if (!ctx->op_error && md_modem_get_state (self) == MD_MODEM_STATE_LOCKED
        && md_modem_get_unlock_required (self) == MD_MODEM_LOCK_NONE) {
      md_modem_initialize_after_unlock_async (self, g_task_get_cancellable (task), resume_ready, task);
      return;
    }
    advance (task);
    return;
  case UNLOCK_STEP_LAST:
    if (ctx->blocked) {
      mark_blocked (self);
      g_clear_error (&ctx->op_error);
      ctx->op_error = blocked_error ();
    }
    if (ctx->op_error)
      g_task_return_error (task, g_steal_pointer (&ctx->op_error));
    else
      g_task_return_boolean (task, TRUE);
    g_object_unref (task);
    return;
  }
}

static gboolean
check_request (MdModem *self, UnlockContext *ctx, GError **error)
{
  const MdModemSimOps *sim = md_modem_get_ops (self)->sim;
  MdModemLock lock = md_modem_get_unlock_required (self);
  gboolean has_op = FALSE;

  switch (ctx->action) {
  case SIM_ACTION_SEND_PIN: has_op = sim && sim->send_pin; break;
  case SIM_ACTION_SEND_PUK: has_op = sim && sim->send_puk; break;
  case SIM_ACTION_ENABLE_PIN: has_op = sim && sim->enable_pin; break;
  case SIM_ACTION_CHANGE_PIN: has_op = sim && sim->change_pin; break;
  }
  if (!has_op) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED, "The modem cannot do this");
    return FALSE;
  }
  if (md_modem_get_state (self) == MD_MODEM_STATE_FAILED
      && md_modem_get_failed_reason (self) == MD_MODEM_STATE_FAILED_REASON_SIM_ERROR) {
    g_propagate_error (error, blocked_error ());
    return FALSE;
  }
  if (ctx->action == SIM_ACTION_SEND_PIN && lock != MD_MODEM_LOCK_SIM_PIN) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_WRONG_STATE,
                 lock == MD_MODEM_LOCK_SIM_PUK ? "The SIM wants its PUK, not a PIN"
                                               : "The SIM is not waiting for a PIN");
    return FALSE;
  }
  if (ctx->action == SIM_ACTION_SEND_PUK && lock != MD_MODEM_LOCK_SIM_PUK) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_WRONG_STATE, "The SIM is not waiting for a PUK");
    return FALSE;
  }
  if ((ctx->action == SIM_ACTION_ENABLE_PIN || ctx->action == SIM_ACTION_CHANGE_PIN)
      && lock != MD_MODEM_LOCK_NONE) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_WRONG_STATE, "Unlock the SIM first");
    return FALSE;
  }
  return TRUE;
}

static void
start_flow (MdModem *self, UnlockContext *ctx, GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task = g_task_new (self, NULL, callback, user_data);
  GError *error = NULL;

  g_task_set_task_data (task, ctx, unlock_context_free);
  if (!check_request (self, ctx, &error)) {
    g_task_return_error (task, error);
    g_object_unref (task);
    return;
  }
  unlock_step (task);
}

static void
sim_body (MdModem *self, MdOperation *op, GAsyncReadyCallback done, gpointer done_data)
{
  start_flow (self, md_operation_steal_data (op), done, done_data);
}

static void
start (MdModem *self, UnlockContext *ctx, GCancellable *cancellable, GAsyncReadyCallback callback,
       gpointer user_data)
{
  static const MdOperationSpec spec = { MD_OPERATION_SIM, sim_body, FALSE };

  md_modem_operation_run (self, &spec, ctx, unlock_context_free, cancellable, callback, user_data);
}

static UnlockContext *
context_new (SimAction action, const char *code1, const char *code2, gboolean enabled)
{
  UnlockContext *ctx = g_new0 (UnlockContext, 1);

  ctx->action = action;
  ctx->code1 = g_strdup (code1);
  ctx->code2 = g_strdup (code2);
  ctx->enabled = enabled;
  return ctx;
}

void
md_modem_send_pin_async (MdModem *self, const char *pin, GCancellable *cancellable,
                         GAsyncReadyCallback callback, gpointer user_data)
{
  start (self, context_new (SIM_ACTION_SEND_PIN, pin, NULL, FALSE), cancellable, callback, user_data);
}

void
md_modem_send_pin_flow_async (MdModem *self, const char *pin, GAsyncReadyCallback callback,
                              gpointer user_data)
{
  start_flow (self, context_new (SIM_ACTION_SEND_PIN, pin, NULL, FALSE), callback, user_data);
}

void
md_modem_send_puk_async (MdModem *self, const char *puk, const char *new_pin, GCancellable *cancellable,
                         GAsyncReadyCallback callback, gpointer user_data)
{
  start (self, context_new (SIM_ACTION_SEND_PUK, puk, new_pin, FALSE), cancellable, callback, user_data);
}

void
md_modem_enable_pin_async (MdModem *self, const char *pin, gboolean enabled, GCancellable *cancellable,
                           GAsyncReadyCallback callback, gpointer user_data)
{
  start (self, context_new (SIM_ACTION_ENABLE_PIN, pin, NULL, enabled), cancellable, callback, user_data);
}

void
md_modem_change_pin_async (MdModem *self, const char *old_pin, const char *new_pin, GCancellable *cancellable,
                           GAsyncReadyCallback callback, gpointer user_data)
{
  start (self, context_new (SIM_ACTION_CHANGE_PIN, old_pin, new_pin, FALSE), cancellable, callback,
         user_data);
}

gboolean
md_modem_sim_action_finish (MdModem *self, GAsyncResult *result, GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
