/* SPDX-License-Identifier: GPL-2.0-or-later */
/* qmi_wwan's own mux links and a QMI interface's data endpoint, read from
 * a sysfs tree in a temporary folder. The kernel backend writes add_mux /
 * del_mux through a writer this test installs, which plays qmi_wwan: it
 * records the write and makes or removes the "qmimux<K>" folder with its
 * upper_/lower_ links and qmap/mux_id, as the driver does. */
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "md-errors.h"
#include "md-log.h"
#include "md-net-link.h"
#include "sysfs-tree.h"

typedef struct {
  char *root;
  GPtrArray *writes;   /* "<path below root>=<value>" */
  gboolean old_kernel; /* no qmap/mux_id (before Linux 5.12) */
  gboolean lazy;       /* takes the write, makes nothing */
} Kernel;

/* What qmi_wwan's qmimux_register_device leaves in sysfs. */
static void
kernel_add_mux (Kernel *kernel, const char *parent, guint mux_id)
{
  g_autofree char *name = NULL;
  g_autofree char *upper = NULL;
  g_autofree char *lower = NULL;
  g_autofree char *id = NULL;
  g_autofree char *target = NULL;

  for (guint k = 0;; k++) {
    g_autofree char *candidate = g_strdup_printf ("class/net/qmimux%u", k);
    g_autofree char *full = sysfs_tree_path (kernel->root, candidate);

    if (!g_file_test (full, G_FILE_TEST_EXISTS)) {
      name = g_strdup_printf ("qmimux%u", k);
      break;
    }
  }
  sysfs_tree_dir (kernel->root, (target = g_strdup_printf ("class/net/%s", name)));
  upper = g_strdup_printf ("class/net/%s/upper_%s", parent, name);
  sysfs_tree_link (kernel->root, upper, target);
  lower = g_strdup_printf ("class/net/%s/lower_%s", name, parent);
  g_free (target);
  sysfs_tree_link (kernel->root, lower, (target = g_strdup_printf ("class/net/%s", parent)));
  if (!kernel->old_kernel) {
    id = g_strdup_printf ("0x%02x\n", mux_id);
    g_free (target);
    sysfs_tree_file (kernel->root, (target = g_strdup_printf ("class/net/%s/qmap/mux_id", name)), id);
  }
}

static void
kernel_del_mux (Kernel *kernel, const char *parent, guint mux_id)
{
  g_autofree char *folder = sysfs_tree_path (kernel->root, "class/net");
  g_autoptr (GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir))) {
    g_autofree char *id_path = g_strdup_printf ("%s/%s/qmap/mux_id", folder, name);
    g_autofree char *id = NULL;
    g_autofree char *upper = NULL;
    g_autofree char *link = NULL;

    if (!g_file_get_contents (id_path, &id, NULL, NULL) || strtoul (id, NULL, 16) != mux_id)
      continue;
    upper = g_strdup_printf ("%s/%s/upper_%s", folder, parent, name);
    g_assert_cmpint (g_remove (upper), ==, 0);
    link = g_strdup_printf ("%s/%s", folder, name);
    sysfs_tree_remove (link);
    return;
  }
}

static gboolean
kernel_write (const char *path, const char *value, gpointer user_data, GError **error)
{
  Kernel *kernel = user_data;
  const char *below = path + strlen (kernel->root) + 1;
  g_auto (GStrv) parts = NULL;

  g_assert_true (g_str_has_prefix (path, kernel->root));
  g_ptr_array_add (kernel->writes, g_strdup_printf ("%s=%s", below, value));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR)); /* attributes exist */
  parts = g_strsplit (below, "/", -1);
  g_assert_cmpuint (g_strv_length (parts), ==, 5); /* class/net/<if>/qmi/<attr> */
  if (kernel->lazy)
    return TRUE;
  if (g_str_equal (parts[4], "add_mux"))
    kernel_add_mux (kernel, parts[2], (guint)strtoul (value, NULL, 0));
  else if (g_str_equal (parts[4], "del_mux"))
    kernel_del_mux (kernel, parts[2], (guint)strtoul (value, NULL, 0));
  else
    g_assert_true (g_file_set_contents (path, value, -1, NULL)); /* a switch shows its value */
  return TRUE;
}

