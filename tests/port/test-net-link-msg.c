/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The bytes of the net-link layer's rtnetlink requests, read back attribute
 * by attribute, and the reading of the kernel's ACK (plain, with extended
 * ACK text, capped or not, malformed). No socket is opened. */
#include <string.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/if.h>
#include <linux/if_link.h>
#include <linux/wwan.h>

#include "md-errors.h"
#include "md-net-link-msg.h"

typedef struct {
  guint16 type; /* without NLA_F_NESTED */
  gboolean nested;
  const guint8 *data;
  gsize len; /* payload */
} Attr;

/* Walks the attributes in data[0..len) and checks their framing: each
 * starts 4-byte aligned, its length covers at least its header and stays
 * inside, the padding is zero, and they fill the area exactly. */
static GArray *
walk_attrs (const guint8 *data, gsize len)
{
  GArray *attrs = g_array_new (FALSE, TRUE, sizeof (Attr));
  gsize off = 0;

  while (off < len) {
    struct rtattr rta;
    Attr attr;

    g_assert_cmpuint (off % RTA_ALIGNTO, ==, 0);
    g_assert_cmpuint (len - off, >=, sizeof rta);
    memcpy (&rta, data + off, sizeof rta);
    g_assert_cmpuint (rta.rta_len, >=, sizeof rta);
    g_assert_cmpuint (RTA_ALIGN (rta.rta_len), <=, len - off);
    for (gsize pad = rta.rta_len; pad < RTA_ALIGN (rta.rta_len); pad++)
      g_assert_cmpuint (data[off + pad], ==, 0);
    attr.type = rta.rta_type & NLA_TYPE_MASK;
    attr.nested = (rta.rta_type & NLA_F_NESTED) != 0;
    attr.data = data + off + RTA_LENGTH (0);
    attr.len = rta.rta_len - RTA_LENGTH (0);
    g_array_append_val (attrs, attr);
    off += RTA_ALIGN (rta.rta_len);
  }
  g_assert_cmpuint (off, ==, len);
  return attrs;
}

static const Attr *
find_attr (GArray *attrs, guint16 type)
{
  const Attr *found = NULL;

  for (guint i = 0; i < attrs->len; i++) {
    const Attr *attr = &g_array_index (attrs, Attr, i);

    if (attr->type == type) {
      g_assert_null (found); /* each attribute once */
      found = attr;
    }
  }
  g_assert_nonnull (found);
  return found;
}

static void
assert_string (const Attr *attr, const char *expected)
{
  g_assert_cmpuint (attr->len, ==, strlen (expected) + 1);
  g_assert_false (attr->nested);
  g_assert_cmpmem (attr->data, attr->len, expected, strlen (expected) + 1);
}

static guint32
attr_u32 (const Attr *attr)
{
  guint32 value;

  g_assert_cmpuint (attr->len, ==, sizeof value);
  g_assert_false (attr->nested);
  memcpy (&value, attr->data, sizeof value);
  return value;
}

static guint16
attr_u16 (const Attr *attr)
{
  guint16 value;

  g_assert_cmpuint (attr->len, ==, sizeof value);
  g_assert_false (attr->nested);
  memcpy (&value, attr->data, sizeof value);
  return value;
}

/* Checks the headers and returns the top-level attributes. */
static GArray *
check_request (GByteArray *msg, guint16 type, guint16 flags, guint32 seq)
{
  struct nlmsghdr hdr;
  struct ifinfomsg ifi;
  const struct ifinfomsg zero_ifi = { 0 };
  gsize attrs_at = NLMSG_LENGTH (NLMSG_ALIGN (sizeof ifi));

  g_assert_cmpuint (msg->len, >=, attrs_at);
  g_assert_cmpuint (msg->len % NLMSG_ALIGNTO, ==, 0);
  memcpy (&hdr, msg->data, sizeof hdr);
  g_assert_cmpuint (hdr.nlmsg_len, ==, msg->len);
  g_assert_cmpuint (hdr.nlmsg_type, ==, type);
  g_assert_cmpuint (hdr.nlmsg_flags, ==, flags);
  g_assert_cmpuint (hdr.nlmsg_seq, ==, seq);
  g_assert_cmpuint (hdr.nlmsg_pid, ==, 0);
  memcpy (&ifi, msg->data + NLMSG_HDRLEN, sizeof ifi);
  g_assert_cmpuint (ifi.ifi_family, ==, AF_UNSPEC);
  g_assert_cmpmem (&ifi, sizeof ifi, &zero_ifi, sizeof zero_ifi);
  return walk_attrs (msg->data + attrs_at, msg->len - attrs_at);
}

