# SPDX-License-Identifier: GPL-2.0-or-later
"""Hostile caller input over D-Bus, on an AT modem and on an MBIM modem:
every implemented method of Modem, Modem3gpp, Simple, Sim, Bearer, the
Manager and Test.SetProfile gets quotes, ';', CR/LF, control and non-ASCII characters,
over-long text, out-of-range numbers and wrong types. Each call must be
refused with the public error, the daemon must keep running, and nothing
may reach the modem: the simulator's record of received commands
(`get command N`, `get mbim-command N`) shows no command that changes
anything between the call and a barrier call that follows it."""

import unittest

from harness import MANAGER_PATH, ModemdTestCase, skip_without_tools, wait_for
from modem_behaviour import ERROR_PREFIX, generic

INVALID_ARGS = ERROR_PREFIX + "Core.InvalidArgs"
NOT_FOUND = ERROR_PREFIX + "Core.NotFound"
WRONG_SIGNATURE = "org.freedesktop.DBus.Error.InvalidArgs"

IFACE = "org.freedesktop.ModemManager1"
MODEM = "/org/freedesktop/ModemManager1/Modem/0"
SIM = "/org/freedesktop/ModemManager1/SIM/0"
NET_PORT = "wwan0"

# The exact injection of the issue report.
INJECTION = '26201";+CFUN=4;+COPS=1,2,"26201'

# Text that no PIN, PUK, operator id, APN or dial string may be.
HOSTILE_TEXT = [
    INJECTION,
    '1234";+CFUN=4',
    '1234\r\nAT+CFUN=4',
    '1234\nAT+CFUN=4',
    '12;4',
    '1234\x01',
    '1234\x1a',
    '1234\x7f',
    '\uff11\uff12\uff13\uff14',  # fullwidth digits
    '1234\u00e4',
    '1' * 1000,
]

# AT commands that only read: what polling and state reloads send.
AT_READ_ONLY = {"AT+CSQ", "AT+CESQ", "AT+CPINR", "AT+COPS=3,2", "AT+COPS=3,0", 'AT+CLCK="SC",2', "AT+CIMI",
                "AT+CCID", "AT+ICCID", "AT+CNUM"}


def gv_string(text):
    """text as a GVariant text-format string, for gdbus arguments."""
    out = []
    for ch in text:
        if ch in "\\'":
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7f:
            out.append("\\u%04x" % ord(ch))
        else:
            out.append(ch)
    return "'" + "".join(out) + "'"


def gv_dict(entries):
    """{key: GVariant text of the value} as an a{sv} argument."""
    return "{" + ", ".join(f"'{key}': <{value}>" for key, value in entries.items()) + "}"


