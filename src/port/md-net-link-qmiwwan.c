/* SPDX-License-Identifier: GPL-2.0-or-later */
/* qmi_wwan's own QMAP mux links, made through sysfs: writing mux id N to
 * <parent>/qmi/add_mux makes a "qmimux<K>" interface (K the kernel's
 * lowest free number, not N), linked to its parent as upper_<name> /
 * lower_<parent> and showing N in <name>/qmap/mux_id; writing N to
 * del_mux removes it. Files only; the rtnetlink backend calls in here. */
#include "md-net-link-private.h"

#include <errno.h>
#include <string.h>

#include "md-errors.h"
#include "md-log.h"

#define UPPER_PREFIX "upper_"
#define LOWER_PREFIX "lower_"
/* "0x%02x\n" with room for stray white space; longer text is no mux id. */
#define MUX_ID_TEXT_MAX 16

gboolean
md_net_link_parse_mux_id (const char *text, gsize len, guint *out_mux_id)
{
  char buffer[MUX_ID_TEXT_MAX + 1];
  const char *digits;
  char *end = NULL;
  guint64 value;
  guint base = 10;

  if (!text || len == 0 || len > MUX_ID_TEXT_MAX)
    return FALSE;
  memcpy (buffer, text, len);
  buffer[len] = '\0';
  if (strlen (buffer) != len)
    return FALSE; /* a NUL inside */
  g_strstrip (buffer);
  digits = buffer;
  if (g_str_has_prefix (digits, "0x") || g_str_has_prefix (digits, "0X")) {
    digits += 2;
    base = 16;
  }
  if (!g_ascii_isxdigit (digits[0]))
    return FALSE;
  value = g_ascii_strtoull (digits, &end, base);
  if (end == digits || *end != '\0' || value == 0 || value > 255)
    return FALSE;
  *out_mux_id = (guint)value;
  return TRUE;
}

static char *
net_path (const char *sysfs_root, const char *ifname, const char *leaf)
{
  return g_build_filename (sysfs_root, "class", "net", ifname, leaf, NULL);
}

/* The mux id ifname shows in qmap/mux_id; 0 when it shows none. */
static guint
read_mux_id (const char *sysfs_root, const char *ifname)
{
  g_autofree char *path = g_build_filename (sysfs_root, "class", "net", ifname, "qmap", "mux_id", NULL);
  g_autofree char *text = NULL;
  gsize len = 0;
  guint mux_id = 0;

  if (!g_file_get_contents (path, &text, &len, NULL) || !md_net_link_parse_mux_id (text, len, &mux_id))
    return 0;
  return mux_id;
}

/* The names after prefix of the entries of <root>/class/net/<ifname>/,
 * sorted; NULL when the folder cannot be read. */
static GPtrArray *
list_prefixed (const char *sysfs_root, const char *ifname, const char *prefix)
{
  g_autofree char *folder = g_build_filename (sysfs_root, "class", "net", ifname, NULL);
  g_autoptr (GDir) dir = g_dir_open (folder, 0, NULL);
  GPtrArray *names;
  const char *entry;

  if (!dir)
    return NULL;
  names = g_ptr_array_new_with_free_func (g_free);
  while ((entry = g_dir_read_name (dir))) {
    if (g_str_has_prefix (entry, prefix) && md_net_link_name_is_valid (entry + strlen (prefix)))
      g_ptr_array_add (names, g_strdup (entry + strlen (prefix)));
  }
  g_ptr_array_sort (names, (GCompareFunc)g_strcmp0);
  return names;
}

char *
md_net_link_qmiwwan_find (const char *sysfs_root, const char *parent, guint mux_id)
{
  g_autoptr (GPtrArray) uppers = NULL;

  g_return_val_if_fail (sysfs_root != NULL, NULL);
  if (!md_net_link_name_is_valid (parent) || mux_id == 0)
    return NULL;
  uppers = list_prefixed (sysfs_root, parent, UPPER_PREFIX);
  for (guint i = 0; uppers && i < uppers->len; i++) {
    const char *name = g_ptr_array_index (uppers, i);

    if (read_mux_id (sysfs_root, name) == mux_id)
      return g_strdup (name);
  }
  return NULL;
}

