/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Writes umockdev device descriptions (P:/N:/E:/A:/L: blocks) for the
 * testbed fixtures; umockdev creates the sysfs folders, the udev database
 * entries and a pty behind every N: node, and emits "add" for each. */
#include "md-testbed.h"

#include <string.h>

#define USB_ROOT "/sys/devices/pci0000:00/0000:00:14.0/usb1"
#define PCI_ROOT "/sys/devices/pci0000:00/0000:00:1c.0"

static guint next_minor = 0;

/* umockdev delivers uevents over a unix datagram socket, whose queue holds
 * 10 datagrams (net.unix.max_dgram_qlen); a fuller queue makes umockdev
 * give up. A udev client in this process reads its socket only when the
 * main context runs, so run it after every event sent. */
static void
pump (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

void
md_testbed_device_free (MdTestbedDevice *device)
{
  if (!device)
    return;
  g_free (device->sysfs_path);
  g_ptr_array_unref (device->ports);
  g_ptr_array_unref (device->nodes);
  g_free (device);
}

typedef struct {
  const char *path; /* with the /sys prefix */
  const char *subsystem;
  const char *devtype;
  const char *driver;
  const char *node;          /* device node name, or NULL */
  const char *const *attrs;  /* "name=value" */
  const char *const *props;  /* "PORT:KEY=VALUE" of the fixture */
  const char *const *uevent; /* "KEY=VALUE" */
} Block;

static void
append_props (GString *text, const char *port, const char *const *props)
{
  for (guint i = 0; port && props && props[i]; i++) {
    const char *colon = strchr (props[i], ':');

    if (!colon)
      continue;
    if ((colon - props[i] == 1 && props[i][0] == '*')
        || (strlen (port) == (gsize)(colon - props[i]) && strncmp (props[i], port, colon - props[i]) == 0))
      g_string_append_printf (text, "E: %s\n", colon + 1);
  }
}

static void
add_block (UMockdevTestbed *tb, const Block *b)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  const char *devpath = b->path + strlen ("/sys");
  g_autofree char *name = g_path_get_basename (b->path);

  g_string_append_printf (text, "P: %s\n", devpath);
  if (b->node)
    g_string_append_printf (text, "N: %s\nE: DEVNAME=/dev/%s\nE: MAJOR=188\nE: MINOR=%u\n", b->node, b->node,
                            next_minor++);
  g_string_append_printf (text, "E: SUBSYSTEM=%s\n", b->subsystem);
  if (b->devtype)
    g_string_append_printf (text, "E: DEVTYPE=%s\n", b->devtype);
  for (guint i = 0; b->uevent && b->uevent[i]; i++)
    g_string_append_printf (text, "E: %s\n", b->uevent[i]);
  append_props (text, b->props ? name : NULL, b->props);
  for (guint i = 0; b->attrs && b->attrs[i]; i++)
    g_string_append_printf (text, "A: %s\n", b->attrs[i]);
  if (b->driver) {
    g_autoptr (GString) up = g_string_new (NULL);
    const char *bus = g_str_equal (b->subsystem, "usb-serial") ? "usb-serial" : b->subsystem;

    for (const char *p = devpath; *p; p++) {
      if (*p == '/')
        g_string_append (up, "../");
    }
    g_string_append_printf (text, "E: DRIVER=%s\nL: driver=%sbus/%s/drivers/%s\n", b->driver, up->str, bus,
                            b->driver);
  }
  /* The ioctl handler is attached before the device is added: adding it
   * sends the "add" uevent, and a daemon that opens the node before the
   * handler's socket exists gets an abort from umockdev's preload. */
  if (b->node && g_str_equal (b->subsystem, "tty")) {
    g_autofree char *node = g_strconcat ("/dev/", b->node, NULL);

    md_testbed_attach_tty_ioctls (tb, node);
  }
  if (!umockdev_testbed_add_from_string (tb, text->str, &error))
    g_error ("umockdev refused %s: %s", b->path, error->message);
  pump ();
}

static void
add_port (UMockdevTestbed *tb, MdTestbedDevice *device, const Block *b)
{
  add_block (tb, b);
  g_ptr_array_add (device->ports, g_strdup (b->path));
  if (b->node)
    g_ptr_array_add (device->nodes, g_strdup_printf ("/dev/%s", b->node));
}

static MdTestbedDevice *
device_new (const char *sysfs_path)
{
  MdTestbedDevice *device = g_new0 (MdTestbedDevice, 1);

  device->sysfs_path = g_strdup (sysfs_path);
  device->ports = g_ptr_array_new_with_free_func (g_free);
  device->nodes = g_ptr_array_new_with_free_func (g_free);
  return device;
}

