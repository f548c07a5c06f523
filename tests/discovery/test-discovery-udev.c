/* SPDX-License-Identifier: GPL-2.0-or-later */
/* MdDiscovery on the udev backend, against umockdev testbeds: modems found
 * at start and on hotplug, non-modems left alone (never announced, never
 * opened), udev properties honoured, unplug/replug, a late net port, a
 * device removed mid-arrival, a uevent storm. Runs under the umockdev
 * preload (meson sets LD_PRELOAD). */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "discovery-recorder.h"
#include "md-testbed.h"

#define WAIT_LIMIT_US (30 * G_USEC_PER_SEC)

typedef struct {
  UMockdevTestbed *tb;
  MdDiscovery *discovery;
  DiscoveryRecorder rec;
} Fixture;

static void
fixture_setup (Fixture *fx, gconstpointer data)
{
  fx->tb = umockdev_testbed_new ();
  g_assert_true (umockdev_in_mock_environment ());
}

static void
fixture_start_settle (Fixture *fx, guint usb_wait_ms, guint settle_ms)
{
  MdDiscoveryConfig config
    = { .backend = MD_DISCOVERY_BACKEND_UDEV, .usb_wait_ms = usb_wait_ms, .settle_ms = settle_ms };

  fx->discovery = discovery_recorder_start (&fx->rec, &config);
}

static void
fixture_start (Fixture *fx, guint usb_wait_ms)
{
  fixture_start_settle (fx, usb_wait_ms, 0);
}

static void
fixture_teardown (Fixture *fx, gconstpointer data)
{
  if (fx->discovery) {
    discovery_recorder_clear (&fx->rec);
    g_clear_object (&fx->discovery);
  }
  g_clear_object (&fx->tb);
}

static char *
added (const MdTestbedDevice *device)
{
  return g_strconcat ("device-added ", device->sysfs_path, NULL);
}

static char *
removed (const MdTestbedDevice *device)
{
  return g_strconcat ("device-removed ", device->sysfs_path, NULL);
}

static void
wait_added (Fixture *fx, const MdTestbedDevice *device)
{
  g_autofree char *line = added (device);

  discovery_recorder_wait (&fx->rec, line);
}

static MdDiscoveredPort *
port_of (Fixture *fx, const char *uid, const char *subsystem, const char *name)
{
  MdDiscoveredDevice *device = md_discovery_lookup_device (fx->discovery, uid);
  MdDiscoveredPort *port;

  g_assert_nonnull (device);
  port = md_discovered_device_find_port (device, subsystem, name);
  g_assert_nonnull (port);
  return port;
}

/* Waits until the main context has handled every uevent sent so far: a
 * sentinel modem plugged last is announced only after them. */
static void
flush_uevents (Fixture *fx, const char *busid, guint first_tty)
{
  g_autoptr (MdTestbedDevice) sentinel = md_testbed_option_modem (fx->tb, busid, first_tty, NULL);

  wait_added (fx, sentinel);
}

