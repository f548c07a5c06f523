/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Field splitting and conversions shared by the AT response parsers. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The text after prefix (case-insensitive, leading blanks skipped), or NULL
 * when text does not start with it. */
const char *md_at_skip_prefix (const char *text, const char *prefix);
/* Comma-separated fields of one line; quoted strings and parenthesised
 * groups stay whole. Fields are trimmed, quotes kept. */
GPtrArray *md_at_split_fields (const char *value);
gboolean md_at_field_is_quoted (const char *field);
char *md_at_field_unquote (const char *field);
/* Decimal without sign, at most max. */
gboolean md_at_field_uint (const char *field, guint64 max, guint64 *out);
/* Hexadecimal, quoted or not. */
gboolean md_at_field_hex (const char *field, guint64 *out);

G_END_DECLS
