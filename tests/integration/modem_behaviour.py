# SPDX-License-Identifier: GPL-2.0-or-later
"""What every 3GPP modem does the same way whatever its control protocol:
tests shared by the AT, MBIM and QMI modems. A test class mixes this in next
to ModemdTestCase and says how it adds its modem (add_modem) and what
--signal-get shows for it (signal_at)."""

import os

from harness import MMCLI, SCENARIOS, WAIT_SECONDS, wait_for

ERROR_PREFIX = "org.freedesktop.ModemManager1.Error."


def generic(modem_json):
    return modem_json["modem"]["generic"]


class ModemBehaviour:

    def add_modem(self, scenario="default.ini"):
        raise NotImplementedError

    def modem(self):
        return self.mmcli_json("-m", "0")

    def state(self):
        return generic(self.modem())["state"]

    def wait_state(self, *states):
        return wait_for(lambda: self.state() in states and self.state(),
                        what=f"modem state in {states}")

    def enable(self):
        self.mmcli("-m", "0", "-e")
        self.wait_state("registered")

    def test_signal_follows_simulator(self):
        sim = self.add_modem()
        self.enable()
        sim.control("signal 10")
        wait_for(lambda: generic(self.modem())["signal-quality"]["value"] == str(10 * 100 // 31),
                 what="signal quality to follow the simulator")

    # --- Modem.Signal ------------------------------------------------------

    # What --signal-get shows for the simulator's signal levels 20 (-73 dBm)
    # and 25 (-63 dBm) on its LTE cell, per protocol: {dictionary: {key: text}}.
    def signal_at(self, level):
        raise NotImplementedError

    def signal(self):
        return self.mmcli_json("-m", "0", "--signal-get")["modem"]["signal"]

    def wait_signal(self, rate, level):
        def shows():
            s = self.signal()
            return s["refresh"]["rate"] == rate and all(
                s[tech][key] == value for tech, values in self.signal_at(level).items()
                for key, value in values.items())
        wait_for(shows, what=f"signal level {level} in --signal-get")

    def test_signal_setup_and_get(self):
        sim = self.add_modem()
        self.enable()
        sim.control("signal 20")
        self.mmcli("-m", "0", "--signal-setup=1")
        self.wait_signal("1", 20)
        # The periodic refresh follows the network.
        sim.control("signal 25")
        self.wait_signal("1", 25)
        # Turning refreshing off forgets the values.
        self.mmcli("-m", "0", "--signal-setup=0")
        s = self.signal()
        self.assertEqual(s["refresh"]["rate"], "0")
        for tech, values in self.signal_at(25).items():
            for key in values:
                self.assertEqual(s[tech][key], "--")

    def test_signal_rate_over_a_day_is_refused(self):
        self.add_modem()
        result = self.mmcli("-m", "0", "--signal-setup=86401", check=False)
        self.assertIn(ERROR_PREFIX + "Core.InvalidArgs", result.stderr)
        self.mmcli("-m", "0", "--signal-setup=86400")
        self.assertEqual(self.signal()["refresh"]["rate"], "86400")
        self.assert_daemon_alive()

    # --- Modem.Firmware ------------------------------------------------------

    def test_firmware_list_shows_the_running_revision(self):
        sim = self.add_modem()
        listing = self.mmcli_json("-m", "0", "--firmware-list")["modem"]["firmware"]["list"]
        self.assertEqual(listing, [f"unique-id: {sim.control('get revision')}, current: yes"])
        result = self.mmcli("-m", "0", "--firmware-select=other", check=False)
        self.assertIn(ERROR_PREFIX + "Core.Unsupported", result.stderr)
        self.assertEqual(self.mmcli_json("-m", "0", "--firmware-status")["modem"]["firmware"]["method"], [])

    def test_pin_locked_modem_unlocks(self):
        sim = self.add_modem("pin-locked.ini")
        g = generic(self.modem())
        self.assertEqual(g["state"], "locked")
        self.assertEqual(g["unlock-required"], "sim-pin")
        self.assertIn("sim-pin (3)", g["unlock-retries"])
        result = self.mmcli("-i", "0", "--pin=0000", check=False)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn(ERROR_PREFIX + "MobileEquipment.IncorrectPassword", result.stderr)
        self.assertIn("sim-pin (2)", generic(self.modem())["unlock-retries"])
        self.mmcli("-i", "0", "--pin=" + sim.control("get pin"))
        g = generic(self.modem())
        self.assertEqual(g["state"], "disabled")
        self.assertEqual(g["unlock-required"], "--")
        props = self.mmcli_json("-i", "0")["sim"]["properties"]
        self.assertEqual(props["iccid"], sim.control("get iccid"))
        self.assertEqual(props["imsi"], sim.control("get imsi"))

    def test_three_wrong_pins_need_puk(self):
        sim = self.add_modem("pin-locked.ini")
        for _ in range(3):
            self.mmcli("-i", "0", "--pin=0000", check=False)
        g = generic(self.modem())
        self.assertEqual(g["unlock-required"], "sim-puk")
        self.assertEqual(g["state"], "locked")
        result = self.mmcli("-i", "0", "--pin=1234", check=False)
        self.assertNotEqual(result.returncode, 0)
        self.mmcli("-i", "0", "--puk=" + sim.control("get puk"), "--pin=4321")
        self.assertEqual(self.state(), "disabled")
        self.assertEqual(sim.control("get pin"), "4321")

    def scenario_file(self, base, name, **changes):
        """A copy of a shipped scenario with some keys of it changed."""
        with open(os.path.join(SCENARIOS, base)) as f:
            lines = f.read().splitlines()
        for i, line in enumerate(lines):
            key = line.partition("=")[0]
            if key.replace("-", "_") in changes:
                lines[i] = f"{key}={changes[key.replace('-', '_')]}"
        path = os.path.join(self.workdir, name)
        with open(path, "w") as f:
            f.write("\n".join(lines) + "\n")
        return path

    def test_used_up_puk_blocks_the_sim(self):
        sim = self.add_modem(self.scenario_file("pin-locked.ini", "puk-last.ini", pin_retries=0, puk_retries=2))
        g = generic(self.modem())
        self.assertEqual((g["state"], g["unlock-required"]), ("locked", "sim-puk"))
        self.assertIn("sim-puk (2)", g["unlock-retries"])
        result = self.mmcli("-i", "0", "--puk=00000000", "--pin=1111", check=False)
        self.assertIn(ERROR_PREFIX + "MobileEquipment.IncorrectPassword", result.stderr)
        self.assertIn("sim-puk (1)", generic(self.modem())["unlock-retries"])
        # The last try: the SIM is blocked for good, whatever the protocol.
        result = self.mmcli("-i", "0", "--puk=00000000", "--pin=1111", check=False)
        self.assertIn(ERROR_PREFIX + "MobileEquipment.SimFailure", result.stderr)
        self.assertEqual(sim.control("get sim-lock"), "blocked")
        g = generic(self.modem())
        self.assertEqual((g["state"], g["state-failed-reason"]), ("failed", "sim-error"))
        self.assertEqual(g["unlock-required"], "sim-puk")
        self.assertIn("sim-puk (0)", g["unlock-retries"])
        # Nothing more reaches the card, and the modem stays failed.
        result = self.mmcli("-i", "0", "--puk=" + sim.control("get puk"), "--pin=1111", check=False)
        self.assertIn(ERROR_PREFIX + "MobileEquipment.SimFailure", result.stderr)
        result = self.mmcli("-m", "0", "-e", check=False)
        self.assertIn(ERROR_PREFIX + "Core.WrongState", result.stderr)
        self.assertEqual(self.state(), "failed")

    def test_blocked_sim_at_start_fails_modem(self):
        self.add_modem(self.scenario_file("pin-locked.ini", "blocked.ini", pin_retries=0, puk_retries=0))
        g = generic(self.modem())
        self.assertEqual((g["state"], g["state-failed-reason"]), ("failed", "sim-error"))

    def test_enable_fails_when_the_modem_stops_answering(self):
        sim = self.add_modem()
        # The radio comes on, then the modem falls silent.
        sim.control("mute after 1")
        result = self.mmcli("-m", "0", "-e", "--timeout=120", check=False)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn(ERROR_PREFIX + "Serial.ResponseTimeout", result.stderr)
        self.assertEqual(self.state(), "disabled")
        self.assert_daemon_alive()

    # --- the same situation, the same error on every protocol -------------

    def test_change_pin_with_pin_disabled_is_not_allowed(self):
        sim = self.add_modem()
        result = self.mmcli("-i", "0", "--pin=" + sim.control("get pin"), "--change-pin=4321", check=False)
        self.assertIn(ERROR_PREFIX + "MobileEquipment.NotAllowed", result.stderr)
        self.assertEqual(sim.control("get pin-enabled"), "0")

    def test_pin_methods_in_the_wrong_lock_state(self):
        sim = self.add_modem()
        pin = sim.control("get pin")
        for args in (["--pin=" + pin], ["--puk=" + sim.control("get puk"), "--pin=" + pin]):
            result = self.mmcli("-i", "0", *args, check=False)
            self.assertIn(ERROR_PREFIX + "Core.WrongState", result.stderr)
        # Switching the PIN to what it already is succeeds quietly.
        self.mmcli("-i", "0", "--pin=" + pin, "--disable-pin")
        self.mmcli("-i", "0", "--pin=" + pin, "--enable-pin")
        self.mmcli("-i", "0", "--pin=" + pin, "--enable-pin")
        self.assertEqual(sim.control("get pin-enabled"), "1")
        result = self.mmcli("-i", "0", "--pin=0000", "--enable-pin", check=False)
        self.assertIn(ERROR_PREFIX + "MobileEquipment.IncorrectPassword", result.stderr)

    def test_low_power_refused_while_enabled(self):
        self.add_modem()
        self.enable()
        result = self.mmcli("-m", "0", "--set-power-state-low", check=False)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn(ERROR_PREFIX + "Core.WrongState", result.stderr)

    def test_malformed_pin_is_rejected(self):
        self.add_modem("pin-locked.ini")
        result = self.mmcli("-i", "0", "--pin=12ab", check=False)
        self.assertIn(ERROR_PREFIX + "Core.InvalidArgs", result.stderr)
        self.assertIn("sim-pin (3)", generic(self.modem())["unlock-retries"])

    def test_enable_while_locked_fails(self):
        self.add_modem("pin-locked.ini")
        result = self.mmcli("-m", "0", "-e", check=False)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn(ERROR_PREFIX + "Core.WrongState", result.stderr)

    def test_connect_while_locked_needs_pin(self):
        self.add_modem("pin-locked.ini")
        result = self.mmcli("-m", "0", "--simple-connect=apn=internet", check=False)
        self.assertIn(ERROR_PREFIX + "MobileEquipment.SimPin", result.stderr)

    # --- Simple.Connect on a modem that is not registered ----------------------

    def test_simple_connect_times_out_while_searching(self):
        """ModemManager 1.20 gives a modem 60 s to register, then answers
        MobileEquipment.NetworkTimeout; the daemon's test option shortens
        the wait. The modem stays as it was and can connect once registered."""
        self.stop_daemon()
        self.start_daemon(["--test-registration-timeout=3"])
        sim = self.add_modem()
        self.enable()
        sim.control("register searching")
        self.wait_state("searching")
        result = self.mmcli("-m", "0", "--simple-connect=apn=internet", check=False)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn(ERROR_PREFIX + "MobileEquipment.NetworkTimeout", result.stderr)
        self.assertEqual(self.state(), "searching")
        sim.control("register home")
        self.wait_state("registered")
        self.mmcli("-m", "0", "--simple-connect=apn=internet")
        self.wait_state("connected")

    def test_simple_connect_goes_on_when_registration_comes(self):
        sim = self.add_modem()
        self.enable()
        sim.control("register searching")
        self.wait_state("searching")
        client = self.start_client([MMCLI, "-m", "0", "--simple-connect=apn=internet"])
        try:
            wait_for(lambda: "waits up to 60 s for registration" in self.daemon_log(),
                     what="Simple.Connect to wait for registration")
            self.assertIsNone(client.poll())
            sim.control("register home")
            out, err = client.communicate(timeout=WAIT_SECONDS * 2)
        finally:
            if client.poll() is None:
                client.kill()
                client.communicate()
        self.assertEqual(client.returncode, 0, err)
        self.wait_state("connected")

    def test_connect_unregistered_fails(self):
        sim = self.add_modem()
        self.enable()
        sim.control("register denied")
        wait_for(lambda: self.state() == "enabled", what="deregistration")
        result = self.mmcli("-m", "0", "--simple-connect=apn=internet", check=False)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn(ERROR_PREFIX + "MobileEquipment.NetworkNotAllowed", result.stderr)

    def daemon_log(self):
        with open(self.log_path, errors="replace") as log:
            return log.read()

    def test_register_in_forbidden_network_is_not_allowed(self):
        self.add_modem()
        self.enable()
        result = self.mmcli("-m", "0", "--3gpp-register-in-operator=26203", check=False)
        self.assertIn(ERROR_PREFIX + "MobileEquipment.NetworkNotAllowed", result.stderr)
        result = self.mmcli("-m", "0", "--3gpp-register-in-operator=99999", check=False)
        self.assertIn(ERROR_PREFIX + "MobileEquipment.NoNetwork", result.stderr)
        self.assert_daemon_alive()

    # --- power, registration, PIN management, a missing SIM ----------------------

    def test_enable_registers_home(self):
        sim = self.add_modem()
        self.enable()
        data = self.modem()
        g = generic(data)
        self.assertEqual(g["power-state"], "on")
        self.assertEqual(g["access-technologies"], ["lte"])
        # The enable flow's first poll read the signal before the modem
        # showed itself registered.
        self.assertNotEqual(g["signal-quality"]["value"], "0")
        gpp = data["modem"]["3gpp"]
        self.assertEqual(gpp["registration-state"], "home")
        self.assertEqual(gpp["operator-code"], sim.control("get operator-code"))
        self.assertEqual(gpp["operator-name"], sim.control("get operator-name"))
        self.assertEqual(sim.control("get cfun"), "1")

    def test_disable_and_low_power(self):
        sim = self.add_modem()
        self.enable()
        self.mmcli("-m", "0", "-d")
        self.assertEqual(self.state(), "disabled")
        self.assertEqual(generic(self.modem())["power-state"], "low")
        self.assertEqual(sim.control("get cfun"), "4")
        self.mmcli("-m", "0", "--set-power-state-on")
        self.assertEqual(sim.control("get cfun"), "1")
        self.mmcli("-m", "0", "--set-power-state-low")
        self.assertEqual(sim.control("get cfun"), "4")
        self.assertEqual(generic(self.modem())["power-state"], "low")

    def test_registration_follows_simulator(self):
        sim = self.add_modem()
        self.enable()
        sim.control("register searching")
        self.wait_state("searching")
        self.assertEqual(self.modem()["modem"]["3gpp"]["registration-state"], "searching")
        sim.control("register home")
        self.wait_state("registered")
        sim.control("register roaming 26202 Vodafone.de")
        wait_for(lambda: self.modem()["modem"]["3gpp"]["registration-state"] == "roaming",
                 what="roaming")
        sim.control("register denied")
        wait_for(lambda: self.modem()["modem"]["3gpp"]["registration-state"] == "denied",
                 what="denied")
        self.wait_state("enabled")
        sim.control("register home")
        self.wait_state("registered")
        self.assertEqual(self.modem()["modem"]["3gpp"]["registration-state"], "home")

    def test_operator_comes_with_the_registration(self):
        """ModemManager publishes a new home or roaming state only once it
        has read the operator again, so a client never sees the new state
        with the old (or no) operator."""
        sim = self.add_modem()
        self.enable()
        sim.control("register roaming 26202 Vodafone.de")
        wait_for(lambda: self.modem()["modem"]["3gpp"]["registration-state"] == "roaming",
                 what="roaming")
        self.assertEqual(self.modem()["modem"]["3gpp"]["operator-code"], "26202")

    def test_enable_and_change_pin(self):
        sim = self.add_modem()
        pin = sim.control("get pin")
        self.mmcli("-i", "0", "--pin=" + pin, "--enable-pin")
        self.assertEqual(sim.control("get pin-enabled"), "1")
        self.mmcli("-i", "0", "--pin=" + pin, "--change-pin=9876")
        self.assertEqual(sim.control("get pin"), "9876")
        self.mmcli("-i", "0", "--pin=9876", "--disable-pin")
        self.assertEqual(sim.control("get pin-enabled"), "0")

    def test_missing_sim_fails_modem(self):
        self.add_modem("no-sim.ini")
        g = generic(self.modem())
        self.assertEqual(g["state"], "failed")
        self.assertEqual(g["state-failed-reason"], "sim-missing")


class TimeAndUssdBehaviour:
    """Modem.Time and Modem3gpp.Ussd, which the AT and the MBIM modem serve
    alike from the simulator's network (the QMI modem has neither)."""

    # --- Modem.Time -----------------------------------------------------------

    def time(self):
        return self.mmcli_json("-m", "0", "--time")["modem"]

    def test_network_time_and_zone_reports(self):
        sim = self.add_modem()
        # mmcli reads the time only from an enabled modem.
        self.assertNotEqual(self.mmcli("-m", "0", "--time", check=False).returncode, 0)
        self.enable()
        # The modem's clock (+CCLK?, NITZ query) in the simulator's zone
        # (UTC); no zone report yet.
        t = self.time()
        self.assertRegex(t["time"]["current"], r"^20\d\d-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$")
        self.assertEqual(t["timezone"]["current"], "--")
        # The network reports India's zone (+CTZE after +CTZR=2, the NITZ
        # notification), then a zone with an hour of DST.
        sim.control("timezone 330 0")
        wait_for(lambda: self.time()["timezone"]["current"] == "330", what="the zone report")
        t = self.time()
        self.assertEqual(t["time"]["dst-offset"], "0")
        self.assertTrue(t["time"]["current"].endswith("+05:30"), t["time"]["current"])
        sim.control("timezone -240 1")
        wait_for(lambda: self.time()["timezone"]["current"] == "-240", what="the second zone report")
        self.assertEqual(self.time()["time"]["dst-offset"], "60")
        self.assertTrue(self.time()["time"]["current"].endswith("-04:00"))

    # --- Modem3gpp.Ussd ----------------------------------------------------------

    def ussd(self):
        return self.mmcli_json("-m", "0", "--3gpp-ussd-status")["modem"]["3gpp"]["ussd"]

    def test_ussd_session(self):
        self.add_modem()
        self.enable()
        self.assertEqual(self.ussd()["status"], "idle")
        # A code answered at once, then a menu that waits for a choice.
        self.assertIn("'Balance: 12.34 EUR'", self.mmcli("-m", "0", "--3gpp-ussd-initiate=*100#").stdout)
        self.assertIn("'1 Balance 2 Data'", self.mmcli("-m", "0", "--3gpp-ussd-initiate=*101#").stdout)
        self.assertEqual(self.ussd()["status"], "user-response")
        result = self.mmcli("-m", "0", "--3gpp-ussd-initiate=*100#", check=False)
        self.assertIn(ERROR_PREFIX + "Core.WrongState", result.stderr)
        self.assertIn("'Data left: 1.5 GB'", self.mmcli("-m", "0", "--3gpp-ussd-respond=2").stdout)
        self.assertEqual(self.ussd()["status"], "idle")
        # No request to respond to; a code the network does not know.
        result = self.mmcli("-m", "0", "--3gpp-ussd-respond=1", check=False)
        self.assertIn(ERROR_PREFIX + "Core.WrongState", result.stderr)
        result = self.mmcli("-m", "0", "--3gpp-ussd-initiate=*999#", check=False)
        self.assertIn(ERROR_PREFIX + "Core.Failed", result.stderr)
        # Cancelling a menu.
        self.mmcli("-m", "0", "--3gpp-ussd-initiate=*101#")
        self.mmcli("-m", "0", "--3gpp-ussd-cancel")
        self.assertEqual(self.ussd()["status"], "idle")
        self.assert_daemon_alive()

    def test_ussd_from_the_network(self):
        sim = self.add_modem()
        self.enable()
        sim.control("ussd notify Welcome to the network")
        wait_for(lambda: self.ussd()["network-notification"] == "Welcome to the network",
                 what="the network's notification")
        self.assertEqual(self.ussd()["status"], "idle")
        sim.control("ussd request Reply 1 to see your balance")
        wait_for(lambda: self.ussd()["network-request"] == "Reply 1 to see your balance",
                 what="the network's request")
        self.assertEqual(self.ussd()["status"], "user-response")
        # The simulator's menu takes the answer.
        sim.control("ussd request 1 Balance 2 Data")
        self.assertIn("'Balance: 12.34 EUR'", self.mmcli("-m", "0", "--3gpp-ussd-respond=1").stdout)
        # The network ends a session on its own.
        sim.control("ussd request 1 Balance 2 Data")
        wait_for(lambda: self.ussd()["status"] == "user-response", what="the second request")
        sim.control("ussd end")
        wait_for(lambda: self.ussd()["status"] == "idle", what="the session's end")

    def test_ussd_needs_an_enabled_modem(self):
        self.add_modem()
        result = self.mmcli("-m", "0", "--3gpp-ussd-initiate=*100#", check=False)
        self.assertNotEqual(result.returncode, 0)
        self.assert_daemon_alive()
