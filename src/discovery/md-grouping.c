/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Finds a port's physical device in its chain of sysfs parents and builds
 * the device record from that entry's attributes. Pure: the chain was read
 * by a backend (udev or sysfs). */
#include "md-grouping.h"

static gboolean
is_usb_device (const MdSysEntry *entry)
{
  if (g_strcmp0 (entry->devtype, "usb_device") == 0)
    return TRUE;
  return g_strcmp0 (entry->subsystem, "usb") == 0 && md_sys_entry_get_attr (entry, "idVendor")
         && md_sys_entry_get_attr (entry, "idProduct");
}

gint
md_grouping_physdev_index (const MdDiscoveredPort *port, MdPhysSubsystem *out_subsystem)
{
  *out_subsystem = MD_PHYS_SUBSYSTEM_UNKNOWN;
  if (port->chain->len == 0)
    return -1;
  for (guint i = 1; i < port->chain->len; i++) {
    MdSysEntry *entry = g_ptr_array_index (port->chain, i);

    if (is_usb_device (entry)) {
      *out_subsystem = MD_PHYS_SUBSYSTEM_USB;
      return (gint)i;
    }
    if (g_strcmp0 (entry->subsystem, "pci") == 0) {
      *out_subsystem = MD_PHYS_SUBSYSTEM_PCI;
      return (gint)i;
    }
    if (g_strcmp0 (entry->subsystem, "platform") == 0) {
      *out_subsystem = MD_PHYS_SUBSYSTEM_PLATFORM;
      return (gint)i;
    }
  }
  return port->chain->len > 1 ? 1 : 0;
}

char *
md_grouping_uid (const MdDiscoveredPort *port)
{
  const char *hint = md_discovered_port_get_hint (port, "PHYSDEV_UID");
  MdPhysSubsystem subsystem;
  gint index;

  if (hint && hint[0])
    return g_strdup (hint);
  if (port->reported_uid && port->reported_uid[0])
    return g_strdup (port->reported_uid);
  index = md_grouping_physdev_index (port, &subsystem);
  if (index < 0)
    return g_strdup_printf ("%s/%s", port->subsystem, port->name);
  return g_strdup (((MdSysEntry *)g_ptr_array_index (port->chain, index))->path);
}

static guint16
hex_attr (const MdSysEntry *entry, const char *name)
{
  const char *text = md_sys_entry_get_attr (entry, name);
  guint64 value = 0;

  if (!text)
    return 0;
  if (g_str_has_prefix (text, "0x") || g_str_has_prefix (text, "0X"))
    text += 2;
  if (!g_ascii_string_to_unsigned (text, 16, 0, G_MAXUINT16, &value, NULL))
    return 0;
  return (guint16)value;
}

MdDiscoveredDevice *
md_grouping_new_device (const MdDiscoveredPort *port)
{
  g_autofree char *uid = md_grouping_uid (port);
  MdPhysSubsystem subsystem;
  gint index = md_grouping_physdev_index (port, &subsystem);
  const MdSysEntry *entry = index >= 0 ? g_ptr_array_index (port->chain, index) : NULL;
  MdDiscoveredDevice *device = md_discovered_device_new (uid, entry ? entry->path : uid);

  device->subsystem = subsystem;
  switch (subsystem) {
  case MD_PHYS_SUBSYSTEM_USB:
    device->usb_vendor = hex_attr (entry, "idVendor");
    device->usb_product = hex_attr (entry, "idProduct");
    device->manufacturer = g_strdup (md_sys_entry_get_attr (entry, "manufacturer"));
    device->product = g_strdup (md_sys_entry_get_attr (entry, "product"));
    break;
  case MD_PHYS_SUBSYSTEM_PCI:
    device->pci_vendor = hex_attr (entry, "vendor");
    device->pci_device = hex_attr (entry, "device");
    device->pci_subsystem_vendor = hex_attr (entry, "subsystem_vendor");
    device->pci_subsystem_device = hex_attr (entry, "subsystem_device");
    break;
  case MD_PHYS_SUBSYSTEM_PLATFORM:
  case MD_PHYS_SUBSYSTEM_UNKNOWN: break;
  }
  return device;
}