/* Checks IFLA_LINKINFO { IFLA_INFO_KIND kind, IFLA_INFO_DATA {...} } and
 * returns the attributes inside IFLA_INFO_DATA. */
static GArray *
check_linkinfo (GArray *top, const char *kind)
{
  const Attr *linkinfo = find_attr (top, IFLA_LINKINFO);
  g_autoptr (GArray) info = NULL;
  const Attr *data;

  g_assert_true (linkinfo->nested);
  info = walk_attrs (linkinfo->data, linkinfo->len);
  g_assert_cmpuint (info->len, ==, 2);
  assert_string (find_attr (info, IFLA_INFO_KIND), kind);
  data = find_attr (info, IFLA_INFO_DATA);
  g_assert_true (data->nested);
  return walk_attrs (data->data, data->len);
}

static void
test_new_wwan (void)
{
  const guint16 flags = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL;
  g_autoptr (GByteArray) msg = md_net_link_msg_new_wwan (42, "wwan0-1", "wwan0", 1);
  g_autoptr (GArray) top = check_request (msg, RTM_NEWLINK, flags, 42);
  g_autoptr (GArray) data = NULL;

  g_assert_cmpuint (top->len, ==, 3);
  assert_string (find_attr (top, IFLA_IFNAME), "wwan0-1");
  assert_string (find_attr (top, IFLA_PARENT_DEV_NAME), "wwan0");
  data = check_linkinfo (top, "wwan");
  g_assert_cmpuint (data->len, ==, 1);
  g_assert_cmpuint (attr_u32 (find_attr (data, IFLA_WWAN_LINK_ID)), ==, 1);
  /* nlmsghdr 16 + ifinfomsg 16 + "wwan0-1" 12 + "wwan0" 12 +
   * linkinfo (4 + kind 12 + data (4 + link id 8)) */
  g_assert_cmpuint (msg->len, ==, 16 + 16 + 12 + 12 + 4 + 12 + 4 + 8);

  g_byte_array_unref (g_steal_pointer (&msg));
  g_clear_pointer (&top, g_array_unref);
  g_clear_pointer (&data, g_array_unref);
  msg = md_net_link_msg_new_wwan (7, "wwan12-255", "wwan12", 255);
  top = check_request (msg, RTM_NEWLINK, flags, 7);
  data = check_linkinfo (top, "wwan");
  assert_string (find_attr (top, IFLA_PARENT_DEV_NAME), "wwan12");
  g_assert_cmpuint (attr_u32 (find_attr (data, IFLA_WWAN_LINK_ID)), ==, 255);
}

static void
test_new_vlan (void)
{
  const guint16 flags = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL;
  g_autoptr (GByteArray) msg = md_net_link_msg_new_vlan (9, "wwan0.3", 0x01020304, 3);
  g_autoptr (GArray) top = check_request (msg, RTM_NEWLINK, flags, 9);
  g_autoptr (GArray) data = NULL;

  g_assert_cmpuint (top->len, ==, 3);
  assert_string (find_attr (top, IFLA_IFNAME), "wwan0.3");
  g_assert_cmpuint (attr_u32 (find_attr (top, IFLA_LINK)), ==, 0x01020304);
  data = check_linkinfo (top, "vlan");
  g_assert_cmpuint (data->len, ==, 1);
  g_assert_cmpuint (attr_u16 (find_attr (data, IFLA_VLAN_ID)), ==, 3);
  /* the u16 takes 6 bytes and 2 of padding */
  g_assert_cmpuint (msg->len, ==, 16 + 16 + 12 + 8 + 4 + 12 + 4 + 8);
}

