/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A bounded record of received commands with absolute indices, so a test
 * can take the count before a call and read exactly what arrived after it
 * (control socket: get command-count / command N and their mbim- forms). */
#include "sim-history.h"

struct _SimHistory {
  GPtrArray *entries; /* the newest, oldest first */
  guint64 first;      /* absolute index of entries[0] */
  guint keep;
};

SimHistory *
sim_history_new (guint keep)
{
  SimHistory *self = g_new0 (SimHistory, 1);

  self->entries = g_ptr_array_new_with_free_func (g_free);
  self->keep = MAX (keep, 1);
  return self;
}

void
sim_history_free (SimHistory *self)
{
  if (!self)
    return;
  g_ptr_array_unref (self->entries);
  g_free (self);
}

void
sim_history_add (SimHistory *self, const char *entry)
{
  if (self->entries->len == self->keep) {
    g_ptr_array_remove_index (self->entries, 0);
    self->first++;
  }
  g_ptr_array_add (self->entries, g_strdup (entry));
}

guint64
sim_history_count (const SimHistory *self)
{
  return self->first + self->entries->len;
}

const char *
sim_history_get (const SimHistory *self, guint64 index)
{
  if (index < self->first || index >= sim_history_count (self))
    return NULL;
  return g_ptr_array_index (self->entries, index - self->first);
}

char *
sim_history_describe (const SimHistory *self, guint64 index)
{
  const char *entry = sim_history_get (self, index);
  GString *out;

  if (!entry)
    return NULL;
  out = g_string_new (NULL);
  for (const guchar *p = (const guchar *)entry; *p; p++) {
    if (*p == '\\')
      g_string_append (out, "\\\\");
    else if (*p < 0x20 || *p > 0x7e)
      g_string_append_printf (out, "\\x%02x", *p);
    else
      g_string_append_c (out, (char)*p);
  }
  return g_string_free (out, FALSE);
}
