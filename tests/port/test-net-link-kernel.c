/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The rtnetlink backend against the running kernel, each test in a fresh
 * network namespace of its own (root only; skipped otherwise). Kernels
 * without the vlan or wwan link types are expected: the test then checks
 * that the error is clear and carries the kernel's reason. */
#include <errno.h>
#include <net/if.h>
#include <sched.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/if_link.h>
#include <linux/veth.h>

#include "md-errors.h"
#include "md-log.h"
#include "md-net-link-msg.h"
#include "md-net-link-private.h"

static gboolean
enter_new_netns (void)
{
  if (geteuid () != 0) {
    g_test_skip ("needs root for a network namespace of its own");
    return FALSE;
  }
  if (unshare (CLONE_NEWNET) < 0) {
    g_autofree char *why = g_strdup_printf ("unshare(CLONE_NEWNET) failed: %s", g_strerror (errno));

    g_test_skip (why);
    return FALSE;
  }
  return TRUE;
}

/* ip link add name peer type veth peer name peer_peer, by hand. */
static void
add_veth_pair (const char *name, const char *peer)
{
  g_autoptr (GByteArray) msg
    = md_nl_msg_new_link_request (RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, 0);
  const struct ifinfomsg peer_ifi = { .ifi_family = AF_UNSPEC };
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  gsize info, data, peer_nest;
  int err = -1;

  md_nl_msg_put_string (msg, IFLA_IFNAME, name);
  info = md_nl_msg_nest_start (msg, IFLA_LINKINFO);
  md_nl_msg_put_string (msg, IFLA_INFO_KIND, "veth");
  data = md_nl_msg_nest_start (msg, IFLA_INFO_DATA);
  /* VETH_INFO_PEER holds a struct ifinfomsg, then the peer's attributes */
  peer_nest = md_nl_msg_nest_start (msg, VETH_INFO_PEER);
  g_byte_array_append (msg, (const guint8 *)&peer_ifi, sizeof peer_ifi);
  md_nl_msg_put_string (msg, IFLA_IFNAME, peer);
  md_nl_msg_nest_end (msg, peer_nest);
  md_nl_msg_nest_end (msg, data);
  md_nl_msg_nest_end (msg, info);

  g_assert_true (md_net_link_rtnl_transact (msg, MD_NET_LINK_TIMEOUT_MS, &err, &text, &error));
  g_assert_no_error (error);
  if (err != 0)
    g_error ("cannot add veth pair %s/%s: %s (%s)", name, peer, text ? text : "", g_strerror (err));
  g_assert_cmpuint (if_nametoindex (name), !=, 0);
  g_assert_cmpuint (if_nametoindex (peer), !=, 0);
}

static void
test_missing_parent (void)
{
  g_autoptr (MdNetLinks) links = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *ifname = NULL;
  g_autoptr (GPtrArray) created = NULL;

  if (!enter_new_netns ())
    return;
  links = md_net_links_new_rtnetlink ();

  g_assert_false (
    md_net_links_add_session_link (links, MD_NET_LINK_KIND_VLAN, "nosuch0", 1, &ifname, &error));
  g_test_message ("vlan on a missing parent: %s", error->message);
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "nosuch0.1"));
  g_assert_nonnull (strstr (error->message, "nosuch0"));
  g_assert_null (ifname);
  g_clear_error (&error);

  /* no wwan device here: either the kernel lacks the wwan type or it finds
   * no such device; the kernel's words are in the message either way */
  g_assert_false (md_net_links_add_session_link (links, MD_NET_LINK_KIND_WWAN, "wwan9", 1, &ifname, &error));
  g_test_message ("wwan link on a missing device: %s", error->message);
  g_assert_nonnull (error);
  g_assert_true (error->domain == MD_CORE_ERROR);
  g_assert_true (error->code == MD_CORE_ERROR_UNSUPPORTED || error->code == MD_CORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "wwan9-1"));
  g_assert_null (ifname);

  created = md_net_links_list_created (links);
  g_assert_cmpuint (created->len, ==, 0);
}

