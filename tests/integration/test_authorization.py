# SPDX-License-Identifier: GPL-2.0-or-later
"""polkit authorization end to end: modemd as root on a system-like private
bus (system.conf with our data/ policy), python-dbusmock's polkitd, an AT
modem (or, for the refusals, an MBIM one) from modem-sim, and calls made as
user nobody. Which action each
method needs comes from the gate's own table (md-gate-table-dump), and
every method of every interface on the objects is called."""

import os
import re
import shutil
import subprocess
import tempfile
import unittest
import xml.etree.ElementTree as ET

import harness
from harness import BUS_NAME, MANAGER_PATH, WAIT_SECONDS, wait_for
from system_bus import PolkitMock, SystemLikeBus, caller_unavailable

GATE_TABLE_DUMP = os.environ.get("MD_GATE_TABLE_DUMP", "md-gate-table-dump")
ERROR = "org.freedesktop.ModemManager1.Error."
UNAUTHORIZED = ERROR + "Core.Unauthorized"
UNSUPPORTED = ERROR + "Core.Unsupported"
TEST_IFACE = BUS_NAME + ".Test"
STATE_DISABLED, STATE_REGISTERED, STATE_CONNECTED = 3, 8, 11


def gate_rules():
    """{(interface, method): (action or None, implemented)}"""
    out = subprocess.run([GATE_TABLE_DUMP], check=True, capture_output=True, text=True).stdout
    rules = {}
    for line in out.splitlines():
        iface, method, action, state = line.split("\t")
        rules[(iface, method)] = (None if action == "-" else action, state == "implemented")
    return rules


def split_types(signature):
    """The complete types of a D-Bus signature, in order."""
    types, i = [], 0
    while i < len(signature):
        j = i
        while signature[j] == "a":
            j += 1
        if signature[j] in "({":
            depth, k = 0, j
            while True:
                depth += signature[k] in "({"
                depth -= signature[k] in ")}"
                k += 1
                if depth == 0:
                    break
            j = k
        else:
            j += 1
        types.append(signature[i:j])
        i = j
    return types


def zero_value(t):
    """GVariant text for an empty value of type t."""
    if t[0] == "a":
        return f"@{t} []"
    if t[0] == "(":
        members = [zero_value(m) for m in split_types(t[1:-1])]
        return "(" + ", ".join(members) + ("," if len(members) == 1 else "") + ")"
    simple = {"b": "false", "d": "0.0", "s": "''", "o": "objectpath '/'", "g": "signature ''",
              "v": "<''>"}
    return simple.get(t, f"@{t} 0")


