# SPDX-License-Identifier: GPL-2.0-or-later
"""Many modems at once, as on an SMS gateway or a multi-WAN router: a
umockdev testbed with qmi_wwan, cdc_mbim and option (three AT ttys) modems
side by side, each with its own modem-sim (its own IMEI, ICCID and
operator), found by modemd through the real discovery path and driven by
the real mmcli, many clients at the same time:

- all are exported, each on its own device with its own identity;
- all enabled at once, all registered on their own operator;
- all connected at once, each bearer on its own modem's net port with its
  own address, and disconnected at once;
- one modem unplugged while the others connect: the others connect,
  and the daemon keeps serving;
- all unplugged at once while connected (a hub losing power): all go,
  and modems plugged afterwards are found and enabled;
- the network ending every data call at once: every bearer disconnected,
  every modem registered again;
- an SMS sent from every modem at once, each as its own PDU;
- an SMS arriving on every modem at once lands on the right one, and a
  burst of twenty on every modem at once is listed whole on each.

The fixtures are test_qmi_udev.py's (qmi-proxy in the test's own network
namespace); skipped as that file is."""

import umockdev_harness

umockdev_harness.reexec_under_preload(private_net=True)

import os  # noqa: E402
import subprocess  # noqa: E402

import harness  # noqa: E402
import test_discovery_udev as udev  # noqa: E402
import test_qmi_udev  # noqa: E402
from harness import MMCLI, MODEM_SIM, wait_for  # noqa: E402
from netns import end_proxies_of_this_namespace  # noqa: E402
from test_sms import SMS_PREFIX, deliver_pdu, parse_submit  # noqa: E402

KINDS = ("qmi", "mbim", "option")
PER_KIND = 4
BURST = 20
CONNECT = "apn=internet,ip-type=ipv4"


def scenario_for(workdir, index):
    """default.ini with modem index's own IMEI, ICCID, IMSI and operator
    name, so that a value read from the wrong modem shows."""
    with open(udev.SCENARIO) as f:
        text = f.read()
    replace = {
        "imei=862636050012345": f"imei=8626360500{index:05d}",
        "iccid=89490200001234567890": f"iccid=894902000012345{index:05d}",
        "imsi=262011234567890": f"imsi=2620112345{index:05d}",
        "operator-name=Telekom.de": f"operator-name=Fleet {index}",
    }
    for old, new in replace.items():
        if old not in text:
            raise AssertionError(f"{udev.SCENARIO} no longer has {old}")
        text = text.replace(old, new)
    path = os.path.join(workdir, f"modem{index}.ini")
    with open(path, "w") as f:
        f.write(text)
    return path


class Fleet:
    """One plugged modem: its testbed device, its simulator and its index."""

    def __init__(self, index, kind, device, sim):
        self.index = index
        self.kind = kind
        self.device = device
        self.sim = sim
        self.path = None