static void
test_new_rmnet (void)
{
  const guint16 flags = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL;
  g_autoptr (GByteArray) msg = md_net_link_msg_new_rmnet (4, "wwan0m2", 7, 2);
  g_autoptr (GArray) top = check_request (msg, RTM_NEWLINK, flags, 4);
  g_autoptr (GArray) data = NULL;
  const Attr *rmnet_flags;
  struct ifla_rmnet_flags value;

  g_assert_cmpuint (top->len, ==, 3);
  assert_string (find_attr (top, IFLA_IFNAME), "wwan0m2");
  g_assert_cmpuint (attr_u32 (find_attr (top, IFLA_LINK)), ==, 7);
  data = check_linkinfo (top, "rmnet");
  g_assert_cmpuint (data->len, ==, 2);
  g_assert_cmpuint (attr_u16 (find_attr (data, IFLA_RMNET_MUX_ID)), ==, 2);
  rmnet_flags = find_attr (data, IFLA_RMNET_FLAGS);
  g_assert_cmpuint (rmnet_flags->len, ==, sizeof value);
  memcpy (&value, rmnet_flags->data, sizeof value);
  g_assert_cmphex (value.flags, ==, RMNET_FLAGS_INGRESS_DEAGGREGATION);
  g_assert_cmphex (value.mask, ==, RMNET_FLAGS_INGRESS_DEAGGREGATION);
}

static void
test_delete (void)
{
  g_autoptr (GByteArray) msg = md_net_link_msg_new_delete (5, "wwan0.3");
  g_autoptr (GArray) top = check_request (msg, RTM_DELLINK, NLM_F_REQUEST | NLM_F_ACK, 5);

  g_assert_cmpuint (top->len, ==, 1);
  assert_string (find_attr (top, IFLA_IFNAME), "wwan0.3");
}

/* Up / down: the same link request with IFF_UP in ifi_change, and in
 * ifi_flags only for up; the rest as every other request. */
static void
test_set_up (void)
{
  for (guint up = 0; up <= 1; up++) {
    g_autoptr (GByteArray) msg = md_net_link_msg_new_set_up (9, "wwan0", up);
    g_autoptr (GByteArray) plain = g_byte_array_new ();
    g_autoptr (GArray) top = NULL;
    struct ifinfomsg ifi;

    memcpy (&ifi, msg->data + NLMSG_HDRLEN, sizeof ifi);
    g_assert_cmphex (ifi.ifi_change, ==, IFF_UP);
    g_assert_cmphex (ifi.ifi_flags, ==, up ? IFF_UP : 0);
    g_byte_array_append (plain, msg->data, msg->len);
    memset (plain->data + NLMSG_HDRLEN, 0, sizeof ifi);
    top = check_request (plain, RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK, 9);
    g_assert_cmpuint (top->len, ==, 1);
    assert_string (find_attr (top, IFLA_IFNAME), "wwan0");
  }
}

