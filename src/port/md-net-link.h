/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Network links for multiplexed data sessions: session 0 of an MBIM modem
 * uses its main interface, session N > 0 a link the daemon creates: a
 * "wwan" link with link id N on a kernel wwan device (PCIe/M.2: IOSM,
 * MHI), or a "vlan" link with VLAN id N on the main interface (USB
 * cdc_mbim maps VLAN N to session N). Two backends behind one object: the
 * kernel over rtnetlink, and an in-memory fake for tests and test mode.
 * Calls are synchronous (the rtnetlink backend waits at most
 * MD_NET_LINK_TIMEOUT_MS for the kernel) and not thread-safe. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  MD_NET_LINK_KIND_VLAN,  /* "<parent>.<N>", VLAN id N on the network interface <parent> */
  MD_NET_LINK_KIND_WWAN,  /* "<parent>-<N>", link id N on the wwan device <parent> */
  MD_NET_LINK_KIND_RMNET, /* "<parent>m<N>", QMAP mux id N on the network interface <parent> (QMI) */
} MdNetLinkKind;

/* The kernel's rtnl link kind: "vlan", "wwan" or "rmnet". */
const char *md_net_link_kind_to_string (MdNetLinkKind kind);

/* IFNAMSIZ - 1: the longest interface name the kernel takes. */
#define MD_NET_LINK_IFNAME_MAX 15
/* Session ids of multiplexed links are 1..255: cdc_mbim maps VLAN ids
 * 1-255 to IP sessions (256-511 are DSS sessions, not ours). */
#define MD_NET_LINK_SESSION_ID_MAX 255
#define MD_NET_LINK_TIMEOUT_MS     2000

typedef struct {
  char *ifname;
  MdNetLinkKind kind;
  char *parent;
  guint session_id;
} MdNetLinkInfo;

MdNetLinkInfo *md_net_link_info_copy (const MdNetLinkInfo *info);
void md_net_link_info_free (MdNetLinkInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdNetLinkInfo, md_net_link_info_free)

/* The name of session_id's link: "<parent>.<N>" (VLAN) or "<parent>-<N>"
 * (WWAN). Fails with MD_CORE_ERROR_INVALID_ARGS when parent is not a valid
 * interface or device name, session_id is outside 1..255, or the name
 * would be longer than MD_NET_LINK_IFNAME_MAX. */
char *md_net_link_name_for_session (MdNetLinkKind kind, const char *parent, guint session_id, GError **error);

typedef struct _MdNetLinks MdNetLinks;

/* The kernel, through a NETLINK_ROUTE socket opened for each request. */
MdNetLinks *md_net_links_new_rtnetlink (void);
/* An in-memory kernel: links exist only in the object. Parents must be
 * registered first with md_net_links_fake_add_parent. */
MdNetLinks *md_net_links_new_fake (void);
MdNetLinks *md_net_links_ref (MdNetLinks *links);
/* Dropping the last reference does not delete any link: call
 * md_net_links_delete_all_created first when they must go. */
void md_net_links_unref (MdNetLinks *links);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdNetLinks, md_net_links_unref)

/* Creates session_id's link on parent (for VLAN the network interface, for
 * WWAN the wwan device, as in /sys/class/wwan/) and remembers it as
 * created by this object. *out_ifname (may be NULL) gets its name.
 * Errors, all MD_CORE_ERROR with the kernel's own message when it gave one:
 * INVALID_ARGS (see md_net_link_name_for_session), NOT_FOUND (no such
 * parent), EXISTS (the link already exists), UNSUPPORTED (the kernel lacks
 * the link type, "Unknown device type", or the parent cannot multiplex),
 * UNAUTHORIZED (no CAP_NET_ADMIN), FAILED (anything else, or no answer
 * from the kernel in time). */
gboolean md_net_links_add_session_link (MdNetLinks *links, MdNetLinkKind kind, const char *parent,
                                        guint session_id, char **out_ifname, GError **error);