/* A qmi_wwan interface wwan0 (and eth0, no qmi_wwan) in a fresh tree. */
static Kernel *
kernel_new (void)
{
  Kernel *kernel = g_new0 (Kernel, 1);

  kernel->root = g_dir_make_tmp ("md-qmiwwan-XXXXXX", NULL);
  kernel->writes = g_ptr_array_new_with_free_func (g_free);
  sysfs_tree_file (kernel->root, "class/net/wwan0/qmi/add_mux", "");
  sysfs_tree_file (kernel->root, "class/net/wwan0/qmi/del_mux", "");
  sysfs_tree_file (kernel->root, "class/net/wwan0/qmi/raw_ip", "Y\n");
  sysfs_tree_file (kernel->root, "class/net/wwan0/qmi/pass_through", "Y\n");
  sysfs_tree_dir (kernel->root, "class/net/eth0");
  return kernel;
}

static void
kernel_free (Kernel *kernel)
{
  sysfs_tree_remove (kernel->root);
  g_free (kernel->root);
  g_ptr_array_unref (kernel->writes);
  g_free (kernel);
}

static MdNetLinks *
links_on (Kernel *kernel)
{
  MdNetLinks *links = md_net_links_new_rtnetlink ();

  md_net_links_set_sysfs_root (links, kernel->root);
  md_net_links_set_sysfs_writer (links, kernel_write, kernel);
  return links;
}

static void
assert_writes (Kernel *kernel, const char *const *expected)
{
  g_assert_cmpuint (kernel->writes->len, ==, g_strv_length ((char **)expected));
  for (guint i = 0; i < kernel->writes->len; i++)
    g_assert_cmpstr (g_ptr_array_index (kernel->writes, i), ==, expected[i]);
}