static void
test_builder_alignment (void)
{
  g_autoptr (GByteArray) msg = md_nl_msg_new_link_request (RTM_NEWLINK, NLM_F_REQUEST, 1);
  g_autoptr (GArray) top = NULL;
  const guint8 odd[3] = { 1, 2, 3 };
  gsize nest, inner;

  md_nl_msg_put_attr (msg, 100, odd, sizeof odd);
  nest = md_nl_msg_nest_start (msg, 101);
  md_nl_msg_put_string (msg, 1, "a");
  inner = md_nl_msg_nest_start (msg, 2);
  md_nl_msg_nest_end (msg, inner); /* an empty nest */
  md_nl_msg_put_attr (msg, 3, NULL, 0);
  md_nl_msg_nest_end (msg, nest);
  md_nl_msg_put_u16 (msg, 102, 0xbeef);
  top = check_request (msg, RTM_NEWLINK, NLM_F_REQUEST, 1);
  g_assert_cmpuint (top->len, ==, 3);
  g_assert_cmpmem (find_attr (top, 100)->data, find_attr (top, 100)->len, odd, sizeof odd);
  g_assert_cmpuint (attr_u16 (find_attr (top, 102)), ==, 0xbeef);
  {
    const Attr *outer = find_attr (top, 101);
    g_autoptr (GArray) in = NULL;

    g_assert_true (outer->nested);
    in = walk_attrs (outer->data, outer->len);
    g_assert_cmpuint (in->len, ==, 3);
    assert_string (find_attr (in, 1), "a");
    g_assert_true (find_attr (in, 2)->nested);
    g_assert_cmpuint (find_attr (in, 2)->len, ==, 0);
    g_assert_cmpuint (find_attr (in, 3)->len, ==, 0);
  }
}

/* ACKs, laid out as the kernel's netlink_ack() does. */

static void
append_hdr (GByteArray *buf, guint32 len, guint16 type, guint16 flags, guint32 seq)
{
  struct nlmsghdr hdr = { .nlmsg_len = len, .nlmsg_type = type, .nlmsg_flags = flags, .nlmsg_seq = seq };

  g_byte_array_append (buf, (const guint8 *)&hdr, sizeof hdr);
}

static void
append_nla (GByteArray *buf, guint16 type, gconstpointer data, gsize len)
{
  struct nlattr nla = { .nla_len = NLA_HDRLEN + len, .nla_type = type };
  static const guint8 zeros[4] = { 0 };

  g_byte_array_append (buf, (const guint8 *)&nla, sizeof nla);
  g_byte_array_append (buf, data, len);
  g_byte_array_append (buf, zeros, NLA_ALIGN (len) - len);
}

/* request: the message answered; capped: echo only its header; text: an
 * NLMSGERR_ATTR_MSG after an NLMSGERR_ATTR_OFFS, when not NULL. */
static GByteArray *
make_ack (GByteArray *request, int error, gboolean capped, const char *text)
{
  GByteArray *buf = g_byte_array_new ();
  struct nlmsghdr orig;
  guint16 flags = 0;
  gsize echo_len;
  guint32 total;

  memcpy (&orig, request->data, sizeof orig);
  echo_len = capped ? sizeof orig : request->len;
  if (capped)
    flags |= NLM_F_CAPPED;
  if (text)
    flags |= NLM_F_ACK_TLVS;
  append_hdr (buf, 0, NLMSG_ERROR, flags, orig.nlmsg_seq);
  g_byte_array_append (buf, (const guint8 *)&error, sizeof error);
  g_byte_array_append (buf, request->data, echo_len);
  if (text) {
    guint32 offs = 20;

    append_nla (buf, NLMSGERR_ATTR_OFFS, &offs, sizeof offs);
    append_nla (buf, NLMSGERR_ATTR_MSG, text, strlen (text) + 1);
  }
  total = buf->len;
  memcpy (buf->data, &total, sizeof total);
  return buf;
}

static void
assert_ack (GByteArray *buf, guint32 seq, gboolean found, int err, const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *got_text = NULL;
  gboolean got_found = !found;
  int got_err = -1;

  g_assert_true (
    md_net_link_msg_parse_ack (buf->data, buf->len, seq, &got_found, &got_err, &got_text, &error));
  g_assert_no_error (error);
  g_assert_cmpint (got_found, ==, found);
  g_assert_cmpint (got_err, ==, err);
  g_assert_cmpstr (got_text, ==, text);
}

