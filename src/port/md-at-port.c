/* SPDX-License-Identifier: GPL-2.0-or-later */
/* MdAtPort: the object, its file descriptor, non-blocking reads and writes,
 * unsolicited handlers and data mode. Which command a line belongs to is
 * decided in md-at-port-commands.c; this file only moves bytes and lines. */
#include "md-at-port-private.h"

#include <errno.h>
#include <glib-unix.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "md-errors.h"
#include "md-log.h"
#include "md-port.h"

#define READ_CHUNK           4096
#define MAX_READS_PER_WAKEUP 16

typedef struct {
  guint id;
  char *prefix;
  MdAtUnsolicitedFn fn;
  gpointer user_data;
  GDestroyNotify destroy;
  gboolean with_next_line; /* "+CMT: ,24" is followed by its PDU */
} MdAtHandler;

enum { SIGNAL_CLOSED, N_SIGNALS };

static guint signals[N_SIGNALS];

static void md_at_port_face_init (MdPortInterface *iface);

G_DEFINE_TYPE_WITH_CODE (MdAtPort, md_at_port, G_TYPE_OBJECT,
                         G_IMPLEMENT_INTERFACE (MD_TYPE_PORT, md_at_port_face_init))

/* --- output ---------------------------------------------------------------- */

static gboolean flush_output (MdAtPort *self);

static gboolean
writable (gint fd, GIOCondition condition, gpointer user_data)
{
  MdAtPort *self = user_data;

  if (flush_output (self))
    return G_SOURCE_CONTINUE;
  self->write_source = 0;
  md_at_port_output_flushed (self);
  return G_SOURCE_REMOVE;
}

static gssize
write_some (MdAtPort *self)
{
  /* A socket whose peer went away must fail with EPIPE, not kill the
   * daemon with SIGPIPE. */
  if (self->kind == MD_PORT_FD_SOCKET)
    return send (self->fd, self->out->str, self->out->len, MSG_NOSIGNAL);
  return write (self->fd, self->out->str, self->out->len);
}

/* Returns TRUE when bytes remain and a write watch waits for room. */
static gboolean
flush_output (MdAtPort *self)
{
  while (self->out->len > 0 && self->fd >= 0) {
    gssize n = write_some (self);

    if (n > 0) {
      g_string_erase (self->out, 0, n);
      continue;
    }
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0 && errno == EAGAIN) {
      if (!self->write_source)
        self->write_source = g_unix_fd_add (self->fd, G_IO_OUT, writable, self);
      return TRUE;
    }
    /* The read side sees the same failure (EOF, EIO, HUP) and closes the
     * port; a command sent meanwhile just times out. */
    md_log_debug (self->log_name, "write failed: %s", n < 0 ? g_strerror (errno) : "nothing written");
    g_string_truncate (self->out, 0);
  }
  return FALSE;
}

void
md_at_port_send (MdAtPort *self, const char *data, gsize len)
{
  g_string_append_len (self->out, data, (gssize)len);
  if (!self->write_source && !flush_output (self))
    md_at_port_output_flushed (self);
}

/* --- input ----------------------------------------------------------------- */

static void
port_vanished (MdAtPort *self, const char *why)
{
  g_autoptr (GError) error
    = g_error_new (MD_SERIAL_ERROR, MD_SERIAL_ERROR_NOT_OPEN, "%s closed: %s", self->name, why);

  md_log_info (self->log_name, "port closed by the device: %s", why);
  md_at_port_close (self);
  if (!self->closed_emitted) {
    self->closed_emitted = TRUE;
    g_signal_emit (self, signals[SIGNAL_CLOSED], 0, error);
    md_port_emit_vanished (MD_PORT (self), error);
  }
}

void
md_at_port_feed (MdAtPort *self, const guint8 *data, gsize len)
{
  guint generation = self->generation;
  char *line;

  md_at_line_buffer_feed (self->lines, data, len);
  md_at_port_input_arrived (self);
  while (self->generation == generation && (line = md_at_line_buffer_next (self->lines))) {
    md_at_port_process_line (self, line);
    g_free (line);
  }
}

static gboolean
readable (gint fd, GIOCondition condition, gpointer user_data)
{
  g_autoptr (MdAtPort) self = g_object_ref (user_data);
  guint generation = self->generation;
  guint8 buffer[READ_CHUNK];

  /* A bounded number of reads per wake-up, so a flooding device cannot
   * starve the rest of the daemon. */
  for (guint round = 0; round < MAX_READS_PER_WAKEUP; round++) {
    gssize n = read (fd, buffer, sizeof buffer);
    int err = errno;

    if (n < 0 && err == EINTR)
      continue;
    if (n < 0 && err == EAGAIN && !(condition & (G_IO_HUP | G_IO_ERR)))
      return G_SOURCE_CONTINUE;
    if (n <= 0) {
      /* EOF, EIO (a pty whose other side closed, a USB device unplugged),
       * or HUP with nothing left to read: the device is gone. */
      self->read_source = 0;
      port_vanished (self, n == 0 || err == EAGAIN ? "end of file" : g_strerror (err));
      return G_SOURCE_REMOVE;
    }
    md_at_port_feed (self, buffer, (gsize)n);
    if (self->generation != generation) {
      /* Closed, or closed and reopened, by a callback: this watch is
       * stale and was already removed. */
      return G_SOURCE_REMOVE;
    }
  }
  return G_SOURCE_CONTINUE;
}

