/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Port typing and the evidence rule, table-driven over port records built
 * in memory: kernel facts first, udev hints override, and a tty may be
 * opened only with positive evidence that it belongs to a modem. */
#include "md-discovery-config.h"
#include "md-port-evidence.h"
#include "md-grouping.h"
#include "md-port-typing.h"

#define USB_PATH "/sys/devices/pci0000:00/0000:00:14.0/usb1/1-2"

static MdSysEntry *
entry (const char *path, const char *subsystem, const char *driver, const char *devtype)
{
  MdSysEntry *e = md_sys_entry_new (path);

  e->subsystem = g_strdup (subsystem);
  e->driver = g_strdup (driver);
  e->devtype = g_strdup (devtype);
  return e;
}

/* A port below USB interface iface (driven by iface_driver) of USB_PATH,
 * or below a PCI function when iface_driver is NULL. props: "K=V" list. */
static MdDiscoveredPort *
make_port (const char *subsystem, const char *name, guint iface, const char *iface_driver,
           const char *wwan_type, const char *const *props)
{
  MdDiscoveredPort *port = md_discovered_port_new (subsystem, name);
  g_autofree char *iface_path = g_strdup_printf ("%s/1-2:1.%u", USB_PATH, iface);
  MdSysEntry *self;

  port->sysfs_path = g_strdup_printf ("%s/%s/%s", iface_path, subsystem, name);
  self = entry (port->sysfs_path, subsystem, NULL, NULL);
  if (wwan_type)
    g_hash_table_insert (self->attrs, g_strdup ("type"), g_strdup (wwan_type));
  g_ptr_array_add (port->chain, self);
  if (iface_driver) {
    MdSysEntry *usb = entry (USB_PATH, "usb", "usb", "usb_device");

    g_hash_table_insert (usb->attrs, g_strdup ("idVendor"), g_strdup ("1234"));
    g_hash_table_insert (usb->attrs, g_strdup ("idProduct"), g_strdup ("5678"));
    g_ptr_array_add (port->chain, entry (iface_path, "usb", iface_driver, "usb_interface"));
    g_ptr_array_add (port->chain, usb);
  } else {
    g_ptr_array_add (port->chain, entry ("/sys/devices/pci0000:00/0000:00:1c.0/0000:01:00.0/wwan/wwan0",
                                         "wwan", NULL, NULL));
    g_ptr_array_add (port->chain, entry ("/sys/devices/pci0000:00/0000:00:1c.0/0000:01:00.0", "pci",
                                         "mhi-pci-generic", NULL));
  }
  for (guint i = 0; props && props[i]; i++) {
    g_auto (GStrv) kv = g_strsplit (props[i], "=", 2);

    g_hash_table_insert (port->properties, g_strdup (kv[0]), g_strdup (kv[1]));
  }
  md_port_typing_apply (port);
  return port;
}

