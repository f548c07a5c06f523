# SPDX-License-Identifier: GPL-2.0-or-later
"""The QMI modem on the real discovery path: a qmi_wwan USB modem (cdc-wdm0
and a raw-IP wwan0) in a umockdev testbed, modem-sim's QMI front end behind
the cdc-wdm node, modemd under the umockdev preload finding it by itself
and opening it through qmi-proxy (the daemon's default), and the real
qmicli -p beside it on the same proxy; and a cdc_mbim modem whose
simulator lists QMI over MBIM, its modes read through mbim-proxy over QMI.
The test runs in its own network
namespace (reexec_under_preload), since qmi-proxy's socket is global.
The fixtures and helpers are test_discovery_udev.py's; skipped as that
file is, and against ModemManager."""

import umockdev_harness

umockdev_harness.reexec_under_preload(private_net=True)

import os  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402

import harness  # noqa: E402
import test_discovery_udev as udev  # noqa: E402
from harness import MODEM_SIM, wait_for  # noqa: E402
from netns import end_proxies_of_this_namespace  # noqa: E402

QMICLI = shutil.which("qmicli")
IP = shutil.which("ip")
# qmi_wwan's attributes as the umockdev preload shows them to the daemon.
RAW_IP = "/sys/class/net/wwan0/qmi/raw_ip"
PASS_THROUGH = "/sys/class/net/wwan0/qmi/pass_through"
ADD_MUX = "/sys/class/net/wwan0/qmi/add_mux"


def read(path):
    with open(path) as f:
        return f.read().strip()


