/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The command side of MdAtPort: the FIFO queue, one command in flight, which
 * command or handler each line belongs to, timeouts, cancellation, the SMS
 * prompt and the switch to data mode on CONNECT. Bytes come and go through
 * md-at-port.c. */
#include "md-at-port-private.h"

#include <string.h>

#include "md-at-response.h"
#include "md-errors.h"
#include "md-log.h"
#include "md-port-log.h"

/* After a timeout or a cancellation the modem may still answer the
 * abandoned command. Input is drained until it has been quiet this long
 * (never longer than the maximum) before the next command goes out, so a
 * late final result cannot complete the wrong command. */
#define DRAIN_QUIET_MS 300
#define DRAIN_MAX_MS   2000

#define CTRL_Z "\x1a"

static void
log_traffic (MdAtPort *self, const char *direction, const char *text)
{
  g_autofree char *shown = NULL;

  if (!md_log_level_enabled (MD_LOG_LEVEL_DEBUG))
    return;
  shown = md_port_log_sanitize (text);
  md_log_debug (self->log_name, "%s '%s'", direction, shown);
}

/* --- commands -------------------------------------------------------------- */

/* The prefix of the lines that answer command: "+CREG:" for "AT+CREG?",
 * "^SYSINFO:" for "AT^SYSINFO", "#PSNT:" for "AT#PSNT?"; NULL for basic
 * commands such as "ATI" or "ATD". */
static char *
own_prefix_for (const char *command)
{
  g_autofree char *name = NULL;
  const char *p = command + 2;
  gsize len = 1;

  if (g_ascii_strncasecmp (command, "AT", 2) != 0 || *p == '\0' || !strchr ("+^$#*%!", *p))
    return NULL;
  while (g_ascii_isalnum (p[len]) || p[len] == '_')
    len++;
  if (len == 1)
    return NULL;
  name = g_ascii_strup (p, (gssize)len);
  return g_strconcat (name, ":", NULL);
}

static void
command_free (MdAtCommand *cmd)
{
  if (cmd->cancel_id)
    g_cancellable_disconnect (cmd->cancellable, cmd->cancel_id);
  g_clear_object (&cmd->cancellable);
  g_clear_object (&cmd->task);
  g_free (cmd->command);
  g_free (cmd->own_prefix);
  g_free (cmd->payload);
  g_free (cmd);
}

/* Frees cmd, then completes its task with text or error (both taken). */
static void
command_complete (MdAtCommand *cmd, char *text, GError *error)
{
  GTask *task = g_steal_pointer (&cmd->task);

  command_free (cmd);
  if (error)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, text, g_free);
  g_object_unref (task);
}

static void
fail_queued (MdAtPort *self, const GError *error)
{
  GQueue queue = self->queue;
  MdAtCommand *cmd;

  g_queue_init (&self->queue);
  while ((cmd = g_queue_pop_head (&queue)))
    command_complete (cmd, NULL, g_error_copy (error));
}

void
md_at_port_fail_all (MdAtPort *self, const GError *error)
{
  MdAtCommand *current = g_steal_pointer (&self->current);
  GQueue queue = self->queue;
  MdAtCommand *cmd;

  g_queue_init (&self->queue);
  g_clear_handle_id (&self->timeout_source, g_source_remove);
  g_string_truncate (self->response, 0);
  if (current)
    command_complete (current, NULL, g_error_copy (error));
  while ((cmd = g_queue_pop_head (&queue)))
    command_complete (cmd, NULL, g_error_copy (error));
}

void
md_at_port_stop_timers (MdAtPort *self)
{
  g_clear_handle_id (&self->timeout_source, g_source_remove);
  g_clear_handle_id (&self->drain_source, g_source_remove);
}

void
md_at_port_enter_data_mode (MdAtPort *self)
{
  g_autoptr (GError) error = NULL;

  self->data_mode = TRUE;
  md_log_debug (self->log_name, "data mode");
  /* Commands queued behind the dial would wait for the whole call; they
   * fail now, as later ones do. */
  error = g_error_new (MD_CORE_ERROR, MD_CORE_ERROR_WRONG_STATE, "%s is in data mode", self->name);
  fail_queued (self, error);
}

/* --- completion, timeouts, draining ---------------------------------------- */

static void
finish_current (MdAtPort *self, char *text, GError *error)
{
  MdAtCommand *cmd = g_steal_pointer (&self->current);

  g_clear_handle_id (&self->timeout_source, g_source_remove);
  g_string_truncate (self->response, 0);
  command_complete (cmd, text, error);
}

static gboolean
drain_done (gpointer user_data)
{
  MdAtPort *self = user_data;

  self->drain_source = 0;
  md_at_line_buffer_clear (self->lines);
  md_at_port_start_next (self);
  return G_SOURCE_REMOVE;
}

