# SPDX-License-Identifier: GPL-2.0-or-later
"""libmm-glib, the library most ModemManager clients are built on, against
modemd: libmm_client.py (run with /usr/bin/python3 and G_DEBUG=fatal-warnings)
lists the modem, reads every getter of Modem, Modem3gpp, Sim and Bearer,
enables, connects, reads the bearer's IP configuration, disconnects and
disables, for an AT and an MBIM simulated modem. Any GLib warning in the
client fails the test; the state-changed signals must carry ModemManager's
reasons and arrive after the State property holds the new value."""

import json
import os
import subprocess
import unittest

from harness import WAIT_SECONDS, ModemdTestCase, skip_without_tools, wait_for

SYSTEM_PYTHON = "/usr/bin/python3"
CLIENT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "libmm_client.py")


def libmm_glib_missing():
    try:
        result = subprocess.run(
            [SYSTEM_PYTHON, "-c",
             "import gi; gi.require_version('ModemManager', '1.0'); "
             "from gi.repository import ModemManager"],
            capture_output=True, timeout=60)
    except OSError:
        return "no /usr/bin/python3"
    return None if result.returncode == 0 else "no gi.repository.ModemManager (gir1.2-modemmanager-1.0)"


SKIP_REASON = libmm_glib_missing()


class LibmmGlibSteps:
    """Both modems go through the same session; the class says how it adds
    its modem and what its IP configuration must be."""

    connect_settings = '{"apn": "internet", "ip-type": 1}'  # MM_BEARER_IP_FAMILY_IPV4

    def add_modem(self):
        raise NotImplementedError

    def run_libmm(self):
        env = dict(self.bus.env(), G_DEBUG="fatal-warnings")
        # Our ASan runtime (if any) is not the system interpreter's.
        env.pop("LD_PRELOAD", None)
        result = subprocess.run([SYSTEM_PYTHON, CLIENT, self.connect_settings], env=env,
                                capture_output=True, text=True, timeout=WAIT_SECONDS * 8)
        if result.returncode != 0:
            self.fail(f"libmm-glib client failed ({result.returncode}):\n{result.stderr}")
        self.assertNotIn("WARNING", result.stderr)
        self.assertNotIn("CRITICAL", result.stderr)
        return json.loads(result.stdout)

    def test_session_through_libmm_glib(self):
        sim = self.add_modem()
        out = self.run_libmm()
        self.assertEqual(out["modems"], 1)

        modem = out["modem"]
        self.assertEqual(modem["get_state"], "registered")
        self.assertEqual(modem["get_equipment_identifier"], sim.control("get imei"))
        self.assertEqual(out["modem3gpp"]["get_imei"], sim.control("get imei"))
        self.assertEqual(out["modem3gpp"]["get_operator_code"], sim.control("get operator-code"))
        self.assertEqual(out["modem3gpp"]["get_registration_state"], "home")
        self.assertEqual(out["sim"]["get_imsi"], sim.control("get imsi"))
        self.assertEqual(out["sim"]["get_identifier"], sim.control("get iccid"))

        bearer = out["bearer"]
        self.assertTrue(bearer["get_connected"])
        self.assertTrue(bearer["get_interface"])
        self.check_ip_config(sim, out["ip4"], out["ip6"])
        self.assertEqual(out["properties"]["get_apn"], "internet")
        self.assertEqual(out["status"]["get_state"], "connected")
        self.assertFalse(out["bearer_disconnected"]["get_connected"])

        # Each state-changed signal comes after State holds its new value,
        # and client requests are "user-requested" as in ModemManager.
        states = out["states"]
        for old, new, reason, property_value in states:
            self.assertEqual(property_value, new, f"State was {property_value} in {old} -> {new}")
        transitions = {(old, new): reason for old, new, reason, _ in states}
        for pair in (("disabled", "enabling"), ("registered", "connecting"),
                     ("connecting", "connected"), ("connected", "disconnecting"),
                     ("disconnecting", "registered"), ("registered", "disabling"),
                     ("disabling", "disabled")):
            self.assertIn(pair, transitions, f"no {pair} in {states}")
            self.assertEqual(transitions[pair], "user-requested", f"{pair} in {states}")

    def check_ip_config(self, sim, ip4, ip6):
        raise NotImplementedError


@unittest.skipIf(SKIP_REASON, SKIP_REASON)
@skip_without_tools
class AtModemLibmmTest(LibmmGlibSteps, ModemdTestCase):

    def add_modem(self):
        return self.add_sim_modem()

    def check_ip_config(self, sim, ip4, ip6):
        # PPP: the address comes from the PPP negotiation, not the modem.
        self.assertEqual(ip4["get_method"], "ppp")
        self.assertEqual(ip6["get_method"], "unknown")


@unittest.skipIf(SKIP_REASON, SKIP_REASON)
@skip_without_tools
class MbimModemLibmmTest(LibmmGlibSteps, ModemdTestCase):

    daemon_args = ModemdTestCase.daemon_args + ["--no-mbim-proxy", "--test-fake-net-links"]

    def add_modem(self):
        sim = self.start_sim("default.ini", at="none", mbim="pty")
        self.set_profile("mbim0", ["mbim:" + sim.mbim_port, "net:wwan0"])
        wait_for(lambda: self.modem_paths(), what="the modem to be exported")
        return sim

    def check_ip_config(self, sim, ip4, ip6):
        self.assertEqual(ip4["get_method"], "static")
        # default.ini's session 0 (simulator/README.md)
        self.assertEqual(ip4["get_address"], "10.64.0.2")
        self.assertEqual(str(ip4["get_prefix"]), sim.control("get ipv4-prefix"))
        self.assertEqual(ip4["get_gateway"], sim.control("get ipv4-gateway"))
        self.assertEqual(",".join(ip4["get_dns"]), sim.control("get ipv4-dns"))
        self.assertEqual(str(ip4["get_mtu"]), sim.control("get ipv4-mtu"))
        self.assertEqual(ip6["get_method"], "unknown")


if __name__ == "__main__":
    unittest.main(verbosity=2)
