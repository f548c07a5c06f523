# SPDX-License-Identifier: GPL-2.0-or-later
"""The Manager object and Test.SetProfile, driven by the real mmcli and
gdbus against modemd on a private bus."""

import os
import re
import signal
import subprocess
import unittest

from harness import MANAGER_PATH, MODEMD, ModemdTestCase, skip_without_tools, wait_for

ERROR_PREFIX = "org.freedesktop.ModemManager1.Error."


@skip_without_tools
class ManagerTest(ModemdTestCase):

    def test_version_property(self):
        out = self.call(MANAGER_PATH, "org.freedesktop.DBus.Properties.Get",
                        "org.freedesktop.ModemManager1", "Version").stdout
        self.assertRegex(out, r"<'\d+\.\d+\.\d+'>")

    def test_version_option(self):
        out = subprocess.run([MODEMD, "--version"], capture_output=True, text=True, check=True).stdout
        self.assertRegex(out, r"^modemd \d+\.\d+\.\d+")

    def test_bad_option_fails(self):
        result = subprocess.run([MODEMD, "--log-level=LOUD"], capture_output=True, text=True)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("LOUD", result.stderr)

    def test_personal_info_masked_in_logs(self):
        self.add_sim_modem()
        with open(self.log_path) as log:
            text = log.read()
        self.assertIn("[personal info]", text)
        self.assertNotIn("862636050012345", text)
        self.assertNotIn("89490200001234567890", text)
        self.assertNotIn("+491701234567", text)

    def test_no_modems_listed_at_start(self):
        self.assertEqual(self.modem_paths(), [])

    def test_set_profile_exports_modem_listed_by_mmcli(self):
        self.add_sim_modem()
        paths = self.modem_paths()
        self.assertEqual(paths, ["/org/freedesktop/ModemManager1/Modem/0"])
        text = self.mmcli("-L").stdout
        self.assertIn("/org/freedesktop/ModemManager1/Modem/0", text)
        self.assertIn("SIM-7600", text)

    def test_modem_identity_through_mmcli(self):
        sim = self.add_sim_modem()
        modem = self.mmcli_json("-m", "0")["modem"]
        generic = modem["generic"]
        self.assertEqual(generic["manufacturer"], "SIMCOM INCORPORATED")
        self.assertEqual(generic["model"], "SIM-7600")
        self.assertEqual(generic["revision"], "LE20B04SIM7600M22")
        self.assertEqual(generic["equipment-identifier"], "862636050012345")
        self.assertEqual(generic["plugin"], "generic")
        port_name = os.path.relpath(sim.port, "/dev")
        self.assertEqual(generic["primary-port"], port_name)
        self.assertIn(f"{port_name} (at)", generic["ports"])
        self.assertEqual(generic["device"], "/virtual/sim0")
        self.assertIn(generic["state"], ("disabled", "locked"))

    def test_every_interface_answers_get_all(self):
        self.add_sim_modem()
        path = self.modem_paths()[0]
        introspection = self.gdbus("introspect", "--object-path", path).stdout
        interfaces = re.findall(r"interface (org\.freedesktop\.ModemManager1[\w.]*)", introspection)
        self.assertIn("org.freedesktop.ModemManager1.Modem", interfaces)
        for interface in interfaces:
            out = self.call(path, "org.freedesktop.DBus.Properties.GetAll", interface).stdout
            self.assertRegex(out, r"^\((@a\{sv\} )?\{", f"GetAll({interface}) gave {out!r}")

    def test_indexes_are_never_reused(self):
        sim = self.add_sim_modem(uid="first")
        sim.control("unplug")
        wait_for(lambda: self.modem_paths() == [], what="the unplugged modem to go away")
        self.add_sim_modem(uid="second")
        self.assertEqual(self.modem_paths(), ["/org/freedesktop/ModemManager1/Modem/1"])

    def test_set_logging_changes_level(self):
        self.mmcli("-G", "ERR")
        before = os.path.getsize(self.log_path)
        self.add_sim_modem()
        with open(self.log_path) as log:
            log.seek(before)
            self.assertNotIn("<DEBUG>", log.read())
        self.mmcli("-G", "DEBUG")
        self.mmcli("-m", "0")
        self.call(MANAGER_PATH, "org.freedesktop.ModemManager1.SetLogging", "DEBUG")
        with open(self.log_path) as log:
            self.assertIn("log level set to DEBUG", log.read())

    def test_set_logging_rejects_unknown_level(self):
        result = self.call(MANAGER_PATH, "org.freedesktop.ModemManager1.SetLogging", "LOUD",
                           check=False)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn(ERROR_PREFIX + "Core.InvalidArgs", result.stderr)
        self.assert_daemon_alive()

    def test_set_profile_with_missing_port_fails(self):
        result = self.set_profile("ghost", ["/dev/does-not-exist-modemd"], check=False)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn(ERROR_PREFIX + "Serial.OpenFailedNoDevice", result.stderr)
        self.assertIn("/dev/does-not-exist-modemd", result.stderr)
        self.assertEqual(self.modem_paths(), [])
        self.assert_daemon_alive()

    def test_set_profile_with_unknown_plugin_fails(self):
        sim = self.start_sim()
        result = self.set_profile("sim0", [sim.port], plugin="no-such-plugin", check=False)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn(ERROR_PREFIX + "Core.NotFound", result.stderr)
        self.assertIn("no-such-plugin", result.stderr)
        self.assert_daemon_alive()

    def test_set_profile_with_no_ports_fails(self):
        result = self.set_profile("empty", [], check=False)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn(ERROR_PREFIX + "Core.InvalidArgs", result.stderr)
        self.assert_daemon_alive()

    def test_set_profile_twice_with_same_id_fails(self):
        self.add_sim_modem(uid="dup")
        other = self.start_sim()
        result = self.set_profile("dup", [other.port], check=False)
        self.assertIn(ERROR_PREFIX + "Core.Exists", result.stderr)
        self.assertEqual(len(self.modem_paths()), 1)

    def test_port_of_a_modem_cannot_serve_a_second_one(self):
        sim = self.add_sim_modem(uid="first")
        for spec in (sim.port, "at:" + sim.port):
            result = self.set_profile("second", [spec], check=False)
            self.assertIn(ERROR_PREFIX + "Core.Exists", result.stderr)
            self.assertIn(f"Port '{sim.port}' is already used by modem 0", result.stderr)
        other = self.start_sim()
        result = self.set_profile("third", [other.port, other.port], check=False)
        self.assertIn(ERROR_PREFIX + "Core.InvalidArgs", result.stderr)
        self.assertEqual(len(self.modem_paths()), 1)
        # A refused or failed profile leaves its ports free.
        self.set_profile("third", [other.port])
        wait_for(lambda: len(self.modem_paths()) == 2, what="the second modem")
        self.assert_daemon_alive()

    def test_port_is_free_again_once_its_modem_is_gone(self):
        name = f"abstract:modemd-test-{os.getpid()}"
        sim = self.start_sim(at=name)
        self.set_profile("first", [name])
        wait_for(lambda: self.modem_paths(), what="the modem")
        sim.control("unplug")
        wait_for(lambda: self.modem_paths() == [], what="the modem to be removed")
        self.start_sim(at=name)
        self.set_profile("second", [name])
        wait_for(lambda: self.modem_paths(), what="the modem on the same port")

    def test_non_existent_modem_path(self):
        result = self.mmcli("-m", "7", check=False)
        self.assertNotEqual(result.returncode, 0)
        result = self.call("/org/freedesktop/ModemManager1/Modem/7",
                           "org.freedesktop.ModemManager1.Modem.Enable", "true", check=False)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("org.freedesktop.DBus.Error.UnknownMethod", result.stderr)
        self.assert_daemon_alive()

    def test_unimplemented_method_answers_unsupported(self):
        result = self.call(MANAGER_PATH, "org.freedesktop.ModemManager1.InhibitDevice",
                           "/sys/devices/none", "true", check=False)
        self.assertIn(ERROR_PREFIX + "Core.Unsupported", result.stderr)
        self.assert_daemon_alive()

    def test_unplugged_modem_goes_away(self):
        sim = self.add_sim_modem()
        sim.control("unplug")
        wait_for(lambda: self.modem_paths() == [], what="the modem to be removed")
        self.assert_daemon_alive()

    def test_sigterm_shuts_down_cleanly(self):
        self.add_sim_modem()
        self.daemon.send_signal(signal.SIGTERM)
        self.assertEqual(self.daemon.wait(timeout=30), 0)
        with open(self.log_path) as log:
            text = log.read()
        self.assertIn("unexported", text)
        self.assertIn("stopped", text)


@skip_without_tools
class PersonalInfoTest(ModemdTestCase):

    daemon_args = ModemdTestCase.daemon_args + ["--log-personal-info"]

    def test_personal_info_shown_when_enabled(self):
        self.add_sim_modem()
        with open(self.log_path) as log:
            self.assertIn("equipment id 862636050012345", log.read())


if __name__ == "__main__":
    unittest.main(verbosity=2)
