# SPDX-License-Identifier: GPL-2.0-or-later
"""Device discovery on the real path: emulated USB and PCIe devices in a
umockdev testbed (tests/discovery/md-testbed.c through
umockdev_harness.py), modem-sim answering behind their device nodes, modemd
under the umockdev preload finding them by itself (no Test.SetProfile),
and the real mmcli reading the result. Non-modems beside them are checked
on the testbed side of their ptys: not a byte written, no fd open.

Skipped, with the reason, when modemd has no discovery (its --help has no
--test-no-udev) or the testbed library is not built. MD_TEST_DISCOVERY_MM=1
runs the same tests against Debian's ModemManager (with the properties its
udev rules would set), to check the tests themselves."""

import umockdev_harness

umockdev_harness.reexec_under_preload(private_net=True)

import os  # noqa: E402
import termios  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import unittest  # noqa: E402

import harness  # noqa: E402
from harness import MODEMD, MODEM_SIM, SCENARIOS, wait_for  # noqa: E402

USE_MM = os.environ.get("MD_TEST_DISCOVERY_MM") == "1"
MM = "/usr/sbin/ModemManager"
SCENARIO = os.path.join(SCENARIOS, "default.ini")
# ModemManager's 80-mm-candidate.rules set this on every tty, net, cdc-wdm
# and wwan port; it is no evidence of a modem, and modemd must not need it.
CANDIDATE = "*:ID_MM_CANDIDATE=1"


def skip_reason():
    problem = umockdev_harness.available()
    if problem:
        return problem
    if not harness.MMCLI:
        return "mmcli not installed"
    if USE_MM:
        return None if os.path.exists(MM) else f"{MM} not installed"
    try:
        run = subprocess.run([MODEMD, "--help"], capture_output=True, text=True, timeout=30,
                             env=harness.daemon_env(dict(os.environ)))
    except OSError as error:
        return f"cannot run modemd: {error}"
    if run.returncode != 0:
        # e.g. a sanitizer runtime harness.daemon_env does not know how to
        # put first in the library list.
        first = (run.stderr.strip().splitlines() or ["no output"])[0]
        return f"modemd --help fails here (exit {run.returncode}): {first}"
    usage = run.stdout
    if "--test-no-udev" not in usage:
        return "modemd has no device discovery yet (no --test-no-udev in modemd --help)"
    return None


