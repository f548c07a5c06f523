# SPDX-License-Identifier: GPL-2.0-or-later
"""modemctl against fake_mm.py, a stand-in ModemManager1 service with
fixed answers for what modemd does not publish yet: mmcli and modemctl
must print the same -K and -J output; the human views and `modemctl
monitor` are checked too."""

import json
import os
import re
import shutil
import subprocess
import unittest

from harness import MMCLI, WAIT_SECONDS, PrivateBus
from modemctl_support import MODEMCTL, Lines

SYSTEM_PYTHON = "/usr/bin/python3"
INTROSPECTION = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "introspection")


@unittest.skipUnless(MMCLI and shutil.which("dbus-daemon") and os.path.exists(SYSTEM_PYTHON), "needs mmcli, dbus")
class ModemctlFakeServiceTest(unittest.TestCase):
    """Values modemd does not publish yet (SMS objects, extended signal,
    SIM slots, bearer IP settings, statistics, connection errors, quotes,
    tabs and non-ASCII text) served by fake_mm.py: mmcli and modemctl must
    print the same -K and -J output."""

    def setUp(self):
        self.bus = PrivateBus()
        self.fake = subprocess.Popen([SYSTEM_PYTHON, os.path.join(os.path.dirname(__file__), "fake_mm.py"),
                                      INTROSPECTION], env=self.bus.env(), stdout=subprocess.PIPE, text=True)
        self.assertEqual(self.fake.stdout.readline(), "ready\n")

    def tearDown(self):
        self.fake.terminate()
        self.fake.wait(timeout=WAIT_SECONDS)
        self.fake.stdout.close()
        self.bus.stop()

    def run_both(self, *args):
        runs = [subprocess.run([tool, *args], env=self.bus.env(), capture_output=True, text=True,
                               timeout=WAIT_SECONDS) for tool in (MMCLI, MODEMCTL)]
        mm, mc = runs
        self.assertEqual(mc.returncode, mm.returncode, f"exit code of {args}: {mc.stderr}")
        self.assertEqual(mc.stdout, mm.stdout, f"output of {args}")
        return mc

    def test_monitor_extended_signal(self):
        events = Lines(subprocess.Popen([MODEMCTL, "monitor"], env=self.bus.env(), stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True))
        events.wait(lambda line: (json.loads(line).get("modem") or "").endswith("/Modem/0"), "the modem")
        self.run_both("-m", "0", "--signal-setup=7")
        line = events.wait(lambda line: json.loads(line)["event"] == "signal", "the new LTE values")
        self.assertEqual(json.loads(line), {"event": "signal", "modem": "/org/freedesktop/ModemManager1/Modem/0",
                                            "technology": "lte", "rssi": -50.5, "rsrp": -80.0})
        self.assertEqual(events.stop(), 0)
        self.run_both("-m", "0", "--signal-get", "-K")

    def test_human_output(self):
        """Not parsed by scripts, so not mmcli's bytes; sections of
        labelled values, one per line."""
        for args, expected in ((["-m", "0"], ["  Status   ", "| state: registered", "signal quality: 75% (recent)"]),
                               (["-b", "0"], ["IPv4 configuration", "dns: 8.8.8.8, 1.1.1.1",
                                              "start date: 2023-11-14T22:13:20Z"]),
                               (["-s", "0"], ["text: hello", "world \u00e9"]),
                               (["-i", "0"], ["gid1: FF01", "26201 (umts, lte)"]),
                               (["-m", "0", "--signal-get"], ["rsrp: -91.25 dBm"]),
                               (["-L"], ["/org/freedesktop/ModemManager1/Modem/0 [ACME"])):
            result = subprocess.run([MODEMCTL, *args], env=self.bus.env(), capture_output=True, text=True,
                                    timeout=WAIT_SECONDS)
            self.assertEqual(result.returncode, 0, result.stderr)
            squeezed = re.sub(r" +", " ", result.stdout)
            for text in expected:
                self.assertIn(re.sub(r" +", " ", text), squeezed, f"{args}")

    def test_same_as_mmcli(self):
        for fmt in ("-K", "-J"):
            for args in (["-L"], ["-m", "0"], ["-m", "1"], ["-i", "0"], ["-b", "0"], ["-b", "1"], ["-b", "2"], ["-s", "0"], ["-s", "1"], ["-s", "2"],
                         ["-s", "/org/freedesktop/ModemManager1/SMS/1"], ["-m", "0", "--messaging-list-sms"],
                         ["-m", "0", "--signal-get"]):
                with self.subTest(args=args, fmt=fmt):
                    self.assertEqual(self.run_both(*args, fmt).returncode, 0)
        self.run_both("-s", "7", "-K")
        self.run_both("-m", "0", "--messaging-delete-sms=7")
        self.run_both("-m", "0", "--signal-setup=x")


if __name__ == "__main__":
    unittest.main()
