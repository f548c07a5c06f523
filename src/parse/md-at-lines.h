/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Splits the byte stream of an AT port into lines, whatever the chunking
 * and line endings (\r, \n, \r\n, \n\r), dropping blank lines and NUL
 * bytes, and recognises the unterminated "> " prompt of +CMGS/+CMGW. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _MdAtLineBuffer MdAtLineBuffer;

MdAtLineBuffer *md_at_line_buffer_new (void);
void md_at_line_buffer_free (MdAtLineBuffer *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdAtLineBuffer, md_at_line_buffer_free)

void md_at_line_buffer_feed (MdAtLineBuffer *self, const guint8 *data, gsize len);
/* The next complete, non-blank line without its terminator (free it), ">"
 * for a pending prompt, or NULL when more bytes are needed. */
char *md_at_line_buffer_next (MdAtLineBuffer *self);
/* Forgets everything buffered. */
void md_at_line_buffer_clear (MdAtLineBuffer *self);
gsize md_at_line_buffer_pending (MdAtLineBuffer *self);

G_END_DECLS