/* --- unsolicited handlers -------------------------------------------------- */

static void
handler_free (gpointer data)
{
  MdAtHandler *h = data;

  if (h->destroy)
    h->destroy (h->user_data);
  g_free (h->prefix);
  g_free (h);
}

static void
call_handler (MdAtPort *self, guint id, const char *line)
{
  for (GList *l = self->handlers; l; l = l->next) {
    MdAtHandler *h = l->data;

    if (h->id == id) {
      h->fn (self, line, h->user_data);
      return;
    }
  }
}

gboolean
md_at_port_take_second_line (MdAtPort *self, const char *line)
{
  g_autofree char *first = g_steal_pointer (&self->pair_first);
  g_autofree char *joined = NULL;
  guint id = self->pair_handler_id;

  if (!id)
    return FALSE;
  self->pair_handler_id = 0;
  joined = g_strconcat (first, "\n", line, NULL);
  call_handler (self, id, joined);
  return TRUE;
}

gboolean
md_at_port_dispatch_unsolicited (MdAtPort *self, const char *line)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint));

  for (GList *l = self->handlers; l; l = l->next) {
    MdAtHandler *h = l->data;

    if (!g_str_has_prefix (line, h->prefix))
      continue;
    /* The first line is held until its second comes; that handler alone
     * gets the pair. */
    if (h->with_next_line) {
      g_free (self->pair_first);
      self->pair_first = g_strdup (line);
      self->pair_handler_id = h->id;
      return TRUE;
    }
    g_array_append_val (ids, h->id);
  }
  /* Handlers may add or remove handlers, or close the port, while they
   * run: look each one up again just before calling it. */
  for (guint i = 0; i < ids->len; i++)
    call_handler (self, g_array_index (ids, guint, i), line);
  return ids->len > 0;
}

static guint
add_handler (MdAtPort *self, const char *prefix, MdAtUnsolicitedFn fn, gpointer user_data,
             GDestroyNotify destroy, gboolean with_next_line)
{
  MdAtHandler *h;

  g_return_val_if_fail (MD_IS_AT_PORT (self), 0);
  g_return_val_if_fail (prefix && *prefix && fn, 0);
  h = g_new0 (MdAtHandler, 1);
  h->id = ++self->next_handler_id;
  h->prefix = g_strdup (prefix);
  h->fn = fn;
  h->user_data = user_data;
  h->destroy = destroy;
  h->with_next_line = with_next_line;
  self->handlers = g_list_append (self->handlers, h);
  return h->id;
}

guint
md_at_port_add_unsolicited_handler (MdAtPort *self, const char *prefix, MdAtUnsolicitedFn fn,
                                    gpointer user_data, GDestroyNotify destroy)
{
  return add_handler (self, prefix, fn, user_data, destroy, FALSE);
}

guint
md_at_port_add_two_line_handler (MdAtPort *self, const char *prefix, MdAtUnsolicitedFn fn, gpointer user_data,
                                 GDestroyNotify destroy)
{
  return add_handler (self, prefix, fn, user_data, destroy, TRUE);
}

void
md_at_port_remove_unsolicited_handler (MdAtPort *self, guint id)
{
  g_return_if_fail (MD_IS_AT_PORT (self));
  for (GList *l = self->handlers; l; l = l->next) {
    MdAtHandler *h = l->data;

    if (h->id == id) {
      self->handlers = g_list_delete_link (self->handlers, l);
      handler_free (h);
      return;
    }
  }
}

/* --- data mode ------------------------------------------------------------- */

gboolean
md_at_port_get_data_mode (MdAtPort *self)
{
  g_return_val_if_fail (MD_IS_AT_PORT (self), FALSE);
  return self->data_mode;
}

void
md_at_port_set_data_mode (MdAtPort *self, gboolean data_mode)
{
  g_return_if_fail (MD_IS_AT_PORT (self));
  if (data_mode && !self->data_mode) {
    md_at_port_enter_data_mode (self);
    return;
  }
  if (data_mode || !self->data_mode)
    return;
  self->data_mode = FALSE;
  md_log_debug (self->log_name, "command mode");
  /* Half a PPP frame is not the start of an answer. */
  md_at_line_buffer_clear (self->lines);
  md_at_port_start_next (self);
}

