/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Identity response parsers; see md-at-info.h. */
#include "md-at-info.h"

#include <string.h>

#include "md-at-fields.h"

char *
md_at_info_value (const char *response, const char *prefix)
{
  g_auto (GStrv) lines = g_strsplit_set (response, "\r\n", -1);
  GString *value = g_string_new (NULL);

  for (guint i = 0; lines[i]; i++) {
    const char *line = g_strstrip (lines[i]);
    const char *rest = prefix ? md_at_skip_prefix (line, prefix) : NULL;
    g_autofree char *trimmed = g_strstrip (g_strdup (rest ? rest : line));
    g_autofree char *clean = md_at_field_unquote (trimmed);

    if (!*clean)
      continue;
    if (value->len)
      g_string_append_c (value, ' ');
    g_string_append (value, clean);
  }
  if (!value->len) {
    g_string_free (value, TRUE);
    return NULL;
  }
  return g_string_free (value, FALSE);
}

char *
md_at_parse_imei (const char *response)
{
  g_autofree char *value = md_at_info_value (response, "+CGSN:");
  const char *p;
  GString *digits;

  if (!value)
    return NULL;
  p = value;
  if (g_ascii_strncasecmp (p, "IMEI:", 5) == 0)
    p += 5;
  digits = g_string_new (NULL);
  for (; *p; p++) {
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
    else if (*p != ' ' && *p != '"') {
      g_string_free (digits, TRUE);
      return NULL;
    }
  }
  if (digits->len < 14 || digits->len > 17) {
    g_string_free (digits, TRUE);
    return NULL;
  }
  return g_string_free (digits, FALSE);
}

static void
take_if_unset (char **field, const char *value)
{
  if (!*field && value && *value)
    *field = g_strstrip (g_strdup (value));
}

void
md_at_parse_ati (const char *response, char **manufacturer, char **model, char **revision)
{
  g_auto (GStrv) lines = g_strsplit_set (response, "\r\n", -1);
  g_autoptr (GPtrArray) plain = g_ptr_array_new ();

  for (guint i = 0; lines[i]; i++) {
    const char *line = g_strstrip (lines[i]);
    const char *value;

    if (!*line)
      continue;
    if ((value = md_at_skip_prefix (line, "Manufacturer:")))
      take_if_unset (manufacturer, value);
    else if ((value = md_at_skip_prefix (line, "Model:")))
      take_if_unset (model, value);
    else if ((value = md_at_skip_prefix (line, "Revision:")))
      take_if_unset (revision, value);
    else if (!strchr (line, ':'))
      g_ptr_array_add (plain, (gpointer)line);
  }
  if (plain->len >= 2) {
    take_if_unset (manufacturer, g_ptr_array_index (plain, 0));
    take_if_unset (model, g_ptr_array_index (plain, 1));
    if (plain->len >= 3)
      take_if_unset (revision, g_ptr_array_index (plain, 2));
  }
}
