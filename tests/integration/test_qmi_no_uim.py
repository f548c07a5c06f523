# SPDX-License-Identifier: GPL-2.0-or-later
"""A QMI modem whose firmware lacks the UIM service (`[modem]
qmi-services` without uim): modemd finds the service missing when it
asks for a UIM client and drives the SIM through DMS's UIM messages.
The shared PIN / PUK behaviour of modem_behaviour.py runs unchanged, and
the simulator's history shows that every SIM request went through DMS."""

import os
import unittest

from harness import SCENARIOS, ModemdTestCase, skip_without_tools, wait_for
from modem_behaviour import ERROR_PREFIX, generic

NET_PORT = "wwan0"
SERVICES = "ctl,dms,nas,wds,wda"


@skip_without_tools
class QmiWithoutUimTest(ModemdTestCase):

    daemon_args = ModemdTestCase.daemon_args + ["--no-qmi-proxy"]

    def scenario(self, base, **changes):
        """A shipped scenario without UIM, with some [sim] keys changed."""
        with open(os.path.join(SCENARIOS, base)) as f:
            lines = f.read().splitlines()
        for i, line in enumerate(lines):
            key = line.partition("=")[0]
            if key.replace("-", "_") in changes:
                lines[i] = f"{key}={changes[key.replace('-', '_')]}"
        lines += ["[modem]", "qmi-services=" + SERVICES]
        path = os.path.join(self.workdir, "no-uim-" + base)
        with open(path, "w") as f:
            f.write("\n".join(lines) + "\n")
        return path

    def add_modem(self, base="pin-locked.ini", **changes):
        sim = self.start_sim(self.scenario(base, **changes), at="none", qmi="pty")
        self.set_profile("qmi0", ["qmi:" + sim.qmi_port, "net:" + NET_PORT])
        wait_for(lambda: self.modem_paths(), what="the modem to be exported")
        return sim

    def modem(self):
        return self.mmcli_json("-m", "0")

    def assert_no_uim(self, sim):
        sent = sim.history("qmi-command")
        self.assertFalse([r for r in sent if r.startswith("uim")], sent)
        self.assertIn("dms UIM Get PIN Status", sent)

    def test_unlock_with_pin_shows_identifiers(self):
        sim = self.add_modem()
        g = generic(self.modem())
        self.assertEqual((g["state"], g["unlock-required"]), ("locked", "sim-pin"))
        self.assertIn("sim-pin (3)", g["unlock-retries"])
        self.assertIn("sim-puk (10)", g["unlock-retries"])
        result = self.mmcli("-i", "0", "--pin=0000", check=False)
        self.assertIn(ERROR_PREFIX + "MobileEquipment.IncorrectPassword", result.stderr)
        self.assertIn("sim-pin (2)", generic(self.modem())["unlock-retries"])
        self.mmcli("-i", "0", "--pin=" + sim.control("get pin"))
        wait_for(lambda: generic(self.modem())["state"] == "disabled", what="the modem to unlock")
        self.assertEqual(generic(self.modem())["unlock-required"], "--")
        props = self.mmcli_json("-i", "0")["sim"]["properties"]
        self.assertEqual(props["iccid"], sim.control("get iccid"))
        self.assertEqual(props["imsi"], sim.control("get imsi"))
        sent = sim.history("qmi-command")
        self.assertIn("dms UIM Verify PIN", sent)
        self.assertIn("dms UIM Get ICCID", sent)
        self.assertIn("dms UIM Get IMSI", sent)
        self.assert_no_uim(sim)

    def test_three_wrong_pins_need_puk(self):
        sim = self.add_modem()
        for _ in range(3):
            self.mmcli("-i", "0", "--pin=0000", check=False)
        g = generic(self.modem())
        self.assertEqual((g["state"], g["unlock-required"]), ("locked", "sim-puk"))
        self.mmcli("-i", "0", "--puk=" + sim.control("get puk"), "--pin=4321")
        wait_for(lambda: generic(self.modem())["state"] == "disabled", what="the modem to unlock")
        self.assertEqual(sim.control("get pin"), "4321")
        self.assertIn("dms UIM Unblock PIN", sim.history("qmi-command"))
        self.assert_no_uim(sim)

    def test_enable_change_and_disable_pin(self):
        sim = self.add_modem("default.ini")
        pin = sim.control("get pin")
        self.assertEqual(generic(self.modem())["state"], "disabled")
        self.mmcli("-i", "0", "--pin=" + pin, "--enable-pin")
        self.assertEqual(sim.control("get pin-enabled"), "1")
        result = self.mmcli("-i", "0", "--pin=0000", "--change-pin=9876", check=False)
        self.assertIn(ERROR_PREFIX + "MobileEquipment.IncorrectPassword", result.stderr)
        self.mmcli("-i", "0", "--pin=" + pin, "--change-pin=9876")
        self.assertEqual(sim.control("get pin"), "9876")
        self.mmcli("-i", "0", "--pin=9876", "--disable-pin")
        self.assertEqual(sim.control("get pin-enabled"), "0")
        sent = sim.history("qmi-command")
        self.assertIn("dms UIM Set PIN Protection", sent)
        self.assertIn("dms UIM Change PIN", sent)
        self.assert_no_uim(sim)


if __name__ == "__main__":
    unittest.main()
