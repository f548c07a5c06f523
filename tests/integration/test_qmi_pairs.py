# SPDX-License-Identifier: GPL-2.0-or-later
"""A USB modem with two QMI + net pairs (Sierra MC7304, 1199:68c0: qmi_wwan
interfaces 8 and 10, each a cdc-wdm and a wwan net interface) in a umockdev
testbed, modem-sim's two QMI front ends (mc7304.ini: the first runs 802.3,
the second raw IP, neither switchable) behind the cdc-wdm nodes, modemd finding it
by itself: one modem with every port listed, whose two pairs each carry a
bearer at once, through the real mmcli. The node names run against the
interface order (cdc-wdm1/wwan1 on interface 8), so pairing by name would
show. Runs in its own network namespace, as test_qmi_udev.py; skipped as
test_discovery_udev.py is, and against ModemManager."""

import umockdev_harness

umockdev_harness.reexec_under_preload(private_net=True)

import os  # noqa: E402

import harness  # noqa: E402
import test_discovery_udev as udev  # noqa: E402
from harness import MODEM_SIM, wait_for  # noqa: E402

SCENARIO = os.path.join(harness.SCENARIOS, "mc7304.ini")
ERROR_PREFIX = "org.freedesktop.ModemManager1.Error."
# Interface 8 (the primary pair), then interface 10.
NAMES = ["cdc-wdm1", "wwan1", "cdc-wdm0", "wwan0"]


def raw_ip(net):
    """qmi_wwan's switch of net as the umockdev preload shows it."""
    with open(f"/sys/class/net/{net}/qmi/raw_ip") as switch:
        return switch.read().strip()


