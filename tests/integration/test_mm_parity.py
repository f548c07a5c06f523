# SPDX-License-Identifier: GPL-2.0-or-later
"""Where clients could tell modemd from ModemManager 1.20.4: each test
holds one behaviour measured on ModemManager with the same simulator
(bench/compare-mmcli.py and tests/README.md "mmcli output"), on the AT
modem and, where the protocol matters, on the MBIM modem."""

import time
import unittest

from harness import MANAGER_PATH, ModemdTestCase, skip_without_tools, wait_for
from modem_behaviour import generic

IFACE = "org.freedesktop.ModemManager1"
MODEM_PATH = "/org/freedesktop/ModemManager1/Modem/0"
# Simple.GetStatus keys of a registered 3GPP modem, as ModemManager 1.20.4
# answers them (disabled, enabling, enabled and searching: "state" only).
REGISTERED_STATUS_KEYS = {"state", "signal-quality", "current-bands", "access-technologies",
                          "m3gpp-registration-state", "m3gpp-operator-code", "m3gpp-operator-name"}


class ParityHelpers:

    def prop(self, interface, name, path=MODEM_PATH):
        out = self.call(path, "org.freedesktop.DBus.Properties.Get", IFACE + interface, name).stdout
        return out.strip()

    def status(self):
        out = self.call(MODEM_PATH, IFACE + ".Modem.Simple.GetStatus").stdout
        keys = set()
        for part in out.split("'")[1::2]:
            keys.add(part)
        return out, {k for k in keys if k in REGISTERED_STATUS_KEYS | {"state"}}

    def state(self):
        return generic(self.mmcli_json("-m", "0"))["state"]

    def enable(self):
        self.mmcli("-m", "0", "-e")
        wait_for(lambda: self.state() == "registered", what="registration")

    def disable(self):
        self.mmcli("-m", "0", "-d")
        wait_for(lambda: self.state() == "disabled", what="disabled")


class SharedParity(ParityHelpers):
    """What both protocols must answer the same way."""

    def add_modem(self):
        raise NotImplementedError

    def test_simple_status_keys_follow_the_state(self):
        self.add_modem()
        out, keys = self.status()
        self.assertEqual(keys, {"state"}, out)
        self.enable()
        out, keys = self.status()
        self.assertEqual(keys, REGISTERED_STATUS_KEYS, out)
        self.assertIn("'current-bands': <[uint32 0]>", out)
        self.disable()
        out, keys = self.status()
        self.assertEqual(keys, {"state"}, out)

    def test_bearer_stats_and_properties(self):
        self.add_modem()
        self.enable()
        before = int(time.time())
        self.mmcli("-m", "0", "--simple-connect=apn=internet,ip-type=ipv4")
        path = "/org/freedesktop/ModemManager1/Bearer/0"
        props = self.prop(".Bearer", "Properties", path=path)
        # ModemManager 1.20: profile-id always, allow-roaming only when asked.
        self.assertIn("'profile-id': <-1>", props)
        self.assertNotIn("allow-roaming", props)
        stats = self.prop(".Bearer", "Stats", path=path)
        for key in ("duration", "rx-bytes", "tx-bytes", "start-date", "attempts", "failed-attempts",
                    "total-duration", "total-rx-bytes", "total-tx-bytes", "uplink-speed",
                    "downlink-speed"):
            self.assertIn(f"'{key}'", stats)
        self.assertIn("'attempts': <uint32 1>", stats)
        self.assertIn("'failed-attempts': <uint32 0>", stats)
        start = int(stats.split("'start-date': <uint64 ")[1].split(">")[0])
        self.assertGreaterEqual(start, before - 1)
        self.assertLessEqual(start, time.time() + 1)
        self.check_connected_profile_id(self.prop(".Bearer", "ProfileId", path=path))
        self.mmcli("-m", "0", "--simple-disconnect")
        self.assertEqual(self.prop(".Bearer", "ProfileId", path=path), "(<-1>,)")
        stats = self.prop(".Bearer", "Stats", path=path)
        self.assertIn("'attempts': <uint32 1>", stats)

    def check_connected_profile_id(self, value):
        raise NotImplementedError

    def test_members_of_later_api(self):
        # ModemManager 1.22/1.24 members: served with values that say
        # "nothing", and methods refused as not implemented.
        self.add_modem()
        self.assertEqual(self.prop(".Modem", "Physdev"), "(<''>,)")
        self.assertEqual(self.prop(".Modem.Modem3gpp", "NetworkRejection"), "(<@a{sv} {}>,)")
        result = self.call(MODEM_PATH, IFACE + ".Modem.Modem3gpp.SetCarrierLock", "[byte 1, 2]",
                           check=False)
        self.assertIn("org.freedesktop.ModemManager1.Error.Core.Unsupported", result.stderr)
        self.enable()
        result = self.call(MODEM_PATH, IFACE + ".Modem.Messaging.SetDefaultStorage", "2", check=False)
        self.assertIn("org.freedesktop.ModemManager1.Error.Core.Unsupported", result.stderr)

    def test_bands_are_unknown_not_empty(self):
        self.add_modem()
        self.assertEqual(self.prop(".Modem", "CurrentBands"), "(<[uint32 0]>,)")
        self.assertEqual(self.prop(".Modem", "SupportedBands"), "(<[uint32 0]>,)")

    def test_registration_and_packet_service_while_disabled(self):
        self.add_modem()
        # Before the first enable: nothing known (unknown = 4, unknown = 0).
        self.assertEqual(self.prop(".Modem.Modem3gpp", "RegistrationState"), "(<uint32 4>,)")
        self.assertEqual(self.prop(".Modem.Modem3gpp", "PacketServiceState"), "(<uint32 0>,)")
        self.enable()
        self.assertEqual(self.prop(".Modem.Modem3gpp", "PacketServiceState"), "(<uint32 2>,)")
        self.disable()
        # Once disabled: registration unknown, packet service detached (1).
        self.assertEqual(self.prop(".Modem.Modem3gpp", "RegistrationState"), "(<uint32 4>,)")
        self.assertEqual(self.prop(".Modem.Modem3gpp", "PacketServiceState"), "(<uint32 1>,)")


