# SPDX-License-Identifier: GPL-2.0-or-later
"""Conflicting operations started together, many times, in both orders, on
an AT modem and an MBIM modem. Whatever order the daemon serves them in,
afterwards the modem's State, its bearers' Connected flags and the
simulator's own view (radio, data call or sessions) must agree.

The simulator answers slowly ("delay") so that the second call arrives
while the first one is still talking to the modem. MD_RACE_ITERATIONS
sets the iterations per order (default 10 on MBIM, 5 on AT, whose PPP
hang-up alone takes two escape guard times)."""

import os
import time
import unittest

from harness import BUS_NAME, WAIT_SECONDS, ModemdTestCase, skip_without_tools, wait_for
from modem_behaviour import generic

MODEM = "/org/freedesktop/ModemManager1/Modem/0"
IFACE = "org.freedesktop.ModemManager1"
STABLE = ("disabled", "enabled", "searching", "registered", "connected")
REPLY_DELAY_MS = 100
NET_PORT = "wwan0"


class Races:
    """Mixed into a test case that says how it adds its modem and how the
    simulator shows a data connection."""

    default_iterations = 10

    def add_modem(self):
        raise NotImplementedError

    def sim_data_active(self, sim):
        raise NotImplementedError

    def iterations(self):
        return int(os.environ.get("MD_RACE_ITERATIONS", self.default_iterations))

    # --- calls -------------------------------------------------------------

    def call_argv(self, path, method, *args):
        return ["gdbus", "call", "--session", "--dest", BUS_NAME, "--object-path", path,
                "--method", method, *args]

    def enable_call(self, enable):
        return self.call_argv(MODEM, IFACE + ".Modem.Enable", "true" if enable else "false")

    def simple_connect_call(self):
        return self.call_argv(MODEM, IFACE + ".Modem.Simple.Connect", "{'apn': <'internet'>}")

    def simple_disconnect_call(self):
        return self.call_argv(MODEM, IFACE + ".Modem.Simple.Disconnect", "/")

    def race(self, first, second, swap):
        """Starts both calls, in the given order or swapped, the second a
        moment after the first (which one the daemon sees first is still
        up to the machine), and waits for both; returns the stderr of each
        failed call in the order given, None for a call that succeeded."""
        calls = (second, first) if swap else (first, second)
        procs = [self.start_client(calls[0])]
        time.sleep(0.05)
        procs.append(self.start_client(calls[1]))
        errors = []
        for proc in procs:
            out, err = proc.communicate(timeout=WAIT_SECONDS * 4)
            # A call may fail, but only with a clear error: ours, or the bus
            # saying the bearer it addressed is gone.
            if proc.returncode != 0:
                self.assertTrue("org.freedesktop.ModemManager1.Error" in err
                                or "Object does not exist" in err, err)
            errors.append(err if proc.returncode != 0 else None)
        return errors[::-1] if swap else errors

    # --- state ---------------------------------------------------------------

    def bearers(self):
        paths = generic(self.modem()).get("bearers", [])
        return [self.mmcli_json("-b", p)["bearer"] for p in paths]

    def settled_state(self):
        return wait_for(lambda: (s := self.state()) in STABLE and s, what="a stable modem state")

    def assert_consistent(self, sim, context):
        """The modem's state, its bearers and the simulator agree."""
        state = self.settled_state()
        connected = [b for b in self.bearers() if b["status"]["connected"] == "yes"]
        cfun = sim.control("get cfun")
        data = self.sim_data_active(sim)
        summary = f"{context}: state {state}, {len(connected)} connected bearer(s), cfun {cfun}, data {data}"
        self.assertEqual(len(connected), 1 if state == "connected" else 0, summary)
        self.assertEqual(data, state == "connected", summary)
        self.assertEqual(cfun, "4" if state == "disabled" else "1", summary)
        self.assertIsNone(self.daemon.poll(), "modemd died")
        return state

    def reset_to_registered(self, sim):
        sim.control("delay 0")
        self.run_client(self.simple_disconnect_call(), check=False)
        self.run_client(self.enable_call(True))
        wait_for(lambda: self.state() == "registered", what="registered")
        wait_for(lambda: not self.sim_data_active(sim), what="no data call in the simulator")

    def create_bearer(self):
        out = self.run_client(self.call_argv(MODEM, IFACE + ".Modem.CreateBearer",
                                             "{'apn': <'internet'>}")).stdout
        return out.split("'")[1]

    # --- the pairs -------------------------------------------------------------

    def test_connect_and_delete_bearer(self):
        sim = self.add_modem()
        for i in range(self.iterations() * 2):
            self.reset_to_registered(sim)
            path = self.create_bearer()
            connect = self.call_argv(path, IFACE + ".Bearer.Connect")
            delete = self.call_argv(MODEM, IFACE + ".Modem.DeleteBearer", path)
            sim.control(f"delay {REPLY_DELAY_MS}")
            self.race(connect, delete, swap=i % 2 == 1)
            sim.control("delay 0")
            # The bearer is gone either way, and with it any call it made.
            self.assertEqual(generic(self.modem()).get("bearers", []), [], f"iteration {i}")
            self.assertEqual(self.assert_consistent(sim, f"iteration {i}"), "registered")

    def test_simple_connect_and_disable(self):
        sim = self.add_modem()
        for i in range(self.iterations() * 2):
            self.reset_to_registered(sim)
            sim.control(f"delay {REPLY_DELAY_MS}")
            connect, disable = self.simple_connect_call(), self.enable_call(False)
            connect_error, disable_error = self.race(connect, disable, swap=i % 2 == 1)
            sim.control("delay 0")
            state = self.assert_consistent(sim, f"iteration {i}")
            self.assertIsNone(disable_error)
            # A connect the disable cancelled leaves nothing behind it.
            if connect_error and "Core.Cancelled" in connect_error:
                self.assertEqual(state, "disabled", f"iteration {i}")

    def test_simple_connect_and_disconnect(self):
        sim = self.add_modem()
        for i in range(self.iterations() * 2):
            self.reset_to_registered(sim)
            sim.control(f"delay {REPLY_DELAY_MS}")
            connect, disconnect = self.simple_connect_call(), self.simple_disconnect_call()
            connect_error, disconnect_error = self.race(connect, disconnect, swap=i % 2 == 1)
            sim.control("delay 0")
            state = self.assert_consistent(sim, f"iteration {i}")
            self.assertIsNone(disconnect_error)
            if connect_error and "Core.Cancelled" in connect_error:
                self.assertEqual(state, "registered", f"iteration {i}")

    def test_enable_and_disable(self):
        sim = self.add_modem()
        for i in range(self.iterations() * 2):
            sim.control(f"delay {REPLY_DELAY_MS}")
            enable, disable = self.enable_call(True), self.enable_call(False)
            self.race(enable, disable, swap=i % 2 == 1)
            sim.control("delay 0")
            self.assert_consistent(sim, f"iteration {i}")

    def log_count(self, text):
        with open(self.log_path, errors="replace") as log:
            return log.read().count(text)

    def test_unplug_fails_queued_operations(self):
        sim = self.add_modem()
        self.reset_to_registered(sim)
        # The connect waits on a silent modem; a disable and a registration
        # queue behind it; then the device goes away.
        sim.control("mute on")
        queued = self.log_count("queued behind")
        calls = [self.start_client(self.simple_connect_call()), self.start_client(self.enable_call(False)),
                 self.start_client(self.call_argv(MODEM, IFACE + ".Modem.Modem3gpp.Register", "''"))]
        wait_for(lambda: self.log_count("queued behind") >= queued + 3, what="three operations queued")
        sim.control("unplug")
        errors = []
        for proc in calls:
            out, err = proc.communicate(timeout=WAIT_SECONDS * 4)
            self.assertNotEqual(proc.returncode, 0, out)
            self.assertIn("org.freedesktop.ModemManager1.Error", err)
            errors.append(err)
        # Whatever order they came in: one ran and failed with the port, a
        # connect may have been cancelled by the disable, and what still
        # waited was answered as aborted without running.
        aborted = [e for e in errors if ".Core.Aborted:" in e]
        others = [e for e in errors if ".Core.Aborted:" not in e and ".Core.Cancelled:" not in e]
        self.assertGreaterEqual(len(aborted), 1, errors)
        self.assertLessEqual(len(others), 1, errors)
        wait_for(lambda: self.modem_paths() == [], what="the modem to be removed")
        self.assert_daemon_alive()


@skip_without_tools
class AtRacesTest(Races, ModemdTestCase):

    daemon_args = ModemdTestCase.daemon_args + ["--poll-interval=1"]
    default_iterations = 5

    def add_modem(self):
        return self.add_sim_modem()

    def modem(self):
        return self.mmcli_json("-m", "0")

    def state(self):
        return generic(self.modem())["state"]

    def sim_data_active(self, sim):
        return sim.control("get data-mode") == "1"


@skip_without_tools
class MbimRacesTest(Races, ModemdTestCase):

    daemon_args = ModemdTestCase.daemon_args + ["--poll-interval=1", "--no-mbim-proxy",
                                                "--test-fake-net-links"]

    def add_modem(self):
        sim = self.start_sim("default.ini", at="none", mbim="pty")
        self.set_profile("mbim0", ["mbim:" + sim.mbim_port, "net:" + NET_PORT])
        wait_for(lambda: self.modem_paths(), what="the modem to be exported")
        return sim

    def modem(self):
        return self.mmcli_json("-m", "0")

    def state(self):
        return generic(self.modem())["state"]

    def sim_data_active(self, sim):
        return sim.control("get sessions") != ""


if __name__ == "__main__":
    unittest.main(verbosity=2)