class DiscoveryBase(harness.ModemdTestCase):
    """Each test gets a fresh testbed, bus and daemon. Devices plugged
    before start_daemon() are found at start; later ones by uevent. The
    fixtures and mmcli helpers, without tests (test_discovery_hotplug.py
    shares them)."""

    daemon_args = ["--test-session", "--test-no-auth", "--test-enable", "--no-mbim-proxy",
                   "--log-level=DEBUG"]

    def setUp(self):
        self.workdir = tempfile.mkdtemp(prefix="modemd-discovery-")
        self.bus = harness.PrivateBus()
        self.sims = []
        self.log_path = os.path.join(self.workdir, "modemd.log")
        self.stderr_path = os.path.join(self.workdir, "modemd.stderr")
        open(self.log_path, "a").close()
        open(self.stderr_path, "a").close()
        self.daemon = None
        self.testbed = umockdev_harness.Testbed()

    def tearDown(self):
        super().tearDown()
        self.testbed.stop_leftovers()
        del self.testbed

    def start_daemon(self, extra_args=()):
        if USE_MM:
            argv = [MM, "--test-session", "--debug", f"--log-file={self.log_path}"]
        else:
            argv = [*harness.daemon_wrapper(), MODEMD, *self.daemon_args,
                    f"--log-file={self.log_path}", *extra_args]
        # ModemManager is not ours: the environment of the other tools.
        env = self.testbed.env(harness.foreign_env(self.bus.env()) if USE_MM else harness.daemon_env(self.bus.env()))
        with open(self.stderr_path, "a") as err:
            self.daemon = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=err)
        wait_for(self.daemon_on_bus, what="the daemon to own its bus name")

    def stop_daemon(self):
        if USE_MM and self.daemon and self.daemon.poll() is None:
            self.daemon.terminate()
            self.daemon.wait(timeout=harness.WAIT_SECONDS)
            return None
        return super().stop_daemon()

    # --- devices with modem-sim behind them ---------------------------------

    def props(self, *extra):
        """udev properties for a modem: what ModemManager's rules set."""
        return [CANDIDATE, *extra]

    def serve(self, at=None, extra=(), mbim=None):
        sim = umockdev_harness.NodeSim(MODEM_SIM, SCENARIO, self.testbed, self.workdir, at=at,
                                       extra=extra, mbim=mbim)
        self.sims.append(sim)
        return sim

    def plug_mbim(self, busid="1-1", wdm="cdc-wdm0", net="wwan0", props=()):
        device = self.testbed.mbim_modem(busid, wdm, net, self.props(*props))
        self.serve(mbim="/dev/" + wdm)
        return device

    def plug_option(self, busid="1-2", first=0, props=(), served=(0, 1, 2)):
        device = self.testbed.option_modem(busid, first, self.props(*props))
        nodes = [f"/dev/ttyUSB{first + i}" for i in served]
        self.serve(at=nodes[0], extra=nodes[1:])
        return device

    def plug_pcie(self, slot="0000:01:00.0", n=0, props=()):
        # As on a machine with ModemManager's udev rules installed
        # (80-mm-candidate.rules types wwan ports by their type attribute).
        rules = [f"wwan{n}mbim0:ID_MM_PORT_TYPE_MBIM=1", f"wwan{n}at0:ID_MM_PORT_TYPE_AT_PRIMARY=1"]
        device = self.testbed.pcie_modem(slot, n, self.props(*rules, *props))
        self.serve(at=f"/dev/wwan{n}at0", mbim=f"/dev/wwan{n}mbim0")
        return device

    def plug_mbim_at(self, busid="1-3", props=()):
        device = self.testbed.mbim_at_modem(busid, "cdc-wdm1", "wwan1", "ttyACM0", "ttyACM1",
                                            self.props(*props))
        self.serve(at="/dev/ttyACM0", extra=["/dev/ttyACM1"], mbim="/dev/cdc-wdm1")
        return device

    # --- what mmcli shows ----------------------------------------------------

    def modems(self):
        return self.modem_paths()

    def generic_of(self, path):
        return self.mmcli_json("-m", path)["modem"]["generic"]

    def modem_on(self, device):
        """The path of the modem whose Device is device's sysfs path, or None."""
        for path in self.modems():
            try:
                if self.generic_of(path)["device"] == device.sysfs_path:
                    return path
            except AssertionError:
                pass  # gone between the listing and the query
        return None

    def wait_modem(self, device):
        return wait_for(lambda: self.modem_on(device),
                        what=f"a modem on {device.sysfs_path}")

    def ports_of(self, path):
        return set(self.generic_of(path)["ports"])

    def assert_untouched(self, node):
        self.assertEqual(self.testbed.bytes_written(node), b"", f"bytes written to {node}")
        self.assertEqual(self.testbed.openers(node, self.daemon.pid), 0, f"{node} is open")


