/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Choosing a plugin for a discovered device from the plugins' declarative
 * match tables: plugins that name vendors, drivers or udev tags are tried
 * before the ones that name only subsystems (the protocol plugins). */
#include "md-plugin-select.h"

static gboolean
in_list (const char *const *list, const char *value)
{
  return value && g_strv_contains (list, value);
}

static gboolean
match_ports (const MdPluginMatch *match, const MdDiscoveredDevice *device)
{
  gboolean subsystem = match->subsystems == NULL;
  gboolean driver = match->drivers == NULL;
  gboolean tag = match->udev_tags == NULL;

  for (guint i = 0; i < device->ports->len; i++) {
    const MdDiscoveredPort *port = g_ptr_array_index (device->ports, i);

    if (port->kind == MD_PORT_KIND_IGNORED)
      continue;
    subsystem = subsystem || in_list (match->subsystems, port->subsystem);
    driver = driver || in_list (match->drivers, port->driver);
    for (guint t = 0; !tag && match->udev_tags[t]; t++) {
      const char *value = g_hash_table_lookup (port->properties, match->udev_tags[t]);

      tag = value && value[0] && g_strcmp0 (value, "0") != 0;
    }
  }
  return subsystem && driver && tag;
}

static gboolean
match_vendor (const MdPluginMatch *match, const MdDiscoveredDevice *device)
{
  guint16 vendor = device->usb_vendor ? device->usb_vendor : device->pci_vendor;

  if (!match->vendor_ids)
    return TRUE;
  for (guint i = 0; match->vendor_ids[i]; i++) {
    if (match->vendor_ids[i] == vendor)
      return TRUE;
  }
  return FALSE;
}

gboolean
md_plugin_matches (const MdPlugin *plugin, const MdDiscoveredDevice *device)
{
  return match_vendor (&plugin->match, device) && match_ports (&plugin->match, device);
}

static gboolean
is_specific (const MdPlugin *plugin)
{
  return plugin->match.vendor_ids || plugin->match.drivers || plugin->match.udev_tags;
}

GArray *
md_plugin_known_usb_ids (const MdPlugin *const *plugins)
{
  GArray *ids = g_array_new (FALSE, TRUE, sizeof (MdUsbId));

  for (guint i = 0; plugins[i]; i++) {
    for (guint v = 0; plugins[i]->match.vendor_ids && plugins[i]->match.vendor_ids[v]; v++) {
      MdUsbId id = { .vendor = plugins[i]->match.vendor_ids[v], .product = 0 };

      g_array_append_val (ids, id);
    }
  }
  return ids;
}

const MdPlugin *
md_plugin_select (const MdPlugin *const *plugins, const MdDiscoveredDevice *device)
{
  for (int pass = 0; pass < 2; pass++) {
    for (guint i = 0; plugins[i]; i++) {
      if (is_specific (plugins[i]) == (pass == 0) && md_plugin_matches (plugins[i], device))
        return plugins[i];
    }
  }
  return NULL;
}