static void
test_parse_mux_id (void)
{
  static const struct {
    const char *text;
    guint mux_id; /* 0: refused */
  } cases[] = {
    { "0x01\n", 1 },
    { "0x7f\n", 127 },
    { "0xfe", 254 },
    { "0xFF\n", 255 },
    { "12", 12 },
    { " 3 \n", 3 },
    { "0x00\n", 0 },
    { "0", 0 },
    { "256", 0 },
    { "0x100", 0 },
    { "", 0 },
    { "\n", 0 },
    { "0x", 0 },
    { "-1", 0 },
    { "+1", 0 },
    { "1a", 0 },
    { "0x1g", 0 },
    { "1 2", 0 },
    { "0x0000000000000001", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    guint mux_id = 0;
    gboolean ok = md_net_link_parse_mux_id (cases[i].text, strlen (cases[i].text), &mux_id);

    g_assert_cmpint (ok, ==, cases[i].mux_id != 0);
    if (ok)
      g_assert_cmpuint (mux_id, ==, cases[i].mux_id);
  }
  /* A NUL inside the bytes is no mux id. */
  g_assert_false (md_net_link_parse_mux_id ("1\0"
                                            "2",
                                            3, &(guint){ 0 }));
}

/* The kind is read once per parent: a later change in sysfs is not seen. */
static void
test_mux_kind (void)
{
  Kernel *kernel = kernel_new ();
  g_autoptr (MdNetLinks) links = links_on (kernel);
  g_autofree char *add_mux = sysfs_tree_path (kernel->root, "class/net/wwan0/qmi/add_mux");

  g_assert_cmpint (md_net_links_qmi_mux_kind (links, "wwan0"), ==, MD_NET_LINK_KIND_QMIWWAN);
  g_assert_cmpint (md_net_links_qmi_mux_kind (links, "eth0"), ==, MD_NET_LINK_KIND_RMNET);
  g_assert_cmpint (md_net_links_qmi_mux_kind (links, "nosuch0"), ==, MD_NET_LINK_KIND_RMNET);
  g_assert_cmpint (md_net_links_qmi_mux_kind (links, "../x"), ==, MD_NET_LINK_KIND_RMNET);
  g_assert_cmpint (g_remove (add_mux), ==, 0);
  g_assert_cmpint (md_net_links_qmi_mux_kind (links, "wwan0"), ==, MD_NET_LINK_KIND_QMIWWAN);
  kernel_free (kernel);
}

static void
test_add_delete (void)
{
  Kernel *kernel = kernel_new ();
  g_autoptr (MdNetLinks) links = links_on (kernel);
  g_autoptr (GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autofree char *parent = NULL;
  g_autoptr (GPtrArray) created = NULL;
  guint mux_id = 0;

  /* The kernel names links by its own count, not by mux id. */
  g_assert_true (md_net_links_add_session_link (links, MD_NET_LINK_KIND_QMIWWAN, "wwan0", 2, &first, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (first, ==, "qmimux0");
  g_assert_true (
    md_net_links_add_session_link (links, MD_NET_LINK_KIND_QMIWWAN, "wwan0", 1, &second, &error));
  g_assert_cmpstr (second, ==, "qmimux1");
  g_autofree char *found = md_net_link_qmiwwan_find (kernel->root, "wwan0", 1);
  g_assert_cmpstr (found, ==, "qmimux1");
  g_assert_true (md_net_link_qmiwwan_lookup (kernel->root, "qmimux0", &parent, &mux_id));
  g_assert_cmpstr (parent, ==, "wwan0");
  g_assert_cmpuint (mux_id, ==, 2);
  g_assert_false (md_net_link_qmiwwan_lookup (kernel->root, "wwan0", NULL, NULL));
  created = md_net_links_list_created (links);
  g_assert_cmpuint (created->len, ==, 2);
  g_assert_cmpint (((MdNetLinkInfo *)g_ptr_array_index (created, 0))->kind, ==, MD_NET_LINK_KIND_QMIWWAN);
  g_assert_cmpuint (((MdNetLinkInfo *)g_ptr_array_index (created, 0))->session_id, ==, 2);

  /* A mux id the interface carries already is refused before writing. */
  g_assert_false (
    md_net_links_add_session_link (links, MD_NET_LINK_KIND_QMIWWAN, "wwan0", 2, &third, &error));
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_EXISTS);
  g_clear_error (&error);

  /* The freed name is the kernel's next. */
  g_assert_true (md_net_links_delete (links, "qmimux0", &error));
  g_assert_no_error (error);
  g_assert_true (md_net_links_add_session_link (links, MD_NET_LINK_KIND_QMIWWAN, "wwan0", 3, &third, &error));
  g_assert_cmpstr (third, ==, "qmimux0");

  /* Everything goes with the modem, newest first. */
  g_assert_true (md_net_links_delete_all_created (links, &error));
  g_assert_no_error (error);
  assert_writes (
    kernel, (const char *const[]){ "class/net/wwan0/qmi/add_mux=2", "class/net/wwan0/qmi/add_mux=1",
                                   "class/net/wwan0/qmi/del_mux=2", "class/net/wwan0/qmi/add_mux=3",
                                   "class/net/wwan0/qmi/del_mux=3", "class/net/wwan0/qmi/del_mux=1", NULL });
  g_assert_null (md_net_link_qmiwwan_find (kernel->root, "wwan0", 1));
  kernel_free (kernel);
}

/* A link this object did not create is found through sysfs; one already
 * gone is NOT_FOUND and leaves the list. */
static void
test_delete_unknown (void)
{
  Kernel *kernel = kernel_new ();
  g_autoptr (MdNetLinks) links = links_on (kernel);
  g_autoptr (MdNetLinks) other = links_on (kernel);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) created = NULL;

  g_assert_true (md_net_links_add_session_link (other, MD_NET_LINK_KIND_QMIWWAN, "wwan0", 4, NULL, &error));
  g_assert_true (md_net_links_delete (links, "qmimux0", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (g_ptr_array_index (kernel->writes, 1), ==, "class/net/wwan0/qmi/del_mux=4");
  g_assert_false (md_net_links_delete (other, "qmimux0", &error));
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_NOT_FOUND);
  created = md_net_links_list_created (other);
  g_assert_cmpuint (created->len, ==, 0);
  kernel_free (kernel);
}

static void
test_add_refused (void)
{
  Kernel *kernel = kernel_new ();
  g_autoptr (MdNetLinks) links = links_on (kernel);
  g_autoptr (GError) error = NULL;
  g_autofree char *ifname = NULL;

  /* Not qmi_wwan: nothing written. */
  g_assert_false (
    md_net_links_add_session_link (links, MD_NET_LINK_KIND_QMIWWAN, "eth0", 1, &ifname, &error));
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (
    md_net_links_add_session_link (links, MD_NET_LINK_KIND_QMIWWAN, "wwan0", 0, &ifname, &error));
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS);
  g_clear_error (&error);
  g_assert_false (
    md_net_links_add_session_link (links, MD_NET_LINK_KIND_QMIWWAN, "wwan0", 255, &ifname, &error));
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS);
  g_clear_error (&error);
  g_assert_false (md_net_links_add_session_link (links, MD_NET_LINK_KIND_QMIWWAN, "a/b", 1, &ifname, &error));
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS);
  g_clear_error (&error);
  g_assert_cmpuint (kernel->writes->len, ==, 0);

  /* The kernel took the write and made nothing we can see. */
  kernel->lazy = TRUE;
  g_assert_false (
    md_net_links_add_session_link (links, MD_NET_LINK_KIND_QMIWWAN, "wwan0", 1, &ifname, &error));
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED);
  g_assert_null (ifname);
  kernel_free (kernel);
}