/* Number of fds of this process open on the pty slave behind node. */
static guint
fds_on_node (Fixture *fx, const char *node)
{
  int master = umockdev_testbed_get_dev_fd (fx->tb, node);
  g_autoptr (GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  const char *slave;
  const char *entry;
  guint count = 0;

  g_assert_cmpint (master, >=, 0);
  slave = ptsname (master);
  g_assert_nonnull (slave);
  while ((entry = g_dir_read_name (dir))) {
    g_autofree char *link = g_build_filename ("/proc/self/fd", entry, NULL);
    g_autofree char *target = g_file_read_link (link, NULL);

    if (g_strcmp0 (target, slave) == 0)
      count++;
  }
  return count;
}

/* Nothing was written to node: its pty master has no input (EAGAIN, or
 * EIO while no one has the other end open). */
static void
assert_nothing_written (Fixture *fx, const char *node)
{
  int master = umockdev_testbed_get_dev_fd (fx->tb, node);
  int flags = fcntl (master, F_GETFL);
  char byte;

  g_assert_cmpint (fcntl (master, F_SETFL, flags | O_NONBLOCK), ==, 0);
  g_assert_cmpint (read (master, &byte, 1), ==, -1);
  g_assert_true (errno == EAGAIN || errno == EIO);
  g_assert_cmpint (fcntl (master, F_SETFL, flags), ==, 0);
}

/* Everything present at start: modems announced at once, without a wait;
 * the FTDI adapter and the Arduino are never announced nor opened. */
static void
test_coldplug (Fixture *fx, gconstpointer data)
{
  g_autoptr (MdTestbedDevice) mbim = md_testbed_mbim_modem (fx->tb, "1-1", "cdc-wdm0", "wwan0", NULL);
  g_autoptr (MdTestbedDevice) option = md_testbed_option_modem (fx->tb, "1-2", 0, NULL);
  g_autoptr (MdTestbedDevice) pcie = md_testbed_pcie_modem (fx->tb, "0000:01:00.0", 1, NULL);
  g_autoptr (MdTestbedDevice) mbim_at
    = md_testbed_mbim_at_modem (fx->tb, "1-3", "cdc-wdm1", "wwan2", "ttyACM0", "ttyACM1", NULL);
  g_autoptr (MdTestbedDevice) ftdi = md_testbed_ftdi (fx->tb, "1-5", "ttyUSB9");
  g_autoptr (MdTestbedDevice) arduino = md_testbed_arduino (fx->tb, "1-6", "ttyACM5");
  g_autoptr (GPtrArray) devices = NULL;
  guint events;

  fixture_start (fx, 60000);
  /* Announced during start, before any event was handled. */
  devices = md_discovery_dup_devices (fx->discovery);
  g_assert_cmpuint (devices->len, ==, 4);
  g_assert_true (md_discovery_device_is_announced (fx->discovery, mbim->sysfs_path));
  g_assert_true (md_discovery_device_is_announced (fx->discovery, option->sysfs_path));
  g_assert_true (md_discovery_device_is_announced (fx->discovery, pcie->sysfs_path));
  g_assert_true (md_discovery_device_is_announced (fx->discovery, mbim_at->sysfs_path));
  g_assert_cmpuint (md_discovery_lookup_device (fx->discovery, pcie->sysfs_path)->ports->len, ==, 3);
  g_assert_cmpint (port_of (fx, mbim->sysfs_path, "usbmisc", "cdc-wdm0")->kind, ==, MD_PORT_KIND_MBIM);
  g_assert_cmpint (port_of (fx, pcie->sysfs_path, "wwan", "wwan1at0")->kind, ==, MD_PORT_KIND_AT);
  g_assert_cmpint (port_of (fx, pcie->sysfs_path, "wwan", "wwan1mbim0")->kind, ==, MD_PORT_KIND_MBIM);
  /* The cdc_acm ttys of the MBIM modem may be probed: the cdc-wdm beside
   * them is the evidence. The Arduino's may not. */
  g_assert_true (port_of (fx, mbim_at->sysfs_path, "tty", "ttyACM1")->may_open);
  g_assert_false (port_of (fx, arduino->sysfs_path, "tty", "ttyACM5")->may_open);
  g_assert_false (port_of (fx, ftdi->sysfs_path, "tty", "ttyUSB9")->may_open);
  g_assert_false (md_discovery_device_is_announced (fx->discovery, ftdi->sysfs_path));
  g_assert_false (md_discovery_device_is_announced (fx->discovery, arduino->sysfs_path));
  /* ScanDevices finds nothing new. */
  events = fx->rec.events->len;
  md_discovery_rescan (fx->discovery);
  g_assert_cmpuint (fx->rec.events->len, ==, events);
  flush_uevents (fx, "1-9", 20);
  g_assert_false (md_discovery_device_is_announced (fx->discovery, ftdi->sysfs_path));
  g_assert_false (md_discovery_device_is_announced (fx->discovery, arduino->sysfs_path));
  g_assert_cmpuint (fds_on_node (fx, "/dev/ttyUSB9"), ==, 0);
  g_assert_cmpuint (fds_on_node (fx, "/dev/ttyACM5"), ==, 0);
  assert_nothing_written (fx, "/dev/ttyUSB9");
  assert_nothing_written (fx, "/dev/ttyACM5");
}

/* Plugged in while running: each modem is announced once its ports are
 * there, with the identity of its USB descriptors. */
static void
test_hotplug (Fixture *fx, gconstpointer data)
{
  g_autoptr (MdTestbedDevice) ftdi = NULL;
  g_autoptr (MdTestbedDevice) arduino = NULL;
  g_autoptr (MdTestbedDevice) mbim = NULL;
  g_autoptr (MdTestbedDevice) option = NULL;
  g_autoptr (MdTestbedDevice) pcie = NULL;
  MdDiscoveredDevice *device;
  g_auto (GStrv) drivers = NULL;

  fixture_start (fx, 60000);
  ftdi = md_testbed_ftdi (fx->tb, "1-5", "ttyUSB9");
  arduino = md_testbed_arduino (fx->tb, "1-6", "ttyACM5");
  mbim = md_testbed_mbim_modem (fx->tb, "1-1", "cdc-wdm0", "wwan0", NULL);
  wait_added (fx, mbim);
  device = md_discovery_lookup_device (fx->discovery, mbim->sysfs_path);
  g_assert_cmpuint (device->ports->len, ==, 2);
  g_assert_cmphex (device->usb_vendor, ==, 0x1199);
  g_assert_cmphex (device->usb_product, ==, 0x9079);
  g_assert_cmpstr (device->manufacturer, ==, "Sierra Wireless, Incorporated");
  g_assert_cmpstr (device->product, ==, "EM7455");
  drivers = md_discovered_device_get_drivers (device);
  g_assert_cmpstrv (drivers, ((const char *const[]){ "cdc_mbim", NULL }));
  g_assert_cmpstr (port_of (fx, mbim->sysfs_path, "usbmisc", "cdc-wdm0")->device_file, ==, "/dev/cdc-wdm0");

  option = md_testbed_option_modem (fx->tb, "1-2", 0, NULL);
  wait_added (fx, option);
  g_assert_cmpuint (md_discovery_lookup_device (fx->discovery, option->sysfs_path)->ports->len, ==, 3);
  pcie = md_testbed_pcie_modem (fx->tb, "0000:01:00.0", 1, NULL);
  wait_added (fx, pcie);
  /* The non-modems were plugged first, so their events were handled. */
  g_assert_false (md_discovery_device_is_announced (fx->discovery, ftdi->sysfs_path));
  g_assert_false (md_discovery_device_is_announced (fx->discovery, arduino->sysfs_path));
  g_assert_cmpuint (fds_on_node (fx, "/dev/ttyUSB9"), ==, 0);
  g_assert_cmpuint (fds_on_node (fx, "/dev/ttyACM5"), ==, 0);
  assert_nothing_written (fx, "/dev/ttyUSB9");
  assert_nothing_written (fx, "/dev/ttyACM5");
}

/* Unplug removes the device; a replug (fresh node names) is a new device. */
static void
test_unplug_replug (Fixture *fx, gconstpointer data)
{
  g_autoptr (MdTestbedDevice) first = NULL;
  g_autoptr (MdTestbedDevice) again = NULL;
  g_autofree char *gone = NULL;

  fixture_start (fx, 60000);
  first = md_testbed_mbim_modem (fx->tb, "1-1", "cdc-wdm0", "wwan0", NULL);
  wait_added (fx, first);
  gone = removed (first);
  md_testbed_unplug (fx->tb, first);
  discovery_recorder_wait (&fx->rec, gone);
  g_assert_null (md_discovery_lookup_device (fx->discovery, first->sysfs_path));
  again = md_testbed_mbim_modem (fx->tb, "1-4", "cdc-wdm1", "wwan1", NULL);
  wait_added (fx, again);
  g_assert_nonnull (md_discovered_device_find_port (
    md_discovery_lookup_device (fx->discovery, again->sysfs_path), "usbmisc", "cdc-wdm1"));
}

/* ScanDevices: what appeared while no uevent was followed is found and
 * announced at once; a second scan adds nothing. */
static void
test_rescan (Fixture *fx, gconstpointer data)
{
  g_autoptr (MdTestbedDevice) option = NULL;
  g_autofree char *line = NULL;
  guint events;

  fixture_start (fx, 60000);
  md_discovery_stop (fx->discovery);
  option = md_testbed_option_modem (fx->tb, "1-2", 0, NULL);
  g_assert_null (md_discovery_lookup_device (fx->discovery, option->sysfs_path));
  md_discovery_rescan (fx->discovery);
  line = added (option);
  g_assert_cmpint (discovery_recorder_find (&fx->rec, line), ==, 0);
  g_assert_cmpuint (md_discovery_lookup_device (fx->discovery, option->sysfs_path)->ports->len, ==, 3);
  events = fx->rec.events->len;
  md_discovery_rescan (fx->discovery);
  g_assert_cmpuint (fx->rec.events->len, ==, events);
}

/* The wait for a missing net port is bounded; when it comes, it joins. */
static void
test_late_net (Fixture *fx, gconstpointer data)
{
  g_autoptr (MdTestbedDevice) mbim = NULL;

  fixture_start (fx, 20);
  mbim = md_testbed_mbim_modem (fx->tb, "1-1", "cdc-wdm0", NULL, NULL);
  wait_added (fx, mbim);
  md_testbed_usb_net (fx->tb, mbim, 12, "wwan0", NULL);
  discovery_recorder_wait (&fx->rec, "port-added wwan0");
  g_assert_cmpuint (md_discovery_lookup_device (fx->discovery, mbim->sysfs_path)->ports->len, ==, 2);
}

/* ID_MM_PORT_IGNORE drops one port; ID_MM_PORT_TYPE_AT_PRIMARY types one;
 * ID_MM_TTY_BAUDRATE and our ID_MD_ names are read too. */
static void
test_port_properties (Fixture *fx, gconstpointer data)
{
  const char *props[] = { "ttyUSB1:ID_MM_PORT_IGNORE=1", "ttyUSB2:ID_MM_PORT_TYPE_AT_PRIMARY=1",
                          "ttyUSB2:ID_MD_TTY_BAUDRATE=921600", "ttyUSB0:ID_MM_PORT_TYPE_GPS=1", NULL };
  g_autoptr (MdTestbedDevice) option = NULL;
  MdDiscoveredPort *port;

  fixture_start (fx, 60000);
  option = md_testbed_option_modem (fx->tb, "1-2", 0, props);
  wait_added (fx, option);
  port = port_of (fx, option->sysfs_path, "tty", "ttyUSB1");
  g_assert_cmpint (port->kind, ==, MD_PORT_KIND_IGNORED);
  g_assert_false (port->may_open);
  port = port_of (fx, option->sysfs_path, "tty", "ttyUSB2");
  g_assert_cmpint (port->kind, ==, MD_PORT_KIND_AT);
  g_assert_cmpint (port->at_roles, ==, MD_AT_ROLE_PRIMARY);
  g_assert_cmpuint (port->baudrate, ==, 921600);
  g_assert_true (port->may_open);
  g_assert_cmpint (port_of (fx, option->sysfs_path, "tty", "ttyUSB0")->kind, ==, MD_PORT_KIND_GPS);
}

/* ID_MM_DEVICE_IGNORE: the modem is never announced nor opened. */
static void
test_device_ignore (Fixture *fx, gconstpointer data)
{
  const char *props[] = { "*:ID_MM_DEVICE_IGNORE=1", NULL };
  g_autoptr (MdTestbedDevice) ignored = NULL;
  MdDiscoveredDevice *device;

  fixture_start (fx, 60000);
  ignored = md_testbed_mbim_modem (fx->tb, "1-1", "cdc-wdm0", "wwan0", props);
  flush_uevents (fx, "1-9", 20);
  device = md_discovery_lookup_device (fx->discovery, ignored->sysfs_path);
  g_assert_nonnull (device);
  g_assert_true (device->ignored);
  g_assert_false (md_discovery_device_is_announced (fx->discovery, ignored->sysfs_path));
  for (guint i = 0; i < device->ports->len; i++)
    g_assert_false (((MdDiscoveredPort *)g_ptr_array_index (device->ports, i))->may_open);
  g_assert_cmpuint (fds_on_node (fx, "/dev/cdc-wdm0"), ==, 0);
}

static gboolean
has_ports (Fixture *fx, const char *uid, guint count)
{
  MdDiscoveredDevice *device = md_discovery_lookup_device (fx->discovery, uid);

  return device && device->ports->len == count;
}

/* ID_MM_PHYSDEV_UID puts ports of two USB devices into one device. */
static void
test_physdev_uid (Fixture *fx, gconstpointer data)
{
  const char *props[] = { "*:ID_MM_PHYSDEV_UID=modem-X", NULL };
  g_autoptr (MdTestbedDevice) mbim = NULL;
  g_autoptr (MdTestbedDevice) option = NULL;
  g_autoptr (GPtrArray) devices = NULL;
  gint64 deadline = g_get_monotonic_time () + WAIT_LIMIT_US;

  fixture_start (fx, 60000);
  mbim = md_testbed_mbim_modem (fx->tb, "1-1", "cdc-wdm0", "wwan0", props);
  discovery_recorder_wait (&fx->rec, "device-added modem-X");
  option = md_testbed_option_modem (fx->tb, "1-2", 0, props);
  while (!has_ports (fx, "modem-X", 5)) {
    g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    g_main_context_iteration (NULL, TRUE);
  }
  g_assert_cmpint (discovery_recorder_find (&fx->rec, "port-added ttyUSB2"), >, 0);
  devices = md_discovery_dup_devices (fx->discovery);
  g_assert_cmpuint (devices->len, ==, 1);
}

/* A device that goes away before all its ports arrived leaves nothing. */
static void
test_removed_mid_arrival (Fixture *fx, gconstpointer data)
{
  g_autoptr (MdTestbedDevice) option = NULL;
  gint64 deadline = g_get_monotonic_time () + WAIT_LIMIT_US;

  fixture_start (fx, 60000);
  option = md_testbed_usb_device (fx->tb, "1-2", "12d1", "1506", "Huawei Technologies", "Mobile Connect", 3);
  for (guint i = 0; i < 3; i++)
    md_testbed_usb_interface (fx->tb, option, i, "ff", "option");
  md_testbed_usb_serial_tty (fx->tb, option, 0, "option1", "ttyUSB0", NULL);
  while (!md_discovery_lookup_device (fx->discovery, option->sysfs_path)) {
    g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    g_main_context_iteration (NULL, TRUE);
  }
  g_assert_false (md_discovery_device_is_announced (fx->discovery, option->sysfs_path));
  md_testbed_unplug (fx->tb, option);
  while (md_discovery_lookup_device (fx->discovery, option->sysfs_path)) {
    g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    g_main_context_iteration (NULL, TRUE);
  }
  g_assert_cmpuint (fx->rec.events->len, ==, 0);
}

/* fds of this process other than umockdev's per-node pty masters and
 * eventfds. */
static guint
count_other_fds (void)
{
  g_autoptr (GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  const char *entry;
  guint count = 0;

  while ((entry = g_dir_read_name (dir))) {
    g_autofree char *link = g_build_filename ("/proc/self/fd", entry, NULL);
    g_autofree char *target = g_file_read_link (link, NULL);

    if (target && !g_str_equal (target, "/dev/ptmx") && !g_str_has_prefix (target, "anon_inode:[eventfd]"))
      count++;
  }
  return count;
}

/* A device added and removed 100 times quickly: no device remains, every
 * announcement was matched by a removal, no fd leaked. */
static void
test_uevent_storm (Fixture *fx, gconstpointer data)
{
  guint fds_before;
  g_autoptr (GPtrArray) devices = NULL;
  g_autoptr (MdTestbedDevice) sentinel = NULL;
  guint added_count = 0;
  guint removed_count = 0;

  fixture_start (fx, 60000);
  fds_before = count_other_fds ();
  for (guint i = 0; i < 100; i++) {
    g_autofree char *busid = g_strdup_printf ("2-%u", i + 1);
    g_autofree char *wdm = g_strdup_printf ("cdc-wdm%u", i + 10);
    g_autofree char *net = g_strdup_printf ("wwan%u", i + 10);
    g_autoptr (MdTestbedDevice) device = md_testbed_mbim_modem (fx->tb, busid, wdm, net, NULL);

    if (i % 3 == 0)
      g_main_context_iteration (NULL, FALSE);
    md_testbed_unplug (fx->tb, device);
  }
  /* The sentinel has no tty: each tty node of the testbed holds an ioctl
   * socket of umockdev in this process, which would count as an fd. */
  sentinel = md_testbed_mbim_modem (fx->tb, "1-9", "cdc-wdm9", "wwan9", NULL);
  wait_added (fx, sentinel);
  devices = md_discovery_dup_devices (fx->discovery);
  g_assert_cmpuint (devices->len, ==, 1); /* the sentinel */
  for (guint i = 0; i < fx->rec.events->len; i++) {
    const char *line = g_ptr_array_index (fx->rec.events, i);

    if (g_str_has_prefix (line, "device-added ") && strstr (line, "/usb1/2-"))
      added_count++;
    if (g_str_has_prefix (line, "device-removed ") && strstr (line, "/usb1/2-"))
      removed_count++;
  }
  g_test_message ("storm: %u of 100 devices announced before their removal", added_count);
  g_assert_cmpuint (added_count, ==, removed_count);
  g_assert_cmpuint (count_other_fds (), ==, fds_before);
}

/* Many USB devices arriving together (an SMS gateway's hub): each is
 * announced with its own ports once they are all there, and one whose
 * MBIM interface still lacks its net port waits for it. A device's
 * readiness reads its own interfaces: were it given the bus's, the
 * waiting device would hold every other one back; were it given none,
 * the waiting one would be announced without its net port. */
static void
test_many_at_once (Fixture *fx, gconstpointer data)
{
  const guint count = 12;
  const guint ports_of_kind[] = { 2, 2, 3 }; /* qmi, mbim, option */
  g_autoptr (GPtrArray) devices = g_ptr_array_new_with_free_func ((GDestroyNotify)md_testbed_device_free);
  g_autoptr (MdTestbedDevice) waiting = NULL;
  g_autofree char *waiting_line = NULL;

  fixture_start (fx, 60000);
  waiting = md_testbed_mbim_modem (fx->tb, "3-30", "cdc-wdm30", NULL, NULL);
  for (guint i = 0; i < count; i++) {
    g_autofree char *busid = g_strdup_printf ("3-%u", i + 1);
    g_autofree char *wdm = g_strdup_printf ("cdc-wdm%u", i);
    g_autofree char *net = g_strdup_printf ("wwan%u", i);

    if (i % 3 == 0)
      g_ptr_array_add (devices, md_testbed_qmi_modem (fx->tb, busid, wdm, net, NULL));
    else if (i % 3 == 1)
      g_ptr_array_add (devices, md_testbed_mbim_modem (fx->tb, busid, wdm, net, NULL));
    else
      g_ptr_array_add (devices, md_testbed_option_modem (fx->tb, busid, 3 * i, NULL));
    /* umockdev's uevent socket holds only a few events. */
    g_main_context_iteration (NULL, FALSE);
  }
  for (guint i = 0; i < count; i++) {
    MdTestbedDevice *device = g_ptr_array_index (devices, i);

    wait_added (fx, device);
    g_assert_cmpuint (md_discovery_lookup_device (fx->discovery, device->sysfs_path)->ports->len, ==,
                      ports_of_kind[i % 3]);
  }
  waiting_line = added (waiting);
  g_assert_cmpint (discovery_recorder_find (&fx->rec, waiting_line), <, 0);
  md_testbed_usb_net (fx->tb, waiting, 12, "wwan30", NULL);
  wait_added (fx, waiting);
  g_assert_cmpuint (md_discovery_lookup_device (fx->discovery, waiting->sysfs_path)->ports->len, ==, 2);
}

/* Each emulated node is a pty: bytes written to the node reach the
 * testbed's end (where modem-sim can sit). */
static void
test_node_is_pty (Fixture *fx, gconstpointer data)
{
  g_autoptr (MdTestbedDevice) option = NULL;
  MdDiscoveredPort *port;
  char buffer[8] = { 0 };
  int fd;
  int master;

  fixture_start (fx, 60000);
  option = md_testbed_option_modem (fx->tb, "1-2", 0, NULL);
  wait_added (fx, option);
  port = port_of (fx, option->sysfs_path, "tty", "ttyUSB1");
  g_assert_cmpstr (port->device_file, ==, "/dev/ttyUSB1");
  fd = open (port->device_file, O_RDWR | O_NOCTTY);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, "AT\r", 3), ==, 3);
  master = umockdev_testbed_get_dev_fd (fx->tb, port->device_file);
  g_assert_cmpint (master, >=, 0);
  g_assert_cmpint (read (master, buffer, 3), ==, 3);
  g_assert_cmpstr (buffer, ==, "AT\r");
  close (fd);
}

