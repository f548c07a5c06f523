# SPDX-License-Identifier: GPL-2.0-or-later
"""Multiplexed bearers of a QMI modem end to end: the real mmcli drives
modemd (with the fake net-link kernel, --test-fake-net-links) against
modem-sim's QMI front end. A multiplexed bearer switches the data port to
QMAP (WDA Set Data Format), gets a link with its own mux id, binds its WDS
clients to that mux id before Start Network, and gives the link back when
it disconnects or the modem goes. Without sysfs facts the interface takes
rmnet links ("wwan0m1"); QmiWwanMultiplexTest gives the daemon a sysfs
tree (--test-sysfs-root) where wwan0 is a qmi_wwan interface on USB
interface 8: its links are qmi_wwan's own ("qmimux0"), the bind names that
endpoint, and the daemon sets qmi_wwan's switches in that tree.
test_qmi_modem_udev.py runs QmiMultiplexTest again on a discovered
qmi_wwan device (unplug_modem is the hook it answers)."""

import ipaddress
import os
import shutil
import tempfile
import unittest

import harness
from harness import ModemdTestCase, skip_without_tools, wait_for
from modem_behaviour import ERROR_PREFIX

NET_PORT = "wwan0"
MODEM = "/org/freedesktop/ModemManager1/Modem/0"


