# SPDX-License-Identifier: GPL-2.0-or-later
"""Connection dispatcher scripts as ModemManager runs them: modemd started
with --connection-dispatcher-dir pointing at a temporary folder runs every
allowed script there, in file-name order, with MODEM_PATH BEARER_PATH
INTERFACE connected|disconnected, on connection, requested disconnection
and network drop; a script others may write is skipped."""

import os
import shutil
import tempfile
import unittest

from harness import ModemdTestCase, skip_without_tools, wait_for

MODEM = "/org/freedesktop/ModemManager1/Modem/0"
BEARER = "/org/freedesktop/ModemManager1/Bearer/0"


class DispatcherSteps:

    def setUp(self):
        self.scripts = tempfile.mkdtemp(prefix="modemd-dispatch-")
        self.record = os.path.join(self.scripts, "record.txt")
        for name, mode in (("20-second", 0o755), ("10-first", 0o700), ("15-writable", 0o775)):
            path = os.path.join(self.scripts, name)
            with open(path, "w") as f:
                f.write(f'#!/bin/sh\necho "{name} $*" >> "{self.record}"\n')
            # 15-writable is group-writable: ModemManager skips such a script.
            os.chmod(path, mode)
        self.daemon_args = self.base_args + [f"--connection-dispatcher-dir={self.scripts}"]
        super().setUp()

    def tearDown(self):
        super().tearDown()
        shutil.rmtree(self.scripts, ignore_errors=True)

    def lines(self):
        if not os.path.exists(self.record):
            return []
        with open(self.record) as f:
            return f.read().splitlines()

    def wait_lines(self, count):
        return wait_for(lambda: len(self.lines()) >= count and self.lines(),
                        what=f"{count} dispatcher runs")

    def enable(self):
        self.mmcli("-m", "0", "-e")
        wait_for(lambda: self.mmcli_json("-m", "0")["modem"]["generic"]["state"] == "registered",
                 what="registration")

    def test_scripts_run_on_connect_disconnect_and_drop(self):
        sim = self.add_modem()
        self.enable()
        self.mmcli("-m", "0", "--simple-connect=apn=internet,ip-type=ipv4")
        interface = self.mmcli_json("-b", "0")["bearer"]["status"]["interface"]
        connected = f"{MODEM} {BEARER} {interface} connected"
        self.assertEqual(self.wait_lines(2), [f"10-first {connected}", f"20-second {connected}"])
        self.mmcli("-m", "0", "--simple-disconnect")
        disconnected = f"{MODEM} {BEARER} {interface} disconnected"
        self.assertEqual(self.wait_lines(4)[2:], [f"10-first {disconnected}", f"20-second {disconnected}"])
        # A drop by the network runs them too.
        self.mmcli("-m", "0", "--simple-connect=apn=internet,ip-type=ipv4")
        self.wait_lines(6)
        sim.control("no-carrier")
        self.assertEqual(self.wait_lines(8)[6:], [f"10-first {disconnected}", f"20-second {disconnected}"])
        self.assertFalse(any(line.startswith("15-writable") for line in self.lines()))
        with open(self.log_path, errors="replace") as log:
            self.assertIn("not running " + os.path.join(self.scripts, "15-writable"), log.read())


@skip_without_tools
class AtDispatcherTest(DispatcherSteps, ModemdTestCase):

    base_args = ModemdTestCase.daemon_args

    def add_modem(self):
        return self.add_sim_modem()


@skip_without_tools
class MbimDispatcherTest(DispatcherSteps, ModemdTestCase):

    base_args = ModemdTestCase.daemon_args + ["--no-mbim-proxy", "--test-fake-net-links"]

    def add_modem(self):
        sim = self.start_sim("default.ini", at="none", mbim="pty")
        self.set_profile("mbim0", ["mbim:" + sim.mbim_port, "net:wwan0"])
        wait_for(lambda: self.modem_paths(), what="the modem to be exported")
        return sim


if __name__ == "__main__":
    unittest.main(verbosity=2)