/* The sysfs path of the port of device named name. */
static const char *
port_path (const MdTestbedDevice *device, const char *name)
{
  g_autofree char *suffix = g_strconcat ("/", name, NULL);

  for (guint i = 0; i < device->ports->len; i++) {
    const char *path = g_ptr_array_index (device->ports, i);

    if (g_str_has_suffix (path, suffix))
      return path;
  }
  g_assert_not_reached ();
}

/* A rule loaded later sets key=value on the port, then "udevadm trigger":
 * a change uevent. */
static void
change_property (Fixture *fx, const MdTestbedDevice *device, const char *name, const char *key,
                 const char *value)
{
  const char *path = port_path (device, name);

  umockdev_testbed_set_property (fx->tb, path, key, value);
  umockdev_testbed_uevent (fx->tb, path, "change");
}

static guint
count_lines (Fixture *fx, const char *line)
{
  guint count = 0;

  for (guint i = 0; i < fx->rec.events->len; i++)
    count += g_str_equal (g_ptr_array_index (fx->rec.events, i), line);
  return count;
}

static void
wait_count (Fixture *fx, const char *line, guint count)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_LIMIT_US;

  while (count_lines (fx, line) < count) {
    g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    g_main_context_iteration (NULL, TRUE);
  }
}

/* change uevents re-read a port: one that becomes ignored leaves its
 * device (port-removed), one whose hint changed is re-typed (removed and
 * added again), and when the last control port goes the device is
 * withdrawn (device-removed), to come back when a port is usable again. */
