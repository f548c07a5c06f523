/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Closes still in flight, by device path. Closing an MBIM or QMI port
 * talks to the device (MBIM CLOSE; QMI client releases) after the port
 * object is gone. A new open of the same device must wait for that: the
 * device would otherwise answer the new session's open, then take the old
 * session's close for it. All on the main context. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A close of device_path starts talking to the device; each begin is
 * matched by one end when that close is over (answered, failed or timed
 * out). */
void md_port_closing_begin (const char *device_path);
void md_port_closing_end (const char *device_path);

/* Whether a close of device_path is in flight. */
gboolean md_port_closing_pending (const char *device_path);

typedef void (*MdPortAfterClosesFn) (GTask *task);
/* Calls then (task) once no close of device_path is in flight: at once
 * when none is. Closes end within their own timeouts, so the wait is
 * bounded. */
void md_port_after_closes (const char *device_path, MdPortAfterClosesFn then, GTask *task);

G_END_DECLS
