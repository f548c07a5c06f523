# SPDX-License-Identifier: GPL-2.0-or-later
"""The QMI modem end to end: the real mmcli drives modemd against
modem-sim's QMI front end (`--qmi pty`), and the tests check the values
mmcli shows against what the simulator reports on its control socket.

modemd runs with --no-qmi-proxy: qmi-proxy listens on a global abstract
socket (test_qmi_proxy.py runs it in its own network namespace)."""

import unittest

from harness import ModemdTestCase, skip_without_tools, wait_for
from modem_behaviour import ERROR_PREFIX, generic


@skip_without_tools
class QmiModemTest(ModemdTestCase):

    daemon_args = ModemdTestCase.daemon_args + ["--poll-interval=1", "--no-qmi-proxy"]

    def add_qmi_modem(self, scenario="default.ini", uid="qmi0", at="none"):
        sim = self.start_sim(scenario, at=at, qmi="pty")
        ports = ["qmi:" + sim.qmi_port, "net:wwan0"]
        if at != "none":
            ports.append(sim.port)
        self.set_profile(uid, ports)
        wait_for(lambda: self.modem_paths(), what="the modem to be exported")
        return sim

    def modem(self):
        return self.mmcli_json("-m", "0")

    def modem_log(self):
        with open(self.log_path, errors="replace") as log:
            return log.read()

    # --- identity ------------------------------------------------------------------

    def test_identity(self):
        sim = self.add_qmi_modem()
        data = self.modem()
        g = generic(data)
        self.assertEqual(g["manufacturer"], sim.control("get manufacturer"))
        self.assertEqual(g["model"], sim.control("get model"))
        self.assertEqual(g["revision"], sim.control("get revision"))
        self.assertEqual(g["equipment-identifier"], sim.control("get imei"))
        self.assertEqual(data["modem"]["3gpp"]["imei"], sim.control("get imei"))
        self.assertEqual(g["plugin"], "generic")
        self.assertEqual(g["primary-port"], sim.qmi_port[len("/dev/"):])
        self.assertIn(g["primary-port"] + " (qmi)", g["ports"])
        self.assertIn("wwan0 (net)", g["ports"])
        self.assertIn("gsm-umts", ", ".join(g["current-capabilities"]))
        self.assertIn("lte", ", ".join(g["current-capabilities"]))
        self.assertIn("4g", ", ".join(g["supported-modes"]))

    def test_power_state_follows_operating_mode(self):
        self.add_qmi_modem()
        # default.ini starts with CFUN=4: DMS operating mode low power.
        self.assertEqual(generic(self.modem())["power-state"], "low")


if __name__ == "__main__":
    unittest.main()