static void
test_change_port (Fixture *fx, gconstpointer data)
{
  g_autoptr (MdTestbedDevice) option = NULL;
  g_autofree char *gone = NULL;
  g_autofree char *line = NULL;
  MdDiscoveredPort *port;

  fixture_start (fx, 60000);
  option = md_testbed_option_modem (fx->tb, "1-2", 0, NULL);
  wait_added (fx, option);
  line = added (option);
  gone = removed (option);

  change_property (fx, option, "ttyUSB1", "ID_MM_PORT_IGNORE", "1");
  discovery_recorder_wait (&fx->rec, "port-removed ttyUSB1");
  port = port_of (fx, option->sysfs_path, "tty", "ttyUSB1");
  g_assert_cmpint (port->kind, ==, MD_PORT_KIND_IGNORED);
  g_assert_false (port->may_open);
  g_assert_cmpint (discovery_recorder_find (&fx->rec, "port-added ttyUSB1"), <, 0);

  change_property (fx, option, "ttyUSB2", "ID_MM_PORT_TYPE_AT_PRIMARY", "1");
  discovery_recorder_wait (&fx->rec, "port-added ttyUSB2");
  g_assert_cmpint (discovery_recorder_find (&fx->rec, "port-removed ttyUSB2"), <,
                   discovery_recorder_find (&fx->rec, "port-added ttyUSB2"));
  port = port_of (fx, option->sysfs_path, "tty", "ttyUSB2");
  g_assert_cmpint (port->kind, ==, MD_PORT_KIND_AT);
  g_assert_cmpint (port->at_roles, ==, MD_AT_ROLE_PRIMARY);
  /* The same change again changes nothing. */
  change_property (fx, option, "ttyUSB2", "ID_MM_PORT_TYPE_AT_PRIMARY", "1");
  change_property (fx, option, "ttyUSB0", "ID_MM_PORT_IGNORE", "1");
  discovery_recorder_wait (&fx->rec, "port-removed ttyUSB0");
  g_assert_cmpuint (count_lines (fx, "port-added ttyUSB2"), ==, 1);
  g_assert_cmpint (discovery_recorder_find (&fx->rec, gone), <, 0);

  /* The last control port: the device goes, its records stay. */
  change_property (fx, option, "ttyUSB2", "ID_MM_PORT_IGNORE", "1");
  discovery_recorder_wait (&fx->rec, gone);
  g_assert_false (md_discovery_device_is_announced (fx->discovery, option->sysfs_path));
  g_assert_nonnull (md_discovery_lookup_device (fx->discovery, option->sysfs_path));
  change_property (fx, option, "ttyUSB0", "ID_MM_PORT_IGNORE", "0");
  wait_count (fx, line, 2);
  g_assert_true (port_of (fx, option->sysfs_path, "tty", "ttyUSB0")->may_open);
}

