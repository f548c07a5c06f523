/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Enable, disable and power-state flows. Enabling powers the radio up,
 * turns unsolicited reports on and reads the network state once; from then
 * on the state follows registration (md-modem-3gpp.c) and the poller keeps
 * signal and operator fresh (md-modem-poll.c). */
#include "md-modem-enable.h"

#include "md-bearer.h"
#include "md-errors.h"
#include "md-log.h"
#include "md-modem-connect.h"
#include "md-modem-flows.h"
#include "md-modem-operation.h"
#include "md-modem-poll.h"
#include "md-modem-sms.h"

/* Disabling walks the same steps with the opposite meaning: reports off
 * first, then radio power low, then message indications off. */
typedef enum {
  ENABLE_STEP_POWER,
  ENABLE_STEP_UNSOLICITED,
  ENABLE_STEP_TIME_REPORTS,
  ENABLE_STEP_USSD_REPORTS,
  ENABLE_STEP_MESSAGING, /* enabling: with the first registration poll */
  ENABLE_STEP_DONE,
} EnableStep;

typedef struct {
  gboolean enable;
  EnableStep step;
  guint pending; /* branches of a step still running */
  GError *error; /* the first branch error that ends the flow */
} EnableContext;

static void
enable_context_free (gpointer data)
{
  EnableContext *ctx = data;

  g_clear_error (&ctx->error);
  g_free (ctx);
}

static void enable_step (GTask *task);

static void
fail_flow (GTask *task, GError *error)
{
  MdModem *self = g_task_get_source_object (task);
  EnableContext *ctx = g_task_get_task_data (task);

  md_log_warn (md_modem_get_log_name (self), "%s failed: %s", ctx->enable ? "enabling" : "disabling",
               error->message);
  /* Back to where the flow started; a vanished modem goes away anyway. */
  if (!md_modem_has_vanished (self))
    md_modem_set_state (self, ctx->enable ? MD_MODEM_STATE_DISABLED : MD_MODEM_STATE_ENABLED,
                        MD_MODEM_STATE_CHANGE_REASON_FAILURE);
  g_task_return_error (task, error);
  g_object_unref (task);
}

/* Powering is essential; reports and a first poll are best effort unless
 * the modem stopped answering: then it is not enabled. */
static gboolean
ends_flow (MdModem *self, EnableContext *ctx, const GError *error)
{
  return ctx->step == ENABLE_STEP_POWER || md_modem_has_vanished (self) || md_error_is_no_answer (error);
}

/* A step may run branches side by side (ctx->pending); the flow goes on
 * once the last one answered. */
static void
step_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  EnableContext *ctx = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error)) {
    if (ends_flow (MD_MODEM (source), ctx, error) && !ctx->error) {
      ctx->error = error;
    } else {
      md_log_debug (md_modem_get_log_name (MD_MODEM (source)), "ignoring: %s", error->message);
      g_error_free (error);
    }
  }
  if (ctx->pending > 1) {
    ctx->pending--;
    return;
  }
  ctx->pending = 0;
  if (ctx->error) {
    fail_flow (task, g_steal_pointer (&ctx->error));
    return;
  }
  ctx->step++;
  enable_step (task);
}

static void
run_power (MdModem *self, GTask *task, MdModemPowerState power)
{
  const MdModemPowerOps *ops = md_modem_get_ops (self)->power;
  GTask *sub = g_task_new (self, g_task_get_cancellable (task), step_ready, task);

  if (!ops || !ops->set_power_state) {
    g_task_return_boolean (sub, TRUE);
    g_object_unref (sub);
    return;
  }
  ops->set_power_state (self, power, sub);
}

static void
run_op (MdModem *self, GTask *task, MdModemOp op)
{
  GTask *sub = g_task_new (self, g_task_get_cancellable (task), step_ready, task);

  if (!op) {
    g_task_return_boolean (sub, TRUE);
    g_object_unref (sub);
    return;
  }
  op (self, sub);
}

