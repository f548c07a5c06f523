/* SPDX-License-Identifier: GPL-2.0-or-later */
/* MdDiscovery without udev: ports reported as kernel events (as
 * ReportKernelEvent and --initial-kernel-events deliver them) over a fake
 * sysfs tree; bad reports change nothing; readiness and removal. */
#include <glib/gstdio.h>
#include <stdlib.h>

#include "discovery-recorder.h"
#include "fake-modems.h"
#include "md-config.h"
#include "md-errors.h"

typedef struct {
  FakeSysfs *fs;
  MdDiscovery *discovery;
  DiscoveryRecorder rec;
} Fixture;

static void
fixture_start (Fixture *fx, guint usb_wait_ms, const char *initial_events)
{
  MdDiscoveryConfig config = {
    .backend = MD_DISCOVERY_BACKEND_KERNEL_EVENTS,
    .sysfs_root = fx->fs->sys,
    .initial_kernel_events = initial_events,
    .usb_wait_ms = usb_wait_ms,
  };

  fx->discovery = discovery_recorder_start (&fx->rec, &config);
}

static void
fixture_start_settle (Fixture *fx, guint usb_wait_ms, guint settle_ms)
{
  MdDiscoveryConfig config = {
    .backend = MD_DISCOVERY_BACKEND_KERNEL_EVENTS,
    .sysfs_root = fx->fs->sys,
    .usb_wait_ms = usb_wait_ms,
    .settle_ms = settle_ms,
  };

  fx->discovery = discovery_recorder_start (&fx->rec, &config);
}

static void
fixture_setup (Fixture *fx, gconstpointer data)
{
  fx->fs = fake_sysfs_new ();
}

static void
fixture_teardown (Fixture *fx, gconstpointer data)
{
  if (fx->discovery) {
    discovery_recorder_clear (&fx->rec);
    g_clear_object (&fx->discovery);
  }
  fake_sysfs_free (fx->fs);
}

static gboolean
report (Fixture *fx, const char *text, GError **error)
{
  g_autoptr (GVariantBuilder) builder = g_variant_builder_new (G_VARIANT_TYPE_VARDICT);
  g_auto (GStrv) pairs = g_strsplit (text, ",", -1);
  g_autoptr (GVariant) props = NULL;

  for (guint i = 0; pairs[i]; i++) {
    g_auto (GStrv) kv = g_strsplit (pairs[i], "=", 2);

    g_variant_builder_add (builder, "{sv}", kv[0], g_variant_new_string (kv[1] ? kv[1] : ""));
  }
  props = g_variant_ref_sink (g_variant_builder_end (builder));
  return md_discovery_report_kernel_event (fx->discovery, props, error);
}

static void
report_ok (Fixture *fx, const char *text)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (report (fx, text, &error));
  g_assert_no_error (error);
}

static char *
usb_uid (Fixture *fx, const char *path)
{
  g_autofree char *joined = g_build_filename (fx->fs->sys, "devices", path, NULL);

  return realpath (joined, NULL);
}

static MdDiscoveredPort *
find_port (MdDiscoveredDevice *device, const char *subsystem, const char *name)
{
  MdDiscoveredPort *port = md_discovered_device_find_port (device, subsystem, name);

  g_assert_nonnull (port);
  return port;
}

static void
test_bad_reports (Fixture *fx, gconstpointer data)
{
  static const struct {
    const char *text;
    int code;
  } cases[] = {
    { "subsystem=tty,name=ttyUSB0", MD_CORE_ERROR_INVALID_ARGS },
    { "action=add,name=ttyUSB0", MD_CORE_ERROR_INVALID_ARGS },
    { "action=add,subsystem=tty", MD_CORE_ERROR_INVALID_ARGS },
    { "action=bind,subsystem=tty,name=ttyUSB0", MD_CORE_ERROR_INVALID_ARGS },
    { "action=add,subsystem=input,name=event0", MD_CORE_ERROR_INVALID_ARGS },
    { "action=add,subsystem=tty,name=../../../etc", MD_CORE_ERROR_INVALID_ARGS },
    { "action=add,subsystem=tty,name=ttyUSB0/x", MD_CORE_ERROR_INVALID_ARGS },
    { "action=add,subsystem=tty,name=ttyUSB7", MD_CORE_ERROR_NOT_FOUND }, /* not in sysfs */
  };
  g_autoptr (GPtrArray) devices = NULL;

  fake_option_modem (fx->fs);
  fixture_start (fx, 60000, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;

    g_assert_false (report (fx, cases[i].text, &error));
    g_assert_error (error, MD_CORE_ERROR, cases[i].code);
  }
  /* Removing what was never added is fine and does nothing. */
  report_ok (fx, "action=remove,subsystem=tty,name=ttyUSB0");
  devices = md_discovery_dup_devices (fx->discovery);
  g_assert_cmpuint (devices->len, ==, 0);
  g_assert_cmpuint (fx->rec.events->len, ==, 0);
}

