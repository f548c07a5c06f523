/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Builds the rtnetlink link requests of the net-link layer into byte
 * buffers and reads the kernel's ACK back. Pure byte work: the socket side
 * is md-net-link-rtnl.c. Headers are copied with memcpy, never cast in
 * place, so a GByteArray's realloc or an odd offset cannot bite. */
#include "md-net-link-msg.h"

#include <string.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/if.h>
#include <linux/if_link.h>
#include <linux/wwan.h>

#include "md-errors.h"

static void
update_length (GByteArray *msg)
{
  guint32 len = msg->len;

  memcpy (msg->data + G_STRUCT_OFFSET (struct nlmsghdr, nlmsg_len), &len, sizeof len);
}

static void
pad_to_alignment (GByteArray *msg)
{
  static const guint8 zeros[NLMSG_ALIGNTO] = { 0 };
  gsize padded = NLMSG_ALIGN (msg->len);

  g_byte_array_append (msg, zeros, padded - msg->len);
}

GByteArray *
md_nl_msg_new_link_request (guint16 type, guint16 flags, guint32 seq)
{
  struct nlmsghdr hdr = {
    .nlmsg_type = type,
    .nlmsg_flags = flags,
    .nlmsg_seq = seq,
  };
  struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC };
  GByteArray *msg = g_byte_array_sized_new (128);

  g_byte_array_append (msg, (const guint8 *)&hdr, sizeof hdr);
  pad_to_alignment (msg);
  g_byte_array_append (msg, (const guint8 *)&ifi, sizeof ifi);
  pad_to_alignment (msg);
  update_length (msg);
  return msg;
}

void
md_nl_msg_put_attr (GByteArray *msg, guint16 type, gconstpointer data, gsize len)
{
  struct rtattr rta;

  g_return_if_fail (RTA_LENGTH (len) <= G_MAXUINT16);
  rta.rta_len = RTA_LENGTH (len);
  rta.rta_type = type;
  g_byte_array_append (msg, (const guint8 *)&rta, sizeof rta);
  if (len > 0)
    g_byte_array_append (msg, data, len);
  pad_to_alignment (msg);
  update_length (msg);
}

void
md_nl_msg_put_string (GByteArray *msg, guint16 type, const char *value)
{
  md_nl_msg_put_attr (msg, type, value, strlen (value) + 1);
}

void
md_nl_msg_put_u16 (GByteArray *msg, guint16 type, guint16 value)
{
  md_nl_msg_put_attr (msg, type, &value, sizeof value);
}

void
md_nl_msg_put_u32 (GByteArray *msg, guint16 type, guint32 value)
{
  md_nl_msg_put_attr (msg, type, &value, sizeof value);
}

gsize
md_nl_msg_nest_start (GByteArray *msg, guint16 type)
{
  gsize nest = msg->len;

  md_nl_msg_put_attr (msg, type | NLA_F_NESTED, NULL, 0);
  return nest;
}

void
md_nl_msg_nest_end (GByteArray *msg, gsize nest)
{
  guint16 len;

  g_return_if_fail (nest + sizeof (struct rtattr) <= msg->len && msg->len - nest <= G_MAXUINT16);
  len = msg->len - nest;
  memcpy (msg->data + nest + G_STRUCT_OFFSET (struct rtattr, rta_len), &len, sizeof len);
}

static GByteArray *
new_link (guint32 seq, const char *ifname)
{
  GByteArray *msg
    = md_nl_msg_new_link_request (RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, seq);

  md_nl_msg_put_string (msg, IFLA_IFNAME, ifname);
  return msg;
}

GByteArray *
md_net_link_msg_new_wwan (guint32 seq, const char *ifname, const char *parent_dev, guint32 link_id)
{
  GByteArray *msg = new_link (seq, ifname);
  gsize info, data;

  md_nl_msg_put_string (msg, IFLA_PARENT_DEV_NAME, parent_dev);
  info = md_nl_msg_nest_start (msg, IFLA_LINKINFO);
  md_nl_msg_put_string (msg, IFLA_INFO_KIND, "wwan");
  data = md_nl_msg_nest_start (msg, IFLA_INFO_DATA);
  md_nl_msg_put_u32 (msg, IFLA_WWAN_LINK_ID, link_id);
  md_nl_msg_nest_end (msg, data);
  md_nl_msg_nest_end (msg, info);
  return msg;
}

GByteArray *
md_net_link_msg_new_vlan (guint32 seq, const char *ifname, guint32 parent_ifindex, guint16 vlan_id)
{
  GByteArray *msg = new_link (seq, ifname);
  gsize info, data;

  md_nl_msg_put_u32 (msg, IFLA_LINK, parent_ifindex);
  info = md_nl_msg_nest_start (msg, IFLA_LINKINFO);
  md_nl_msg_put_string (msg, IFLA_INFO_KIND, "vlan");
  data = md_nl_msg_nest_start (msg, IFLA_INFO_DATA);
  md_nl_msg_put_u16 (msg, IFLA_VLAN_ID, vlan_id);
  md_nl_msg_nest_end (msg, data);
  md_nl_msg_nest_end (msg, info);
  return msg;
}