class HostileInput:
    """The tests, for a modem added by add_modem(); `history` names the
    simulator's command record ("command" for AT, "mbim-command")."""

    history = None
    barrier_command = None

    def add_modem(self):
        raise NotImplementedError

    def read_only(self, command):
        raise NotImplementedError

    def setUp(self):
        super().setUp()
        self.sim = self.add_modem()
        self.mmcli("-m", "0", "-e")
        wait_for(lambda: generic(self.mmcli_json("-m", "0"))["state"] == "registered", what="registration")

    # --- checking one call -----------------------------------------------------

    def command_count(self):
        return int(self.sim.control(f"get {self.history}-count"))

    def assert_nothing_sent(self, before, what):
        """A barrier (SetPowerState on, which the modem answers after every
        command sent before it) proves anything the call sent has arrived;
        between the call and the barrier only queries may show."""
        self.call(MODEM, IFACE + ".Modem.SetPowerState", "3")
        after = self.command_count()
        received = [self.sim.control(f"get {self.history} {i}") for i in range(before, after)]
        changes = [c for c in received if not self.read_only(c)]
        self.assertEqual(changes, [self.barrier_command], f"{what} reached the modem: {received}")

    def assert_refused(self, path, method, *args, error=INVALID_ARGS):
        before = self.command_count()
        result = self.call(path, IFACE + "." + method, *args, check=False)
        self.assertNotEqual(result.returncode, 0, f"{method}{args} was accepted")
        self.assertIn(error, result.stderr, f"{method}{args}")
        self.assert_nothing_sent(before, f"{method}{args}")

    def assert_mmcli_refused(self, *args, error=INVALID_ARGS):
        before = self.command_count()
        result = self.mmcli(*args, check=False)
        self.assertNotEqual(result.returncode, 0, f"mmcli {args} was accepted")
        self.assertIn(error, result.stderr, f"mmcli {args}")
        self.assert_nothing_sent(before, f"mmcli {args}")

    def assert_wrong_signature(self, path, method, *args):
        """dbus-send can send what gdbus would not: arguments of the wrong
        type. GDBus refuses them before any handler runs."""
        before = self.command_count()
        result = self.run_client(["dbus-send", "--session", "--print-reply", "--dest=" + IFACE, path,
                                  IFACE + "." + method, *args], check=False)
        self.assertNotEqual(result.returncode, 0, f"{method}{args} was accepted")
        self.assertIn(WRONG_SIGNATURE, result.stderr, f"{method}{args}")
        self.assert_nothing_sent(before, f"{method}{args}")

    def test_ussd_refuses_quotes_and_control_characters(self):
        # Modem3gpp.Ussd exists on AT and MBIM modems; its text goes into
        # +CUSD="..." or a USSD set's GSM 7-bit payload.
        hostile = ['*100#";+CFUN=4;+CUSD=1,"*100#', '*100#"', '*100#\\', '*100#\r\nAT+CFUN=4', '*100#\nAT',
                   '*100#\x1a', '\x01', '*100#\x7f', '*100#\u00e4', '\uff0a100#', '1' * 183, '']
        for text in hostile:
            for method in ("Initiate", "Respond"):
                self.assert_refused(MODEM, "Modem.Modem3gpp.Ussd." + method, gv_string(text))
        self.assert_mmcli_refused("-m", "0", '--3gpp-ussd-initiate=*100#";+CFUN=4')

    def tearDown(self):
        if self.daemon and self.daemon.poll() is None:
            self.assert_daemon_alive()
        super().tearDown()

    # --- Modem3gpp ---------------------------------------------------------------

    def test_register_refuses_hostile_operator_ids(self):
        for text in HOSTILE_TEXT + ["2620", "2620123", "00001", "26201;", " 26201", "26201\r"]:
            self.assert_refused(MODEM, "Modem.Modem3gpp.Register", gv_string(text))
        self.assert_mmcli_refused("-m", "0", "--3gpp-register-in-operator=" + INJECTION)
        self.assert_wrong_signature(MODEM, "Modem.Modem3gpp.Register", "uint32:26201")

    # --- Simple ------------------------------------------------------------------

    def test_simple_connect_refuses_the_issue_injection(self):
        self.assert_refused(MODEM, "Modem.Simple.Connect",
                            gv_dict({"apn": "'internet'", "operator-id": gv_string(INJECTION)}))
        self.assert_mmcli_refused("-m", "0", f"--simple-connect=apn=internet,operator-id='{INJECTION}'")
        self.assertEqual(self.sim.control("get cfun"), "1")

    def test_simple_connect_refuses_hostile_values(self):
        for text in HOSTILE_TEXT:
            for key in ("operator-id", "pin", "apn", "number"):
                self.assert_refused(MODEM, "Modem.Simple.Connect",
                                    gv_dict({"apn": "'internet'", key: gv_string(text)}))
        for entries in self.hostile_bearer_dicts():
            self.assert_refused(MODEM, "Modem.Simple.Connect", gv_dict(entries))
        self.assert_mmcli_refused("-m", "0", "--simple-connect=apn=internet,pin=12;4")
        self.assert_refused(MODEM, "Modem.Simple.Disconnect", "/org/freedesktop/ModemManager1/Bearer/4711",
                            error=NOT_FOUND)
        self.assert_wrong_signature(MODEM, "Modem.Simple.Connect", "string:apn=internet")

    # --- Modem -------------------------------------------------------------------

    def hostile_bearer_dicts(self):
        quote = gv_string('x";+CFUN=4;+CGAUTH=1,1,"x')
        return [
            {"apn": gv_string('internet";+CFUN=4;+CGDCONT=1,"IP","x')},
            {"apn": gv_string("internet\r\nAT+CFUN=4")},
            {"apn": gv_string("a" * 101)},
            {"apn": "uint32 1"},
            {"apn": "'internet'", "user": quote},
            {"apn": "'internet'", "user": gv_string("u\\")},
            {"apn": "'internet'", "user": gv_string("u" * 256)},
            {"apn": "'internet'", "user": "'u'", "password": quote},
            {"apn": "'internet'", "user": "'u'", "password": gv_string("p\r\nAT+CFUN=4")},
            {"apn": "'internet'", "user": "'u'", "password": gv_string("p\u00e4")},
            {"apn": "'internet'", "password": "'p'"},
            {"apn": "'internet'", "number": gv_string("*99#;+CFUN=4")},
            {"apn": "'internet'", "number": gv_string("1" * 41)},
            {"apn": "'internet'", "allowed-auth": "uint32 4294967295"},
            {"apn": "'internet'", "allowed-auth": "uint32 64"},
            {"apn": "'internet'", "allowed-auth": "'pap'"},
            {"apn": "'internet'", "ip-type": "uint32 4294967295"},
            {"apn": "'internet'", "ip-type": "uint32 3"},
            {"apn": "'internet'", "allow-roaming": "'yes'"},
            {"apn": "'internet'", "bogus": "'1'"},
        ]

    def test_create_bearer_refuses_hostile_settings(self):
        for entries in self.hostile_bearer_dicts() + [{"apn": "'internet'", "pin": "'1234'"}]:
            self.assert_refused(MODEM, "Modem.CreateBearer", gv_dict(entries))
        self.assertEqual(self.mmcli_json("-m", "0")["modem"]["generic"]["bearers"], [])
        self.assert_refused(MODEM, "Modem.DeleteBearer", "/org/freedesktop/ModemManager1/Bearer/4711",
                            error=NOT_FOUND)

    def test_set_power_state_refuses_unknown_states(self):
        for value in ("0", "4", "4294967295"):
            self.assert_refused(MODEM, "Modem.SetPowerState", value)
        self.assert_wrong_signature(MODEM, "Modem.SetPowerState", "string:on")
        self.assert_wrong_signature(MODEM, "Modem.Enable", "uint32:1")

    def test_set_current_modes_refuses_unknown_modes(self):
        # Nothing allowed, an unknown bit, a preferred mode outside the
        # allowed ones, two preferred modes.
        for value in ("(0, 0)", "(32, 0)", "(4, 8)", "(12, 12)", "(4294967295, 4294967295)"):
            self.assert_refused(MODEM, "Modem.SetCurrentModes", value)
        self.assert_wrong_signature(MODEM, "Modem.SetCurrentModes", "uint32:4")

    def test_set_current_bands_refuses_bad_lists(self):
        # Empty, UNKNOWN, ANY beside another band, a band twice.
        for value in ("@au []", "[uint32 0]", "[uint32 256, 33]", "[uint32 33, 33]"):
            self.assert_refused(MODEM, "Modem.SetCurrentBands", value)
        self.assert_wrong_signature(MODEM, "Modem.SetCurrentBands", "uint32:33")

    # --- Sim ---------------------------------------------------------------------

    def test_sim_methods_refuse_hostile_codes(self):
        for text in HOSTILE_TEXT + ["", "123", "123456789", "12ab"]:
            code = gv_string(text)
            self.assert_refused(SIM, "Sim.SendPin", code)
            self.assert_refused(SIM, "Sim.SendPuk", code, "'1234'")
            self.assert_refused(SIM, "Sim.SendPuk", "'12345678'", code)
            self.assert_refused(SIM, "Sim.EnablePin", code, "true")
            self.assert_refused(SIM, "Sim.ChangePin", code, "'1234'")
            self.assert_refused(SIM, "Sim.ChangePin", "'1234'", code)
        self.assert_mmcli_refused("-i", "0", "--pin=12;4")
        self.assert_wrong_signature(SIM, "Sim.SendPin", "uint32:1234")

    # --- Bearer ------------------------------------------------------------------

    def test_bearer_methods_refuse_wrong_signatures(self):
        path = self.call(MODEM, IFACE + ".Modem.CreateBearer", "{'apn': <'internet'>}").stdout
        path = path.strip().split("'")[1]
        self.assert_wrong_signature(path, "Bearer.Connect", "string:" + INJECTION)
        self.assert_wrong_signature(path, "Bearer.Disconnect", "uint32:1")

    # --- Manager -----------------------------------------------------------------

    def test_set_logging_refuses_unknown_levels(self):
        for text in HOSTILE_TEXT + ["", "DEBUG;", "DEBUG\n", "LOUD"]:
            self.assert_refused(MANAGER_PATH, "SetLogging", gv_string(text))
        self.assert_mmcli_refused("-G", "DEBUG;ERR")
        self.assert_wrong_signature(MANAGER_PATH, "SetLogging", "uint32:1")

    def test_set_profile_refuses_hostile_names(self):
        port = "'/dev/null'"
        for uid in ["", "x" * 65, "sim\r\n1", "sim\u0001", "sim\u00e4"]:
            self.assert_refused(MANAGER_PATH, "Test.SetProfile", gv_string(uid), "'generic'", f"[{port}]")
        for ports in ["@as []", "['']", "['/dev/pts/0\\n']", "[" + ", ".join([port] * 17) + "]"]:
            self.assert_refused(MANAGER_PATH, "Test.SetProfile", "'sim1'", "'generic'", ports)
        self.assert_refused(MANAGER_PATH, "Test.SetProfile", "'sim1'", gv_string("gen\neric"), f"[{port}]")
        self.assertEqual(len(self.modem_paths()), 1)


