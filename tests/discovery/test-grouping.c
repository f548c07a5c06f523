/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Ports read from a fake sysfs tree: their chain, driver and kind, which
 * physical device they group into (USB device, PCI function, platform
 * device; PHYSDEV_UID and reported uids override), and USB readiness. */
#include <stdlib.h>
#include <unistd.h>

#include "fake-modems.h"
#include "md-errors.h"
#include "md-grouping.h"
#include "md-port-typing.h"
#include "md-readiness.h"
#include "md-sysfs.h"

static MdDiscoveredPort *
read_port (FakeSysfs *fs, const char *subsystem, const char *name)
{
  g_autoptr (GError) error = NULL;
  MdDiscoveredPort *port = md_sysfs_read_port (fs->sys, subsystem, name, &error);

  g_assert_no_error (error);
  md_port_typing_apply (port);
  return port;
}

static char *
device_path (FakeSysfs *fs, const char *path)
{
  g_autofree char *joined = g_build_filename (fs->sys, "devices", path, NULL);

  return realpath (joined, NULL);
}

static void
test_usb (void)
{
  g_autoptr (FakeSysfs) fs = fake_sysfs_new ();
  g_autoptr (MdDiscoveredPort) tty = NULL;
  g_autoptr (MdDiscoveredPort) wdm = NULL;
  g_autoptr (MdDiscoveredPort) net = NULL;
  g_autoptr (MdDiscoveredDevice) device = NULL;
  g_autofree char *option_usb = NULL;
  g_autofree char *mbim_usb = NULL;
  g_autofree char *uid = NULL;

  fake_option_modem (fs);
  fake_mbim_modem (fs, TRUE);
  option_usb = device_path (fs, FAKE_OPTION_USB);
  mbim_usb = device_path (fs, FAKE_MBIM_USB);
  tty = read_port (fs, "tty", "ttyUSB1");
  g_assert_cmpstr (tty->device_file, ==, "/dev/ttyUSB1");
  g_assert_cmpstr (tty->driver, ==, "option");
  g_assert_cmpint (tty->kind, ==, MD_PORT_KIND_AT_CANDIDATE);
  g_assert_cmpuint (tty->chain->len, ==, 4); /* tty, usb-serial port, interface, USB device */
  device = md_grouping_new_device (tty);
  g_assert_cmpstr (device->uid, ==, option_usb);
  g_assert_cmpstr (device->sysfs_path, ==, option_usb);
  g_assert_cmpint (device->subsystem, ==, MD_PHYS_SUBSYSTEM_USB);
  g_assert_cmphex (device->usb_vendor, ==, 0x12d1);
  g_assert_cmphex (device->usb_product, ==, 0x1506);
  g_assert_cmpstr (device->manufacturer, ==, "Huawei Technologies");
  g_assert_cmpstr (device->product, ==, "Mobile Connect");

  wdm = read_port (fs, "usbmisc", "cdc-wdm0");
  net = read_port (fs, "net", "wwan0");
  g_assert_cmpint (wdm->kind, ==, MD_PORT_KIND_MBIM);
  g_assert_cmpint (net->kind, ==, MD_PORT_KIND_NET);
  g_assert_null (net->device_file);
  g_assert_cmpstr (g_hash_table_lookup (net->properties, "DEVTYPE"), ==, "wwan");
  uid = md_grouping_uid (wdm);
  g_assert_cmpstr (uid, ==, mbim_usb);
  g_free (uid);
  uid = md_grouping_uid (net);
  g_assert_cmpstr (uid, ==, mbim_usb);
}

static void
test_pcie (void)
{
  g_autoptr (FakeSysfs) fs = fake_sysfs_new ();
  g_autoptr (MdDiscoveredPort) mbim = NULL;
  g_autoptr (MdDiscoveredPort) at = NULL;
  g_autoptr (MdDiscoveredPort) net = NULL;
  g_autoptr (MdDiscoveredDevice) device = NULL;
  g_autofree char *pci = NULL;
  g_autofree char *uid_at = NULL;
  g_autofree char *uid_net = NULL;

  fake_pcie_modem (fs);
  pci = device_path (fs, FAKE_PCIE);
  mbim = read_port (fs, "wwan", "wwan0mbim0");
  at = read_port (fs, "wwan", "wwan0at0");
  net = read_port (fs, "net", "wwan0");
  g_assert_cmpint (mbim->kind, ==, MD_PORT_KIND_MBIM);
  g_assert_cmpint (at->kind, ==, MD_PORT_KIND_AT);
  g_assert_cmpint (net->kind, ==, MD_PORT_KIND_NET);
  g_assert_cmpstr (net->driver, ==, "mhi_net");
  g_assert_cmpstr (mbim->device_file, ==, "/dev/wwan0mbim0");
  device = md_grouping_new_device (mbim);
  g_assert_cmpint (device->subsystem, ==, MD_PHYS_SUBSYSTEM_PCI);
  g_assert_cmpstr (device->uid, ==, pci);
  g_assert_cmphex (device->pci_vendor, ==, 0x17cb);
  g_assert_cmphex (device->pci_device, ==, 0x0308);
  g_assert_cmphex (device->pci_subsystem_vendor, ==, 0x105b);
  g_assert_cmphex (device->pci_subsystem_device, ==, 0xe0b0);
  uid_at = md_grouping_uid (at);
  uid_net = md_grouping_uid (net);
  g_assert_cmpstr (uid_at, ==, pci);
  g_assert_cmpstr (uid_net, ==, pci);
}

