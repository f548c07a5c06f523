/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Register and Scan: check the request and the modem state, run the netreg
 * op, then poll so the new registration shows at once. Register is a
 * serialized operation; Scan is not (it changes nothing). */
#include "md-modem-netreg.h"

#include "md-errors.h"
#include "md-modem-operation.h"
#include "md-modem-poll.h"
#include "md-modem-unlock.h"

static gboolean
check_enabled (MdModem *self, gboolean has_op, GError **error)
{
  if (!has_op) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED, "The modem cannot do this");
    return FALSE;
  }
  if (md_modem_get_state (self) < MD_MODEM_STATE_ENABLED) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_WRONG_STATE, "Enable the modem first");
    return FALSE;
  }
  return TRUE;
}

static void
poll_after_register_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;

  md_modem_poll_now_finish (MD_MODEM (source), result, NULL);
  g_task_return_boolean (task, TRUE);
}

static void
register_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error)) {
    g_task_return_error (task, error);
    g_object_unref (task);
    return;
  }
  md_modem_poll_now_async (MD_MODEM (source), NULL, poll_after_register_ready, task);
}

static void
register_body (MdModem *self, MdOperation *op, GAsyncReadyCallback done, gpointer done_data)
{
  GTask *task = g_task_new (self, NULL, done, done_data);
  const char *operator_id = md_operation_get_data (op);
  const MdModemNetregOps *ops = md_modem_get_ops (self)->netreg;
  GError *error = NULL;

  if (!check_enabled (self, ops && ops->register_network, &error)) {
    g_task_return_error (task, error);
  } else {
    ops->register_network (self, operator_id, g_task_new (self, NULL, register_ready, task));
    return;
  }
  g_object_unref (task);
}

void
md_modem_register_async (MdModem *self, const char *operator_id, GCancellable *cancellable,
                         GAsyncReadyCallback callback, gpointer user_data)
{
  static const MdOperationSpec spec = { MD_OPERATION_REGISTER, register_body, FALSE };

  md_modem_operation_run (self, &spec, g_strdup (operator_id), g_free, cancellable, callback, user_data);
}

gboolean
md_modem_register_finish (MdModem *self, GAsyncResult *result, GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
scan_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  GPtrArray *networks = g_task_propagate_pointer (G_TASK (result), &error);

  if (!networks)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, networks, (GDestroyNotify)g_ptr_array_unref);
}

void
md_modem_scan_async (MdModem *self, GCancellable *cancellable, GAsyncReadyCallback callback,
                     gpointer user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  const MdModemNetregOps *ops = md_modem_get_ops (self)->netreg;
  GError *error = NULL;

  if (!check_enabled (self, ops && ops->scan, &error)) {
    g_task_return_error (task, error);
    g_object_unref (task);
    return;
  }
  ops->scan (self, g_task_new (self, cancellable, scan_ready, task));
}

GPtrArray *
md_modem_scan_finish (MdModem *self, GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