/* Three option ttys: the device waits for the interfaces still without a
 * port, is announced when the last tty arrives, and goes away with its
 * last control port. */
static void
test_option_modem (Fixture *fx, gconstpointer data)
{
  g_autofree char *uid = NULL;
  g_autofree char *added = NULL;
  g_autofree char *removed = NULL;
  MdDiscoveredDevice *device;
  g_auto (GStrv) drivers = NULL;

  fake_option_modem (fx->fs);
  fixture_start (fx, 60000, NULL);
  uid = usb_uid (fx, FAKE_OPTION_USB);
  added = g_strconcat ("device-added ", uid, NULL);
  removed = g_strconcat ("device-removed ", uid, NULL);
  report_ok (fx, "action=add,subsystem=tty,name=ttyUSB0");
  report_ok (fx, "action=add,subsystem=tty,name=ttyUSB2");
  g_assert_false (md_discovery_device_is_announced (fx->discovery, uid));
  report_ok (fx, "action=add,subsystem=tty,name=ttyUSB1");
  g_assert_true (md_discovery_device_is_announced (fx->discovery, uid));
  g_assert_cmpint (discovery_recorder_find (&fx->rec, added), ==, 0);
  device = md_discovery_lookup_device (fx->discovery, uid);
  g_assert_cmpuint (device->ports->len, ==, 3);
  g_assert_cmphex (device->usb_vendor, ==, 0x12d1);
  drivers = md_discovered_device_get_drivers (device);
  g_assert_cmpstrv (drivers, ((const char *const[]){ "option", NULL }));
  for (guint i = 0; i < 3; i++) {
    MdDiscoveredPort *port = g_ptr_array_index (device->ports, i);

    g_assert_cmpint (port->kind, ==, MD_PORT_KIND_AT_CANDIDATE);
    g_assert_true (port->may_open);
  }
  report_ok (fx, "action=add,subsystem=tty,name=ttyUSB1"); /* again: ignored */
  report_ok (fx, "action=remove,subsystem=tty,name=ttyUSB1");
  g_assert_cmpint (discovery_recorder_find (&fx->rec, "port-removed ttyUSB1"), ==, 1);
  report_ok (fx, "action=remove,subsystem=tty,name=ttyUSB0");
  report_ok (fx, "action=remove,subsystem=tty,name=ttyUSB2");
  g_assert_cmpint (discovery_recorder_find (&fx->rec, removed), ==, 3);
  g_assert_null (md_discovery_lookup_device (fx->discovery, uid));
}

