/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Where the AT client connects: a pseudo-terminal (the client opens the
 * slave path) or a unix socket in the abstract namespace (one client at a
 * time). Bytes go to the AT session; "unplug" closes it all for good. */
#include "ms-transport.h"

#include <errno.h>
#include <gio/gio.h>
#include <fcntl.h>
#include <glib-unix.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <termios.h>
#include <unistd.h>

struct _MsTransport {
  MsAt *at;
  int master;      /* pty master, or the connected client socket */
  int slave_keep;  /* our own slave fd, so the master never reads EIO */
  int listener;    /* abstract socket */
  guint io_source;
  guint accept_source;
  char *name;
};

static void
write_all (const char *data, gsize len, gpointer user_data)
{
  MsTransport *self = user_data;

  while (len > 0 && self->master >= 0) {
    gssize n = write (self->master, data, len);

    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0 && errno == EAGAIN) {
      g_usleep (1000);
      continue;
    }
    if (n <= 0)
      return;
    data += n;
    len -= (gsize) n;
  }
}

static gboolean accept_client (gint fd, GIOCondition condition, gpointer user_data);

static void
drop_client (MsTransport *self)
{
  g_clear_handle_id (&self->io_source, g_source_remove);
  if (self->master >= 0)
    close (self->master);
  self->master = -1;
  ms_at_reset (self->at);
  if (self->listener >= 0 && !self->accept_source)
    self->accept_source = g_unix_fd_add (self->listener, G_IO_IN, accept_client, self);
}

static gboolean
readable (gint fd, GIOCondition condition, gpointer user_data)
{
  MsTransport *self = user_data;
  guint8 buffer[4096];
  gssize n = read (fd, buffer, sizeof buffer);

  if (n > 0) {
    ms_at_feed (self->at, buffer, (gsize) n);
    return G_SOURCE_CONTINUE;
  }
  if (n < 0 && (errno == EAGAIN || errno == EINTR))
    return G_SOURCE_CONTINUE;
  /* A socket client went away: wait for the next one. */
  self->io_source = 0;
  drop_client (self);
  return G_SOURCE_REMOVE;
}

static gboolean
accept_client (gint fd, GIOCondition condition, gpointer user_data)
{
  MsTransport *self = user_data;
  int client = accept4 (fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);

  if (client < 0)
    return G_SOURCE_CONTINUE;
  self->master = client;
  ms_at_reset (self->at);
  self->io_source = g_unix_fd_add (client, G_IO_IN | G_IO_HUP | G_IO_ERR, readable, self);
  self->accept_source = 0;
  return G_SOURCE_REMOVE;
}

static gboolean
open_pty (MsTransport *self, GError **error)
{
  struct termios tio;
  const char *slave;

  self->master = posix_openpt (O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (self->master < 0 || grantpt (self->master) < 0 || unlockpt (self->master) < 0
      || !(slave = ptsname (self->master))) {
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "pty: %s", g_strerror (errno));
    return FALSE;
  }
  tcgetattr (self->master, &tio);
  cfmakeraw (&tio);
  tcsetattr (self->master, TCSANOW, &tio);
  self->name = g_strdup (slave);
  self->slave_keep = open (slave, O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (self->slave_keep >= 0) {
    tcgetattr (self->slave_keep, &tio);
    cfmakeraw (&tio);
    tcsetattr (self->slave_keep, TCSANOW, &tio);
  }
  g_unix_set_fd_nonblocking (self->master, TRUE, NULL);
  self->io_source = g_unix_fd_add (self->master, G_IO_IN, readable, self);
  return TRUE;
}

static gboolean
open_abstract (MsTransport *self, const char *name, GError **error)
{
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  gsize len = strlen (name);

  if (len + 1 > sizeof addr.sun_path) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "socket name too long");
    return FALSE;
  }
  /* The whole "abstract:NAME" string is the abstract name, as modemd's and
   * ModemManager's AT ports expect. */
  memcpy (addr.sun_path + 1, name, len);
  self->listener = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (self->listener < 0
      || bind (self->listener, (struct sockaddr *) &addr,
               (socklen_t) (offsetof (struct sockaddr_un, sun_path) + 1 + len)) < 0
      || listen (self->listener, 4) < 0) {
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "%s: %s", name, g_strerror (errno));
    return FALSE;
  }
  self->name = g_strdup (name);
  self->accept_source = g_unix_fd_add (self->listener, G_IO_IN, accept_client, self);
  return TRUE;
}

MsTransport *
ms_transport_new (MsModel *model, const char *spec, GError **error)
{
  MsTransport *self = g_new0 (MsTransport, 1);
  gboolean ok;

  self->master = self->slave_keep = self->listener = -1;
  self->at = ms_at_new (model, write_all, self);
  if (g_str_has_prefix (spec, "abstract:"))
    ok = open_abstract (self, spec, error);
  else
    ok = open_pty (self, error);
  if (!ok) {
    ms_transport_free (self);
    return NULL;
  }
  return self;
}

const char *
ms_transport_get_name (MsTransport *self)
{
  return self->name;
}

void
ms_transport_unplug (MsTransport *self)
{
  g_clear_handle_id (&self->io_source, g_source_remove);
  g_clear_handle_id (&self->accept_source, g_source_remove);
  if (self->master >= 0)
    close (self->master);
  if (self->slave_keep >= 0)
    close (self->slave_keep);
  if (self->listener >= 0)
    close (self->listener);
  self->master = self->slave_keep = self->listener = -1;
}

void
ms_transport_free (MsTransport *self)
{
  if (!self)
    return;
  ms_transport_unplug (self);
  ms_at_free (self->at);
  g_free (self->name);
  g_free (self);
}