static const struct {
  const char *subsystem;
  const char *name;
  const char *driver;
  const char *wwan_type;
  const char *props[4];
  MdPortKind kind;
  MdAtRoleFlags roles;
  guint baud;
  MdFlowControl flow;
} typing_cases[] = {
  { "usbmisc", "cdc-wdm0", "cdc_mbim", NULL, { NULL }, MD_PORT_KIND_MBIM },
  { "usbmisc", "cdc-wdm0", "qmi_wwan", NULL, { NULL }, MD_PORT_KIND_QMI },
  { "usb", "cdc-wdm0", "qmi_wwan", NULL, { NULL }, MD_PORT_KIND_QMI },
  { "usbmisc", "cdc-wdm0", "cdc_wdm", NULL, { NULL }, MD_PORT_KIND_AT_CANDIDATE },
  { "usbmisc", "cdc-wdm0", "cdc_wdm", NULL, { "ID_MM_PORT_TYPE_MBIM=1" }, MD_PORT_KIND_MBIM },
  { "net", "wwan0", "cdc_mbim", NULL, { NULL }, MD_PORT_KIND_NET },
  { "net", "wwan0", "qmi_wwan", NULL, { "ID_MM_PORT_TYPE_AT_PRIMARY=1" }, MD_PORT_KIND_NET },
  { "net", "wwan0", "qmi_wwan", NULL, { "ID_MM_PORT_IGNORE=1" }, MD_PORT_KIND_IGNORED },
  { "tty", "ttyUSB0", "option", NULL, { NULL }, MD_PORT_KIND_AT_CANDIDATE },
  { "tty",
    "ttyUSB0",
    "option",
    NULL,
    { "ID_MM_PORT_TYPE_AT_PRIMARY=1" },
    MD_PORT_KIND_AT,
    MD_AT_ROLE_PRIMARY },
  { "tty",
    "ttyUSB0",
    "option",
    NULL,
    { "ID_MD_PORT_TYPE_AT_SECONDARY=1", "ID_MM_PORT_TYPE_AT_PPP=1" },
    MD_PORT_KIND_AT,
    MD_AT_ROLE_SECONDARY | MD_AT_ROLE_PPP },
  { "tty", "ttyUSB0", "option", NULL, { "ID_MM_PORT_TYPE_AT_PRIMARY=0" }, MD_PORT_KIND_AT_CANDIDATE },
  { "tty", "ttyUSB1", "qcserial", NULL, { "ID_MM_PORT_TYPE_GPS=1" }, MD_PORT_KIND_GPS },
  { "tty", "ttyUSB2", "qcserial", NULL, { "ID_MM_PORT_TYPE_QCDM=1" }, MD_PORT_KIND_QCDM },
  { "tty", "ttyUSB3", "option", NULL, { "ID_MM_PORT_TYPE_AUDIO=1" }, MD_PORT_KIND_AUDIO },
  { "tty",
    "ttyUSB0",
    "option",
    NULL,
    { "ID_MM_PORT_IGNORE=1", "ID_MM_PORT_TYPE_AT_PRIMARY=1" },
    MD_PORT_KIND_IGNORED },
  { "tty", "ttyUSB0", "option", NULL, { "ID_MD_PORT_IGNORE=1" }, MD_PORT_KIND_IGNORED },
  { "tty",
    "ttyUSB0",
    "option",
    NULL,
    { "ID_MM_TTY_BAUDRATE=921600", "ID_MM_TTY_FLOW_CONTROL=rts-cts" },
    MD_PORT_KIND_AT_CANDIDATE,
    0,
    921600,
    MD_FLOW_CONTROL_RTS_CTS },
  { "tty",
    "ttyUSB0",
    "option",
    NULL,
    { "ID_MD_TTY_BAUDRATE=57600", "ID_MM_TTY_BAUDRATE=115200", "ID_MD_TTY_FLOW_CONTROL=xon-xoff" },
    MD_PORT_KIND_AT_CANDIDATE,
    0,
    57600,
    MD_FLOW_CONTROL_XON_XOFF },
  { "tty",
    "ttyUSB0",
    "option",
    NULL,
    { "ID_MM_TTY_BAUDRATE=fast", "ID_MM_TTY_FLOW_CONTROL=maybe" },
    MD_PORT_KIND_AT_CANDIDATE,
    0,
    0,
    MD_FLOW_CONTROL_UNSET },
  { "tty",
    "ttyUSB0",
    "option",
    NULL,
    { "ID_MM_TTY_BAUDRATE=0", "ID_MM_TTY_FLOW_CONTROL=none" },
    MD_PORT_KIND_AT_CANDIDATE,
    0,
    0,
    MD_FLOW_CONTROL_NONE },
  { "wwan", "wwan0mbim0", NULL, "MBIM", { NULL }, MD_PORT_KIND_MBIM },
  { "wwan", "wwan0at0", NULL, "AT", { NULL }, MD_PORT_KIND_AT },
  { "wwan", "wwan0qmi0", NULL, "QMI", { NULL }, MD_PORT_KIND_QMI },
  { "wwan", "wwan0qcdm0", NULL, "QCDM", { NULL }, MD_PORT_KIND_QCDM },
  { "wwan", "wwan0nmea0", NULL, "NMEA", { NULL }, MD_PORT_KIND_GPS },
  { "wwan", "wwan0firehose0", NULL, "FIREHOSE", { NULL }, MD_PORT_KIND_IGNORED },
  { "wwan", "wwan0xmmrpc0", NULL, "XMMRPC", { NULL }, MD_PORT_KIND_IGNORED },
  { "wwan",
    "wwan0at1",
    NULL,
    "AT",
    { "ID_MM_PORT_TYPE_AT_SECONDARY=1" },
    MD_PORT_KIND_AT,
    MD_AT_ROLE_SECONDARY },
  { "rpmsg", "rpmsg0", NULL, NULL, { NULL }, MD_PORT_KIND_AT_CANDIDATE },
  { "block", "sda", NULL, NULL, { NULL }, MD_PORT_KIND_IGNORED },
};