/* Deletes the link ifname, created by this object or not; it is no longer
 * listed as created afterwards, even when it was already gone (then the
 * error is MD_CORE_ERROR_NOT_FOUND). Other errors as for adding. */
gboolean md_net_links_delete (MdNetLinks *links, const char *ifname, GError **error);

/* Deletes every link this object created and still lists (disconnect of
 * all sessions, modem removal). Links already gone count as deleted. Tries
 * them all; on failure returns the first error, and the links that failed
 * stay listed. */
gboolean md_net_links_delete_all_created (MdNetLinks *links, GError **error);

/* The links this object created and has not deleted, oldest first: a new
 * array of MdNetLinkInfo copies (free func set). */
GPtrArray *md_net_links_list_created (MdNetLinks *links);

/* Sets the network interface ifname administratively up or down (any
 * interface, created by this object or not). Errors as for deleting:
 * NOT_FOUND when there is no such interface. */
gboolean md_net_links_set_up (MdNetLinks *links, const char *ifname, gboolean up, GError **error);
/* Whether the network interface ifname exists: in the kernel (our
 * namespace), or for the fake among its parents and links. */
gboolean md_net_links_has_interface (MdNetLinks *links, const char *ifname);
/* Whether links is the in-memory fake (the daemon's test mode). */
gboolean md_net_links_is_fake (MdNetLinks *links);
/* Fake backend only: makes the network interface or wwan device name
 * known, so links can be created on it. */
void md_net_links_fake_add_parent (MdNetLinks *links, const char *name);
/* Fake backend only: whether ifname was last set up (parents and links
 * start down). */
gboolean md_net_links_fake_is_up (MdNetLinks *links, const char *ifname);
/* Fake backend only: the link ifname if it exists in the fake, else NULL.
 * Parents registered with md_net_links_fake_add_parent are not links. */
const MdNetLinkInfo *md_net_links_fake_lookup (MdNetLinks *links, const char *ifname);

/* Which kind of link multiplexes the network interface ifname, decided
 * from sysfs (sysfs_root is "/sys"; tests give a folder of their own):
 * - <root>/class/net/<ifname>/device/driver links to a driver named
 *   cdc_mbim: VLAN;
 * - the interface's parent device belongs to the wwan class: its
 *   <root>/class/net/<ifname>/device/subsystem links to a folder named
 *   "wwan", or <root>/class/wwan/<name of the device link's target>
 *   exists: WWAN. (DEVTYPE=wwan in the interface's uevent is no sign: USB
 *   drivers such as cdc_mbim and qmi_wwan set it too);
 * - anything else, including a missing interface: VLAN, the generic way to
 *   carry several sessions on one interface. */
MdNetLinkKind md_net_link_kind_for_parent (const char *sysfs_root, const char *ifname);

/* The wwan device (the name in /sys/class/wwan/, e.g. "wwan0") that the
 * network interface ifname belongs to, the parent to give for WWAN links;
 * NULL when ifname does not belong to a wwan device. */
char *md_net_link_wwan_device_for_netdev (const char *sysfs_root, const char *ifname);

/* qmi_wwan's link layer (md-net-link-qmi.c): whether the network
 * interface ifname runs raw IP (<root>/class/net/<ifname>/qmi/raw_ip is
 * Y). NOT_FOUND when the interface has no such switch (not qmi_wwan). */
gboolean md_net_link_qmi_get_raw_ip (const char *sysfs_root, const char *ifname, gboolean *out_raw_ip,
                                     GError **error);
/* Switches it to raw IP or 802.3: when it differs, the interface is set
 * down (through links; an interface the kernel lacks is skipped) and the
 * switch written, so the link layer matches the modem's data format. The
 * interface stays down: whoever configures the bearer brings it up. */
gboolean md_net_link_qmi_set_raw_ip (MdNetLinks *links, const char *sysfs_root, const char *ifname,
                                     gboolean raw_ip, GError **error);

G_END_DECLS