/* A device that becomes ignored goes; un-ignored, it comes back. */
static void
test_change_device_ignore (Fixture *fx, gconstpointer data)
{
  g_autoptr (MdTestbedDevice) mbim = NULL;
  g_autofree char *gone = NULL;
  g_autofree char *line = NULL;

  fixture_start (fx, 60000);
  mbim = md_testbed_mbim_modem (fx->tb, "1-1", "cdc-wdm0", "wwan0", NULL);
  wait_added (fx, mbim);
  line = added (mbim);
  gone = removed (mbim);
  change_property (fx, mbim, "wwan0", "ID_MM_DEVICE_IGNORE", "1");
  discovery_recorder_wait (&fx->rec, gone);
  g_assert_true (md_discovery_lookup_device (fx->discovery, mbim->sysfs_path)->ignored);
  g_assert_false (port_of (fx, mbim->sysfs_path, "usbmisc", "cdc-wdm0")->may_open);
  change_property (fx, mbim, "wwan0", "ID_MM_DEVICE_IGNORE", "0");
  wait_count (fx, line, 2);
}

/* ID_MM_TTY_MANUAL_SCAN_ONLY / ID_MM_DEVICE_MANUAL_SCAN_ONLY (and the
 * ID_MD_ names): such ports are taken only by ScanDevices, not on hotplug
 * (nor at start). */
