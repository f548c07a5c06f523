/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The MdNetLinks object: names and validates session links, dispatches to
 * its backend (md-net-link-rtnl.c, md-net-link-fake.c) and keeps the list of
 * links it created so they can all be removed with the modem. Kind
 * detection from sysfs is in md-net-link-sysfs.c. */
#include "md-net-link-private.h"

#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <string.h>
#include <unistd.h>

#include "md-errors.h"
#include "md-log.h"

const char *
md_net_link_kind_to_string (MdNetLinkKind kind)
{
  switch (kind) {
  case MD_NET_LINK_KIND_VLAN: return "vlan";
  case MD_NET_LINK_KIND_WWAN: return "wwan";
  case MD_NET_LINK_KIND_RMNET: return "rmnet";
  case MD_NET_LINK_KIND_QMIWWAN: return "qmimux";
  }
  return "unknown";
}

MdNetLinkInfo *
md_net_link_info_copy (const MdNetLinkInfo *info)
{
  MdNetLinkInfo *copy = g_new0 (MdNetLinkInfo, 1);

  copy->ifname = g_strdup (info->ifname);
  copy->kind = info->kind;
  copy->parent = g_strdup (info->parent);
  copy->session_id = info->session_id;
  return copy;
}

void
md_net_link_info_free (MdNetLinkInfo *info)
{
  if (!info)
    return;
  g_free (info->ifname);
  g_free (info->parent);
  g_free (info);
}

/* The kernel's dev_valid_name(): 1..15 bytes, not "." or "..", no '/',
 * ':' or white space. */
gboolean
md_net_link_name_is_valid (const char *name)
{
  gsize len;

  if (!name)
    return FALSE;
  len = strlen (name);
  if (len == 0 || len > MD_NET_LINK_IFNAME_MAX || g_str_equal (name, ".") || g_str_equal (name, ".."))
    return FALSE;
  for (const char *p = name; *p; p++) {
    if (*p == '/' || *p == ':' || g_ascii_isspace (*p))
      return FALSE;
  }
  return TRUE;
}

char *
md_net_link_name_for_session (MdNetLinkKind kind, const char *parent, guint session_id, GError **error)
{
  g_autofree char *name = NULL;

  if (!md_net_link_name_is_valid (parent)) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS, "Invalid parent name '%s'",
                 parent ? parent : "(null)");
    return NULL;
  }
  if (session_id == 0 || session_id > MD_NET_LINK_SESSION_ID_MAX) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS,
                 "Session id %u of %s has no link of its own (allowed: 1..%u)", session_id, parent,
                 MD_NET_LINK_SESSION_ID_MAX);
    return NULL;
  }
  switch (kind) {
  case MD_NET_LINK_KIND_VLAN: name = g_strdup_printf ("%s.%u", parent, session_id); break;
  case MD_NET_LINK_KIND_WWAN: name = g_strdup_printf ("%s-%u", parent, session_id); break;
  case MD_NET_LINK_KIND_RMNET: name = g_strdup_printf ("%sm%u", parent, session_id); break;
  case MD_NET_LINK_KIND_QMIWWAN: break; /* the kernel names it */
  }
  if (!name) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS, "%s link of %s: the kernel names it",
                 md_net_link_kind_to_string (kind), parent);
    return NULL;
  }
  if (strlen (name) > MD_NET_LINK_IFNAME_MAX) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS,
                 "Link name '%s' for session %u of %s is longer than %u characters", name, session_id, parent,
                 MD_NET_LINK_IFNAME_MAX);
    return NULL;
  }
  return g_steal_pointer (&name);
}

MdNetLinks *
md_net_links_new_with_backend (const MdNetLinksBackend *backend, gpointer data)
{
  MdNetLinks *links = g_new0 (MdNetLinks, 1);

  g_atomic_ref_count_init (&links->ref_count);
  links->backend = backend;
  links->data = data;
  links->created = g_ptr_array_new_with_free_func ((GDestroyNotify)md_net_link_info_free);
  links->sysfs_root = g_strdup ("/sys");
  links->mux_kinds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return links;
}

MdNetLinks *
md_net_links_ref (MdNetLinks *links)
{
  g_return_val_if_fail (links != NULL, NULL);
  g_atomic_ref_count_inc (&links->ref_count);
  return links;
}

void
md_net_links_unref (MdNetLinks *links)
{
  if (!links || !g_atomic_ref_count_dec (&links->ref_count))
    return;
  if (links->created->len > 0)
    md_log_debug ("net-link", "%u link(s) created through %s left in place", links->created->len,
                  links->backend->name);
  if (links->backend->free_data)
    links->backend->free_data (links->data);
  g_ptr_array_unref (links->created);
  g_hash_table_unref (links->mux_kinds);
  g_free (links->sysfs_root);
  g_free (links);
}

