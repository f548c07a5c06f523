/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What sysfs says of a network interface, read from files and links only
 * (no udev): which kind of session link it takes (cdc_mbim interfaces take
 * VLANs, interfaces whose parent is a kernel wwan device take wwan links)
 * and where a QMI modem's data endpoint is (its driver, and for USB the
 * interface number). See md-net-link.h for the exact checks. */
#include "md-net-link-private.h"

#include "md-errors.h"

#define CDC_MBIM_DRIVER "cdc_mbim"
#define WWAN_CLASS      "wwan"

/* The last component of the target of the symlink at path, or NULL. */
static char *
link_basename (const char *path)
{
  g_autofree char *target = g_file_read_link (path, NULL);

  if (!target)
    return NULL;
  return g_path_get_basename (target);
}

/* A wwan netdev's parent device is the wwan device itself (class "wwan",
 * /sys/class/wwan/wwanN); USB and other netdevs hang off their bus device. */
static gboolean
belongs_to_wwan_device (const char *net, const char *sysfs_root, char **out_device)
{
  g_autofree char *device_link = g_build_filename (net, "device", NULL);
  g_autofree char *subsystem_link = g_build_filename (device_link, "subsystem", NULL);
  g_autofree char *device = link_basename (device_link);
  g_autofree char *subsystem = NULL;

  if (!device || !md_net_link_name_is_valid (device))
    return FALSE;
  subsystem = link_basename (subsystem_link);
  if (g_strcmp0 (subsystem, WWAN_CLASS) != 0) {
    g_autofree char *in_class = g_build_filename (sysfs_root, "class", WWAN_CLASS, device, NULL);

    if (!g_file_test (in_class, G_FILE_TEST_EXISTS))
      return FALSE;
  }
  if (out_device)
    *out_device = g_steal_pointer (&device);
  return TRUE;
}

MdNetLinkKind
md_net_link_kind_for_parent (const char *sysfs_root, const char *ifname)
{
  g_autofree char *net = NULL;
  g_autofree char *driver_link = NULL;
  g_autofree char *driver = NULL;

  g_return_val_if_fail (sysfs_root != NULL, MD_NET_LINK_KIND_VLAN);
  if (!md_net_link_name_is_valid (ifname))
    return MD_NET_LINK_KIND_VLAN;
  net = g_build_filename (sysfs_root, "class", "net", ifname, NULL);
  driver_link = g_build_filename (net, "device", "driver", NULL);
  driver = link_basename (driver_link);
  if (g_strcmp0 (driver, CDC_MBIM_DRIVER) == 0)
    return MD_NET_LINK_KIND_VLAN;
  if (belongs_to_wwan_device (net, sysfs_root, NULL))
    return MD_NET_LINK_KIND_WWAN;
  return MD_NET_LINK_KIND_VLAN;
}

char *
md_net_link_wwan_device_for_netdev (const char *sysfs_root, const char *ifname)
{
  g_autofree char *net = NULL;
  char *device = NULL;

  g_return_val_if_fail (sysfs_root != NULL, NULL);
  if (!md_net_link_name_is_valid (ifname))
    return NULL;
  net = g_build_filename (sysfs_root, "class", "net", ifname, NULL);
  if (!belongs_to_wwan_device (net, sysfs_root, &device))
    return NULL;
  return device;
}

const char *
md_net_link_bus_to_string (MdNetLinkBus bus)
{
  switch (bus) {
  case MD_NET_LINK_BUS_UNKNOWN: return "unknown";
  case MD_NET_LINK_BUS_USB: return "usb";
  case MD_NET_LINK_BUS_PCIE: return "pcie";
  case MD_NET_LINK_BUS_EMBEDDED: return "embedded";
  case MD_NET_LINK_BUS_BAM_DMUX: return "bam-dmux";
  }
  return "unknown";
}

/* bInterfaceNumber is two hex digits and a newline ("08\n"). */
static gboolean
read_interface_number (const char *path, guint *out_number, GError **error)
{
  g_autofree char *text = NULL;
  g_autoptr (GError) local = NULL;
  char *end = NULL;
  guint64 value;

  if (!g_file_get_contents (path, &text, NULL, &local)) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "No USB interface number: %s", local->message);
    return FALSE;
  }
  g_strstrip (text);
  value = g_ascii_strtoull (text, &end, 16);
  if (!g_ascii_isxdigit (text[0]) || *end != '\0' || value > 255) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "Unexpected USB interface number '%.8s' in %s",
                 text, path);
    return FALSE;
  }
  *out_number = (guint)value;
  return TRUE;
}

gboolean
md_net_link_data_endpoint (const char *sysfs_root, const char *ifname, MdNetLinkBus *out_bus,
                           guint *out_interface, GError **error)
{
  g_autofree char *device = NULL;
  g_autofree char *driver_link = NULL;
  g_autofree char *driver = NULL;

  g_return_val_if_fail (sysfs_root != NULL, FALSE);
  if (!md_net_link_name_is_valid (ifname)) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS, "Invalid interface name '%s'",
                 ifname ? ifname : "(null)");
    return FALSE;
  }
  device = g_build_filename (sysfs_root, "class", "net", ifname, "device", NULL);
  driver_link = g_build_filename (device, "driver", NULL);
  driver = link_basename (driver_link);
  if (!driver) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_NOT_FOUND, "%s has no driver in sysfs", ifname);
    return FALSE;
  }
  *out_interface = 0;
  if (g_str_equal (driver, "qmi_wwan")) {
    g_autofree char *number = g_build_filename (device, "bInterfaceNumber", NULL);

    *out_bus = MD_NET_LINK_BUS_USB;
    return read_interface_number (number, out_interface, error);
  }
  if (g_str_equal (driver, "mhi_net")) {
    *out_bus = MD_NET_LINK_BUS_PCIE;
  } else if (g_str_equal (driver, "ipa")) {
    *out_bus = MD_NET_LINK_BUS_EMBEDDED;
    *out_interface = 1;
  } else if (g_str_equal (driver, "bam-dmux")) {
    *out_bus = MD_NET_LINK_BUS_BAM_DMUX;
  } else {
    *out_bus = MD_NET_LINK_BUS_UNKNOWN;
  }
  return TRUE;
}
