/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Reading ports and their parents straight from sysfs (no udev), under a
 * root that tests may point at a fake tree. */
#pragma once

#include "md-discovery-types.h"

G_BEGIN_DECLS

/* Reads the device folder dir: subsystem and driver (link names), DEVTYPE
 * of its uevent file, and the attributes of md_sys_entry_attribute_names. */
MdSysEntry *md_sysfs_read_entry (const char *dir);

/* A port read from <sysfs_root>/class/<subsystem>/<name>: its uevent file
 * as properties, device file /dev/<DEVNAME>, and its chain up to
 * <sysfs_root>/devices. Fails with MD_CORE_ERROR_NOT_FOUND when the port
 * is not there. subsystem and name must have been validated. */
MdDiscoveredPort *md_sysfs_read_port (const char *sysfs_root, const char *subsystem, const char *name,
                                      GError **error);

/* The folders of the USB interfaces (children named
 * "<device>:<config>.<interface>") of the USB device folder
 * usb_device_path: only that folder is read, however many devices the
 * bus has. */
GStrv md_sysfs_usb_interface_paths (const char *usb_device_path);

/* The same interfaces, each read as an MdSysEntry. */
GPtrArray *md_sysfs_usb_interfaces (const char *usb_device_path);

G_END_DECLS