/* Before Linux 5.12 there is no qmap/mux_id: the one new upper link is
 * the one, and the object remembers its mux id for deleting it. */
static void
test_old_kernel (void)
{
  Kernel *kernel = kernel_new ();
  g_autoptr (MdNetLinks) links = links_on (kernel);
  g_autoptr (GError) error = NULL;
  g_autofree char *ifname = NULL;

  kernel->old_kernel = TRUE;
  g_assert_true (
    md_net_links_add_session_link (links, MD_NET_LINK_KIND_QMIWWAN, "wwan0", 5, &ifname, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ifname, ==, "qmimux0");
  g_assert_true (md_net_links_delete_all_created (links, &error));
  g_assert_cmpstr (g_ptr_array_index (kernel->writes, 1), ==, "class/net/wwan0/qmi/del_mux=5");
  kernel_free (kernel);
}

/* With the fake backend for setting the interface down. */
static void
test_pass_through (void)
{
  Kernel *kernel = kernel_new ();
  g_autoptr (MdNetLinks) links = md_net_links_new_fake ();
  g_autoptr (GError) error = NULL;

  md_net_links_set_sysfs_writer (links, kernel_write, kernel);
  md_net_links_fake_add_parent (links, "wwan0");
  g_assert_true (md_net_links_set_up (links, "wwan0", TRUE, &error));

  g_assert_true (md_net_link_qmi_set_pass_through (links, kernel->root, "wwan0", FALSE, &error));
  g_assert_no_error (error);
  /* Already off: nothing written. */
  g_assert_true (md_net_link_qmi_set_pass_through (links, kernel->root, "wwan0", FALSE, &error));
  assert_writes (kernel, (const char *const[]){ "class/net/wwan0/qmi/pass_through=N", NULL });
  g_assert_false (md_net_links_fake_is_up (links, "wwan0"));
  g_assert_false (md_net_link_qmi_set_pass_through (links, kernel->root, "eth0", FALSE, &error));
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_NOT_FOUND);
  kernel_free (kernel);
}

