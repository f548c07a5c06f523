# SPDX-License-Identifier: GPL-2.0-or-later
"""libmm-client through GObject Introspection: gi.repository.MmClient drives
the real modemd (harness.py) with a simulated MBIM modem: lists it, reads its
properties, enables it, simple-connects, reads the bearer's IPv4
configuration against the simulator's values, disconnects, disables, and
records the state notifications on the way; creates and sends an SMS.

Run with /usr/bin/python3 (the system's gi), GI_TYPELIB_PATH and
LD_LIBRARY_PATH pointing at build/libmm-client, and G_DEBUG=fatal-warnings:
any GLib warning or critical in this process aborts the test. Python
warnings (PyGObject reports deprecations and GLib warnings through them)
are errors too."""

import os
import time
import unittest
import warnings

try:
    import gi
    gi.require_version("MmClient", "1.0")
    from gi.repository import GLib, Gio, MmClient
except (ImportError, ValueError) as error:  # no gi, or no typelib (-Dintrospection=disabled)
    MmClient = None
    IMPORT_ERROR = str(error)

from harness import WAIT_SECONDS, ModemdTestCase, skip_without_tools

# fatal-warnings is for this process only: GLib read it when gi loaded, and
# the daemon and the simulator, started from os.environ, keep their own. So
# is an ASan runtime preloaded to load an ASan build of libmm-client.
os.environ.pop("G_DEBUG", None)
if "libasan" in os.environ.get("LD_PRELOAD", ""):
    os.environ.pop("LD_PRELOAD")
    os.environ.pop("ASAN_OPTIONS", None)

NET_PORT = "wwan0"
MODEM_PREFIX = "/org/freedesktop/ModemManager1/Modem/"


def spin_until(predicate, what, timeout=WAIT_SECONDS):
    """Runs the main context (where MmClient's signals and property
    notifications are dispatched) until predicate() holds."""
    context = GLib.MainContext.default()
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        if not context.iteration(False):
            time.sleep(0.02)


