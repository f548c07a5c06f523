/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Which plugin builds the modem of a discovered device, from the plugins'
 * match tables (src/plugin-api.h). */
#pragma once

#include "md-discovery-config.h"
#include "plugin-api.h"

G_BEGIN_DECLS

/* Every non-NULL list of the plugin's match table must match: a vendor id
 * (USB, else PCI) of the device; a subsystem, driver or set udev property
 * of one of its ports that is not ignored. */
gboolean md_plugin_matches (const MdPlugin *plugin, const MdDiscoveredDevice *device);
/* The first plugin of plugins (NULL-terminated) that names vendors, drivers
 * or udev tags and matches; else the first other one that matches; else
 * NULL. */
const MdPlugin *md_plugin_select (const MdPlugin *const *plugins, const MdDiscoveredDevice *device);

/* The USB vendors the plugins' match tables name, as discovery's known
 * modems (any product): evidence that a tty of such a device belongs to a
 * modem. An array of MdUsbId. */
GArray *md_plugin_known_usb_ids (const MdPlugin *const *plugins);

G_END_DECLS