MdTestbedDevice *
md_testbed_usb_device (UMockdevTestbed *tb, const char *busid, const char *vid, const char *pid,
                       const char *manufacturer, const char *product, guint n_interfaces)
{
  g_autofree char *path = g_strdup_printf ("%s/%s", USB_ROOT, busid);
  g_autofree char *a_vid = g_strconcat ("idVendor=", vid, NULL);
  g_autofree char *a_pid = g_strconcat ("idProduct=", pid, NULL);
  g_autofree char *a_mfr = g_strconcat ("manufacturer=", manufacturer, NULL);
  g_autofree char *a_product = g_strconcat ("product=", product, NULL);
  g_autofree char *a_count = g_strdup_printf ("bNumInterfaces=%2u", n_interfaces);
  const char *attrs[] = { a_vid, a_pid, a_mfr, a_product, a_count, NULL };
  Block b = { .path = path, .subsystem = "usb", .devtype = "usb_device", .driver = "usb", .attrs = attrs };

  add_block (tb, &b);
  return device_new (path);
}

static char *
interface_path (MdTestbedDevice *device, guint number)
{
  g_autofree char *busid = g_path_get_basename (device->sysfs_path);

  return g_strdup_printf ("%s/%s:1.%u", device->sysfs_path, busid, number);
}

void
md_testbed_usb_interface (UMockdevTestbed *tb, MdTestbedDevice *device, guint number, const char *class,
                          const char *driver)
{
  g_autofree char *path = interface_path (device, number);
  g_autofree char *a_num = g_strdup_printf ("bInterfaceNumber=%02x", number);
  g_autofree char *a_class = g_strconcat ("bInterfaceClass=", class, NULL);
  /* cdc_acm control interfaces of boards declare V.25ter (AT) commands. */
  const char *a_proto = g_str_equal (class, "02") ? "bInterfaceProtocol=01" : "bInterfaceProtocol=00";
  const char *attrs[] = { a_num, a_class, a_proto, NULL };
  Block b
    = { .path = path, .subsystem = "usb", .devtype = "usb_interface", .driver = driver, .attrs = attrs };

  add_block (tb, &b);
}

void
md_testbed_usb_serial_tty (UMockdevTestbed *tb, MdTestbedDevice *device, guint number,
                           const char *serial_driver, const char *name, const char *const *props)
{
  g_autofree char *iface = interface_path (device, number);
  g_autofree char *serial = g_strdup_printf ("%s/%s", iface, name);
  g_autofree char *tty = g_strdup_printf ("%s/tty/%s", serial, name);
  Block port_dev = { .path = serial, .subsystem = "usb-serial", .driver = serial_driver };
  Block b = { .path = tty, .subsystem = "tty", .node = name, .props = props };

  add_block (tb, &port_dev);
  add_port (tb, device, &b);
}

void
md_testbed_acm_tty (UMockdevTestbed *tb, MdTestbedDevice *device, guint number, const char *name,
                    const char *const *props)
{
  g_autofree char *iface = interface_path (device, number);
  g_autofree char *tty = g_strdup_printf ("%s/tty/%s", iface, name);
  Block b = { .path = tty, .subsystem = "tty", .node = name, .props = props };

  add_port (tb, device, &b);
}

void
md_testbed_cdc_wdm (UMockdevTestbed *tb, MdTestbedDevice *device, guint number, const char *name,
                    const char *const *props)
{
  g_autofree char *iface = interface_path (device, number);
  g_autofree char *wdm = g_strdup_printf ("%s/usbmisc/%s", iface, name);
  Block b = { .path = wdm, .subsystem = "usbmisc", .node = name, .props = props };

  add_port (tb, device, &b);
}

void
md_testbed_usb_net (UMockdevTestbed *tb, MdTestbedDevice *device, guint number, const char *name,
                    const char *const *props)
{
  g_autofree char *iface = interface_path (device, number);
  g_autofree char *net = g_strdup_printf ("%s/net/%s", iface, name);
  g_autofree char *interface = g_strconcat ("INTERFACE=", name, NULL);
  const char *uevent[] = { interface, NULL };
  Block b = { .path = net, .subsystem = "net", .devtype = "wwan", .props = props, .uevent = uevent };

  add_port (tb, device, &b);
}

void
md_testbed_qmi_wwan_net (UMockdevTestbed *tb, MdTestbedDevice *device, guint number, const char *name,
                         const char *const *props)
{
  g_autofree char *iface = interface_path (device, number);
  g_autofree char *path = g_strdup_printf ("%s/net/%s", iface, name);
  g_autofree char *interface = g_strconcat ("INTERFACE=", name, NULL);
  const char *uevent[] = { interface, NULL };
  /* qmi_wwan starts in 802.3 framing. */
  const char *attrs[] = { "qmi/raw_ip=N", NULL };
  Block b = {
    .path = path, .subsystem = "net", .devtype = "wwan", .props = props, .uevent = uevent, .attrs = attrs
  };

  add_port (tb, device, &b);
}

