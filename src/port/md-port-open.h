/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Opening control ports; see md-port-open.c. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Returns a non-blocking fd, or -1 with error set. */
int md_port_open_fd (const char *device, guint baud, gboolean *out_is_tty, GError **error);
/* "ttyUSB2" for /dev/ttyUSB2, "pts/5" for /dev/pts/5, the string itself for
 * an abstract socket, the basename for other paths. */
char *md_port_name_for_device (const char *device);

G_END_DECLS
