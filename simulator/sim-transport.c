/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Serves the AT port on a pty master (raw mode, with our own fd on the slave
 * kept open so the master never reads EIO when a client closes), on an
 * inherited fd, or on an abstract unix socket (one client at a time, the next accepted when it
 * leaves). Knows nothing about AT. */
#include "sim-transport.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib-unix.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <termios.h>
#include <unistd.h>

/* More unread output than this means nobody reads: drop, do not grow. */
#define MAX_PENDING_OUTPUT (256 * 1024)
#define SPEED_POLL_MS      50

typedef enum {
  KIND_PTY,
  KIND_ABSTRACT,
} TransportKind;

struct _SimTransport {
  TransportKind kind;
  SimTransportCallbacks callbacks;
  gpointer user_data;
  char *path;
  int io_fd;     /* pty master, or the connected socket client */
  int keep_fd;   /* pty slave held open by us */
  int listen_fd; /* abstract socket */
  guint read_watch;
  guint write_watch;
  guint listen_watch;
  guint speed_timer;
  gboolean speed_zero;
  GByteArray *output;
  /* With a reply delay: chunks not yet due, each with its due time. */
  guint delay_ms;
  GQueue delayed; /* DelayedChunk */
  guint delay_timer;
};

typedef struct {
  gint64 due;
  GBytes *bytes;
} DelayedChunk;

static void
delayed_chunk_free (gpointer data)
{
  DelayedChunk *chunk = data;

  g_bytes_unref (chunk->bytes);
  g_free (chunk);
}

static void stop_io (SimTransport *self);

static void
set_errno_error (GError **error, const char *what)
{
  int code = errno;

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (code), "%s: %s", what, g_strerror (code));
}

static gboolean
flush_output (SimTransport *self)
{
  while (self->output->len > 0 && self->io_fd >= 0) {
    ssize_t n = self->kind == KIND_ABSTRACT
                  ? send (self->io_fd, self->output->data, self->output->len, MSG_NOSIGNAL)
                  : write (self->io_fd, self->output->data, self->output->len);

    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0 && errno == EAGAIN)
      return FALSE;
    if (n < 0) {
      /* The reader side reports the loss; drop what cannot be sent. */
      g_byte_array_set_size (self->output, 0);
      return TRUE;
    }
    g_byte_array_remove_range (self->output, 0, (guint)n);
  }
  return TRUE;
}

static gboolean
on_writable (int fd, GIOCondition condition, gpointer user_data)
{
  SimTransport *self = user_data;

  if (!flush_output (self))
    return G_SOURCE_CONTINUE;
  self->write_watch = 0;
  return G_SOURCE_REMOVE;
}

static void write_now (SimTransport *self, const char *data, gsize len);
static void schedule_delayed (SimTransport *self);

