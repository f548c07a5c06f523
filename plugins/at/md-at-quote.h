/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The AT driver's only way to put caller text into a command line; see
 * md-at-quote.c. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* text as an AT string constant, in double quotes; fails with
 * MD_CORE_ERROR_INVALID_ARGS when it holds '"', '\\', a control character
 * or a byte outside printable ASCII. */
char *md_at_quote (const char *text, GError **error);
/* A copy of number for ATD when it is a plain dial string: digits, '*',
 * '#' and '+', at least one; otherwise MD_CORE_ERROR_INVALID_ARGS. */
char *md_at_dial_string (const char *number, GError **error);

G_END_DECLS
