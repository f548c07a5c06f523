/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What of a port's traffic may go into the log: unless personal info
 * logging is on, the arguments of commands carrying secrets (PIN, PUK,
 * passwords) and long digit or hex runs (IMEI, ICCID, IMSI, phone numbers,
 * SMS PDUs) are masked, while the shape of each line stays readable. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Returns a newly allocated copy safe to log, valid UTF-8. */
char *md_port_log_sanitize (const char *text);

G_END_DECLS
