/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The values an action wants printed, collected as typed items before any
 * is printed, so that every format (mc-print.c) sees them all: -K pads keys
 * to the longest one, -J nests them by key. */
#include "mc-output.h"

static void
item_free (gpointer data)
{
  McItem *item = data;

  g_free (item->value);
  g_strfreev (item->values);
  g_free (item->prefix);
  g_free (item->extra);
  g_free (item);
}

McOutput *
mc_output_new (McOutputType type)
{
  McOutput *out = g_new0 (McOutput, 1);

  out->type = type;
  out->stream = stdout;
  out->items = g_ptr_array_new_with_free_func (item_free);
  return out;
}

void
mc_output_free (McOutput *out)
{
  if (!out)
    return;
  g_ptr_array_unref (out->items);
  g_free (out);
}

static gboolean
means_nothing (const char *value)
{
  return g_strcmp0 (value, "unknown") == 0 || g_strcmp0 (value, "none") == 0;
}

void
mc_output_string_take (McOutput *out, McField field, char *value)
{
  McItem *item = g_new0 (McItem, 1);

  item->field = field;
  item->type = MC_ITEM_SINGLE;
  /* An empty text is no value, as ModemManager's client library reads it. */
  if (means_nothing (value) || (value && !value[0]))
    g_free (value);
  else
    item->value = value;
  g_ptr_array_add (out->items, item);
}

void
mc_output_string (McOutput *out, McField field, const char *value)
{
  mc_output_string_take (out, field, g_strdup (value));
}

void
mc_output_array_take (McOutput *out, McField field, char **values, gboolean multiline)
{
  McItem *item = g_new0 (McItem, 1);

  item->field = field;
  item->type = MC_ITEM_MULTIPLE;
  item->multiline = multiline;
  if (values && g_strv_length (values) == 1 && means_nothing (values[0]))
    g_strfreev (values);
  else
    item->values = values;
  g_ptr_array_add (out->items, item);
}

void
mc_output_array (McOutput *out, McField field, const char *const *values, gboolean multiline)
{
  mc_output_array_take (out, field, g_strdupv ((char **)values), multiline);
}

static char **
split_stripped (const char *text, const char *separator)
{
  char **parts;

  if (!text)
    return NULL;
  parts = g_strsplit (text, separator, -1);
  for (guint i = 0; parts[i]; i++)
    g_strstrip (parts[i]);
  return parts;
}

void
mc_output_list (McOutput *out, McField field, const char *text)
{
  mc_output_array_take (out, field, split_stripped (text, ","), FALSE);
}

void
mc_output_list_take (McOutput *out, McField field, char *text)
{
  mc_output_list (out, field, text);
  g_free (text);
}

void
mc_output_multiline (McOutput *out, McField field, const char *text)
{
  mc_output_array_take (out, field, split_stripped (text, "\n"), TRUE);
}

void
mc_output_multiline_take (McOutput *out, McField field, char *text)
{
  mc_output_multiline (out, field, text);
  g_free (text);
}

void
mc_output_listitem (McOutput *out, McField field, const char *prefix, const char *value, const char *extra)
{
  McItem *item = g_new0 (McItem, 1);

  item->field = field;
  item->type = MC_ITEM_LISTITEM;
  item->prefix = g_strdup (prefix ? prefix : "");
  item->value = g_strdup (value ? value : "");
  item->extra = g_strdup (extra ? extra : "");
  g_ptr_array_add (out->items, item);
}
