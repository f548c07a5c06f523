/* SPDX-License-Identifier: GPL-2.0-or-later */
/* rtnetlink messages of the net-link layer as plain bytes: building the
 * RTM_NEWLINK / RTM_DELLINK requests and reading the kernel's ACK (with its
 * extended-ACK text). No sockets, so tests need no privileges. Internal to
 * src/port and its tests. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Low-level building. A message starts with a struct nlmsghdr followed by
 * a zeroed struct ifinfomsg (family AF_UNSPEC, index 0); every put keeps
 * nlmsg_len equal to the buffer's length. Attributes are 4-byte aligned,
 * nests carry NLA_F_NESTED. */
GByteArray *md_nl_msg_new_link_request (guint16 type, guint16 flags, guint32 seq);
void md_nl_msg_put_attr (GByteArray *msg, guint16 type, gconstpointer data, gsize len);
void md_nl_msg_put_string (GByteArray *msg, guint16 type, const char *value);
void md_nl_msg_put_u16 (GByteArray *msg, guint16 type, guint16 value);
void md_nl_msg_put_u32 (GByteArray *msg, guint16 type, guint32 value);
/* Returns the nest's offset, to be given to md_nl_msg_nest_end. */
gsize md_nl_msg_nest_start (GByteArray *msg, guint16 type);
void md_nl_msg_nest_end (GByteArray *msg, gsize nest);

/* RTM_NEWLINK, flags REQUEST|ACK|CREATE|EXCL:
 * IFLA_IFNAME, IFLA_PARENT_DEV_NAME = parent_dev,
 * IFLA_LINKINFO { IFLA_INFO_KIND "wwan", IFLA_INFO_DATA { IFLA_WWAN_LINK_ID u32 } } */
GByteArray *md_net_link_msg_new_wwan (guint32 seq, const char *ifname, const char *parent_dev,
                                      guint32 link_id);
/* RTM_NEWLINK, flags REQUEST|ACK|CREATE|EXCL:
 * IFLA_IFNAME, IFLA_LINK = parent_ifindex (u32),
 * IFLA_LINKINFO { IFLA_INFO_KIND "vlan", IFLA_INFO_DATA { IFLA_VLAN_ID u16 } } */
GByteArray *md_net_link_msg_new_vlan (guint32 seq, const char *ifname, guint32 parent_ifindex,
                                      guint16 vlan_id);
/* RTM_NEWLINK, flags REQUEST|ACK|CREATE|EXCL:
 * IFLA_IFNAME, IFLA_LINK = parent_ifindex (u32),
 * IFLA_LINKINFO { IFLA_INFO_KIND "rmnet", IFLA_INFO_DATA { IFLA_RMNET_MUX_ID u16,
 * IFLA_RMNET_FLAGS { ingress deaggregation } } } */
GByteArray *md_net_link_msg_new_rmnet (guint32 seq, const char *ifname, guint32 parent_ifindex,
                                       guint16 mux_id);
/* RTM_NEWLINK, flags REQUEST|ACK, index 0 and IFLA_IFNAME (the kernel
 * looks the link up by name), ifi_change IFF_UP and ifi_flags IFF_UP or 0:
 * sets the link administratively up or down. */
GByteArray *md_net_link_msg_new_set_up (guint32 seq, const char *ifname, gboolean up);
/* RTM_DELLINK, flags REQUEST|ACK, index 0 and IFLA_IFNAME: the kernel
 * looks the link up by name. */
GByteArray *md_net_link_msg_new_delete (guint32 seq, const char *ifname);

/* Looks through a datagram from the kernel for the NLMSG_ERROR answering
 * seq. Returns FALSE with error (MD_CORE_ERROR_FAILED) when the datagram
 * is malformed. Otherwise TRUE, and *out_found tells whether the answer was
 * there; if so *out_errno is the positive errno (0 for success) and
 * *out_text the kernel's extended-ACK message or NULL. Other messages are
 * skipped. */
gboolean md_net_link_msg_parse_ack (const guint8 *data, gsize len, guint32 seq, gboolean *out_found,
                                    int *out_errno, char **out_text, GError **error);

G_END_DECLS
