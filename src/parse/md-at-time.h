/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The network's time in AT replies: the clock (+CCLK?) and the time zone
 * reports (+CTZV, +CTZE; 27.007 8.40-8.41). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The largest time zone offset a network reports: +-14 hours. */
#define MD_AT_TZ_MAX_MINUTES (14 * 60)

/* "+CCLK: "yy/MM/dd,hh:mm:ss[+-zz]"" (zz in quarters of an hour; the
 * quotes optional) to ISO 8601 local time, "2026-12-05T18:30:00+01:00",
 * without the offset when the modem gave none. Years 00-69 are 20yy;
 * 70-99 (and 1970-1999) are a clock nobody set, counting from its epoch:
 * an error that says so. */
char *md_at_parse_cclk (const char *text, GError **error);

/* "+CTZV: <tz>" or "+CTZE: <tz>,<dst>[,<time>]": tz (quarters of an hour,
 * quoted or not, signed or not) to minutes; dst (hours, 0-2) to minutes,
 * -1 when the report has none. */
gboolean md_at_parse_tz_report (const char *text, gint *out_offset_minutes, gint *out_dst_minutes,
                                GError **error);

G_END_DECLS
