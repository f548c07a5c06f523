# SPDX-License-Identifier: GPL-2.0-or-later
"""The whole QMI behaviour suite of test_qmi_modem.py (with the shared
tests of modem_behaviour.py it inherits, and the registration and signal
followed by indications alone) and the multiplexed bearers of
test_qmi_multiplex.py again, on the real discovery path: each modem is a
qmi_wwan USB device (cdc-wdm0 + wwan0 with `qmi/raw_ip`) plugged into a
umockdev testbed, modem-sim's QMI front end behind the cdc-wdm node,
modemd under the umockdev preload finding it by itself and opening it
through qmi-proxy (the daemon's default, no --no-qmi-proxy). The tests are
the base classes' own; only how a modem arrives and leaves differs: an AT
port beside the QMI port is a cdc_acm tty added to the same USB device,
and an unplug removes the device from the testbed (the simulator's
`unplug` hangs up a pty the testbed still holds, which no daemon would
notice). The multiplexed bearers run with --test-fake-net-links, whose
links live in the daemon's memory and so combine with the testbed's net
port.

Runs in its own network namespace (qmi-proxy listens on a global abstract
socket); the qmi-proxy the daemon spawned is ended after every test.
Every test has its own testbed, bus, daemon and proxy, as the base tests
assume Modem/0 and a fresh simulator: on 2026-12-05 the daemon's start
and the plug until export took a third of the file's 25 s (40 s under
ASan), the tests' own mmcli calls the rest, so one daemon per class would
save little.
Skipped as test_discovery_udev.py is, and against ModemManager."""

import umockdev_harness

umockdev_harness.reexec_under_preload(private_net=True)

import os  # noqa: E402
import unittest  # noqa: E402

import harness  # noqa: E402
import netns  # noqa: E402
import test_discovery_udev as udev  # noqa: E402
import test_qmi_modem  # noqa: E402
import test_qmi_multiplex  # noqa: E402
from harness import MODEM_SIM, wait_for  # noqa: E402

WDM = "cdc-wdm0"
NET = test_qmi_modem.NET_PORT
TTY = "ttyACM0"


def proxies_of_this_namespace():
    """Pids of the qmi-proxy processes in this test's network namespace
    (never another test's)."""
    return netns.processes_of_this_namespace("qmi-proxy")


def end_proxies_of_this_namespace():
    """Ends the qmi-proxy libqmi spawned for the daemon and waits until it
    is gone: the next test's daemon must spawn a proxy of its own, on its
    own testbed, not reach the old one through the abstract socket."""
    netns.end_processes_of_this_namespace("qmi-proxy")
    wait_for(lambda: not proxies_of_this_namespace(), what="qmi-proxy to end")


class DiscoveredQmiModem:
    """Mixed in before a QMI test class and udev.DiscoveryBase: the modem
    arrives as a plugged qmi_wwan device, and leaves by being unplugged."""

    daemon_args = udev.DiscoveryBase.daemon_args + ["--poll-interval=1"]

    def setUp(self):
        super().setUp()
        self.device = None
        self.addCleanup(end_proxies_of_this_namespace)

    def plug_qmi_modem(self, scenario="default.ini", at="none"):
        """Starts the daemon, plugs a qmi_wwan modem (with a cdc_acm AT tty
        when at is not "none"), serves it with modem-sim and waits until
        the daemon exported it with every port."""
        if self.daemon is None:
            self.start_daemon()
        self.device = self.testbed.qmi_modem("1-4", WDM, NET, self.props())
        tty = None
        if at != "none":
            self.testbed.add_acm_tty(self.device, 2, TTY, self.props())
            tty = "/dev/" + TTY
        path = scenario if os.path.isabs(scenario) else os.path.join(harness.SCENARIOS, scenario)
        sim = umockdev_harness.NodeSim(MODEM_SIM, path, self.testbed, self.workdir, at=tty,
                                       qmi="/dev/" + WDM)
        # What the tests read of a simulator on ptys of its own.
        sim.qmi_port = "/dev/" + WDM
        sim.port = tty
        self.sims.append(sim)
        modem = self.wait_modem(self.device)
        ports = {f"{WDM} (qmi)", f"{NET} (net)"} | ({f"{TTY} (at)"} if tty else set())
        wait_for(lambda: ports <= self.ports_of(modem), what=f"{', '.join(sorted(ports))} among the ports")
        # The path under test: the port opened through qmi-proxy.
        with open(self.log_path, errors="replace") as log:
            self.assertIn("QMI device open (via proxy)", log.read())
        self.assertTrue(proxies_of_this_namespace(), "no qmi-proxy runs")
        return sim

    def unplug_device(self):
        self.testbed.unplug(self.device)
        self.device = None


class QmiModemUdevTest(DiscoveredQmiModem, test_qmi_modem.QmiModemTest, udev.DiscoveryBase):

    def add_qmi_modem(self, scenario="default.ini", uid="qmi0", at="none"):
        return self.plug_qmi_modem(scenario, at)

    def unplug_modem(self, sim):
        self.unplug_device()


class QmiIndicationUdevTest(DiscoveredQmiModem, test_qmi_modem.QmiIndicationTest, udev.DiscoveryBase):

    daemon_args = udev.DiscoveryBase.daemon_args + ["--poll-interval=3600"]

    def add_qmi_modem(self):
        return self.plug_qmi_modem()


class QmiMultiplexUdevTest(DiscoveredQmiModem, test_qmi_multiplex.QmiMultiplexTest, udev.DiscoveryBase):

    daemon_args = DiscoveredQmiModem.daemon_args + ["--test-fake-net-links"]

    def setUp(self):
        # QmiMultiplexTest.setUp builds its modem through Test.SetProfile:
        # the discovery base's set-up, then the plugged modem.
        udev.DiscoveryBase.setUp(self)
        self.device = None
        self.addCleanup(end_proxies_of_this_namespace)
        self.sim = self.plug_qmi_modem()

    def unplug_modem(self):
        self.unplug_device()

    def link(self, mux_id):
        # The testbed's wwan0 is a qmi_wwan interface (it has qmi/add_mux):
        # qmi_wwan's own links, named as the kernel names them.
        return f"qmimux{mux_id - 1}"


def load_tests(loader, tests, pattern):
    suite = unittest.TestSuite()
    for case in (QmiModemUdevTest, QmiIndicationUdevTest, QmiMultiplexUdevTest):
        suite.addTests(loader.loadTestsFromTestCase(case))
    return suite


if __name__ == "__main__":
    udev.run_modemd_only()