static void
test_typing (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (typing_cases); i++) {
    __typeof__ (typing_cases[0]) *c = &typing_cases[i];
    gboolean usb = !g_str_equal (c->subsystem, "wwan") && !g_str_equal (c->subsystem, "rpmsg");
    g_autoptr (MdDiscoveredPort) port
      = make_port (c->subsystem, c->name, 0, usb ? c->driver : NULL, c->wwan_type, c->props);

    g_test_message ("case %u: %s %s", i, c->subsystem, c->name);
    g_assert_cmpstr (md_port_kind_to_string (port->kind), ==, md_port_kind_to_string (c->kind));
    g_assert_cmpint (port->at_roles, ==, c->roles);
    g_assert_cmpuint (port->baudrate, ==, c->baud);
    g_assert_cmpint (port->flow_control, ==, c->flow);
    if (usb && c->driver)
      g_assert_cmpstr (port->driver, ==, c->driver);
  }
}

/* The driver of a tty below a usb-serial port device is the interface's. */
static void
test_driver (void)
{
  g_autoptr (MdDiscoveredPort) port = md_discovered_port_new ("tty", "ttyUSB0");
  g_autoptr (MdDiscoveredPort) uart = md_discovered_port_new ("tty", "ttyS0");

  g_ptr_array_add (port->chain, entry (USB_PATH "/1-2:1.0/ttyUSB0/tty/ttyUSB0", "tty", NULL, NULL));
  g_ptr_array_add (port->chain, entry (USB_PATH "/1-2:1.0/ttyUSB0", "usb-serial", "option1", NULL));
  g_ptr_array_add (port->chain, entry (USB_PATH "/1-2:1.0", "usb", "option", "usb_interface"));
  g_ptr_array_add (port->chain, entry (USB_PATH, "usb", "usb", "usb_device"));
  g_assert_cmpstr (md_port_typing_find_driver (port), ==, "option");
  g_ptr_array_add (uart->chain, entry ("/sys/devices/platform/serial8250/tty/ttyS0", "tty", NULL, NULL));
  g_ptr_array_add (uart->chain, entry ("/sys/devices/platform/serial8250", "platform", "serial8250", NULL));
  g_assert_cmpstr (md_port_typing_find_driver (uart), ==, "serial8250");
}

/* The USB interface a port hangs from pairs a qmi_wwan cdc-wdm with its
 * net interface (plugins/qmi/md-qmi-data-pair.c). */
