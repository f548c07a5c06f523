/* SPDX-License-Identifier: GPL-2.0-or-later */
/* MdAtPort: the command queue and the line dispatcher of an AT port. Lines
 * come from md-at-lines, finals are classified by md-at-response; this file
 * decides which command a line belongs to, or which unsolicited handler. */
#include "md-at-port.h"

#include <errno.h>
#include <glib-unix.h>
#include <string.h>
#include <unistd.h>

#include "md-at-lines.h"
#include "md-at-response.h"
#include "md-errors.h"
#include "md-log.h"
#include "md-port-log.h"
#include "md-port-open.h"

/* Input that arrives right after a timeout belongs to the command that
 * timed out; it is drained for this long before the next command goes out,
 * so a late OK cannot complete the wrong command. */
#define DRAIN_AFTER_TIMEOUT_MS 300
#define READ_CHUNK             4096

typedef struct {
  char *command;
  char *payload;
  guint timeout_ms;
  GTask *task;
  GCancellable *cancellable;
  gulong cancel_id;
  gboolean prompt_seen;
} AtCommand;

typedef struct {
  guint id;
  char *prefix;
  MdAtUnsolicitedFn fn;
  gpointer user_data;
  GDestroyNotify destroy;
} Handler;

struct _MdAtPort {
  GObject parent;
  char *device;
  char *name;
  char *log_name;
  guint baud;
  int fd;
  guint read_source;
  guint write_source;
  GString *out;
  MdAtLineBuffer *lines;
  GQueue queue; /* AtCommand*, waiting */
  AtCommand *current;
  GString *response;
  char *own_prefix;
  guint timeout_source;
  guint drain_source;
  gboolean data_mode;
  GList *handlers; /* Handler* */
  guint next_handler_id;
  gboolean closed_emitted;
};

enum { SIGNAL_CLOSED, N_SIGNALS };

static guint signals[N_SIGNALS];

G_DEFINE_TYPE (MdAtPort, md_at_port, G_TYPE_OBJECT)

static void maybe_start_next (MdAtPort *self);
static void fail_all (MdAtPort *self, const GError *error);

/* --- commands -------------------------------------------------------------- */

static void
at_command_free (AtCommand *cmd)
{
  if (cmd->cancel_id)
    g_cancellable_disconnect (cmd->cancellable, cmd->cancel_id);
  g_clear_object (&cmd->cancellable);
  g_clear_object (&cmd->task);
  g_free (cmd->command);
  g_free (cmd->payload);
  g_free (cmd);
}

/* Completes cmd's task with text or error (taken) and frees cmd. */
static void
at_command_complete (AtCommand *cmd, char *text, GError *error)
{
  GTask *task = g_steal_pointer (&cmd->task);

  if (cmd->cancel_id) {
    g_cancellable_disconnect (cmd->cancellable, cmd->cancel_id);
    cmd->cancel_id = 0;
  }
  at_command_free (cmd);
  if (error)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, text, g_free);
  g_object_unref (task);
}

/* The "+XXX:" an answer to "AT+XXX..." starts with. */
static char *
own_prefix_for (const char *command)
{
  gsize len;

  if (g_ascii_strncasecmp (command, "AT+", 3) != 0)
    return NULL;
  len = strcspn (command + 2, "=?;");
  return g_strdup_printf ("%.*s:", (int)len, command + 2);
}

/* --- output ---------------------------------------------------------------- */

static gboolean flush_output (MdAtPort *self);

static gboolean
writable (gint fd, GIOCondition condition, gpointer user_data)
{
  MdAtPort *self = user_data;

  if (flush_output (self))
    return G_SOURCE_CONTINUE;
  self->write_source = 0;
  return G_SOURCE_REMOVE;
}

/* Returns TRUE when bytes remain to be written. */
static gboolean
flush_output (MdAtPort *self)
{
  while (self->out->len > 0 && self->fd >= 0) {
    gssize n = write (self->fd, self->out->str, self->out->len);

    if (n > 0) {
      g_string_erase (self->out, 0, n);
      continue;
    }
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
      if (!self->write_source)
        self->write_source = g_unix_fd_add (self->fd, G_IO_OUT, writable, self);
      return TRUE;
    }
    md_log_debug (self->log_name, "write failed: %s", g_strerror (errno));
    g_string_truncate (self->out, 0);
  }
  return FALSE;
}

static void
send_bytes (MdAtPort *self, const char *data, gsize len)
{
  g_string_append_len (self->out, data, (gssize)len);
  flush_output (self);
}

/* --- completion, timeouts, cancellation ------------------------------------ */

static void
clear_current_timers (MdAtPort *self)
{
  g_clear_handle_id (&self->timeout_source, g_source_remove);
}

