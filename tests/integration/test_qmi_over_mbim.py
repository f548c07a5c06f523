# SPDX-License-Identifier: GPL-2.0-or-later
"""An MBIM modem that offers QMI over MBIM, end to end: the real mmcli
drives modemd against modem-sim's MBIM port with scenarios/mbim-qmi.ini.
modemd opens the MBIM port through mbim-proxy (its default), finds the QMI
service in Device Services, opens a QMI port over the same node through
the proxy, and takes supported/current modes and SetCurrentModes from QMI
NAS (the simulator's control socket shows the change) and the bands from
QMI DMS/NAS. An MBIM modem without
the QMI service, and one whose MBIM port is not shared (--no-mbim-proxy),
stay Basic Connect modems whose modes cannot be changed.

mbim-proxy listens on a global abstract socket, so this test re-runs itself
in a network namespace of its own (unshare -n); the proxy it starts there
is ended by pid, found by that namespace."""

import unittest

import netns

SKIP_REASON = netns.skip_reason(__name__ == "__main__")

from harness import ModemdTestCase, skip_without_tools, wait_for  # noqa: E402
from modem_behaviour import ERROR_PREFIX, generic  # noqa: E402
from netns import end_proxies_of_this_namespace  # noqa: E402


class QmiOverMbimBase(ModemdTestCase):

    daemon_args = ModemdTestCase.daemon_args + ["--test-fake-net-links"]

    def tearDown(self):
        super().tearDown()
        end_proxies_of_this_namespace()

    def add_mbim_modem(self, scenario):
        sim = self.start_sim(scenario, at="none", mbim="pty")
        self.set_profile("mbim0", ["mbim:" + sim.mbim_port, "net:wwan0"])
        wait_for(lambda: self.modem_paths(), what="the modem to be exported")
        return sim

    def modem(self):
        return self.mmcli_json("-m", "0")

    def log(self):
        with open(self.log_path, errors="replace") as log:
            return log.read()


@skip_without_tools
@unittest.skipIf(SKIP_REASON is not None, SKIP_REASON or "")
class QmiOverMbimTest(QmiOverMbimBase):

    def test_modes_from_qmi(self):
        sim = self.add_mbim_modem("mbim-qmi.ini")
        self.assertIn("QMI over MBIM open", self.log())
        g = generic(self.modem())
        # QMI's combinations: all the device's modes, and each alone.
        self.assertIn("allowed: 2g, 3g, 4g; preferred: none", g["supported-modes"])
        self.assertIn("allowed: 4g; preferred: none", g["supported-modes"])
        self.assertIn("allowed: 2g; preferred: none", g["supported-modes"])
        # NAS allows 5G too; the modem (an LTE one) uses what it has.
        self.assertEqual(g["current-modes"], "allowed: 2g, 3g, 4g; preferred: none")
        # The QMI requests reached the simulator over MBIM.
        commands = sim.history("qmi-command")
        self.assertIn("nas Get System Selection Preference", commands)

    def test_set_allowed_modes_through_qmi(self):
        sim = self.add_mbim_modem("mbim-qmi.ini")
        self.mmcli("-m", "0", "--set-allowed-modes=4g")
        self.assertEqual(sim.control("get allowed-modes"), "4g")
        self.assertEqual(generic(self.modem())["current-modes"], "allowed: 4g; preferred: none")
        self.mmcli("-m", "0", "--set-allowed-modes=2g|3g|4g")
        self.assertEqual(sim.control("get allowed-modes"), "2g,3g,4g")
        self.assertEqual(generic(self.modem())["current-modes"], "allowed: 2g, 3g, 4g; preferred: none")
        # Basic Connect still runs beside QMI on the same port.
        self.mmcli("-m", "0", "-e")
        wait_for(lambda: generic(self.modem())["state"] == "registered", what="registration over MBIM")

    def test_bands_from_qmi(self):
        # The simulated hardware's bands, from DMS Get Band Capabilities
        # over MBIM (LTE as the extended list).
        self.add_mbim_modem("mbim-qmi.ini")
        g = generic(self.modem())
        expected = {"egsm", "dcs", "utran-1", "utran-8", "eutran-1", "eutran-3", "eutran-7", "eutran-8",
                    "eutran-20"}
        self.assertEqual(set(g["supported-bands"]), expected)
        self.assertEqual(set(g["current-bands"]), expected)
        result = self.mmcli("-m", "0", "--set-current-bands=eutran-40", check=False)
        self.assertIn(ERROR_PREFIX + "Core.Unsupported", result.stderr)

    def test_without_qmi_service(self):
        sim = self.add_mbim_modem("default.ini")
        self.assertNotIn("QMI over MBIM", self.log())
        g = generic(self.modem())
        self.assertEqual(g["supported-modes"], ["allowed: 2g, 3g, 4g; preferred: none"])
        self.assertEqual(g["current-modes"], "allowed: 2g, 3g, 4g; preferred: none")
        result = self.mmcli("-m", "0", "--set-allowed-modes=4g", check=False)
        self.assertIn(ERROR_PREFIX + "Core.Unsupported", result.stderr)
        self.assertEqual(sim.control("get allowed-modes"), "2g,3g,4g,5g")
        self.assertNotIn("eutran-1", g["supported-bands"])
        result = self.mmcli("-m", "0", "--set-current-bands=eutran-1", check=False)
        self.assertIn(ERROR_PREFIX + "Core.Unsupported", result.stderr)
        self.mmcli("-m", "0", "-e")
        wait_for(lambda: generic(self.modem())["state"] == "registered", what="registration over MBIM")


@skip_without_tools
@unittest.skipIf(SKIP_REASON is not None, SKIP_REASON or "")
class QmiOverMbimNoProxyTest(QmiOverMbimBase):
    """Without mbim-proxy the daemon is the node's only user: libqmi could
    not open it beside the MBIM port, so QMI over MBIM is left unused."""

    daemon_args = QmiOverMbimBase.daemon_args + ["--no-mbim-proxy"]

    def test_qmi_left_unused(self):
        sim = self.add_mbim_modem("mbim-qmi.ini")
        self.assertIn("QMI over MBIM offered but not used", self.log())
        result = self.mmcli("-m", "0", "--set-allowed-modes=4g", check=False)
        self.assertIn(ERROR_PREFIX + "Core.Unsupported", result.stderr)
        self.assertEqual(sim.control("get qmi-command-count"), "0")


if __name__ == "__main__":
    unittest.main(verbosity=2)
