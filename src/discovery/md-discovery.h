/* SPDX-License-Identifier: GPL-2.0-or-later */
/* MdDiscovery: finds modem devices and their ports, from udev or from
 * reported kernel events, and tells the daemon when a device is ready to
 * build a modem from, when ports join or leave, and when it is gone.
 * It never opens a port. */
#pragma once

#include <gio/gio.h>

#include "md-discovery-config.h"
#include "md-discovery-types.h"

G_BEGIN_DECLS

#define MD_TYPE_DISCOVERED_PORT   (md_discovered_port_get_type ())
#define MD_TYPE_DISCOVERED_DEVICE (md_discovered_device_get_type ())
GType md_discovered_port_get_type (void);
GType md_discovered_device_get_type (void);

#define MD_TYPE_DISCOVERY (md_discovery_get_type ())
G_DECLARE_FINAL_TYPE (MdDiscovery, md_discovery, MD, DISCOVERY, GObject)

/* Signals (all on the main context the object was started in):
 * "device-added" (MdDiscoveredDevice *device): the ports known so far are
 *    ready to build a modem from: the device has a control port that may be
 *    opened, is not ignored, and no port it waits for is still arriving.
 * "port-added" (MdDiscoveredDevice *device, MdDiscoveredPort *port): a port
 *    joined a device announced before (a late net port, a second tty).
 * "port-removed" (MdDiscoveredDevice *device, MdDiscoveredPort *port): a port
 *    of an announced device went away, or a change uevent made it unusable
 *    or re-typed it (then port-added follows with the new record); the
 *    device keeps a control port.
 * "device-removed" (MdDiscoveredDevice *device): an announced device lost
 *    its last control port, vanished, or became ignored (a withdrawn device
 *    may be announced again). Devices never announced vanish without a
 *    signal. */

/* Copies config (strings and the known-modem table included). Fails with
 * MD_CORE_ERROR_UNSUPPORTED when the backend asked for is not built in. */
MdDiscovery *md_discovery_new (const MdDiscoveryConfig *config, GError **error);

/* Enumerates what is present (those devices are announced without waiting),
 * then follows events. */
gboolean md_discovery_start (MdDiscovery *self, GError **error);
/* Stops following events; known devices stay until the object is dropped. */
void md_discovery_stop (MdDiscovery *self);
/* ScanDevices: enumerates again and announces what is new, manual-scan-only
 * ports included. */
void md_discovery_rescan (MdDiscovery *self);

/* ReportKernelEvent: validates properties (md_kernel_event_from_variant)
 * and applies the event. With the udev backend: MD_CORE_ERROR_UNSUPPORTED.
 * An add for a port that is not in sysfs: MD_CORE_ERROR_NOT_FOUND. */
gboolean md_discovery_report_kernel_event (MdDiscovery *self, GVariant *properties, GError **error);

/* A new array with a reference on each announced device. */
GPtrArray *md_discovery_dup_devices (MdDiscovery *self);
/* Any known device (announced or waiting) by uid, or NULL. Borrowed. */
MdDiscoveredDevice *md_discovery_lookup_device (MdDiscovery *self, const char *uid);
gboolean md_discovery_device_is_announced (MdDiscovery *self, const char *uid);

G_END_DECLS
