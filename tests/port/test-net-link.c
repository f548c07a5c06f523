/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The net-link layer without a kernel: link names, the fake backend (add,
 * refusals, delete, delete-all, the created list) and the choice of link
 * kind from a fake sysfs tree in a temporary folder. */
#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "md-errors.h"
#include "md-log.h"
#include "md-net-link.h"
#include "sysfs-tree.h"

static void
test_names (void)
{
  static const struct {
    MdNetLinkKind kind;
    const char *parent;
    guint session;
    const char *name; /* NULL: INVALID_ARGS */
  } cases[] = {
    { MD_NET_LINK_KIND_VLAN, "wwan0", 1, "wwan0.1" },
    { MD_NET_LINK_KIND_WWAN, "wwan0", 1, "wwan0-1" },
    { MD_NET_LINK_KIND_RMNET, "wwan0", 3, "wwan0m3" },
    { MD_NET_LINK_KIND_RMNET, "abcdefghijklm", 1, "abcdefghijklmm1" },
    { MD_NET_LINK_KIND_RMNET, "abcdefghijklm", 10, NULL },
    { MD_NET_LINK_KIND_VLAN, "wwp0s20f0u2i12", 7, NULL },             /* 16 characters */
    { MD_NET_LINK_KIND_VLAN, "wwp0s20f0u2i1", 7, "wwp0s20f0u2i1.7" }, /* exactly 15 */
    { MD_NET_LINK_KIND_WWAN, "abcdefghijklm", 10, NULL },
    { MD_NET_LINK_KIND_WWAN, "abcdefghijk", 255, "abcdefghijk-255" },
    { MD_NET_LINK_KIND_VLAN, "wwan0", 0, NULL },   /* session 0 is the main interface */
    { MD_NET_LINK_KIND_VLAN, "wwan0", 256, NULL }, /* a DSS session for cdc_mbim */
    { MD_NET_LINK_KIND_VLAN, "", 1, NULL },
    { MD_NET_LINK_KIND_VLAN, "a/b", 1, NULL },
    { MD_NET_LINK_KIND_VLAN, "a:b", 1, NULL },
    { MD_NET_LINK_KIND_VLAN, "a b", 1, NULL },
    { MD_NET_LINK_KIND_VLAN, "..", 1, NULL },
    { MD_NET_LINK_KIND_VLAN, "wwan0123456789abc", 1, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;
    g_autofree char *name
      = md_net_link_name_for_session (cases[i].kind, cases[i].parent, cases[i].session, &error);

    g_assert_cmpstr (name, ==, cases[i].name);
    if (cases[i].name)
      g_assert_no_error (error);
    else
      g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS);
  }
  g_assert_cmpstr (md_net_link_kind_to_string (MD_NET_LINK_KIND_VLAN), ==, "vlan");
  g_assert_cmpstr (md_net_link_kind_to_string (MD_NET_LINK_KIND_WWAN), ==, "wwan");
}

static void
assert_created (MdNetLinks *links, const char *const *names)
{
  g_autoptr (GPtrArray) list = md_net_links_list_created (links);

  g_assert_cmpuint (list->len, ==, g_strv_length ((char **)names));
  for (guint i = 0; i < list->len; i++) {
    const MdNetLinkInfo *info = g_ptr_array_index (list, i);

    g_assert_cmpstr (info->ifname, ==, names[i]);
    g_assert_nonnull (md_net_links_fake_lookup (links, info->ifname));
  }
}

