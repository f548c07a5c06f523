/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Readiness of a device: for USB, which of its bound interfaces have not
 * shown the ports their driver creates yet; for others, whether a
 * driver-typed control port and a net port are there. Pure: the interface
 * list comes from a backend. */
#pragma once

#include "md-discovery-types.h"

G_BEGIN_DECLS

/* interfaces: MdSysEntry of the device's USB interfaces (driver and
 * bInterfaceClass read). Returns how many interfaces are still waiting
 * for ports: bound to a driver that creates ports (tty, cdc-wdm, net),
 * not a CDC data interface, and missing a port of a kind their driver
 * creates below them. */
guint md_readiness_pending_interfaces (const GPtrArray *interfaces, const MdDiscoveredDevice *device);

/* A device without a USB interface list (PCI/MHI, platform) is complete
 * when it has an MBIM or QMI port that may be opened (typed by its driver
 * or a udev hint, never probed) and a net port; its other ports (AT, GPS)
 * join later. */
gboolean md_readiness_typed_control_and_net (const MdDiscoveredDevice *device);

G_END_DECLS
