# SPDX-License-Identifier: GPL-2.0-or-later
"""modemctl in place of mmcli: the same commands, run with the real mmcli
and with modemctl against the same simulated modem (AT, and MBIM), must give
the same -K / -J output (times aside) and the same exit codes, errors
included; `modemctl -M` follows modems as `mmcli -M` does; `modemctl
monitor` and --wait-registered. Values modemd does not publish yet are
compared in test_modemctl_fake.py."""

import json
import os
import re
import signal
import unittest

from harness import MMCLI, WAIT_SECONDS, ModemdTestCase, skip_without_tools, wait_for
from modemctl_support import BEARER, MODEMCTL, PATHS, Lines, stable


class Comparison:
    """Mixed into a test case with add_modem()."""

    def both(self, *args, once=False):
        """mmcli, modemctl, mmcli again: when the two mmcli runs differ the
        modem changed meanwhile (a signal quality update), so try again.
        once: a command that changes something (a wrong PIN) runs once
        with each."""
        for _ in range(10):
            before = self.run_client([self.mmcli_path(), *args], check=False)
            mc = self.run_client([MODEMCTL, *args], check=False)
            if once:
                break
            after = self.run_client([self.mmcli_path(), *args], check=False)
            if (before.returncode, stable(before.stdout)) == (after.returncode, stable(after.stdout)):
                break
        self.assertIsNone(self.daemon.poll(), "modemd died")
        self.assertEqual(mc.returncode, before.returncode, f"exit code of {args}: {mc.stderr}")
        self.assertEqual(stable(mc.stdout), stable(before.stdout), f"output of {args}")
        self.assertNotIn("CRITICAL", mc.stderr)
        return mc

    def mmcli_path(self):
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
        for text in ("apn-type=default|ims", "roaming-allowance=home", "profile-id=3x", "ip-type=ipv4|ipv6",
                     "allowed-auth=pap|", "allow-roaming=maybe", "pin=1,operator-id=2,foo", "apn=\"x\"y"):
            self.both("-m", "0", "--create-bearer=" + text)
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
        self.both("-m", "0", "--timeout=0", "--3gpp-register-home")
        self.both("-m", "0", "--timeout=-5", "--3gpp-register-home")
        self.both("-m", "0", "--timeout=99999999", "--3gpp-register-home")
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

    def each(self, *args, tool):
        result = self.run_client([tool, *args], check=False)
        self.assertIsNone(self.daemon.poll(), "modemd died")
        return result.returncode, PATHS.sub(r"\1/N", result.stdout)

    def swap(self, action, undo):
        """action with mmcli, undo with modemctl, action with modemctl,
        undo with mmcli: each tool's action and undo must answer alike."""
        a_mm = self.each(*action, tool=MMCLI)
        u_mc = self.each(*undo, tool=MODEMCTL)
        a_mc = self.each(*action, tool=MODEMCTL)
        u_mm = self.each(*undo, tool=MMCLI)
        self.assertEqual(a_mc, a_mm, f"{action}")
        self.assertEqual(u_mc, u_mm, f"{undo}")
        return a_mm

    def test_actions_same_as_mmcli(self):
        self.add_modem("default.ini")
        self.assertEqual(self.swap(["-m", "0", "-e"], ["-m", "0", "-d"])[0], 0)
        self.assertEqual(self.swap(["-m", "0", "--set-power-state-on"], ["-m", "0", "--set-power-state-low"])[0], 0)
        self.assertEqual(self.swap(["-i", "0", "--pin=1234", "--enable-pin"],
                                   ["-i", "0", "--pin=1234", "--disable-pin"])[0], 0)
        self.swap(["-i", "0", "--pin=1234", "--change-pin=4321"], ["-i", "0", "--pin=4321", "--change-pin=1234"])
        # Each created bearer has a new path: delete the one just made.
        create = ["-m", "0", "--create-bearer=apn=foo,ip-type=ipv4,allowed-auth=pap|chap,apn-type=default,"
                             "allow-roaming=yes,profile-id=-1,number=1,allowed-auth=chap"]
        made = {}
        for maker, deleter in ((MMCLI, MODEMCTL), (MODEMCTL, MMCLI)):
            result = self.run_client([maker, *create])
            path = re.search(BEARER + r"/\d+", result.stdout).group(0)
            self.both("-b", path, "-K")
            made[maker] = (PATHS.sub(r"\1/N", result.stdout),
                           self.run_client([deleter, "-m", "0", "--delete-bearer=" + path]).stdout)
        self.assertEqual(made[MODEMCTL][0], made[MMCLI][0])
        self.assertEqual(made[MODEMCTL][1], made[MMCLI][1])
        self.run_client([MODEMCTL, "-m", "0", "-e"])
        wait_for(lambda: "registered" in self.run_client([MODEMCTL, "-m", "0", "-K"]).stdout, what="registration")
        self.views()
        for args in (["-m", "0", "--set-allowed-modes=3g|4g", "--set-preferred-mode=4g"],
                     ["-m", "0", "--set-allowed-modes=any"], ["-m", "0", "--set-current-bands=eutran-1|eutran-3"],
                     ["-m", "0", "--3gpp-register-in-operator=26201"], ["-m", "0", "--3gpp-register-home"],
                     ["-m", "0", "--set-current-bands="], ["-m", "0", "--set-allowed-modes="],
                     ["-m", "0", "--set-allowed-modes=any", "--set-preferred-mode=3g|4g"],
                     ["-m", "0", "--signal-setup=5"], ["-m", "0", "--messaging-create-sms=number=+1,text=x"]):
            self.assertEqual(self.each(*args, tool=MODEMCTL), self.each(*args, tool=MMCLI), f"{args}")
        # Each tool sends the message it created (SMS 0 modemctl, SMS 1
        # mmcli); a second Send of one message is refused by both alike.
        self.assertEqual(self.each("-s", "0", "--send", tool=MODEMCTL), self.each("-s", "1", "--send", tool=MMCLI))
        self.assertEqual(self.each("-s", "0", "--send", tool=MMCLI), self.each("-s", "1", "--send", tool=MODEMCTL))
        for index in ("0", "1"):
            self.both("-s", index, "-K")
        # Scripts grep the list for a state: the human list too is mmcli's.
        self.both("-m", "0", "--messaging-list-sms")
        self.views()

    def test_many_modems_listed_as_mmcli(self):
        self.add_modem("default.ini")
        for n in range(1, 6):
            sim = self.start_sim("minimal.ini")
            self.set_profile(f"extra{n}", [sim.port])
        wait_for(lambda: len(self.modem_paths()) == 6, what="six modems")
        for args in (["-L"], ["-L", "-K"], ["-L", "-J"], ["-m", "any", "-K"], ["-m", "a", "-K"],
                     ["-i", "any", "-K"], ["-m", "5", "-K"], ["-m", "/virtual/extra3", "-K"]):
            self.both(*args)

    def test_pin_errors_same_as_mmcli(self):
        self.add_modem("pin-locked.ini")
        self.views()
        self.both("-i", "0", "--pin=12ab")
        self.both("-i", "0", "--enable-pin")
        self.both("-i", "0", "--pin=0000", once=True)
        self.views()
        # A successful unlock runs once, with modemctl; both then agree.
        self.run_client([MODEMCTL, "-i", "0", "--pin=1234"])
        wait_for(lambda: "disabled" in self.run_client([MODEMCTL, "-m", "0", "-K"]).stdout,
                 what="the unlocked modem")
        self.views()
        self.both("-i", "0", "--pin=1234")
        self.both("-i", "0", "--pin=9999", "--change-pin=1234")

    def test_puk_same_as_mmcli(self):
        self.add_modem("pin-locked.ini")
        # Three wrong PINs (two with mmcli, one with modemctl): PUK needed.
        self.both("-i", "0", "--pin=0000", once=True)
        self.run_client([MMCLI, "-i", "0", "--pin=0000"], check=False)
        wait_for(lambda: "sim-puk" in self.run_client([MODEMCTL, "-m", "0", "-K"]).stdout, what="the PUK lock")
        self.views()
        self.both("-i", "0", "--pin=1234")
        self.both("-i", "0", "--puk=12345678")
        self.run_client([MODEMCTL, "-i", "0", "--puk=12345678", "--pin=4321"])
        wait_for(lambda: "disabled" in self.run_client([MODEMCTL, "-m", "0", "-K"]).stdout,
                 what="the unlocked modem")
        self.views()

    def test_monitor_modems_as_mmcli(self):
        self.both("-L", "-K")
        self.both("-L", "-J")
        self.both("-L")
        mm = Lines(self.start_client([MMCLI, "-M"]))
        mc = Lines(self.start_client([MODEMCTL, "-M"]))
        for lines in (mm, mc):
            lines.wait(lambda line: line == "No modems were found\n", "the empty list")
        sim = self.add_modem("default.ini")
        for lines in (mm, mc):
            lines.wait(lambda line: line.startswith("(+) "), "the added modem")
        sim.control("unplug")
        for lines in (mm, mc):
            lines.wait(lambda line: line.startswith("(-) "), "the removed modem")
        self.assertEqual(mc.stop(), mm.stop())
        self.assertEqual(mc.seen, mm.seen)
        self.assertRegex(mc.seen[1], r"^\(\+\) /org/freedesktop/ModemManager1/Modem/0 \[.+\] .+\n$")
        # -M is human output only, in either.
        self.assertEqual(self.both("-M", "-K").returncode, 1)
        self.assertEqual(self.both("-M", "-J").returncode, 1)

    def test_monitor_streams_changes(self):
        sim = self.add_modem("default.ini")
        events = Lines(self.start_client([MODEMCTL, "monitor"]))

        def event(name, **fields):
            def match(line):
                data = json.loads(line)
                return data["event"] == name and all(data.get(k) == v for k, v in fields.items())
            return match

        events.wait(event("modem-added", state="disabled"), "the modem present at start")
        # Each step's events may come in any order: wait for each among the
        # lines since the step began.
        mark = events.mark()
        self.run_client([MODEMCTL, "-m", "0", "-e"])
        events.wait(event("state", old="enabling", new="enabled"), "enabling", mark)
        events.wait(event("registration", registration="home", **{"operator-code": "26201"}), "registration", mark)
        events.wait(event("state", new="registered"), "the registered state", mark)
        mark = events.mark()
        sim.control("register searching")
        events.wait(event("registration", registration="searching"), "the lost registration", mark)
        events.wait(event("state", new="searching"), "the searching state", mark)
        mark = events.mark()
        sim.control("register home")
        events.wait(event("registration", registration="home"), "registration again", mark)
        events.wait(event("state", new="registered"), "registered again", mark)
        mark = events.mark()
        self.run_client([MODEMCTL, "-m", "0", "--simple-connect=apn=internet"])
        # A bearer may be listed already connected (bearer-added) or connect
        # after it is listed (bearer).
        events.wait(lambda line: event("bearer", connected=True)(line) or event("bearer-added", connected=True)(line),
                    "the bearer connected", mark)
        events.wait(event("state", new="connected"), "the connected state", mark)
        mark = events.mark()
        self.run_client([MODEMCTL, "-m", "0", "--simple-disconnect"])
        events.wait(event("bearer", connected=False), "the bearer disconnected", mark)
        self.assertEqual(events.stop(), 0)
        for line in events.seen:
            json.loads(line)

    def test_monitor_follows_daemon_restart(self):
        self.add_modem("default.ini")
        events = Lines(self.start_client([MODEMCTL, "monitor"]))

        def named(name):
            return lambda line: json.loads(line)["event"] == name

        events.wait(named("modem-added"), "the modem present at start")
        mark = events.mark()
        self.stop_daemon()
        events.wait(named("modem-removed"), "the modem gone with the daemon", mark)
        events.wait(named("daemon-vanished"), "the daemon gone", mark)
        mark = events.mark()
        self.start_daemon()
        events.wait(named("daemon-appeared"), "the daemon back", mark)
        self.add_modem("default.ini")
        events.wait(named("modem-added"), "the modem back", mark)
        self.assertEqual(events.stop(), 0)

    def test_monitor_ends_on_sigterm(self):
        proc = self.start_client([MODEMCTL, "monitor"])
        self.add_modem("default.ini")
        events = Lines(proc)
        events.wait(lambda line: json.loads(line)["event"] == "modem-added", "the added modem")
        proc.send_signal(signal.SIGTERM)
        self.assertEqual(proc.wait(timeout=WAIT_SECONDS), 0)
        proc.stdout.close()
        proc.stderr.close()

    def test_connect_waits_for_registration(self):
        sim = self.add_modem("default.ini")
        sim.control("register searching")
        self.run_client([MODEMCTL, "-m", "0", "-e"])
        wait_for(lambda: "searching" in self.run_client([MODEMCTL, "-m", "0", "-K"]).stdout, what="searching")
        # Not registered within the bound: a clear failure, nothing connected.
        late = self.run_client([MODEMCTL, "-m", "0", "--wait-registered=1", "--simple-connect=apn=internet"],
                               check=False)
        self.assertEqual(late.returncode, 1)
        self.assertIn("not registered after 1 seconds", late.stderr)
        # Registered while it waits: connected.
        client = self.start_client([MODEMCTL, "-m", "0", f"--wait-registered={WAIT_SECONDS}",
                                    "--simple-connect=apn=internet"])
        sim.control("register home")
        out, err = client.communicate(timeout=WAIT_SECONDS * 2)
        self.assertEqual(client.returncode, 0, err)
        self.assertIn("successfully connected the modem", out)
        self.assertIn("connected", self.run_client([MODEMCTL, "-m", "0", "-K"]).stdout)

    def test_wait_ends_when_the_modem_vanishes(self):
        sim = self.add_modem("default.ini")
        sim.control("register searching")
        self.run_client([MODEMCTL, "-m", "0", "-e"])
        wait_for(lambda: "searching" in self.run_client([MODEMCTL, "-m", "0", "-K"]).stdout, what="searching")
        client = self.start_client([MODEMCTL, "-m", "0", "--wait-registered=600", "--simple-connect=apn=internet"])
        # modemctl says on stderr when it starts waiting.
        self.assertIn("waiting up to 600 seconds", client.stderr.readline())
        sim.control("unplug")
        out, err = client.communicate(timeout=WAIT_SECONDS * 2)
        self.assertEqual(client.returncode, 1)
        self.assertIn("modem vanished while waiting for registration", err)

    def test_kernel_event_and_bad_input(self):
        self.both("--report-kernel-event=action=add,subsystem=tty,name=ttyUSB77")
        self.both("--report-kernel-event=action=add,bogus=1")
        self.both("--report-kernel-event=")
        self.both("-m", "")
        self.both("-i", "", "-K")
        self.both("-b", "/org/freedesktop/ModemManager1/Bearer/x", "-K")
        self.both("-m", "0", "--timeout=5", "-K")
        self.both("-m", "0", "--delete-bearer=/org/freedesktop/ModemManager1/Bearer/x y")
        self.both("-m", "0", "--delete-bearer=7")
        self.both("-b", "/org/freedesktop/ModemManager1/Bearer/x y", "-K")
        self.both("-m", "0", "--messaging-delete-sms=/org/freedesktop/ModemManager1/SMS/x y")
        self.both("-i", "0", "--pin=" + os.fsdecode(b"\xff"))
        self.both("-m", "0", "--3gpp-register-in-operator=" + os.fsdecode(b"\xfe\xff"))
        # Which family a command line belongs to, and its checks, as mmcli.
        for args in (["-m", "0", "--pin=1234"], ["--puk=1"], ["-i", "0", "--puk=12345678"],
                     ["-i", "0", "--enable-pin", "--disable-pin", "--pin=1"], ["--send"], ["-e"],
                     ["-L", "-m", "0"], ["-L", "-e"], ["--3gpp-scan"], ["-i", "0", "-m", "0", "-K"],
                     ["-s", "0", "-m", "0"], ["-m", "0", "-e", "-d"], ["-m", "0", "--signal-get", "--messaging-list-sms"],
                     ["-m", "0", "--set-preferred-mode=4g"], ["-m", "0", "--report-kernel-event=action=add"], []):
            self.both(*args)
        # Hostile text never crashes modemctl.
        for value in ("\x01\x7f'\"", "a" * 10000, "\u00e9=\u00e9", "apn=\"", ",,,", "=x"):
            result = self.run_client([MODEMCTL, "-m", "0", f"--simple-connect={value}"], check=False)
            self.assertIn(result.returncode, (0, 1))
            self.assertNotIn("CRITICAL", result.stderr)
        self.assertIsNone(self.daemon.poll())


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
