/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The device record of discovery: one physical modem and its ports.
 * Construction, reference counting and read-only queries; which ports it
 * gets is decided by md-discovery.c. */
#include "md-discovery-types.h"

static void
device_clear (MdDiscoveredDevice *device)
{
  g_free (device->uid);
  g_free (device->sysfs_path);
  g_free (device->manufacturer);
  g_free (device->product);
  g_ptr_array_unref (device->ports);
}

MdDiscoveredDevice *
md_discovered_device_new (const char *uid, const char *sysfs_path)
{
  MdDiscoveredDevice *device = g_atomic_rc_box_new0 (MdDiscoveredDevice);

  device->uid = g_strdup (uid);
  device->sysfs_path = g_strdup (sysfs_path);
  device->ports = g_ptr_array_new_with_free_func ((GDestroyNotify)md_discovered_port_unref);
  return device;
}

MdDiscoveredDevice *
md_discovered_device_ref (MdDiscoveredDevice *device)
{
  return g_atomic_rc_box_acquire (device);
}

void
md_discovered_device_unref (MdDiscoveredDevice *device)
{
  g_atomic_rc_box_release_full (device, (GDestroyNotify)device_clear);
}

MdDiscoveredPort *
md_discovered_device_find_port (const MdDiscoveredDevice *device, const char *subsystem, const char *name)
{
  for (guint i = 0; i < device->ports->len; i++) {
    MdDiscoveredPort *port = g_ptr_array_index (device->ports, i);

    if (g_str_equal (port->subsystem, subsystem) && g_str_equal (port->name, name))
      return port;
  }
  return NULL;
}

static gint
compare_strings (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *)a, *(const char *const *)b);
}

GStrv
md_discovered_device_get_drivers (const MdDiscoveredDevice *device)
{
  g_autoptr (GPtrArray) drivers = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < device->ports->len; i++) {
    MdDiscoveredPort *port = g_ptr_array_index (device->ports, i);

    if (port->driver && !g_ptr_array_find_with_equal_func (drivers, port->driver, g_str_equal, NULL))
      g_ptr_array_add (drivers, g_strdup (port->driver));
  }
  g_ptr_array_sort (drivers, compare_strings);
  g_ptr_array_add (drivers, NULL);
  return (GStrv)g_ptr_array_free (g_steal_pointer (&drivers), FALSE);
}

gboolean
md_discovered_device_has_usable_control_port (const MdDiscoveredDevice *device)
{
  for (guint i = 0; i < device->ports->len; i++) {
    MdDiscoveredPort *port = g_ptr_array_index (device->ports, i);

    if (port->may_open && md_port_kind_is_control (port->kind))
      return TRUE;
  }
  return FALSE;
}
