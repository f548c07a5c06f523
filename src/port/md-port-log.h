/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What of a port's traffic may go into the log: unless personal info
 * logging is on, long digit runs (IMEI, ICCID, IMSI, numbers) and the
 * quoted arguments of commands carrying secrets (PIN, PUK, passwords) are
 * masked. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Returns a newly allocated copy safe to log. */
char *md_port_log_sanitize (const char *text);

G_END_DECLS
