/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The in-memory backend of MdNetLinks, for tests and the daemon's test
 * mode: a set of known parents and a table of existing links, with the
 * kernel's refusals (unknown parent, name taken, no such link) and nothing
 * else of it. */
#include "md-net-link-private.h"

#include "md-errors.h"

typedef struct {
  GHashTable *parents; /* name -> itself */
  GHashTable *links;   /* ifname -> MdNetLinkInfo */
  GHashTable *up;      /* names of parents and links set up (new ones are down) */
} Fake;

static void
fake_free (gpointer data)
{
  Fake *fake = data;

  g_hash_table_unref (fake->parents);
  g_hash_table_unref (fake->links);
  g_hash_table_unref (fake->up);
  g_free (fake);
}

/* qmi_wwan's naming: the lowest "qmimux<K>" not taken, whatever the mux
 * id; a mux id the parent carries already is refused. */
static gboolean
name_qmiwwan (Fake *fake, MdNetLinkInfo *link, GError **error)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, fake->links);
  while (g_hash_table_iter_next (&iter, NULL, &value)) {
    const MdNetLinkInfo *other = value;

    if (other->kind == MD_NET_LINK_KIND_QMIWWAN && g_str_equal (other->parent, link->parent)
        && other->session_id == link->session_id) {
      g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_EXISTS,
                   "Cannot add qmi_wwan link for mux id %u on %s: %s carries it already", link->session_id,
                   link->parent, other->ifname);
      return FALSE;
    }
  }
  for (guint k = 0;; k++) {
    g_autofree char *name = g_strdup_printf ("qmimux%u", k);

    if (!g_hash_table_contains (fake->links, name) && !g_hash_table_contains (fake->parents, name)) {
      link->ifname = g_steal_pointer (&name);
      return TRUE;
    }
  }
}

static gboolean
fake_add (MdNetLinks *links, MdNetLinkInfo *link, GError **error)
{
  Fake *fake = links->data;

  if (!g_hash_table_contains (fake->parents, link->parent)) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_NOT_FOUND, "Cannot add %s link %s on %s: no such %s",
                 md_net_link_kind_to_string (link->kind), link->ifname ? link->ifname : "", link->parent,
                 link->kind == MD_NET_LINK_KIND_WWAN ? "wwan device" : "network interface");
    return FALSE;
  }
  if (link->kind == MD_NET_LINK_KIND_QMIWWAN && !name_qmiwwan (fake, link, error))
    return FALSE;
  if (g_hash_table_contains (fake->links, link->ifname)
      || g_hash_table_contains (fake->parents, link->ifname)) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_EXISTS, "Cannot add %s link %s on %s: it already exists",
                 md_net_link_kind_to_string (link->kind), link->ifname, link->parent);
    return FALSE;
  }
  g_hash_table_insert (fake->links, g_strdup (link->ifname), md_net_link_info_copy (link));
  return TRUE;
}

static gboolean
fake_delete (MdNetLinks *links, const char *ifname, const MdNetLinkInfo *known, GError **error)
{
  Fake *fake = links->data;

  if (!g_hash_table_remove (fake->links, ifname)) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_NOT_FOUND, "Cannot delete link %s: no such link",
                 ifname);
    return FALSE;
  }
  g_hash_table_remove (fake->up, ifname);
  return TRUE;
}

static gboolean
fake_set_up (MdNetLinks *links, const char *ifname, gboolean up, GError **error)
{
  Fake *fake = links->data;

  if (!g_hash_table_contains (fake->links, ifname) && !g_hash_table_contains (fake->parents, ifname)) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_NOT_FOUND, "Cannot set link %s %s: no such link", ifname,
                 up ? "up" : "down");
    return FALSE;
  }
  if (up)
    g_hash_table_add (fake->up, g_strdup (ifname));
  else
    g_hash_table_remove (fake->up, ifname);
  return TRUE;
}

static const MdNetLinksBackend fake_backend = {
  .name = "fake",
  .add = fake_add,
  .delete = fake_delete,
  .set_up = fake_set_up,
  .free_data = fake_free,
};

MdNetLinks *
md_net_links_new_fake (void)
{
  Fake *fake = g_new0 (Fake, 1);

  fake->parents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  fake->links
    = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)md_net_link_info_free);
  fake->up = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return md_net_links_new_with_backend (&fake_backend, fake);
}

gboolean
md_net_links_is_fake (MdNetLinks *links)
{
  return links->backend == &fake_backend;
}

void
md_net_links_fake_add_parent (MdNetLinks *links, const char *name)
{
  Fake *fake;

  g_return_if_fail (links != NULL && md_net_links_is_fake (links));
  g_return_if_fail (md_net_link_name_is_valid (name));
  fake = links->data;
  g_hash_table_add (fake->parents, g_strdup (name));
}

const MdNetLinkInfo *
md_net_links_fake_lookup (MdNetLinks *links, const char *ifname)
{
  Fake *fake;

  g_return_val_if_fail (links != NULL && md_net_links_is_fake (links), NULL);
  fake = links->data;
  return ifname ? g_hash_table_lookup (fake->links, ifname) : NULL;
}

gboolean
md_net_links_fake_is_up (MdNetLinks *links, const char *ifname)
{
  Fake *fake;

  g_return_val_if_fail (links != NULL && md_net_links_is_fake (links), FALSE);
  fake = links->data;
  return ifname && g_hash_table_contains (fake->up, ifname);
}

gboolean
md_net_links_fake_has (MdNetLinks *links, const char *ifname)
{
  Fake *fake = links->data;

  return ifname
         && (g_hash_table_contains (fake->parents, ifname) || g_hash_table_contains (fake->links, ifname));
}