static void
test_manual_scan_only (Fixture *fx, gconstpointer data)
{
  const char *tty_only[] = { "*:ID_MM_TTY_MANUAL_SCAN_ONLY=1", NULL };
  const char *device_only[] = { "*:ID_MD_DEVICE_MANUAL_SCAN_ONLY=1", NULL };
  g_autoptr (MdTestbedDevice) present = md_testbed_option_modem (fx->tb, "1-4", 10, tty_only);
  g_autoptr (MdTestbedDevice) option = NULL;
  g_autoptr (MdTestbedDevice) mbim = NULL;
  g_autofree char *line = NULL;

  fixture_start (fx, 60000);
  g_assert_null (md_discovery_lookup_device (fx->discovery, present->sysfs_path));
  option = md_testbed_option_modem (fx->tb, "1-2", 0, tty_only);
  mbim = md_testbed_mbim_modem (fx->tb, "1-1", "cdc-wdm0", "wwan0", device_only);
  flush_uevents (fx, "1-9", 20);
  g_assert_null (md_discovery_lookup_device (fx->discovery, present->sysfs_path));
  g_assert_null (md_discovery_lookup_device (fx->discovery, option->sysfs_path));
  g_assert_null (md_discovery_lookup_device (fx->discovery, mbim->sysfs_path));
  md_discovery_rescan (fx->discovery);
  g_assert_true (md_discovery_device_is_announced (fx->discovery, present->sysfs_path));
  g_assert_true (md_discovery_device_is_announced (fx->discovery, option->sysfs_path));
  g_assert_true (md_discovery_device_is_announced (fx->discovery, mbim->sysfs_path));
  line = added (option);
  g_assert_cmpint (discovery_recorder_find (&fx->rec, line), >=, 0);
}

