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
  MD_NET_LINK_KIND_VLAN,    /* "<parent>.<N>", VLAN id N on the network interface <parent> */
  MD_NET_LINK_KIND_WWAN,    /* "<parent>-<N>", link id N on the wwan device <parent> */
  MD_NET_LINK_KIND_RMNET,   /* "<parent>m<N>", QMAP mux id N on the network interface <parent> (QMI) */
  MD_NET_LINK_KIND_QMIWWAN, /* "qmimux<K>" (K the kernel's), QMAP mux id N through qmi_wwan's
                             * <parent>/qmi/add_mux (QMI over USB) */
} MdNetLinkKind;

/* The kernel's rtnl link kind: "vlan", "wwan" or "rmnet"; "qmimux" for
 * qmi_wwan's own links (made through sysfs, not rtnetlink). */
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

/* The name of session_id's link: "<parent>.<N>" (VLAN), "<parent>-<N>"
 * (WWAN) or "<parent>m<N>" (RMNET); QMIWWAN links are named by the kernel,
 * so their name is NULL with INVALID_ARGS. Fails with MD_CORE_ERROR_INVALID_ARGS when parent is not a valid
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
 * created by this object. *out_ifname (may be NULL) gets its name: for
 * QMIWWAN the one the kernel gave (md-net-link-qmiwwan.c).
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
/* Where the kernel's sysfs is for this object's sysfs work (qmi_wwan
 * links, md_net_links_qmi_mux_kind): "/sys" unless set (tests, and the
 * daemon's --test-sysfs-root). */
void md_net_links_set_sysfs_root (MdNetLinks *links, const char *sysfs_root);
const char *md_net_links_get_sysfs_root (MdNetLinks *links);

/* Writes value to the sysfs attribute at path for this object; errors are
 * MD_CORE_ERROR as md_net_link_set_kernel_error maps errno. By default the
 * file is written (never created); a test that plays the kernel sets its
 * own writer, which runs in place of the write. */
typedef gboolean (*MdNetLinksSysfsWriter) (const char *path, const char *value, gpointer user_data,
                                           GError **error);
void md_net_links_set_sysfs_writer (MdNetLinks *links, MdNetLinksSysfsWriter writer, gpointer user_data);
gboolean md_net_links_write_sysfs (MdNetLinks *links, const char *path, const char *value, GError **error);

/* Which kind of link carries a QMAP mux id on the QMI network interface
 * parent, decided once per parent from the object's sysfs root and then
 * remembered: QMIWWAN when <root>/class/net/<parent>/qmi/add_mux exists
 * (qmi_wwan makes its own mux links), else RMNET (mhi_net, IPA). */
MdNetLinkKind md_net_links_qmi_mux_kind (MdNetLinks *links, const char *parent);

/* Fake backend only: makes the network interface or wwan device name
 * known, so links can be created on it. QMIWWAN links on it are named as
 * qmi_wwan names them (the lowest free "qmimux<K>"). */
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

/* Sets qmi_wwan's pass_through switch (<root>/class/net/<ifname>/qmi/
 * pass_through, Y/N: hand QMAP frames to an rmnet link on top instead of
 * demultiplexing them itself) as md_net_link_qmi_set_raw_ip does raw_ip.
 * NOT_FOUND when the interface has no such switch (older kernels, or not
 * qmi_wwan). */
gboolean md_net_link_qmi_set_pass_through (MdNetLinks *links, const char *sysfs_root, const char *ifname,
                                           gboolean pass_through, GError **error);

/* --- qmi_wwan's own mux links (md-net-link-qmiwwan.c) --------------------- */

/* Highest mux id qmi_wwan's add_mux takes (1..254 since Linux 5.12; older
 * kernels stop at 127 and refuse more with EINVAL). */
#define MD_NET_LINK_QMIWWAN_MUX_ID_MAX 254

/* A mux id as qmi_wwan shows it in qmap/mux_id and add_mux ("0x%02x\n"),
 * or as decimal; surrounding white space allowed. FALSE for anything
 * else or a value outside 1..255. len: bytes of text (it need not end in
 * NUL). */
gboolean md_net_link_parse_mux_id (const char *text, gsize len, guint *out_mux_id);

/* The qmi_wwan mux link on the interface parent that carries mux_id: its
 * upper_<name> entries whose <name>/qmap/mux_id is mux_id. NULL when none. */
char *md_net_link_qmiwwan_find (const char *sysfs_root, const char *parent, guint mux_id);

/* The network interface and mux id of a qmi_wwan mux link ifname, from
 * its lower_<parent> entry and its qmap/mux_id; FALSE when ifname is not
 * one (or the kernel too old to show its mux id). */
gboolean md_net_link_qmiwwan_lookup (const char *sysfs_root, const char *ifname, char **out_parent,
                                     guint *out_mux_id);

/* --- the data endpoint of a QMI network interface (md-net-link-sysfs.c) -- */

typedef enum {
  MD_NET_LINK_BUS_UNKNOWN,  /* no driver we know */
  MD_NET_LINK_BUS_USB,      /* qmi_wwan: interface number = bInterfaceNumber */
  MD_NET_LINK_BUS_PCIE,     /* mhi_net */
  MD_NET_LINK_BUS_EMBEDDED, /* ipa */
  MD_NET_LINK_BUS_BAM_DMUX, /* bam-dmux */
} MdNetLinkBus;

/* Where the network interface ifname's data flows, from its driver
 * (<root>/class/net/<ifname>/device/driver): qmi_wwan → USB with the
 * bInterfaceNumber of its USB interface (<...>/device/bInterfaceNumber,
 * two hex digits), mhi_net → PCIE (interface 0), ipa → EMBEDDED
 * (interface 1), bam-dmux → BAM_DMUX (0), as ModemManager 1.20 decides.
 * FALSE with NOT_FOUND when the interface or its driver is not in sysfs,
 * FAILED when a USB interface number cannot be read. */
gboolean md_net_link_data_endpoint (const char *sysfs_root, const char *ifname, MdNetLinkBus *out_bus,
                                    guint *out_interface, GError **error);
/* "usb", "pcie", "embedded", "bam-dmux", "unknown". */
const char *md_net_link_bus_to_string (MdNetLinkBus bus);

G_END_DECLS
