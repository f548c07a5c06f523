/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Identity response parsers; see md-at-info.h. Input is the information
 * text of one command (the port already removed echo and final result), so
 * every function works line by line and ignores what it does not know. */
#include "md-at-info.h"

#include <string.h>

#include "md-at-fields.h"

/* Skips a leading "+NAME:" (letters, digits, '_'), or returns NULL. */
static const char *
skip_any_plus_prefix (const char *line)
{
  const char *p = line;

  if (*p != '+')
    return NULL;
  for (p++; g_ascii_isalnum (*p) || *p == '_'; p++)
    ;
  if (*p != ':' || p == line + 1)
    return NULL;
  for (p++; *p == ' '; p++)
    ;
  return p;
}

char *
md_at_info_value (const char *response, const char *prefix)
{
  g_auto (GStrv) lines = g_strsplit_set (response ? response : "", "\r\n", -1);
  g_autoptr (GString) value = g_string_new (NULL);

  for (guint i = 0; lines[i]; i++) {
    const char *line = g_strstrip (lines[i]);
    const char *rest = prefix ? md_at_skip_prefix (line, prefix) : skip_any_plus_prefix (line);
    g_autofree char *trimmed = g_strstrip (g_strdup (rest ? rest : line));
    g_autofree char *clean = md_at_field_unquote (trimmed);

    g_strstrip (clean);
    if (!*clean)
      continue;
    if (value->len)
      g_string_append_c (value, ' ');
    g_string_append (value, clean);
  }
  if (!value->len)
    return NULL;
  return g_string_free (g_steal_pointer (&value), FALSE);
}

static const char *const imei_prefixes[] = { "+CGSN:", "+GSN:", "#CGSN:", "IMEI:", "+IMEI:", "^IMEI:" };

/* The text that may hold the IMEI on one line: all of a bare line, or what
 * follows a known prefix; NULL for other "Name: value" lines (MEID, FSN). */
static const char *
imei_candidate (const char *line)
{
  for (guint i = 0; i < G_N_ELEMENTS (imei_prefixes); i++) {
    const char *rest = md_at_skip_prefix (line, imei_prefixes[i]);

    if (rest)
      return rest;
  }
  return strchr (line, ':') ? NULL : line;
}

static char *
imei_digits (const char *text)
{
  char digits[16];
  guint n = 0;

  for (const char *p = text; *p; p++) {
    if (g_ascii_isdigit (*p)) {
      if (n == 15)
        return NULL;
      digits[n++] = *p;
    } else if (*p != ' ' && *p != '"') {
      return NULL;
    }
  }
  if (n != 15)
    return NULL;
  digits[n] = '\0';
  return g_strdup (digits);
}

char *
md_at_parse_imei (const char *response)
{
  g_auto (GStrv) lines = g_strsplit_set (response ? response : "", "\r\n", -1);

  for (guint i = 0; lines[i]; i++) {
    const char *candidate = imei_candidate (g_strstrip (lines[i]));
    char *imei = candidate ? imei_digits (candidate) : NULL;

    if (imei)
      return imei;
  }
  return NULL;
}

static void
take_if_unset (char **field, const char *value)
{
  g_autofree char *clean = NULL;

  if (!field || *field || !value)
    return;
  clean = g_strstrip (g_strdup (value));
  if (*clean)
    *field = g_steal_pointer (&clean);
}

void
md_at_parse_ati (const char *response, char **manufacturer, char **model, char **revision)
{
  g_auto (GStrv) lines = g_strsplit_set (response ? response : "", "\r\n", -1);
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
  /* The plain form is only trusted with at least two lines: a single line
   * ("SIM800 R14.18") mixes model and revision. */
  if (plain->len < 2)
    return;
  take_if_unset (manufacturer, g_ptr_array_index (plain, 0));
  take_if_unset (model, g_ptr_array_index (plain, 1));
  if (plain->len >= 3)
    take_if_unset (revision, g_ptr_array_index (plain, 2));
}
