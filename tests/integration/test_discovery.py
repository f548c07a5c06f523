# SPDX-License-Identifier: GPL-2.0-or-later
"""Discovery drives modem creation, without udev: ports reported with the
real `mmcli --report-kernel-event` (or read from --initial-kernel-events)
are read from a fake sysfs tree whose device nodes are modem-sim ptys."""
import os
import shutil
import subprocess
import tempfile
import unittest

from fake_sysfs import FakeSysfs
from harness import MANAGER_PATH, MODEMD, SCENARIOS, WAIT_SECONDS, ModemdTestCase, Sim, skip_without_tools, wait_for

ERROR_PREFIX = "org.freedesktop.ModemManager1.Error."


class DiscoveryTestCase(ModemdTestCase):
    """A fake sysfs tree made before modemd starts; modemd reads it."""

    initial_events = None  # lines of an --initial-kernel-events file

    def setUp(self):
        self.tree_dir = tempfile.mkdtemp(prefix="modemd-sysfs-")
        self.fs = FakeSysfs(self.tree_dir)
        self.lay_out()
        extra = [f"--test-sysfs-root={self.fs.sys}", f"--test-dev-root={self.fs.dev}",
                 "--no-mbim-proxy", "--no-qmi-proxy", "--test-fake-net-links"]
        if self.initial_events is not None:
            path = os.path.join(self.tree_dir, "events")
            with open(path, "w") as f:
                f.write("".join(line + "\n" for line in self.initial_events))
            extra.append(f"--initial-kernel-events={path}")
        self.daemon_args = ModemdTestCase.daemon_args + extra
        super().setUp()

    def tearDown(self):
        super().tearDown()
        shutil.rmtree(self.tree_dir, ignore_errors=True)

    def lay_out(self):
        """Devices present before the daemon starts."""

    def report(self, text, check=True):
        return self.mmcli(f"--report-kernel-event={text}", check=check)

    def modem(self, index):
        return self.mmcli_json("-m", str(index))["modem"]

    def wait_modem(self, index):
        path = f"/org/freedesktop/ModemManager1/Modem/{index}"
        wait_for(lambda: path in self.modem_paths(), what=f"modem {index} to be exported")
        return self.modem(index)

    def sim_command_count(self, sim):
        return int(sim.control("get command-count"))

    def daemon_holds(self, target):
        """Whether modemd has a file descriptor open on target."""
        fd_dir = f"/proc/{self.daemon.pid}/fd"
        for fd in os.listdir(fd_dir):
            try:
                if os.readlink(os.path.join(fd_dir, fd)) == target:
                    return True
            except OSError:
                pass
        return False


@skip_without_tools
class ReportedAtModemTest(DiscoveryTestCase):

    def lay_out(self):
        self.usb = self.fs.option_modem(ttys=("ttyUSB0",))
        self.fs.ftdi_adapter(tty="ttyUSB9")

    def plug_sims(self):
        self.sim = self.start_sim()
        self.fs.node("ttyUSB0", self.sim.port)
        self.ftdi = self.start_sim()
        self.fs.node("ttyUSB9", self.ftdi.port)

    def test_reported_tty_becomes_a_modem_and_the_adapter_is_left_alone(self):
        self.plug_sims()
        # The adapter first: once the modem is exported, its event is done.
        self.report("action=add,name=ttyUSB9,subsystem=tty")
        self.report("action=add,name=ttyUSB0,subsystem=tty")
        g = self.wait_modem(0)["generic"]
        self.assertEqual(g["device"], os.path.realpath(self.fs.devices_path(self.usb)))
        self.assertEqual(g["drivers"], ["option"])
        self.assertEqual(g["plugin"], "generic")
        self.assertEqual(g["ports"], ["ttyUSB0 (at)"])
        self.assertEqual(g["primary-port"], "ttyUSB0")
        self.assertGreater(self.sim_command_count(self.sim), 0)
        # Not one byte to the FTDI adapter, not even an open.
        self.assertEqual(self.sim_command_count(self.ftdi), 0)
        self.assertFalse(self.daemon_holds(self.ftdi.port))
        self.assertEqual(len(self.modem_paths()), 1)

    def test_remove_event_removes_the_modem_and_replug_makes_a_new_one(self):
        self.plug_sims()
        self.report("action=add,name=ttyUSB0,subsystem=tty")
        self.wait_modem(0)
        self.report("action=remove,name=ttyUSB0,subsystem=tty")
        wait_for(lambda: self.modem_paths() == [], what="the modem to be removed")
        wait_for(lambda: not self.daemon_holds(self.sim.port), what="the port to be closed")
        self.report("action=add,name=ttyUSB0,subsystem=tty")
        self.assertEqual(self.wait_modem(1)["generic"]["ports"], ["ttyUSB0 (at)"])
        self.assert_daemon_alive()

    def test_device_gone_mid_probe_leaves_nothing(self):
        self.plug_sims()
        self.sim.control("mute on")
        self.report("action=add,name=ttyUSB0,subsystem=tty")
        wait_for(lambda: self.sim_command_count(self.sim) > 0, what="the probe to start")
        self.report("action=remove,name=ttyUSB0,subsystem=tty")
        wait_for(lambda: not self.daemon_holds(self.sim.port), what="the port to be closed")
        self.assertEqual(self.modem_paths(), [])
        # Plugged again and answering: a modem (the cancelled creation used
        # up an index).
        self.sim.control("mute off")
        self.report("action=add,name=ttyUSB0,subsystem=tty")
        path = wait_for(lambda: self.modem_paths(), what="the modem to be exported")[0]
        self.assertEqual(self.modem(path.rsplit("/", 1)[1])["generic"]["ports"], ["ttyUSB0 (at)"])
        self.assert_daemon_alive()

    def test_bad_reports_are_refused_and_change_nothing(self):
        self.plug_sims()
        bad = [
            "{'action': <'add'>, 'name': <'ttyUSB0'>}",
            "{'action': <'plug'>, 'name': <'ttyUSB0'>, 'subsystem': <'tty'>}",
            "{'action': <'add'>, 'name': <'ttyUSB0'>, 'subsystem': <'bluetooth'>}",
            "{'action': <'add'>, 'name': <'../ttyUSB0'>, 'subsystem': <'tty'>}",
            "{'action': <'add'>, 'name': <'x/ttyUSB0'>, 'subsystem': <'tty'>}",
            "{'action': <'add'>, 'name': <'ttyUSB0'>, 'subsystem': <'tty'>, 'colour': <'red'>}",
            "{'action': <'add'>, 'name': <'ttyUSB0'>, 'subsystem': <5>}",
        ]
        for properties in bad:
            result = self.call(MANAGER_PATH, "org.freedesktop.ModemManager1.ReportKernelEvent", properties,
                               check=False)
            self.assertIn(ERROR_PREFIX + "Core.InvalidArgs", result.stderr, properties)
        result = self.report("action=add,name=ttyUSB7,subsystem=tty", check=False)
        self.assertIn(ERROR_PREFIX + "Core.NotFound", result.stderr)
        self.assertEqual(self.modem_paths(), [])
        self.assertEqual(self.sim_command_count(self.sim), 0)
        self.assertFalse(self.daemon_holds(self.sim.port))
        self.assert_daemon_alive()

    def test_scan_devices_is_served(self):
        self.mmcli("--scan-modems")
        self.assertEqual(self.modem_paths(), [])
        self.assert_daemon_alive()


