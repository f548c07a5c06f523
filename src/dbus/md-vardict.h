/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Entries of a{sv} dictionaries built with typed constructors; every a{sv}
 * the D-Bus layer builds takes its entries from here. A
 * g_variant_builder_add (builder, "{sv}", ...) parses its format string on
 * every call, several times the cost of building the entry itself (the
 * bearer's Stats and IP configurations are built on every connection
 * change, the Signal dictionaries on every report). */
#pragma once

#include <glib.h>

/* value may be floating; the dictionary takes it. */
static inline void
md_vardict_add (GVariantBuilder *builder, const char *key, GVariant *value)
{
  g_variant_builder_add_value (
    builder, g_variant_new_dict_entry (g_variant_new_string (key), g_variant_new_variant (value)));
}