static void
test_usb_interface (void)
{
  static const struct {
    const char *subsystem;
    const char *own;    /* the port's own class device, below the interface */
    const char *number; /* bInterfaceNumber; NULL: missing */
    gint expected;
  } cases[] = {
    { "usbmisc", "/usbmisc/cdc-wdm0", "08", 8 },
    { "net", "/net/wwan0", "08", 8 },
    { "net", "/net/wwan1", "0a", 10 },
    { "usbmisc", "/usbmisc/cdc-wdm2", "13", 19 },
    { "usbmisc", "/usbmisc/cdc-wdm3", NULL, -1 },
    { "usbmisc", "/usbmisc/cdc-wdm4", "zz", -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (MdDiscoveredPort) port = md_discovered_port_new (cases[i].subsystem, "x");
    g_autofree char *iface
      = g_strdup_printf ("%s/1-2:1.%d", USB_PATH, cases[i].expected < 0 ? 99 : cases[i].expected);
    g_autofree char *own = g_strconcat (iface, cases[i].own, NULL);
    MdSysEntry *interface = entry (iface, "usb", "qmi_wwan", "usb_interface");
    const MdSysEntry *found;
    gint number = 0;

    if (cases[i].number)
      g_hash_table_insert (interface->attrs, g_strdup ("bInterfaceNumber"), g_strdup (cases[i].number));
    g_ptr_array_add (port->chain, entry (own, cases[i].subsystem, NULL, NULL));
    g_ptr_array_add (port->chain, interface);
    g_ptr_array_add (port->chain, entry (USB_PATH, "usb", "usb", "usb_device"));
    found = md_port_typing_find_usb_interface (port, &number);
    g_assert_nonnull (found);
    g_assert_cmpstr (found->path, ==, iface);
    g_assert_cmpint (number, ==, cases[i].expected);
  }
}

static void
test_usb_interface_none (void)
{
  g_autoptr (MdDiscoveredPort) port = md_discovered_port_new ("wwan", "wwan0qmi0");
  gint number = 0;

  g_ptr_array_add (
    port->chain,
    entry ("/sys/devices/pci0000:00/0000:00:1c.0/0000:01:00.0/wwan/wwan0/wwan0qmi0", "wwan", NULL, NULL));
  g_ptr_array_add (
    port->chain, entry ("/sys/devices/pci0000:00/0000:00:1c.0/0000:01:00.0", "pci", "mhi-pci-generic", NULL));
  g_assert_null (md_port_typing_find_usb_interface (port, &number));
  g_assert_cmpint (number, ==, -1);
}

typedef struct {
  const char *subsystem;
  const char *name;
  const char *driver;
  const char *props[3];
} PortSpec;

static gboolean
evidence_yes (const MdDiscoveredDevice *device, const MdDiscoveredPort *port, gpointer user_data)
{
  *(guint *)user_data += 1;
  return TRUE;
}

static MdDiscoveredDevice *
make_device (const PortSpec *specs)
{
  MdDiscoveredDevice *device = NULL;

  for (guint i = 0; i < 3 && specs[i].subsystem; i++) {
    MdDiscoveredPort *port
      = make_port (specs[i].subsystem, specs[i].name, i, specs[i].driver, NULL, specs[i].props);

    if (!device)
      device = md_grouping_new_device (port);
    g_ptr_array_add (device->ports, port);
  }
  return device;
}

static void
test_evidence (void)
{
  enum { PLAIN, KNOWN_ID, HOOK };
  static const struct {
    PortSpec ports[3];
    int config;
    gboolean may_open; /* of the first port */
  } cases[] = {
    { { { "tty", "ttyUSB0", "option" } }, PLAIN, TRUE },
    { { { "tty", "ttyUSB0", "qcserial" } }, PLAIN, TRUE },
    { { { "tty", "ttyUSB0", "sierra" } }, PLAIN, TRUE },
    { { { "tty", "ttyACM0", "cdc_acm" } }, PLAIN, FALSE },
    { { { "tty", "ttyACM0", "cdc_acm", { "ID_MM_CANDIDATE=1", "ID_MD_CANDIDATE=1" } } }, PLAIN, FALSE },
    { { { "tty", "ttyACM0", "cdc_acm" }, { "usbmisc", "cdc-wdm0", "cdc_mbim" } }, PLAIN, TRUE },
    { { { "tty", "ttyACM0", "cdc_acm" }, { "usbmisc", "cdc-wdm0", "cdc_mbim", { "ID_MM_PORT_IGNORE=1" } } },
      PLAIN,
      FALSE },
    { { { "tty", "ttyACM0", "cdc_acm" }, { "net", "wwan0", "qmi_wwan" } }, PLAIN, TRUE },
    { { { "tty", "ttyACM0", "cdc_acm" }, { "net", "usb0", "cdc_ether" } }, PLAIN, FALSE },
    { { { "tty", "ttyACM0", "cdc_acm" }, { "net", "usb0", "cdc_ether", { "DEVTYPE=wwan" } } }, PLAIN, TRUE },
    { { { "tty", "ttyACM0", "cdc_acm" } }, KNOWN_ID, TRUE },
    { { { "tty", "ttyACM0", "cdc_acm" } }, HOOK, TRUE },
    { { { "tty", "ttyACM0", "cdc_acm", { "ID_MM_DEVICE_PROCESS=1" } } }, PLAIN, TRUE },
    { { { "tty", "ttyUSB0", "ftdi_sio" } }, PLAIN, FALSE },
    { { { "tty", "ttyUSB0", "ftdi_sio", { "ID_MM_CANDIDATE=1" } } }, PLAIN, FALSE },
    { { { "tty", "ttyUSB0", "ftdi_sio" } }, KNOWN_ID, FALSE },
    { { { "tty", "ttyUSB0", "ftdi_sio" }, { "net", "wwan0", "qmi_wwan" } }, PLAIN, FALSE },
    { { { "tty", "ttyUSB0", "ftdi_sio", { "ID_MD_DEVICE_PROCESS=1" } } }, PLAIN, TRUE },
    { { { "tty", "ttyUSB0", "ftdi_sio", { "ID_MM_PORT_TYPE_AT_PRIMARY=1" } } }, PLAIN, TRUE },
    { { { "tty", "ttyUSB0", "cp210x" } }, PLAIN, FALSE },
    { { { "tty", "ttyUSB0", "ch341" } }, PLAIN, FALSE },
    { { { "tty", "ttyUSB0", "pl2303" } }, PLAIN, FALSE },
    { { { "tty", "ttyUSB0", "option", { "ID_MM_PORT_IGNORE=1" } } }, PLAIN, FALSE },
    { { { "tty", "ttyUSB0", "option" }, { "tty", "ttyUSB1", "option", { "ID_MM_DEVICE_IGNORE=1" } } },
      PLAIN,
      FALSE },
    { { { "usbmisc", "cdc-wdm0", "qmi_wwan", { "ID_MD_DEVICE_IGNORE=1" } } }, PLAIN, FALSE },
    { { { "tty", "ttyUSB0", "option", { "ID_MM_DEVICE_IGNORE=1", "ID_MM_DEVICE_PROCESS=1" } } },
      PLAIN,
      TRUE },
    { { { "usbmisc", "cdc-wdm0", "cdc_mbim" } }, PLAIN, TRUE },
    { { { "usbmisc", "cdc-wdm0", "cdc_wdm" } }, PLAIN, TRUE },
    { { { "net", "wwan0", "cdc_mbim" } }, PLAIN, TRUE },
  };
  static const MdUsbId known[] = { { 0x1234, 0 } };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (MdDiscoveredDevice) device = make_device (cases[i].ports);
    MdDiscoveryConfig config = { 0 };
    guint hook_calls = 0;
    MdDiscoveredPort *port = g_ptr_array_index (device->ports, 0);

    if (cases[i].config == KNOWN_ID) {
      config.known_modems = known;
      config.n_known_modems = 1;
    } else if (cases[i].config == HOOK) {
      config.evidence_func = evidence_yes;
      config.evidence_data = &hook_calls;
    }
    md_port_evidence_apply (device, &config);
    g_test_message ("case %u: %s %s", i, port->name, port->driver);
    g_assert_cmpint (port->may_open, ==, cases[i].may_open);
    if (cases[i].config == HOOK)
      g_assert_cmpuint (hook_calls, >, 0);
  }
}

