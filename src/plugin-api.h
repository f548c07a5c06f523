/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What a plugin is: a const struct with a name, a declarative match table and
 * a create function that turns a device's probed, typed ports into an
 * MdModem carrying the right ops tables. Device plugins include only this
 * header; it brings the protocol drivers' API (md-driver-api.h) and the
 * modem's SIM presence reports (md-modem-sim-presence.h). */
#pragma once

#include <gio/gio.h>

#include "md-driver-api.h"
#include "md-modem-sim-presence.h"
#include "md-modem.h"

G_BEGIN_DECLS

/* One port of a device after discovery probed it (src/discovery/md-port-probe.h). */
struct _MdProbedPort {
  char *device; /* what was opened: "/dev/ttyUSB2", "abstract:NAME"; NET: the interface */
  char *name;   /* as published in Ports: "ttyUSB2", "wwan0" */
  MdModemPortType
    type; /* AT, MBIM, NET; UNKNOWN: a serial port that did not answer; QMI, GPS, ...: listed only */
  gboolean at_primary;       /* a udev rule names it the primary AT port (ID_MM_PORT_TYPE_AT_PRIMARY) */
  char *usb_interface;       /* sysfs path of the USB interface the port belongs to; NULL: none known */
  gint usb_interface_number; /* its bInterfaceNumber; -1: none known */
  MdPort *port; /* open: an MdAtPort (AT, UNKNOWN) or an MdMbimPort (MBIM); NULL otherwise. A driver
                 * steals the ones it keeps; the rest are closed with the array */
};

/* The physical device handed to a plugin. */
struct _MdPluginDevice {
  const char *uid;            /* sysfs path, or Test.SetProfile's id */
  GPtrArray *ports;           /* MdProbedPort*, in discovery's order; at least one control port */
  const char *const *drivers; /* kernel drivers, may be empty */
  guint16 vendor_id;
  guint16 product_id;
};

/* The first probed port of type, or NULL. */
static inline MdProbedPort *
md_plugin_device_find_port (const MdPluginDevice *device, MdModemPortType type)
{
  for (guint i = 0; i < device->ports->len; i++) {
    MdProbedPort *port = (MdProbedPort *)g_ptr_array_index (device->ports, i);

    if (port->type == type)
      return port;
  }
  return NULL;
}

/* The daemon's settings a plugin builds with: the plugins' part of the
 * daemon's one configuration object (src/daemon/md-daemon-config.h), handed
 * to every create call; plugins keep no process-wide settings. */
struct _MdPluginSettings {
  gboolean mbim_use_proxy; /* open MBIM ports through mbim-proxy */
  gboolean qmi_use_proxy;  /* open QMI ports through qmi-proxy */
  gboolean fake_net_links; /* keep session links in memory (test sessions) */
  const char *sysfs_root;  /* where sysfs is (--test-sysfs-root); NULL for /sys */
};

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
  /* Builds the modem (not yet initialized) from the device's probed ports.
   * modem_id is the N of /org/freedesktop/ModemManager1/Modem/N. */
  MdModem *(*create) (guint modem_id, const MdPluginDevice *device, const MdPluginSettings *settings,
                      GError **error);
  /* A port that joined a built modem of this plugin, the late AT ports
   * aside (those the daemon probes and holds itself): a QMI port comes
   * open, a net port as a name. TRUE when the plugin took it into its
   * modem (listing it stays the daemon's job). NULL: no use for them. */
  gboolean (*join_port) (MdModem *modem, MdProbedPort *port);
  /* A port other than the primary one left the modem (it is out of Ports
   * already). NULL: nothing to do. */
  void (*leave_port) (MdModem *modem, const char *name);
} MdPlugin;

/* The built-in plugins, and lookup by name. */
const MdPlugin *md_plugin_find (const char *name);
const MdPlugin *const *md_plugin_list (void);

G_END_DECLS
