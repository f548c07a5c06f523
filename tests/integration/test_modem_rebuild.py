# SPDX-License-Identifier: GPL-2.0-or-later
"""Modems rebuilt while the daemon runs, on modems found through the real
discovery path in a umockdev testbed, checked with the real mmcli:

- a SIM taken out and put back (modem-sim's "sim remove" and "sim
  insert") on a qmi_wwan modem, which modemd asks for UIM Card Status
  indications; a cdc_mbim modem, whose Subscriber Ready Status
  notifications come unasked; a Quectel AT modem, asked for +QSIMSTAT
  reports; a generic AT modem (option ttys) and a Quectel one whose
  firmware refuses +QSIMSTAT, whose card is checked with +CPIN? every poll
  interval;
- an MBIM modem that restarts without leaving the bus (modem-sim's
  "reset": its function closed, so it answers NotOpened), found by the next
  poll, or by the poll on resume (python-dbusmock's logind emitting
  PrepareForSleep) when it restarted while the system slept; through
  mbim-proxy 1.28.2, which stays stuck after a NotOpened, the device's
  modem is rebuilt without the proxy after a second quick loss.

Each time the old Modem object goes (its connection ends) and a new one
starts from the beginning. The fixtures are test_qmi_udev.py's; skipped as
that file is."""

import umockdev_harness

umockdev_harness.reexec_under_preload(private_net=True)

import os  # noqa: E402

import logind_mock  # noqa: E402
import test_discovery_udev as udev  # noqa: E402
import test_qmi_udev  # noqa: E402
from test_quectel import EC25_PORT_TYPES  # noqa: E402
from harness import MODEM_SIM, wait_for  # noqa: E402
from netns import end_proxies_of_this_namespace  # noqa: E402


