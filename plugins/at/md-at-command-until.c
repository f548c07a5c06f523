/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A command whose effect a later report confirms (Quectel's "POWERED
 * DOWN" after +QPOWD): the report is watched on the AT control port from
 * before the command is written, and the call completes when both the
 * answer and the report are in. */
#include "md-at-modem.h"

#include "md-errors.h"

typedef struct {
  MdAtPort *port; /* referenced */
  char *prefix;
  guint wait_ms;
  guint handler_id;
  guint timeout_id;
  gulong closed_id;
  gboolean answered;
  gboolean reported;
  gboolean ended;
} Until;

static void
until_clear (Until *until)
{
  if (until->handler_id)
    md_at_port_remove_unsolicited_handler (until->port, until->handler_id);
  until->handler_id = 0;
  g_clear_handle_id (&until->timeout_id, g_source_remove);
  g_clear_signal_handler (&until->closed_id, until->port);
}

static void
until_free (gpointer data)
{
  Until *until = data;

  until_clear (until);
  g_clear_object (&until->port);
  g_free (until->prefix);
  g_free (until);
}

/* Completes the call once (error taken) and drops the reference the watch
 * held on task. */
static void
until_end (GTask *task, GError *error)
{
  Until *until = g_task_get_task_data (task);

  if (until->ended) {
    g_clear_error (&error);
    return;
  }
  until->ended = TRUE;
  until_clear (until);
  if (error)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static gboolean
report_timeout (gpointer user_data)
{
  GTask *task = user_data;
  Until *until = g_task_get_task_data (task);

  until->timeout_id = 0;
  until_end (task, g_error_new (MD_SERIAL_ERROR, MD_SERIAL_ERROR_RESPONSE_TIMEOUT, "No '%s' within %u ms",
                                until->prefix, until->wait_ms));
  return G_SOURCE_REMOVE;
}

static void
report_seen (MdAtPort *port, const char *line, gpointer user_data)
{
  GTask *task = user_data;
  Until *until = g_task_get_task_data (task);

  until->reported = TRUE;
  if (until->answered)
    until_end (task, NULL);
}

static void
port_closed (MdAtPort *port, GError *error, gpointer user_data)
{
  until_end (user_data, g_error_copy (error));
}

static void
command_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  Until *until = g_task_get_task_data (task);
  GError *error = NULL;
  g_autofree char *response = md_at_port_command_finish (MD_AT_PORT (source), result, &error);

  if (!response) {
    until_end (task, error);
    return;
  }
  until->answered = TRUE;
  if (until->reported)
    until_end (task, NULL);
  else if (!until->ended)
    until->timeout_id = g_timeout_add (until->wait_ms, report_timeout, task);
}

void
md_at_modem_command_until_async (MdModem *modem, const char *command, guint timeout_ms, const char *prefix,
                                 guint wait_ms, GCancellable *cancellable, GAsyncReadyCallback callback,
                                 gpointer user_data)
{
  GTask *task = g_task_new (modem, cancellable, callback, user_data);
  GError *error = NULL;
  MdAtPort *port = md_at_modem_control_port (modem, &error);
  Until *until;

  if (!port) {
    g_task_return_error (task, error);
    g_object_unref (task);
    return;
  }
  until = g_new0 (Until, 1);
  until->port = g_object_ref (port);
  until->prefix = g_strdup (prefix);
  until->wait_ms = wait_ms;
  g_task_set_task_data (task, until, until_free);
  /* task's own reference belongs to the watch until until_end. */
  until->handler_id = md_at_port_add_unsolicited_handler (port, prefix, report_seen, task, NULL);
  until->closed_id = g_signal_connect (port, "closed", G_CALLBACK (port_closed), task);
  md_at_port_command (port, command, timeout_ms, cancellable, command_ready, g_object_ref (task));
}

gboolean
md_at_modem_command_until_finish (MdModem *modem, GAsyncResult *result, GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
