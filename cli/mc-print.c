/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The three printers of collected items: -K (key : value lines, keys and
 * values as mmcli prints them, since scripts parse them), -J (one JSON
 * object nested by key) and the human view (sections of labelled values). */
#include <stdio.h>
#include <string.h>

#include "mc-output.h"

static gint
by_field (gconstpointer a, gconstpointer b)
{
  const McItem *x = *(const McItem *const *)a;
  const McItem *y = *(const McItem *const *)b;

  return (gint)x->field - (gint)y->field;
}

static gint
by_key (gconstpointer a, gconstpointer b)
{
  const McItem *x = *(const McItem *const *)a;
  const McItem *y = *(const McItem *const *)b;

  return strcmp (mc_field_info (x->field)->key, mc_field_info (y->field)->key);
}

static gint
by_section (gconstpointer a, gconstpointer b)
{
  const McItem *x = *(const McItem *const *)a;
  const McItem *y = *(const McItem *const *)b;
  McSection sx = mc_field_info (x->field)->section;
  McSection sy = mc_field_info (y->field)->section;

  if (sx != sy)
    return (gint)sx - (gint)sy;
  return (gint)x->field - (gint)y->field;
}

static guint
n_values (const McItem *item)
{
  return item->values ? g_strv_length (item->values) : 0;
}

/* --- -K ---------------------------------------------------------------- */

static guint
digits (guint n)
{
  guint d = 1;

  while ((n /= 10) > 0)
    d++;
  return d;
}

static void
print_keyvalue (McOutput *out)
{
  FILE *f = out->stream;
  guint width = 0;

  g_ptr_array_sort (out->items, by_field);
  for (guint i = 0; i < out->items->len; i++) {
    const McItem *item = out->items->pdata[i];
    guint len = strlen (mc_field_info (item->field)->key);

    /* An array's longest key is KEY.value[N]. */
    if (item->type == MC_ITEM_MULTIPLE && n_values (item) > 0)
      len += strlen (".value[]") + digits (n_values (item));
    width = MAX (width, len);
  }
  for (guint i = 0; i < out->items->len; i++) {
    const McItem *item = out->items->pdata[i];
    const char *key = mc_field_info (item->field)->key;

    if (item->type == MC_ITEM_MULTIPLE && n_values (item) > 0) {
      g_autofree char *length_key = g_strdup_printf ("%s.length", key);

      fprintf (f, "%-*s : %u\n", (int)width, length_key, n_values (item));
      for (guint n = 0; item->values[n]; n++) {
        g_autofree char *value_key = g_strdup_printf ("%s.value[%u]", key, n + 1);
        g_autofree char *escaped = g_strescape (item->values[n], NULL);

        fprintf (f, "%-*s : %s\n", (int)width, value_key, escaped);
      }
    } else if (item->type == MC_ITEM_MULTIPLE || !item->value) {
      fprintf (f, "%-*s : --\n", (int)width, key);
    } else {
      g_autofree char *escaped = g_strescape (item->value, NULL);

      fprintf (f, "%-*s : %s\n", (int)width, key, escaped);
    }
  }
}

/* --- -J ---------------------------------------------------------------- */

/* mmcli's JSON escapes: quote and backslash, and control characters below
 * 0x1f and DEL; other bytes pass as they are. */
static void
print_json_string (FILE *f, const char *s)
{
  fputc ('"', f);
  for (const char *p = s; *p; p++) {
    unsigned char c = (unsigned char)*p;

    if (c == '\\' || c == '"') {
      fputc ('\\', f);
      fputc (c, f);
    } else if ((c > 0 && c < 0x1f) || c == 0x7f) {
      switch (c) {
      case '\b': fputs ("\\b", f); break;
      case '\f': fputs ("\\f", f); break;
      case '\n': fputs ("\\n", f); break;
      case '\r': fputs ("\\r", f); break;
      case '\t': fputs ("\\t", f); break;
      default: fprintf (f, "\\u00%02x", c); break;
      }
    } else {
      fputc (c, f);
    }
  }
  fputc ('"', f);
}

static void
print_json (McOutput *out)
{
  FILE *f = out->stream;
  g_auto (GStrv) open_path = NULL; /* objects open now, outermost first */
  guint open_depth = 0;

  g_ptr_array_sort (out->items, by_key);
  fputc ('{', f);
  for (guint i = 0; i < out->items->len; i++) {
    const McItem *item = out->items->pdata[i];
    g_auto (GStrv) path = g_strsplit (mc_field_info (item->field)->key, ".", -1);
    guint depth = g_strv_length (path) - 1;
    guint common = 0;

    if (open_path) {
      while (common < MIN (open_depth, depth) && strcmp (open_path[common], path[common]) == 0)
        common++;
      for (guint d = common; d < open_depth; d++)
        fputc ('}', f);
      fputc (',', f);
    }
    for (guint d = common; d < depth; d++) {
      print_json_string (f, path[d]);
      fputs (":{", f);
    }
    print_json_string (f, path[depth]);
    fputc (':', f);
    if (item->type == MC_ITEM_MULTIPLE) {
      fputc ('[', f);
      for (guint n = 0; n < n_values (item); n++) {
        if (n > 0)
          fputc (',', f);
        print_json_string (f, item->values[n]);
      }
      fputc (']', f);
    } else {
      print_json_string (f, item->value ? item->value : "--");
    }
    g_strfreev (open_path);
    open_path = g_steal_pointer (&path);
    open_depth = depth;
  }
  for (guint d = 0; d < open_depth; d++)
    fputc ('}', f);
  fputs ("}\n", f);
}

