/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A umockdev ioctl handler for pty-backed tty nodes: umockdev routes every
 * ioctl on an emulated node to the testbed, so the serial-port calls a pty
 * does not know are answered here (exclusive mode, modem lines) and the rest
 * (termios) run on the real pty. */
#include "md-testbed.h"

#include <errno.h>
#include <string.h>
#include <sys/ioctl.h>

typedef struct {
  UMockdevIoctlBase parent;
} MdTtyIoctl;

typedef struct {
  UMockdevIoctlBaseClass parent_class;
} MdTtyIoctlClass;

static GType md_tty_ioctl_get_type (void);
G_DEFINE_TYPE (MdTtyIoctl, md_tty_ioctl, UMOCKDEV_TYPE_IOCTL_BASE)

/* DTR and RTS as set by the client, CTS, DSR and carrier always up. */
static gboolean
answer_modem_lines (UMockdevIoctlClient *client)
{
  g_autoptr (GError) error = NULL;
  UMockdevIoctlData *arg = umockdev_ioctl_client_get_arg (client);
  g_autoptr (UMockdevIoctlData) data = umockdev_ioctl_data_resolve (arg, 0, sizeof (int), &error);
  int lines = TIOCM_DTR | TIOCM_RTS | TIOCM_CTS | TIOCM_DSR | TIOCM_CAR;

  if (!data) {
    umockdev_ioctl_client_complete (client, -1, EFAULT);
    return TRUE;
  }
  memcpy (data->data, &lines, sizeof lines);
  umockdev_ioctl_client_complete (client, 0, 0);
  return TRUE;
}

static gboolean
handle_ioctl (UMockdevIoctlBase *base, UMockdevIoctlClient *client)
{
  gulong request = umockdev_ioctl_client_get_request (client);
  g_autoptr (GError) error = NULL;
  int code = 0;
  int result;

  switch (request) {
  case TIOCEXCL:
  case TIOCNXCL:
  case TIOCMSET:
  case TIOCMBIS:
  case TIOCMBIC: umockdev_ioctl_client_complete (client, 0, 0); return TRUE;
  case TIOCMGET: return answer_modem_lines (client);
  }
  result = umockdev_ioctl_client_execute (client, &code, &error);
  umockdev_ioctl_client_complete (client, result, code);
  return TRUE;
}

static void
md_tty_ioctl_init (MdTtyIoctl *self)
{
}

static void
md_tty_ioctl_class_init (MdTtyIoctlClass *klass)
{
  UMOCKDEV_IOCTL_BASE_CLASS (klass)->handle_ioctl = handle_ioctl;
}

void
md_testbed_attach_tty_ioctls (UMockdevTestbed *tb, const char *node)
{
  g_autoptr (GError) error = NULL;
  UMockdevIoctlBase *handler = g_object_new (md_tty_ioctl_get_type (), NULL);
  gboolean attached = umockdev_testbed_attach_ioctl (tb, node, handler, &error);

  g_object_unref (handler);
  if (!attached)
    g_error ("umockdev refused an ioctl handler on %s: %s", node, error->message);
}