/* Ports typed by their driver: MBIM announced once its net port is there. */
static void
test_mbim_modem (Fixture *fx, gconstpointer data)
{
  g_autofree char *uid = NULL;
  MdDiscoveredDevice *device;

  fake_mbim_modem (fx->fs, TRUE);
  fixture_start (fx, 60000, NULL);
  uid = usb_uid (fx, FAKE_MBIM_USB);
  report_ok (fx, "action=add,subsystem=usbmisc,name=cdc-wdm0");
  g_assert_false (md_discovery_device_is_announced (fx->discovery, uid));
  report_ok (fx, "action=add,subsystem=net,name=wwan0");
  g_assert_true (md_discovery_device_is_announced (fx->discovery, uid));
  device = md_discovery_lookup_device (fx->discovery, uid);
  g_assert_cmpint (find_port (device, "usbmisc", "cdc-wdm0")->kind, ==, MD_PORT_KIND_MBIM);
  g_assert_cmpint (find_port (device, "net", "wwan0")->kind, ==, MD_PORT_KIND_NET);
  g_assert_cmpstr (device->manufacturer, ==, "Sierra Wireless, Incorporated");
  g_assert_cmpstr (device->product, ==, "EM7455");
  /* The net port alone is no modem. */
  report_ok (fx, "action=remove,subsystem=usbmisc,name=cdc-wdm0");
  g_assert_null (md_discovery_lookup_device (fx->discovery, uid));
  g_assert_cmpint (discovery_recorder_find (&fx->rec, "port-removed cdc-wdm0"), ==, -1);
}

/* The wait for a missing port is bounded; the port that comes later joins. */
static void
test_late_net (Fixture *fx, gconstpointer data)
{
  g_autofree char *uid = NULL;
  g_autofree char *added = NULL;

  fake_mbim_modem (fx->fs, FALSE);
  fixture_start (fx, 20, NULL);
  uid = usb_uid (fx, FAKE_MBIM_USB);
  added = g_strconcat ("device-added ", uid, NULL);
  report_ok (fx, "action=add,subsystem=usbmisc,name=cdc-wdm0");
  discovery_recorder_wait (&fx->rec, added);
  fake_usb_net (fx->fs, FAKE_MBIM_USB, 12, "wwan0");
  report_ok (fx, "action=add,subsystem=net,name=wwan0");
  g_assert_cmpint (discovery_recorder_find (&fx->rec, "port-added wwan0"), ==, 1);
  g_assert_cmpuint (md_discovery_lookup_device (fx->discovery, uid)->ports->len, ==, 2);
}

/* Non-modems: never announced, nothing may open their ports. */
static void
test_non_modems (Fixture *fx, gconstpointer data)
{
  g_autofree char *ftdi = NULL;
  g_autofree char *arduino = NULL;
  MdDiscoveredDevice *device;

  fake_ftdi (fx->fs);
  fake_arduino (fx->fs);
  fixture_start (fx, 20, NULL);
  ftdi = usb_uid (fx, FAKE_FTDI_USB);
  arduino = usb_uid (fx, FAKE_ARDUINO_USB);
  report_ok (fx, "action=add,subsystem=tty,name=ttyUSB9");
  report_ok (fx, "action=add,subsystem=tty,name=ttyACM0");
  discovery_recorder_drain ();
  device = md_discovery_lookup_device (fx->discovery, ftdi);
  g_assert_false (find_port (device, "tty", "ttyUSB9")->may_open);
  g_assert_cmpstr (find_port (device, "tty", "ttyUSB9")->driver, ==, "ftdi_sio");
  device = md_discovery_lookup_device (fx->discovery, arduino);
  g_assert_false (find_port (device, "tty", "ttyACM0")->may_open);
  g_assert_cmpstr (find_port (device, "tty", "ttyACM0")->driver, ==, "cdc_acm");
  g_assert_false (md_discovery_device_is_announced (fx->discovery, ftdi));
  g_assert_false (md_discovery_device_is_announced (fx->discovery, arduino));
  g_assert_cmpuint (fx->rec.events->len, ==, 0);
}

/* A PCIe card is announced the moment its driver-typed MBIM port and its
 * net port are there (no quiet time: settle_ms is a minute here); the AT
 * port arriving after that joins with port-added. */
