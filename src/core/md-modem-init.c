/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The initialization flow: one step enum, one step function, each ready
 * callback stores its result on the modem and advances. Protocol details are
 * behind the init ops table. */
#include "md-modem-init.h"

#include "md-errors.h"
#include "md-log.h"

typedef enum {
  INIT_STEP_FIRST,
  INIT_STEP_SETUP,
  INIT_STEP_IDENTITY,
  INIT_STEP_CAPABILITIES,
  INIT_STEP_LAST,
} InitStep;

typedef struct {
  InitStep step;
} InitContext;

static void init_step (GTask *task);

/* Runs one op with a sub-task whose result comes back to `ready`. */
static void
run_op (MdModem *self, MdModemOp op, GTask *task, GAsyncReadyCallback ready)
{
  GTask *op_task = g_task_new (self, g_task_get_cancellable (task), ready, task);

  op (self, op_task);
}

static gboolean
check_fatal (GTask *task, GError *error)
{
  MdModem *self = g_task_get_source_object (task);

  if (md_modem_has_vanished (self) || g_error_matches (error, MD_CORE_ERROR, MD_CORE_ERROR_CANCELLED)
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)) {
    g_task_return_error (task, error);
    g_object_unref (task);
    return TRUE;
  }
  md_log_warn (md_modem_get_log_name (self), "initialization failed: %s", error->message);
  md_modem_set_failed (self, MD_MODEM_STATE_FAILED_REASON_UNKNOWN);
  g_error_free (error);
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
  return TRUE;
}

static void
advance (GTask *task)
{
  InitContext *ctx = g_task_get_task_data (task);

  ctx->step++;
  init_step (task);
}

static void
setup_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) && check_fatal (task, error))
    return;
  advance (task);
}

static void
identity_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  GError *error = NULL;
  MdModemIdentity *identity = g_task_propagate_pointer (G_TASK (result), &error);

  if (!identity && check_fatal (task, error))
    return;
  md_modem_take_identity (MD_MODEM (source), identity);
  advance (task);
}

static void
capabilities_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  GError *error = NULL;
  gssize caps = g_task_propagate_int (G_TASK (result), &error);

  if (error) {
    /* Not fatal: the modem still works, its capabilities stay unknown. */
    md_log_debug (md_modem_get_log_name (MD_MODEM (source)), "capabilities unknown: %s", error->message);
    g_error_free (error);
  } else {
    md_modem_set_capabilities (MD_MODEM (source), (guint32) caps);
  }
  advance (task);
}

static void
init_step (GTask *task)
{
  MdModem *self = g_task_get_source_object (task);
  InitContext *ctx = g_task_get_task_data (task);
  const MdModemInitOps *ops = md_modem_get_ops (self)->init;

  switch (ctx->step) {
  case INIT_STEP_FIRST:
    md_modem_set_state (self, MD_MODEM_STATE_INITIALIZING, MD_MODEM_STATE_CHANGE_REASON_UNKNOWN);
    advance (task);
    return;
  case INIT_STEP_SETUP:
    if (ops && ops->setup) {
      run_op (self, ops->setup, task, setup_ready);
      return;
    }
    advance (task);
    return;
  case INIT_STEP_IDENTITY:
    if (ops && ops->load_identity) {
      run_op (self, ops->load_identity, task, identity_ready);
      return;
    }
    advance (task);
    return;
  case INIT_STEP_CAPABILITIES:
    if (ops && ops->load_capabilities) {
      run_op (self, ops->load_capabilities, task, capabilities_ready);
      return;
    }
    advance (task);
    return;
  case INIT_STEP_LAST:
    md_modem_set_state (self, MD_MODEM_STATE_DISABLED, MD_MODEM_STATE_CHANGE_REASON_UNKNOWN);
    g_task_return_boolean (task, TRUE);
    g_object_unref (task);
    return;
  }
}

void
md_modem_initialize_async (MdModem *self, GCancellable *cancellable,
                           GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_task_data (task, g_new0 (InitContext, 1), g_free);
  init_step (task);
}

gboolean
md_modem_initialize_finish (MdModem *self, GAsyncResult *result, GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
