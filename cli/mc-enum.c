/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Enum and flag values to and from their nicks (tables generated from
 * src/common/md-enums.h). The text is what scripts parse: ModemManager's
 * clients print the same nicks, so mmcli's output and ours agree. */
#include "mc-enum.h"

const char *
mc_enum_nick (const McNick *table, guint32 value)
{
  for (guint i = 0; table[i].nick; i++)
    if (table[i].value == value)
      return table[i].nick;
  return NULL;
}

char *
mc_flags_string (const McNick *table, guint32 mask)
{
  g_autoptr (GString) str = NULL;

  for (guint i = 0; table[i].nick; i++) {
    guint32 v = table[i].value;

    if (v == mask)
      return g_strdup (table[i].nick);
    /* Only single bits join the list: combined values such as "any" would
     * repeat what the single bits already say. */
    if ((mask & v) && (v & (v - 1)) == 0) {
      if (!str)
        str = g_string_new (table[i].nick);
      else
        g_string_append_printf (str, ", %s", table[i].nick);
    }
  }
  return str ? g_string_free (g_steal_pointer (&str), FALSE) : NULL;
}

gboolean
mc_enum_parse (const McNick *table, const char *nick, guint32 *value)
{
  for (guint i = 0; table[i].nick; i++) {
    if (g_ascii_strcasecmp (table[i].nick, nick) == 0) {
      *value = table[i].value;
      return TRUE;
    }
  }
  return FALSE;
}