static void
finish_enable (MdModem *self, GTask *task)
{
  EnableContext *ctx = g_task_get_task_data (task);

  if (ctx->enable) {
    md_modem_set_power_state (self, MD_MODEM_POWER_STATE_ON);
    md_modem_set_state (self, MD_MODEM_STATE_ENABLED, MD_MODEM_STATE_CHANGE_REASON_USER_REQUESTED);
    md_modem_follow_registration (self);
    md_modem_poll_start (self);
  } else {
    md_modem_set_power_state (self, MD_MODEM_POWER_STATE_LOW);
    md_modem_reset_network_state (self);
    md_modem_set_state (self, MD_MODEM_STATE_DISABLED, MD_MODEM_STATE_CHANGE_REASON_USER_REQUESTED);
  }
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
enable_step (GTask *task)
{
  MdModem *self = g_task_get_source_object (task);
  EnableContext *ctx = g_task_get_task_data (task);
  const MdModemNetregOps *netreg = md_modem_get_ops (self)->netreg;
  const MdModemTimeOps *time = md_modem_get_ops (self)->time;
  const MdModemUssdOps *ussd = md_modem_get_ops (self)->ussd;

  switch (ctx->step) {
  case ENABLE_STEP_POWER:
    if (ctx->enable) {
      run_power (self, task, MD_MODEM_POWER_STATE_ON);
      return;
    }
    run_op (self, task, netreg ? netreg->disable_unsolicited : NULL);
    return;
  case ENABLE_STEP_UNSOLICITED:
    if (ctx->enable) {
      run_op (self, task, netreg ? netreg->enable_unsolicited : NULL);
      return;
    }
    run_power (self, task, MD_MODEM_POWER_STATE_LOW);
    return;
  case ENABLE_STEP_TIME_REPORTS:
    /* Best effort, like the other reports; nothing to undo on disable. */
    if (ctx->enable) {
      run_op (self, task, time ? time->enable_reports : NULL);
      return;
    }
    ctx->step++;
    enable_step (task);
    return;
  case ENABLE_STEP_USSD_REPORTS:
    if (ctx->enable) {
      run_op (self, task, ussd ? ussd->enable_reports : NULL);
      return;
    }
    ctx->step++;
    enable_step (task);
    return;
  case ENABLE_STEP_MESSAGING:
    /* Messages are loaded once the radio is on and the SIM answers. The
     * first registration poll runs beside them: neither needs the other,
     * and on QMI and MBIM their requests travel at once. */
    if (ctx->enable) {
      ctx->pending = 2;
      md_modem_poll_now_async (self, g_task_get_cancellable (task), step_ready, task);
    }
    md_modem_sms_enable_async (self, ctx->enable, g_task_get_cancellable (task), step_ready, task);
    return;
  case ENABLE_STEP_DONE: finish_enable (self, task); return;
  }
}

static gboolean
check_enable (MdModem *self, gboolean enable, gboolean *nothing_to_do, GError **error)
{
  MdModemState state = md_modem_get_state (self);

  *nothing_to_do = FALSE;
  switch (state) {
  case MD_MODEM_STATE_FAILED:
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_WRONG_STATE, "The modem is in the failed state");
    return FALSE;
  case MD_MODEM_STATE_UNKNOWN:
  case MD_MODEM_STATE_INITIALIZING:
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_WRONG_STATE, "The modem is not initialized yet");
    return FALSE;
  case MD_MODEM_STATE_LOCKED:
    if (!enable) {
      *nothing_to_do = TRUE;
      return TRUE;
    }
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_WRONG_STATE, "The SIM is locked: unlock it first");
    return FALSE;
  case MD_MODEM_STATE_ENABLING:
  case MD_MODEM_STATE_DISABLING:
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_IN_PROGRESS, "The modem is being %s",
                 state == MD_MODEM_STATE_ENABLING ? "enabled" : "disabled");
    return FALSE;
  case MD_MODEM_STATE_DISABLED: *nothing_to_do = !enable; return TRUE;
  case MD_MODEM_STATE_ENABLED:
  case MD_MODEM_STATE_SEARCHING:
  case MD_MODEM_STATE_REGISTERED:
  case MD_MODEM_STATE_DISCONNECTING:
  case MD_MODEM_STATE_CONNECTING:
  case MD_MODEM_STATE_CONNECTED: *nothing_to_do = enable; return TRUE;
  }
  return TRUE;
}

