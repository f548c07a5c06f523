/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The network's USSD reports: "+CUSD: <m>[,<str>[,<dcs>]]" (27.007 7.15). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* <m> of a +CUSD report. */
typedef enum {
  MD_AT_USSD_NO_ACTION = 0,       /* an answer or a notification: done */
  MD_AT_USSD_ACTION_REQUIRED = 1, /* the network waits for a response */
  MD_AT_USSD_TERMINATED = 2,      /* the network ended the session */
  MD_AT_USSD_OTHER_CLIENT = 3,
  MD_AT_USSD_NOT_SUPPORTED = 4,
  MD_AT_USSD_TIMED_OUT = 5,
} MdAtUssdStatus;

/* out_text: the string as text (NULL when the report has none). Only the
 * GSM default alphabet in the TE's character set (dcs 15, or absent, or
 * any 7-bit coding group) and UCS2 given as hex (dcs 72) are understood;
 * other codings, and text with control characters, fail. */
gboolean md_at_parse_cusd (const char *text, MdAtUssdStatus *out_status, char **out_text, GError **error);

G_END_DECLS
