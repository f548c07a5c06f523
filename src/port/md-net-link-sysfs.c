/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Which kind of session link a network interface takes, read from sysfs
 * links only (no udev): cdc_mbim interfaces take VLANs, interfaces whose
 * parent is a kernel wwan device take wwan links. See md-net-link.h for
 * the exact checks. */
#include "md-net-link-private.h"

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