static void
start_drain (MdAtPort *self)
{
  if (self->fd < 0)
    return;
  g_clear_handle_id (&self->drain_source, g_source_remove);
  self->drain_deadline = g_get_monotonic_time () + DRAIN_MAX_MS * G_TIME_SPAN_MILLISECOND;
  self->drain_source = g_timeout_add (DRAIN_QUIET_MS, drain_done, self);
}

void
md_at_port_input_arrived (MdAtPort *self)
{
  gint64 left;

  if (!self->drain_source)
    return;
  left = (self->drain_deadline - g_get_monotonic_time ()) / G_TIME_SPAN_MILLISECOND;
  g_source_remove (self->drain_source);
  self->drain_source = g_timeout_add ((guint)CLAMP (left, 0, DRAIN_QUIET_MS), drain_done, self);
}

/* Ends current without an answer and drains what the modem still says. */
static void
abandon_current (MdAtPort *self, GError *error)
{
  finish_current (self, NULL, error);
  start_drain (self);
}

static gboolean
command_timed_out (gpointer user_data)
{
  /* Completing the command may drop the last reference to the port (its
   * task held it); the drain that follows still needs the port. */
  g_autoptr (MdAtPort) self = g_object_ref (user_data);
  g_autofree char *shown = md_port_log_sanitize (self->current->command);

  self->timeout_source = 0;
  md_log_debug (self->log_name, "'%s' timed out", shown);
  abandon_current (self, g_error_new (MD_SERIAL_ERROR, MD_SERIAL_ERROR_RESPONSE_TIMEOUT,
                                      "%s did not answer '%s' in time", self->name, shown));
  return G_SOURCE_REMOVE;
}

static void
arm_timeout (MdAtPort *self)
{
  g_clear_handle_id (&self->timeout_source, g_source_remove);
  self->timeout_source = g_timeout_add (self->current->timeout_ms, command_timed_out, self);
}

/* The timeout counts from when the command (or payload) left: a port slow
 * to take our bytes does not eat into the modem's time to answer. */
void
md_at_port_output_flushed (MdAtPort *self)
{
  if (self->current && self->timeout_source)
    arm_timeout (self);
}

static gboolean
cancel_in_idle (gpointer user_data)
{
  GTask *task = user_data;
  MdAtPort *self = g_task_get_source_object (task);

  if (self->current && self->current->task == task) {
    abandon_current (self,
                     g_error_new_literal (MD_CORE_ERROR, MD_CORE_ERROR_CANCELLED, "Operation was cancelled"));
    return G_SOURCE_REMOVE;
  }
  for (GList *l = self->queue.head; l; l = l->next) {
    MdAtCommand *cmd = l->data;

    if (cmd->task == task) {
      g_queue_delete_link (&self->queue, l);
      command_complete (
        cmd, NULL, g_error_new_literal (MD_CORE_ERROR, MD_CORE_ERROR_CANCELLED, "Operation was cancelled"));
      break;
    }
  }
  return G_SOURCE_REMOVE;
}

static void
command_cancelled (GCancellable *cancellable, gpointer user_data)
{
  /* This runs inside g_cancellable_cancel(), where disconnecting (as
   * completion does) would deadlock: finish from the main loop. The idle
   * holds the task, and the task holds the port. */
  g_idle_add_full (G_PRIORITY_DEFAULT, cancel_in_idle, g_object_ref (user_data), g_object_unref);
}

/* --- lines ----------------------------------------------------------------- */

static void
complete_with_final (MdAtPort *self, MdAtFinal final, const char *line, GError *error)
{
  if (error) {
    finish_current (self, NULL, error);
  } else if (final == MD_AT_FINAL_CONNECT) {
    self->data_mode = TRUE;
    finish_current (self, g_strdup (line), NULL);
    if (self->data_mode)
      md_at_port_enter_data_mode (self);
  } else if (final == MD_AT_FINAL_PROMPT) {
    finish_current (self, g_strdup ("> "), NULL);
  } else {
    finish_current (self, g_strstrip (g_strdup (self->response->str)), NULL);
  }
  md_at_port_start_next (self);
}

static void
send_payload (MdAtPort *self)
{
  MdAtCommand *cmd = self->current;
  g_autofree char *data = g_strconcat (cmd->payload, CTRL_Z, NULL);

  cmd->prompt_seen = TRUE;
  log_traffic (self, "-->", cmd->payload);
  md_at_port_send (self, data, strlen (data));
}

/* Modems with echo on repeat the command, and after the prompt the payload
 * and its Ctrl-Z. */