static void
test_platform_and_overrides (void)
{
  g_autoptr (FakeSysfs) fs = fake_sysfs_new ();
  g_autoptr (MdDiscoveredPort) uart = NULL;
  g_autoptr (MdDiscoveredPort) tty = NULL;
  g_autoptr (MdDiscoveredDevice) device = NULL;
  g_autofree char *uid = NULL;
  g_autofree char *platform = NULL;
  const char *ev[] = { "DEVNAME=ttyS0", NULL };

  g_free (fake_sysfs_add (fs, "platform/serial8250", "platform", "serial8250", NULL, NULL, NULL));
  g_free (fake_sysfs_add (fs, "platform/serial8250/tty/ttyS0", "tty", NULL, NULL, ev, NULL));
  fake_sysfs_class_link (fs, "tty", "ttyS0", "platform/serial8250/tty/ttyS0");
  fake_option_modem (fs);
  platform = device_path (fs, "platform/serial8250");
  uart = read_port (fs, "tty", "ttyS0");
  device = md_grouping_new_device (uart);
  g_assert_cmpint (device->subsystem, ==, MD_PHYS_SUBSYSTEM_PLATFORM);
  g_assert_cmpstr (device->uid, ==, platform);
  g_assert_cmpstr (uart->driver, ==, "serial8250");

  /* A reported uid, then the udev property (ours over ModemManager's). */
  tty = read_port (fs, "tty", "ttyUSB0");
  tty->reported_uid = g_strdup ("board-modem");
  uid = md_grouping_uid (tty);
  g_assert_cmpstr (uid, ==, "board-modem");
  g_free (uid);
  g_hash_table_insert (tty->properties, g_strdup ("ID_MM_PHYSDEV_UID"), g_strdup ("mm-uid"));
  uid = md_grouping_uid (tty);
  g_assert_cmpstr (uid, ==, "mm-uid");
  g_free (uid);
  g_hash_table_insert (tty->properties, g_strdup ("ID_MD_PHYSDEV_UID"), g_strdup ("md-uid"));
  uid = md_grouping_uid (tty);
  g_assert_cmpstr (uid, ==, "md-uid");
  g_clear_pointer (&device, md_discovered_device_unref);
  device = md_grouping_new_device (tty);
  g_assert_cmpstr (device->uid, ==, "md-uid");
  g_assert_cmphex (device->usb_vendor, ==, 0x12d1);
}

static void
test_not_found (void)
{
  g_autoptr (FakeSysfs) fs = fake_sysfs_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (MdDiscoveredPort) port = NULL;
  g_autofree char *class_dir = g_build_filename (fs->sys, "class", "tty", NULL);
  g_autofree char *escape = g_build_filename (class_dir, "ttyX", NULL);

  port = md_sysfs_read_port (fs->sys, "tty", "ttyUSB0", &error);
  g_assert_null (port);
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* A class link that leads out of sys/devices is not followed. */
  g_assert_cmpint (g_mkdir_with_parents (class_dir, 0755), ==, 0);
  g_assert_cmpint (symlink ("/etc", escape), ==, 0);
  port = md_sysfs_read_port (fs->sys, "tty", "ttyX", &error);
  g_assert_null (port);
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_NOT_FOUND);
}

static guint
pending_with (FakeSysfs *fs, const char *usb, const char *const *ports)
{
  g_autofree char *usb_dir = device_path (fs, usb);
  g_autoptr (GPtrArray) interfaces = md_sysfs_usb_interfaces (usb_dir);
  g_autoptr (MdDiscoveredDevice) device = md_discovered_device_new (usb_dir, usb_dir);

  for (guint i = 0; ports[i]; i += 2)
    g_ptr_array_add (device->ports, read_port (fs, ports[i], ports[i + 1]));
  return md_readiness_pending_interfaces (interfaces, device);
}

static void
test_readiness (void)
{
  g_autoptr (FakeSysfs) fs = fake_sysfs_new ();
  const char *none[] = { NULL };
  const char *one_tty[] = { "tty", "ttyUSB0", NULL };
  const char *all_ttys[] = { "tty", "ttyUSB0", "tty", "ttyUSB2", "tty", "ttyUSB1", NULL };
  const char *wdm[] = { "usbmisc", "cdc-wdm0", NULL };
  const char *wdm_net[] = { "usbmisc", "cdc-wdm0", "net", "wwan0", NULL };
  const char *acm[] = { "tty", "ttyACM0", NULL };

  fake_option_modem (fs);
  fake_mbim_modem (fs, TRUE);
  fake_arduino (fs);
  g_assert_cmpuint (pending_with (fs, FAKE_OPTION_USB, none), ==, 3);
  g_assert_cmpuint (pending_with (fs, FAKE_OPTION_USB, one_tty), ==, 2);
  g_assert_cmpuint (pending_with (fs, FAKE_OPTION_USB, all_ttys), ==, 0);
  /* cdc_mbim's control interface shows a cdc-wdm and a net port; the data
   * interface shows nothing. */
  g_assert_cmpuint (pending_with (fs, FAKE_MBIM_USB, wdm), ==, 1);
  g_assert_cmpuint (pending_with (fs, FAKE_MBIM_USB, wdm_net), ==, 0);
  g_assert_cmpuint (pending_with (fs, FAKE_ARDUINO_USB, acm), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/discovery/grouping/usb", test_usb);
  g_test_add_func ("/discovery/grouping/pcie", test_pcie);
  g_test_add_func ("/discovery/grouping/platform-and-overrides", test_platform_and_overrides);
  g_test_add_func ("/discovery/grouping/not-found", test_not_found);
  g_test_add_func ("/discovery/readiness/usb", test_readiness);
  return g_test_run ();
}