class DiscoveryTest(DiscoveryBase):
    """Modems found at start and on hotplug, non-modems left alone."""

    def test_usb_mbim_modem_appears_by_itself(self):
        self.start_daemon()
        device = self.plug_mbim()
        path = self.wait_modem(device)
        g = self.generic_of(path)
        self.assertEqual(g["device"], device.sysfs_path)
        self.assertIn("cdc_mbim", g["drivers"])
        self.assertTrue(g["plugin"])
        self.assertEqual(g["primary-port"], "cdc-wdm0")
        wait_for(lambda: {"cdc-wdm0 (mbim)", "wwan0 (net)"} <= self.ports_of(path),
                 what="cdc-wdm0 and wwan0 among the ports")
        # The modem answers through the emulated node: identity from the sim.
        self.assertEqual(g["equipment-identifier"], self.sims[0].control("get imei"))

    def test_three_tty_option_modem(self):
        self.start_daemon()
        device = self.plug_option()
        path = self.wait_modem(device)
        g = self.generic_of(path)
        self.assertIn("option", " ".join(g["drivers"]))
        self.assertTrue(g["plugin"])
        wait_for(lambda: {f"ttyUSB{i} (at)" for i in range(3)} <= self.ports_of(path),
                 what="three AT ports")
        self.assertIn(g["primary-port"], {"ttyUSB0", "ttyUSB1", "ttyUSB2"})

    def test_pcie_wwan_modem(self):
        self.start_daemon()
        device = self.plug_pcie()
        path = self.wait_modem(device)
        g = self.generic_of(path)
        self.assertEqual(g["device"], device.sysfs_path)
        # ModemManager 1.20.4 names the MBIM port with these rules.
        self.assertEqual(g["primary-port"], "wwan0mbim0")
        wait_for(lambda: {"wwan0mbim0 (mbim)", "wwan0at0 (at)", "wwan0 (net)"}
                 <= self.ports_of(path), what="the MBIM, AT and net ports of the card")

    def test_mbim_modem_with_at_ttys(self):
        self.start_daemon()
        device = self.plug_mbim_at()
        path = self.wait_modem(device)
        g = self.generic_of(path)
        self.assertEqual(g["primary-port"], "cdc-wdm1")
        wait_for(lambda: {"cdc-wdm1 (mbim)", "wwan1 (net)", "ttyACM0 (at)"}
                 <= self.ports_of(path), what="the MBIM, net and AT ports")

    def test_non_modems_never_opened(self):
        # Present at start and plugged later: neither is ever touched.
        self.testbed.ftdi("1-5", "ttyUSB10")
        self.testbed.arduino("1-6", "ttyACM10")
        self.start_daemon()
        self.testbed.ftdi("1-7", "ttyUSB11")
        self.testbed.arduino("1-8", "ttyACM11")
        # A modem plugged after them: once it is exported, the daemon has
        # handled every uevent before it.
        self.wait_modem(self.plug_option(busid="1-9", first=20))
        self.assertEqual(len(self.modems()), 1)
        for node in ("/dev/ttyUSB10", "/dev/ttyACM10", "/dev/ttyUSB11", "/dev/ttyACM11"):
            self.assert_untouched(node)

    def test_modems_present_at_start(self):
        # The PCIe card is wwan1: its wwan device and a net wwan0 would collide.
        devices = [self.plug_mbim(), self.plug_option(), self.plug_pcie(n=1)]
        self.start_daemon()
        paths = {self.wait_modem(device) for device in devices}
        self.assertEqual(len(paths), 3)

    def test_unplug_and_replug(self):
        self.start_daemon()
        device = self.plug_option()
        first = self.wait_modem(device)
        self.testbed.unplug(device)
        wait_for(lambda: first not in self.modems(), what="the modem to go with its device")
        self.assert_daemon_alive()
        # Replug with fresh names (umockdev cannot re-create a node or a
        # device path).
        again = self.plug_option(busid="1-12", first=3)
        second = self.wait_modem(again)
        self.assertNotEqual(first, second)
        self.assertEqual(self.modems(), [second])

    @unittest.skipIf(USE_MM, "ModemManager builds no MBIM modem without its net port")
    def test_late_net_port_joins_the_modem(self):
        self.start_daemon()
        device = self.plug_mbim(net=None)
        path = self.wait_modem(device)
        self.testbed.add_usb_net(device, 12, "wwan5", self.props())
        wait_for(lambda: "wwan5 (net)" in self.ports_of(path), what="wwan5 to join the modem")
        self.assertEqual(self.modems(), [path])

    def test_port_ignore(self):
        self.start_daemon()
        device = self.plug_option(props=["ttyUSB1:ID_MM_PORT_IGNORE=1"], served=(0, 2))
        path = self.wait_modem(device)
        ports = self.ports_of(path)
        # Absent, or listed as "ttyUSB1 (ignored)" as ModemManager does.
        self.assertFalse([p for p in ports if p.startswith("ttyUSB1 ") and p != "ttyUSB1 (ignored)"],
                         ports)
        self.assert_untouched("/dev/ttyUSB1")

    def test_forced_primary_port(self):
        self.start_daemon()
        device = self.plug_option(props=["ttyUSB2:ID_MM_PORT_TYPE_AT_PRIMARY=1"])
        path = self.wait_modem(device)
        self.assertEqual(self.generic_of(path)["primary-port"], "ttyUSB2")

    def test_tty_baud_rate_and_flow_control(self):
        # The pty behind each node keeps the settings the daemon opened it
        # with; the testbed reads them on its master side.
        device = self.plug_option(props=["ttyUSB0:ID_MM_TTY_BAUDRATE=57600",
                                         "ttyUSB0:ID_MM_TTY_FLOW_CONTROL=rts-cts",
                                         "ttyUSB1:ID_MM_TTY_FLOW_CONTROL=xon-xoff"])
        # The simulator sets up its side of the ptys before the daemon
        # starts: a pty has one set of termios, which either side may set.
        self.start_daemon()
        self.wait_modem(device)
        # [iflag, oflag, cflag, lflag, ispeed, ospeed, cc]
        usb0, usb1, usb2 = (termios.tcgetattr(self.testbed.master(f"/dev/ttyUSB{i}")) for i in range(3))
        self.assertTrue(usb0[2] & termios.CRTSCTS)
        self.assertEqual(usb0[5], termios.B57600)
        self.assertEqual(usb2[5], termios.B115200)
        self.assertEqual(usb1[0] & (termios.IXON | termios.IXOFF), termios.IXON | termios.IXOFF)
        self.assertFalse(usb1[2] & termios.CRTSCTS)
        self.assertFalse(usb2[2] & termios.CRTSCTS)
        self.assertFalse(usb2[0] & (termios.IXON | termios.IXOFF))

    @unittest.skipIf(USE_MM, "ModemManager reads only its ID_MM_ names")
    def test_port_type_hints_of_our_rules(self):
        # The ID_MD_ names data/81-modemd-port-types.rules sets (no ID_MM_
        # name): without them the primary port would be ttyUSB0 and ttyUSB1
        # would be probed.
        self.start_daemon()
        device = self.plug_option(props=["ttyUSB1:ID_MD_PORT_IGNORE=1", "ttyUSB2:ID_MD_PORT_TYPE_AT_PRIMARY=1"],
                                  served=(0, 2))
        path = self.wait_modem(device)
        self.assertEqual(self.generic_of(path)["primary-port"], "ttyUSB2")
        ports = self.ports_of(path)
        self.assertFalse([p for p in ports if p.startswith("ttyUSB1 ") and p != "ttyUSB1 (ignored)"],
                         ports)
        self.assert_untouched("/dev/ttyUSB1")

    @unittest.skipIf(USE_MM, "ModemManager asks polkit for ScanDevices; the private bus has none")
    def test_scan_devices_builds_what_is_new(self):
        self.start_daemon()
        ignored = self.plug_option(props=["*:ID_MM_DEVICE_IGNORE=1"])
        # Once a later modem is exported, the ignored one has been seen.
        sentinel = self.wait_modem(self.plug_mbim())
        self.assertEqual(self.modems(), [sentinel])
        self.assert_untouched("/dev/ttyUSB0")
        # The property goes away without a uevent: only a scan finds it.
        for port in ignored.ports:
            self.testbed.tb.set_property(port, "ID_MM_DEVICE_IGNORE", "0")
        self.mmcli("--scan-modems")
        path = self.wait_modem(ignored)
        self.assertEqual(sorted(self.modems()), sorted([sentinel, path]))
        # A second scan builds nothing new.
        self.mmcli("--scan-modems")
        self.assertEqual(sorted(self.modems()), sorted([sentinel, path]))

    def test_daemon_keeps_serving_after_unplug_mid_arrival(self):
        self.start_daemon()
        device = self.testbed.option_modem("1-4", 30, self.props())
        self.testbed.unplug(device)
        sentinel = self.wait_modem(self.plug_mbim())
        self.assertEqual(self.modems(), [sentinel])
        self.assert_daemon_alive()


