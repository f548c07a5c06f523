/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What the net-link files share: the object, the backend table and the
 * rtnetlink round trip (also used by tests to set up links of their own). */
#pragma once

#include "md-net-link.h"

G_BEGIN_DECLS

/* One backend. link is already validated and named, except a QMIWWAN
 * link, whose ifname is NULL and which add names (g_strdup) once the
 * kernel made it; delete gets what the object knows of ifname when it
 * created it (NULL otherwise). The calls set an MD_CORE_ERROR as
 * documented in md-net-link.h. */
typedef struct {
  const char *name;
  gboolean (*add) (MdNetLinks *links, MdNetLinkInfo *link, GError **error);
  gboolean (*delete) (MdNetLinks *links, const char *ifname, const MdNetLinkInfo *known, GError **error);
  gboolean (*set_up) (MdNetLinks *links, const char *ifname, gboolean up, GError **error);
  void (*free_data) (gpointer data);
} MdNetLinksBackend;

struct _MdNetLinks {
  gatomicrefcount ref_count;
  const MdNetLinksBackend *backend;
  gpointer data;      /* the backend's */
  GPtrArray *created; /* MdNetLinkInfo, oldest first */
  char *sysfs_root;
  MdNetLinksSysfsWriter writer; /* NULL: write the file */
  gpointer writer_data;
  GHashTable *mux_kinds; /* parent -> MdNetLinkKind + 1, decided once */
};

/* qmi_wwan's links through sysfs (md-net-link-qmiwwan.c), for the kernel
 * backend: add writes the mux id to <parent>/qmi/add_mux and names link
 * after the upper interface the kernel made for it; delete writes it to
 * del_mux (parent and mux id from known, else from sysfs). */
gboolean md_net_link_qmiwwan_add (MdNetLinks *links, MdNetLinkInfo *link, GError **error);
gboolean md_net_link_qmiwwan_delete (MdNetLinks *links, const char *ifname, const MdNetLinkInfo *known,
                                     GError **error);

/* The fake's md_net_links_has_interface. */
gboolean md_net_links_fake_has (MdNetLinks *links, const char *ifname);
MdNetLinks *md_net_links_new_with_backend (const MdNetLinksBackend *backend, gpointer data);

/* Whether name is something the kernel accepts as an interface name. */
gboolean md_net_link_name_is_valid (const char *name);

/* Sends one request on a fresh NETLINK_ROUTE socket (extended ACK on) and
 * waits up to timeout_ms for its ACK. FALSE with error (MD_CORE_ERROR_FAILED)
 * when the exchange itself failed or timed out; otherwise TRUE with the
 * kernel's answer in *out_errno (positive, 0 for success) and its
 * extended-ACK text, if any, in *out_text. The request's sequence number is
 * overwritten. */
gboolean md_net_link_rtnl_transact (GByteArray *request, guint timeout_ms, int *out_errno, char **out_text,
                                    GError **error);

/* Sets error for a kernel failure err (positive errno) with the kernel's
 * text, after the words in what ("Cannot add vlan link wwan0.1 on wwan0"). */
void md_net_link_set_kernel_error (GError **error, int err, const char *text, const char *what);

G_END_DECLS