static void
test_vlan_on_veth (void)
{
  g_autoptr (MdNetLinks) links = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *ifname = NULL;
  g_autoptr (GPtrArray) created = NULL;

  if (!enter_new_netns ())
    return;
  add_veth_pair ("mdveth0", "mdveth1");
  links = md_net_links_new_rtnetlink ();

  if (!md_net_links_add_session_link (links, MD_NET_LINK_KIND_VLAN, "mdveth0", 5, &ifname, &error)) {
    /* this kernel has no vlan type (modprobe 8021q would fix that) */
    g_test_message ("vlan unsupported: %s", error->message);
    g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED);
    g_assert_nonnull (strstr (error->message, "mdveth0.5"));
    g_assert_nonnull (strstr (error->message, "Unknown device type"));
    created = md_net_links_list_created (links);
    g_assert_cmpuint (created->len, ==, 0);
    return;
  }
  g_assert_no_error (error);
  g_assert_cmpstr (ifname, ==, "mdveth0.5");
  g_assert_cmpuint (if_nametoindex ("mdveth0.5"), !=, 0);
  created = md_net_links_list_created (links);
  g_assert_cmpuint (created->len, ==, 1);
  g_clear_pointer (&created, g_ptr_array_unref);

  /* the same session twice */
  g_assert_false (md_net_links_add_session_link (links, MD_NET_LINK_KIND_VLAN, "mdveth0", 5, NULL, &error));
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_EXISTS);
  g_clear_error (&error);

  g_assert_true (md_net_links_delete_all_created (links, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (if_nametoindex ("mdveth0.5"), ==, 0);
  created = md_net_links_list_created (links);
  g_assert_cmpuint (created->len, ==, 0);
}

static void
test_delete (void)
{
  g_autoptr (MdNetLinks) links = NULL;
  g_autoptr (GError) error = NULL;

  if (!enter_new_netns ())
    return;
  add_veth_pair ("mdveth2", "mdveth3");
  links = md_net_links_new_rtnetlink ();

  g_assert_true (md_net_links_delete (links, "mdveth2", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (if_nametoindex ("mdveth2"), ==, 0);
  g_assert_cmpuint (if_nametoindex ("mdveth3"), ==, 0); /* a veth goes in pairs */

  g_assert_false (md_net_links_delete (links, "mdveth2", &error));
  g_test_message ("deleting again: %s", error->message);
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "mdveth2"));
  g_clear_error (&error);

  /* nothing created: nothing to do */
  g_assert_true (md_net_links_delete_all_created (links, &error));
  g_assert_no_error (error);
}

static gboolean
link_is_up (const char *ifname)
{
  struct ifreq request = { 0 };
  int fd = socket (AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

  g_assert_cmpint (fd, >=, 0);
  g_strlcpy (request.ifr_name, ifname, sizeof request.ifr_name);
  g_assert_cmpint (ioctl (fd, SIOCGIFFLAGS, &request), ==, 0);
  close (fd);
  return (request.ifr_flags & IFF_UP) != 0;
}

static void
test_set_up (void)
{
  g_autoptr (MdNetLinks) links = NULL;
  g_autoptr (GError) error = NULL;

  if (!enter_new_netns ())
    return;
  add_veth_pair ("mdveth4", "mdveth5");
  links = md_net_links_new_rtnetlink ();
  g_assert_true (md_net_links_set_up (links, "mdveth4", TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (link_is_up ("mdveth4"));
  g_assert_true (md_net_links_set_up (links, "mdveth4", FALSE, &error));
  g_assert_false (link_is_up ("mdveth4"));
  g_assert_false (md_net_links_set_up (links, "mdnosuch0", FALSE, &error));
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_NOT_FOUND);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  md_log_set_level (MD_LOG_LEVEL_DEBUG);
  g_test_add_func ("/net-link/kernel/missing-parent", test_missing_parent);
  g_test_add_func ("/net-link/kernel/vlan-on-veth", test_vlan_on_veth);
  g_test_add_func ("/net-link/kernel/delete", test_delete);
  g_test_add_func ("/net-link/kernel/set-up", test_set_up);
  return g_test_run ();
}