static gboolean
delayed_due (gpointer user_data)
{
  SimTransport *self = user_data;
  gint64 now = g_get_monotonic_time ();
  DelayedChunk *chunk;

  self->delay_timer = 0;
  while ((chunk = g_queue_peek_head (&self->delayed)) && chunk->due <= now) {
    gsize len;
    const char *data = g_bytes_get_data (chunk->bytes, &len);

    write_now (self, data, len);
    delayed_chunk_free (g_queue_pop_head (&self->delayed));
  }
  schedule_delayed (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_delayed (SimTransport *self)
{
  DelayedChunk *chunk = g_queue_peek_head (&self->delayed);
  gint64 wait_us;

  if (!chunk || self->delay_timer)
    return;
  wait_us = MAX (chunk->due - g_get_monotonic_time (), 0);
  self->delay_timer = g_timeout_add ((guint)((wait_us + 999) / 1000), delayed_due, self);
}

void
sim_transport_set_delay (SimTransport *self, guint delay_ms)
{
  self->delay_ms = delay_ms;
}

void
sim_transport_write (SimTransport *self, const char *data, gsize len)
{
  /* Later bytes never overtake earlier delayed ones. */
  if (self->delay_ms > 0 || !g_queue_is_empty (&self->delayed)) {
    DelayedChunk *chunk = g_new0 (DelayedChunk, 1);

    chunk->due = g_get_monotonic_time () + (gint64)self->delay_ms * 1000;
    chunk->bytes = g_bytes_new (data, len);
    g_queue_push_tail (&self->delayed, chunk);
    schedule_delayed (self);
    return;
  }
  write_now (self, data, len);
}

static void
write_now (SimTransport *self, const char *data, gsize len)
{
  if (self->io_fd < 0)
    return;
  if (self->output->len + len > MAX_PENDING_OUTPUT) {
    g_debug ("AT output dropped: the client does not read");
    return;
  }
  g_byte_array_append (self->output, (const guint8 *)data, (guint)len);
  if (!self->write_watch && !flush_output (self))
    self->write_watch = g_unix_fd_add (self->io_fd, G_IO_OUT, on_writable, self);
}

static void start_listening (SimTransport *self);

static void
client_left (SimTransport *self)
{
  stop_io (self);
  if (self->callbacks.client_gone)
    self->callbacks.client_gone (self->user_data);
  start_listening (self);
}

static gboolean
on_readable (int fd, GIOCondition condition, gpointer user_data)
{
  SimTransport *self = user_data;
  char buffer[4096];
  ssize_t n = read (fd, buffer, sizeof buffer);

  if (n > 0) {
    self->callbacks.receive (buffer, (gsize)n, self->user_data);
    return G_SOURCE_CONTINUE;
  }
  if (n < 0 && (errno == EAGAIN || errno == EINTR))
    return G_SOURCE_CONTINUE;
  if (self->kind == KIND_PTY) {
    /* Cannot happen while keep_fd is open; do not spin if it does. An
     * inherited fd that is not a pty ends here when its peer closes. */
    g_message ("pty master read failed: %s", n < 0 ? g_strerror (errno) : "end of file");
    self->read_watch = 0;
    return G_SOURCE_REMOVE;
  }
  self->read_watch = 0;
  client_left (self);
  return G_SOURCE_REMOVE;
}

static void
stop_io (SimTransport *self)
{
  g_clear_handle_id (&self->read_watch, g_source_remove);
  g_clear_handle_id (&self->write_watch, g_source_remove);
  if (self->io_fd >= 0)
    close (self->io_fd);
  self->io_fd = -1;
  g_byte_array_set_size (self->output, 0);
}

/* --- pty ------------------------------------------------------------------- */

/* A client "drops DTR" on a tty by setting speed 0; the master cannot see
 * modem lines, but it shares the termios and can watch for that. */
static gboolean
poll_speed (gpointer user_data)
{
  SimTransport *self = user_data;
  struct termios tio;
  gboolean zero;

  if (tcgetattr (self->keep_fd, &tio) != 0)
    return G_SOURCE_CONTINUE;
  zero = cfgetospeed (&tio) == B0;
  if (zero && !self->speed_zero && self->callbacks.line_hangup)
    self->callbacks.line_hangup (self->user_data);
  self->speed_zero = zero;
  return G_SOURCE_CONTINUE;
}

static gboolean
open_pty (SimTransport *self, GError **error)
{
  struct termios tio;
  char name[128];

  self->io_fd = posix_openpt (O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (self->io_fd < 0) {
    set_errno_error (error, "posix_openpt");
    return FALSE;
  }
  if (grantpt (self->io_fd) != 0 || unlockpt (self->io_fd) != 0
      || ptsname_r (self->io_fd, name, sizeof name) != 0) {
    set_errno_error (error, "pty setup");
    return FALSE;
  }
  self->path = g_strdup (name);
  self->keep_fd = open (name, O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (self->keep_fd < 0) {
    set_errno_error (error, name);
    return FALSE;
  }
  /* Raw: no echo, no line editing, no CR/LF translation; binary passes. */
  if (tcgetattr (self->io_fd, &tio) != 0) {
    set_errno_error (error, "tcgetattr");
    return FALSE;
  }
  cfmakeraw (&tio);
  cfsetspeed (&tio, B115200);
  if (tcsetattr (self->io_fd, TCSANOW, &tio) != 0) {
    set_errno_error (error, "tcsetattr");
    return FALSE;
  }
  g_unix_set_fd_nonblocking (self->io_fd, TRUE, NULL);
  return TRUE;
}

static SimTransport *
transport_new (TransportKind kind, const SimTransportCallbacks *callbacks, gpointer user_data)
{
  SimTransport *self = g_new0 (SimTransport, 1);

  self->kind = kind;
  self->callbacks = *callbacks;
  self->user_data = user_data;
  self->io_fd = self->keep_fd = self->listen_fd = -1;
  self->output = g_byte_array_new ();
  return self;
}

SimTransport *
sim_transport_new_pty (const SimTransportCallbacks *callbacks, gpointer user_data, GError **error)
{
  g_autoptr (SimTransport) self = transport_new (KIND_PTY, callbacks, user_data);

  if (!open_pty (self, error))
    return NULL;
  self->read_watch = g_unix_fd_add (self->io_fd, G_IO_IN, on_readable, self);
  self->speed_timer = g_timeout_add (SPEED_POLL_MS, poll_speed, self);
  return g_steal_pointer (&self);
}

/* An inherited fd: a pty master (as umockdev gives for an emulated device
 * node) gets raw mode and our own fd on its slave; any other stream fd is
 * served as it is. */
static gboolean
adopt_fd (SimTransport *self, int fd, GError **error)
{
  struct termios tio;
  char name[128];

  self->io_fd = fd;
  if (fcntl (fd, F_SETFD, FD_CLOEXEC) != 0) {
    set_errno_error (error, "inherited fd");
    return FALSE;
  }
  self->path = g_strdup_printf ("fd:%d", fd);
  if (ptsname_r (fd, name, sizeof name) == 0) {
    self->keep_fd = open (name, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (self->keep_fd < 0) {
      set_errno_error (error, name);
      return FALSE;
    }
  }
  if (tcgetattr (fd, &tio) == 0) {
    cfmakeraw (&tio);
    cfsetspeed (&tio, B115200);
    if (tcsetattr (fd, TCSANOW, &tio) != 0) {
      set_errno_error (error, "tcsetattr");
      return FALSE;
    }
  }
  g_unix_set_fd_nonblocking (fd, TRUE, NULL);
  return TRUE;
}

SimTransport *
sim_transport_new_fd (int fd, const SimTransportCallbacks *callbacks, gpointer user_data, GError **error)
{
  g_autoptr (SimTransport) self = transport_new (KIND_PTY, callbacks, user_data);

  if (!adopt_fd (self, fd, error))
    return NULL;
  self->read_watch = g_unix_fd_add (self->io_fd, G_IO_IN, on_readable, self);
  if (self->keep_fd >= 0)
    self->speed_timer = g_timeout_add (SPEED_POLL_MS, poll_speed, self);
  return g_steal_pointer (&self);
}

/* --- abstract socket -------------------------------------------------------- */

static gboolean
on_connection (int fd, GIOCondition condition, gpointer user_data)
{
  SimTransport *self = user_data;
  int client = accept4 (fd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);

  if (client < 0)
    return G_SOURCE_CONTINUE;
  /* One client at a time, as on a real port: the next waits in the
   * backlog until this one leaves. */
  self->listen_watch = 0;
  self->io_fd = client;
  self->read_watch = g_unix_fd_add (client, G_IO_IN | G_IO_HUP | G_IO_ERR, on_readable, self);
  return G_SOURCE_REMOVE;
}

static void
start_listening (SimTransport *self)
{
  if (self->listen_fd >= 0 && !self->listen_watch)
    self->listen_watch = g_unix_fd_add (self->listen_fd, G_IO_IN, on_connection, self);
}

SimTransport *
sim_transport_new_abstract (const char *name, const SimTransportCallbacks *callbacks, gpointer user_data,
                            GError **error)
{
  g_autoptr (SimTransport) self = transport_new (KIND_ABSTRACT, callbacks, user_data);
  struct sockaddr_un address = { .sun_family = AF_UNIX };
  gsize len = strlen (name);

  if (len == 0 || len + 1 > sizeof address.sun_path) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "Bad abstract socket name '%s'", name);
    return NULL;
  }
  /* Abstract: a leading NUL, and the length counts only the name. */
  memcpy (address.sun_path + 1, name, len);
  self->path = g_strdup (name);
  self->listen_fd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (self->listen_fd < 0
      || bind (self->listen_fd, (struct sockaddr *)&address,
               offsetof (struct sockaddr_un, sun_path) + 1 + len)
           != 0
      || listen (self->listen_fd, 4) != 0) {
    set_errno_error (error, name);
    return NULL;
  }
  start_listening (self);
  return g_steal_pointer (&self);
}

/* --- common ---------------------------------------------------------------- */

const char *
sim_transport_get_path (SimTransport *self)
{
  return self->path;
}

void
sim_transport_unplug (SimTransport *self)
{
  stop_io (self);
  g_clear_handle_id (&self->listen_watch, g_source_remove);
  g_clear_handle_id (&self->speed_timer, g_source_remove);
  if (self->keep_fd >= 0)
    close (self->keep_fd);
  if (self->listen_fd >= 0)
    close (self->listen_fd);
  self->keep_fd = self->listen_fd = -1;
}

void
sim_transport_free (SimTransport *self)
{
  if (!self)
    return;
  sim_transport_unplug (self);
  g_clear_handle_id (&self->delay_timer, g_source_remove);
  g_queue_clear_full (&self->delayed, delayed_chunk_free);
  g_byte_array_unref (self->output);
  g_free (self->path);
  g_free (self);
}