static void
bearers_down_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  MdModem *self = MD_MODEM (source);

  /* A bearer that would not hang up cleanly is marked down anyway. */
  md_modem_disconnect_all_finish (self, result, NULL);
  md_modem_set_state (self, MD_MODEM_STATE_DISABLING, MD_MODEM_STATE_CHANGE_REASON_USER_REQUESTED);
  enable_step (task);
}

void
md_modem_enable_flow_async (MdModem *self, gboolean enable, GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task = g_task_new (self, NULL, callback, user_data);
  EnableContext *ctx = g_new0 (EnableContext, 1);
  GError *error = NULL;
  gboolean nothing_to_do;

  ctx->enable = enable;
  g_task_set_task_data (task, ctx, enable_context_free);
  if (!check_enable (self, enable, &nothing_to_do, &error)) {
    g_task_return_error (task, error);
    g_object_unref (task);
    return;
  }
  if (nothing_to_do) {
    g_task_return_boolean (task, TRUE);
    g_object_unref (task);
    return;
  }
  if (enable) {
    md_modem_set_state (self, MD_MODEM_STATE_ENABLING, MD_MODEM_STATE_CHANGE_REASON_USER_REQUESTED);
    enable_step (task);
    return;
  }
  md_modem_poll_stop (self);
  md_modem_disconnect_all_flow_async (self, bearers_down_ready, task);
}

static void
enable_body (MdModem *self, MdOperation *op, GAsyncReadyCallback done, gpointer done_data)
{
  md_modem_enable_flow_async (self, md_operation_get_kind (op) == MD_OPERATION_ENABLE, done, done_data);
}

void
md_modem_enable_async (MdModem *self, gboolean enable, GCancellable *cancellable,
                       GAsyncReadyCallback callback, gpointer user_data)
{
  static const MdOperationSpec enable_spec = { MD_OPERATION_ENABLE, enable_body, FALSE };
  static const MdOperationSpec disable_spec = { MD_OPERATION_DISABLE, enable_body, FALSE };

  md_modem_operation_run (self, enable ? &enable_spec : &disable_spec, NULL, NULL, cancellable, callback,
                          user_data);
}

gboolean
md_modem_enable_finish (MdModem *self, GAsyncResult *result, GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
power_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  MdModemPowerState *requested = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error)) {
    g_task_return_error (task, error);
    return;
  }
  md_modem_set_power_state (MD_MODEM (source), *requested);
  g_task_return_boolean (task, TRUE);
}

static void
power_body (MdModem *self, MdOperation *op, GAsyncReadyCallback done, gpointer done_data)
{
  GTask *task = g_task_new (self, NULL, done, done_data);
  MdModemPowerState power = GPOINTER_TO_UINT (md_operation_get_data (op));
  const MdModemPowerOps *ops = md_modem_get_ops (self)->power;
  MdModemState state = md_modem_get_state (self);

  g_task_set_task_data (task, g_memdup2 (&power, sizeof power), g_free);
  if (power != MD_MODEM_POWER_STATE_ON && power != MD_MODEM_POWER_STATE_LOW
      && power != MD_MODEM_POWER_STATE_OFF) {
    g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS, "Unknown power state %u",
                             power);
  } else if (!ops || !ops->set_power_state) {
    g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED,
                             "The modem cannot change its power state");
  } else if (state != MD_MODEM_STATE_DISABLED && state != MD_MODEM_STATE_LOCKED
             && power != MD_MODEM_POWER_STATE_ON) {
    g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_WRONG_STATE,
                             "Disable the modem before lowering its power");
  } else {
    ops->set_power_state (self, power, g_task_new (self, NULL, power_ready, task));
    return;
  }
  g_object_unref (task);
}

void
md_modem_set_power_state_async (MdModem *self, MdModemPowerState power, GCancellable *cancellable,
                                GAsyncReadyCallback callback, gpointer user_data)
{
  static const MdOperationSpec spec = { MD_OPERATION_POWER, power_body, FALSE };

  md_modem_operation_run (self, &spec, GUINT_TO_POINTER (power), NULL, cancellable, callback, user_data);
}

gboolean
md_modem_set_power_state_finish (MdModem *self, GAsyncResult *result, GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