class DeviceIdentifierTest(DiscoveryBase):
    """Modem.DeviceIdentifier of a discovered USB modem is the one
    ModemManager 1.20.4 publishes for the same device (same testbed
    fixture, same simulator identity), so NetworkManager profiles made
    under ModemManager (gsm.device-id) keep matching."""

    # From one run of ModemManager 1.20.4 (Debian 12) under this test's
    # testbed: `ModemManager --test-session` under the umockdev preload,
    # the fixture with ModemManager's udev properties, modem-sim with
    # scenarios/default.ini behind the nodes, `mmcli -m 0 -K`
    # modem.generic.device-identifier. Used when ModemManager is not
    # installed; with it, the value is taken live and compared.
    RECORDED = {
        "option": "38058d693c87764b7cdbc9f7d6f6be86dfd2d91e",  # 12d1:1506, huawei plugin
        "mbim": "e20cfad2cdc3ee6afa66a31803f33cad8b8188b1",  # 1199:9079, sierra plugin
    }

    def identifier_under_mm(self, plug):
        env = self.testbed.env(harness.foreign_env(self.bus.env()))
        plug()
        argv = [MM, "--test-session", f"--log-file={self.log_path}"]
        with open(self.stderr_path, "a") as err:
            mm = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=err)
        def modems_of_mm():
            if mm.poll() is not None:
                raise AssertionError(f"ModemManager exited with {mm.returncode}")
            try:
                return self.modems()
            except AssertionError:
                return None  # not on the bus yet
        try:
            path = wait_for(modems_of_mm, what="ModemManager's modem")[0]
            return wait_for(lambda: self.generic_of(path).get("device-identifier"),
                            what="ModemManager's DeviceIdentifier")
        finally:
            mm.terminate()
            mm.wait(timeout=harness.WAIT_SECONDS)
            self.testbed.stop_leftovers()
            for sim in self.sims:
                sim.stop()
            self.sims = []

    def check_identifier(self, name, plug, serve):
        if os.path.exists(MM):
            expected = self.identifier_under_mm(plug)
            # A different value here means the fixture or simulator changed.
            self.assertEqual(expected, self.RECORDED[name], "ModemManager's value changed: record it again")
        else:
            plug()
            expected = self.RECORDED[name]
        devices = list(self.testbed.devices)
        serve()
        self.start_daemon()
        path = self.wait_modem(devices[0])
        self.assertEqual(self.generic_of(path)["device-identifier"], expected)

    @unittest.skipIf(USE_MM, "compares modemd with ModemManager")
    def test_option_modem(self):
        def plug():
            if not self.testbed.devices:
                self.testbed.option_modem("1-2", 0, self.props())
            self.serve(at="/dev/ttyUSB0", extra=["/dev/ttyUSB1", "/dev/ttyUSB2"])
        self.check_identifier("option", plug,
                              lambda: self.serve(at="/dev/ttyUSB0", extra=["/dev/ttyUSB1", "/dev/ttyUSB2"]))

    @unittest.skipIf(USE_MM, "compares modemd with ModemManager")
    def test_mbim_modem(self):
        def plug():
            if not self.testbed.devices:
                self.testbed.mbim_modem("1-1", "cdc-wdm0", "wwan0", self.props())
            self.serve(mbim="/dev/cdc-wdm0")
        self.check_identifier("mbim", plug, lambda: self.serve(mbim="/dev/cdc-wdm0"))


def own_tests(test_class):
    """A load_tests for a test module that imports other modules' test
    classes (for their fixtures): only test_class's own tests run."""
    def load_tests(loader, tests, pattern):
        names = [n for n in vars(test_class) if n.startswith("test_")]
        return unittest.TestSuite(test_class(name) for name in names)
    return load_tests


def run_modemd_only(why="ModemManager is not the daemon under test here"):
    """The main of a test module whose tests hold for modemd only: skipped
    with why under MD_TEST_DISCOVERY_MM=1, and as this module otherwise."""
    umockdev_harness.run_tests(why if USE_MM else skip_reason())


if __name__ == "__main__":
    umockdev_harness.run_tests(skip_reason())