static void
finish_current (MdAtPort *self, char *text, GError *error)
{
  AtCommand *cmd = g_steal_pointer (&self->current);

  clear_current_timers (self);
  g_clear_pointer (&self->own_prefix, g_free);
  at_command_complete (cmd, text, error);
}

static gboolean
drain_done (gpointer user_data)
{
  MdAtPort *self = user_data;

  self->drain_source = 0;
  md_at_line_buffer_clear (self->lines);
  maybe_start_next (self);
  return G_SOURCE_REMOVE;
}

static void
abandon_current (MdAtPort *self, GError *error)
{
  finish_current (self, NULL, error);
  if (!self->drain_source && self->fd >= 0)
    self->drain_source = g_timeout_add (DRAIN_AFTER_TIMEOUT_MS, drain_done, self);
}

static gboolean
command_timed_out (gpointer user_data)
{
  MdAtPort *self = user_data;

  self->timeout_source = 0;
  md_log_debug (self->log_name, "command timed out");
  abandon_current (self, g_error_new (MD_SERIAL_ERROR, MD_SERIAL_ERROR_RESPONSE_TIMEOUT,
                                      "%s did not answer in time", self->name));
  return G_SOURCE_REMOVE;
}

static gboolean
cancel_in_idle (gpointer user_data)
{
  GTask *task = user_data;
  MdAtPort *self = g_task_get_source_object (task);

  if (self->current && self->current->task == task) {
    abandon_current (self, g_error_new (MD_CORE_ERROR, MD_CORE_ERROR_CANCELLED, "Cancelled"));
  } else {
    for (GList *l = self->queue.head; l; l = l->next) {
      AtCommand *cmd = l->data;

      if (cmd->task == task) {
        g_queue_delete_link (&self->queue, l);
        at_command_complete (cmd, NULL, g_error_new (MD_CORE_ERROR, MD_CORE_ERROR_CANCELLED, "Cancelled"));
        break;
      }
    }
  }
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

static void
command_cancelled (GCancellable *cancellable, gpointer user_data)
{
  /* The cancelled handler runs with the cancellable's lock held; finish
   * from the main loop instead. */
  g_idle_add (cancel_in_idle, g_object_ref (user_data));
}

/* --- input ----------------------------------------------------------------- */

static gboolean
dispatch_unsolicited (MdAtPort *self, const char *line)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint));

  for (GList *l = self->handlers; l; l = l->next) {
    Handler *h = l->data;

    if (g_str_has_prefix (line, h->prefix))
      g_array_append_val (ids, h->id);
  }
  /* Handlers may remove themselves or others while running. */
  for (guint i = 0; i < ids->len; i++) {
    for (GList *l = self->handlers; l; l = l->next) {
      Handler *h = l->data;

      if (h->id == g_array_index (ids, guint, i)) {
        h->fn (self, line, h->user_data);
        break;
      }
    }
  }
  return ids->len > 0;
}

static void
complete_with_final (MdAtPort *self, MdAtFinal final, const char *line, GError *error)
{
  char *text;

  if (error) {
    finish_current (self, NULL, error);
    return;
  }
  if (final == MD_AT_FINAL_CONNECT) {
    self->data_mode = TRUE;
    text = g_strdup (line);
  } else if (final == MD_AT_FINAL_PROMPT) {
    text = g_strdup ("> ");
  } else {
    text = g_strstrip (g_strdup (self->response->str));
  }
  finish_current (self, text, NULL);
}

static void
handle_prompt (MdAtPort *self)
{
  AtCommand *cmd = self->current;

  if (cmd->payload && !cmd->prompt_seen) {
    cmd->prompt_seen = TRUE;
    send_bytes (self, cmd->payload, strlen (cmd->payload));
    send_bytes (self, "\x1a", 1);
    return;
  }
  complete_with_final (self, MD_AT_FINAL_PROMPT, ">", NULL);
  maybe_start_next (self);
}

static void
process_line (MdAtPort *self, const char *line)
{
  GError *error = NULL;
  MdAtFinal final;

  if (md_log_level_enabled (MD_LOG_LEVEL_DEBUG)) {
    g_autofree char *shown = md_port_log_sanitize (line);
    md_log_debug (self->log_name, "<-- '%s'", shown);
  }
  if (self->data_mode || !self->current) {
    if (!dispatch_unsolicited (self, line) && !self->data_mode)
      md_log_debug (self->log_name, "ignoring unexpected '%s'", line);
    return;
  }
  if (g_ascii_strcasecmp (line, self->current->command) == 0)
    return; /* echo */
  final = md_at_classify_line (line, &error);
  if (final == MD_AT_FINAL_PROMPT) {
    handle_prompt (self);
    return;
  }
  if (final != MD_AT_FINAL_NONE) {
    complete_with_final (self, final, line, error);
    maybe_start_next (self);
    return;
  }
  if (!(self->own_prefix && g_str_has_prefix (line, self->own_prefix)) && dispatch_unsolicited (self, line))
    return;
  if (self->response->len)
    g_string_append_c (self->response, '\n');
  g_string_append (self->response, line);
}