class QmiDiscoveryTest(udev.DiscoveryTest):
    """The discovery test's set-up and helpers; only the tests below run
    (load_tests)."""

    def plug_qmi(self, busid="1-4", wdm="cdc-wdm0", net="wwan0"):
        device = self.testbed.qmi_modem(busid, wdm, net, self.props())
        sim = umockdev_harness.NodeSim(MODEM_SIM, udev.SCENARIO, self.testbed, self.workdir,
                                       qmi="/dev/" + wdm)
        self.sims.append(sim)
        return device, sim

    def stand_in_wwan0(self):
        """A veth named wwan0 in the test's namespace, removed after the
        test; False when none can be made."""
        if not IP or subprocess.run([IP, "link", "add", "wwan0", "type", "veth",
                                     "peer", "name", "mdpeer0"]).returncode != 0:
            return False
        self.addCleanup(subprocess.run, [IP, "link", "del", "wwan0"])
        return True

    def qmicli(self, *args):
        env = self.testbed.env(harness.foreign_env(self.bus.env()))
        return subprocess.run([QMICLI, "-p", *args], env=env, capture_output=True, text=True,
                              timeout=harness.WAIT_SECONDS)

    def test_qmi_modem_found_and_shared_through_proxy(self):
        self.start_daemon()
        device, sim = self.plug_qmi()
        path = self.wait_modem(device)
        g = self.generic_of(path)
        self.assertEqual(g["device"], device.sysfs_path)
        self.assertIn("qmi_wwan", g["drivers"])
        self.assertEqual(g["plugin"], "generic")
        self.assertEqual(g["primary-port"], "cdc-wdm0")
        wait_for(lambda: {"cdc-wdm0 (qmi)", "wwan0 (net)"} <= self.ports_of(path),
                 what="cdc-wdm0 and wwan0 among the ports")
        self.assertEqual(g["equipment-identifier"], sim.control("get imei"))
        self.assertEqual(g["manufacturer"], sim.control("get manufacturer"))
        self.assertIn("QMI device open (via proxy)", self.log())
        # qmicli shares the port with the daemon through the proxy (in QMI
        # mode: libqmi cannot tell the transport of an emulated node).
        if QMICLI:
            run = self.qmicli("-d", "/dev/cdc-wdm0", "--device-open-qmi", "--dms-get-ids")
            self.assertEqual(run.returncode, 0, run.stderr)
            self.assertIn(sim.control("get imei"), run.stdout)
        # The daemon still drives the modem after qmicli left.
        self.mmcli("-m", path, "-e")
        wait_for(lambda: self.generic_of(path)["state"] == "registered", what="registered")
        self.testbed.unplug(device)
        wait_for(lambda: self.modem_on(device) is None, what="the modem to be removed")
        self.assert_daemon_alive()

    def test_raw_ip_follows_the_modem(self):
        # The kernel runs 802.3, the modem too: before the first call the
        # daemon asks the modem for raw IP (WDA Set Data Format) and sets
        # qmi_wwan's switch to match, with the interface down meanwhile.
        self.start_daemon()
        device, sim = self.plug_qmi()
        path = self.wait_modem(device)
        with open(RAW_IP, "w") as switch:
            switch.write("N")
        # A veth stands in for the kernel interface, to be seen going down.
        veth = self.stand_in_wwan0()
        if veth:
            subprocess.run([IP, "link", "set", "wwan0", "up"], check=True)
        self.assertTrue(sim.control("get data-format").startswith("802-3"))
        before = len(sim.history("qmi-command"))
        self.mmcli("-m", path, "--simple-connect=apn=internet,ip-type=ipv4")
        self.assertTrue(sim.control("get data-format").startswith("raw-ip"))
        # Set IP Family goes out beside the WDA requests (it is sent with
        # WDA Get, before the modem's answer can bring WDA Set), and Start
        # Network waits for both.
        sent = sim.history("qmi-command")[before:]
        self.assertLess(sent.index("wds Set IP Family"), sent.index("wda Set Data Format"), sent)
        self.assertLess(sent.index("wda Set Data Format"), sent.index("wds Start Network"), sent)
        self.assertEqual(read(RAW_IP), "Y")
        # Plain raw IP: qmi_wwan must not hand frames up as QMAP.
        self.assertEqual(read(PASS_THROUGH), "N")
        self.assertIn("link layer set to raw IP", self.log())
        if veth:
            link = subprocess.run([IP, "-o", "link", "show", "wwan0"], capture_output=True, text=True)
            self.assertNotIn(",UP", link.stdout)
        # Settled once: a second call leaves the format alone.
        self.mmcli("-m", path, "--simple-disconnect")
        self.mmcli("-m", path, "--simple-connect=apn=internet,ip-type=ipv4")
        self.assertEqual(self.log().count("link layer set to"), 1)

    def test_qmap_left_on_the_modem_is_turned_off_for_a_plain_call(self):
        # Another program (qmicli here, or an earlier run's multiplexed
        # bearers) left the modem in raw IP with QMAP aggregation: WDA Get
        # says raw IP, but a plain call needs aggregation off.
        if not QMICLI:
            self.skipTest("no qmicli")
        self.start_daemon()
        device, sim = self.plug_qmi()
        path = self.wait_modem(device)
        run = self.qmicli("-d", "/dev/cdc-wdm0", "--device-open-qmi",
                          "--wda-set-data-format=link-layer-protocol=raw-ip,ul-protocol=qmap,dl-protocol=qmap")
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertEqual(sim.control("get data-format"), "raw-ip qmap qmap")
        self.mmcli("-m", path, "--simple-connect=apn=internet,ip-type=ipv4")
        self.assertEqual(sim.control("get data-format"), "raw-ip none none")
        self.assertEqual(read(RAW_IP), "Y")
        self.assertEqual(read(PASS_THROUGH), "N")

    def connect_with_frozen_switch(self, switch, path):
        """Simple.Connect while the kernel refuses any write to the qmi_wwan
        switch at path switch (an immutable file stands in for the
        refusal); the switch takes writes again afterwards."""
        chattr = shutil.which("chattr")
        if not chattr:
            self.skipTest("no chattr")
        backing = os.path.realpath(os.path.join(self.testbed.root, switch.lstrip("/")))
        env = {k: v for k, v in os.environ.items() if k != "LD_PRELOAD"}
        if subprocess.run([chattr, "+i", backing], env=env, capture_output=True).returncode != 0:
            self.skipTest("the testbed's file system has no immutable files")
        # Made mutable again here: the testbed is removed before cleanups run.
        try:
            return self.mmcli("-m", path, "--simple-connect=apn=internet,ip-type=ipv4", check=False)
        finally:
            subprocess.run([chattr, "-i", backing], env=env, check=True)

    def test_kernel_refusing_raw_ip_ends_the_started_call(self):
        # The raw_ip switch is set while Start Network is in flight. Here
        # the kernel refuses it: the call that came up is stopped, the
        # connect fails with the write's error, and the daemon and the
        # modem go on.
        self.start_daemon()
        device, sim = self.plug_qmi()
        path = self.wait_modem(device)
        with open(RAW_IP, "w") as switch:
            switch.write("N")
        result = self.connect_with_frozen_switch(RAW_IP, path)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("raw_ip", result.stderr)
        # The stop goes out as the connect fails; the simulator may take it after the reply.
        wait_for(lambda: sim.control("get sessions") == "", what="the call to be stopped")
        self.assertIn("wds Stop Network", sim.history("qmi-command"))
        wait_for(lambda: self.generic_of(path)["state"] == "registered", what="the modem to be registered")
        self.assert_daemon_alive()
        # Once the kernel takes the switch, the next connect settles it.
        self.mmcli("-m", path, "--simple-connect=apn=internet,ip-type=ipv4")
        self.assertEqual(read(RAW_IP), "Y")

    def test_kernel_refusing_pass_through_ends_the_started_call(self):
        # pass_through is turned off beside raw_ip, while Start Network is
        # in flight. Refused, the call that came up is stopped and the
        # connect fails with the write's error.
        self.start_daemon()
        device, sim = self.plug_qmi()
        path = self.wait_modem(device)
        result = self.connect_with_frozen_switch(PASS_THROUGH, path)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("pass_through", result.stderr)
        wait_for(lambda: sim.control("get sessions") == "", what="the call to be stopped")
        self.assertIn("wds Stop Network", sim.history("qmi-command"))
        self.assert_daemon_alive()
        self.mmcli("-m", path, "--simple-connect=apn=internet,ip-type=ipv4")
        self.assertEqual(read(PASS_THROUGH), "N")

    def test_qmiwwan_mux_link_asked_of_the_kernel(self):
        # wwan0 has qmi/add_mux: a multiplexed bearer asks qmi_wwan for its
        # own mux link, after QMAP on the modem and pass_through off. The
        # emulated kernel makes no qmimux interface, so the connect fails
        # cleanly, and the next mux id stays free.
        if not self.stand_in_wwan0():
            self.skipTest("no veth to stand in for wwan0")
        self.start_daemon()
        device, sim = self.plug_qmi()
        path = self.wait_modem(device)
        result = self.mmcli("-m", path, "--simple-connect=apn=internet,ip-type=ipv4,multiplex=required",
                            check=False)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("shows no new link", result.stderr)
        self.assertEqual(read(ADD_MUX), "1")
        self.assertEqual(sim.control("get data-format"), "raw-ip qmap qmap")
        self.assertEqual(read(PASS_THROUGH), "N")
        self.assertEqual(read(RAW_IP), "Y")
        self.assertEqual(sim.control("get sessions"), "")
        self.assertIn("QMAP mux links: qmimux", self.log())
        self.assert_daemon_alive()

    def test_qmi_over_mbim_modem_found_with_modes_from_qmi(self):
        # A cdc_mbim modem whose MBIM function also lists QMI: through
        # mbim-proxy (not --no-mbim-proxy) modemd reads modes over QMI.
        self.daemon_args = [a for a in self.daemon_args if a != "--no-mbim-proxy"]
        self.addCleanup(end_proxies_of_this_namespace)
        self.start_daemon()
        device = self.testbed.mbim_modem("1-5", "cdc-wdm0", "wwan0", self.props())
        sim = umockdev_harness.NodeSim(MODEM_SIM, os.path.join(harness.SCENARIOS, "mbim-qmi.ini"),
                                       self.testbed, self.workdir, mbim="/dev/cdc-wdm0")
        self.sims.append(sim)
        path = self.wait_modem(device)
        wait_for(lambda: "allowed: 4g; preferred: none" in self.generic_of(path)["supported-modes"],
                 what="the modes QMI gives")
        g = self.generic_of(path)
        self.assertIn("cdc_mbim", g["drivers"])
        self.assertIn("allowed: 2g; preferred: none", g["supported-modes"])
        sent = sim.history("qmi-command")
        self.assertIn("nas Get System Selection Preference", sent)
        self.testbed.unplug(device)
        wait_for(lambda: self.modem_on(device) is None, what="the modem to be removed")
        self.assert_daemon_alive()

    def log(self):
        with open(self.log_path, errors="replace") as log:
            return log.read()


load_tests = udev.own_tests(QmiDiscoveryTest)


if __name__ == "__main__":
    udev.run_modemd_only()
