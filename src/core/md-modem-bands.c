/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The SetCurrentBands flow: ANY becomes the supported bands, any other
 * band must be one of them; the protocol's set_current_bands op applies
 * the set, and CurrentBands follows on success. Protocol-neutral. */
#include "md-modem-bands.h"

#include "md-errors.h"
#include "md-log.h"
#include "md-modem-operation.h"

static gboolean
is_supported (GArray *supported, guint32 band)
{
  for (guint i = 0; i < supported->len; i++) {
    if (g_array_index (supported, guint32, i) == band)
      return TRUE;
  }
  return FALSE;
}

/* The bands to apply, or NULL with error set. */
static GArray *
resolve (MdModem *self, GArray *wanted, GError **error)
{
  GArray *supported = md_modem_get_supported_bands (self);
  g_autoptr (GArray) bands = g_array_new (FALSE, FALSE, sizeof (guint32));

  if (supported->len == 0) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED, "The modem's bands are unknown");
    return NULL;
  }
  if (wanted->len == 1 && g_array_index (wanted, guint32, 0) == MD_MODEM_BAND_ANY) {
    g_array_append_vals (bands, supported->data, supported->len);
    return g_steal_pointer (&bands);
  }
  for (guint i = 0; i < wanted->len; i++) {
    guint32 band = g_array_index (wanted, guint32, i);

    if (!is_supported (supported, band)) {
      g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED, "The modem does not support band %u",
                   band);
      return NULL;
    }
    g_array_append_val (bands, band);
  }
  return g_steal_pointer (&bands);
}

static void
bands_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GArray *bands = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error)) {
    g_task_return_error (task, error);
    return;
  }
  md_log_info (md_modem_get_log_name (MD_MODEM (source)), "current bands: %u band(s)", bands->len);
  md_modem_set_current_bands (MD_MODEM (source), bands);
  g_task_return_boolean (task, TRUE);
}

static void
bands_body (MdModem *self, MdOperation *op, GAsyncReadyCallback done, gpointer done_data)
{
  GTask *task = g_task_new (self, NULL, done, done_data);
  GArray *wanted = md_operation_get_data (op);
  const MdModemBandsOps *ops = md_modem_get_ops (self)->bands;
  GError *error = NULL;
  GArray *bands;

  if (!ops || !ops->set_current_bands) {
    g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED,
                             "The modem cannot change its bands");
  } else if (md_modem_get_state (self) <= MD_MODEM_STATE_INITIALIZING) {
    g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_WRONG_STATE, "The modem is not ready");
  } else if (!(bands = resolve (self, wanted, &error))) {
    g_task_return_error (task, error);
  } else {
    g_task_set_task_data (task, bands, (GDestroyNotify)g_array_unref);
    ops->set_current_bands (self, bands, g_task_new (self, NULL, bands_ready, task));
    return;
  }
  g_object_unref (task);
}

void
md_modem_set_current_bands_async (MdModem *self, GArray *bands, GCancellable *cancellable,
                                  GAsyncReadyCallback callback, gpointer user_data)
{
  static const MdOperationSpec spec = { MD_OPERATION_BANDS, bands_body, FALSE };

  md_modem_operation_run (self, &spec, g_array_ref (bands), (GDestroyNotify)g_array_unref, cancellable,
                          callback, user_data);
}

gboolean
md_modem_set_current_bands_finish (MdModem *self, GAsyncResult *result, GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