@skip_without_tools
class AtHostileInputTest(HostileInput, ModemdTestCase):

    daemon_args = ModemdTestCase.daemon_args + ["--poll-interval=1"]
    history = "command"
    barrier_command = "AT+CFUN=1"

    def add_modem(self):
        return self.add_sim_modem()

    def read_only(self, command):
        return command.endswith("?") or command in AT_READ_ONLY

    def test_profile_manager_refuses_hostile_profiles(self):
        method = "Modem.Modem3gpp.ProfileManager.Set"
        for text in HOSTILE_TEXT + ['internet"', 'a\\b']:
            self.assert_refused(MODEM, method, gv_dict({"apn": gv_string(text)}))
        for entries in ({"apn": "'x'", "profile-id": "int32 0"}, {"apn": "'x'", "ip-type": "uint32 3"},
                        {"apn": "'x'", "unknown": "'1'"}, {"profile-id": "int32 1"}):
            self.assert_refused(MODEM, method, gv_dict(entries))
        self.assert_refused(MODEM, "Modem.Modem3gpp.ProfileManager.Delete", gv_dict({"profile-id": "int32 -5"}))


@skip_without_tools
class MbimHostileInputTest(HostileInput, ModemdTestCase):

    daemon_args = ModemdTestCase.daemon_args + ["--poll-interval=1", "--no-mbim-proxy",
                                                "--test-fake-net-links"]
    history = "mbim-command"
    barrier_command = "basic-connect radio-state set"

    def add_modem(self):
        sim = self.start_sim(at="none", mbim="pty")
        self.set_profile("mbim0", ["mbim:" + sim.mbim_port, "net:" + NET_PORT])
        wait_for(lambda: self.modem_paths(), what="the modem to be exported")
        return sim

    def read_only(self, command):
        return command.endswith(" query")


if __name__ == "__main__":
    unittest.main()
