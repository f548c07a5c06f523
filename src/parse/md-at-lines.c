/* SPDX-License-Identifier: GPL-2.0-or-later */
/* See md-at-lines.h. Bytes are kept in one GString; a read position avoids
 * moving memory for every line, and the consumed head is dropped once it
 * outgrows the rest, so a 64 KiB response costs linear time. */
#include "md-at-lines.h"

#include <string.h>

struct _MdAtLineBuffer {
  GString *data;
  gsize start;
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
md_at_line_buffer_feed (MdAtLineBuffer *self, const guint8 *data, gsize len)
{
  for (gsize i = 0; i < len; i++) {
    if (data[i] != '\0')
      g_string_append_c (self->data, (char)data[i]);
  }
}

static void
compact (MdAtLineBuffer *self)
{
  if (self->start > 4096 && self->start > self->data->len / 2) {
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

char *
md_at_line_buffer_next (MdAtLineBuffer *self)
{
  while (self->start < self->data->len) {
    const char *head = self->data->str + self->start;
    gsize avail = self->data->len - self->start;
    gsize len = strcspn (head, "\r\n");

    if (len == avail) {
      /* No terminator yet: only a prompt may stand alone. */
      g_autofree char *rest = g_strstrip (g_strndup (head, avail));

      if (g_str_equal (rest, ">") && head[avail - 1] == ' ') {
        md_at_line_buffer_clear (self);
        return g_strdup (">");
      }
      return NULL;
    }
    {
      char *line = is_blank (head, len) ? NULL : g_strstrip (g_strndup (head, len));

      self->start += len + 1;
      compact (self);
      if (line)
        return line;
    }
  }
  md_at_line_buffer_clear (self);
  return NULL;
}

void
md_at_line_buffer_clear (MdAtLineBuffer *self)
{
  g_string_truncate (self->data, 0);
  self->start = 0;
}

gsize
md_at_line_buffer_pending (MdAtLineBuffer *self)
{
  return self->data->len - self->start;
}
