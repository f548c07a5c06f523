/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Lays out modem and non-modem devices in a fake sysfs tree the way the
 * kernel does (what discovery reads: uevent, links, attributes). */
#include "fake-modems.h"

void
fake_usb_device (FakeSysfs *fs, const char *path, const char *vid, const char *pid, const char *manufacturer,
                 const char *product, guint n_interfaces)
{
  g_autofree char *vendor = g_strconcat ("idVendor=", vid, NULL);
  g_autofree char *prod = g_strconcat ("idProduct=", pid, NULL);
  g_autofree char *mfr = g_strconcat ("manufacturer=", manufacturer, NULL);
  g_autofree char *name = g_strconcat ("product=", product, NULL);
  g_autofree char *count = g_strdup_printf ("bNumInterfaces=%2u", n_interfaces);
  const char *attrs[] = { vendor, prod, mfr, name, count, NULL };

  g_free (fake_sysfs_add (fs, path, "usb", "usb", "usb_device", NULL, attrs));
}

char *
fake_usb_interface (FakeSysfs *fs, const char *usb_path, guint number, const char *class, const char *driver)
{
  g_autofree char *base = g_path_get_basename (usb_path);
  g_autofree char *path = g_strdup_printf ("%s/%s:1.%u", usb_path, base, number);
  g_autofree char *num = g_strdup_printf ("bInterfaceNumber=%02x", number);
  g_autofree char *cls = g_strconcat ("bInterfaceClass=", class, NULL);
  const char *attrs[] = { num, cls, NULL };

  g_free (fake_sysfs_add (fs, path, "usb", driver, "usb_interface", NULL, attrs));
  return g_steal_pointer (&path);
}

static char *
interface_path (const char *usb_path, guint number)
{
  g_autofree char *base = g_path_get_basename (usb_path);

  return g_strdup_printf ("%s/%s:1.%u", usb_path, base, number);
}

static void
add_node (FakeSysfs *fs, const char *path, const char *subsystem, const char *name, const char *devtype)
{
  g_autofree char *devname = g_strconcat ("DEVNAME=", name, NULL);
  const char *uevent[] = { devname, "MAJOR=188", "MINOR=0", NULL };

  g_free (fake_sysfs_add (fs, path, subsystem, NULL, devtype, g_str_equal (subsystem, "net") ? NULL : uevent,
                          NULL));
  fake_sysfs_class_link (fs, subsystem, name, path);
}

void
fake_usb_serial_tty (FakeSysfs *fs, const char *usb_path, guint number, const char *serial_driver,
                     const char *name)
{
  g_autofree char *iface = interface_path (usb_path, number);
  g_autofree char *serial = g_strdup_printf ("%s/%s", iface, name);
  g_autofree char *tty = g_strdup_printf ("%s/tty/%s", serial, name);

  g_free (fake_sysfs_add (fs, serial, "usb-serial", serial_driver, NULL, NULL, NULL));
  add_node (fs, tty, "tty", name, NULL);
}

void
fake_acm_tty (FakeSysfs *fs, const char *usb_path, guint number, const char *name)
{
  g_autofree char *iface = interface_path (usb_path, number);
  g_autofree char *tty = g_strdup_printf ("%s/tty/%s", iface, name);

  add_node (fs, tty, "tty", name, NULL);
}

void
fake_cdc_wdm (FakeSysfs *fs, const char *usb_path, guint number, const char *name)
{
  g_autofree char *iface = interface_path (usb_path, number);
  g_autofree char *wdm = g_strdup_printf ("%s/usbmisc/%s", iface, name);

  add_node (fs, wdm, "usbmisc", name, NULL);
}

void
fake_usb_net (FakeSysfs *fs, const char *usb_path, guint number, const char *name)
{
  g_autofree char *iface = interface_path (usb_path, number);
  g_autofree char *net = g_strdup_printf ("%s/net/%s", iface, name);

  add_node (fs, net, "net", name, "wwan");
}

