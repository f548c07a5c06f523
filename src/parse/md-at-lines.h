/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Splits the byte stream of an AT port into lines, whatever the chunking
 * and line endings (\r, \n, \r\n, \n\r), dropping blank lines and NUL
 * bytes, and recognises the unterminated "> " prompt of +CMGS/+CMGW. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Unterminated input longer than this is garbage (a stuck or binary
 * stream): it is dropped so memory stays bounded. Real answers are far
 * shorter; a whole 64 KiB +CMGL listing is many lines. */
#define MD_AT_LINE_MAX_LEN (256 * 1024)

typedef struct _MdAtLineBuffer MdAtLineBuffer;

MdAtLineBuffer *md_at_line_buffer_new (void);
void md_at_line_buffer_free (MdAtLineBuffer *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdAtLineBuffer, md_at_line_buffer_free)

/* Any bytes, any split point. NUL bytes are dropped. */
void md_at_line_buffer_feed (MdAtLineBuffer *self, const guint8 *data, gsize len);
/* The next complete, non-blank line without its terminator and without
 * surrounding blanks (free it), ">" for a pending "> " prompt, or NULL when
 * more bytes are needed. */
char *md_at_line_buffer_next (MdAtLineBuffer *self);
/* Forgets everything buffered. */
void md_at_line_buffer_clear (MdAtLineBuffer *self);
/* Bytes buffered and not yet returned as a line. */
gsize md_at_line_buffer_pending (MdAtLineBuffer *self);

G_END_DECLS
