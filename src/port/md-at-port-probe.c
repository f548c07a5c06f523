/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Recognising an AT port: "AT" up to three times with a short timeout.
 * Any final result, even ERROR, proves something speaks AT there. */
#include "md-at-port.h"

#include "md-errors.h"

#define PROBE_ATTEMPTS 3

typedef struct {
  guint timeout_ms;
  guint attempt;
} ProbeContext;

static void probe_send (GTask *task);

static void
probe_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  ProbeContext *ctx = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autofree char *response = md_at_port_command_finish (MD_AT_PORT (source), result, &error);

  if (response
      || !(g_error_matches (error, MD_SERIAL_ERROR, MD_SERIAL_ERROR_RESPONSE_TIMEOUT)
           || g_error_matches (error, MD_SERIAL_ERROR, MD_SERIAL_ERROR_NOT_OPEN)
           || g_error_matches (error, MD_CORE_ERROR, MD_CORE_ERROR_CANCELLED))) {
    g_task_return_boolean (task, TRUE);
    g_object_unref (task);
    return;
  }
  if (++ctx->attempt >= PROBE_ATTEMPTS
      || !g_error_matches (error, MD_SERIAL_ERROR, MD_SERIAL_ERROR_RESPONSE_TIMEOUT)) {
    g_task_return_new_error (task, MD_SERIAL_ERROR, MD_SERIAL_ERROR_RESPONSE_TIMEOUT,
                             "%s did not answer AT: %s", md_at_port_get_name (MD_AT_PORT (source)),
                             error->message);
    g_object_unref (task);
    return;
  }
  probe_send (task);
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
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  ProbeContext *ctx = g_new0 (ProbeContext, 1);

  ctx->timeout_ms = timeout_ms;
  g_task_set_task_data (task, ctx, g_free);
  probe_send (task);
}

gboolean
md_at_port_probe_finish (MdAtPort *self, GAsyncResult *result, GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
