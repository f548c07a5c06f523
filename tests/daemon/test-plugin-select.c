/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Plugin choice from match tables (src/daemon/md-plugin-select.c): vendor,
 * driver and tag matches before protocol plugins, every list of a table
 * must match, ignored ports count for nothing. */
#include "md-plugin-select.h"

static const char *const any_control[] = { "tty", "usbmisc", "wwan", "net", NULL };
static const guint16 quectel_ids[] = { 0x2c7c, 0 };
static const char *const sierra_drivers[] = { "sierra", NULL };
static const char *const tty_only[] = { "tty", NULL };
static const char *const fancy_tag[] = { "ID_MD_FANCY", NULL };

static const MdPlugin protocol = { .name = "protocol", .match = { .subsystems = any_control } };
static const MdPlugin vendor
  = { .name = "vendor", .match = { .vendor_ids = quectel_ids, .subsystems = tty_only } };
static const MdPlugin by_driver = { .name = "by-driver", .match = { .drivers = sierra_drivers } };
static const MdPlugin by_tag = { .name = "by-tag", .match = { .udev_tags = fancy_tag } };

/* The protocol plugin first in the list: order alone must not win. */
static const MdPlugin *const plugins[] = { &protocol, &vendor, &by_driver, &by_tag, NULL };

static MdDiscoveredDevice *
device_with (guint16 vid, const char *subsystem, const char *driver, MdPortKind kind, const char *tag)
{
  MdDiscoveredDevice *device = md_discovered_device_new ("/sys/devices/usb1/1-2", "/sys/devices/usb1/1-2");
  MdDiscoveredPort *port = md_discovered_port_new (subsystem, "port0");

  device->usb_vendor = vid;
  port->driver = g_strdup (driver);
  port->kind = kind;
  if (tag)
    g_hash_table_insert (port->properties, g_strdup (tag), g_strdup ("1"));
  g_ptr_array_add (device->ports, port);
  return device;
}

static void
test_select (void)
{
  const struct {
    guint16 vid;
    const char *subsystem;
    const char *driver;
    MdPortKind kind;
    const char *tag;
    const char *expected; /* NULL: no plugin */
  } cases[] = {
    { 0x12d1, "tty", "option", MD_PORT_KIND_AT_CANDIDATE, NULL, "protocol" },
    { 0x2c7c, "tty", "option", MD_PORT_KIND_AT_CANDIDATE, NULL, "vendor" },
    /* The vendor table also names tty: a Quectel MBIM port alone is not its. */
    { 0x2c7c, "usbmisc", "cdc_mbim", MD_PORT_KIND_MBIM, NULL, "protocol" },
    { 0x1199, "tty", "sierra", MD_PORT_KIND_AT_CANDIDATE, NULL, "by-driver" },
    { 0x1199, "tty", "option", MD_PORT_KIND_AT, "ID_MD_FANCY", "by-tag" },
    /* An ignored port matches nothing. */
    { 0x1199, "tty", "sierra", MD_PORT_KIND_IGNORED, NULL, NULL },
    { 0x1199, "rpmsg", "other", MD_PORT_KIND_AT_CANDIDATE, NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (MdDiscoveredDevice) device
      = device_with (cases[i].vid, cases[i].subsystem, cases[i].driver, cases[i].kind, cases[i].tag);
    const MdPlugin *plugin = md_plugin_select (plugins, device);

    g_test_message ("case %u", i);
    g_assert_cmpstr (plugin ? plugin->name : NULL, ==, cases[i].expected);
  }
}

static void
test_pci_vendor (void)
{
  g_autoptr (MdDiscoveredDevice) device = device_with (0, "tty", "option", MD_PORT_KIND_AT, NULL);

  device->pci_vendor = 0x2c7c;
  g_assert_true (md_plugin_matches (&vendor, device));
  device->pci_vendor = 0x17cb;
  g_assert_false (md_plugin_matches (&vendor, device));
}

/* The built-in plugins: a Quectel device (USB vendor 0x2c7c) gets the
 * quectel plugin, whatever its ports; any other device generic. */
static void
test_builtin_plugins (void)
{
  const struct {
    guint16 vid;
    const char *subsystem;
    const char *driver;
    MdPortKind kind;
    const char *expected;
  } cases[] = {
    { 0x2c7c, "tty", "option", MD_PORT_KIND_AT_CANDIDATE, "quectel" },
    { 0x2c7c, "usbmisc", "cdc_mbim", MD_PORT_KIND_MBIM, "quectel" },
    { 0x2c7c, "wwan", "mhi_wwan_ctrl", MD_PORT_KIND_MBIM, "quectel" },
    { 0x1199, "usbmisc", "cdc_mbim", MD_PORT_KIND_MBIM, "generic" },
    { 0x12d1, "tty", "option", MD_PORT_KIND_AT_CANDIDATE, "generic" },
    { 0x2c7d, "tty", "option", MD_PORT_KIND_AT_CANDIDATE, "generic" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (MdDiscoveredDevice) device
      = device_with (cases[i].vid, cases[i].subsystem, cases[i].driver, cases[i].kind, NULL);
    const MdPlugin *plugin = md_plugin_select (md_plugin_list (), device);

    g_test_message ("case %u", i);
    g_assert_nonnull (plugin);
    g_assert_cmpstr (plugin->name, ==, cases[i].expected);
  }
  g_assert_true (md_plugin_find ("Quectel") == md_plugin_find ("quectel"));
}

static void
test_known_usb_ids (void)
{
  g_autoptr (GArray) ids = md_plugin_known_usb_ids (plugins);

  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmphex (g_array_index (ids, MdUsbId, 0).vendor, ==, 0x2c7c);
  g_assert_cmphex (g_array_index (ids, MdUsbId, 0).product, ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plugin-select/select", test_select);
  g_test_add_func ("/plugin-select/pci-vendor", test_pci_vendor);
  g_test_add_func ("/plugin-select/known-usb-ids", test_known_usb_ids);
  g_test_add_func ("/plugin-select/builtin", test_builtin_plugins);
  return g_test_run ();
}