class QmiPairsTest(udev.DiscoveryTest):
    """The discovery test's set-up and helpers; only the tests below run
    (load_tests)."""

    def plug_mc7304(self):
        device = self.testbed.qmi_pairs_modem("1-6", NAMES, self.props())
        # The simulator's first QMI port is interface 8's node.
        sim = umockdev_harness.NodeSim(MODEM_SIM, SCENARIO, self.testbed, self.workdir,
                                       qmi="/dev/cdc-wdm1", qmi_extra=["/dev/cdc-wdm0"])
        self.sims.append(sim)
        return device, sim

    def modem_property(self, path, name):
        run = self.call(path, "org.freedesktop.DBus.Properties.Get",
                        "org.freedesktop.ModemManager1.Modem", name)
        return run.stdout.strip()

    def create_bearer(self, path):
        run = self.mmcli("-m", path, "--create-bearer=apn=internet,ip-type=ipv4")
        return next(word for word in run.stdout.split() if "/Bearer/" in word)

    def bearer(self, path):
        return self.mmcli_json("-b", path)["bearer"]["status"]

    def connected(self, path):
        return self.bearer(path)["connected"] == "yes"

    def enabled_modem(self):
        self.start_daemon()
        device, sim = self.plug_mc7304()
        path = self.wait_modem(device)
        self.mmcli("-m", path, "-e")
        wait_for(lambda: self.generic_of(path)["state"] == "registered", what="registered")
        return device, sim, path

    def connect_both(self, path):
        first, second = self.create_bearer(path), self.create_bearer(path)
        self.mmcli("-b", first, "--connect")
        self.mmcli("-b", second, "--connect")
        return first, second

    def test_one_modem_with_every_port(self):
        self.start_daemon()
        device, sim = self.plug_mc7304()
        path = self.wait_modem(device)
        self.assertEqual(self.modems(), [path])
        g = self.generic_of(path)
        self.assertEqual(g["primary-port"], "cdc-wdm1")
        self.assertEqual(g["equipment-identifier"], sim.control("get imei"))
        wait_for(lambda: {"cdc-wdm1 (qmi)", "wwan1 (net)", "cdc-wdm0 (qmi)", "wwan0 (net)"}
                 <= self.ports_of(path), what="both pairs among the ports")
        # One bearer per pair; no multiplexing without the kernel's interface.
        self.assertIn("<uint32 2>", self.modem_property(path, "MaxBearers"))
        self.assertIn("<uint32 2>", self.modem_property(path, "MaxActiveBearers"))
        self.assertIn("data path 1: cdc-wdm0 with wwan0", self.log())

    def test_two_bearers_each_on_its_pair(self):
        device, sim, path = self.enabled_modem()
        self.assertEqual(raw_ip("wwan1"), "N")
        self.assertEqual(raw_ip("wwan0"), "N")
        first, second = self.connect_both(path)
        self.assertEqual(self.bearer(first)["interface"], "wwan1")
        self.assertEqual(self.bearer(second)["interface"], "wwan0")
        self.assertTrue(self.connected(first))
        self.assertTrue(self.connected(second))
        self.assertEqual(sim.control("get sessions"), "0,1")
        # Interface 8's function stays in 802.3 though asked for raw IP;
        # interface 10's runs raw IP: each net interface follows its own
        # pair's modem side.
        self.assertTrue(sim.control("get data-format 0").startswith("802-3"))
        self.assertTrue(sim.control("get data-format 1").startswith("raw-ip"))
        self.assertEqual(raw_ip("wwan1"), "N")
        self.assertEqual(raw_ip("wwan0"), "Y")
        # Both pairs busy: no third bearer.
        run = self.mmcli("-m", path, "--create-bearer=apn=internet", check=False)
        self.assertNotEqual(run.returncode, 0)
        self.assertIn(ERROR_PREFIX + "Core.TooMany", run.stderr)
        # Disconnecting one leaves the other up.
        self.mmcli("-b", second, "--disconnect")
        self.assertFalse(self.connected(second))
        self.assertTrue(self.connected(first))
        self.assertEqual(sim.control("get sessions"), "0")
        # The freed pair carries the next connection again.
        self.mmcli("-b", second, "--connect")
        self.assertEqual(self.bearer(second)["interface"], "wwan0")
        self.assertEqual(sim.control("get sessions"), "0,1")

    def test_network_drop_ends_only_its_bearer(self):
        device, sim, path = self.enabled_modem()
        first, second = self.connect_both(path)
        # Session 0 is the first bearer's call, on interface 8's QMI port.
        sim.control("no-carrier 0")
        wait_for(lambda: not self.connected(first), what="the first bearer to drop")
        self.assertTrue(self.connected(second))
        self.assertEqual(sim.control("get sessions"), "1")
        # The second pair's call drops the same way, on its own port.
        self.mmcli("-b", first, "--connect")
        self.assertEqual(self.bearer(first)["interface"], "wwan1")
        sim.control("no-carrier 1")
        wait_for(lambda: not self.connected(second), what="the second bearer to drop")
        self.assertTrue(self.connected(first))

    def test_unplug_ends_both(self):
        device, sim, path = self.enabled_modem()
        self.connect_both(path)
        self.testbed.unplug(device)
        wait_for(lambda: self.modem_on(device) is None, what="the modem to be removed")
        self.assertEqual(self.modems(), [])
        self.assert_daemon_alive()

    def test_unplug_mid_connect(self):
        # The second pair's connect waits on a silent modem when the
        # device goes: the call fails, the first bearer goes with the modem.
        device, sim, path = self.enabled_modem()
        first, second = self.create_bearer(path), self.create_bearer(path)
        self.mmcli("-b", first, "--connect")
        sim.control("mute on")
        client = self.start_client([harness.MMCLI, "-b", second, "--connect"])
        self.addCleanup(client.kill)
        # The connect took the second pair and waits on the silent modem.
        wait_for(lambda: "data path 1 (wwan0)" in self.log(), what="the connect on the second pair")
        self.testbed.unplug(device)
        client.wait(timeout=harness.WAIT_SECONDS)
        self.assertNotEqual(client.returncode, 0)
        wait_for(lambda: self.modem_on(device) is None, what="the modem to be removed")
        self.assertEqual(self.modems(), [])
        self.assert_daemon_alive()

    def test_multiplexing_on_the_primary_pair_beside_a_plain_one(self):
        # With the interfaces known (the fake kernel's links) the primary
        # pair multiplexes; a plain bearer then runs on the other pair.
        # Both functions may switch their framing here (QMAP needs raw IP).
        with open(SCENARIO) as source:
            text = source.read().replace("qmi-data-formats=802-3-only;raw-ip-only",
                                         "qmi-data-formats=802-3;802-3")
        scenario = os.path.join(self.workdir, "mc7304-qmap.ini")
        with open(scenario, "w") as target:
            target.write(text)
        self.start_daemon(["--test-fake-net-links"])
        device = self.testbed.qmi_pairs_modem("1-7", NAMES, self.props())
        sim = umockdev_harness.NodeSim(MODEM_SIM, scenario, self.testbed, self.workdir,
                                       qmi="/dev/cdc-wdm1", qmi_extra=["/dev/cdc-wdm0"])
        self.sims.append(sim)
        path = self.wait_modem(device)
        self.assertIn("<uint32 2>", self.modem_property(path, "MaxActiveBearers"))
        self.assertIn("<uint32 4>", self.modem_property(path, "MaxActiveMultiplexedBearers"))
        self.mmcli("-m", path, "-e")
        wait_for(lambda: self.generic_of(path)["state"] == "registered", what="registered")
        run = self.mmcli("-m", path, "--create-bearer=apn=internet,ip-type=ipv4,multiplex=requested")
        muxed = next(word for word in run.stdout.split() if "/Bearer/" in word)
        self.mmcli("-b", muxed, "--connect")
        self.assertEqual(self.bearer(muxed)["interface"], "wwan1m1")
        self.assertTrue(sim.control("get data-format 0").startswith("raw-ip qmap qmap"))
        plain = self.create_bearer(path)
        self.mmcli("-b", plain, "--connect")
        self.assertEqual(self.bearer(plain)["interface"], "wwan0")
        self.assertTrue(sim.control("get data-format 1").startswith("raw-ip none none"))
        self.assertTrue(self.connected(muxed))
        self.testbed.unplug(device)
        wait_for(lambda: self.modem_on(device) is None, what="the modem to be removed")
        self.assert_daemon_alive()

    def plug_first_pair(self, busid):
        """The MC7304 with only interface 8's pair at first; interface 10
        comes with add_late_function."""
        device = self.testbed.qmi_pairs_modem(busid, NAMES[:2], self.props())
        sim = umockdev_harness.NodeSim(MODEM_SIM, SCENARIO, self.testbed, self.workdir, qmi="/dev/cdc-wdm1")
        self.sims.append(sim)
        return device, sim

    def serve_late_wdm(self):
        """A simulator for interface 10's QMI port, which exists only once
        the port arrived: a modem-sim of its own, online (the daemon sends
        it only WDS and WDA), in raw IP as interface 10's function runs."""
        with open(SCENARIO) as source:
            text = source.read().replace("qmi-data-formats=802-3-only;raw-ip-only",
                                         "qmi-data-formats=raw-ip-only").replace("cfun=4", "cfun=1")
        scenario = os.path.join(self.workdir, "mc7304-late.ini")
        with open(scenario, "w") as target:
            target.write(text)
        sim = umockdev_harness.NodeSim(MODEM_SIM, scenario, self.testbed, self.workdir, qmi="/dev/cdc-wdm0")
        self.sims.append(sim)
        return sim

    def remove_port(self, device, name):
        """"remove" for one port of device, as when its driver unbinds."""
        port = next(p for p in device.ports if p.endswith("/" + name))
        self.testbed.tb.uevent(port, "remove")

    def test_late_pair_becomes_a_data_path(self):
        self.start_daemon()
        device, sim = self.plug_first_pair("1-9")
        path = self.wait_modem(device)
        self.assertIn("<uint32 1>", self.modem_property(path, "MaxActiveBearers"))
        self.mmcli("-m", path, "-e")
        wait_for(lambda: self.generic_of(path)["state"] == "registered", what="registered")
        # Interface 10's net port first: listed, no data path without its
        # QMI port.
        self.testbed.add_qmi_function(device, 10)
        self.testbed.add_qmi_net(device, 10, "wwan0", self.props())
        wait_for(lambda: "wwan0 (net)" in self.ports_of(path), what="wwan0 listed")
        self.assertIn("<uint32 1>", self.modem_property(path, "MaxActiveBearers"))
        # Then its QMI port: the pair is a data path of the same modem.
        self.testbed.add_qmi_wdm(device, 10, "cdc-wdm0", self.props())
        late = self.serve_late_wdm()
        wait_for(lambda: "<uint32 2>" in self.modem_property(path, "MaxActiveBearers"),
                 what="the late pair counted")
        self.assertIn("<uint32 2>", self.modem_property(path, "MaxBearers"))
        self.assertIn("cdc-wdm0 (qmi)", self.ports_of(path))
        self.assertEqual(self.generic_of(path)["primary-port"], "cdc-wdm1")
        self.assertEqual(self.modems(), [path])
        first, second = self.connect_both(path)
        self.assertEqual(self.bearer(first)["interface"], "wwan1")
        self.assertEqual(self.bearer(second)["interface"], "wwan0")
        self.assertTrue(self.connected(first))
        self.assertTrue(self.connected(second))
        self.assertEqual(sim.control("get sessions"), "0")
        self.assertEqual(late.control("get sessions"), "0")
        self.assertEqual(raw_ip("wwan0"), "Y")
        # The late net port leaves: its bearer ends with the reason, the
        # other stays up, the modem has one data path again.
        self.remove_port(device, "wwan0")
        wait_for(lambda: not self.connected(second), what="the second bearer to end")
        self.assertIn("wwan0 went away", self.log())
        self.assertTrue(self.connected(first))
        wait_for(lambda: "<uint32 1>" in self.modem_property(path, "MaxActiveBearers"),
                 what="one data path left")
        wait_for(lambda: late.control("get sessions") == "", what="the late pair's call stopped")
        run = self.mmcli("-b", second, "--connect", check=False)
        self.assertNotEqual(run.returncode, 0)
        self.assertEqual(self.modems(), [path])
        self.assert_daemon_alive()

    def test_late_net_port_leaving_mid_connect(self):
        # The late pair's modem side answers 2 s late: its net port leaves
        # while the connect runs on it, and the connect fails cleanly.
        self.start_daemon()
        device, sim = self.plug_first_pair("1-11")
        path = self.wait_modem(device)
        self.mmcli("-m", path, "-e")
        wait_for(lambda: self.generic_of(path)["state"] == "registered", what="registered")
        self.testbed.add_qmi_function(device, 10)
        self.testbed.add_qmi_wdm(device, 10, "cdc-wdm0", self.props())
        late = self.serve_late_wdm()
        self.testbed.add_qmi_net(device, 10, "wwan0", self.props())
        wait_for(lambda: "<uint32 2>" in self.modem_property(path, "MaxActiveBearers"),
                 what="the late pair counted")
        first, second = self.create_bearer(path), self.create_bearer(path)
        self.mmcli("-b", first, "--connect")
        late.control("delay 2000")
        client = self.start_client([harness.MMCLI, "-b", second, "--connect"])
        self.addCleanup(client.kill)
        wait_for(lambda: "data path 1 (wwan0)" in self.log(), what="the connect on the late pair")
        self.remove_port(device, "wwan0")
        _, stderr = client.communicate(timeout=harness.WAIT_SECONDS)
        self.assertNotEqual(client.returncode, 0)
        self.assertIn("went away", stderr)
        self.assertFalse(self.connected(second))
        self.assertTrue(self.connected(first))
        late.control("delay 0")
        wait_for(lambda: late.control("get sessions") == "", what="no call left on the late pair")
        self.assert_daemon_alive()

    def test_late_qmi_port_before_its_net_port(self):
        self.start_daemon()
        device, sim = self.plug_first_pair("1-10")
        path = self.wait_modem(device)
        self.testbed.add_qmi_function(device, 10)
        self.testbed.add_qmi_wdm(device, 10, "cdc-wdm0", self.props())
        self.serve_late_wdm()
        wait_for(lambda: "waits for the other half" in self.log(), what="cdc-wdm0 opened")
        self.assertIn("<uint32 1>", self.modem_property(path, "MaxActiveBearers"))
        self.testbed.add_qmi_net(device, 10, "wwan0", self.props())
        wait_for(lambda: "<uint32 2>" in self.modem_property(path, "MaxActiveBearers"),
                 what="the late pair counted")
        self.assertIn("data path 1: cdc-wdm0 with wwan0", self.log())
        # Its QMI port leaves: no data path, the modem stays.
        self.remove_port(device, "cdc-wdm0")
        wait_for(lambda: "<uint32 1>" in self.modem_property(path, "MaxActiveBearers"),
                 what="the pair gone")
        self.assertEqual(self.modems(), [path])
        self.assert_daemon_alive()

    def log(self):
        with open(self.log_path, errors="replace") as log:
            return log.read()


load_tests = udev.own_tests(QmiPairsTest)


if __name__ == "__main__":
    udev.run_modemd_only()