static void
port_vanished (MdAtPort *self, const char *why)
{
  g_autoptr (GError) error
    = g_error_new (MD_SERIAL_ERROR, MD_SERIAL_ERROR_NOT_OPEN, "%s closed: %s", self->name, why);
  g_autoptr (MdAtPort) keep = g_object_ref (self);

  md_log_info (self->log_name, "port closed: %s", why);
  md_at_port_close (self);
  if (!self->closed_emitted) {
    self->closed_emitted = TRUE;
    g_signal_emit (self, signals[SIGNAL_CLOSED], 0, error);
  }
}

static gboolean
readable (gint fd, GIOCondition condition, gpointer user_data)
{
  MdAtPort *self = user_data;
  guint8 buffer[READ_CHUNK];
  g_autoptr (MdAtPort) keep = g_object_ref (self);

  for (;;) {
    gssize n = read (fd, buffer, sizeof buffer);
    char *line;

    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
      self->read_source = 0;
      port_vanished (self, n == 0 ? "end of file" : g_strerror (errno));
      return G_SOURCE_REMOVE;
    }
    if (n < 0)
      return G_SOURCE_CONTINUE;
    md_at_line_buffer_feed (self->lines, buffer, (gsize)n);
    while (self->fd >= 0 && (line = md_at_line_buffer_next (self->lines))) {
      if (!self->drain_source)
        process_line (self, line);
      else
        dispatch_unsolicited (self, line);
      g_free (line);
    }
    if (self->fd < 0)
      return G_SOURCE_REMOVE;
  }
}

/* --- queue ----------------------------------------------------------------- */

static void
maybe_start_next (MdAtPort *self)
{
  AtCommand *cmd;
  g_autofree char *line = NULL;

  if (self->current || self->drain_source || self->fd < 0 || self->data_mode)
    return;
  cmd = g_queue_pop_head (&self->queue);
  if (!cmd)
    return;
  self->current = cmd;
  g_string_truncate (self->response, 0);
  self->own_prefix = own_prefix_for (cmd->command);
  if (md_log_level_enabled (MD_LOG_LEVEL_DEBUG)) {
    g_autofree char *shown = md_port_log_sanitize (cmd->command);
    md_log_debug (self->log_name, "--> '%s'", shown);
  }
  line = g_strdup_printf ("%s\r", cmd->command);
  send_bytes (self, line, strlen (line));
  self->timeout_source = g_timeout_add (cmd->timeout_ms, command_timed_out, self);
}

static void
fail_all (MdAtPort *self, const GError *error)
{
  AtCommand *cmd;

  if (self->current)
    finish_current (self, NULL, g_error_copy (error));
  while ((cmd = g_queue_pop_head (&self->queue)))
    at_command_complete (cmd, NULL, g_error_copy (error));
}

static void
enqueue (MdAtPort *self, const char *command, const char *payload, guint timeout_ms,
         GCancellable *cancellable, GTask *task)
{
  AtCommand *cmd;

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
  /* Cancellation is reported in our own error domain. */
  g_task_set_check_cancellable (task, FALSE);
  if (cancellable && g_cancellable_is_cancelled (cancellable)) {
    g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_CANCELLED, "Cancelled");
    g_object_unref (task);
    return;
  }
  cmd = g_new0 (AtCommand, 1);
  cmd->command = g_strdup (command);
  cmd->payload = g_strdup (payload);
  cmd->timeout_ms = MAX (timeout_ms, 1);
  cmd->task = task;
  if (cancellable) {
    cmd->cancellable = g_object_ref (cancellable);
    cmd->cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (command_cancelled), task, NULL);
  }
  g_queue_push_tail (&self->queue, cmd);
  maybe_start_next (self);
}

void
md_at_port_command (MdAtPort *self, const char *command, guint timeout_ms, GCancellable *cancellable,
                    GAsyncReadyCallback callback, gpointer user_data)
{
  enqueue (self, command, NULL, timeout_ms, cancellable, g_task_new (self, cancellable, callback, user_data));
}