class ModemRebuildTest(test_qmi_udev.QmiDiscoveryTest):

    def new_modem(self, device, old):
        """The path of the modem built on device after old went."""
        return wait_for(lambda: (lambda p: p if p and p != old else None)(self.modem_on(device)),
                        what=f"a modem other than {old} on {device.sysfs_path}")

    def swap_out_and_in(self, device, sim, connect=True):
        path = self.wait_modem(device)
        wait_for(lambda: self.generic_of(path)["state"] == "disabled", what="the modem initialized")
        self.assertNotEqual(self.generic_of(path)["sim"], "--")
        self.mmcli("-m", path, "-e")
        wait_for(lambda: self.generic_of(path)["state"] == "registered", what="registered")
        if connect:
            self.mmcli("-m", path, "--simple-connect=apn=internet,ip-type=ipv4")
            self.assertEqual(self.generic_of(path)["state"], "connected")

        sim.control("sim remove")
        empty = self.new_modem(device, path)
        wait_for(lambda: self.generic_of(empty)["state"] == "failed", what="the modem without SIM")
        self.assertEqual(self.generic_of(empty)["state-failed-reason"], "sim-missing")
        self.assertNotIn(path, self.modems())
        self.assertIn("the SIM was removed: building the modem again", self.log())

        sim.control("sim insert")
        full = self.new_modem(device, empty)
        wait_for(lambda: self.generic_of(full)["state"] == "disabled", what="the modem with its SIM")
        sim_path = self.generic_of(full)["sim"]
        self.assertEqual(self.mmcli_json("-i", sim_path)["sim"]["properties"]["iccid"],
                         sim.control("get iccid"))
        self.assertIn("a SIM was inserted: building the modem again", self.log())
        # The rebuilt modem works.
        self.mmcli("-m", full, "-e")
        wait_for(lambda: self.generic_of(full)["state"] == "registered", what="registered again")
        self.assert_daemon_alive()

    def test_qmi_modem_rebuilt_on_sim_swap(self):
        self.start_daemon()
        device, sim = self.plug_qmi()
        self.swap_out_and_in(device, sim)
        self.assertIn("uim Register Events", sim.history("qmi-command"))

    def test_mbim_modem_rebuilt_on_sim_swap(self):
        self.start_daemon()
        device = self.plug_mbim()
        self.swap_out_and_in(device, self.sims[-1])

    def test_quectel_at_modem_rebuilt_on_sim_swap(self):
        self.start_daemon()
        device = self.testbed.quectel_modem("1-2", 0, self.props(*EC25_PORT_TYPES))
        sim = self.serve(at="/dev/ttyUSB2", extra=["/dev/ttyUSB3"])
        self.swap_out_and_in(device, sim, connect=False)
        self.assertIn("AT+QSIMSTAT=1", sim.history())

    def test_generic_at_modem_rebuilt_on_sim_swap_by_poll(self):
        # 27.007 has no report of the card coming or going: the card is
        # checked with +CPIN? every poll interval, also while the modem is
        # FAILED without a SIM.
        self.start_daemon(["--poll-interval=1"])
        device = self.plug_option()
        sim = self.sims[-1]
        self.swap_out_and_in(device, sim, connect=False)
        self.assertGreater(sim.history().count("AT+CPIN?"), 3)

    def test_quectel_without_qsimstat_checks_by_poll(self):
        # Firmware that refuses AT+QSIMSTAT: the card is checked as on any
        # AT modem.
        scenario = os.path.join(self.workdir, "no-qsimstat.ini")
        with open(udev.SCENARIO) as f:
            text = f.read()
        with open(scenario, "w") as f:
            f.write(text.replace("[commands]\n", "[commands]\nunsupported=+QSIMSTAT\n"))
        self.start_daemon(["--poll-interval=1"])
        device = self.testbed.quectel_modem("1-2", 0, self.props(*EC25_PORT_TYPES))
        sim = umockdev_harness.NodeSim(MODEM_SIM, scenario, self.testbed, self.workdir,
                                       at="/dev/ttyUSB2", extra=["/dev/ttyUSB3"])
        self.sims.append(sim)
        self.swap_out_and_in(device, sim, connect=False)
        self.assertIn("no +QSIMSTAT reports", self.log())

    def registered_mbim_modem(self, poll_interval):
        """A daemon polling every poll_interval seconds and an MBIM modem it
        found and registered: (device, sim, path)."""
        self.start_daemon([f"--poll-interval={poll_interval}"])
        device = self.plug_mbim()
        sim = self.sims[-1]
        path = self.wait_modem(device)
        wait_for(lambda: self.generic_of(path)["state"] == "disabled", what="the modem initialized")
        self.mmcli("-m", path, "-e")
        wait_for(lambda: self.generic_of(path)["state"] == "registered", what="registered")
        return device, sim, path

    def test_mbim_modem_rebuilt_after_restart(self):
        # The poll's next request meets the closed function.
        device, sim, path = self.registered_mbim_modem(1)
        self.mmcli("-m", path, "--simple-connect=apn=internet,ip-type=ipv4")
        self.assertEqual(sim.control("get sessions"), "0")

        sim.control("reset")
        self.assertEqual(sim.control("get mbim-open"), "0")
        new = self.new_modem(device, path)
        wait_for(lambda: self.generic_of(new)["state"] == "disabled", what="the restarted modem")
        self.assertIn("the modem closed its MBIM session (it restarted): building the modem again",
                      self.log())
        self.assertNotIn(path, self.modems())
        self.assertEqual(sim.control("get mbim-open"), "1")
        # The NotOpened answer was taken as an error, never read as a
        # COMMAND_DONE (libmbim logs its getters' assertions then).
        self.assertNotIn("<ERR>", self.log())
        self.mmcli("-m", new, "-e")
        wait_for(lambda: self.generic_of(new)["state"] == "registered", what="registered again")
        self.assert_daemon_alive()

    def test_sim_removed_during_initialization(self):
        # The SIM goes while the daemon initializes the modem (every answer
        # held 300 ms), after the unlock check found it: that creation ends
        # unexported, and the device gets a new modem without SIM.
        self.start_daemon()
        device = self.plug_mbim()
        sim = self.sims[-1]
        sim.control("delay 300")
        wait_for(lambda: "unlock required" in self.log(), what="the unlock check")
        sim.control("sim remove")
        wait_for(lambda: "The modem asked to be built again" in self.log(), what="the creation to end")
        sim.control("delay 0")
        path = self.wait_modem(device)
        wait_for(lambda: self.generic_of(path)["state"] == "failed", what="the modem without SIM")
        self.assertEqual(self.generic_of(path)["state-failed-reason"], "sim-missing")
        self.assert_daemon_alive()

    def test_mbim_restart_through_proxy(self):
        # Through mbim-proxy (libmbim 1.28.2), after a NotOpened the proxy
        # closes its channel to the device but still counts it as open, so
        # the rebuilt modem's session is refused at once too. That second
        # quick loss waits (backoff, not a busy loop), and the device's next
        # modem opens the port without the proxy, and works.
        self.daemon_args = [a for a in self.daemon_args if a != "--no-mbim-proxy"]
        self.addCleanup(end_proxies_of_this_namespace)
        device, sim, path = self.registered_mbim_modem(1)
        self.assertIn("MBIM session open (via proxy)", self.log())
        sim.control("reset")
        wait_for(lambda: "opening its ports without mbim-proxy or qmi-proxy from now on" in self.log(),
                 what="the second quick loss")
        self.assertIn("building it again in", self.log())

        def working_modem():
            found = self.modem_on(device)
            return found if found and self.generic_of(found)["state"] == "disabled" else None

        new = wait_for(working_modem, what="a working modem without the proxy")
        self.assertNotEqual(new, path)
        opened = [line for line in self.log().splitlines() if "MBIM session open" in line]
        self.assertNotIn("via proxy", opened[-1])
        self.mmcli("-m", new, "-e")
        wait_for(lambda: self.generic_of(new)["state"] == "registered", what="registered again")
        self.assert_daemon_alive()

    def test_mbim_modem_restarted_in_suspend_rebuilt_on_resume(self):
        # A USB reset-resume: the modem restarted while the system slept.
        # With the poll an hour away, the resume poll meets NotOpened.
        if logind_mock.missing():
            self.skipTest(logind_mock.missing())
        logind_mock.start(self)
        device, sim, path = self.registered_mbim_modem(3600)
        logind_mock.prepare_for_sleep(self, True)
        sim.control("reset")
        logind_mock.prepare_for_sleep(self, False)
        new = self.new_modem(device, path)
        wait_for(lambda: self.generic_of(new)["state"] == "disabled", what="the restarted modem")
        self.assertIn("the system resumed: polling every enabled modem", self.log())
        self.assert_daemon_alive()


load_tests = udev.own_tests(ModemRebuildTest)


if __name__ == "__main__":
    udev.run_modemd_only()
