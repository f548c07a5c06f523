/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What a plugin is: a const struct with a name, a declarative match table and
 * a create function that turns a device's ports into an MdModem carrying the
 * right ops tables. Plugins include only this header (and the core it
 * names). */
#pragma once

#include <gio/gio.h>

#include "md-modem.h"

G_BEGIN_DECLS

/* One port of a device, as the plugin is to open it. */
typedef struct {
  const char *device;   /* what to open: "/dev/ttyUSB2", "abstract:NAME"; NET: the interface */
  const char *name;     /* as published in Ports: "ttyUSB2", "wwan0" */
  MdModemPortType type; /* opened as AT or MBIM; NET kept by name; UNKNOWN: probed AT, then MBIM */
  gboolean candidate;   /* an AT candidate from discovery: probed as AT only, left out when silent */
  gboolean at_primary;  /* a udev rule names it the primary AT port (ID_MM_PORT_TYPE_AT_PRIMARY) */
} MdPluginPort;

/* The physical device handed to a plugin. */
typedef struct {
  const char *uid; /* sysfs path, or Test.SetProfile's id */
  const MdPluginPort *ports;
  guint n_ports;
  const char *const *drivers; /* kernel drivers, may be empty */
  guint16 vendor_id;
  guint16 product_id;
} MdPluginDevice;

/* The daemon's settings a plugin builds with: the plugins' part of the
 * daemon's one configuration object (src/daemon/md-daemon-config.h), handed
 * to every create call; plugins keep no process-wide settings. */
typedef struct {
  gboolean mbim_use_proxy; /* open MBIM ports through mbim-proxy */
  gboolean fake_net_links; /* keep session links in memory (test sessions) */
} MdPluginSettings;

/* Which devices a plugin wants; NULL/0-terminated lists, NULL means "any". */
typedef struct {
  const char *const *subsystems;
  const guint16 *vendor_ids;
  const char *const *drivers;
  const char *const *udev_tags;
} MdPluginMatch;

typedef struct {
  const char *name;
  MdPluginMatch match;
  /* Opens and probes the ports and builds the modem (not yet initialized).
   * modem_id is the N of /org/freedesktop/ModemManager1/Modem/N. */
  void (*create_async) (guint modem_id, const MdPluginDevice *device, const MdPluginSettings *settings,
                        GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  MdModem *(*create_finish) (GAsyncResult *result, GError **error);
} MdPlugin;

/* The built-in plugins, and lookup by name. */
const MdPlugin *md_plugin_find (const char *name);
const MdPlugin *const *md_plugin_list (void);

G_END_DECLS
