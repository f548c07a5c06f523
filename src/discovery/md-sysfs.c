/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Builds port records from sysfs files and links alone, for builds and
 * systems without udev. Reads only; a folder that vanishes midway gives a
 * shorter chain or NOT_FOUND, never a crash. */
#include "md-sysfs.h"

#include <stdlib.h>
#include <string.h>

#include "md-errors.h"

static char *
link_basename (const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *target = g_file_read_link (path, NULL);

  return target ? g_path_get_basename (target) : NULL;
}

static char *
read_attr (const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *contents = NULL;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR) || !g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;
  return g_strdup (g_strstrip (contents));
}

/* KEY=VALUE lines of dir/uevent into table (may be NULL: returns DEVTYPE). */
static char *
read_uevent (const char *dir, GHashTable *table)
{
  g_autofree char *contents = read_attr (dir, "uevent");
  g_auto (GStrv) lines = NULL;
  char *devtype = NULL;

  if (!contents)
    return NULL;
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i]; i++) {
    char *eq = strchr (lines[i], '=');

    if (!eq || eq == lines[i])
      continue;
    *eq = '\0';
    if (g_str_equal (lines[i], "DEVTYPE") && !devtype)
      devtype = g_strdup (eq + 1);
    if (table)
      g_hash_table_replace (table, g_strdup (lines[i]), g_strdup (eq + 1));
  }
  return devtype;
}

MdSysEntry *
md_sysfs_read_entry (const char *dir)
{
  MdSysEntry *entry = md_sys_entry_new (dir);

  entry->subsystem = link_basename (dir, "subsystem");
  entry->driver = link_basename (dir, "driver");
  entry->devtype = read_uevent (dir, NULL);
  for (guint i = 0; md_sys_entry_attribute_names[i]; i++) {
    char *value = read_attr (dir, md_sys_entry_attribute_names[i]);

    if (value)
      g_hash_table_replace (entry->attrs, g_strdup (md_sys_entry_attribute_names[i]), value);
  }
  return entry;
}

/* Appends dir and its parents that are devices (have a uevent file) until
 * devices_root. */
static void
read_chain (GPtrArray *chain, const char *dir, const char *devices_root)
{
  g_autofree char *current = g_strdup (dir);

  while (g_str_has_prefix (current, devices_root) && strlen (current) > strlen (devices_root)) {
    g_autofree char *uevent = g_build_filename (current, "uevent", NULL);
    char *parent;

    if (g_file_test (uevent, G_FILE_TEST_IS_REGULAR))
      g_ptr_array_add (chain, md_sysfs_read_entry (current));
    parent = g_path_get_dirname (current);
    g_free (current);
    current = parent;
  }
}

MdDiscoveredPort *
md_sysfs_read_port (const char *sysfs_root, const char *subsystem, const char *name, GError **error)
{
  g_autofree char *class_path = g_build_filename (sysfs_root, "class", subsystem, name, NULL);
  g_autofree char *devices = g_build_filename (sysfs_root, "devices", NULL);
  g_autofree char *real_devices = realpath (devices, NULL);
  g_autofree char *real = realpath (class_path, NULL);
  g_autoptr (MdDiscoveredPort) port = NULL;
  const char *devname;

  if (!real || !real_devices || !g_str_has_prefix (real, real_devices)) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_NOT_FOUND, "No %s device '%s' in sysfs", subsystem,
                 name);
    return NULL;
  }
  port = md_discovered_port_new (subsystem, name);
  port->sysfs_path = g_strdup (real);
  g_free (read_uevent (real, port->properties));
  read_chain (port->chain, real, real_devices);
  if (port->chain->len == 0) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_NOT_FOUND, "%s device '%s' vanished", subsystem, name);
    return NULL;
  }
  devname = g_hash_table_lookup (port->properties, "DEVNAME");
  if (devname && devname[0] && !strstr (devname, ".."))
    port->device_file = g_build_filename ("/dev", devname, NULL);
  return g_steal_pointer (&port);
}

GStrv
md_sysfs_usb_interface_paths (const char *usb_device_path)
{
  g_autoptr (GStrvBuilder) paths = g_strv_builder_new ();
  g_autoptr (GDir) dir = g_dir_open (usb_device_path, 0, NULL);
  g_autofree char *base = g_path_get_basename (usb_device_path);
  g_autofree char *prefix = g_strconcat (base, ":", NULL);
  const char *child;

  while (dir && (child = g_dir_read_name (dir))) {
    g_autofree char *path = NULL;

    if (!g_str_has_prefix (child, prefix))
      continue;
    path = g_build_filename (usb_device_path, child, NULL);
    g_strv_builder_add (paths, path);
  }
  return g_strv_builder_end (paths);
}

GPtrArray *
md_sysfs_usb_interfaces (const char *usb_device_path)
{
  GPtrArray *interfaces = g_ptr_array_new_with_free_func ((GDestroyNotify)md_sys_entry_free);
  g_auto (GStrv) paths = md_sysfs_usb_interface_paths (usb_device_path);

  for (guint i = 0; paths[i]; i++)
    g_ptr_array_add (interfaces, md_sysfs_read_entry (paths[i]));
  return interfaces;
}