class AuthorizationCase(unittest.TestCase):
    """Bus, polkit mock (unless start_polkit is False), modem-sim, modemd and
    one AT modem per test; helpers only."""

    start_polkit = True
    mbim = False  # an MBIM modem (modem-sim's MBIM front end only) instead of an AT one

    def setUp(self):
        self.workdir = tempfile.mkdtemp(prefix="modemd-auth-")
        self.bus = SystemLikeBus(self.workdir)
        self.polkit = self.sim = self.daemon = None
        self.log_path = os.path.join(self.workdir, "modemd.log")
        try:
            if self.start_polkit:
                self.polkit = PolkitMock(self.bus, os.path.join(self.workdir, "polkit.log"))
            if self.mbim:
                self.sim = harness.Sim("default.ini", self.workdir, at="none", mbim="pty", verbose=True)
                ports = f"['mbim:{self.sim.mbim_port}', 'net:wwan0']"
            else:
                self.sim = harness.Sim("default.ini", self.workdir, verbose=True)
                ports = f"['{self.sim.port}']"
            self.start_daemon()
            self.root_call(MANAGER_PATH, TEST_IFACE + ".SetProfile", "auth0", "generic", ports)
            self.modem = wait_for(self.modem_path, what="the modem to be exported")
        except BaseException:
            self.tearDown()
            raise

    def tearDown(self):
        problem = None
        if self.daemon and self.daemon.poll() is None:
            self.daemon.terminate()
            code = self.daemon.wait(timeout=WAIT_SECONDS)
            problem = None if code == 0 else f"modemd exited with {code} after SIGTERM"
        for part in (self.sim, self.polkit, self.bus):
            if part:
                part.stop()
        if problem or self._failed():
            for name in ("modemd.log", "modemd.stderr", "polkit.log", "dbus-daemon.log"):
                path = os.path.join(self.workdir, name)
                if os.path.exists(path):
                    with open(path, errors="replace") as f:
                        print(f"---- {name} ----\n" + f.read()[-20000:])
        shutil.rmtree(self.workdir, ignore_errors=True)
        if problem:
            self.fail(problem)

    def _failed(self):
        outcome = getattr(self, "_outcome", None)
        result = getattr(outcome, "result", None)
        return bool(getattr(result, "errors", None) or getattr(result, "failures", None))

    # --- helpers -------------------------------------------------------------

    def start_daemon(self):
        with open(os.path.join(self.workdir, "modemd.stderr"), "a") as err:
            argv = [harness.MODEMD, "--test-enable", "--log-level=DEBUG", f"--log-file={self.log_path}"]
            if self.mbim:
                argv.append("--no-mbim-proxy")
            self.daemon = subprocess.Popen(argv,
                                           env=self.bus.env(), stdout=subprocess.DEVNULL, stderr=err)

        def on_bus():
            if self.daemon.poll() is not None:
                raise AssertionError(f"modemd exited with {self.daemon.returncode}")
            return self.bus.has_owner(BUS_NAME)
        wait_for(on_bus, what="modemd on the system-like bus")

    def root_call(self, path, method, *args, check=True):
        return self.bus.root_gdbus("call", "--dest", BUS_NAME, "--object-path", path, "--method", method,
                                   *args, check=check)

    def root_get(self, path, iface, prop):
        return self.root_call(path, "org.freedesktop.DBus.Properties.Get", iface, prop).stdout

    def modem_path(self):
        out = self.root_call(MANAGER_PATH, "org.freedesktop.DBus.ObjectManager.GetManagedObjects").stdout
        found = re.search(r"'(/org/freedesktop/ModemManager1/Modem/\d+)'", out)
        return found and found.group(1)

    def modem_state(self):
        return int(re.search(r"<(?:int32 )?(-?\d+)>", self.root_get(self.modem, BUS_NAME + ".Modem",
                                                                      "State")).group(1))

    def sim_path(self):
        return re.search(r"objectpath '([^']+)'", self.root_get(self.modem, BUS_NAME + ".Modem",
                                                                 "Sim")).group(1)

    def sim_received(self):
        """AT lines and MBIM messages modem-sim received from modemd so far."""
        with open(os.path.join(self.workdir, "sim.log"), errors="replace") as f:
            return sum(1 for line in f if line.startswith(("modem-sim: << ", "modem-sim: mbim << ")))

    def sim_state(self):
        keys = ("cfun", "pin", "pin-enabled", "pin-retries", "puk-retries", "contexts", "registration")
        return {key: self.sim.control(f"get {key}") for key in keys}

    def methods_on(self, path):
        """{interface: [(method, in signature)]} of ModemManager1 interfaces at path."""
        xml = self.bus.root_gdbus("introspect", "--dest", BUS_NAME, "--object-path", path, "--xml").stdout
        methods = {}
        for iface in ET.fromstring(xml).findall("interface"):
            name = iface.get("name")
            if name.startswith(BUS_NAME) and name != TEST_IFACE:
                methods[name] = [(m.get("name"), [a.get("type") for a in m.findall("arg")
                                                  if a.get("direction", "in") == "in"])
                                 for m in iface.findall("method")]
        return methods

    def every_call(self, paths):
        """One call with empty arguments per method of every interface at
        paths, with the gate's rule for it."""
        rules = gate_rules()
        calls = []
        for path in paths:
            for iface, methods in self.methods_on(path).items():
                for method, in_types in methods:
                    action, implemented = rules[(iface, method)]
                    values = [zero_value(t) for t in in_types]
                    args = "(" + ", ".join(values) + ("," if len(values) == 1 else "") + ")"
                    calls.append(({"path": path, "interface": iface, "method": method,
                                   "signature": "(" + "".join(in_types) + ")", "args": args},
                                  action, implemented))
        return calls

    @staticmethod
    def call(path, iface, method, signature="()", args="()", interactive=False):
        return {"path": path, "interface": iface, "method": method, "signature": signature, "args": args,
                "interactive": interactive}

    def create_bearer_as_root(self):
        self.polkit.set_allowed(["org.freedesktop.ModemManager1.Device.Control"])
        out = self.root_call(self.modem, BUS_NAME + ".Modem.CreateBearer", "{'apn': <'internet'>}").stdout
        self.polkit.set_allowed([])
        return re.search(r"objectpath '([^']+)'", out).group(1)