/* --- human ------------------------------------------------------------- */

static gboolean
item_shown (const McItem *item)
{
  if (!mc_field_info (item->field)->name)
    return FALSE;
  if (item->type == MC_ITEM_MULTIPLE)
    return n_values (item) > 0;
  return item->value && item->value[0];
}

static void
print_human (McOutput *out)
{
  FILE *f = out->stream;
  guint section_width = 0, name_width = 0;
  McSection current = MC_S_NONE;
  g_autofree char *rule = NULL;

  g_ptr_array_sort (out->items, by_section);
  for (guint i = 0; i < out->items->len; i++) {
    const McItem *item = out->items->pdata[i];

    if (!item_shown (item))
      continue;
    section_width = MAX (section_width, strlen (mc_section_name (mc_field_info (item->field)->section)));
    name_width = MAX (name_width, strlen (mc_field_info (item->field)->name));
  }
  rule = g_strnfill (section_width + name_width + 4, '-');
  for (guint i = 0; i < out->items->len; i++) {
    const McItem *item = out->items->pdata[i];
    const McFieldInfo *info = mc_field_info (item->field);

    if (!item_shown (item))
      continue;
    if (info->section != current) {
      current = info->section;
      fprintf (f, "  %s\n  %-*s | ", rule, (int)section_width, mc_section_name (current));
    } else {
      fprintf (f, "  %*s | ", (int)section_width, "");
    }
    fprintf (f, "%*s: ", (int)name_width, info->name);
    if (item->type == MC_ITEM_MULTIPLE) {
      for (guint n = 0; item->values[n]; n++) {
        if (n > 0 && item->multiline)
          fprintf (f, "\n  %*s | %*s  ", (int)section_width, "", (int)name_width, "");
        else if (n > 0)
          fputs (", ", f);
        /* Some values end in a newline (PCO, as mmcli builds them);
         * one line per value reads better. */
        fprintf (f, "%.*s", (int)strcspn (item->values[n], "\n"), item->values[n]);
      }
      fputc ('\n', f);
    } else {
      g_auto (GStrv) lines = g_strsplit (item->value, "\n", -1);

      for (guint n = 0; lines[n]; n++) {
        if (n > 0)
          fprintf (f, "  %*s | %*s  ", (int)section_width, "", (int)name_width, "");
        fprintf (f, "%s\n", lines[n]);
      }
    }
  }
}

void
mc_output_dump (McOutput *out)
{
  switch (out->type) {
  case MC_OUTPUT_HUMAN: print_human (out); break;
  case MC_OUTPUT_KEYVALUE: print_keyvalue (out); break;
  case MC_OUTPUT_JSON: print_json (out); break;
  }
  fflush (out->stream);
  g_ptr_array_set_size (out->items, 0);
}

void
mc_output_dump_list (McOutput *out, McField field)
{
  FILE *f = out->stream;
  const char *key = mc_field_info (field)->key;
  guint n = out->items->len;

  switch (out->type) {
  case MC_OUTPUT_HUMAN:
    if (n == 0)
      fprintf (f, "No %s were found\n", mc_field_info (field)->name);
    for (guint i = 0; i < n; i++) {
      const McItem *item = out->items->pdata[i];

      fprintf (f, "%s%s %s\n", item->prefix, item->value, item->extra);
    }
    break;
  case MC_OUTPUT_KEYVALUE: {
    guint width = strlen (key) + (n > 0 ? strlen (".value[]") + digits (n) : 0);
    g_autofree char *length_key = g_strdup_printf ("%s.length", key);

    fprintf (f, "%-*.*s : %u\n", (int)width, (int)width, length_key, n);
    for (guint i = 0; i < n; i++) {
      const McItem *item = out->items->pdata[i];
      g_autofree char *value_key = g_strdup_printf ("%s.value[%u]", key, i + 1);

      fprintf (f, "%-*s : %s\n", (int)width, value_key, item->value);
    }
    break;
  }
  case MC_OUTPUT_JSON:
    fprintf (f, "{\"%s\":[", key);
    for (guint i = 0; i < n; i++) {
      const McItem *item = out->items->pdata[i];

      fprintf (f, "%s\"%s\"", i > 0 ? "," : "", item->value);
    }
    fputs ("]}\n", f);
    break;
  }
  fflush (out->stream);
  g_ptr_array_set_size (out->items, 0);
}
