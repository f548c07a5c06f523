/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Opening a control port's file descriptor: a tty in raw 8N1 with the
 * requested speed and flow control and exclusive access where the driver
 * allows it, or a
 * unix stream socket (a path, or "abstract:NAME" in the abstract
 * namespace). Nothing here reads or writes the port. */
#include "md-port-open.h"

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <termios.h>
#include <unistd.h>

#include "md-errors.h"

static const struct {
  guint baud;
  speed_t speed;
} speeds[] = {
  { 9600, B9600 },       { 19200, B19200 },     { 38400, B38400 },     { 57600, B57600 },
  { 115200, B115200 },   { 230400, B230400 },   { 460800, B460800 },   { 921600, B921600 },
  { 1000000, B1000000 }, { 2000000, B2000000 }, { 3000000, B3000000 }, { 4000000, B4000000 },
};

static gboolean
speed_for_baud (guint baud, speed_t *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (speeds); i++) {
    if (speeds[i].baud == baud) {
      *out = speeds[i].speed;
      return TRUE;
    }
  }
  return FALSE;
}

static int
open_failed (const char *device, const char *what, int err, GError **error)
{
  gboolean missing = err == ENOENT || err == ENODEV || err == ENXIO || err == ECONNREFUSED;

  g_set_error (error, MD_SERIAL_ERROR,
               missing ? MD_SERIAL_ERROR_OPEN_FAILED_NO_DEVICE : MD_SERIAL_ERROR_OPEN_FAILED,
               "Cannot %s %s: %s", what, device, g_strerror (err));
  return -1;
}

/* An abstract address is a NUL byte then the name, not NUL-terminated:
 * the length passed to connect() is what delimits it. */
static int
open_socket (const char *device, GError **error)
{
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  gboolean abstract = g_str_has_prefix (device, MD_PORT_ABSTRACT_PREFIX);
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
    addr_len = (socklen_t)(offsetof (struct sockaddr_un, sun_path) + len + 1);
  }
  fd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0)
    return open_failed (device, "create a socket for", errno, error);
  /* A unix stream connect completes at once or fails; EAGAIN means the
   * listener's backlog is full, which is a failure here too. */
  if (connect (fd, (struct sockaddr *)&addr, addr_len) < 0) {
    int err = errno;

    close (fd);
    return open_failed (device, "connect to", err, error);
  }
  return fd;
}

static gboolean
configure_tty (int fd, speed_t speed, MdPortFlowControl flow_control)
{
  struct termios tio;

  if (tcgetattr (fd, &tio) < 0)
    return FALSE;
  cfmakeraw (&tio);
  tio.c_cflag &= ~(CSIZE | CSTOPB | PARENB | CRTSCTS);
  tio.c_cflag |= CS8 | CLOCAL | CREAD;
  tio.c_iflag &= ~(IXON | IXOFF | IXANY);
  switch (flow_control) {
  case MD_PORT_FLOW_CONTROL_NONE: break;
  case MD_PORT_FLOW_CONTROL_XON_XOFF: tio.c_iflag |= IXON | IXOFF; break;
  case MD_PORT_FLOW_CONTROL_RTS_CTS: tio.c_cflag |= CRTSCTS; break;
  }
  tio.c_cc[VMIN] = 1;
  tio.c_cc[VTIME] = 0;
  if (cfsetispeed (&tio, speed) < 0 || cfsetospeed (&tio, speed) < 0)
    return FALSE;
  if (tcsetattr (fd, TCSANOW, &tio) < 0)
    return FALSE;
  /* Whatever the modem said before we opened it answers nobody. */
  (void)tcflush (fd, TCIOFLUSH);
  return TRUE;
}

static int
open_tty (const char *device, guint baud, MdPortFlowControl flow_control, MdPortFdKind *out_kind,
          GError **error)
{
  speed_t speed;
  int fd;

  if (!speed_for_baud (baud, &speed)) {
    g_set_error (error, MD_SERIAL_ERROR, MD_SERIAL_ERROR_OPEN_FAILED,
                 "Cannot open %s: unsupported baud rate %u", device, baud);
    return -1;
  }
  fd = open (device, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0)
    return open_failed (device, "open", errno, error);
  if (!isatty (fd)) {
    *out_kind = MD_PORT_FD_OTHER;
    return fd;
  }
  /* Exclusive access keeps other programs off a port we drive; some
   * drivers and emulated ttys do not implement it, which is fine. */
  if (ioctl (fd, TIOCEXCL) < 0 && errno != ENOTTY && errno != EINVAL) {
    int err = errno;

    close (fd);
    return open_failed (device, "lock", err, error);
  }
  if (!configure_tty (fd, speed, flow_control)) {
    int err = errno;

    close (fd);
    return open_failed (device, "configure", err, error);
  }
  *out_kind = MD_PORT_FD_TTY;
  return fd;
}

int
md_port_open_fd (const char *device, guint baud, MdPortFlowControl flow_control, MdPortFdKind *out_kind,
                 GError **error)
{
  struct stat st;

  *out_kind = MD_PORT_FD_SOCKET;
  if (g_str_has_prefix (device, MD_PORT_ABSTRACT_PREFIX))
    return open_socket (device, error);
  if (stat (device, &st) < 0)
    return open_failed (device, "open", errno, error);
  if (S_ISSOCK (st.st_mode))
    return open_socket (device, error);
  return open_tty (device, baud, flow_control, out_kind, error);
}

char *
md_port_name_for_device (const char *device)
{
  if (g_str_has_prefix (device, "/dev/") && device[5] != '\0')
    return g_strdup (device + strlen ("/dev/"));
  return g_strdup (device);
}
