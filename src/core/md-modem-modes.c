/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The SetCurrentModes flow: the request is matched against the modem's
 * supported combinations (ANY becomes the widest one), handed to the
 * protocol's set_current_modes op, and CurrentModes follows on success.
 * Protocol-neutral: what "modes" means to a modem is the op's business. */
#include "md-modem-modes.h"

#include "md-errors.h"
#include "md-log.h"
#include "md-modem-operation.h"

/* The supported combination the request names. ANY stands for the
 * combination with the most modes. */
static gboolean
find_supported (MdModem *self, const MdModeCombination *wanted, MdModeCombination *out)
{
  GArray *supported = md_modem_get_supported_modes (self);
  guint32 allowed = wanted->allowed;

  if (!supported)
    return FALSE;
  if (allowed == MD_MODEM_MODE_ANY) {
    allowed = 0;
    for (guint i = 0; i < supported->len; i++) {
      guint32 candidate = g_array_index (supported, MdModeCombination, i).allowed;

      if (__builtin_popcount (candidate) > __builtin_popcount (allowed))
        allowed = candidate;
    }
  }
  for (guint i = 0; i < supported->len; i++) {
    const MdModeCombination *c = &g_array_index (supported, MdModeCombination, i);

    if (c->allowed == allowed && c->preferred == wanted->preferred) {
      *out = *c;
      return TRUE;
    }
  }
  return FALSE;
}

static void
modes_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  MdModeCombination *modes = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error)) {
    g_task_return_error (task, error);
    return;
  }
  md_log_info (md_modem_get_log_name (MD_MODEM (source)), "current modes: allowed 0x%x, preferred 0x%x",
               modes->allowed, modes->preferred);
  md_modem_set_current_modes (MD_MODEM (source), modes);
  g_task_return_boolean (task, TRUE);
}

static void
modes_body (MdModem *self, MdOperation *op, GAsyncReadyCallback done, gpointer done_data)
{
  GTask *task = g_task_new (self, NULL, done, done_data);
  const MdModeCombination *wanted = md_operation_get_data (op);
  const MdModemPowerOps *ops = md_modem_get_ops (self)->power;
  MdModeCombination match;

  if (!ops || !ops->set_current_modes) {
    g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED,
                             "The modem cannot change its modes");
  } else if (md_modem_get_state (self) <= MD_MODEM_STATE_INITIALIZING) {
    g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_WRONG_STATE, "The modem is not ready");
  } else if (!find_supported (self, wanted, &match)) {
    g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED,
                             "The modem does not support allowed modes 0x%x with preferred 0x%x",
                             wanted->allowed, wanted->preferred);
  } else {
    g_task_set_task_data (task, g_memdup2 (&match, sizeof match), g_free);
    ops->set_current_modes (self, &match, g_task_new (self, NULL, modes_ready, task));
    return;
  }
  g_object_unref (task);
}

void
md_modem_set_current_modes_async (MdModem *self, const MdModeCombination *modes, GCancellable *cancellable,
                                  GAsyncReadyCallback callback, gpointer user_data)
{
  static const MdOperationSpec spec = { MD_OPERATION_MODES, modes_body, FALSE };

  md_modem_operation_run (self, &spec, g_memdup2 (modes, sizeof *modes), g_free, cancellable, callback,
                          user_data);
}

gboolean
md_modem_set_current_modes_finish (MdModem *self, GAsyncResult *result, GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