MdTestbedDevice *
md_testbed_mbim_modem (UMockdevTestbed *tb, const char *busid, const char *wdm, const char *net,
                       const char *const *props)
{
  MdTestbedDevice *device
    = md_testbed_usb_device (tb, busid, "1199", "9079", "Sierra Wireless, Incorporated", "EM7455", 2);

  md_testbed_usb_interface (tb, device, 12, "02", "cdc_mbim");
  md_testbed_usb_interface (tb, device, 13, "0a", "cdc_mbim");
  md_testbed_cdc_wdm (tb, device, 12, wdm, props);
  if (net)
    md_testbed_usb_net (tb, device, 12, net, props);
  return device;
}

MdTestbedDevice *
md_testbed_qmi_modem (UMockdevTestbed *tb, const char *busid, const char *wdm, const char *net,
                      const char *const *props)
{
  MdTestbedDevice *device
    = md_testbed_usb_device (tb, busid, "1199", "9071", "Sierra Wireless, Incorporated", "MC7455", 1);
  g_autofree char *iface = NULL;
  g_autofree char *path = NULL;
  g_autofree char *interface = g_strconcat ("INTERFACE=", net, NULL);
  const char *uevent[] = { interface, NULL };
  /* qmi_wwan's sysfs switches (802.3 or raw IP framing; QMAP handed up
   * for rmnet, left on here as another program may leave it) and its mux
   * link attributes. */
  const char *attrs[] = { "qmi/raw_ip=Y", "qmi/pass_through=Y", "qmi/add_mux=", "qmi/del_mux=", NULL };
  Block b = { .subsystem = "net", .devtype = "wwan", .props = props, .uevent = uevent, .attrs = attrs };

  md_testbed_usb_interface (tb, device, 8, "ff", "qmi_wwan");
  md_testbed_cdc_wdm (tb, device, 8, wdm, props);
  iface = interface_path (device, 8);
  path = g_strdup_printf ("%s/net/%s", iface, net);
  b.path = path;
  add_port (tb, device, &b);
  return device;
}

MdTestbedDevice *
md_testbed_qmi_pairs_modem (UMockdevTestbed *tb, const char *busid, const char *const *names,
                            const char *const *props)
{
  guint n = g_strv_length ((char **)names) / 2;
  MdTestbedDevice *device
    = md_testbed_usb_device (tb, busid, "1199", "68c0", "Sierra Wireless, Incorporated", "MC7304", 2 * n);

  /* The kernel adds every interface of the configuration before their
   * drivers create ports: discovery then waits for all the pairs. */
  for (guint i = 0; i < n; i++)
    md_testbed_usb_interface (tb, device, 8 + 2 * i, "ff", "qmi_wwan");
  for (guint i = 0; i < n; i++) {
    md_testbed_cdc_wdm (tb, device, 8 + 2 * i, names[2 * i], props);
    md_testbed_qmi_wwan_net (tb, device, 8 + 2 * i, names[2 * i + 1], props);
  }
  return device;
}

MdTestbedDevice *
md_testbed_option_modem (UMockdevTestbed *tb, const char *busid, guint first, const char *const *props)
{
  MdTestbedDevice *device
    = md_testbed_usb_device (tb, busid, "12d1", "1506", "Huawei Technologies", "Mobile Connect", 3);

  for (guint i = 0; i < 3; i++)
    md_testbed_usb_interface (tb, device, i, "ff", "option");
  for (guint i = 0; i < 3; i++) {
    g_autofree char *name = g_strdup_printf ("ttyUSB%u", first + i);

    md_testbed_usb_serial_tty (tb, device, i, "option1", name, props);
  }
  return device;
}

MdTestbedDevice *
md_testbed_quectel_modem (UMockdevTestbed *tb, const char *busid, guint first, const char *const *props)
{
  MdTestbedDevice *device = md_testbed_usb_device (tb, busid, "2c7c", "0125", "Quectel", "EC25", 4);

  for (guint i = 0; i < 4; i++)
    md_testbed_usb_interface (tb, device, i, "ff", "option");
  for (guint i = 0; i < 4; i++) {
    g_autofree char *name = g_strdup_printf ("ttyUSB%u", first + i);

    md_testbed_usb_serial_tty (tb, device, i, "option1", name, props);
  }
  return device;
}