/* The fake names qmi_wwan links as the kernel does, for test mode. */
static void
test_fake_naming (void)
{
  g_autoptr (MdNetLinks) links = md_net_links_new_fake ();
  g_autoptr (GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;

  md_net_links_fake_add_parent (links, "wwan0");
  g_assert_true (md_net_links_add_session_link (links, MD_NET_LINK_KIND_QMIWWAN, "wwan0", 1, &first, &error));
  g_assert_no_error (error);
  g_assert_true (
    md_net_links_add_session_link (links, MD_NET_LINK_KIND_QMIWWAN, "wwan0", 2, &second, &error));
  g_assert_cmpstr (first, ==, "qmimux0");
  g_assert_cmpstr (second, ==, "qmimux1");
  g_assert_cmpuint (md_net_links_fake_lookup (links, "qmimux1")->session_id, ==, 2);
  g_assert_false (md_net_links_add_session_link (links, MD_NET_LINK_KIND_QMIWWAN, "wwan0", 2, NULL, &error));
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (md_net_links_add_session_link (links, MD_NET_LINK_KIND_QMIWWAN, "wwan9", 3, NULL, &error));
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (md_net_links_delete (links, "qmimux0", &error));
  g_assert_true (md_net_links_add_session_link (links, MD_NET_LINK_KIND_QMIWWAN, "wwan0", 3, &third, &error));
  g_assert_cmpstr (third, ==, "qmimux0");
}

/* Where a QMI interface's data flows, by driver, as ModemManager 1.20. */
static void
test_data_endpoint (void)
{
  g_autofree char *root = g_dir_make_tmp ("md-endpoint-XXXXXX", NULL);
  static const char *const usb = "devices/pci0000:00/usb1/1-2/1-2:1.8";
  static const struct {
    const char *ifname;
    gboolean ok;
    MdNetLinkBus bus;
    guint interface;
  } cases[] = {
    { "wwan0", TRUE, MD_NET_LINK_BUS_USB, 8 },
    { "mhi_hwip0", TRUE, MD_NET_LINK_BUS_PCIE, 0 },
    { "rmnet_ipa0", TRUE, MD_NET_LINK_BUS_EMBEDDED, 1 },
    { "bam0", TRUE, MD_NET_LINK_BUS_BAM_DMUX, 0 },
    { "eth0", TRUE, MD_NET_LINK_BUS_UNKNOWN, 0 },
    { "wwan1", FALSE }, /* qmi_wwan without bInterfaceNumber */
    { "wwan2", FALSE }, /* a bInterfaceNumber that is not one */
    { "nosuch0", FALSE },
    { "../wwan0", FALSE },
  };

  g_autofree char *usb_number = g_strdup_printf ("%s/bInterfaceNumber", usb);
  g_autofree char *usb_driver = g_strdup_printf ("%s/driver", usb);

  sysfs_tree_file (root, usb_number, "08\n");
  sysfs_tree_link (root, usb_driver, "bus/usb/drivers/qmi_wwan");
  sysfs_tree_link (root, "class/net/wwan0/device", usb);
  sysfs_tree_link (root, "devices/mhi0/driver", "bus/mhi/drivers/mhi_net");
  sysfs_tree_link (root, "class/net/mhi_hwip0/device", "devices/mhi0");
  sysfs_tree_link (root, "devices/ipa/driver", "bus/platform/drivers/ipa");
  sysfs_tree_link (root, "class/net/rmnet_ipa0/device", "devices/ipa");
  sysfs_tree_link (root, "devices/bam/driver", "bus/platform/drivers/bam-dmux");
  sysfs_tree_link (root, "class/net/bam0/device", "devices/bam");
  sysfs_tree_link (root, "devices/eth/driver", "bus/pci/drivers/e1000e");
  sysfs_tree_link (root, "class/net/eth0/device", "devices/eth");
  sysfs_tree_link (root, "devices/usb9/driver", "bus/usb/drivers/qmi_wwan");
  sysfs_tree_link (root, "class/net/wwan1/device", "devices/usb9");
  sysfs_tree_file (root, "devices/usb8/bInterfaceNumber", "zz\n");
  sysfs_tree_link (root, "devices/usb8/driver", "bus/usb/drivers/qmi_wwan");
  sysfs_tree_link (root, "class/net/wwan2/device", "devices/usb8");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;
    MdNetLinkBus bus = MD_NET_LINK_BUS_UNKNOWN;
    guint interface = 99;
    gboolean ok = md_net_link_data_endpoint (root, cases[i].ifname, &bus, &interface, &error);

    g_assert_cmpint (ok, ==, cases[i].ok);
    if (!ok) {
      g_assert_nonnull (error);
      continue;
    }
    g_assert_cmpint (bus, ==, cases[i].bus);
    g_assert_cmpuint (interface, ==, cases[i].interface);
  }
  g_assert_cmpstr (md_net_link_bus_to_string (MD_NET_LINK_BUS_USB), ==, "usb");
  sysfs_tree_remove (root);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  md_log_set_level (MD_LOG_LEVEL_DEBUG);
  g_test_add_func ("/net-link-qmiwwan/parse-mux-id", test_parse_mux_id);
  g_test_add_func ("/net-link-qmiwwan/mux-kind", test_mux_kind);
  g_test_add_func ("/net-link-qmiwwan/add-delete", test_add_delete);
  g_test_add_func ("/net-link-qmiwwan/delete-unknown", test_delete_unknown);
  g_test_add_func ("/net-link-qmiwwan/add-refused", test_add_refused);
  g_test_add_func ("/net-link-qmiwwan/old-kernel", test_old_kernel);
  g_test_add_func ("/net-link-qmiwwan/pass-through", test_pass_through);
  g_test_add_func ("/net-link-qmiwwan/fake-naming", test_fake_naming);
  g_test_add_func ("/net-link-qmiwwan/data-endpoint", test_data_endpoint);
  return g_test_run ();
}
