# SPDX-License-Identifier: GPL-2.0-or-later
"""The QMI modem end to end: the real mmcli drives modemd against
modem-sim's QMI front end (`--qmi pty`), and the tests check the values
mmcli shows against what the simulator reports on its control socket.
The behaviour every 3GPP modem shares (PIN, PUK, errors, signal) comes
from modem_behaviour.py, as for the AT and MBIM modems.

modemd runs with --no-qmi-proxy: qmi-proxy listens on a global abstract
socket (the proxy test runs in its own network namespace).
test_qmi_modem_udev.py runs these tests again on a discovered qmi_wwan
device through qmi-proxy: a test builds its modem with add_qmi_modem and
takes it away with unplug_modem, never through the simulator directly."""

import ipaddress
import unittest

import logind_mock
from harness import MMCLI, ModemdTestCase, skip_without_tools, wait_for
from modem_behaviour import ERROR_PREFIX, ModemBehaviour, generic

NET_PORT = "wwan0"


@skip_without_tools
class QmiModemTest(ModemBehaviour, ModemdTestCase):

    daemon_args = ModemdTestCase.daemon_args + ["--poll-interval=1", "--no-qmi-proxy"]

    def signal_at(self, level):
        # NAS Signal Info of the LTE cell: the simulator puts RSRP 20 dB
        # below the RSSI, RSRQ at -10 dB and SNR at 10 dB.
        rssi = {20: -73, 25: -63}[level]
        return {"lte": {"rssi": f"{rssi:.2f}", "rsrp": f"{rssi - 20:.2f}", "rsrq": "-10.00", "snr": "10.00"}}

    def add_qmi_modem(self, scenario="default.ini", uid="qmi0", at="none"):
        sim = self.start_sim(scenario, at=at, qmi="pty")
        ports = ["qmi:" + sim.qmi_port, "net:" + NET_PORT]
        if at != "none":
            ports.append(sim.port)
        self.set_profile(uid, ports)
        wait_for(lambda: self.modem_paths(), what="the modem to be exported")
        return sim

    def add_modem(self, scenario="default.ini"):
        return self.add_qmi_modem(scenario)

    def unplug_modem(self, sim):
        """The device goes away: here the simulator hangs up its ports (the
        discovery variant removes the device from its testbed instead)."""
        sim.control("unplug")

    # --- identity ------------------------------------------------------------------

    def test_identity_and_capabilities(self):
        sim = self.add_qmi_modem()
        data = self.modem()
        g = generic(data)
        self.assertEqual(g["manufacturer"], sim.control("get manufacturer"))
        self.assertEqual(g["model"], sim.control("get model"))
        self.assertEqual(g["revision"], sim.control("get revision"))
        self.assertEqual(g["equipment-identifier"], sim.control("get imei"))
        self.assertEqual(data["modem"]["3gpp"]["imei"], sim.control("get imei"))
        self.assertEqual(g["state"], "disabled")
        self.assertEqual(g["power-state"], "low")
        self.assertEqual(g["plugin"], "generic")
        self.assertEqual(g["primary-port"], sim.qmi_port[len("/dev/"):])
        self.assertIn(g["primary-port"] + " (qmi)", g["ports"])
        self.assertIn(NET_PORT + " (net)", g["ports"])
        self.assertIn("gsm-umts", ", ".join(g["current-capabilities"]))
        self.assertIn("lte", ", ".join(g["current-capabilities"]))
        self.assertIn("4g", ", ".join(g["supported-modes"]))

    def test_sim_properties(self):
        sim = self.add_qmi_modem()
        props = self.mmcli_json("-i", "0")["sim"]["properties"]
        self.assertEqual(props["iccid"], sim.control("get iccid"))
        self.assertEqual(props["imsi"], sim.control("get imsi"))
        self.assertIn(sim.control("get own-numbers").split(",")[0], generic(self.modem())["own-numbers"])

    # --- power and registration ------------------------------------------------------

    def test_3gpp_location_from_system_info(self):
        # Serving System has LAC and cell id but no TAC: GetLocation reads
        # the serving cell from NAS Get System Info.
        sim = self.add_qmi_modem()
        self.enable()
        status = self.mmcli_json("-m", "0", "--location-status")["modem"]["location"]
        self.assertEqual((status["capabilities"], status["enabled"]), (["3gpp-lac-ci"], ["3gpp-lac-ci"]))
        wait_for(lambda: self.mmcli_json("-m", "0", "--location-get")["modem"]["location"]["3gpp"]["tac"] != "--",
                 what="the 3GPP location")
        loc = self.mmcli_json("-m", "0", "--location-get")["modem"]["location"]["3gpp"]
        code = sim.control("get operator-code")
        self.assertEqual((loc["mcc"], loc["mnc"]), (code[:3], code[3:]))
        self.assertEqual((loc["lac"], loc["tac"], loc["cid"]), ("00C3", "004E20", "01A23B01"))
        self.assertIn("nas Get System Info", sim.history("qmi-command"))
        result = self.mmcli("-m", "0", "--location-enable-gps-nmea", check=False)
        self.assertIn(ERROR_PREFIX + "Core.Unsupported", result.stderr)

    def test_scan_and_register_in_operator(self):
        sim = self.add_qmi_modem()
        self.enable()
        out = self.mmcli_json("-m", "0", "--3gpp-scan", "--timeout=120")
        networks = out["modem"]["3gpp"]["scan-networks"]
        self.assertTrue(any("operator-code: 26201" in n and "availability: current" in n for n in networks),
                        networks)
        self.mmcli("-m", "0", "--3gpp-register-in-operator=26202")
        wait_for(lambda: self.modem()["modem"]["3gpp"]["operator-code"] == "26202",
                 what="the new operator")
        self.assertEqual(sim.control("get operator-code"), "26202")
        self.mmcli("-m", "0", "--3gpp-register-home")
        wait_for(lambda: sim.control("get select-mode") == "0", what="automatic selection")

    def test_set_allowed_modes(self):
        sim = self.add_qmi_modem()
        self.mmcli("-m", "0", "--set-allowed-modes=4g")
        self.assertEqual(sim.control("get allowed-modes"), "4g")
        self.assertEqual(generic(self.modem())["current-modes"], "allowed: 4g; preferred: none")
        self.mmcli("-m", "0", "--set-allowed-modes=2g|3g|4g")
        self.assertEqual(generic(self.modem())["current-modes"], "allowed: 2g, 3g, 4g; preferred: none")

    def test_bands(self):
        # The simulated hardware: GSM 900/1800, WCDMA 2100/900, LTE 1, 3, 7,
        # 8, 20 (DMS Get Band Capabilities, LTE as the extended list).
        self.add_qmi_modem()
        g = generic(self.modem())
        expected = {"egsm", "dcs", "utran-1", "utran-8", "eutran-1", "eutran-3", "eutran-7", "eutran-8",
                    "eutran-20"}
        self.assertEqual(set(g["supported-bands"]), expected)
        # The simulator names no band preference: every band is in use.
        self.assertEqual(set(g["current-bands"]), expected)
        # A band the modem lacks is refused before anything is sent.
        result = self.mmcli("-m", "0", "--set-current-bands=eutran-40", check=False)
        self.assertIn(ERROR_PREFIX + "Core.Unsupported", result.stderr)
        # The simulator refuses band preferences (NOT_SUPPORTED): the modem's
        # answer, and the current bands stay.
        result = self.mmcli("-m", "0", "--set-current-bands=eutran-1|eutran-3", check=False)
        self.assertIn(ERROR_PREFIX + "Core.Unsupported", result.stderr)
        self.assertEqual(set(generic(self.modem())["current-bands"]), expected)

    def bearer(self, index):
        return self.mmcli_json("-b", str(index))["bearer"]

    def test_simple_connect_static_ipv4(self):
        sim = self.add_qmi_modem()
        self.mmcli("-m", "0", "--simple-connect=apn=internet,ip-type=ipv4")
        self.assertEqual(self.state(), "connected")
        bearer = self.bearer(0)
        self.assertEqual(bearer["status"]["connected"], "yes")
        self.assertEqual(bearer["status"]["interface"], NET_PORT)
        config = bearer["ipv4-config"]
        self.assertEqual(config["method"], "static")
        self.assertEqual(config["address"], sim.control("get ipv4-address"))
        self.assertEqual(config["prefix"], sim.control("get ipv4-prefix"))
        self.assertEqual(config["gateway"], sim.control("get ipv4-gateway"))
        self.assertEqual(config["dns"], sim.control("get ipv4-dns").split(","))
        self.assertEqual(config["mtu"], sim.control("get ipv4-mtu"))
        self.assertEqual(sim.control("get sessions"), "0")
        self.mmcli("-m", "0", "--simple-disconnect")
        self.assertEqual(sim.control("get sessions"), "")
        self.assertEqual(self.bearer(0)["status"]["connected"], "no")
        self.wait_state("registered")

    def test_network_drop_ends_bearer(self):
        sim = self.add_qmi_modem()
        self.mmcli("-m", "0", "--simple-connect=apn=internet,ip-type=ipv4")
        sim.control("no-carrier")
        wait_for(lambda: self.bearer(0)["status"]["connected"] == "no", what="the bearer to drop")
        self.wait_state("registered")
        # A new call works after the drop.
        self.mmcli("-m", "0", "--simple-connect=apn=internet,ip-type=ipv4")
        self.assertEqual(self.state(), "connected")

    def test_unreported_drop_found_by_the_poll(self):
        # The network ends the call and the modem sends no indication: the
        # poll's WDS Get Packet Service Status finds the call gone.
        sim = self.add_qmi_modem()
        self.mmcli("-m", "0", "--simple-connect=apn=internet,ip-type=ipv4v6")
        count = int(sim.control("get qmi-command-count"))
        sim.control("no-carrier silent")
        wait_for(lambda: self.bearer(0)["status"]["connected"] == "no", what="the poll to find the drop")
        self.assertIn("wds Get Packet Service Status", sim.history("qmi-command")[count:])
        self.wait_state("registered")
        self.mmcli("-m", "0", "--simple-connect=apn=internet,ip-type=ipv4v6")
        self.assertEqual(sim.control("get sessions"), "0,1")

    def assert_static_config(self, config, sim, family, session=0):
        self.assertEqual(config["method"], "static")
        expected = ipaddress.ip_address(sim.control(f"get {family}-address")) + session
        self.assertEqual(config["address"], str(expected))
        self.assertEqual(config["prefix"], sim.control(f"get {family}-prefix"))
        self.assertEqual(config["gateway"], sim.control(f"get {family}-gateway"))
        self.assertEqual(config["dns"], sim.control(f"get {family}-dns").split(","))
        self.assertEqual(config["mtu"], sim.control(f"get {family}-mtu"))

    def test_simple_connect_ipv6(self):
        sim = self.add_qmi_modem()
        self.mmcli("-m", "0", "--simple-connect=apn=internet,ip-type=ipv6")
        bearer = self.bearer(0)
        self.assertEqual(bearer["status"]["connected"], "yes")
        self.assert_static_config(bearer["ipv6-config"], sim, "ipv6")
        self.assertEqual(sim.control("get sessions"), "0")
        self.mmcli("-m", "0", "--simple-disconnect")
        self.assertEqual(sim.control("get sessions"), "")
        self.assertEqual(self.bearer(0)["status"]["connected"], "no")

    def test_simple_connect_ipv4v6(self):
        # One WDS client per family: the IPv4 call is session 0, the IPv6
        # call session 1 (whose address the simulator shifts by one).
        sim = self.add_qmi_modem()
        self.mmcli("-m", "0", "--simple-connect=apn=internet,ip-type=ipv4v6")
        self.assertEqual(self.state(), "connected")
        bearer = self.bearer(0)
        self.assertEqual(bearer["status"]["connected"], "yes")
        self.assertEqual(bearer["status"]["interface"], NET_PORT)
        self.assert_static_config(bearer["ipv4-config"], sim, "ipv4")
        self.assert_static_config(bearer["ipv6-config"], sim, "ipv6", session=1)
        self.assertEqual(sim.control("get sessions"), "0,1")
        self.mmcli("-m", "0", "--simple-disconnect")
        self.assertEqual(sim.control("get sessions"), "")
        self.assertEqual(self.bearer(0)["status"]["connected"], "no")
        self.wait_state("registered")
        # Connecting again reuses both clients.
        self.mmcli("-m", "0", "--simple-connect=apn=internet,ip-type=ipv4v6")
        self.assertEqual(sim.control("get sessions"), "0,1")

    def test_network_drop_ends_ipv4v6_bearer(self):
        sim = self.add_qmi_modem()
        self.mmcli("-m", "0", "--simple-connect=apn=internet,ip-type=ipv4v6")
        sim.control("no-carrier")
        wait_for(lambda: self.bearer(0)["status"]["connected"] == "no", what="the bearer to drop")
        self.wait_state("registered")
        wait_for(lambda: sim.control("get sessions") == "", what="both calls to end")
        self.mmcli("-m", "0", "--simple-connect=apn=internet,ip-type=ipv4v6")
        self.assertEqual(sim.control("get sessions"), "0,1")

    def test_multiplex_setting(self):
        # wwan0 is in no kernel here (no --test-fake-net-links), so the modem
        # cannot multiplex: "required" is refused before anything is sent,
        # "requested" connects a plain bearer.
        sim = self.add_qmi_modem()
        self.enable()
        result = self.call("/org/freedesktop/ModemManager1/Modem/0", "org.freedesktop.DBus.Properties.Get",
                           "org.freedesktop.ModemManager1.Modem", "MaxActiveMultiplexedBearers")
        self.assertIn("<uint32 0>", result.stdout)
        result = self.mmcli("-m", "0", "--simple-connect=apn=internet,multiplex=required", check=False)
        self.assertIn(ERROR_PREFIX + "Core.Unsupported", result.stderr)
        self.assertEqual(sim.control("get sessions"), "")
        result = self.call("/org/freedesktop/ModemManager1/Modem/0",
                           "org.freedesktop.ModemManager1.Modem.CreateBearer",
                           "{'apn': <'internet'>, 'multiplex': <uint32 7>}", check=False)
        self.assertIn(ERROR_PREFIX + "Core.InvalidArgs", result.stderr)
        self.mmcli("-m", "0", "--simple-connect=apn=internet,multiplex=requested")
        bearers = self.mmcli_json("-m", "0")["modem"]["generic"]["bearers"]
        bearer = self.mmcli_json("-b", bearers[-1])["bearer"]
        self.assertEqual(bearer["status"]["connected"], "yes")
        self.assertEqual(bearer["status"]["multiplexed"], "no")
        self.assertEqual(sim.control("get qmi-mux-ids"), "")

    def test_connect_refusals(self):
        self.add_qmi_modem()
        self.enable()
        # QMI WDS calls carry IP only.
        result = self.mmcli("-m", "0", "--simple-connect=apn=internet,ip-type=non-ip", check=False)
        self.assertIn(ERROR_PREFIX + "Core.Unsupported", result.stderr)
        result = self.mmcli("-m", "0", "--simple-connect=apn=internet,ip-type=ipv5", check=False)
        self.assertNotEqual(result.returncode, 0)
        result = self.mmcli("-m", "0", "--simple-connect=apn=" + "a" * 101 + ",ip-type=ipv4v6", check=False)
        self.assertIn(ERROR_PREFIX + "Core.InvalidArgs", result.stderr)
        self.assert_daemon_alive()

    # --- the device going away -------------------------------------------------------

    def test_unplug_removes_modem(self):
        sim = self.add_qmi_modem()
        self.enable()
        self.unplug_modem(sim)
        wait_for(lambda: self.modem_paths() == [], what="the modem to be removed")
        self.assert_daemon_alive()

    def test_unplug_mid_scan(self):
        sim = self.add_qmi_modem()
        self.enable()
        sim.control("mute on")
        count = int(sim.control("get qmi-command-count"))
        scan = self.start_client([MMCLI, "-m", "0", "--3gpp-scan", "--timeout=120"])
        wait_for(lambda: int(sim.control("get qmi-command-count")) > count, what="the scan to be sent")
        self.unplug_modem(sim)
        _, err = scan.communicate(timeout=60)
        self.assertNotEqual(scan.returncode, 0)
        wait_for(lambda: self.modem_paths() == [], what="the modem to be removed")
        self.assert_daemon_alive()

    def test_unplug_mid_connect(self):
        # The modem falls silent, a connect waits on its first WDS request,
        # the device goes: the call fails and the modem goes with it. A
        # first call allocates the WDS client the second one reuses.
        sim = self.add_qmi_modem()
        self.mmcli("-m", "0", "--simple-connect=apn=internet,ip-type=ipv4")
        self.mmcli("-m", "0", "--simple-disconnect")
        sim.control("mute on")
        count = int(sim.control("get qmi-command-count"))
        connect = self.start_client([MMCLI, "-m", "0", "--simple-connect=apn=internet,ip-type=ipv4"])
        self.addCleanup(connect.kill)
        wait_for(lambda: any(c.startswith("wds ") for c in sim.history("qmi-command")[count:]),
                 what="the call to be started")
        self.unplug_modem(sim)
        connect.communicate(timeout=60)
        self.assertNotEqual(connect.returncode, 0)
        wait_for(lambda: self.modem_paths() == [], what="the modem to be removed")
        self.assert_daemon_alive()

    # --- ports ----------------------------------------------------------------------------

    def test_qmi_is_primary_beside_at(self):
        sim = self.add_qmi_modem(at="pty")
        g = generic(self.modem())
        self.assertEqual(g["primary-port"], sim.qmi_port[len("/dev/"):])
        self.assertIn(sim.port[len("/dev/"):] + " (at)", g["ports"])
        self.enable()