MdTestbedDevice *
md_testbed_pcie_modem (UMockdevTestbed *tb, const char *slot, guint n, const char *const *props)
{
  g_autofree char *pci = g_strdup_printf ("%s/%s", PCI_ROOT, slot);
  g_autofree char *wwan = g_strdup_printf ("%s/wwan/wwan%u", pci, n);
  g_autofree char *mbim_name = g_strdup_printf ("wwan%umbim0", n);
  g_autofree char *at_name = g_strdup_printf ("wwan%uat0", n);
  g_autofree char *mbim = g_strdup_printf ("%s/%s", wwan, mbim_name);
  g_autofree char *at = g_strdup_printf ("%s/%s", wwan, at_name);
  g_autofree char *mhi = g_strdup_printf ("%s/mhi%u", pci, n);
  g_autofree char *channel = g_strdup_printf ("%s/mhi%u_IP_HW0", mhi, n);
  g_autofree char *net = g_strdup_printf ("%s/net/wwan%u", channel, n);
  const char *pci_attrs[]
    = { "vendor=0x17cb", "device=0x0308", "subsystem_vendor=0x105b", "subsystem_device=0xe0b0", NULL };
  const char *mbim_attrs[] = { "type=MBIM", NULL };
  const char *at_attrs[] = { "type=AT", NULL };
  MdTestbedDevice *device = device_new (pci);
  Block b_pci = { .path = pci, .subsystem = "pci", .driver = "mhi-pci-generic", .attrs = pci_attrs };
  Block b_wwan = { .path = wwan, .subsystem = "wwan" };
  Block b_mbim
    = { .path = mbim, .subsystem = "wwan", .node = mbim_name, .attrs = mbim_attrs, .props = props };
  Block b_at = { .path = at, .subsystem = "wwan", .node = at_name, .attrs = at_attrs, .props = props };
  Block b_mhi = { .path = mhi, .subsystem = "mhi" };
  Block b_channel = { .path = channel, .subsystem = "mhi", .driver = "mhi_net" };
  Block b_net = { .path = net, .subsystem = "net", .devtype = "wwan", .props = props };

  add_block (tb, &b_pci);
  add_block (tb, &b_wwan);
  add_port (tb, device, &b_mbim);
  add_port (tb, device, &b_at);
  add_block (tb, &b_mhi);
  add_block (tb, &b_channel);
  add_port (tb, device, &b_net);
  return device;
}

MdTestbedDevice *
md_testbed_mbim_at_modem (UMockdevTestbed *tb, const char *busid, const char *wdm, const char *net,
                          const char *acm0, const char *acm1, const char *const *props)
{
  MdTestbedDevice *device = md_testbed_usb_device (tb, busid, "2c7c", "0125", "Quectel", "EC25", 6);

  md_testbed_usb_interface (tb, device, 2, "02", "cdc_acm");
  md_testbed_usb_interface (tb, device, 3, "0a", "cdc_acm");
  md_testbed_usb_interface (tb, device, 4, "02", "cdc_acm");
  md_testbed_usb_interface (tb, device, 5, "0a", "cdc_acm");
  md_testbed_usb_interface (tb, device, 12, "02", "cdc_mbim");
  md_testbed_usb_interface (tb, device, 13, "0a", "cdc_mbim");
  md_testbed_acm_tty (tb, device, 2, acm0, props);
  md_testbed_acm_tty (tb, device, 4, acm1, props);
  md_testbed_cdc_wdm (tb, device, 12, wdm, props);
  md_testbed_usb_net (tb, device, 12, net, props);
  return device;
}

MdTestbedDevice *
md_testbed_ftdi (UMockdevTestbed *tb, const char *busid, const char *tty)
{
  MdTestbedDevice *device = md_testbed_usb_device (tb, busid, "0403", "6001", "FTDI", "FT232R USB UART", 1);

  md_testbed_usb_interface (tb, device, 0, "ff", "ftdi_sio");
  md_testbed_usb_serial_tty (tb, device, 0, "ftdi_sio", tty, NULL);
  return device;
}

MdTestbedDevice *
md_testbed_arduino (UMockdevTestbed *tb, const char *busid, const char *tty)
{
  MdTestbedDevice *device
    = md_testbed_usb_device (tb, busid, "2341", "0043", "Arduino (www.arduino.cc)", "Arduino Uno", 2);

  md_testbed_usb_interface (tb, device, 0, "02", "cdc_acm");
  md_testbed_usb_interface (tb, device, 1, "0a", "cdc_acm");
  md_testbed_acm_tty (tb, device, 0, tty, NULL);
  return device;
}

void
md_testbed_unplug (UMockdevTestbed *tb, MdTestbedDevice *device)
{
  for (guint i = device->ports->len; i > 0; i--) {
    umockdev_testbed_uevent (tb, g_ptr_array_index (device->ports, i - 1), "remove");
    pump ();
  }
  umockdev_testbed_uevent (tb, device->sysfs_path, "remove");
  pump ();
  umockdev_testbed_remove_device (tb, device->sysfs_path);
}