class ManyModemsTest(test_qmi_udev.QmiDiscoveryTest):

    def setUp(self):
        super().setUp()
        umockdev_harness.deepen_uevent_queue()
        self.addCleanup(end_proxies_of_this_namespace)

    def plug(self, index, kind):
        device, nodes = umockdev_harness.plug_numbered(self.testbed, kind, index, f"2-{index + 1}",
                                                       self.props())
        sim = umockdev_harness.NodeSim(MODEM_SIM, scenario_for(self.workdir, index), self.testbed,
                                       self.workdir, **nodes)
        self.sims.append(sim)
        return Fleet(index, kind, device, sim)

    def plug_fleet(self):
        return [self.plug(i, KINDS[i % len(KINDS)]) for i in range(PER_KIND * len(KINDS))]

    def mmcli_all(self, fleet, args_of):
        """Runs one mmcli per modem at the same time (args_of(modem) gives
        its arguments); returns the finished processes in fleet order."""
        procs = [subprocess.Popen([MMCLI, *args_of(m)], env=self.bus.env(), stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for m in fleet]
        done = []
        for modem, proc in zip(fleet, procs):
            out, err = proc.communicate(timeout=harness.WAIT_SECONDS * 2)
            done.append((modem, proc.returncode, out, err))
        return done

    def assert_all_ok(self, results, what):
        failed = [f"modem {m.index} ({m.kind}): {err.strip()}" for m, rc, _, err in results if rc != 0]
        self.assertEqual(failed, [], what)

    def wait_initialized(self, fleet):
        for modem in fleet:
            modem.path = self.wait_modem(modem.device)
        for modem in fleet:
            wait_for(lambda: self.generic_of(modem.path)["state"] == "disabled",
                     what=f"modem {modem.index} initialized")

    def export_fleet(self):
        self.start_daemon()
        fleet = self.plug_fleet()
        self.wait_initialized(fleet)
        return fleet

    def enable_fleet(self, fleet):
        self.assert_all_ok(self.mmcli_all(fleet, lambda m: ["-m", m.path, "-e"]), "enable")
        for modem in fleet:
            wait_for(lambda: self.generic_of(modem.path)["state"] == "registered",
                     what=f"modem {modem.index} registered")

    def connect_fleet(self, fleet):
        """Connects every modem at once (mmcli --simple-connect each)."""
        results = self.mmcli_all(fleet, lambda m: ["-m", m.path, "--simple-connect=" + CONNECT])
        self.assert_all_ok(results, "connect")

    def test_all_exported_each_with_its_own_identity(self):
        fleet = self.export_fleet()
        self.assertEqual(len({m.path for m in fleet}), len(fleet))
        self.assertEqual(sorted(self.modems()), sorted(m.path for m in fleet))
        identifiers = set()
        for modem in fleet:
            g = self.generic_of(modem.path)
            self.assertEqual(g["device"], modem.device.sysfs_path)
            self.assertEqual(g["equipment-identifier"], modem.sim.control("get imei"))
            identifiers.add(g["device-identifier"])
            sim = self.mmcli_json("-i", g["sim"])["sim"]["properties"]
            self.assertEqual(sim["iccid"], modem.sim.control("get iccid"))
        self.assertEqual(len(identifiers), len(fleet), "DeviceIdentifier must tell the modems apart")
        self.assert_daemon_alive()

    def test_all_enabled_and_connected_at_once(self):
        fleet = self.export_fleet()
        self.enable_fleet(fleet)
        for modem in fleet:
            operator = self.mmcli_json("-m", modem.path)["modem"]["3gpp"]["operator-name"]
            self.assertEqual(operator, f"Fleet {modem.index}")
        self.connect_fleet(fleet)
        interfaces = {}
        for modem in fleet:
            g = self.generic_of(modem.path)
            self.assertEqual(g["state"], "connected", f"modem {modem.index}")
            bearers = g["bearers"]
            self.assertEqual(len(bearers), 1)
            bearer = self.mmcli_json("-b", bearers[0])["bearer"]
            self.assertEqual(bearer["status"]["connected"], "yes")
            interface = bearer["status"]["interface"]
            interfaces[modem.index] = interface
            if modem.kind != "option":
                self.assertEqual(interface, f"wwan{modem.index}", f"modem {modem.index}")
            self.assertEqual(bearer["ipv4-config"]["method"],
                             "ppp" if modem.kind == "option" else "static")
        self.assertEqual(len(set(interfaces.values())), len(fleet), interfaces)
        self.assert_all_ok(self.mmcli_all(fleet, lambda m: ["-m", m.path, "--simple-disconnect"]),
                           "disconnect")
        for modem in fleet:
            self.assertEqual(self.generic_of(modem.path)["state"], "registered")
        self.assert_daemon_alive()

    def test_one_unplugged_while_the_others_connect(self):
        fleet = self.export_fleet()
        self.enable_fleet(fleet)
        gone, others = fleet[0], fleet[1:]
        procs = [subprocess.Popen([MMCLI, "-m", m.path, "--simple-connect=" + CONNECT],
                                  env=self.bus.env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True) for m in fleet]
        self.testbed.unplug(gone.device)
        results = []
        for modem, proc in zip(fleet, procs):
            out, err = proc.communicate(timeout=harness.WAIT_SECONDS * 2)
            results.append((modem, proc.returncode, out, err))
        self.assert_all_ok(results[1:], "the other modems' connect")
        wait_for(lambda: gone.path not in self.modems(), what="the unplugged modem to go")
        for modem in others:
            self.assertEqual(self.generic_of(modem.path)["state"], "connected", f"modem {modem.index}")
        self.assert_daemon_alive()

    def test_all_unplugged_at_once_and_new_ones_found(self):
        # A hub losing power with every modem connected: all go, the daemon
        # stays, and modems plugged afterwards are found and work.
        fleet = self.export_fleet()
        self.enable_fleet(fleet)
        self.connect_fleet(fleet)
        for modem in fleet:
            self.testbed.unplug(modem.device)
        wait_for(lambda: self.modems() == [], what="every modem to go")
        self.assert_daemon_alive()
        # Fresh names: umockdev cannot create a node or device path again.
        again = [self.plug(index, KINDS[index % len(KINDS)]) for index in range(20, 23)]
        self.wait_initialized(again)
        self.enable_fleet(again)
        self.assertEqual(sorted(self.modems()), sorted(m.path for m in again))
        self.assert_daemon_alive()

    def test_network_drops_every_call_at_once(self):
        # A cell outage ends every data call at the same moment: each
        # modem's bearer is disconnected and the modem is registered again.
        fleet = self.export_fleet()
        self.enable_fleet(fleet)
        self.connect_fleet(fleet)
        bearers = {m.index: self.generic_of(m.path)["bearers"][0] for m in fleet}
        for modem in fleet:
            modem.sim.control("no-carrier")
        for modem in fleet:
            wait_for(lambda: self.generic_of(modem.path)["state"] == "registered",
                     what=f"modem {modem.index} registered after the drop")
            bearer = self.mmcli_json("-b", bearers[modem.index])["bearer"]
            self.assertEqual(bearer["status"]["connected"], "no", f"modem {modem.index}")
        self.assert_daemon_alive()

    def test_sms_sent_from_every_modem_at_once(self):
        fleet = self.export_fleet()
        self.enable_fleet(fleet)
        created = self.mmcli_all(fleet, lambda m: [
            "-m", m.path, f"--messaging-create-sms=text='from modem {m.index}',number='+49170000001{m.index:02d}'"])
        self.assert_all_ok(created, "create")
        paths = {m.index: next(w for w in out.split() if w.startswith(SMS_PREFIX)) for m, _, out, _ in created}
        self.assert_all_ok(self.mmcli_all(fleet, lambda m: ["-s", paths[m.index], "--send"]), "send")
        for modem in fleet:
            sent = modem.sim.control("get sms-sent").split()[1:]
            self.assertEqual(len(sent), 1, f"modem {modem.index}")
            submit = parse_submit(sent[0])
            self.assertEqual((submit["number"], submit["body"]),
                             (f"+49170000001{modem.index:02d}", f"from modem {modem.index}"))
        self.assert_daemon_alive()

    def test_sms_arrives_on_every_modem_at_once(self):
        fleet = self.export_fleet()
        self.enable_fleet(fleet)
        for modem in fleet:
            modem.sim.control("sms-incoming "
                              + deliver_pdu(f"+4917000000{modem.index:02d}", f"to modem {modem.index}"))
        for modem in fleet:
            listed = wait_for(lambda: self.mmcli_json("-m", modem.path, "--messaging-list-sms")
                              ["modem.messaging.sms"] or None, what=f"an SMS on modem {modem.index}")
            self.assertEqual(len(listed), 1)
            sms = self.mmcli_json("-s", listed[0])["sms"]["content"]
            self.assertEqual(sms["text"], f"to modem {modem.index}")
            self.assertEqual(sms["number"], f"+4917000000{modem.index:02d}")
        self.assert_daemon_alive()

    def test_sms_bursts_on_every_modem_at_once(self):
        # An SMS gateway's morning: twenty messages arrive on every modem
        # at the same time; each modem lists its own twenty.
        fleet = self.export_fleet()
        self.enable_fleet(fleet)
        for modem in fleet:
            self.assertEqual(modem.sim.control(f"sms-burst {BURST}"), str(BURST))
        for modem in fleet:
            wait_for(lambda: len(self.mmcli_json("-m", modem.path, "--messaging-list-sms")
                                 ["modem.messaging.sms"]) == BURST,
                     what=f"{BURST} messages on modem {modem.index}")
        self.assert_daemon_alive()


load_tests = udev.own_tests(ManyModemsTest)


if __name__ == "__main__":
    udev.run_modemd_only()
