/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The AT line splitter; see md-at-lines.h. Bytes live in one GString with a
 * read offset and a scan offset, so every byte is looked at once however
 * the stream is chunked, and a 64 KiB answer costs linear time. */
#include "md-at-lines.h"

#include <string.h>

struct _MdAtLineBuffer {
  GString *data;
  gsize start;   /* first byte not yet returned */
  gsize scanned; /* bytes after start known to hold no terminator */
};

MdAtLineBuffer *
md_at_line_buffer_new (void)
{
  MdAtLineBuffer *self = g_new0 (MdAtLineBuffer, 1);

  self->data = g_string_new (NULL);
  return self;
}

void
md_at_line_buffer_free (MdAtLineBuffer *self)
{
  if (!self)
    return;
  g_string_free (self->data, TRUE);
  g_free (self);
}

void
md_at_line_buffer_clear (MdAtLineBuffer *self)
{
  g_string_truncate (self->data, 0);
  self->start = 0;
  self->scanned = 0;
}

gsize
md_at_line_buffer_pending (MdAtLineBuffer *self)
{
  return self->data->len - self->start;
}

void
md_at_line_buffer_feed (MdAtLineBuffer *self, const guint8 *data, gsize len)
{
  /* NULs are dropped so the buffer stays a C string for strcspn(); some
   * USB serial bridges emit them around resets. */
  while (len > 0) {
    const guint8 *nul = memchr (data, '\0', len);
    gsize run = nul ? (gsize)(nul - data) : len;

    g_string_append_len (self->data, (const char *)data, (gssize)run);
    if (!nul)
      break;
    data += run + 1;
    len -= run + 1;
  }
}

/* Drops the consumed head once it outgrows what is left, so memory moves
 * O(1) times per byte on average. */
static void
compact (MdAtLineBuffer *self)
{
  if (self->start == self->data->len) {
    md_at_line_buffer_clear (self);
  } else if (self->start > 4096 && self->start > self->data->len / 2) {
    g_string_erase (self->data, 0, (gssize)self->start);
    self->start = 0;
  }
}

static gboolean
is_blank (const char *text, gsize len)
{
  for (gsize i = 0; i < len; i++) {
    if (!g_ascii_isspace (text[i]))
      return FALSE;
  }
  return TRUE;
}

/* The prompt is ">" and one space, never terminated; blanks before it are
 * the "\r\n" that precede every response. */
static gboolean
is_prompt (const char *text, gsize len)
{
  while (len > 0 && g_ascii_isspace (*text)) {
    text++;
    len--;
  }
  return len == 2 && text[0] == '>' && text[1] == ' ';
}

char *
md_at_line_buffer_next (MdAtLineBuffer *self)
{
  while (self->start < self->data->len) {
    const char *head = self->data->str + self->start;
    gsize avail = self->data->len - self->start;
    gsize len = self->scanned + strcspn (head + self->scanned, "\r\n");
    char *line = NULL;

    if (len == avail) {
      self->scanned = avail;
      if (is_prompt (head, avail)) {
        md_at_line_buffer_clear (self);
        return g_strdup (">");
      }
      if (avail > MD_AT_LINE_MAX_LEN)
        md_at_line_buffer_clear (self);
      return NULL;
    }
    if (!is_blank (head, len))
      line = g_strstrip (g_strndup (head, len));
    self->start += len + 1;
    self->scanned = 0;
    compact (self);
    if (line)
      return line;
  }
  return NULL;
}