@skip_without_tools
class AtParityTest(SharedParity, ModemdTestCase):

    daemon_args = ModemdTestCase.daemon_args + ["--poll-interval=1"]

    def polls(self):
        with open(self.log_path, errors="replace") as log:
            return log.read().count("(poll) ends")

    def test_ppp_call_on_the_only_port_keeps_network_values(self):
        # The PPP call holds the only AT port: polls cannot ask the modem,
        # and ModemManager keeps operator, registration and the last signal
        # quality rather than publishing none.
        self.add_modem()
        self.enable()
        wait_for(lambda: generic(self.mmcli_json("-m", "0"))["signal-quality"]["value"] == "64",
                 what="a signal quality")
        self.mmcli("-m", "0", "--simple-connect=apn=internet")
        polls = self.polls()
        wait_for(lambda: self.polls() >= polls + 2, what="two polls during the call")
        modem = self.mmcli_json("-m", "0")["modem"]
        self.assertEqual(modem["3gpp"]["operator-code"], "26201")
        self.assertEqual(modem["3gpp"]["operator-name"], "Telekom.de")
        self.assertEqual(modem["3gpp"]["registration-state"], "home")
        self.assertEqual(modem["generic"]["signal-quality"]["value"], "64")
        self.assertEqual(modem["generic"]["state"], "connected")

    def add_modem(self, scenario="default.ini"):
        return self.add_sim_modem(scenario)

    def check_connected_profile_id(self, value):
        # The PDP context the call runs on (ModemManager 1.20.4: 1 here).
        self.assertEqual(value, "(<1>,)")

    def test_eps_mode_and_emergency_numbers_while_disabled(self):
        # Read at initialization, as ModemManager does: +CEMODE? (the
        # simulator answers 2, CS/PS mode 2) and EF_ECC by +CRSM.
        self.add_modem()
        self.assertEqual(self.mmcli_json("-m", "0")["modem"]["3gpp"]["eps"]["ue-mode-operation"],
                         "csps-2")
        self.assertEqual(self.mmcli_json("-i", "0")["sim"]["properties"]["emergency-numbers"],
                         ["112", "911"])

    def test_connect_without_ip_type_asks_ipv4(self):
        # ModemManager 1.20.4 asks an "IP" context of an AT modem without an
        # ip-type, even when the modem offers IPV4V6.
        sim = self.add_modem()
        self.enable()
        self.mmcli("-m", "0", "--simple-connect=apn=internet")
        commands = sim.history()
        contexts = [c for c in commands if c.startswith("AT+CGDCONT=") and "internet" in c]
        self.assertTrue(contexts, commands)
        self.assertIn('"IP"', contexts[-1])
        self.assertIn(":IP:internet:active", sim.control("get contexts"))


@skip_without_tools
class MbimParityTest(SharedParity, ModemdTestCase):

    daemon_args = ModemdTestCase.daemon_args + ["--no-mbim-proxy", "--test-fake-net-links",
                                                "--poll-interval=1"]

    def add_modem(self, scenario="default.ini"):
        sim = self.start_sim(scenario, at="none", mbim="pty")
        self.set_profile("mbim0", ["mbim:" + sim.mbim_port, "net:wwan0"])
        wait_for(lambda: self.modem_paths(), what="the modem to be exported")
        return sim

    def check_connected_profile_id(self, value):
        # No provisioned profile is looked up for an MBIM session yet.
        self.assertEqual(value, "(<-1>,)")

    def stat(self, name):
        stats = self.prop(".Bearer", "Stats", path="/org/freedesktop/ModemManager1/Bearer/0")
        return int(stats.split(f"'{name}': <uint64 ")[1].split(">")[0])

    def test_bearer_bytes_from_packet_statistics(self):
        # The modem's PACKET_STATISTICS counters, from the connection's
        # start, read at every poll; totals survive the disconnection.
        sim = self.add_modem()
        self.enable()
        sim.control("traffic 500 700")  # before the connection: not counted
        self.mmcli("-m", "0", "--simple-connect=apn=internet,ip-type=ipv4")
        path = "/org/freedesktop/ModemManager1/Bearer/0"
        self.assertEqual(self.prop(".Bearer", "ReloadStatsSupported", path=path), "(<true>,)")
        sim.control("traffic 1000 2000")
        wait_for(lambda: (self.stat("rx-bytes"), self.stat("tx-bytes")) == (1000, 2000),
                 what="the bytes of the connection")
        self.mmcli("-m", "0", "--simple-disconnect")
        self.assertEqual((self.stat("total-rx-bytes"), self.stat("total-tx-bytes")), (1000, 2000))

    def test_connect_without_ip_type_asks_ipv4(self):
        # ModemManager 1.20's MBIM bearer turns "no ip-type" into IPv4
        # (mm_3gpp_normalize_ip_family), not the modem's default; the
        # simulator's default for an APN it does not know is dual stack.
        self.add_modem()
        self.enable()
        self.mmcli("-m", "0", "--simple-connect=apn=other")
        bearer = self.mmcli_json("-b", "0")["bearer"]
        self.assertEqual(bearer["ipv4-config"]["method"], "static")
        self.assertNotEqual(bearer["ipv6-config"]["method"], "static")


if __name__ == "__main__":
    unittest.main(verbosity=2)