static void
test_fake_add (void)
{
  g_autoptr (MdNetLinks) links = md_net_links_new_fake ();
  g_autoptr (GError) error = NULL;
  g_autofree char *ifname = NULL;
  const MdNetLinkInfo *info;

  /* unknown parent */
  g_assert_false (md_net_links_add_session_link (links, MD_NET_LINK_KIND_VLAN, "wwan0", 1, &ifname, &error));
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "wwan0"));
  g_assert_null (ifname);
  g_clear_error (&error);

  md_net_links_fake_add_parent (links, "wwan0");
  md_net_links_fake_add_parent (links, "wwan1");
  g_assert_true (md_net_links_add_session_link (links, MD_NET_LINK_KIND_VLAN, "wwan0", 1, &ifname, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ifname, ==, "wwan0.1");
  info = md_net_links_fake_lookup (links, "wwan0.1");
  g_assert_nonnull (info);
  g_assert_cmpstr (info->ifname, ==, "wwan0.1");
  g_assert_cmpint (info->kind, ==, MD_NET_LINK_KIND_VLAN);
  g_assert_cmpstr (info->parent, ==, "wwan0");
  g_assert_cmpuint (info->session_id, ==, 1);
  g_assert_null (md_net_links_fake_lookup (links, "wwan0"));

  /* the same session again */
  g_clear_pointer (&ifname, g_free);
  g_assert_false (md_net_links_add_session_link (links, MD_NET_LINK_KIND_VLAN, "wwan0", 1, &ifname, &error));
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "wwan0.1"));
  g_assert_null (ifname);
  g_clear_error (&error);

  /* a WWAN link; out_ifname may be NULL */
  g_assert_true (md_net_links_add_session_link (links, MD_NET_LINK_KIND_WWAN, "wwan1", 2, NULL, &error));
  g_assert_no_error (error);
  info = md_net_links_fake_lookup (links, "wwan1-2");
  g_assert_nonnull (info);
  g_assert_cmpint (info->kind, ==, MD_NET_LINK_KIND_WWAN);
  g_assert_cmpstr (info->parent, ==, "wwan1");
  g_assert_cmpuint (info->session_id, ==, 2);

  /* a name taken by an existing interface */
  md_net_links_fake_add_parent (links, "wwan0.3");
  g_assert_false (md_net_links_add_session_link (links, MD_NET_LINK_KIND_VLAN, "wwan0", 3, NULL, &error));
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_EXISTS);
  g_clear_error (&error);

  /* too long a name: nothing is created */
  md_net_links_fake_add_parent (links, "wwp0s20f0u2i12");
  g_assert_false (
    md_net_links_add_session_link (links, MD_NET_LINK_KIND_VLAN, "wwp0s20f0u2i12", 12, NULL, &error));
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS);
  g_assert_nonnull (strstr (error->message, "15"));
  g_clear_error (&error);
  g_assert_false (md_net_links_add_session_link (links, MD_NET_LINK_KIND_VLAN, "wwan0", 0, NULL, &error));
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS);
  g_clear_error (&error);

  assert_created (links, (const char *const[]){ "wwan0.1", "wwan1-2", NULL });
}

static void
test_fake_delete (void)
{
  g_autoptr (MdNetLinks) links = md_net_links_new_fake ();
  g_autoptr (MdNetLinks) other = NULL;
  g_autoptr (GError) error = NULL;

  md_net_links_fake_add_parent (links, "wwan0");
  for (guint session = 1; session <= 3; session++)
    g_assert_true (
      md_net_links_add_session_link (links, MD_NET_LINK_KIND_VLAN, "wwan0", session, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (md_net_links_delete (links, "wwan0.2", &error));
  g_assert_no_error (error);
  g_assert_null (md_net_links_fake_lookup (links, "wwan0.2"));
  assert_created (links, (const char *const[]){ "wwan0.1", "wwan0.3", NULL });

  /* gone already */
  g_assert_false (md_net_links_delete (links, "wwan0.2", &error));
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "wwan0.2"));
  g_clear_error (&error);
  g_assert_false (md_net_links_delete (links, "bad/name", &error));
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS);
  g_clear_error (&error);

  /* the session can be set up again */
  g_assert_true (md_net_links_add_session_link (links, MD_NET_LINK_KIND_VLAN, "wwan0", 2, NULL, &error));
  g_assert_no_error (error);
  assert_created (links, (const char *const[]){ "wwan0.1", "wwan0.3", "wwan0.2", NULL });

  /* a reference held elsewhere keeps the object */
  other = md_net_links_ref (links);
  g_assert_true (md_net_links_delete_all_created (other, &error));
  g_assert_no_error (error);
  assert_created (links, (const char *const[]){ NULL });
  g_assert_null (md_net_links_fake_lookup (links, "wwan0.1"));
  g_assert_null (md_net_links_fake_lookup (links, "wwan0.2"));
  g_assert_null (md_net_links_fake_lookup (links, "wwan0.3"));

  /* nothing left: still fine */
  g_assert_true (md_net_links_delete_all_created (links, &error));
  g_assert_no_error (error);
}

/* Links dropped with the object are not deleted, and objects do not share
 * fake kernels. */
