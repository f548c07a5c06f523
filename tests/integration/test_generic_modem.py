# SPDX-License-Identifier: GPL-2.0-or-later
"""The generic AT modem end to end: the real mmcli drives modemd against
modem-sim scenarios, and the tests check the values mmcli shows. What every
protocol does alike (enable, power, registration, PIN and PUK, signal,
firmware, time, USSD, the refusals of a locked, enabled or unregistered
modem) comes from modem_behaviour.py; the tests here run on
the AT modem only."""

import unittest

from harness import ModemdTestCase, skip_without_tools, wait_for
from modem_behaviour import ERROR_PREFIX, ModemBehaviour, TimeAndUssdBehaviour, generic


@skip_without_tools
class GenericModemTest(ModemBehaviour, TimeAndUssdBehaviour, ModemdTestCase):

    daemon_args = ModemdTestCase.daemon_args + ["--poll-interval=1"]

    def add_modem(self, scenario="default.ini"):
        return self.add_sim_modem(scenario)

    def signal_at(self, level):
        # +CESQ: RSRP and RSRQ of the LTE cell.
        return {"lte": {"rsrp": {20: "-90.00", 25: "-80.00"}[level], "rsrq": "-10.00"}}

    # --- Modem.Location ---------------------------------------------------------

    def location(self, what):
        return self.mmcli_json("-m", "0", what)["modem"]["location"]

    def test_3gpp_location_from_registration(self):
        sim = self.add_sim_modem()
        self.enable()
        status = self.location("--location-status")
        self.assertEqual(status["capabilities"], ["3gpp-lac-ci"])
        self.assertEqual(status["enabled"], ["3gpp-lac-ci"])
        self.assertEqual(status["signals"], "no")
        # default.ini's cell, from +CREG: 2 / +CEREG: 2 reports.
        wait_for(lambda: self.location("--location-get")["3gpp"]["cid"] != "--", what="the 3GPP location")
        loc = self.location("--location-get")["3gpp"]
        code = sim.control("get operator-code")
        self.assertEqual((loc["mcc"], loc["mnc"]), (code[:3], code[3:]))
        self.assertEqual((loc["lac"], loc["tac"], loc["cid"]), ("00C3", "004E20", "01A23B01"))
        # Off, then on again with the Location property kept up to date.
        self.mmcli("-m", "0", "--location-disable-3gpp")
        self.assertEqual(self.location("--location-get")["3gpp"]["cid"], "--")
        self.mmcli("-m", "0", "--location-enable-3gpp", "--location-set-enable-signal")
        status = self.location("--location-status")
        self.assertEqual((status["enabled"], status["signals"]), (["3gpp-lac-ci"], "yes"))
        self.assertEqual(self.location("--location-get")["3gpp"]["cid"], "01A23B01")

    def test_location_refuses_gnss_and_unknown_sources(self):
        self.add_sim_modem()
        self.enable()
        for option in ("--location-enable-gps-nmea", "--location-enable-gps-raw", "--location-enable-agps-msa"):
            result = self.mmcli("-m", "0", option, check=False)
            self.assertIn(ERROR_PREFIX + "Core.Unsupported", result.stderr, option)
        path = self.modem_paths()[0]
        result = self.call(path, "org.freedesktop.ModemManager1.Modem.Location.Setup", "0x81", "false",
                           check=False)
        self.assertIn(ERROR_PREFIX + "Core.InvalidArgs", result.stderr)
        # Nothing of it was applied.
        self.assertEqual(self.location("--location-status")["enabled"], ["3gpp-lac-ci"])
        self.assert_daemon_alive()

    # --- Modem3gpp.ProfileManager ------------------------------------------------

    def profiles(self):
        return self.mmcli_json("-m", "0", "--3gpp-profile-manager-list")["modem"]["3gpp"]["profile-manager"]["list"]

    def test_profile_manager_lists_sets_and_deletes_contexts(self):
        sim = self.add_sim_modem()
        self.enable()
        self.assertEqual(self.profiles(), ["profile-id: 1, apn: internet, allowed-auth: unknown, ip-type: ipv4"])
        status = self.mmcli_json("-m", "0", "--3gpp-profile-manager-status")["modem"]["3gpp"]["profile-manager"]
        self.assertEqual(status["index-field"], "profile-id")
        # A new profile takes the lowest free context id.
        out = self.mmcli("-m", "0", "--3gpp-profile-manager-set=apn=internet.test,ip-type=ipv4v6").stdout
        self.assertIn("profile-id: 2", out)
        self.mmcli("-m", "0", "--3gpp-profile-manager-set=profile-id=1,apn=other,ip-type=ipv6")
        self.assertEqual(sim.control("get contexts"), "1:IPV6:other:inactive,2:IPV4V6:internet.test:inactive")
        self.assertEqual(self.profiles(), ["profile-id: 1, apn: other, allowed-auth: unknown, ip-type: ipv6",
                                           "profile-id: 2, apn: internet.test, allowed-auth: unknown, ip-type: ipv4v6"])
        self.mmcli("-m", "0", "--3gpp-profile-manager-delete=profile-id=2")
        self.assertEqual(sim.control("get contexts"), "1:IPV6:other:inactive")
        result = self.mmcli("-m", "0", "--3gpp-profile-manager-delete=profile-id=9", check=False)
        self.assertIn(ERROR_PREFIX + "Core.NotFound", result.stderr)
        self.assert_daemon_alive()

    def test_profile_manager_refuses_unknown_keys(self):
        sim = self.add_sim_modem()
        self.enable()
        path = self.modem_paths()[0]
        method = "org.freedesktop.ModemManager1.Modem.Modem3gpp.ProfileManager."
        result = self.call(path, method + "Set", "{'apn': <'x'>, 'colour': <'blue'>}", check=False)
        self.assertIn(ERROR_PREFIX + "Core.InvalidArgs", result.stderr)
        self.assertIn("colour", result.stderr)
        result = self.call(path, method + "Set", "{'apn': <'x'>, 'ip-type': <'ipv4'>}", check=False)
        self.assertIn(ERROR_PREFIX + "Core.InvalidArgs", result.stderr)
        result = self.mmcli("-m", "0", "--3gpp-profile-manager-set=apn=x,profile-name=mine", check=False)
        self.assertIn(ERROR_PREFIX + "Core.Unsupported", result.stderr)
        result = self.call(path, method + "Delete", "{'apn': <'internet'>}", check=False)
        self.assertIn(ERROR_PREFIX + "Core.InvalidArgs", result.stderr)
        self.assertEqual(sim.control("get contexts"), "1:IP:internet:inactive")

    # --- identity and initial state ------------------------------------------

    def test_modem_properties(self):
        sim = self.add_sim_modem()
        data = self.modem()
        g = generic(data)
        self.assertEqual(g["manufacturer"], sim.control("get manufacturer"))
        self.assertEqual(g["model"], sim.control("get model"))
        self.assertEqual(g["revision"], sim.control("get revision"))
        self.assertEqual(g["equipment-identifier"], sim.control("get imei"))
        self.assertEqual(g["state"], "disabled")
        self.assertEqual(g["power-state"], "low")
        self.assertEqual(g["unlock-required"], "--")
        self.assertEqual(g["plugin"], "generic")
        self.assertEqual(g["sim"], "/org/freedesktop/ModemManager1/SIM/0")
        self.assertTrue(g["primary-port"])
        self.assertEqual(g["ports"], [g["primary-port"] + " (at)"])
        self.assertEqual(g["drivers"], ["virtual"])
        self.assertEqual(data["modem"]["3gpp"]["imei"], sim.control("get imei"))

    def test_device_identifier_as_modemmanager(self):
        # Debian's ModemManager 1.20.4 gives this for default.ini on an AT
        # port made by Test.SetProfile (bench/device-id.py default.ini), so a
        # NetworkManager profile's gsm.device-id made there matches modemd.
        self.add_sim_modem("default.ini")
        self.assertEqual(generic(self.modem())["device-identifier"], "d02ec2061702c88d43ce7bce9fa93960582fc433")
        # Another identity gives another identifier (minimal.ini, same source).
        self.set_profile("sim1", [self.start_sim("minimal.ini").port])
        wait_for(lambda: len(self.modem_paths()) == 2, what="the second modem")
        self.assertEqual(generic(self.mmcli_json("-m", "1"))["device-identifier"],
                         "d98944abf94698ef9be314ca204e11725712c7d7")

    def test_sim_properties(self):
        sim = self.add_sim_modem()
        props = self.mmcli_json("-i", "0")["sim"]["properties"]
        self.assertEqual(props["iccid"], sim.control("get iccid"))
        self.assertEqual(props["imsi"], sim.control("get imsi"))
        self.assertEqual(props["operator-code"], sim.control("get imsi")[:5])
        self.assertEqual(props["active"], "yes")

    # --- network selection ----------------------------------------------------

    def test_scan_lists_operators(self):
        self.add_sim_modem()
        self.enable()
        out = self.mmcli_json("-m", "0", "--3gpp-scan", "--timeout=120")
        networks = out["modem"]["3gpp"]["scan-networks"]
        self.assertTrue(any("operator-code: 26201" in n and "availability: current" in n for n in networks),
                        networks)
        self.assertGreaterEqual(len(networks), 2)

    def test_register_in_operator(self):
        sim = self.add_sim_modem()
        self.enable()
        self.mmcli("-m", "0", "--3gpp-register-in-operator=26202")
        wait_for(lambda: self.modem()["modem"]["3gpp"]["operator-code"] == "26202",
                 what="the new operator")
        self.assertEqual(sim.control("get operator-code"), "26202")
        result = self.mmcli("-m", "0", "--3gpp-register-in-operator=2620x", check=False)
        self.assertIn(ERROR_PREFIX + "Core.InvalidArgs", result.stderr)

    # --- data ----------------------------------------------------------------

    def test_simple_connect_and_disconnect(self):
        sim = self.add_sim_modem()
        self.mmcli("-m", "0", "--simple-connect=apn=internet,ip-type=ipv4")
        self.assertEqual(self.state(), "connected")
        bearer = self.mmcli_json("-b", "0")["bearer"]
        self.assertEqual(bearer["status"]["connected"], "yes")
        self.assertEqual(bearer["status"]["interface"], generic(self.modem())["primary-port"])
        self.assertEqual(bearer["ipv4-config"]["method"], "ppp")
        self.assertEqual(bearer["properties"]["apn"], "internet")
        self.assertEqual(sim.control("get data-mode"), "1")
        self.mmcli("-m", "0", "--simple-disconnect")
        self.assertEqual(self.mmcli_json("-b", "0")["bearer"]["status"]["connected"], "no")
        self.wait_state("registered")
        wait_for(lambda: sim.control("get data-mode") == "0", what="the simulator in command mode")

    def test_no_carrier_drops_bearer(self):
        sim = self.add_sim_modem()
        self.mmcli("-m", "0", "--simple-connect=apn=internet")
        sim.control("no-carrier")
        wait_for(lambda: self.mmcli_json("-b", "0")["bearer"]["status"]["connected"] == "no",
                 what="the bearer to drop")
        self.wait_state("registered")

    def test_connect_rejects_bad_input(self):
        self.add_sim_modem()
        result = self.mmcli("-m", "0", "--simple-connect=apn=" + "a" * 101, check=False)
        self.assertIn(ERROR_PREFIX + "Core.InvalidArgs", result.stderr)
        result = self.mmcli("-m", "0", "--simple-connect=apn=inter\"net", check=False)
        self.assertNotEqual(result.returncode, 0)
        self.assert_daemon_alive()

    def test_connect_with_pin_unlocks_first(self):
        sim = self.add_sim_modem("pin-locked.ini")
        self.mmcli("-m", "0", "--simple-connect=apn=internet,pin=" + sim.control("get pin"))
        self.assertEqual(self.state(), "connected")

    def test_roaming_connect_refused_when_not_allowed(self):
        self.add_sim_modem("roaming.ini")
        self.enable_roaming_modem()
        result = self.mmcli("-m", "0", "--simple-connect=apn=internet,allow-roaming=no", check=False)
        self.assertIn(ERROR_PREFIX + "Core.Unauthorized", result.stderr)
        self.mmcli("-m", "0", "--simple-connect=apn=internet,allow-roaming=yes")
        self.assertEqual(self.state(), "connected")

    def enable_roaming_modem(self):
        self.mmcli("-m", "0", "-e")
        wait_for(lambda: self.modem()["modem"]["3gpp"]["registration-state"] == "roaming",
                 what="roaming registration")

    def test_unplug_mid_connect(self):
        sim = self.add_sim_modem()
        self.enable()
        sim.control("mute on")
        connect = self.start_client(["mmcli", "-m", "0", "--simple-connect=apn=internet"])
        wait_for(lambda: sim.control("get last-command").startswith("AT"), what="a command in flight")
        sim.control("unplug")
        out, err = connect.communicate(timeout=60)
        self.assertNotEqual(connect.returncode, 0)
        wait_for(lambda: self.modem_paths() == [], what="the modem to be removed")
        self.assert_daemon_alive()
        self.add_sim_modem(uid="other")
        self.assertEqual(len(self.modem_paths()), 1)


if __name__ == "__main__":
    unittest.main(verbosity=2)
