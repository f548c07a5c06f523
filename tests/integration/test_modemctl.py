# SPDX-License-Identifier: GPL-2.0-or-later
"""modemctl in place of mmcli: the same commands, run with the real mmcli
and with modemctl against the same simulated modem (AT, and MBIM), must give
the same -K output (times aside) and the same exit codes, errors included;
and `modemctl -M` follows modems as `mmcli -M` does."""

import os
import re
import signal
import unittest

from harness import ModemdTestCase, skip_without_tools, wait_for

MODEMCTL = os.environ.get("MODEMCTL", "modemctl")
# Values that move with the clock between the two runs.
MOVING = re.compile(r"^bearer\.stats\.(start-date|duration|total-duration)\s")


def stable(text):
    return "\n".join(line for line in text.splitlines() if not MOVING.match(line))


class Comparison:
    """Mixed into a test case with add_modem()."""

    def both(self, *args):
        mm = self.run_client([self.mmcli_path(), *args], check=False)
        mc = self.run_client([MODEMCTL, *args], check=False)
        self.assertIsNone(self.daemon.poll(), "modemd died")
        self.assertEqual(mc.returncode, mm.returncode, f"exit code of {args}: {mc.stderr}")
        self.assertEqual(stable(mc.stdout), stable(mm.stdout), f"output of {args}")
        self.assertNotIn("CRITICAL", mc.stderr)
        return mc

    def mmcli_path(self):
        from harness import MMCLI
        return MMCLI

    def views(self, bearer=False):
        self.both("-L", "-K")
        self.both("-L", "-J")
        self.both("-m", "0", "-K")
        self.both("-m", "0", "-J")
        self.both("-m", "any", "-K")
        self.both("-i", "0", "-K")
        self.both("-i", "any", "-J")
        self.both("-m", "0", "--messaging-list-sms", "-K")
        self.both("-m", "0", "--signal-get", "-K")
        if bearer:
            self.both("-b", "0", "-K")
            self.both("-b", "0", "-J")

    def test_same_as_mmcli(self):
        self.add_modem("default.ini")
        self.views()
        # Errors: unknown objects, malformed strings, missing values.
        self.assertEqual(self.both("-m", "7", "-K").returncode, 1)
        self.both("-b", "5", "-K")
        self.both("-s", "0", "-K")
        self.both("-m", "0", "--simple-connect=apn=x,foo=bar")
        self.both("-m", "0", "--simple-connect=apn")
        self.both("-m", "0", "--simple-connect=apn='x")
        self.both("-m", "0", "--pin")
        self.both("-m", "0", "--set-allowed-modes=5g|bogus")
        self.both("-m", "0", "--set-current-bands=nothing")
        self.both("-m", "0", "--delete-bearer=x")
        self.both("-m", "0", "--messaging-create-sms=number=1,text=hi")
        self.both("-m", "0", "--signal-setup=10")
        self.both("-K", "-J", "-L")
        # The modem disabled: actions that must fail the same way.
        self.both("-m", "0", "--3gpp-register-home")
        self.both("-m", "0", "--simple-disconnect")
        # Enable with modemctl, look with both.
        self.run_client([MODEMCTL, "-m", "0", "-e"])
        wait_for(lambda: "registered" in self.run_client([MODEMCTL, "-m", "0", "-K"]).stdout,
                 what="registration")
        self.views()
        self.both("-m", "0", "--3gpp-scan", "-K")
        self.both("-m", "0", "--set-power-state-low")
        self.run_client([MODEMCTL, "-m", "0", "--simple-connect=apn=internet,ip-type=ipv4v6"])
        self.views(bearer=True)
        self.both("-m", "0", "--simple-connect=apn=internet,allowed-auth=pap|bogus")
        self.run_client([MODEMCTL, "-m", "0", "--simple-disconnect"])
        self.views(bearer=True)
        self.run_client([MODEMCTL, "-m", "0", "--delete-bearer=0"])
        self.views()
        self.run_client([MODEMCTL, "-m", "0", "-d"])
        self.views()

    def test_pin_errors_same_as_mmcli(self):
        self.add_modem("pin-locked.ini")
        self.views()
        self.both("-i", "0", "--pin=12ab")
        self.both("-i", "0", "--enable-pin")
        self.both("-i", "0", "--pin=0000")
        self.views()
        # A successful unlock runs once, with modemctl; both then agree.
        self.run_client([MODEMCTL, "-i", "0", "--pin=1234"])
        wait_for(lambda: "disabled" in self.run_client([MODEMCTL, "-m", "0", "-K"]).stdout,
                 what="the unlocked modem")
        self.views()
        self.both("-i", "0", "--pin=1234")
        self.both("-i", "0", "--pin=9999", "--change-pin=1234")

    def test_monitor_modems(self):
        client = self.start_client([MODEMCTL, "-M"])
        self.assertEqual(client.stdout.readline(), "No modems were found\n")
        self.add_modem("default.ini")
        line = client.stdout.readline()
        self.assertRegex(line, r"^\(\+\) /org/freedesktop/ModemManager1/Modem/0 \[.*\] .*\n$")
        client.send_signal(signal.SIGINT)
        self.assertEqual(client.wait(timeout=30), 0)
        client.stdout.close()
        client.stderr.close()


@skip_without_tools
class ModemctlAtTest(Comparison, ModemdTestCase):

    daemon_args = ModemdTestCase.daemon_args + ["--poll-interval=1"]

    def add_modem(self, scenario):
        return self.add_sim_modem(scenario)


@skip_without_tools
class ModemctlMbimTest(Comparison, ModemdTestCase):

    daemon_args = ModemdTestCase.daemon_args + ["--poll-interval=1", "--no-mbim-proxy",
                                                "--test-fake-net-links"]

    def add_modem(self, scenario):
        sim = self.start_sim(scenario, at="none", mbim="pty")
        self.set_profile("mbim0", ["mbim:" + sim.mbim_port, "net:wwan0"])
        wait_for(lambda: self.modem_paths(), what="the modem to be exported")
        return sim


if __name__ == "__main__":
    unittest.main()