static gboolean
is_echo (MdAtCommand *cmd, const char *line)
{
  g_autofree char *text = NULL;

  if (g_ascii_strcasecmp (line, cmd->command) == 0)
    return TRUE;
  if (!cmd->prompt_seen)
    return FALSE;
  text = g_strdup (line);
  g_strdelimit (text, CTRL_Z, ' ');
  g_strstrip (text);
  return g_str_equal (text, cmd->payload);
}

static void
process_response_line (MdAtPort *self, const char *line)
{
  MdAtCommand *cmd = self->current;
  GError *error = NULL;
  MdAtFinal final;

  if (is_echo (cmd, line))
    return;
  final = md_at_classify_line (line, &error);
  if (final == MD_AT_FINAL_PROMPT && cmd->payload && !cmd->prompt_seen) {
    send_payload (self);
    return;
  }
  if (final != MD_AT_FINAL_NONE) {
    complete_with_final (self, final, line, error);
    return;
  }
  /* The ambiguity rule: a line with the command's own prefix answers it,
   * even where a handler wants that prefix too. */
  if (!(cmd->own_prefix && g_str_has_prefix (line, cmd->own_prefix))
      && md_at_port_dispatch_unsolicited (self, line))
    return;
  if (self->response->len)
    g_string_append_c (self->response, '\n');
  g_string_append (self->response, line);
}

void
md_at_port_process_line (MdAtPort *self, const char *line)
{
  log_traffic (self, "<--", line);
  if (md_at_port_take_second_line (self, line))
    return;
  if (self->current && !self->data_mode && !self->drain_source) {
    process_response_line (self, line);
    return;
  }
  /* Idle, draining or in data mode: only handlers may want the line. */
  if (!md_at_port_dispatch_unsolicited (self, line) && !self->data_mode)
    md_log_debug (self->log_name,
                  self->drain_source ? "dropping a late answer" : "ignoring an unexpected line");
}

/* --- queue ----------------------------------------------------------------- */

void
md_at_port_start_next (MdAtPort *self)
{
  g_autofree char *line = NULL;

  if (self->current || self->drain_source || self->fd < 0 || self->data_mode)
    return;
  self->current = g_queue_pop_head (&self->queue);
  if (!self->current)
    return;
  g_string_truncate (self->response, 0);
  log_traffic (self, "-->", self->current->command);
  /* Armed before the write so a port that never takes our bytes still
   * times out; restarted once they are all written. */
  arm_timeout (self);
  line = g_strconcat (self->current->command, "\r", NULL);
  md_at_port_send (self, line, strlen (line));
}

static void
enqueue (MdAtPort *self, const char *command, const char *payload, guint timeout_ms, GTask *task)
{
  GCancellable *cancellable = g_task_get_cancellable (task);
  MdAtCommand *cmd;

  /* Cancellation is reported in our own error domain. */
  g_task_set_check_cancellable (task, FALSE);
  if (self->fd < 0) {
    g_task_return_new_error (task, MD_SERIAL_ERROR, MD_SERIAL_ERROR_NOT_OPEN, "%s is not open", self->name);
    g_object_unref (task);
    return;
  }
  if (self->data_mode) {
    g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_WRONG_STATE, "%s is in data mode",
                             self->name);
    g_object_unref (task);
    return;
  }
  if (cancellable && g_cancellable_is_cancelled (cancellable)) {
    g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_CANCELLED, "Operation was cancelled");
    g_object_unref (task);
    return;
  }
  cmd = g_new0 (MdAtCommand, 1);
  cmd->command = g_strdup (command);
  cmd->own_prefix = own_prefix_for (command);
  cmd->payload = g_strdup (payload);
  cmd->timeout_ms = MAX (timeout_ms, 1);
  cmd->task = task;
  if (cancellable) {
    cmd->cancellable = g_object_ref (cancellable);
    cmd->cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (command_cancelled), task, NULL);
  }
  g_queue_push_tail (&self->queue, cmd);
  md_at_port_start_next (self);
}

void
md_at_port_command (MdAtPort *self, const char *command, guint timeout_ms, GCancellable *cancellable,
                    GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task;

  g_return_if_fail (MD_IS_AT_PORT (self));
  g_return_if_fail (command != NULL);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, md_at_port_command);
  enqueue (self, command, NULL, timeout_ms, task);
}

char *
md_at_port_command_finish (MdAtPort *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
md_at_port_command_with_payload (MdAtPort *self, const char *command, const char *payload, guint timeout_ms,
                                 GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task;

  g_return_if_fail (MD_IS_AT_PORT (self));
  g_return_if_fail (command != NULL && payload != NULL);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, md_at_port_command_with_payload);
  enqueue (self, command, payload, timeout_ms, task);
}

char *
md_at_port_command_with_payload_finish (MdAtPort *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