static void
test_fake_separate (void)
{
  g_autoptr (MdNetLinks) a = md_net_links_new_fake ();
  g_autoptr (MdNetLinks) b = md_net_links_new_fake ();
  g_autoptr (GError) error = NULL;

  md_net_links_fake_add_parent (a, "wwan0");
  g_assert_true (md_net_links_add_session_link (a, MD_NET_LINK_KIND_WWAN, "wwan0", 4, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (md_net_links_fake_lookup (b, "wwan0-4"));
  g_assert_false (md_net_links_delete (b, "wwan0-4", &error));
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_NOT_FOUND);
}

#define USB_IF   "devices/pci0000:00/0000:00:14.0/usb2/2-1/2-1:1.12"
#define PCI_WWAN "devices/pci0000:00/0000:00:1c.0/0000:03:00.0/wwan/wwan0"
#define PCI_ETH  "devices/pci0000:00/0000:00:1f.6"

static char *
make_tree (void)
{
  g_autoptr (GError) error = NULL;
  char *root = g_dir_make_tmp ("md-net-link-XXXXXX", &error);

  g_assert_no_error (error);
  sysfs_tree_dir (root, "bus/usb/drivers/cdc_mbim");
  sysfs_tree_dir (root, "bus/pci/drivers/e1000e");
  sysfs_tree_dir (root, "class/wwan");

  /* USB cdc_mbim: net/wwan0 -> the USB interface, whose driver is cdc_mbim;
   * usbnet marks the netdev DEVTYPE=wwan, which must not matter */
  sysfs_tree_dir (root, USB_IF "/net/wwan0");
  sysfs_tree_file (root, USB_IF "/net/wwan0/uevent", "INTERFACE=wwan0\nIFINDEX=3\nDEVTYPE=wwan\n");
  sysfs_tree_link (root, USB_IF "/net/wwan0/device", USB_IF);
  sysfs_tree_link (root, USB_IF "/driver", "bus/usb/drivers/cdc_mbim");
  sysfs_tree_link (root, USB_IF "/subsystem", "bus/usb");
  sysfs_tree_link (root, "class/net/wwan0", USB_IF "/net/wwan0");

  /* PCIe MHI/IOSM: the wwan device wwan0 (class wwan, no driver) and its
   * netdev, here named wwan3 to tell the two names apart */
  sysfs_tree_dir (root, PCI_WWAN "/net/wwan3");
  sysfs_tree_file (root, PCI_WWAN "/net/wwan3/uevent", "INTERFACE=wwan3\nIFINDEX=5\nDEVTYPE=wwan\n");
  sysfs_tree_link (root, PCI_WWAN "/net/wwan3/device", PCI_WWAN);
  sysfs_tree_link (root, PCI_WWAN "/subsystem", "class/wwan");
  sysfs_tree_link (root, "class/wwan/wwan0", PCI_WWAN);
  sysfs_tree_link (root, "class/net/wwan3", PCI_WWAN "/net/wwan3");

  /* the same without a subsystem link: found through class/wwan */
  sysfs_tree_dir (root, "devices/virtual/wwan/wwan1/net/wwan4");
  sysfs_tree_link (root, "devices/virtual/wwan/wwan1/net/wwan4/device", "devices/virtual/wwan/wwan1");
  sysfs_tree_link (root, "class/wwan/wwan1", "devices/virtual/wwan/wwan1");
  sysfs_tree_link (root, "class/net/wwan4", "devices/virtual/wwan/wwan1/net/wwan4");

  /* a PCI ethernet card */
  sysfs_tree_dir (root, PCI_ETH "/net/eth0");
  sysfs_tree_link (root, PCI_ETH "/net/eth0/device", PCI_ETH);
  sysfs_tree_link (root, PCI_ETH "/driver", "bus/pci/drivers/e1000e");
  sysfs_tree_link (root, PCI_ETH "/subsystem", "bus/pci");
  sysfs_tree_link (root, "class/net/eth0", PCI_ETH "/net/eth0");

  /* a virtual interface: no device link */
  sysfs_tree_dir (root, "devices/virtual/net/lo");
  sysfs_tree_link (root, "class/net/lo", "devices/virtual/net/lo");
  return root;
}

static void
test_kind_for_parent (void)
{
  g_autofree char *root = make_tree ();
  static const struct {
    const char *ifname;
    MdNetLinkKind kind;
    const char *wwan_device;
  } cases[] = {
    { "wwan0", MD_NET_LINK_KIND_VLAN, NULL },    { "wwan3", MD_NET_LINK_KIND_WWAN, "wwan0" },
    { "wwan4", MD_NET_LINK_KIND_WWAN, "wwan1" }, { "eth0", MD_NET_LINK_KIND_VLAN, NULL },
    { "lo", MD_NET_LINK_KIND_VLAN, NULL },       { "nosuch0", MD_NET_LINK_KIND_VLAN, NULL },
    { "../wwan3", MD_NET_LINK_KIND_VLAN, NULL }, { "", MD_NET_LINK_KIND_VLAN, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autofree char *device = md_net_link_wwan_device_for_netdev (root, cases[i].ifname);

    g_test_message ("%s", cases[i].ifname);
    g_assert_cmpint (md_net_link_kind_for_parent (root, cases[i].ifname), ==, cases[i].kind);
    g_assert_cmpstr (device, ==, cases[i].wwan_device);
  }
  sysfs_tree_remove (root);
}

static void
test_fake_set_up (void)
{
  g_autoptr (MdNetLinks) links = md_net_links_new_fake ();
  g_autoptr (GError) error = NULL;

  md_net_links_fake_add_parent (links, "wwan0");
  g_assert_false (md_net_links_fake_is_up (links, "wwan0"));
  g_assert_true (md_net_links_set_up (links, "wwan0", TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (md_net_links_fake_is_up (links, "wwan0"));
  g_assert_true (md_net_links_set_up (links, "wwan0", FALSE, &error));
  g_assert_false (md_net_links_fake_is_up (links, "wwan0"));
  g_assert_false (md_net_links_set_up (links, "nosuch0", TRUE, &error));
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (md_net_links_set_up (links, "../x", TRUE, &error));
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS);
}

/* The sysfs writer writes an attribute that exists and creates none: an
 * absent attribute is the kernel's "no such switch". */
static void
test_write_sysfs (void)
{
  g_autofree char *root = g_dir_make_tmp ("md-net-link-XXXXXX", NULL);
  g_autoptr (MdNetLinks) links = md_net_links_new_fake ();
  g_autoptr (GError) error = NULL;
  g_autofree char *present = sysfs_tree_path (root, "class/net/wwan0/qmi/raw_ip");
  g_autofree char *absent = sysfs_tree_path (root, "class/net/wwan0/qmi/pass_through");
  g_autofree char *contents = NULL;

  sysfs_tree_file (root, "class/net/wwan0/qmi/raw_ip", "N\n");
  g_assert_true (md_net_links_write_sysfs (links, present, "Y", &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (present, &contents, NULL, NULL));
  g_assert_cmpstr (g_strstrip (contents), ==, "Y");

  g_assert_false (md_net_links_write_sysfs (links, absent, "N", &error));
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (absent, G_FILE_TEST_EXISTS));
  sysfs_tree_remove (root);
}

/* qmi_wwan's raw_ip switch in a fake sysfs: read, written only when it
 * differs (with the interface set down first), refused without the file. */
static void
test_qmi_raw_ip (void)
{
  g_autofree char *root = g_dir_make_tmp ("md-net-link-XXXXXX", NULL);
  g_autoptr (MdNetLinks) links = md_net_links_new_fake ();
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *path = NULL;
  gboolean raw_ip = TRUE;

  sysfs_tree_dir (root, "class/net/wwan0/qmi");
  sysfs_tree_dir (root, "class/net/eth0");
  sysfs_tree_file (root, "class/net/wwan0/qmi/raw_ip", "N\n");
  md_net_links_fake_add_parent (links, "wwan0");
  g_assert_true (md_net_links_set_up (links, "wwan0", TRUE, &error));
  g_assert_true (md_net_link_qmi_get_raw_ip (root, "wwan0", &raw_ip, &error));
  g_assert_no_error (error);
  g_assert_false (raw_ip);

  g_assert_true (md_net_link_qmi_set_raw_ip (links, root, "wwan0", TRUE, &error));
  g_assert_no_error (error);
  path = sysfs_tree_path (root, "class/net/wwan0/qmi/raw_ip");
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (g_strstrip (contents), ==, "Y");
  g_assert_false (md_net_links_fake_is_up (links, "wwan0"));

  /* Already raw IP: nothing written, the interface left as it is. */
  g_assert_true (md_net_links_set_up (links, "wwan0", TRUE, &error));
  g_assert_true (md_net_link_qmi_set_raw_ip (links, root, "wwan0", TRUE, &error));
  g_assert_true (md_net_links_fake_is_up (links, "wwan0"));

  g_assert_false (md_net_link_qmi_get_raw_ip (root, "eth0", &raw_ip, &error));
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (md_net_link_qmi_set_raw_ip (links, root, "eth0", TRUE, &error));
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  sysfs_tree_file (root, "class/net/wwan0/qmi/raw_ip", "maybe");
  g_assert_false (md_net_link_qmi_get_raw_ip (root, "wwan0", &raw_ip, &error));
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_false (md_net_link_qmi_get_raw_ip (root, "../wwan0", &raw_ip, &error));
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS);
  sysfs_tree_remove (root);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  md_log_set_level (MD_LOG_LEVEL_DEBUG);
  g_test_add_func ("/net-link/names", test_names);
  g_test_add_func ("/net-link/fake/add", test_fake_add);
  g_test_add_func ("/net-link/fake/delete", test_fake_delete);
  g_test_add_func ("/net-link/fake/separate", test_fake_separate);
  g_test_add_func ("/net-link/kind-for-parent", test_kind_for_parent);
  g_test_add_func ("/net-link/fake/set-up", test_fake_set_up);
  g_test_add_func ("/net-link/write-sysfs", test_write_sysfs);
  g_test_add_func ("/net-link/qmi-raw-ip", test_qmi_raw_ip);
  return g_test_run ();
}