/* A PCIe card whose MBIM port is typed by its driver is announced as soon
 * as its net port is there: no quiet time (settle_ms is a minute here, the
 * wait limit 30 s). */
static void
test_pcie_no_settle (Fixture *fx, gconstpointer data)
{
  g_autoptr (MdTestbedDevice) pcie = NULL;
  MdDiscoveredDevice *device;
  gint64 deadline = g_get_monotonic_time () + WAIT_LIMIT_US;

  fixture_start_settle (fx, 60000, 60000);
  pcie = md_testbed_pcie_modem (fx->tb, "0000:01:00.0", 1, NULL);
  wait_added (fx, pcie);
  device = md_discovery_lookup_device (fx->discovery, pcie->sysfs_path);
  /* The AT port is there already, or joins with port-added. */
  while (!md_discovered_device_find_port (device, "wwan", "wwan1at0")) {
    g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    g_main_context_iteration (NULL, TRUE);
  }
  g_assert_cmpint (md_discovered_device_find_port (device, "wwan", "wwan1at0")->kind, ==, MD_PORT_KIND_AT);
}

/* Its MBIM port ignored, the card has no driver-typed control port: what
 * is still coming is unknown, so it is announced once quiet (settle_ms). */
static void
test_pcie_unknown_settles (Fixture *fx, gconstpointer data)
{
  const char *props[] = { "wwan1mbim0:ID_MM_PORT_IGNORE=1", NULL };
  g_autoptr (MdTestbedDevice) pcie = NULL;

  fixture_start_settle (fx, 60000, 20);
  pcie = md_testbed_pcie_modem (fx->tb, "0000:01:00.0", 1, props);
  wait_added (fx, pcie);
  g_assert_cmpuint (md_discovery_lookup_device (fx->discovery, pcie->sysfs_path)->ports->len, ==, 3);
}

