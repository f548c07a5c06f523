/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The kernel backend of MdNetLinks: one NETLINK_ROUTE socket per request,
 * the request sent, its ACK awaited with a deadline, the errno and the
 * kernel's extended-ACK text turned into a GError. Message bytes come from
 * md-net-link-msg.c. */
#include "md-net-link-private.h"

#include <errno.h>
#include <net/if.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/netlink.h>

#include "md-errors.h"
#include "md-net-link-msg.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

/* An ACK is small (we cap the echo); room for a few stray messages. */
#define RECV_BUFFER_SIZE 16384

static gint last_seq;

static gboolean
transport_error (GError **error, const char *what, int err)
{
  g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "rtnetlink: %s: %s", what, g_strerror (err));
  return FALSE;
}

static int
open_socket (GError **error)
{
  struct sockaddr_nl local = { .nl_family = AF_NETLINK };
  int one = 1;
  int fd;

  fd = socket (AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
  if (fd < 0) {
    transport_error (error, "cannot open socket", errno);
    return -1;
  }
  /* Both are best effort: without them errors carry only errno, and the
   * whole request comes back with each error. */
  (void)setsockopt (fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof one);
  (void)setsockopt (fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof one);
  if (bind (fd, (struct sockaddr *)&local, sizeof local) < 0) {
    int err = errno;

    close (fd);
    transport_error (error, "cannot bind socket", err);
    return -1;
  }
  return fd;
}

static gboolean
send_request (int fd, GByteArray *request, GError **error)
{
  struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
  ssize_t sent;

  do
    sent = sendto (fd, request->data, request->len, 0, (struct sockaddr *)&kernel, sizeof kernel);
  while (sent < 0 && errno == EINTR);
  if (sent < 0)
    return transport_error (error, "cannot send request", errno);
  if ((gsize)sent != request->len)
    return transport_error (error, "request sent in part", EMSGSIZE);
  return TRUE;
}

static gboolean
wait_ack (int fd, guint32 seq, guint timeout_ms, int *out_errno, char **out_text, GError **error)
{
  g_autofree guint8 *buffer = g_malloc (RECV_BUFFER_SIZE);
  gint64 deadline = g_get_monotonic_time () + (gint64)timeout_ms * 1000;

  for (;;) {
    struct pollfd pfd = { .fd = fd, .events = POLLIN };
    struct sockaddr_nl from = { 0 };
    socklen_t from_len = sizeof from;
    gint64 left_us = deadline - g_get_monotonic_time ();
    gboolean found = FALSE;
    ssize_t got;
    int ready;

    if (left_us <= 0) {
      g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED,
                   "rtnetlink: no answer from the kernel within %u ms", timeout_ms);
      return FALSE;
    }
    ready = poll (&pfd, 1, (int)((left_us + 999) / 1000));
    if (ready < 0 && errno == EINTR)
      continue;
    if (ready < 0)
      return transport_error (error, "cannot wait for the answer", errno);
    if (ready == 0)
      continue;
    got = recvfrom (fd, buffer, RECV_BUFFER_SIZE, MSG_TRUNC | MSG_DONTWAIT, (struct sockaddr *)&from,
                    &from_len);
    if (got < 0 && (errno == EINTR || errno == EAGAIN))
      continue;
    if (got < 0)
      return transport_error (error, "cannot receive the answer", errno);
    if (got > RECV_BUFFER_SIZE)
      return transport_error (error, "answer too long", EMSGSIZE);
    /* Only the kernel (port id 0) may answer. */
    if (from.nl_pid != 0)
      continue;
    if (!md_net_link_msg_parse_ack (buffer, (gsize)got, seq, &found, out_errno, out_text, error))
      return FALSE;
    if (found)
      return TRUE;
  }
}

