/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The registry of built-in plugins. Plugins are linked in, not loaded: that
 * keeps the daemon small and start-up free of dlopen work. */
#include "plugin-api.h"

#include "md-plugin-generic.h"
#include "md-plugin-quectel.h"

/* Vendor plugins come before generic; md-plugin-select.c orders by match
 * table anyway. */
static const MdPlugin *const plugins[] = {
  &md_plugin_quectel,
  &md_plugin_generic,
  NULL,
};

const MdPlugin *const *
md_plugin_list (void)
{
  return plugins;
}

const MdPlugin *
md_plugin_find (const char *name)
{
  for (guint i = 0; plugins[i]; i++) {
    if (g_ascii_strcasecmp (plugins[i]->name, name) == 0)
      return plugins[i];
  }
  return NULL;
}