static void
drop_log (const char *domain, GLogLevelFlags level, const char *message, gpointer user_data)
{
}

/* The serial-port ioctls a daemon makes on an emulated tty node are
 * answered (a bare pty refuses TIOCEXCL and TIOCM*), and termios calls reach
 * the pty behind it. */
static void
test_tty_ioctls (Fixture *fx, gconstpointer data)
{
  g_autoptr (MdTestbedDevice) option = md_testbed_option_modem (fx->tb, "1-2", 0, NULL);
  struct termios tio;
  int lines = 0;
  int fd = open ("/dev/ttyUSB0", O_RDWR | O_NOCTTY);

  g_assert_cmpint (fd, >=, 0);
  g_assert_nonnull (option);
  g_assert_cmpint (ioctl (fd, TIOCEXCL), ==, 0);
  g_assert_cmpint (ioctl (fd, TIOCMGET, &lines), ==, 0);
  g_assert_cmpint (lines & (TIOCM_DSR | TIOCM_CTS | TIOCM_CAR), ==, TIOCM_DSR | TIOCM_CTS | TIOCM_CAR);
  lines = TIOCM_DTR;
  g_assert_cmpint (ioctl (fd, TIOCMBIS, &lines), ==, 0);
  g_assert_cmpint (tcgetattr (fd, &tio), ==, 0);
  cfmakeraw (&tio);
  cfsetspeed (&tio, B57600);
  g_assert_cmpint (tcsetattr (fd, TCSANOW, &tio), ==, 0);
  g_assert_cmpint (tcgetattr (fd, &tio), ==, 0);
  g_assert_cmpint (cfgetospeed (&tio), ==, B57600);
  g_assert_cmpint (ioctl (fd, TIOCNXCL), ==, 0);
  close (fd);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_log_set_handler ("umockdev", G_LOG_LEVEL_DEBUG, drop_log, NULL);
  if (!g_strrstr (g_getenv ("LD_PRELOAD") ? g_getenv ("LD_PRELOAD") : "", "umockdev-preload")) {
    g_test_skip ("needs LD_PRELOAD=libumockdev-preload.so.0");
    return g_test_run ();
  }
#define ADD(path, fn) g_test_add ("/discovery/udev/" path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("coldplug", test_coldplug);
  ADD ("hotplug", test_hotplug);
  ADD ("unplug-replug", test_unplug_replug);
  ADD ("rescan", test_rescan);
  ADD ("late-net", test_late_net);
  ADD ("port-properties", test_port_properties);
  ADD ("device-ignore", test_device_ignore);
  ADD ("physdev-uid", test_physdev_uid);
  ADD ("removed-mid-arrival", test_removed_mid_arrival);
  ADD ("uevent-storm", test_uevent_storm);
  ADD ("many-at-once", test_many_at_once);
  ADD ("node-is-pty", test_node_is_pty);
  ADD ("change-port", test_change_port);
  ADD ("change-device-ignore", test_change_device_ignore);
  ADD ("manual-scan-only", test_manual_scan_only);
  ADD ("pcie-no-settle", test_pcie_no_settle);
  ADD ("pcie-unknown-settles", test_pcie_unknown_settles);
  ADD ("tty-ioctls", test_tty_ioctls);
#undef ADD
  return g_test_run ();
}