gboolean
md_net_link_qmiwwan_lookup (const char *sysfs_root, const char *ifname, char **out_parent, guint *out_mux_id)
{
  g_autoptr (GPtrArray) lowers = NULL;
  guint mux_id;

  g_return_val_if_fail (sysfs_root != NULL, FALSE);
  if (!md_net_link_name_is_valid (ifname))
    return FALSE;
  mux_id = read_mux_id (sysfs_root, ifname);
  lowers = list_prefixed (sysfs_root, ifname, LOWER_PREFIX);
  if (!mux_id || !lowers || lowers->len != 1)
    return FALSE;
  if (out_parent)
    *out_parent = g_strdup (g_ptr_array_index (lowers, 0));
  if (out_mux_id)
    *out_mux_id = mux_id;
  return TRUE;
}

/* The one upper interface in after that is not in before; NULL when there
 * is not exactly one (kernels before 5.12 show no qmap/mux_id: the new
 * link is then told by its appearing). */
static char *
single_new_upper (GPtrArray *before, GPtrArray *after)
{
  const char *found = NULL;

  for (guint i = 0; after && i < after->len; i++) {
    const char *name = g_ptr_array_index (after, i);

    if (before && g_ptr_array_find_with_equal_func (before, name, g_str_equal, NULL))
      continue;
    if (found)
      return NULL;
    found = name;
  }
  return g_strdup (found);
}

gboolean
md_net_link_qmiwwan_add (MdNetLinks *links, MdNetLinkInfo *link, GError **error)
{
  const char *root = md_net_links_get_sysfs_root (links);
  g_autofree char *what
    = g_strdup_printf ("Cannot add qmi_wwan link for mux id %u on %s", link->session_id, link->parent);
  g_autofree char *add_mux = net_path (root, link->parent, "qmi/add_mux");
  g_autofree char *existing = NULL;
  g_autofree char *value = NULL;
  g_autoptr (GPtrArray) before = NULL;
  g_autoptr (GPtrArray) after = NULL;
  char *ifname;

  if (!g_file_test (add_mux, G_FILE_TEST_EXISTS)) {
    md_net_link_set_kernel_error (error, ENODEV, "no qmi_wwan interface of that name", what);
    return FALSE;
  }
  /* The kernel says only EINVAL for a mux id already taken. */
  existing = md_net_link_qmiwwan_find (root, link->parent, link->session_id);
  if (existing) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_EXISTS, "%s: %s carries it already", what, existing);
    return FALSE;
  }
  before = list_prefixed (root, link->parent, UPPER_PREFIX);
  value = g_strdup_printf ("%u", link->session_id);
  if (!md_net_links_write_sysfs (links, add_mux, value, error)) {
    g_prefix_error (error, "%s: ", what);
    return FALSE;
  }
  ifname = md_net_link_qmiwwan_find (root, link->parent, link->session_id);
  if (!ifname) {
    after = list_prefixed (root, link->parent, UPPER_PREFIX);
    ifname = single_new_upper (before, after);
  }
  if (!ifname) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "%s: the kernel took it but shows no new link",
                 what);
    return FALSE;
  }
  link->ifname = ifname;
  return TRUE;
}

gboolean
md_net_link_qmiwwan_delete (MdNetLinks *links, const char *ifname, const MdNetLinkInfo *known, GError **error)
{
  const char *root = md_net_links_get_sysfs_root (links);
  g_autofree char *what = g_strdup_printf ("Cannot delete qmi_wwan link %s", ifname);
  g_autofree char *folder = g_build_filename (root, "class", "net", ifname, NULL);
  g_autofree char *parent = NULL;
  g_autofree char *del_mux = NULL;
  g_autofree char *value = NULL;
  guint mux_id = 0;

  if (!g_file_test (folder, G_FILE_TEST_EXISTS)) {
    md_net_link_set_kernel_error (error, ENODEV, "no such link", what);
    return FALSE;
  }
  if (known) {
    parent = g_strdup (known->parent);
    mux_id = known->session_id;
  } else if (!md_net_link_qmiwwan_lookup (root, ifname, &parent, &mux_id)) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED, "%s: its parent or mux id is unknown",
                 what);
    return FALSE;
  }
  del_mux = net_path (root, parent, "qmi/del_mux");
  value = g_strdup_printf ("%u", mux_id);
  if (!md_net_links_write_sysfs (links, del_mux, value, error)) {
    g_prefix_error (error, "%s: ", what);
    return FALSE;
  }
  return TRUE;
}