static gboolean
find_created (MdNetLinks *links, const char *ifname, guint *out_index)
{
  for (guint i = 0; i < links->created->len; i++) {
    const MdNetLinkInfo *info = g_ptr_array_index (links->created, i);

    if (g_str_equal (info->ifname, ifname)) {
      *out_index = i;
      return TRUE;
    }
  }
  return FALSE;
}

/* A QMIWWAN link has no name before the kernel makes it; its parent and
 * mux id are checked as for the others. */
static gboolean
check_qmiwwan (const char *parent, guint session_id, GError **error)
{
  if (!md_net_link_name_is_valid (parent)) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS, "Invalid parent name '%s'",
                 parent ? parent : "(null)");
    return FALSE;
  }
  if (session_id == 0 || session_id > MD_NET_LINK_QMIWWAN_MUX_ID_MAX) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS,
                 "Mux id %u of %s has no qmi_wwan link (allowed: 1..%u)", session_id, parent,
                 MD_NET_LINK_QMIWWAN_MUX_ID_MAX);
    return FALSE;
  }
  return TRUE;
}

gboolean
md_net_links_add_session_link (MdNetLinks *links, MdNetLinkKind kind, const char *parent, guint session_id,
                               char **out_ifname, GError **error)
{
  g_autofree char *ifname = NULL;
  MdNetLinkInfo link;

  g_return_val_if_fail (links != NULL, FALSE);
  if (kind == MD_NET_LINK_KIND_QMIWWAN) {
    if (!check_qmiwwan (parent, session_id, error))
      return FALSE;
  } else {
    ifname = md_net_link_name_for_session (kind, parent, session_id, error);
    if (!ifname)
      return FALSE;
  }
  link = (MdNetLinkInfo){
    .ifname = g_steal_pointer (&ifname), .kind = kind, .parent = (char *)parent, .session_id = session_id
  };
  if (!links->backend->add (links, &link, error)) {
    g_free (link.ifname);
    return FALSE;
  }
  ifname = link.ifname;
  md_log_info (parent, "created %s link %s for session %u", md_net_link_kind_to_string (kind), ifname,
               session_id);
  g_ptr_array_add (links->created, md_net_link_info_copy (&link));
  if (out_ifname)
    *out_ifname = g_steal_pointer (&ifname);
  return TRUE;
}

void
md_net_links_set_sysfs_root (MdNetLinks *links, const char *sysfs_root)
{
  g_return_if_fail (links != NULL);
  g_free (links->sysfs_root);
  links->sysfs_root = g_strdup (sysfs_root ? sysfs_root : "/sys");
  g_hash_table_remove_all (links->mux_kinds);
}

const char *
md_net_links_get_sysfs_root (MdNetLinks *links)
{
  g_return_val_if_fail (links != NULL, "/sys");
  return links->sysfs_root;
}

void
md_net_links_set_sysfs_writer (MdNetLinks *links, MdNetLinksSysfsWriter writer, gpointer user_data)
{
  g_return_if_fail (links != NULL);
  links->writer = writer;
  links->writer_data = user_data;
}

/* Writes the value in one write(2), as a sysfs attribute's store takes
 * it. Neither creates nor truncates: an attribute exists or does not, and
 * truncation means nothing to it. */
static gboolean
write_file (const char *path, const char *value, GError **error)
{
  size_t length = strlen (value);
  int fd = open (path, O_WRONLY | O_CLOEXEC);
  int err = 0;
  ssize_t written;

  if (fd < 0) {
    err = errno;
  } else {
    do
      written = write (fd, value, length);
    while (written < 0 && errno == EINTR);
    if (written < 0)
      err = errno;
    else if ((size_t)written != length)
      err = EIO;
    if (close (fd) != 0 && !err)
      err = errno;
  }
  if (err) {
    g_autofree char *what = g_strdup_printf ("Cannot write '%s' to %s", value, path);

    md_net_link_set_kernel_error (error, err, NULL, what);
    return FALSE;
  }
  return TRUE;
}

gboolean
md_net_links_write_sysfs (MdNetLinks *links, const char *path, const char *value, GError **error)
{
  g_return_val_if_fail (links != NULL && path != NULL && value != NULL, FALSE);
  if (links->writer)
    return links->writer (path, value, links->writer_data, error);
  return write_file (path, value, error);
}