@skip_without_tools
class InitialEventsTest(DiscoveryTestCase):

    initial_events = ["# the option modem", "", "action=add,name=ttyUSB0,subsystem=tty",
                      "action=add,name=ttyUSB9,subsystem=tty"]

    def lay_out(self):
        self.usb = self.fs.option_modem(ttys=("ttyUSB0",))
        self.fs.ftdi_adapter(tty="ttyUSB9")
        # The nodes must answer from the start: modem-sim runs before modemd.
        self.early_sims = [self.start_early_sim(), self.start_early_sim()]
        self.fs.node("ttyUSB0", self.early_sims[0].port)
        self.fs.node("ttyUSB9", self.early_sims[1].port)

    def start_early_sim(self):
        return Sim(os.path.join(SCENARIOS, "default.ini"), self.tree_dir)

    def tearDown(self):
        for sim in self.early_sims:
            sim.stop()
        super().tearDown()

    def test_initial_events_build_the_modem(self):
        g = self.wait_modem(0)["generic"]
        self.assertEqual(g["plugin"], "generic")
        self.assertEqual(g["ports"], ["ttyUSB0 (at)"])
        self.assertEqual(self.sim_command_count(self.early_sims[1]), 0)
        self.assertFalse(self.daemon_holds(self.early_sims[1].port))


@skip_without_tools
class ReportedMbimModemTest(DiscoveryTestCase):

    def lay_out(self):
        self.usb = self.fs.mbim_modem(wdm="cdc-wdm0", net=None)

    def test_mbim_device_with_late_net_port(self):
        sim = self.start_sim(at="none", mbim="pty")
        self.fs.node("cdc-wdm0", sim.mbim_port)
        self.report("action=add,name=cdc-wdm0,subsystem=usbmisc")
        g = self.wait_modem(0)["generic"]
        self.assertEqual(g["drivers"], ["cdc_mbim"])
        self.assertEqual(g["plugin"], "generic")
        self.assertEqual(g["ports"], ["cdc-wdm0 (mbim)"])
        self.assertEqual(g["primary-port"], "cdc-wdm0")
        self.assertEqual(g["manufacturer"], "Sierra Wireless, Incorporated")
        # The net port arrives after the modem was built: same modem.
        self.fs.usb_net(self.usb + "/" + os.path.basename(self.usb) + ":1.12", "wwan0")
        self.report("action=add,name=wwan0,subsystem=net")
        wait_for(lambda: "wwan0 (net)" in self.modem(0)["generic"]["ports"], what="wwan0 to join")
        self.assertEqual(self.modem_paths(), ["/org/freedesktop/ModemManager1/Modem/0"])
        self.report("action=remove,name=cdc-wdm0,subsystem=usbmisc")
        wait_for(lambda: self.modem_paths() == [], what="the modem to be removed")
        self.assert_daemon_alive()


