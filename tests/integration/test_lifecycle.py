# SPDX-License-Identifier: GPL-2.0-or-later
"""A modem's whole life in one daemon run, for an AT and an MBIM modem:
refused calls, unlock, enable, scan, connect, disconnect, disable, then
SIGTERM with exit status 0. scripts/valgrind-test runs this file with MD_TEST_VALGRIND=1, so
every step's code runs under valgrind and the exit status carries its
verdict (memory errors and definite leaks)."""

import unittest

from harness import MANAGER_PATH, ModemdTestCase, skip_without_tools, wait_for
from modem_behaviour import ERROR_PREFIX, generic


class LifecycleSteps:
    """The steps both modem kinds go through; the test class provides
    add_modem (a PIN-locked modem) and the daemon arguments."""

    def add_modem(self):
        raise NotImplementedError

    def state(self):
        return generic(self.mmcli_json("-m", "0"))["state"]

    def wait_state(self, state):
        wait_for(lambda: self.state() == state, what=f"modem state {state}")

    def test_unlock_enable_scan_connect_disconnect_disable_sigterm(self):
        sim = self.add_modem()
        self.assertEqual(self.state(), "locked")
        # Refused calls on the way: one the gate turns away, one the
        # validation turns away.
        result = self.call(MANAGER_PATH, "org.freedesktop.ModemManager1.InhibitDevice",
                           "/sys/devices/none", "true", check=False)
        self.assertIn(ERROR_PREFIX + "Core.Unsupported", result.stderr)
        result = self.mmcli("-i", "0", "--pin=12ab", check=False)
        self.assertIn(ERROR_PREFIX + "Core.InvalidArgs", result.stderr)
        self.mmcli("-i", "0", "--pin=" + sim.control("get pin"))
        self.wait_state("disabled")

        self.mmcli("-m", "0", "-e")
        self.wait_state("registered")
        scan = self.mmcli_json("-m", "0", "--3gpp-scan", "--timeout=300")
        self.assertTrue(scan["modem"]["3gpp"]["scan-networks"])

        self.mmcli("-m", "0", "--simple-connect=apn=internet,ip-type=ipv4")
        self.assertEqual(self.state(), "connected")
        self.assertEqual(self.mmcli_json("-b", "0")["bearer"]["status"]["connected"], "yes")
        self.mmcli("-m", "0", "--simple-disconnect")
        self.assertEqual(self.mmcli_json("-b", "0")["bearer"]["status"]["connected"], "no")
        self.wait_state("registered")

        self.mmcli("-m", "0", "-d")
        self.wait_state("disabled")
        problem = self.stop_daemon()
        if problem:
            self.fail(problem)


@skip_without_tools
class AtModemLifecycleTest(LifecycleSteps, ModemdTestCase):

    def add_modem(self):
        return self.add_sim_modem("pin-locked.ini")


@skip_without_tools
class MbimModemLifecycleTest(LifecycleSteps, ModemdTestCase):

    # The proxy's socket is global and session links would need a real
    # wwan0: see test_mbim_modem.py.
    daemon_args = ModemdTestCase.daemon_args + ["--no-mbim-proxy", "--test-fake-net-links"]

    def add_modem(self):
        sim = self.start_sim("pin-locked.ini", at="none", mbim="pty")
        self.set_profile("mbim0", ["mbim:" + sim.mbim_port, "net:wwan0"])
        wait_for(lambda: self.modem_paths(), what="the modem to be exported")
        return sim


if __name__ == "__main__":
    unittest.main(verbosity=2)