void
fake_option_modem (FakeSysfs *fs)
{
  fake_usb_device (fs, FAKE_OPTION_USB, "12d1", "1506", "Huawei Technologies", "Mobile Connect", 3);
  for (guint i = 0; i < 3; i++) {
    g_autofree char *name = g_strdup_printf ("ttyUSB%u", i);

    g_free (fake_usb_interface (fs, FAKE_OPTION_USB, i, "ff", "option"));
    fake_usb_serial_tty (fs, FAKE_OPTION_USB, i, "option1", name);
  }
}

void
fake_mbim_modem (FakeSysfs *fs, gboolean with_net)
{
  fake_usb_device (fs, FAKE_MBIM_USB, "1199", "9079", "Sierra Wireless, Incorporated", "EM7455", 2);
  g_free (fake_usb_interface (fs, FAKE_MBIM_USB, 12, "02", "cdc_mbim"));
  g_free (fake_usb_interface (fs, FAKE_MBIM_USB, 13, "0a", "cdc_mbim"));
  fake_cdc_wdm (fs, FAKE_MBIM_USB, 12, "cdc-wdm0");
  if (with_net)
    fake_usb_net (fs, FAKE_MBIM_USB, 12, "wwan0");
}

void
fake_pcie_modem (FakeSysfs *fs)
{
  const char *pci_attrs[]
    = { "vendor=0x17cb", "device=0x0308", "subsystem_vendor=0x105b", "subsystem_device=0xe0b0", NULL };
  const char *mbim_type[] = { "type=MBIM", NULL };
  const char *at_type[] = { "type=AT", NULL };
  const char *mbim_ev[] = { "DEVNAME=wwan0mbim0", NULL };
  const char *at_ev[] = { "DEVNAME=wwan0at0", NULL };

  g_free (fake_sysfs_add (fs, FAKE_PCIE, "pci", "mhi-pci-generic", NULL, NULL, pci_attrs));
  g_free (fake_sysfs_add (fs, FAKE_PCIE "/wwan/wwan0", "wwan", NULL, NULL, NULL, NULL));
  g_free (fake_sysfs_add (fs, FAKE_PCIE "/wwan/wwan0/wwan0mbim0", "wwan", NULL, NULL, mbim_ev, mbim_type));
  fake_sysfs_class_link (fs, "wwan", "wwan0mbim0", FAKE_PCIE "/wwan/wwan0/wwan0mbim0");
  g_free (fake_sysfs_add (fs, FAKE_PCIE "/wwan/wwan0/wwan0at0", "wwan", NULL, NULL, at_ev, at_type));
  fake_sysfs_class_link (fs, "wwan", "wwan0at0", FAKE_PCIE "/wwan/wwan0/wwan0at0");
  g_free (fake_sysfs_add (fs, FAKE_PCIE "/mhi0", "mhi", NULL, NULL, NULL, NULL));
  g_free (fake_sysfs_add (fs, FAKE_PCIE "/mhi0/mhi0_IP_HW0", "mhi", "mhi_net", NULL, NULL, NULL));
  g_free (fake_sysfs_add (fs, FAKE_PCIE "/mhi0/mhi0_IP_HW0/net/wwan0", "net", NULL, NULL, NULL, NULL));
  fake_sysfs_class_link (fs, "net", "wwan0", FAKE_PCIE "/mhi0/mhi0_IP_HW0/net/wwan0");
}

void
fake_ftdi (FakeSysfs *fs)
{
  fake_usb_device (fs, FAKE_FTDI_USB, "0403", "6001", "FTDI", "FT232R USB UART", 1);
  g_free (fake_usb_interface (fs, FAKE_FTDI_USB, 0, "ff", "ftdi_sio"));
  fake_usb_serial_tty (fs, FAKE_FTDI_USB, 0, "ftdi_sio", "ttyUSB9");
}

void
fake_arduino (FakeSysfs *fs)
{
  fake_usb_device (fs, FAKE_ARDUINO_USB, "2341", "0043", "Arduino (www.arduino.cc)", "Arduino Uno", 2);
  g_free (fake_usb_interface (fs, FAKE_ARDUINO_USB, 0, "02", "cdc_acm"));
  g_free (fake_usb_interface (fs, FAKE_ARDUINO_USB, 1, "0a", "cdc_acm"));
  fake_acm_tty (fs, FAKE_ARDUINO_USB, 0, "ttyACM0");
}