@skip_without_tools
class UnopenablePortsTest(DiscoveryTestCase):
    """Ports whose node cannot be opened (a directory: EISDIR; gone:
    ENOENT). modemd runs as root in the tests, so EACCES cannot be made."""

    def lay_out(self):
        self.option = self.fs.option_modem(port="1-2", ttys=("ttyUSB0", "ttyUSB1"))
        self.lone = self.fs.option_modem(port="1-5", ttys=("ttyUSB5",))
        self.mbim = self.fs.mbim_modem(port="1-3", wdm="cdc-wdm0", net=None)

    def modem_log(self):
        with open(self.log_path, errors="replace") as log:
            return log.read()

    def test_unopenable_tty_is_left_out_beside_one_that_answers(self):
        os.mkdir(os.path.join(self.fs.dev, "ttyUSB0"))
        sim = self.start_sim()
        self.fs.node("ttyUSB1", sim.port)
        self.report("action=add,name=ttyUSB0,subsystem=tty")
        self.report("action=add,name=ttyUSB1,subsystem=tty")
        g = self.wait_modem(0)["generic"]
        self.assertEqual(g["ports"], ["ttyUSB1 (at)"])
        self.assertIn("ttyUSB0", self.modem_log())
        self.assertIn("Is a directory", self.modem_log())

    def test_device_whose_only_port_cannot_be_opened_gets_no_modem(self):
        # ttyUSB5's node does not exist; cdc-wdm0's points nowhere.
        self.fs.node("cdc-wdm0", os.path.join(self.tree_dir, "gone"))
        self.report("action=add,name=ttyUSB5,subsystem=tty")
        self.report("action=add,name=cdc-wdm0,subsystem=usbmisc")
        wait_for(lambda: self.modem_log().count("no modem") >= 2, what="both devices to be given up")
        # Each says which port and why.
        log = self.modem_log()
        self.assertRegex(log, r"no modem: No port answered \(ttyUSB5: Cannot open \S+: No such file")
        self.assertRegex(log, r"no modem: MBIM port \S+cdc-wdm0: ")
        self.assertEqual(self.modem_paths(), [])
        self.assert_daemon_alive()


@skip_without_tools
class ReportedQmiModemTest(DiscoveryTestCase):

    def lay_out(self):
        self.usb = self.fs.qmi_modem(wdm="cdc-wdm1", net="wwan1")

    def modem_log(self):
        with open(self.log_path, errors="replace") as log:
            return log.read()

    def test_qmi_device_builds_a_qmi_modem(self):
        qmi = self.start_sim(at="none", qmi="pty")
        self.fs.node("cdc-wdm1", qmi.qmi_port)
        tty = self.start_sim()
        self.fs.node("ttyUSB4", tty.port)
        for name, subsystem in (("ttyUSB4", "tty"), ("cdc-wdm1", "usbmisc"), ("wwan1", "net")):
            self.report(f"action=add,name={name},subsystem={subsystem}")
        modem = self.wait_modem(0)["generic"]
        # The EC25's ids: the quectel plugin, driving the QMI port.
        self.assertEqual(modem["plugin"], "quectel")
        self.assertEqual(modem["primary-port"], "cdc-wdm1")
        self.assertEqual(modem["equipment-identifier"], qmi.control("get imei"))
        wait_for(lambda: {"cdc-wdm1 (qmi)", "wwan1 (net)"} <= set(self.modem(0)["generic"]["ports"]),
                 what="the QMI and net ports")
        # Opened as QMI at once: the first thing it got was a QMI message.
        self.assertNotEqual(qmi.control("get qmi-command-count"), "0")
        self.assert_daemon_alive()


class OptionTest(unittest.TestCase):

    def refused(self, *args):
        result = subprocess.run([MODEMD, *args], capture_output=True, text=True, timeout=WAIT_SECONDS)
        self.assertNotEqual(result.returncode, 0)
        return result.stderr

    def test_test_options_need_test_session(self):
        self.assertIn("--test-no-udev needs --test-session", self.refused("--test-no-udev"))
        self.assertIn("--test-sysfs-root needs --test-session", self.refused("--test-sysfs-root=/tmp"))
        self.assertIn("--test-dev-root needs --test-session", self.refused("--test-dev-root=/tmp"))

    def test_fake_sysfs_needs_the_kernel_event_backend(self):
        env = dict(os.environ, DBUS_SESSION_BUS_ADDRESS="unix:path=/nonexistent")
        result = subprocess.run([MODEMD, "--test-session", "--test-sysfs-root=/tmp"], capture_output=True,
                                text=True, timeout=WAIT_SECONDS, env=env)
        self.assertNotEqual(result.returncode, 0)
        if "needs a daemon without udev" not in result.stderr:
            self.skipTest("modemd was built without udev (-Dudev=false)")


if __name__ == "__main__":
    unittest.main(verbosity=2)