static void
test_pcie_modem (Fixture *fx, gconstpointer data)
{
  g_autofree char *uid = NULL;
  g_autofree char *added = NULL;
  MdDiscoveredDevice *device;

  fake_pcie_modem (fx->fs);
  fixture_start_settle (fx, 60000, 60000);
  uid = usb_uid (fx, FAKE_PCIE);
  added = g_strconcat ("device-added ", uid, NULL);
  report_ok (fx, "action=add,subsystem=wwan,name=wwan0mbim0");
  g_assert_cmpint (discovery_recorder_find (&fx->rec, added), <, 0);
  report_ok (fx, "action=add,subsystem=net,name=wwan0");
  /* At once, in the report's own call. */
  g_assert_cmpint (discovery_recorder_find (&fx->rec, added), ==, 0);
  report_ok (fx, "action=add,subsystem=wwan,name=wwan0at0");
  g_assert_cmpint (discovery_recorder_find (&fx->rec, "port-added wwan0at0"), ==, 1);
  device = md_discovery_lookup_device (fx->discovery, uid);
  g_assert_cmpuint (device->ports->len, ==, 3);
  g_assert_cmpint (device->subsystem, ==, MD_PHYS_SUBSYSTEM_PCI);
  g_assert_cmpint (find_port (device, "wwan", "wwan0at0")->kind, ==, MD_PORT_KIND_AT);
}

/* Without a driver-typed control port (only AT and net), a PCIe card
 * cannot tell what is still coming: announced once quiet for settle_ms. */
static void
test_pcie_at_only_settles (Fixture *fx, gconstpointer data)
{
  g_autofree char *uid = NULL;
  g_autofree char *added = NULL;

  fake_pcie_modem (fx->fs);
  fixture_start_settle (fx, 60000, 20);
  uid = usb_uid (fx, FAKE_PCIE);
  added = g_strconcat ("device-added ", uid, NULL);
  report_ok (fx, "action=add,subsystem=wwan,name=wwan0at0");
  report_ok (fx, "action=add,subsystem=net,name=wwan0");
  g_assert_cmpint (discovery_recorder_find (&fx->rec, added), <, 0);
  discovery_recorder_wait (&fx->rec, added);
  g_assert_cmpuint (md_discovery_lookup_device (fx->discovery, uid)->ports->len, ==, 2);
}

/* A device that vanishes before it was announced leaves nothing. */
static void
test_removed_mid_arrival (Fixture *fx, gconstpointer data)
{
  g_autofree char *uid = NULL;

  fake_option_modem (fx->fs);
  fixture_start (fx, 60000, NULL);
  uid = usb_uid (fx, FAKE_OPTION_USB);
  report_ok (fx, "action=add,subsystem=tty,name=ttyUSB0");
  g_assert_nonnull (md_discovery_lookup_device (fx->discovery, uid));
  report_ok (fx, "action=remove,subsystem=tty,name=ttyUSB0");
  g_assert_null (md_discovery_lookup_device (fx->discovery, uid));
  discovery_recorder_drain ();
  g_assert_cmpuint (fx->rec.events->len, ==, 0);
}

/* The reported uid groups ports of different sysfs parents. */
static void
test_reported_uid (Fixture *fx, gconstpointer data)
{
  MdDiscoveredDevice *device;

  fake_option_modem (fx->fs);
  fake_pcie_modem (fx->fs);
  fixture_start (fx, 60000, NULL);
  report_ok (fx, "action=add,subsystem=wwan,name=wwan0mbim0,uid=board-modem");
  report_ok (fx, "action=add,subsystem=tty,name=ttyUSB1,uid=board-modem");
  discovery_recorder_wait (&fx->rec, "device-added board-modem");
  device = md_discovery_lookup_device (fx->discovery, "board-modem");
  g_assert_cmpuint (device->ports->len, ==, 2);
}

/* --initial-kernel-events: present at start, so announced at once; a bad
 * line is skipped. */
static void
test_initial_events (Fixture *fx, gconstpointer data)
{
  g_autofree char *file = g_build_filename (fx->fs->dir, "initial-events", NULL);
  g_autofree char *uid = NULL;

  fake_option_modem (fx->fs);
  g_assert_true (g_file_set_contents (file,
                                      "action=add,subsystem=tty,name=ttyUSB0\n"
                                      "action=add,subsystem=tty,name=../ttyUSB1\n"
                                      "action=add,subsystem=tty,name=ttyUSB2\n",
                                      -1, NULL));
  fixture_start (fx, 60000, file);
  uid = usb_uid (fx, FAKE_OPTION_USB);
  g_assert_true (md_discovery_device_is_announced (fx->discovery, uid));
  g_assert_cmpuint (md_discovery_lookup_device (fx->discovery, uid)->ports->len, ==, 2);
}

