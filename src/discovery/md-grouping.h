/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Grouping: which physical device a port belongs to, found by walking its
 * sysfs parents (USB device, PCI function, platform device); the udev
 * property ID_MD_/ID_MM_PHYSDEV_UID or a reported uid overrides. Pure. */
#pragma once

#include "md-discovery-types.h"

G_BEGIN_DECLS

/* The index in port->chain of the physical device, its subsystem in
 * out_subsystem; -1 when the chain is empty. A port with no USB, PCI or
 * platform ancestor belongs to its parent device (or to itself). */
gint md_grouping_physdev_index (const MdDiscoveredPort *port, MdPhysSubsystem *out_subsystem);

/* The key ports of one device share: the PHYSDEV_UID hint, else the
 * reported uid, else the physical device's sysfs path. */
char *md_grouping_uid (const MdDiscoveredPort *port);

/* A new device record (no ports) for the physical device of port, with
 * its USB or PCI ids and USB descriptor strings. */
MdDiscoveredDevice *md_grouping_new_device (const MdDiscoveredPort *port);

G_END_DECLS