GByteArray *
md_net_link_msg_new_rmnet (guint32 seq, const char *ifname, guint32 parent_ifindex, guint16 mux_id)
{
  GByteArray *msg = new_link (seq, ifname);
  /* The modem aggregates downlink packets (QMAP): rmnet splits them. */
  struct ifla_rmnet_flags flags = {
    .flags = RMNET_FLAGS_INGRESS_DEAGGREGATION,
    .mask = RMNET_FLAGS_INGRESS_DEAGGREGATION,
  };
  gsize info, data;

  md_nl_msg_put_u32 (msg, IFLA_LINK, parent_ifindex);
  info = md_nl_msg_nest_start (msg, IFLA_LINKINFO);
  md_nl_msg_put_string (msg, IFLA_INFO_KIND, "rmnet");
  data = md_nl_msg_nest_start (msg, IFLA_INFO_DATA);
  md_nl_msg_put_u16 (msg, IFLA_RMNET_MUX_ID, mux_id);
  md_nl_msg_put_attr (msg, IFLA_RMNET_FLAGS, &flags, sizeof flags);
  md_nl_msg_nest_end (msg, data);
  md_nl_msg_nest_end (msg, info);
  return msg;
}

GByteArray *
md_net_link_msg_new_set_up (guint32 seq, const char *ifname, gboolean up)
{
  GByteArray *msg = md_nl_msg_new_link_request (RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK, seq);
  struct ifinfomsg *ifi = (struct ifinfomsg *)(msg->data + NLMSG_ALIGN (sizeof (struct nlmsghdr)));

  ifi->ifi_change = IFF_UP;
  ifi->ifi_flags = up ? IFF_UP : 0;
  md_nl_msg_put_string (msg, IFLA_IFNAME, ifname);
  return msg;
}

GByteArray *
md_net_link_msg_new_delete (guint32 seq, const char *ifname)
{
  GByteArray *msg = md_nl_msg_new_link_request (RTM_DELLINK, NLM_F_REQUEST | NLM_F_ACK, seq);

  md_nl_msg_put_string (msg, IFLA_IFNAME, ifname);
  return msg;
}

static gboolean
malformed (GError **error, const char *what)
{
  g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "Malformed netlink answer: %s", what);
  return FALSE;
}

/* The extended-ACK attributes follow the struct nlmsgerr and, unless the
 * kernel capped the echo (NLM_F_CAPPED), the whole original request. */
static char *
ext_ack_text (const guint8 *msg, gsize msg_len, guint16 flags, const struct nlmsghdr *orig)
{
  gsize echoed = (flags & NLM_F_CAPPED) ? sizeof (struct nlmsghdr) : orig->nlmsg_len;
  gsize off;

  if (!(flags & NLM_F_ACK_TLVS) || echoed < sizeof (struct nlmsghdr))
    return NULL;
  off = NLMSG_HDRLEN + NLMSG_ALIGN (sizeof (int) + echoed);
  while (off + sizeof (struct nlattr) <= msg_len) {
    struct nlattr nla;

    memcpy (&nla, msg + off, sizeof nla);
    if (nla.nla_len < sizeof nla || nla.nla_len > msg_len - off)
      return NULL;
    if ((nla.nla_type & NLA_TYPE_MASK) == NLMSGERR_ATTR_MSG) {
      g_autofree char *text = g_strndup ((const char *)msg + off + NLA_HDRLEN, nla.nla_len - NLA_HDRLEN);

      g_strstrip (text);
      return *text ? g_steal_pointer (&text) : NULL;
    }
    off += NLA_ALIGN (nla.nla_len);
  }
  return NULL;
}

gboolean
md_net_link_msg_parse_ack (const guint8 *data, gsize len, guint32 seq, gboolean *out_found, int *out_errno,
                           char **out_text, GError **error)
{
  gsize off = 0;

  *out_found = FALSE;
  *out_errno = 0;
  *out_text = NULL;
  while (off + sizeof (struct nlmsghdr) <= len) {
    struct nlmsghdr hdr;
    struct nlmsgerr err;

    memcpy (&hdr, data + off, sizeof hdr);
    if (hdr.nlmsg_len < sizeof hdr || hdr.nlmsg_len > len - off)
      return malformed (error, "bad message length");
    if (hdr.nlmsg_type == NLMSG_ERROR && hdr.nlmsg_seq == seq) {
      if (hdr.nlmsg_len < NLMSG_HDRLEN + sizeof err)
        return malformed (error, "short error message");
      memcpy (&err, data + off + NLMSG_HDRLEN, sizeof err);
      if (err.error > 0 || err.error == G_MININT)
        return malformed (error, "bad error code");
      *out_found = TRUE;
      *out_errno = -err.error;
      *out_text = ext_ack_text (data + off, hdr.nlmsg_len, hdr.nlmsg_flags, &err.msg);
      return TRUE;
    }
    off += NLMSG_ALIGN (hdr.nlmsg_len);
  }
  return TRUE;
}