gboolean
md_net_link_rtnl_transact (GByteArray *request, guint timeout_ms, int *out_errno, char **out_text,
                           GError **error)
{
  guint32 seq;
  gboolean ok;
  int fd;

  g_return_val_if_fail (request->len >= sizeof (struct nlmsghdr), FALSE);
  *out_errno = 0;
  *out_text = NULL;
  seq = (guint32)g_atomic_int_add (&last_seq, 1) + 1;
  memcpy (request->data + G_STRUCT_OFFSET (struct nlmsghdr, nlmsg_seq), &seq, sizeof seq);
  fd = open_socket (error);
  if (fd < 0)
    return FALSE;
  ok = send_request (fd, request, error) && wait_ack (fd, seq, timeout_ms, out_errno, out_text, error);
  close (fd);
  return ok;
}

static gboolean
run (GByteArray *request, const char *what, GError **error)
{
  g_autofree char *text = NULL;
  int err = 0;

  if (!md_net_link_rtnl_transact (request, MD_NET_LINK_TIMEOUT_MS, &err, &text, error)) {
    g_prefix_error (error, "%s: ", what);
    return FALSE;
  }
  if (err != 0) {
    md_net_link_set_kernel_error (error, err, text, what);
    return FALSE;
  }
  return TRUE;
}

static gboolean
rtnl_add (MdNetLinks *links, MdNetLinkInfo *link, GError **error)
{
  g_autofree char *what = g_strdup_printf (
    "Cannot add %s link %s on %s", md_net_link_kind_to_string (link->kind), link->ifname, link->parent);
  g_autoptr (GByteArray) request = NULL;
  unsigned int parent_index;

  switch (link->kind) {
  case MD_NET_LINK_KIND_QMIWWAN: return md_net_link_qmiwwan_add (links, link, error);
  case MD_NET_LINK_KIND_WWAN:
    request = md_net_link_msg_new_wwan (0, link->ifname, link->parent, link->session_id);
    break;
  case MD_NET_LINK_KIND_VLAN:
  case MD_NET_LINK_KIND_RMNET:
    /* VLAN and rmnet name their parent by index; look it up in our own
     * namespace. */
    parent_index = if_nametoindex (link->parent);
    if (parent_index == 0) {
      int err = errno;

      if (err == ENODEV || err == ENXIO)
        md_net_link_set_kernel_error (error, ENODEV, "no such network interface", what);
      else
        md_net_link_set_kernel_error (error, err, NULL, what);
      return FALSE;
    }
    if (link->kind == MD_NET_LINK_KIND_RMNET)
      request = md_net_link_msg_new_rmnet (0, link->ifname, parent_index, (guint16)link->session_id);
    else
      request = md_net_link_msg_new_vlan (0, link->ifname, parent_index, (guint16)link->session_id);
    break;
  }
  if (!request) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS, "%s: unknown link kind", what);
    return FALSE;
  }
  return run (request, what, error);
}

/* qmi_wwan's links have no rtnl ops: the kernel would refuse RTM_DELLINK. */
static gboolean
rtnl_delete (MdNetLinks *links, const char *ifname, const MdNetLinkInfo *known, GError **error)
{
  g_autofree char *what = NULL;
  g_autoptr (GByteArray) request = NULL;

  if ((known && known->kind == MD_NET_LINK_KIND_QMIWWAN)
      || (!known && md_net_link_qmiwwan_lookup (md_net_links_get_sysfs_root (links), ifname, NULL, NULL)))
    return md_net_link_qmiwwan_delete (links, ifname, known, error);
  what = g_strdup_printf ("Cannot delete link %s", ifname);
  request = md_net_link_msg_new_delete (0, ifname);
  return run (request, what, error);
}

static gboolean
rtnl_set_up (MdNetLinks *links, const char *ifname, gboolean up, GError **error)
{
  g_autofree char *what = g_strdup_printf ("Cannot set link %s %s", ifname, up ? "up" : "down");
  g_autoptr (GByteArray) request = md_net_link_msg_new_set_up (0, ifname, up);

  return run (request, what, error);
}

static const MdNetLinksBackend rtnl_backend = {
  .name = "rtnetlink",
  .add = rtnl_add,
  .delete = rtnl_delete,
  .set_up = rtnl_set_up,
};

MdNetLinks *
md_net_links_new_rtnetlink (void)
{
  return md_net_links_new_with_backend (&rtnl_backend, NULL);
}
