/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Recognising an AT port: "AT" up to three times with a short timeout,
 * succeeding on the first AT-style final result (OK, ERROR, +CME ERROR,
 * ...): a modem still booting may answer ERROR, and that already tells an AT
 * port. Silence is retried; a closed port or a cancellation ends the probe
 * at once. */
#include "md-at-port.h"

#include "md-errors.h"

#define PROBE_ATTEMPTS           3
#define PROBE_DEFAULT_TIMEOUT_MS 1500

typedef struct {
  guint timeout_ms;
  guint attempt;
} ProbeContext;

static void probe_send (GTask *task);

static gboolean
probe_should_retry (const GError *error)
{
  return !g_error_matches (error, MD_SERIAL_ERROR, MD_SERIAL_ERROR_NOT_OPEN)
         && !g_error_matches (error, MD_CORE_ERROR, MD_CORE_ERROR_CANCELLED)
         && !g_error_matches (error, MD_CORE_ERROR, MD_CORE_ERROR_WRONG_STATE);
}

/* Errors the port raises itself (silence, closed, cancelled, data mode);
 * any other error is a final result line the device sent. */
static gboolean
is_device_reply (const GError *error)
{
  return error->domain != MD_SERIAL_ERROR && !g_error_matches (error, MD_CORE_ERROR, MD_CORE_ERROR_CANCELLED)
         && !g_error_matches (error, MD_CORE_ERROR, MD_CORE_ERROR_WRONG_STATE);
}

static void
probe_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  ProbeContext *ctx = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autofree char *response = md_at_port_command_finish (MD_AT_PORT (source), result, &error);

  if (response || is_device_reply (error)) {
    g_task_return_boolean (task, TRUE);
    return;
  }
  if (++ctx->attempt < PROBE_ATTEMPTS && probe_should_retry (error)) {
    probe_send (g_steal_pointer (&task));
    return;
  }
  g_prefix_error (&error, "%s did not answer AT: ", md_at_port_get_name (MD_AT_PORT (source)));
  g_task_return_error (task, g_steal_pointer (&error));
}

static void
probe_send (GTask *task)
{
  ProbeContext *ctx = g_task_get_task_data (task);

  md_at_port_command (g_task_get_source_object (task), "AT", ctx->timeout_ms, g_task_get_cancellable (task),
                      probe_ready, task);
}

void
md_at_port_probe_async (MdAtPort *self, guint timeout_ms, GCancellable *cancellable,
                        GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task;
  ProbeContext *ctx;

  g_return_if_fail (MD_IS_AT_PORT (self));
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, md_at_port_probe_async);
  g_task_set_check_cancellable (task, FALSE);
  ctx = g_new0 (ProbeContext, 1);
  ctx->timeout_ms = timeout_ms ? timeout_ms : PROBE_DEFAULT_TIMEOUT_MS;
  g_task_set_task_data (task, ctx, g_free);
  probe_send (task);
}

gboolean
md_at_port_probe_finish (MdAtPort *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