/* Platform UARTs are opened only when a rule asks for it. */
static void
test_evidence_uart (void)
{
  g_autoptr (MdDiscoveredPort) uart = md_discovered_port_new ("tty", "ttyS0");
  g_autoptr (MdDiscoveredDevice) device = NULL;
  MdDiscoveryConfig config = { 0 };

  g_ptr_array_add (uart->chain, entry ("/sys/devices/platform/serial8250/tty/ttyS0", "tty", NULL, NULL));
  g_ptr_array_add (uart->chain, entry ("/sys/devices/platform/serial8250", "platform", "serial8250", NULL));
  md_port_typing_apply (uart);
  device = md_grouping_new_device (uart);
  g_assert_cmpint (device->subsystem, ==, MD_PHYS_SUBSYSTEM_PLATFORM);
  g_ptr_array_add (device->ports, md_discovered_port_ref (uart));
  md_port_evidence_apply (device, &config);
  g_assert_cmpint (uart->kind, ==, MD_PORT_KIND_AT_CANDIDATE);
  g_assert_false (uart->may_open);
  g_assert_false (md_discovered_device_has_usable_control_port (device));
  g_hash_table_insert (uart->properties, g_strdup ("ID_MM_PLATFORM_DRIVER_PROBE"), g_strdup ("1"));
  md_port_evidence_apply (device, &config);
  g_assert_true (uart->may_open);
  g_assert_true (md_discovered_device_has_usable_control_port (device));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/discovery/typing/table", test_typing);
  g_test_add_func ("/discovery/typing/driver", test_driver);
  g_test_add_func ("/discovery/typing/usb-interface", test_usb_interface);
  g_test_add_func ("/discovery/typing/usb-interface-none", test_usb_interface_none);
  g_test_add_func ("/discovery/evidence/table", test_evidence);
  g_test_add_func ("/discovery/evidence/uart", test_evidence_uart);
  return g_test_run ();
}
