# SPDX-License-Identifier: GPL-2.0-or-later
"""The Quectel plugin on the real discovery path: a Quectel AT modem
(option ttys) and a Quectel MBIM modem with AT ttys, in a umockdev testbed
with modem-sim behind their nodes (the fixtures and helpers of
test_discovery_udev.py). Both get Plugin "quectel"; power "off" is
Quectel's AT+QPOWD=1 on the AT control port, seen by mmcli as power state
"off" and by the simulator as the command and its CFUN 0. Skipped as
test_discovery_udev.py is, and against ModemManager."""

import umockdev_harness

umockdev_harness.reexec_under_preload(private_net=True)


import test_discovery_udev as udev  # noqa: E402
from harness import wait_for  # noqa: E402

# As ModemManager's 77-mm-quectel-port-types.rules type the EC25's ttys.
EC25_PORT_TYPES = ["ttyUSB0:ID_MM_PORT_TYPE_QCDM=1", "ttyUSB1:ID_MM_PORT_TYPE_GPS=1",
                   "ttyUSB2:ID_MM_PORT_TYPE_AT_PRIMARY=1", "ttyUSB3:ID_MM_PORT_TYPE_AT_SECONDARY=1"]


class QuectelTest(udev.DiscoveryTest):
    """The discovery test's set-up and helpers; only the tests below run
    (load_tests)."""

    def power_off(self, path, sim):
        wait_for(lambda: self.generic_of(path)["state"] == "disabled", what="the modem to be disabled")
        self.assertNotEqual(sim.control("get cfun"), "0")
        self.mmcli("-m", path, "--set-power-state-off")
        self.assertEqual(self.generic_of(path)["power-state"], "off")
        self.assertEqual(sim.control("get cfun"), "0")
        self.assertIn("AT+QPOWD=1", sim.history())

    def test_quectel_at_modem(self):
        self.start_daemon()
        device = self.testbed.quectel_modem("1-2", 0, self.props(*EC25_PORT_TYPES))
        sim = self.serve(at="/dev/ttyUSB2", extra=["/dev/ttyUSB3"])
        path = self.wait_modem(device)
        g = self.generic_of(path)
        self.assertEqual(g["plugin"], "quectel")
        self.assertEqual(g["primary-port"], "ttyUSB2")
        self.assertTrue({"ttyUSB2 (at)", "ttyUSB3 (at)"} <= self.ports_of(path), self.ports_of(path))
        self.power_off(path, sim)
        # The QCDM and GPS ports are listed, never opened.
        self.assert_untouched("/dev/ttyUSB0")
        self.assert_untouched("/dev/ttyUSB1")

    def test_quectel_mbim_modem_with_at_tty(self):
        self.start_daemon()
        device = self.plug_mbim_at()
        sim = self.sims[0]
        path = self.wait_modem(device)
        g = self.generic_of(path)
        self.assertEqual(g["plugin"], "quectel")
        self.assertEqual(g["primary-port"], "cdc-wdm1")
        wait_for(lambda: {"cdc-wdm1 (mbim)", "ttyACM0 (at)"} <= self.ports_of(path),
                 what="the MBIM and AT ports")
        before = int(sim.control("get mbim-command-count"))
        self.power_off(path, sim)
        # Powered down over AT: no MBIM request for it.
        after = int(sim.control("get mbim-command-count"))
        sent = [sim.control(f"get mbim-command {i}") for i in range(before, after)]
        self.assertFalse([c for c in sent if "RADIO" in c.upper()], sent)


load_tests = udev.own_tests(QuectelTest)


if __name__ == "__main__":
    udev.run_modemd_only("ModemManager's plugin differs")