static void
test_parse_ack (void)
{
  g_autoptr (GByteArray) request = md_net_link_msg_new_vlan (77, "eth0.1", 2, 1);
  g_autoptr (GByteArray) buf = NULL;

  /* success: the kernel always caps it */
  buf = make_ack (request, 0, TRUE, NULL);
  assert_ack (buf, 77, TRUE, 0, NULL);
  assert_ack (buf, 78, FALSE, 0, NULL);
  g_byte_array_unref (buf);

  /* errno only */
  buf = make_ack (request, -ENODEV, TRUE, NULL);
  assert_ack (buf, 77, TRUE, ENODEV, NULL);
  g_byte_array_unref (buf);

  /* extended ACK, capped (NETLINK_CAP_ACK) and with the request echoed */
  buf = make_ack (request, -EOPNOTSUPP, TRUE, "Unknown device type");
  assert_ack (buf, 77, TRUE, EOPNOTSUPP, "Unknown device type");
  g_byte_array_unref (buf);
  buf = make_ack (request, -EOPNOTSUPP, FALSE, "Unknown device type");
  assert_ack (buf, 77, TRUE, EOPNOTSUPP, "Unknown device type");
  g_byte_array_unref (buf);

  /* the answer after another message in the same datagram */
  buf = g_byte_array_new ();
  append_hdr (buf, NLMSG_HDRLEN, NLMSG_NOOP, 0, 77);
  {
    g_autoptr (GByteArray) ack = make_ack (request, -EEXIST, TRUE, "File exists");

    g_byte_array_append (buf, ack->data, ack->len);
  }
  assert_ack (buf, 77, TRUE, EEXIST, "File exists");
  g_byte_array_unref (g_steal_pointer (&buf));
}

static void
assert_malformed (const guint8 *data, gsize len)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  gboolean found;
  int err;

  g_assert_false (md_net_link_msg_parse_ack (data, len, 77, &found, &err, &text, &error));
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED);
  g_assert_null (text);
}

static void
test_parse_malformed (void)
{
  g_autoptr (GByteArray) request = md_net_link_msg_new_delete (77, "eth0.1");
  g_autoptr (GByteArray) ack = make_ack (request, -ENODEV, TRUE, "Bad");
  g_autoptr (GByteArray) buf = g_byte_array_new ();
  guint32 len;
  int positive = 5;

  /* the length runs past the datagram */
  assert_malformed (ack->data, ack->len - 4);
  /* shorter than a header */
  append_hdr (buf, 8, NLMSG_ERROR, 0, 77);
  assert_malformed (buf->data, buf->len);
  g_byte_array_set_size (buf, 0);
  /* an error message without its struct nlmsgerr */
  append_hdr (buf, NLMSG_HDRLEN + 4, NLMSG_ERROR, 0, 77);
  g_byte_array_append (buf, (const guint8 *)&positive, sizeof positive);
  assert_malformed (buf->data, buf->len);
  /* a positive error code */
  g_byte_array_set_size (buf, 0);
  g_byte_array_append (buf, ack->data, ack->len);
  memcpy (buf->data + NLMSG_HDRLEN, &positive, sizeof positive);
  assert_malformed (buf->data, buf->len);
  /* a TLV running past the message: the errno stays, the text is dropped */
  g_byte_array_set_size (buf, 0);
  g_byte_array_append (buf, ack->data, ack->len);
  len = buf->len - 4;
  memcpy (buf->data, &len, sizeof len);
  g_byte_array_set_size (buf, len);
  assert_ack (buf, 77, TRUE, ENODEV, NULL);
  /* fewer bytes than a header: nothing there */
  assert_ack (g_byte_array_set_size (buf, 10), 77, FALSE, 0, NULL);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/net-link/msg/new-wwan", test_new_wwan);
  g_test_add_func ("/net-link/msg/new-vlan", test_new_vlan);
  g_test_add_func ("/net-link/msg/delete", test_delete);
  g_test_add_func ("/net-link/msg/new-rmnet", test_new_rmnet);
  g_test_add_func ("/net-link/msg/set-up", test_set_up);
  g_test_add_func ("/net-link/msg/alignment", test_builder_alignment);
  g_test_add_func ("/net-link/msg/ack", test_parse_ack);
  g_test_add_func ("/net-link/msg/ack-malformed", test_parse_malformed);
  return g_test_run ();
}
