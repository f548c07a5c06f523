/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A fake sysfs tree in a temporary folder for discovery tests: device
 * folders with uevent, subsystem and driver links and attributes, and the
 * class links that point at them. */
#pragma once

#include <glib.h>

typedef struct {
  char *dir; /* the temporary folder */
  char *sys; /* dir/sys: what the discovery config's sysfs_root names */
} FakeSysfs;

FakeSysfs *fake_sysfs_new (void);
/* Removes the tree. */
void fake_sysfs_free (FakeSysfs *fs);

/* Creates sys/devices/<path> as a device of subsystem, bound to driver (may
 * be NULL), with DEVTYPE devtype (may be NULL), extra uevent lines
 * ("KEY=VALUE", NULL-terminated, may be NULL) and attributes ("name=value").
 * Returns the absolute folder path (free it). */
char *fake_sysfs_add (FakeSysfs *fs, const char *path, const char *subsystem, const char *driver,
                      const char *devtype, const char *const *uevent, const char *const *attrs);
/* sys/class/<subsystem>/<name> -> sys/devices/<path>. */
void fake_sysfs_class_link (FakeSysfs *fs, const char *subsystem, const char *name, const char *path);
/* Removes sys/devices/<path> and everything below it, and the class link. */
void fake_sysfs_remove (FakeSysfs *fs, const char *path, const char *subsystem, const char *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FakeSysfs, fake_sysfs_free)
