# SPDX-License-Identifier: GPL-2.0-or-later
"""The MBIM modem end to end: the real mmcli drives modemd against
modem-sim's MBIM front end, and the tests check the values mmcli shows
against what the simulator reports on its control socket.

modemd runs with --no-mbim-proxy (the proxy's socket is global; see
test_mbim_proxy.py for the proxy, in its own network namespace) and with
--test-fake-net-links, so the links of sessions 1..N are kept in memory:
the real rtnetlink path is covered by tests/port/test-net-link."""

import os
import unittest

import harness
from harness import ModemdTestCase, skip_without_tools, wait_for
from modem_behaviour import ERROR_PREFIX, ModemBehaviour, TimeAndUssdBehaviour, generic

NET_PORT = "wwan0"


@skip_without_tools
class MbimModemTest(ModemBehaviour, TimeAndUssdBehaviour, ModemdTestCase):

    daemon_args = ModemdTestCase.daemon_args + ["--poll-interval=1", "--no-mbim-proxy",
                                                "--test-fake-net-links"]

    def add_mbim_modem(self, scenario="default.ini", uid="mbim0", at="none", typed=True):
        sim = self.start_sim(scenario, at=at, mbim="pty")
        ports = [("mbim:" if typed else "") + sim.mbim_port, "net:" + NET_PORT]
        if at != "none":
            ports.append(sim.port)
        self.set_profile(uid, ports)
        wait_for(lambda: self.modem_paths(), what="the modem to be exported")
        return sim

    def add_modem(self, scenario="default.ini"):
        return self.add_mbim_modem(scenario)

    def signal_at(self, level):
        # Signal State: the rssi, in the dictionary of the technology in use.
        return {"lte": {"rssi": {20: "-73.00", 25: "-63.00"}[level], "rsrp": "--"}}

    def test_profile_manager_over_provisioned_contexts(self):
        sim = self.add_mbim_modem()
        self.enable()

        def profiles():
            return self.mmcli_json("-m", "0", "--3gpp-profile-manager-list")["modem"]["3gpp"]["profile-manager"]["list"]

        # Provisioned Contexts v1: no IP type in the profiles.
        self.assertEqual(profiles(), ["profile-id: 1, apn: internet, allowed-auth: unknown"])
        self.assertIn("profile-id: 2", self.mmcli("-m", "0", "--3gpp-profile-manager-set=apn=internet.test").stdout)
        self.mmcli("-m", "0", "--3gpp-profile-manager-set=profile-id=1,apn=other")
        self.assertEqual(sim.control("get contexts"), "1:IP:other:inactive,2:IPV4V6:internet.test:inactive")
        self.assertEqual(profiles(), ["profile-id: 1, apn: other, allowed-auth: unknown",
                                      "profile-id: 2, apn: internet.test, allowed-auth: unknown"])
        # v1 can neither store an IP type nor delete.
        for option in ("--3gpp-profile-manager-set=apn=x,ip-type=ipv4", "--3gpp-profile-manager-delete=profile-id=2"):
            result = self.mmcli("-m", "0", option, check=False)
            self.assertIn(ERROR_PREFIX + "Core.Unsupported", result.stderr, option)
        self.assertEqual(sim.control("get contexts"), "1:IP:other:inactive,2:IPV4V6:internet.test:inactive")

    def test_3gpp_location_from_location_info_status(self):
        # Register State names no cell: GetLocation reads MS Basic Connect
        # Extensions LOCATION_INFO_STATUS.
        sim = self.add_mbim_modem()
        self.enable()
        status = self.mmcli_json("-m", "0", "--location-status")["modem"]["location"]
        self.assertEqual((status["capabilities"], status["enabled"]), (["3gpp-lac-ci"], ["3gpp-lac-ci"]))
        wait_for(lambda: self.mmcli_json("-m", "0", "--location-get")["modem"]["location"]["3gpp"]["cid"] != "--",
                 what="the 3GPP location")
        loc = self.mmcli_json("-m", "0", "--location-get")["modem"]["location"]["3gpp"]
        code = sim.control("get operator-code")
        self.assertEqual((loc["mcc"], loc["mnc"]), (code[:3], code[3:]))
        self.assertEqual((loc["lac"], loc["tac"], loc["cid"]), ("00C3", "004E20", "01A23B01"))
        self.assertIn("ms-basic-connect-extensions location-info-status query", sim.history("mbim-command"))
        result = self.mmcli("-m", "0", "--location-enable-gps-nmea", check=False)
        self.assertIn(ERROR_PREFIX + "Core.Unsupported", result.stderr)

    def bearer(self, index):
        return self.mmcli_json("-b", str(index))["bearer"]

    def modem_log(self):
        with open(self.log_path, errors="replace") as log:
            return log.read()

    # --- identity and capabilities ----------------------------------------------

    def test_identity_and_capabilities(self):
        sim = self.add_mbim_modem()
        data = self.modem()
        g = generic(data)
        self.assertEqual(g["equipment-identifier"], sim.control("get imei"))
        self.assertEqual(data["modem"]["3gpp"]["imei"], sim.control("get imei"))
        self.assertEqual(g["revision"], sim.control("get revision"))
        # As ModemManager names an MBIM modem without USB names: the plugin
        # and the (here unknown) vendor and product ids.
        self.assertEqual(g["manufacturer"], "generic")
        self.assertEqual(g["model"], "MBIM [0000:0000]")
        self.assertEqual(g["hardware-revision"], sim.control("get model"))
        # Computed from the recipe (tests/core/test-device-identifier.c):
        # ModemManager's Test.SetProfile cannot build an MBIM modem.
        self.assertEqual(g["device-identifier"], "6cbc22a0f0d80db423aa51cdb49507b68ca52d69")
        self.assertEqual(g["state"], "disabled")
        self.assertEqual(g["power-state"], "low")
        self.assertEqual(g["plugin"], "generic")
        self.assertEqual(g["primary-port"], sim.mbim_port[len("/dev/"):])
        self.assertIn(g["primary-port"] + " (mbim)", g["ports"])
        self.assertIn(NET_PORT + " (net)", g["ports"])
        self.assertIn("lte", ", ".join(g["current-capabilities"]))
        self.assertIn("gsm-umts", ", ".join(g["current-capabilities"]))
        self.assertIn("4g", ", ".join(g["supported-modes"]))
        self.assertIn("ipv4v6", ", ".join(g["supported-ip-families"]))

    def test_max_bearers_follow_max_sessions(self):
        sim = self.add_mbim_modem()
        max_sessions = sim.control("get max-sessions")
        def prop(name):
            return self.gdbus("call", "--object-path", "/org/freedesktop/ModemManager1/Modem/0",
                              "--method", "org.freedesktop.DBus.Properties.Get",
                              "org.freedesktop.ModemManager1.Modem", name).stdout
        # ModemManager 1.20's meaning: session 0 on the main interface is
        # the one bearer without multiplexing (MaxBearers equals
        # MaxActiveBearers); the other sessions run multiplexed.
        self.assertIn("<uint32 1>", prop("MaxActiveBearers"))
        self.assertIn("<uint32 1>", prop("MaxBearers"))
        self.assertIn(f"<uint32 {int(max_sessions) - 1}>", prop("MaxActiveMultiplexedBearers"))

    def test_sim_properties(self):
        sim = self.add_mbim_modem()
        props = self.mmcli_json("-i", "0")["sim"]["properties"]
        self.assertEqual(props["iccid"], sim.control("get iccid"))
        self.assertEqual(props["imsi"], sim.control("get imsi"))
        self.assertEqual(props["operator-code"], sim.control("get imsi")[:5])
        self.assertEqual(props["operator-name"], sim.control("get spn"))
        self.assertIn(sim.control("get own-numbers").split(",")[0], generic(self.modem())["own-numbers"])

    # --- SIM PIN ------------------------------------------------------------------

    # --- power and registration ------------------------------------------------------

    def test_scan_and_register_in_operator(self):
        sim = self.add_mbim_modem()
        self.enable()
        out = self.mmcli_json("-m", "0", "--3gpp-scan", "--timeout=120")
        networks = out["modem"]["3gpp"]["scan-networks"]
        self.assertTrue(any("operator-code: 26201" in n and "availability: current" in n for n in networks),
                        networks)
        self.mmcli("-m", "0", "--3gpp-register-in-operator=26202")
        wait_for(lambda: self.modem()["modem"]["3gpp"]["operator-code"] == "26202",
                 what="the new operator")
        self.assertEqual(sim.control("get operator-code"), "26202")

    # --- data sessions -----------------------------------------------------------------

    def assert_static_config(self, config, sim, family):
        self.assertEqual(config["method"], "static")
        self.assertEqual(config["address"], sim.control(f"get {family}-address"))
        self.assertEqual(config["prefix"], sim.control(f"get {family}-prefix"))
        self.assertEqual(config["gateway"], sim.control(f"get {family}-gateway"))
        self.assertEqual(config["dns"], sim.control(f"get {family}-dns").split(","))
        self.assertEqual(config["mtu"], sim.control(f"get {family}-mtu"))

    def test_simple_connect_static_ip(self):
        sim = self.add_mbim_modem()
        self.mmcli("-m", "0", "--simple-connect=apn=internet,ip-type=ipv4v6")
        self.assertEqual(self.state(), "connected")
        bearer = self.bearer(0)
        self.assertEqual(bearer["status"]["connected"], "yes")
        self.assertEqual(bearer["status"]["interface"], NET_PORT)
        self.assertEqual(bearer["properties"]["apn"], "internet")
        self.assert_static_config(bearer["ipv4-config"], sim, "ipv4")
        self.assert_static_config(bearer["ipv6-config"], sim, "ipv6")
        self.assertEqual(sim.control("get sessions"), "0")

    def test_second_bearer_on_session_one(self):
        sim = self.add_mbim_modem()
        self.mmcli("-m", "0", "--simple-connect=apn=internet,ip-type=ipv4")
        # Without multiplexing the second bearer has no session to run on.
        self.mmcli("-m", "0", "--create-bearer=apn=internet,ip-type=ipv6")
        result = self.mmcli("-b", "1", "--connect", check=False)
        self.assertIn(ERROR_PREFIX + "Core.TooMany", result.stderr)
        self.mmcli("-m", "0", "--delete-bearer=/org/freedesktop/ModemManager1/Bearer/1")
        self.mmcli("-m", "0", "--create-bearer=apn=internet,ip-type=ipv6,multiplex=requested")
        self.mmcli("-b", "2", "--connect")
        first, second = self.bearer(0), self.bearer(2)
        self.assertEqual(first["status"]["connected"], "yes")
        self.assertEqual(second["status"]["connected"], "yes")
        self.assertEqual(second["status"]["interface"], NET_PORT + ".1")
        self.assertEqual(second["ipv6-config"]["method"], "static")
        self.assertNotEqual(second["ipv6-config"]["address"], sim.control("get ipv6-address"))
        self.assertEqual(sim.control("get sessions"), "0,1")
        self.assertIn("created link " + NET_PORT + ".1 for session 1", self.modem_log())
        self.assertFalse(self.multiplexed(0))
        self.assertTrue(self.multiplexed(2))
        self.mmcli("-b", "2", "--disconnect")
        self.assertFalse(self.multiplexed(2))
        self.assertEqual(self.bearer(2)["status"]["connected"], "no")
        self.assertEqual(self.bearer(0)["status"]["connected"], "yes")
        self.assertEqual(sim.control("get sessions"), "0")
        self.assertIn("removed link " + NET_PORT + ".1", self.modem_log())
        self.mmcli("-m", "0", "--simple-disconnect")
        self.assertEqual(sim.control("get sessions"), "")
        self.wait_state("registered")

    def multiplexed(self, index):
        out = self.gdbus("call", "--object-path", f"/org/freedesktop/ModemManager1/Bearer/{index}",
                         "--method", "org.freedesktop.DBus.Properties.Get",
                         "org.freedesktop.ModemManager1.Bearer", "Multiplexed").stdout
        return "true" in out

    def test_multiplex_required_takes_a_link(self):
        sim = self.add_mbim_modem()
        self.enable()
        self.mmcli("-m", "0", "--simple-connect=apn=internet,ip-type=ipv4,multiplex=required")
        self.assertEqual(self.bearer(0)["status"]["interface"], NET_PORT + ".1")
        self.assertTrue(self.multiplexed(0))
        self.assertEqual(sim.control("get sessions"), "1")

    def test_bearers_beyond_max_sessions_refused(self):
        sim = self.add_mbim_modem()
        max_sessions = int(sim.control("get max-sessions"))
        for _ in range(max_sessions):
            self.mmcli("-m", "0", "--create-bearer=apn=internet")
        result = self.mmcli("-m", "0", "--create-bearer=apn=internet", check=False)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn(ERROR_PREFIX + "Core.TooMany", result.stderr)
        self.assert_daemon_alive()

    def test_connect_rejects_bad_input(self):
        self.add_mbim_modem()
        result = self.mmcli("-m", "0", "--simple-connect=apn=internet,ip-type=ipv5", check=False)
        self.assertNotEqual(result.returncode, 0)
        result = self.mmcli("-m", "0", "--simple-connect=apn=" + "a" * 101, check=False)
        self.assertIn(ERROR_PREFIX + "Core.InvalidArgs", result.stderr)
        self.assert_daemon_alive()
        self.assertEqual(self.bearer_count(), 0)

    def bearer_count(self):
        return len(generic(self.modem()).get("bearers", []))

    def test_network_drop_ends_bearer(self):
        sim = self.add_mbim_modem()
        self.mmcli("-m", "0", "--simple-connect=apn=internet")
        sim.control("no-carrier")
        wait_for(lambda: self.bearer(0)["status"]["connected"] == "no", what="the bearer to drop")
        self.wait_state("registered")

    def test_unreported_drop_found_by_the_poll(self):
        # The network ends the session and the modem sends no CONNECT
        # indication: the poll's Connect query finds it deactivated.
        sim = self.add_mbim_modem()
        self.mmcli("-m", "0", "--simple-connect=apn=internet")
        sim.control("no-carrier silent")
        wait_for(lambda: self.bearer(0)["status"]["connected"] == "no", what="the poll to find the drop")
        self.wait_state("registered")
        self.mmcli("-m", "0", "--simple-connect=apn=internet")
        self.assertEqual(self.bearer(0)["status"]["connected"], "yes")

    def test_unreported_drop_found_when_the_query_is_refused(self):
        # Firmware that refuses the Connect query for an inactive session
        # (CONTEXT_NOT_ACTIVATED) tells the poll the same.
        with open(os.path.join(harness.SCENARIOS, "default.ini")) as f:
            text = f.read()
        path = os.path.join(self.workdir, "query-refused.ini")
        with open(path, "w") as f:
            f.write(text + "\n[modem]\nmbim-query-refuses-inactive=true\n")
        sim = self.add_mbim_modem(path)
        self.mmcli("-m", "0", "--simple-connect=apn=internet")
        sim.control("no-carrier silent")
        wait_for(lambda: self.bearer(0)["status"]["connected"] == "no", what="the poll to find the drop")
        self.wait_state("registered")

    def test_unplug_mid_connect(self):
        sim = self.add_mbim_modem()
        self.enable()
        sim.control("mute on")
        connect = self.start_client(["mmcli", "-m", "0", "--simple-connect=apn=internet"])
        wait_for(lambda: "connecting on MBIM session" in self.modem_log(), what="a connect in flight")
        sim.control("unplug")
        connect.communicate(timeout=60)
        self.assertNotEqual(connect.returncode, 0)
        wait_for(lambda: self.modem_paths() == [], what="the modem to be removed")
        self.assert_daemon_alive()

    def test_unplug_removes_session_links(self):
        sim = self.add_mbim_modem()
        self.mmcli("-m", "0", "--simple-connect=apn=internet,ip-type=ipv4")
        self.mmcli("-m", "0", "--create-bearer=apn=internet,ip-type=ipv4,multiplex=requested")
        self.mmcli("-b", "1", "--connect")
        self.assertEqual(sim.control("get sessions"), "0,1")
        sim.control("unplug")
        wait_for(lambda: self.modem_paths() == [], what="the modem to be removed")
        wait_for(lambda: "removed link " + NET_PORT + ".1 with its modem" in self.modem_log(),
                 what="the session link to be removed with the modem")
        self.assert_daemon_alive()

    # --- ports ----------------------------------------------------------------------------

    def test_untyped_port_is_probed_as_mbim(self):
        sim = self.add_mbim_modem(typed=False)
        g = generic(self.modem())
        self.assertEqual(g["primary-port"], sim.mbim_port[len("/dev/"):])
        self.assertEqual(g["equipment-identifier"], sim.control("get imei"))

    def test_mbim_is_primary_beside_at(self):
        sim = self.add_mbim_modem(at="pty")
        g = generic(self.modem())
        self.assertEqual(g["primary-port"], sim.mbim_port[len("/dev/"):])
        self.assertIn(sim.port[len("/dev/"):] + " (at)", g["ports"])
        self.enable()


if __name__ == "__main__":
    unittest.main(verbosity=2)
