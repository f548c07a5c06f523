/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Splitting the value of an information response into its comma-separated
 * fields, keeping quoted strings (which may hold commas) whole, and the
 * small conversions every 27.007 parser needs. */
#include "md-at-fields.h"

#include <stdlib.h>
#include <string.h>

const char *
md_at_skip_prefix (const char *text, const char *prefix)
{
  gsize len = strlen (prefix);

  while (*text == ' ' || *text == '\r' || *text == '\n')
    text++;
  if (g_ascii_strncasecmp (text, prefix, len) == 0) {
    text += len;
    while (*text == ' ')
      text++;
    return text;
  }
  return NULL;
}

GPtrArray *
md_at_split_fields (const char *value)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  gboolean in_quotes = FALSE;
  int depth = 0;

  for (const char *p = value; *p && *p != '\r' && *p != '\n'; p++) {
    if (*p == '"')
      in_quotes = !in_quotes;
    else if (!in_quotes && *p == '(')
      depth++;
    else if (!in_quotes && *p == ')')
      depth--;
    if (*p == ',' && !in_quotes && depth <= 0) {
      g_ptr_array_add (fields, g_strstrip (g_string_free (field, FALSE)));
      field = g_string_new (NULL);
      continue;
    }
    g_string_append_c (field, *p);
  }
  g_ptr_array_add (fields, g_strstrip (g_string_free (field, FALSE)));
  return fields;
}

gboolean
md_at_field_is_quoted (const char *field)
{
  gsize len = strlen (field);

  return len >= 2 && field[0] == '"' && field[len - 1] == '"';
}

char *
md_at_field_unquote (const char *field)
{
  if (md_at_field_is_quoted (field))
    return g_strndup (field + 1, strlen (field) - 2);
  return g_strdup (field);
}

gboolean
md_at_field_uint (const char *field, guint64 max, guint64 *out)
{
  char *end = NULL;
  guint64 value;

  if (!field || !g_ascii_isdigit (*field))
    return FALSE;
  value = g_ascii_strtoull (field, &end, 10);
  if (*end != '\0' || value > max)
    return FALSE;
  *out = value;
  return TRUE;
}

gboolean
md_at_field_hex (const char *field, guint64 *out)
{
  g_autofree char *text = md_at_field_unquote (field);
  char *end = NULL;

  if (!*text || !g_ascii_isxdigit (*text))
    return FALSE;
  *out = g_ascii_strtoull (text, &end, 16);
  return *end == '\0';
}
