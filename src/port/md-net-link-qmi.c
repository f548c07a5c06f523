/* SPDX-License-Identifier: GPL-2.0-or-later */
/* qmi_wwan's link layer switches under <root>/class/net/<ifname>/qmi/:
 * raw_ip (Y/N: raw IP or Ethernet frames) and pass_through (Y/N: QMAP
 * frames handed up unparsed, for rmnet). The kernel refuses a change
 * while the interface is up, so it is taken down first through
 * MdNetLinks. Files only; no udev. */
#include "md-net-link-private.h"

#include "md-errors.h"
#include "md-log.h"

static char *
switch_path (const char *sysfs_root, const char *ifname, const char *name)
{
  return g_build_filename (sysfs_root, "class", "net", ifname, "qmi", name, NULL);
}

static gboolean
get_switch (const char *sysfs_root, const char *ifname, const char *name, gboolean *out_on, GError **error)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr (GError) local = NULL;

  g_return_val_if_fail (sysfs_root != NULL, FALSE);
  if (!md_net_link_name_is_valid (ifname)) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS, "Invalid interface name '%s'",
                 ifname ? ifname : "(null)");
    return FALSE;
  }
  path = switch_path (sysfs_root, ifname, name);
  if (!g_file_get_contents (path, &contents, NULL, &local)) {
    g_set_error (error, MD_CORE_ERROR,
                 g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT) ? MD_CORE_ERROR_NOT_FOUND
                                                                           : MD_CORE_ERROR_FAILED,
                 "%s has no qmi_wwan %s switch: %s", ifname, name, local->message);
    return FALSE;
  }
  g_strstrip (contents);
  if (g_strcmp0 (contents, "Y") != 0 && g_strcmp0 (contents, "N") != 0) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "%s: unexpected %s value '%.8s'", ifname, name,
                 contents);
    return FALSE;
  }
  *out_on = contents[0] == 'Y';
  return TRUE;
}

/* Sets a switch to on unless it is so already (*out_changed says which):
 * the interface down first, as the kernel refuses a change while it is up.
 * Reads the switch once. */
static gboolean
set_switch (MdNetLinks *links, const char *sysfs_root, const char *ifname, const char *name, gboolean on,
            gboolean *out_changed, GError **error)
{
  g_autofree char *path = NULL;
  g_autoptr (GError) local = NULL;
  gboolean current = FALSE;

  *out_changed = FALSE;
  if (!get_switch (sysfs_root, ifname, name, &current, error))
    return FALSE;
  if (current == on)
    return TRUE;
  /* An interface the kernel does not know (an emulated device) has
   * nothing to take down. */
  if (!md_net_links_set_up (links, ifname, FALSE, &local)
      && !g_error_matches (local, MD_CORE_ERROR, MD_CORE_ERROR_NOT_FOUND)) {
    g_propagate_error (error, g_steal_pointer (&local));
    return FALSE;
  }
  path = switch_path (sysfs_root, ifname, name);
  if (!md_net_links_write_sysfs (links, path, on ? "Y" : "N", error))
    return FALSE;
  *out_changed = TRUE;
  return TRUE;
}

gboolean
md_net_link_qmi_get_raw_ip (const char *sysfs_root, const char *ifname, gboolean *out_raw_ip, GError **error)
{
  return get_switch (sysfs_root, ifname, "raw_ip", out_raw_ip, error);
}

gboolean
md_net_link_qmi_set_raw_ip (MdNetLinks *links, const char *sysfs_root, const char *ifname, gboolean raw_ip,
                            GError **error)
{
  gboolean changed;

  if (!set_switch (links, sysfs_root, ifname, "raw_ip", raw_ip, &changed, error))
    return FALSE;
  if (changed)
    md_log_info (ifname, "link layer set to %s", raw_ip ? "raw IP" : "802.3");
  return TRUE;
}

gboolean
md_net_link_qmi_set_pass_through (MdNetLinks *links, const char *sysfs_root, const char *ifname,
                                  gboolean pass_through, GError **error)
{
  gboolean changed;

  if (!set_switch (links, sysfs_root, ifname, "pass_through", pass_through, &changed, error))
    return FALSE;
  if (changed)
    md_log_info (ifname, "QMAP pass-through %s", pass_through ? "on" : "off");
  return TRUE;
}
