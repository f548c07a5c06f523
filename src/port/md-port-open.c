/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Opening a control port's file descriptor: a tty in raw 8N1 with the
 * requested speed and exclusive access where the driver allows it, or a
 * unix stream socket (a path, or "abstract:NAME" in the abstract
 * namespace, the whole string being the name). */
#include "md-port-open.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <termios.h>
#include <unistd.h>

#include "md-errors.h"

#define ABSTRACT_PREFIX "abstract:"

static speed_t
speed_for_baud (guint baud)
{
  switch (baud) {
  case 9600: return B9600;
  case 19200: return B19200;
  case 38400: return B38400;
  case 57600: return B57600;
  case 230400: return B230400;
  case 460800: return B460800;
  case 921600: return B921600;
  default: return B115200;
  }
}

static int
open_failed (const char *device, int err, GError **error)
{
  gboolean missing = err == ENOENT || err == ENODEV || err == ENXIO || err == ECONNREFUSED;

  g_set_error (error, MD_SERIAL_ERROR,
               missing ? MD_SERIAL_ERROR_OPEN_FAILED_NO_DEVICE : MD_SERIAL_ERROR_OPEN_FAILED,
               "Cannot open %s: %s", device, g_strerror (err));
  return -1;
}

static int
open_socket (const char *device, GError **error)
{
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  gboolean abstract = g_str_has_prefix (device, ABSTRACT_PREFIX);
  gsize len = strlen (device);
  socklen_t addr_len;
  int fd;

  if (len + 1 > sizeof addr.sun_path) {
    g_set_error (error, MD_SERIAL_ERROR, MD_SERIAL_ERROR_OPEN_FAILED, "Socket name too long: %s", device);
    return -1;
  }
  if (abstract) {
    memcpy (addr.sun_path + 1, device, len);
    addr_len = (socklen_t)(offsetof (struct sockaddr_un, sun_path) + 1 + len);
  } else {
    memcpy (addr.sun_path, device, len + 1);
    addr_len = sizeof addr;
  }
  fd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0)
    return open_failed (device, errno, error);
  if (connect (fd, (struct sockaddr *)&addr, addr_len) < 0 && errno != EINPROGRESS) {
    int err = errno;

    close (fd);
    return open_failed (device, err, error);
  }
  return fd;
}

static gboolean
configure_tty (int fd, guint baud)
{
  struct termios tio;

  if (tcgetattr (fd, &tio) < 0)
    return FALSE;
  cfmakeraw (&tio);
  tio.c_cflag |= CLOCAL | CREAD;
  tio.c_cflag &= ~(CSTOPB | PARENB | CRTSCTS);
  tio.c_cc[VMIN] = 1;
  tio.c_cc[VTIME] = 0;
  cfsetispeed (&tio, speed_for_baud (baud));
  cfsetospeed (&tio, speed_for_baud (baud));
  return tcsetattr (fd, TCSANOW, &tio) == 0;
}

int
md_port_open_fd (const char *device, guint baud, gboolean *out_is_tty, GError **error)
{
  struct stat st;
  int fd;

  *out_is_tty = FALSE;
  if (g_str_has_prefix (device, ABSTRACT_PREFIX))
    return open_socket (device, error);
  if (stat (device, &st) < 0)
    return open_failed (device, errno, error);
  if (S_ISSOCK (st.st_mode))
    return open_socket (device, error);
  fd = open (device, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0)
    return open_failed (device, errno, error);
  if (!isatty (fd))
    return fd;
  *out_is_tty = TRUE;
  /* Exclusive access keeps other programs off a port we drive; some
   * drivers (and ptys in containers) refuse it, which is fine. */
  (void)ioctl (fd, TIOCEXCL);
  if (!configure_tty (fd, baud)) {
    int err = errno;

    close (fd);
    return open_failed (device, err, error);
  }
  return fd;
}

char *
md_port_name_for_device (const char *device)
{
  if (g_str_has_prefix (device, ABSTRACT_PREFIX))
    return g_strdup (device);
  if (g_str_has_prefix (device, "/dev/"))
    return g_strdup (device + strlen ("/dev/"));
  return g_path_get_basename (device);
}