@skip_without_tools
class QmiMultiplexTest(ModemdTestCase):

    daemon_args = ModemdTestCase.daemon_args + ["--poll-interval=1", "--no-qmi-proxy",
                                                "--test-fake-net-links"]

    def setUp(self):
        super().setUp()
        self.sim = self.start_sim("default.ini", at="none", qmi="pty")
        self.set_profile("qmi0", ["qmi:" + self.sim.qmi_port, "net:" + NET_PORT])
        wait_for(lambda: self.modem_paths(), what="the modem to be exported")

    def unplug_modem(self):
        """The device goes away: here the simulator hangs up its port (the
        discovery variant removes the device from its testbed instead)."""
        self.sim.control("unplug")

    def link(self, mux_id):
        """The link of mux id's bearer: an rmnet link here, since the fake
        net links see no qmi_wwan interface (the kernel names a qmi_wwan
        link qmimux<K>, K the lowest free number: mux id - 1 in these
        tests, where links come and go in mux id order)."""
        return f"{NET_PORT}m{mux_id}"

    def bearer(self, index):
        return self.mmcli_json("-b", str(index))["bearer"]

    def modem_log(self):
        with open(self.log_path, errors="replace") as log:
            return log.read()

    def session_address(self, family, session):
        return str(ipaddress.ip_address(self.sim.control(f"get {family}-address")) + session)

    def test_max_multiplexed_bearers(self):
        result = self.call(MODEM, "org.freedesktop.DBus.Properties.Get",
                           "org.freedesktop.ModemManager1.Modem", "MaxActiveMultiplexedBearers")
        self.assertIn("<uint32 4>", result.stdout)

    def test_two_multiplexed_bearers(self):
        self.mmcli("-m", "0", "--simple-connect=apn=internet,ip-type=ipv4,multiplex=required")
        first = self.bearer(0)
        self.assertEqual(first["status"]["connected"], "yes")
        self.assertEqual(first["status"]["multiplexed"], "yes")
        self.assertEqual(first["status"]["interface"], self.link(1))
        self.assertEqual(first["ipv4-config"]["address"], self.session_address("ipv4", 0))
        self.assertEqual(self.sim.control("get data-format"), "raw-ip qmap qmap")
        self.assertIn(f"created link {self.link(1)} for mux id 1", self.modem_log())

        self.mmcli("-m", "0", "--create-bearer=apn=internet,ip-type=ipv6,multiplex=requested")
        self.mmcli("-b", "1", "--connect")
        second = self.bearer(1)
        self.assertEqual(second["status"]["connected"], "yes")
        self.assertEqual(second["status"]["multiplexed"], "yes")
        self.assertEqual(second["status"]["interface"], self.link(2))
        self.assertEqual(second["ipv6-config"]["method"], "static")
        self.assertEqual(second["ipv6-config"]["address"], self.session_address("ipv6", 1))
        self.assertEqual(self.sim.control("get sessions"), "0,1")
        self.assertEqual(self.sim.control("get qmi-mux-ids"), "1,2")

        # While mux links are held the data port cannot leave QMAP for a
        # plain bearer (ModemManager answers WrongState too).
        self.mmcli("-m", "0", "--create-bearer=apn=internet,ip-type=ipv4")
        result = self.mmcli("-b", "2", "--connect", check=False)
        self.assertIn(ERROR_PREFIX + "Core.WrongState", result.stderr)
        self.assertEqual(self.sim.control("get data-format"), "raw-ip qmap qmap")

        self.mmcli("-b", "1", "--disconnect")
        self.assertEqual(self.bearer(1)["status"]["connected"], "no")
        self.assertEqual(self.bearer(1)["status"]["multiplexed"], "no")
        self.assertEqual(self.bearer(0)["status"]["connected"], "yes")
        self.assertEqual(self.sim.control("get sessions"), "0")
        self.assertIn(f"removed link {self.link(2)}", self.modem_log())
        # The mux id is free again.
        self.mmcli("-b", "1", "--connect")
        self.assertEqual(self.bearer(1)["status"]["interface"], self.link(2))
        self.mmcli("-m", "0", "--simple-disconnect")
        self.assertEqual(self.sim.control("get sessions"), "")
        self.assertIn(f"removed link {self.link(1)}", self.modem_log())

    def test_ipv4v6_multiplexed_bearer(self):
        self.mmcli("-m", "0", "--simple-connect=apn=internet,ip-type=ipv4v6,multiplex=required")
        bearer = self.bearer(0)
        self.assertEqual(bearer["status"]["interface"], self.link(1))
        self.assertEqual(bearer["ipv4-config"]["method"], "static")
        self.assertEqual(bearer["ipv6-config"]["method"], "static")
        # Both families' clients are bound to the bearer's mux id.
        self.assertEqual(self.sim.control("get qmi-mux-ids"), "1,1")

    def test_qmap_switched_back(self):
        """With no mux link left, a plain bearer switches the data port
        back to raw IP without aggregation, as ModemManager does; a
        multiplexed one then switches it to QMAP again."""
        self.mmcli("-m", "0", "--simple-connect=apn=internet,ip-type=ipv4,multiplex=required")
        self.mmcli("-m", "0", "--simple-disconnect")
        self.assertEqual(self.sim.control("get data-format"), "raw-ip qmap qmap")
        self.mmcli("-m", "0", "--create-bearer=apn=internet,ip-type=ipv4")
        self.mmcli("-b", "1", "--connect")
        plain = self.bearer(1)
        self.assertEqual(plain["status"]["connected"], "yes")
        self.assertEqual(plain["status"]["multiplexed"], "no")
        self.assertEqual(plain["status"]["interface"], NET_PORT)
        self.assertEqual(self.sim.control("get data-format"), "raw-ip none none")
        self.assertIn("modem data format: raw IP without QMAP", self.modem_log())
        # Now a plain bearer holds the port: no multiplexing beside it.
        result = self.mmcli("-b", "0", "--connect", check=False)
        self.assertIn(ERROR_PREFIX + "Core.WrongState", result.stderr)
        self.mmcli("-b", "1", "--disconnect")
        self.mmcli("-b", "0", "--connect")
        self.assertEqual(self.bearer(0)["status"]["interface"], self.link(1))
        self.assertEqual(self.sim.control("get data-format"), "raw-ip qmap qmap")

    def test_network_drop_removes_link(self):
        self.mmcli("-m", "0", "--simple-connect=apn=internet,ip-type=ipv4,multiplex=required")
        self.sim.control("no-carrier")
        wait_for(lambda: self.bearer(0)["status"]["connected"] == "no", what="the bearer to drop")
        wait_for(lambda: f"removed link {self.link(1)}" in self.modem_log(), what="the link to go")

    def test_unplug_removes_links(self):
        self.mmcli("-m", "0", "--simple-connect=apn=internet,ip-type=ipv4,multiplex=required")
        self.unplug_modem()
        wait_for(lambda: self.modem_paths() == [], what="the modem to be removed")
        wait_for(lambda: f"[{self.link(1)}] deleted link" in self.modem_log(), what="the link to be deleted")
        self.assert_daemon_alive()