SKIP_REASON = caller_unavailable()
DEVICE_CONTROL = "org.freedesktop.ModemManager1.Device.Control"
MODEM = BUS_NAME + ".Modem"
PROPS = "org.freedesktop.DBus.Properties"


class DeniedCalls:
    """Every acting method of every object, called as nobody while polkit
    says no: refused naming the action, and nothing reaches the modem."""

    def test_denied_calls_change_nothing(self):
        bearer = self.create_bearer_as_root()
        calls = self.every_call([MANAGER_PATH, self.modem, self.sim_path(), bearer])
        acting = [(call, action) for call, action, _ in calls if action]
        present = {call["interface"] for call, _ in acting}
        for iface in ("", ".Modem", ".Modem.Modem3gpp", ".Modem.Simple", ".Sim", ".Bearer"):
            self.assertIn(BUS_NAME + iface, present)
        before = (self.sim_received(), self.sim_state(), self.modem_state())
        self.assertGreater(before[0], 0, "modem-sim's trace shows not even the initialization")
        self.polkit.clear()
        results = self.bus.call_as_caller([call for call, _ in acting])
        for (call, action), result in zip(acting, results):
            name = f"{call['interface']}.{call['method']}"
            self.assertEqual(result.get("error"), UNAUTHORIZED, f"{name}: {result}")
            self.assertIn(action, result["message"], name)
        self.assertEqual(sorted(a for a, _ in self.polkit.checks()), sorted(a for _, a in acting))
        self.assertEqual((self.sim_received(), self.sim_state(), self.modem_state()), before,
                         "a refused call reached the modem")
        self.assertEqual(self.modem_state(), STATE_DISABLED)
        self.assertIn("false", self.root_get(bearer, BUS_NAME + ".Bearer", "Connected"))


