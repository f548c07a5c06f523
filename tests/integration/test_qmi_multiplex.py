# SPDX-License-Identifier: GPL-2.0-or-later
"""Multiplexed bearers of a QMI modem end to end: the real mmcli drives
modemd (with the fake net-link kernel, --test-fake-net-links) against
modem-sim's QMI front end. A multiplexed bearer switches the data port to
QMAP (WDA Set Data Format), gets an rmnet link with its own mux id, binds
its WDS clients to that mux id before Start Network, and gives the link
back when it disconnects or the modem goes. test_qmi_modem_udev.py runs
these tests again on a discovered qmi_wwan device (unplug_modem is the
hook it answers)."""

import ipaddress
import unittest

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
        self.assertEqual(first["status"]["interface"], NET_PORT + "m1")
        self.assertEqual(first["ipv4-config"]["address"], self.session_address("ipv4", 0))
        self.assertEqual(self.sim.control("get data-format"), "raw-ip qmap qmap")
        self.assertIn("created link wwan0m1 for mux id 1", self.modem_log())

        self.mmcli("-m", "0", "--create-bearer=apn=internet,ip-type=ipv6,multiplex=requested")
        self.mmcli("-b", "1", "--connect")
        second = self.bearer(1)
        self.assertEqual(second["status"]["connected"], "yes")
        self.assertEqual(second["status"]["multiplexed"], "yes")
        self.assertEqual(second["status"]["interface"], NET_PORT + "m2")
        self.assertEqual(second["ipv6-config"]["method"], "static")
        self.assertEqual(second["ipv6-config"]["address"], self.session_address("ipv6", 1))
        self.assertEqual(self.sim.control("get sessions"), "0,1")
        self.assertEqual(self.sim.control("get qmi-mux-ids"), "1,2")

        # Once the data port runs QMAP, a plain bearer has nothing to run on.
        self.mmcli("-m", "0", "--create-bearer=apn=internet,ip-type=ipv4")
        result = self.mmcli("-b", "2", "--connect", check=False)
        self.assertIn(ERROR_PREFIX + "Core.Unsupported", result.stderr)

        self.mmcli("-b", "1", "--disconnect")
        self.assertEqual(self.bearer(1)["status"]["connected"], "no")
        self.assertEqual(self.bearer(1)["status"]["multiplexed"], "no")
        self.assertEqual(self.bearer(0)["status"]["connected"], "yes")
        self.assertEqual(self.sim.control("get sessions"), "0")
        self.assertIn("removed link wwan0m2", self.modem_log())
        # The mux id is free again.
        self.mmcli("-b", "1", "--connect")
        self.assertEqual(self.bearer(1)["status"]["interface"], NET_PORT + "m2")
        self.mmcli("-m", "0", "--simple-disconnect")
        self.assertEqual(self.sim.control("get sessions"), "")
        self.assertIn("removed link wwan0m1", self.modem_log())

    def test_ipv4v6_multiplexed_bearer(self):
        self.mmcli("-m", "0", "--simple-connect=apn=internet,ip-type=ipv4v6,multiplex=required")
        bearer = self.bearer(0)
        self.assertEqual(bearer["status"]["interface"], NET_PORT + "m1")
        self.assertEqual(bearer["ipv4-config"]["method"], "static")
        self.assertEqual(bearer["ipv6-config"]["method"], "static")
        # Both families' clients are bound to the bearer's mux id.
        self.assertEqual(self.sim.control("get qmi-mux-ids"), "1,1")

    def test_network_drop_removes_link(self):
        self.mmcli("-m", "0", "--simple-connect=apn=internet,ip-type=ipv4,multiplex=required")
        self.sim.control("no-carrier")
        wait_for(lambda: self.bearer(0)["status"]["connected"] == "no", what="the bearer to drop")
        wait_for(lambda: "removed link wwan0m1" in self.modem_log(), what="the link to go")

    def test_unplug_removes_links(self):
        self.mmcli("-m", "0", "--simple-connect=apn=internet,ip-type=ipv4,multiplex=required")
        self.unplug_modem()
        wait_for(lambda: self.modem_paths() == [], what="the modem to be removed")
        wait_for(lambda: "[wwan0m1] deleted link" in self.modem_log(), what="the link to be deleted")
        self.assert_daemon_alive()


if __name__ == "__main__":
    unittest.main(verbosity=2)