@skip_without_tools
class QmiIndicationTest(ModemdTestCase):
    """With the poll an hour away, only the Serving System and Signal Info
    indications can tell the daemon that the registration or the signal
    changed."""

    daemon_args = ModemdTestCase.daemon_args + ["--poll-interval=3600", "--no-qmi-proxy"]

    def add_qmi_modem(self):
        sim = self.start_sim("default.ini", at="none", qmi="pty")
        self.set_profile("qmi0", ["qmi:" + sim.qmi_port, "net:" + NET_PORT])
        wait_for(lambda: self.modem_paths(), what="the modem to be exported")
        return sim

    def test_registration_follows_indications(self):
        sim = self.add_qmi_modem()
        self.mmcli("-m", "0", "-e")
        wait_for(lambda: generic(self.mmcli_json("-m", "0"))["state"] == "registered", what="registered")
        sim.control("register roaming 26202 Vodafone.de")
        wait_for(lambda: self.mmcli_json("-m", "0")["modem"]["3gpp"]["registration-state"] == "roaming",
                 what="roaming from the indication")
        self.assertEqual(self.mmcli_json("-m", "0")["modem"]["3gpp"]["operator-code"], "26202")

    def test_system_info_indication_reports_eps_and_5gs(self):
        # Serving System names no TAC and no 5GS: the System Info
        # indication reports the LTE and NR5G cells.
        sim = self.add_qmi_modem()
        self.mmcli("-m", "0", "-e")
        wait_for(lambda: generic(self.mmcli_json("-m", "0"))["state"] == "registered", what="registered")
        sim.control("register roaming 26202 Vodafone.de")
        wait_for(lambda: "System Info: LTE in service, TAC 4E20" in self.daemon_log(),
                 what="the LTE cell from System Info")
        sim.control("access-technology 5gnr")
        wait_for(lambda: "System Info: NR5G in service, TAC 4E20" in self.daemon_log(),
                 what="the NR5G cell from System Info")
        wait_for(lambda: generic(self.mmcli_json("-m", "0"))["access-technologies"] == ["5gnr"],
                 what="5G from the indications")
        self.assertEqual(self.mmcli_json("-m", "0")["modem"]["3gpp"]["registration-state"], "roaming")
        self.assert_daemon_alive()

    def daemon_log(self):
        with open(self.log_path, errors="replace") as log:
            return log.read()

    def test_resume_polls_at_once(self):
        # With the poll an hour away, a call the network ended without an
        # indication shows only when logind (python-dbusmock's template)
        # says the system resumed: modemd polls every enabled modem then.
        if logind_mock.missing():
            self.skipTest(logind_mock.missing())
        logind_mock.start(self)
        sim = self.add_qmi_modem()
        self.mmcli("-m", "0", "--simple-connect=apn=internet,ip-type=ipv4")
        count = int(sim.control("get qmi-command-count"))
        sim.control("no-carrier silent")
        logind_mock.prepare_for_sleep(self, True)
        logind_mock.prepare_for_sleep(self, False)
        wait_for(lambda: self.mmcli_json("-b", "0")["bearer"]["status"]["connected"] == "no",
                 what="the resume poll to find the drop")
        self.assertIn("wds Get Packet Service Status", sim.history("qmi-command")[count:])

    def test_signal_follows_indications(self):
        sim = self.add_qmi_modem()
        self.mmcli("-m", "0", "-e")
        wait_for(lambda: generic(self.mmcli_json("-m", "0"))["state"] == "registered", what="registered")
        sim.control("signal 10")
        # RSSI -113 + 2 * 10 dBm: (20 * 100) // 62 percent.
        wait_for(lambda: generic(self.mmcli_json("-m", "0"))["signal-quality"]["value"] == str(20 * 100 // 62),
                 what="signal quality from the Signal Info indication")


@skip_without_tools
class QmiRequestsTest(ModemdTestCase):
    """What Enable and Connect cost in QMI requests (bench/plugin.py times
    them): one Serving System per poll, and no client allocated on the way.
    The poller is an hour away, so only the flows' own requests count."""

    daemon_args = ModemdTestCase.daemon_args + ["--poll-interval=3600", "--no-qmi-proxy"]

    def test_enable_and_connect_requests(self):
        sim = self.start_sim("default.ini", at="none", qmi="pty")
        self.set_profile("qmi0", ["qmi:" + sim.qmi_port, "net:" + NET_PORT])
        wait_for(lambda: self.modem_paths() and generic(self.mmcli_json("-m", "0"))["state"] == "disabled",
                 what="the modem to be initialized")
        # DMS, UIM and NAS by use; WMS, WDA and WDS ahead of use.
        wait_for(lambda: sim.history("qmi-command").count("ctl Allocate CID") >= 6,
                 what="the clients to be allocated")
        before = len(sim.history("qmi-command"))
        self.mmcli("-m", "0", "-e")
        wait_for(lambda: generic(self.mmcli_json("-m", "0"))["state"] == "registered",
                 what="the modem to register")
        enable = sim.history("qmi-command")[before:]
        self.assertEqual(enable.count("nas Get Serving System"), 1, enable)
        self.assertNotIn("ctl Allocate CID", enable)
        before = len(sim.history("qmi-command"))
        self.mmcli("-m", "0", "--simple-connect=apn=internet,ip-type=ipv4")
        connect = sim.history("qmi-command")[before:]
        self.assertIn("wds Start Network", connect)
        self.assertNotIn("ctl Allocate CID", connect)


@skip_without_tools
class QmiTwoPortsTest(ModemdTestCase):
    """The harness and Test.SetProfile with a simulator of two QMI
    functions (kept out of QmiModemTest, whose tests also run on the
    discovery path; test_qmi_pairs.py covers such a device there)."""

    daemon_args = QmiModemTest.daemon_args

    def test_two_qmi_ports_of_one_simulator(self):
        # mc7304.ini's modem has two QMI functions: modem-sim announces both
        # ptys, the first controls the modem, the second is listed beside it.
        # Both must answer: the daemon opens every typed QMI port it is given.
        sim = self.start_sim("mc7304.ini", at="none", qmi=["pty", "pty"])
        self.assertEqual(len(sim.qmi_ports), 2)
        self.assertNotEqual(sim.qmi_ports[0], sim.qmi_ports[1])
        self.assertEqual(sim.qmi_port, sim.qmi_ports[0])
        self.set_profile("qmi0", ["qmi:" + port for port in sim.qmi_ports] + ["net:" + NET_PORT])
        wait_for(lambda: self.modem_paths(), what="the modem to be exported")
        g = generic(self.mmcli_json("-m", "0"))
        self.assertEqual(g["primary-port"], sim.qmi_ports[0][len("/dev/"):])
        for port in sim.qmi_ports:
            self.assertIn(port[len("/dev/"):] + " (qmi)", g["ports"])
        self.assertEqual(g["equipment-identifier"], sim.control("get imei"))


if __name__ == "__main__":
    unittest.main(verbosity=2)