MdNetLinkKind
md_net_links_qmi_mux_kind (MdNetLinks *links, const char *parent)
{
  g_autofree char *add_mux = NULL;
  gpointer known;
  MdNetLinkKind kind;

  g_return_val_if_fail (links != NULL, MD_NET_LINK_KIND_RMNET);
  if (!md_net_link_name_is_valid (parent))
    return MD_NET_LINK_KIND_RMNET;
  known = g_hash_table_lookup (links->mux_kinds, parent);
  if (known)
    return (MdNetLinkKind)(GPOINTER_TO_UINT (known) - 1);
  add_mux = g_build_filename (links->sysfs_root, "class", "net", parent, "qmi", "add_mux", NULL);
  kind = g_file_test (add_mux, G_FILE_TEST_EXISTS) ? MD_NET_LINK_KIND_QMIWWAN : MD_NET_LINK_KIND_RMNET;
  md_log_debug (parent, "QMAP mux links: %s", md_net_link_kind_to_string (kind));
  g_hash_table_insert (links->mux_kinds, g_strdup (parent), GUINT_TO_POINTER ((guint)kind + 1));
  return kind;
}

gboolean
md_net_links_has_interface (MdNetLinks *links, const char *ifname)
{
  g_return_val_if_fail (links != NULL, FALSE);
  if (!md_net_link_name_is_valid (ifname))
    return FALSE;
  if (md_net_links_is_fake (links))
    return md_net_links_fake_has (links, ifname);
  return if_nametoindex (ifname) != 0;
}

gboolean
md_net_links_set_up (MdNetLinks *links, const char *ifname, gboolean up, GError **error)
{
  g_return_val_if_fail (links != NULL, FALSE);
  if (!md_net_link_name_is_valid (ifname)) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS, "Invalid link name '%s'",
                 ifname ? ifname : "(null)");
    return FALSE;
  }
  if (!links->backend->set_up (links, ifname, up, error))
    return FALSE;
  md_log_debug (ifname, "link set %s", up ? "up" : "down");
  return TRUE;
}

gboolean
md_net_links_delete (MdNetLinks *links, const char *ifname, GError **error)
{
  g_autoptr (GError) local = NULL;
  gboolean known;
  gboolean ok;
  guint index = 0;

  g_return_val_if_fail (links != NULL, FALSE);
  if (!md_net_link_name_is_valid (ifname)) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS, "Invalid link name '%s'",
                 ifname ? ifname : "(null)");
    return FALSE;
  }
  known = find_created (links, ifname, &index);
  ok = links->backend->delete (links, ifname, known ? g_ptr_array_index (links->created, index) : NULL,
                               &local);
  if ((ok || g_error_matches (local, MD_CORE_ERROR, MD_CORE_ERROR_NOT_FOUND)) && known)
    g_ptr_array_remove_index (links->created, index);
  if (!ok) {
    g_propagate_error (error, g_steal_pointer (&local));
    return FALSE;
  }
  md_log_info (ifname, "deleted link");
  return TRUE;
}

gboolean
md_net_links_delete_all_created (MdNetLinks *links, GError **error)
{
  g_autoptr (GPtrArray) snapshot = NULL;
  g_autoptr (GError) first = NULL;

  g_return_val_if_fail (links != NULL, FALSE);
  /* Deleting edits links->created; walk a copy, newest first. */
  snapshot = md_net_links_list_created (links);
  for (guint i = snapshot->len; i > 0; i--) {
    const MdNetLinkInfo *info = g_ptr_array_index (snapshot, i - 1);
    g_autoptr (GError) local = NULL;

    if (md_net_links_delete (links, info->ifname, &local))
      continue;
    if (g_error_matches (local, MD_CORE_ERROR, MD_CORE_ERROR_NOT_FOUND)) {
      md_log_debug (info->ifname, "link already gone");
      continue;
    }
    md_log_warn (info->ifname, "could not delete link: %s", local->message);
    if (!first)
      first = g_steal_pointer (&local);
  }
  if (first) {
    g_propagate_error (error, g_steal_pointer (&first));
    return FALSE;
  }
  return TRUE;
}

GPtrArray *
md_net_links_list_created (MdNetLinks *links)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify)md_net_link_info_free);

  g_return_val_if_fail (links != NULL, list);
  for (guint i = 0; i < links->created->len; i++)
    g_ptr_array_add (list, md_net_link_info_copy (g_ptr_array_index (links->created, i)));
  return list;
}

void
md_net_link_set_kernel_error (GError **error, int err, const char *text, const char *what)
{
  MdCoreError code;

  switch (err) {
  case ENODEV:
  case ENOENT:
  case ENXIO: code = MD_CORE_ERROR_NOT_FOUND; break;
  case EEXIST: code = MD_CORE_ERROR_EXISTS; break;
  case EOPNOTSUPP:
  case EPROTONOSUPPORT:
  case EAFNOSUPPORT: code = MD_CORE_ERROR_UNSUPPORTED; break;
  case EPERM:
  case EACCES: code = MD_CORE_ERROR_UNAUTHORIZED; break;
  default: code = MD_CORE_ERROR_FAILED; break;
  }
  if (text)
    g_set_error (error, MD_CORE_ERROR, code, "%s: %s (%s)", what, text, g_strerror (err));
  else
    g_set_error (error, MD_CORE_ERROR, code, "%s: %s", what, g_strerror (err));
}