@unittest.skipIf(SKIP_REASON is not None, f"cannot call as another user: {SKIP_REASON}")
class WithPolkitTest(DeniedCalls, AuthorizationCase):

    def test_allowed_calls_work(self):
        self.polkit.set_allowed(sorted({a for a, _ in gate_rules().values() if a}))
        pin = self.sim.control("get pin")
        received = self.sim_received()
        results = self.bus.call_as_caller([
            self.call(MANAGER_PATH, BUS_NAME, "SetLogging", "(s)", "('DEBUG',)"),
            self.call(self.sim_path(), BUS_NAME + ".Sim", "EnablePin", "(sb)", f"('{pin}', true)"),
            self.call(self.modem, MODEM, "Enable", "(b)", "(true,)")])
        self.assertEqual(results, [{"ok": True}] * 3)
        self.assertEqual(self.sim.control("get pin-enabled"), "1")
        self.assertGreater(self.sim_received(), received, "modem-sim's trace counts nothing")
        wait_for(lambda: self.modem_state() == STATE_REGISTERED, what="the modem to register")
        results = self.bus.call_as_caller([
            self.call(self.modem, MODEM + ".Simple", "Connect", "(a{sv})", "({'apn': <'internet'>},)")])
        self.assertEqual(results, [{"ok": True}])
        wait_for(lambda: self.modem_state() == STATE_CONNECTED, what="the modem to connect")
        results = self.bus.call_as_caller([
            self.call(self.modem, MODEM + ".Simple", "Disconnect", "(o)", "(objectpath '/',)")])
        self.assertEqual(results, [{"ok": True}])
        wait_for(lambda: self.modem_state() == STATE_REGISTERED, what="the modem to disconnect")
        checked = {a for a, _ in self.polkit.checks()}
        self.assertEqual(checked, {"org.freedesktop.ModemManager1.Control", DEVICE_CONTROL})

    def test_unsupported_after_authorization(self):
        self.polkit.set_allowed(sorted({a for a, _ in gate_rules().values() if a}))
        calls = [(call, action) for call, action, implemented in
                 self.every_call([MANAGER_PATH, self.modem, self.sim_path()]) if not implemented]
        self.assertTrue(calls)
        results = self.bus.call_as_caller([call for call, _ in calls])
        for (call, _), result in zip(calls, results):
            self.assertEqual(result.get("error"), UNSUPPORTED, f"{call['method']}: {result}")
        self.assertEqual(len(self.polkit.checks()), len([a for _, a in calls if a]))

    def test_reads_always_allowed(self):
        results = self.bus.call_as_caller([
            self.call(MANAGER_PATH, "org.freedesktop.DBus.ObjectManager", "GetManagedObjects"),
            self.call(MANAGER_PATH, PROPS, "GetAll", "(s)", f"('{BUS_NAME}',)"),
            self.call(self.modem, PROPS, "GetAll", "(s)", f"('{MODEM}',)"),
            self.call(self.sim_path(), PROPS, "GetAll", "(s)", f"('{BUS_NAME}.Sim',)"),
            self.call(self.modem, "org.freedesktop.DBus.Introspectable", "Introspect"),
            self.call(self.modem, MODEM, "ListBearers"),
            self.call(self.modem, MODEM + ".Simple", "GetStatus")])
        self.assertEqual(results, [{"ok": True}] * len(results))
        self.assertEqual(self.polkit.checks(), [])

    def test_test_interface_is_root_only(self):
        results = self.bus.call_as_caller([
            self.call(MANAGER_PATH, TEST_IFACE, "SetProfile", "(ssas)", "('x', 'generic', ['/dev/null'])")])
        self.assertEqual(results[0].get("error"), "org.freedesktop.DBus.Error.AccessDenied")
        self.assertEqual(self.polkit.checks(), [])

    def test_interactive_flag_reaches_polkit(self):
        results = self.bus.call_as_caller([
            self.call(self.modem, MODEM, "Enable", "(b)", "(true,)", interactive=True),
            self.call(self.modem, MODEM, "Enable", "(b)", "(true,)")])
        self.assertEqual([r.get("error") for r in results], [UNAUTHORIZED] * 2)
        self.assertEqual(self.polkit.checks(), [(DEVICE_CONTROL, 1), (DEVICE_CONTROL, 0)])


@unittest.skipIf(SKIP_REASON is not None, f"cannot call as another user: {SKIP_REASON}")
class MbimWithPolkitTest(DeniedCalls, AuthorizationCase):

    mbim = True


@unittest.skipIf(SKIP_REASON is not None, f"cannot call as another user: {SKIP_REASON}")
class WithoutPolkitTest(AuthorizationCase):

    start_polkit = False

    def test_acting_calls_denied(self):
        calls = self.every_call([MANAGER_PATH, self.modem, self.sim_path()])
        acting = [(call, action) for call, action, _ in calls if action]
        before = (self.sim_received(), self.sim_state(), self.modem_state())
        results = self.bus.call_as_caller([call for call, _ in acting])
        for (call, action), result in zip(acting, results):
            self.assertEqual(result.get("error"), UNAUTHORIZED, f"{call['method']}: {result}")
            self.assertIn(action, result["message"])
            self.assertIn("polkit", result["message"])
        self.assertEqual((self.sim_received(), self.sim_state(), self.modem_state()), before)
        results = self.bus.call_as_caller([
            self.call(self.modem, PROPS, "GetAll", "(s)", f"('{MODEM}',)"),
            self.call(self.modem, MODEM, "ListBearers")])
        self.assertEqual(results, [{"ok": True}] * 2)



class OptionTest(unittest.TestCase):

    def test_no_auth_needs_test_session(self):
        result = subprocess.run([harness.MODEMD, "--test-no-auth"], capture_output=True, text=True,
                                timeout=WAIT_SECONDS)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("--test-no-auth needs --test-session", result.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