char *
md_at_port_command_finish (MdAtPort *self, GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
md_at_port_command_with_payload (MdAtPort *self, const char *command, const char *payload, guint timeout_ms,
                                 GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  enqueue (self, command, payload ? payload : "", timeout_ms, cancellable,
           g_task_new (self, cancellable, callback, user_data));
}

char *
md_at_port_command_with_payload_finish (MdAtPort *self, GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- object ---------------------------------------------------------------- */

static void
md_at_port_init (MdAtPort *self)
{
  self->fd = -1;
  self->baud = 115200;
  self->out = g_string_new (NULL);
  self->response = g_string_new (NULL);
  self->lines = md_at_line_buffer_new ();
  g_queue_init (&self->queue);
}

static void
handler_free (gpointer data)
{
  Handler *h = data;

  if (h->destroy)
    h->destroy (h->user_data);
  g_free (h->prefix);
  g_free (h);
}

static void
md_at_port_dispose (GObject *object)
{
  MdAtPort *self = MD_AT_PORT (object);

  md_at_port_close (self);
  g_list_free_full (g_steal_pointer (&self->handlers), handler_free);
  G_OBJECT_CLASS (md_at_port_parent_class)->dispose (object);
}

static void
md_at_port_finalize (GObject *object)
{
  MdAtPort *self = MD_AT_PORT (object);

  g_string_free (self->out, TRUE);
  g_string_free (self->response, TRUE);
  md_at_line_buffer_free (self->lines);
  g_free (self->own_prefix);
  g_free (self->device);
  g_free (self->name);
  g_free (self->log_name);
  G_OBJECT_CLASS (md_at_port_parent_class)->finalize (object);
}

static void
md_at_port_class_init (MdAtPortClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = md_at_port_dispose;
  object_class->finalize = md_at_port_finalize;
  signals[SIGNAL_CLOSED] = g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                         NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

MdAtPort *
md_at_port_new (const char *device)
{
  MdAtPort *self = g_object_new (MD_TYPE_AT_PORT, NULL);

  self->device = g_strdup (device);
  self->name = md_port_name_for_device (device);
  self->log_name = g_strdup_printf ("%s/at", self->name);
  return self;
}

const char *
md_at_port_get_device (MdAtPort *self)
{
  return self->device;
}

const char *
md_at_port_get_name (MdAtPort *self)
{
  return self->name;
}

void
md_at_port_set_baud (MdAtPort *self, guint baud)
{
  self->baud = baud;
}

gboolean
md_at_port_open (MdAtPort *self, GError **error)
{
  gboolean is_tty;

  if (self->fd >= 0)
    return TRUE;
  self->fd = md_port_open_fd (self->device, self->baud, &is_tty, error);
  if (self->fd < 0)
    return FALSE;
  self->closed_emitted = FALSE;
  self->read_source = g_unix_fd_add (self->fd, G_IO_IN | G_IO_HUP | G_IO_ERR, readable, self);
  md_log_debug (self->log_name, "opened %s", self->device);
  return TRUE;
}

void
md_at_port_close (MdAtPort *self)
{
  g_autoptr (GError) error = NULL;

  if (self->fd < 0)
    return;
  g_clear_handle_id (&self->read_source, g_source_remove);
  g_clear_handle_id (&self->write_source, g_source_remove);
  g_clear_handle_id (&self->drain_source, g_source_remove);
  close (self->fd);
  self->fd = -1;
  self->data_mode = FALSE;
  g_string_truncate (self->out, 0);
  md_at_line_buffer_clear (self->lines);
  error = g_error_new (MD_SERIAL_ERROR, MD_SERIAL_ERROR_NOT_OPEN, "%s was closed", self->name);
  fail_all (self, error);
}

gboolean
md_at_port_is_open (MdAtPort *self)
{
  return self->fd >= 0;
}

gboolean
md_at_port_get_data_mode (MdAtPort *self)
{
  return self->data_mode;
}

void
md_at_port_set_data_mode (MdAtPort *self, gboolean data_mode)
{
  self->data_mode = data_mode;
  md_at_line_buffer_clear (self->lines);
  if (!data_mode)
    maybe_start_next (self);
}

gboolean
md_at_port_write_raw (MdAtPort *self, const char *data, gsize len, GError **error)
{
  if (self->fd < 0) {
    g_set_error (error, MD_SERIAL_ERROR, MD_SERIAL_ERROR_NOT_OPEN, "%s is not open", self->name);
    return FALSE;
  }
  send_bytes (self, data, len);
  return TRUE;
}

guint
md_at_port_add_unsolicited_handler (MdAtPort *self, const char *prefix, MdAtUnsolicitedFn fn,
                                    gpointer user_data, GDestroyNotify destroy)
{
  Handler *h = g_new0 (Handler, 1);

  h->id = ++self->next_handler_id;
  h->prefix = g_strdup (prefix);
  h->fn = fn;
  h->user_data = user_data;
  h->destroy = destroy;
  self->handlers = g_list_append (self->handlers, h);
  return h->id;
}

void
md_at_port_remove_unsolicited_handler (MdAtPort *self, guint id)
{
  for (GList *l = self->handlers; l; l = l->next) {
    Handler *h = l->data;

    if (h->id == id) {
      self->handlers = g_list_delete_link (self->handlers, l);
      handler_free (h);
      return;
    }
  }
}