@skip_without_tools
class QmiNoQmapTest(ModemdTestCase):
    """A modem whose WDA refuses QMAP aggregation ([modem] qmap=false):
    multiplex=requested connects a plain bearer, required fails with
    Core.Unsupported, as ModemManager 1.20 does."""

    daemon_args = QmiMultiplexTest.daemon_args

    def setUp(self):
        super().setUp()
        with open(os.path.join(harness.SCENARIOS, "default.ini")) as f:
            text = f.read()
        scenario = os.path.join(self.workdir, "no-qmap.ini")
        with open(scenario, "w") as f:
            f.write(text + "\n[modem]\nqmap=false\n")
        self.sim = self.start_sim(scenario, at="none", qmi="pty")
        self.set_profile("qmi0", ["qmi:" + self.sim.qmi_port, "net:" + NET_PORT])
        wait_for(lambda: self.modem_paths(), what="the modem to be exported")

    def test_requested_connects_plain(self):
        result = self.mmcli("-m", "0", "--simple-connect=apn=internet,ip-type=ipv4,multiplex=required",
                            check=False)
        self.assertIn(ERROR_PREFIX + "Core.Unsupported", result.stderr)
        self.assertEqual(self.sim.control("get sessions"), "")
        self.mmcli("-m", "0", "--create-bearer=apn=internet,ip-type=ipv4,multiplex=requested")
        bearers = self.mmcli_json("-m", "0")["modem"]["generic"]["bearers"]
        self.mmcli("-b", bearers[-1], "--connect")
        bearer = self.mmcli_json("-b", bearers[-1])["bearer"]
        self.assertEqual(bearer["status"]["connected"], "yes")
        self.assertEqual(bearer["status"]["multiplexed"], "no")
        self.assertEqual(bearer["status"]["interface"], NET_PORT)
        self.assertEqual(self.sim.control("get qmi-mux-ids"), "")
        self.assertNotIn("qmap", self.sim.control("get data-format"))


