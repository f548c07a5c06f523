/* SPDX-License-Identifier: GPL-2.0-or-later */
/* qmi_wwan's link layer switch: <root>/class/net/<ifname>/qmi/raw_ip
 * (Y/N) says whether the interface carries raw IP or Ethernet frames. The
 * kernel refuses the write while the interface is up, so it is taken
 * down first through MdNetLinks. Files only; no udev. */
#include "md-net-link-private.h"

#include <errno.h>
#include <stdio.h>

#include "md-errors.h"
#include "md-log.h"

static char *
raw_ip_path (const char *sysfs_root, const char *ifname)
{
  return g_build_filename (sysfs_root, "class", "net", ifname, "qmi", "raw_ip", NULL);
}

gboolean
md_net_link_qmi_get_raw_ip (const char *sysfs_root, const char *ifname, gboolean *out_raw_ip, GError **error)
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
  path = raw_ip_path (sysfs_root, ifname);
  if (!g_file_get_contents (path, &contents, NULL, &local)) {
    g_set_error (error, MD_CORE_ERROR,
                 g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT) ? MD_CORE_ERROR_NOT_FOUND
                                                                           : MD_CORE_ERROR_FAILED,
                 "%s has no qmi_wwan link layer switch: %s", ifname, local->message);
    return FALSE;
  }
  g_strstrip (contents);
  if (g_strcmp0 (contents, "Y") != 0 && g_strcmp0 (contents, "N") != 0) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "%s: unexpected raw_ip value '%.8s'", ifname,
                 contents);
    return FALSE;
  }
  *out_raw_ip = contents[0] == 'Y';
  return TRUE;
}

/* Writes without creating: sysfs attributes exist or do not. */
static gboolean
write_attribute (const char *path, const char *value, GError **error)
{
  FILE *file = fopen (path, "we");
  int err = 0;

  if (!file)
    err = errno;
  else if (fputs (value, file) < 0)
    err = errno;
  if (file && fclose (file) != 0 && !err)
    err = errno;
  if (err) {
    g_set_error (error, MD_CORE_ERROR, err == ENOENT ? MD_CORE_ERROR_NOT_FOUND : MD_CORE_ERROR_FAILED,
                 "Cannot write '%s' to %s: %s", value, path, g_strerror (err));
    return FALSE;
  }
  return TRUE;
}

gboolean
md_net_link_qmi_set_raw_ip (MdNetLinks *links, const char *sysfs_root, const char *ifname, gboolean raw_ip,
                            GError **error)
{
  g_autofree char *path = NULL;
  g_autoptr (GError) local = NULL;
  gboolean current = FALSE;

  if (!md_net_link_qmi_get_raw_ip (sysfs_root, ifname, &current, error))
    return FALSE;
  if (current == raw_ip)
    return TRUE;
  /* An interface the kernel does not know (an emulated device) has
   * nothing to take down. */
  if (!md_net_links_set_up (links, ifname, FALSE, &local)
      && !g_error_matches (local, MD_CORE_ERROR, MD_CORE_ERROR_NOT_FOUND)) {
    g_propagate_error (error, g_steal_pointer (&local));
    return FALSE;
  }
  path = raw_ip_path (sysfs_root, ifname);
  if (!write_attribute (path, raw_ip ? "Y" : "N", error))
    return FALSE;
  md_log_info (ifname, "link layer set to %s", raw_ip ? "raw IP" : "802.3");
  return TRUE;
}