gboolean
md_at_port_write_raw (MdAtPort *self, const char *data, gsize len, GError **error)
{
  g_return_val_if_fail (MD_IS_AT_PORT (self), FALSE);
  if (self->fd < 0) {
    g_set_error (error, MD_SERIAL_ERROR, MD_SERIAL_ERROR_NOT_OPEN, "%s is not open", self->name);
    return FALSE;
  }
  md_log_debug (self->log_name, "--> %" G_GSIZE_FORMAT " raw bytes", len);
  md_at_port_send (self, data, len);
  return TRUE;
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
md_at_port_dispose (GObject *object)
{
  MdAtPort *self = MD_AT_PORT (object);

  md_at_port_close (self);
  g_list_free_full (g_steal_pointer (&self->handlers), handler_free);
  self->pair_handler_id = 0;
  g_clear_pointer (&self->pair_first, g_free);
  G_OBJECT_CLASS (md_at_port_parent_class)->dispose (object);
}

static void
md_at_port_finalize (GObject *object)
{
  MdAtPort *self = MD_AT_PORT (object);

  g_string_free (self->out, TRUE);
  g_string_free (self->response, TRUE);
  md_at_line_buffer_free (self->lines);
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
  MdAtPort *self;

  g_return_val_if_fail (device && *device, NULL);
  self = g_object_new (MD_TYPE_AT_PORT, NULL);
  self->device = g_strdup (device);
  self->name = md_port_name_for_device (device);
  self->log_name = g_strdup_printf ("%s/at", self->name);
  return self;
}

const char *
md_at_port_get_device (MdAtPort *self)
{
  g_return_val_if_fail (MD_IS_AT_PORT (self), NULL);
  return self->device;
}

const char *
md_at_port_get_name (MdAtPort *self)
{
  g_return_val_if_fail (MD_IS_AT_PORT (self), NULL);
  return self->name;
}

void
md_at_port_set_baud (MdAtPort *self, guint baud)
{
  g_return_if_fail (MD_IS_AT_PORT (self));
  self->baud = baud;
}

void
md_at_port_set_flow_control (MdAtPort *self, MdPortFlowControl flow_control)
{
  g_return_if_fail (MD_IS_AT_PORT (self));
  self->flow_control = flow_control;
}

gboolean
md_at_port_open (MdAtPort *self, GError **error)
{
  g_return_val_if_fail (MD_IS_AT_PORT (self), FALSE);
  if (self->fd >= 0)
    return TRUE;
  self->fd = md_port_open_fd (self->device, self->baud, self->flow_control, &self->kind, error);
  if (self->fd < 0) {
    md_log_debug (self->log_name, "cannot open: %s", error && *error ? (*error)->message : "unknown error");
    return FALSE;
  }
  self->generation++;
  self->closed_emitted = FALSE;
  self->read_source = g_unix_fd_add (self->fd, G_IO_IN | G_IO_HUP | G_IO_ERR, readable, self);
  md_log_debug (self->log_name, "opened %s", self->device);
  return TRUE;
}

void
md_at_port_close (MdAtPort *self)
{
  g_autoptr (GError) error = NULL;

  g_return_if_fail (MD_IS_AT_PORT (self));
  if (self->fd < 0)
    return;
  self->generation++;
  g_clear_handle_id (&self->read_source, g_source_remove);
  g_clear_handle_id (&self->write_source, g_source_remove);
  md_at_port_stop_timers (self);
  close (self->fd);
  self->fd = -1;
  self->data_mode = FALSE;
  g_string_truncate (self->out, 0);
  md_at_line_buffer_clear (self->lines);
  md_log_debug (self->log_name, "closed");
  error = g_error_new (MD_SERIAL_ERROR, MD_SERIAL_ERROR_NOT_OPEN, "%s was closed", self->name);
  md_at_port_fail_all (self, error);
}

gboolean
md_at_port_is_open (MdAtPort *self)
{
  g_return_val_if_fail (MD_IS_AT_PORT (self), FALSE);
  return self->fd >= 0;
}

/* --- the common port face -------------------------------------------------- */

static const char *
face_get_name (MdPort *port)
{
  return md_at_port_get_name (MD_AT_PORT (port));
}

static const char *
face_get_device (MdPort *port)
{
  return md_at_port_get_device (MD_AT_PORT (port));
}

static MdModemPortType
face_get_kind (MdPort *port)
{
  return MD_MODEM_PORT_TYPE_AT;
}

static void
face_close (MdPort *port)
{
  md_at_port_close (MD_AT_PORT (port));
}

static void
md_at_port_face_init (MdPortInterface *iface)
{
  iface->get_name = face_get_name;
  iface->get_device = face_get_device;
  iface->get_kind = face_get_kind;
  iface->close = face_close;
}
