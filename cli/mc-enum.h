/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

#include <glib.h>

typedef struct {
  guint32 value;
  const char *nick;
} McNick;

/* The nick of one enum value, or NULL when the value has no name. */
const char *mc_enum_nick (const McNick *table, guint32 value);
/* A flags mask as text: the nick of a value equal to the whole mask, else
 * the nicks of its single-bit values joined by ", "; NULL when none. */
char *mc_flags_string (const McNick *table, guint32 mask);
/* The value whose nick is `nick` (ASCII case-insensitive). */
gboolean mc_enum_parse (const McNick *table, const char *nick, guint32 *value);