@skip_without_tools
@unittest.skipIf(MmClient is None, "gi.repository.MmClient not available")
class ClientGiTest(ModemdTestCase):

    daemon_args = ModemdTestCase.daemon_args + ["--poll-interval=1", "--no-mbim-proxy", "--test-fake-net-links"]

    def setUp(self):
        warnings.simplefilter("error")
        super().setUp()
        self.connection = Gio.DBusConnection.new_for_address_sync(
            self.bus.address,
            Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT | Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION,
            None, None)
        self.manager = MmClient.Manager.new_sync(self.connection, None)
        self.added = []
        self.removed = []
        self.manager.connect("modem-added", lambda _, modem: self.added.append(modem.get_path()))
        self.manager.connect("modem-removed", lambda _, modem: self.removed.append(modem.get_path()))

    def tearDown(self):
        self.manager = None
        self.connection.close_sync(None)
        super().tearDown()

    def add_mbim_modem(self, uid="mbim0"):
        sim = self.start_sim("default.ini", at="none", mbim="pty")
        self.set_profile(uid, ["mbim:" + sim.mbim_port, "net:" + NET_PORT])
        modems = spin_until(self.manager.get_modems, "the modem in the manager")
        self.assertEqual(len(modems), 1)
        return sim, modems[0]

    def test_manager_lists_modems_and_follows_them(self):
        self.assertEqual(self.manager.get_modems(), [])
        self.assertTrue(self.manager.get_name_owner())
        sim, modem = self.add_mbim_modem()
        self.assertTrue(modem.get_path().startswith(MODEM_PREFIX))
        spin_until(lambda: self.added, "modem-added")
        self.assertEqual(self.added, [modem.get_path()])
        self.assertEqual(self.manager.get_modem(modem.get_path()).get_path(), modem.get_path())
        self.assertIsNone(self.manager.get_modem(MODEM_PREFIX + "99"))
        self.assertTrue(self.manager.scan_devices_sync(None))
        sim.control("unplug")
        spin_until(lambda: self.removed, "modem-removed")
        self.assertEqual(self.removed, [modem.get_path()])
        self.assertEqual(self.manager.get_modems(), [])

    def test_properties_enable_connect_disconnect_disable(self):
        sim, modem = self.add_mbim_modem()
        states = []
        changes = []
        modem.connect("notify::state", lambda m, _: states.append(m.get_state()))
        modem.connect("state-changed", lambda _, old, new, reason: changes.append((old, new)))

        # Typed properties, as the simulator has them.
        self.assertEqual(modem.get_state(), MmClient.ModemState.DISABLED)
        self.assertEqual(modem.get_power_state(), MmClient.ModemPowerState.LOW)
        self.assertEqual(modem.get_unlock_required(), MmClient.ModemLock.NONE)
        self.assertEqual(modem.get_equipment_identifier(), sim.control("get imei"))
        self.assertEqual(modem.get_revision(), sim.control("get revision"))
        self.assertEqual(modem.get_plugin(), "generic")
        self.assertTrue(modem.get_current_capabilities() & MmClient.ModemCapability.LTE)
        self.assertIsNotNone(modem.get_3gpp())
        self.assertIsNotNone(modem.get_simple())
        card = modem.get_sim_sync(None)
        self.assertEqual(card.get_path(), modem.get_sim_path())
        self.assertEqual(card.get_imsi(), sim.control("get imsi"))
        self.assertEqual(card.get_identifier(), sim.control("get iccid"))

        self.assertTrue(modem.enable_sync(True, None))
        spin_until(lambda: modem.get_state() == MmClient.ModemState.REGISTERED, "registered")
        self.assertEqual(modem.get_power_state(), MmClient.ModemPowerState.ON)
        self.assertEqual(modem.get_3gpp_registration_state(), MmClient.Modem3gppRegistrationState.HOME)
        quality, _recent = modem.get_signal_quality()
        self.assertGreater(quality, 0)

        settings = MmClient.ConnectSettings.new()
        settings.set_apn("internet")
        settings.set_ip_type(MmClient.BearerIpFamily.IPV4)
        bearer = modem.simple_connect_sync(settings, None)
        spin_until(lambda: modem.get_state() == MmClient.ModemState.CONNECTED, "connected")
        spin_until(bearer.get_connected, "the bearer connected")
        self.assertEqual(bearer.get_interface(), NET_PORT)
        self.assertIn(bearer.get_path(), modem.get_bearer_paths())
        self.assertEqual([b.get_path() for b in modem.list_bearers_sync(None)], [bearer.get_path()])
        config = bearer.get_ipv4_config()
        self.assertEqual(config.get_method(), MmClient.BearerIpMethod.STATIC)
        self.assertEqual(config.get_address(), sim.control("get ipv4-address"))
        self.assertEqual(config.get_prefix(), int(sim.control("get ipv4-prefix")))
        self.assertEqual(config.get_gateway(), sim.control("get ipv4-gateway"))
        self.assertEqual(config.get_dns(), sim.control("get ipv4-dns").split(","))
        self.assertEqual(config.get_mtu(), int(sim.control("get ipv4-mtu")))
        self.assertIsNone(bearer.get_ipv6_config())

        self.assertTrue(modem.simple_disconnect_sync(bearer, None))
        spin_until(lambda: modem.get_state() == MmClient.ModemState.REGISTERED, "registered again")
        spin_until(lambda: not bearer.get_connected(), "the bearer disconnected")
        spin_until(lambda: bearer.get_ipv4_config() is None, "the IPv4 configuration to go")

        self.assertTrue(modem.enable_sync(False, None))
        spin_until(lambda: modem.get_state() == MmClient.ModemState.DISABLED, "disabled")

        S = MmClient.ModemState
        # StateChanged tells every step. PropertiesChanged, and so notify,
        # may fold quick steps into one (the daemon's skeleton coalesces
        # property changes), but shows each state the test waited for.
        steps = [S(new) for _, new in changes]
        self.assert_in_order([S.ENABLING, S.REGISTERED, S.CONNECTING, S.CONNECTED, S.DISCONNECTING, S.REGISTERED,
                              S.DISABLING, S.DISABLED], steps)
        self.assertEqual(changes[0][0], int(S.DISABLED))
        self.assert_in_order([S.REGISTERED, S.CONNECTED, S.REGISTERED, S.DISABLED], states)
        self.assert_in_order(states, steps)

    def assert_in_order(self, expected, seen):
        rest = iter(seen)
        missing = [state for state in expected if state not in rest]
        self.assertEqual(missing, [], f"states seen: {[s.value_nick for s in seen]}")

    def test_errors_arrive_in_our_domains(self):
        _, modem = self.add_mbim_modem()
        # A method modemd does not implement: Error.Core.Unsupported.
        with self.assertRaises(GLib.Error) as caught:
            modem.reset_sync(None)
        self.assertTrue(caught.exception.matches(MmClient.core_error_quark(), MmClient.CoreError.UNSUPPORTED),
                        caught.exception)
        self.assertEqual(caught.exception.domain, "mmc-core-error-quark")
        self.assertFalse(caught.exception.message.startswith("GDBus.Error"), caught.exception.message)
        # A caller's bad value, refused by the daemon's validation.
        settings = MmClient.ConnectSettings.new()
        settings.set_apn("internet")
        settings.set_ip_type(MmClient.BearerIpFamily.IPV4 | MmClient.BearerIpFamily.IPV6)
        with self.assertRaises(GLib.Error) as caught:
            modem.create_bearer_sync(settings, None)
        self.assertTrue(caught.exception.matches(MmClient.core_error_quark(), MmClient.CoreError.INVALID_ARGS),
                        caught.exception)
        # Paths where nothing is exported.
        for new_sync, path in ((MmClient.Bearer.new_sync, "/org/freedesktop/ModemManager1/Bearer/99"),
                               (MmClient.Sim.new_sync, "/org/freedesktop/ModemManager1/SIM/99")):
            with self.assertRaises(GLib.Error) as caught:
                new_sync(self.connection, path, None)
            self.assertTrue(caught.exception.matches(Gio.DBusError.quark(), Gio.DBusError.UNKNOWN_OBJECT))

    def test_sms_create_and_send(self):
        _, modem = self.add_mbim_modem()
        self.assertIsNotNone(modem.get_messaging())
        modem.enable_sync(True, None)
        spin_until(lambda: modem.get_state() == MmClient.ModemState.REGISTERED, "registered")
        settings = MmClient.SmsSettings.new()
        settings.set_number("+491701234567")
        settings.set_text("hello from MmClient")
        sms = modem.create_sms_sync(settings, None)
        self.assertEqual(sms.get_number(), "+491701234567")
        self.assertEqual(sms.get_text(), "hello from MmClient")
        self.assertEqual(sms.get_pdu_type(), MmClient.SmsPduType.SUBMIT)
        self.assertTrue(sms.send_sync(None))
        spin_until(lambda: sms.get_state() == MmClient.SmsState.SENT, "the SMS sent")

    def test_async_calls(self):
        _, modem = self.add_mbim_modem()
        results = {}

        def done(name, finish):
            def callback(source, result):
                try:
                    results[name] = finish(result)
                except GLib.Error as error:
                    results[name] = error
            return callback

        modem.enable_async(True, None, done("enable", modem.enable_finish))
        spin_until(lambda: "enable" in results, "Enable to finish")
        self.assertIs(results["enable"], True)
        settings = MmClient.ConnectSettings.new()
        settings.set_apn("internet")
        modem.simple_connect_async(settings, None, done("connect", modem.simple_connect_finish))
        spin_until(lambda: "connect" in results, "Simple.Connect to finish")
        self.assertIsInstance(results["connect"], MmClient.Bearer)
        modem.reset_async(None, done("reset", modem.reset_finish))
        spin_until(lambda: "reset" in results, "Reset to finish")
        self.assertTrue(results["reset"].matches(MmClient.core_error_quark(), MmClient.CoreError.UNSUPPORTED))


if __name__ == "__main__":
    unittest.main()
