/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Opening the file descriptor of a control port (tty or unix socket) and
 * naming it the way ModemManager does; see md-port-open.c. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  MD_PORT_FD_TTY,    /* configured raw 8N1 */
  MD_PORT_FD_SOCKET, /* unix stream socket: writes must not raise SIGPIPE */
  MD_PORT_FD_OTHER,  /* a character device or fifo that is not a tty */
} MdPortFdKind;

/* Flow control of a tty (ModemManager's ID_MM_TTY_FLOW_CONTROL values). */
typedef enum {
  MD_PORT_FLOW_CONTROL_NONE,
  MD_PORT_FLOW_CONTROL_XON_XOFF,
  MD_PORT_FLOW_CONTROL_RTS_CTS,
} MdPortFlowControl;

/* The prefix of a socket in the abstract namespace. The abstract name is
 * the whole device string, prefix included, as in ModemManager. */
#define MD_PORT_ABSTRACT_PREFIX "abstract:"

/* Returns a non-blocking, close-on-exec fd, or -1 with error set:
 * MD_SERIAL_ERROR_OPEN_FAILED_NO_DEVICE when nothing is there (ENOENT,
 * ENODEV, ENXIO, ECONNREFUSED), MD_SERIAL_ERROR_OPEN_FAILED otherwise. */
int md_port_open_fd (const char *device, guint baud, MdPortFlowControl flow_control, MdPortFdKind *out_kind,
                     GError **error);

/* "ttyUSB2" for /dev/ttyUSB2, "pts/5" for /dev/pts/5 (the name relative to
 * /dev, as ModemManager names kernel ports); any other device string, such
 * as "abstract:NAME" or a socket path, is its own name, as ModemManager
 * names the virtual ports of Test.SetProfile. */
char *md_port_name_for_device (const char *device);

G_END_DECLS