@skip_without_tools
class QmiWwanMultiplexTest(ModemdTestCase):
    """The same modem whose wwan0 is a qmi_wwan interface in a sysfs tree of
    the test's: qmi/add_mux makes the daemon choose qmi_wwan's own links
    (the fake kernel names them as qmi_wwan does), the bind carries HSUSB
    and the interface's bInterfaceNumber, and the daemon's writes to
    qmi/raw_ip and qmi/pass_through land in the tree."""

    def setUp(self):
        self.tree = tempfile.mkdtemp(prefix="modemd-qmiwwan-")
        sys_root = os.path.join(self.tree, "sys")
        usb = os.path.join(sys_root, "devices/pci0000:00/0000:00:14.0/usb1/1-2/1-2:1.8")
        driver = os.path.join(sys_root, "bus/usb/drivers/qmi_wwan")
        self.net = os.path.join(sys_root, "class/net", NET_PORT)
        for folder in (usb, driver, os.path.join(self.net, "qmi")):
            os.makedirs(folder)
        os.symlink(driver, os.path.join(usb, "driver"))
        os.symlink(usb, os.path.join(self.net, "device"))
        self.write(os.path.join(usb, "bInterfaceNumber"), "08\n")
        for name, value in (("add_mux", ""), ("del_mux", ""), ("raw_ip", "N\n"), ("pass_through", "Y\n")):
            self.write(os.path.join(self.net, "qmi", name), value)
        self.daemon_args = ModemdTestCase.daemon_args + [
            "--poll-interval=1", "--no-qmi-proxy", "--test-fake-net-links", f"--test-sysfs-root={sys_root}"]
        super().setUp()
        self.sim = self.start_sim(self.scenario(), at="none", qmi="pty")
        self.set_profile("qmi0", ["qmi:" + self.sim.qmi_port, "net:" + NET_PORT])
        wait_for(lambda: self.modem_paths(), what="the modem to be exported")

    def tearDown(self):
        super().tearDown()
        shutil.rmtree(self.tree, ignore_errors=True)

    def scenario(self):
        return "default.ini"

    @staticmethod
    def write(path, value):
        with open(path, "w") as f:
            f.write(value)

    def switch(self, name):
        with open(os.path.join(self.net, "qmi", name)) as f:
            return f.read().strip()

    def bearer(self, index):
        return self.mmcli_json("-b", str(index))["bearer"]

    def modem_log(self):
        with open(self.log_path, errors="replace") as log:
            return log.read()

    def test_qmiwwan_links(self):
        self.mmcli("-m", "0", "--simple-connect=apn=internet,ip-type=ipv4,multiplex=required")
        first = self.bearer(0)
        self.assertEqual(first["status"]["multiplexed"], "yes")
        self.assertEqual(first["status"]["interface"], "qmimux0")
        self.assertIn("created link qmimux0 for mux id 1", self.modem_log())
        # qmi_wwan runs raw IP and demultiplexes QMAP itself.
        self.assertEqual(self.switch("raw_ip"), "Y")
        self.assertEqual(self.switch("pass_through"), "N")
        # HSUSB (2), USB interface 8, from sysfs.
        self.assertEqual(self.sim.control("get qmi-mux-endpoints"), "2/8")

        self.mmcli("-m", "0", "--create-bearer=apn=internet,ip-type=ipv4v6,multiplex=requested")
        self.mmcli("-b", "1", "--connect")
        self.assertEqual(self.bearer(1)["status"]["interface"], "qmimux1")
        self.assertEqual(self.sim.control("get qmi-mux-ids"), "1,2,2")
        self.assertEqual(self.sim.control("get qmi-mux-endpoints"), "2/8,2/8,2/8")

        self.mmcli("-b", "0", "--disconnect")
        self.assertIn("removed link qmimux0", self.modem_log())
        self.mmcli("-b", "1", "--disconnect")
        self.assertIn("removed link qmimux1", self.modem_log())

        # No mux link left: a plain bearer takes the port back to raw IP.
        self.mmcli("-m", "0", "--create-bearer=apn=internet,ip-type=ipv4")
        self.mmcli("-b", "2", "--connect")
        self.assertEqual(self.bearer(2)["status"]["interface"], NET_PORT)
        self.assertEqual(self.sim.control("get data-format"), "raw-ip none none")
        self.assertEqual(self.switch("raw_ip"), "Y")
        self.assertEqual(self.switch("pass_through"), "N")

    def test_unplug_removes_qmiwwan_link(self):
        self.mmcli("-m", "0", "--simple-connect=apn=internet,ip-type=ipv4,multiplex=required")
        self.sim.control("unplug")
        wait_for(lambda: self.modem_paths() == [], what="the modem to be removed")
        wait_for(lambda: "[qmimux0] deleted link" in self.modem_log(), what="the link to be deleted")
        self.assert_daemon_alive()


class QmiWwanEndpointTest(QmiWwanMultiplexTest):
    """A modem that refuses WDA data format requests without the Endpoint
    Info TLV (as Quectel's RM500Q): each is sent again with the
    interface's endpoint, as ModemManager 1.20 does."""

    def scenario(self):
        with open(os.path.join(harness.SCENARIOS, "default.ini")) as f:
            text = f.read()
        path = os.path.join(self.tree, "endpoint.ini")
        self.write(path, text.replace("[modem]\n", "[modem]\nwda-endpoint-required=true\n", 1)
                   if "[modem]\n" in text else text + "\n[modem]\nwda-endpoint-required=true\n")
        return path

    def test_endpoint_given_when_asked(self):
        self.mmcli("-m", "0", "--simple-connect=apn=internet,ip-type=ipv4")
        self.assertEqual(self.sim.control("get data-format"), "raw-ip none none")
        self.assertEqual(self.sim.control("get wda-endpoint"), "2/8")
        self.assertEqual(self.switch("raw_ip"), "Y")
        self.mmcli("-m", "0", "--simple-disconnect")
        self.mmcli("-m", "0", "--simple-connect=apn=internet,ip-type=ipv4,multiplex=required")
        self.assertEqual(self.sim.control("get data-format"), "raw-ip qmap qmap")
        self.assertEqual(self.bearer(1)["status"]["interface"], "qmimux0")
        self.assertGreaterEqual(self.modem_log().count("again with the endpoint"), 2)


if __name__ == "__main__":
    unittest.main(verbosity=2)