static guint
count_fds (void)
{
  g_autoptr (GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  guint count = 0;

  while (g_dir_read_name (dir))
    count++;
  return count;
}

/* 100 plug/unplug cycles, some reported after the sysfs folder is gone:
 * nothing remains, announcements and removals pair up, no fd leaks. */
static void
test_storm (Fixture *fx, gconstpointer data)
{
  g_autofree char *uid = NULL;
  g_autofree char *added = NULL;
  g_autofree char *removed = NULL;
  guint fds;
  guint added_count = 0;
  guint removed_count = 0;

  fixture_start (fx, 60000, NULL);
  discovery_recorder_drain (); /* the main context's own wakeup fd */
  fds = count_fds ();
  for (guint i = 0; i < 100; i++) {
    g_autoptr (GError) error = NULL;

    fake_mbim_modem (fx->fs, TRUE);
    report_ok (fx, "action=add,subsystem=usbmisc,name=cdc-wdm0");
    if (i % 2 == 0)
      report_ok (fx, "action=add,subsystem=net,name=wwan0");
    fake_sysfs_remove (fx->fs, FAKE_MBIM_USB, NULL, NULL);
    fake_sysfs_remove (fx->fs, "nothing", "usbmisc", "cdc-wdm0");
    fake_sysfs_remove (fx->fs, "nothing", "net", "wwan0");
    /* Too late: the port is gone already. */
    if (i % 2 == 1) {
      g_assert_false (report (fx, "action=add,subsystem=net,name=wwan0", &error));
      g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_NOT_FOUND);
    }
    report_ok (fx, "action=remove,subsystem=net,name=wwan0");
    report_ok (fx, "action=remove,subsystem=usbmisc,name=cdc-wdm0");
  }
  discovery_recorder_drain ();
  g_assert_cmpuint (count_fds (), ==, fds);
  fake_mbim_modem (fx->fs, TRUE);
  uid = usb_uid (fx, FAKE_MBIM_USB);
  added = g_strconcat ("device-added ", uid, NULL);
  removed = g_strconcat ("device-removed ", uid, NULL);
  for (guint i = 0; i < fx->rec.events->len; i++) {
    const char *line = g_ptr_array_index (fx->rec.events, i);

    added_count += g_str_equal (line, added);
    removed_count += g_str_equal (line, removed);
  }
  g_assert_cmpuint (added_count, ==, 50);
  g_assert_cmpuint (removed_count, ==, 50);
  g_assert_null (md_discovery_lookup_device (fx->discovery, uid));
}

static void
test_udev_backend_refuses_reports (void)
{
  MdDiscoveryConfig config = { .backend = MD_DISCOVERY_BACKEND_UDEV };
  g_autoptr (GError) error = NULL;
  g_autoptr (MdDiscovery) discovery = md_discovery_new (&config, &error);
#if MD_WITH_UDEV
  g_autoptr (GVariant) props = g_variant_ref_sink (
    g_variant_new_parsed ("{'action': <'add'>, 'subsystem': <'tty'>, 'name': <'ttyUSB0'>}"));

  g_assert_no_error (error);
  g_assert_false (md_discovery_report_kernel_event (discovery, props, &error));
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED);
#else
  g_assert_null (discovery);
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED);
#endif
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn)                                                                                        \
  g_test_add ("/discovery/kernel/" path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("bad-reports", test_bad_reports);
  ADD ("option-modem", test_option_modem);
  ADD ("mbim-modem", test_mbim_modem);
  ADD ("late-net", test_late_net);
  ADD ("non-modems", test_non_modems);
  ADD ("pcie-modem", test_pcie_modem);
  ADD ("pcie-at-only-settles", test_pcie_at_only_settles);
  ADD ("removed-mid-arrival", test_removed_mid_arrival);
  ADD ("reported-uid", test_reported_uid);
  ADD ("initial-events", test_initial_events);
  ADD ("storm", test_storm);
#undef ADD
  g_test_add_func ("/discovery/kernel/udev-backend-refuses-reports", test_udev_backend_refuses_reports);
  return g_test_run ();
}
