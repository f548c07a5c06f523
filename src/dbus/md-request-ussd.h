/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Text of Modem3gpp.Ussd.Initiate and Respond; see md-request-ussd.c. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The longest USSD string: 182 GSM 7-bit characters (TS 23.038). */
#define MD_REQUEST_USSD_MAX 182

/* 1 to MD_REQUEST_USSD_MAX printable ASCII characters without '"' and
 * '\\'; anything else fails with MD_CORE_ERROR_INVALID_ARGS. */
gboolean md_request_ussd_text (const char *text, GError **error);

G_END_DECLS
