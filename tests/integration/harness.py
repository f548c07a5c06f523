# SPDX-License-Identifier: GPL-2.0-or-later
"""Integration harness: a private D-Bus bus, modem-sim processes, the real
modemd, and the real mmcli (Debian's modemmanager package) as the client.

Every process started here is stopped in tearDown, whatever the test did.
Timeouts are generous: tests must pass on a slow, busy machine.
"""

import functools
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import unittest

MODEMD = os.environ.get("MODEMD", "modemd")
MODEM_SIM = os.environ.get("MODEM_SIM", "modem-sim")
SCENARIOS = os.environ.get("MD_SCENARIOS", "")
MMCLI = shutil.which("mmcli")

BUS_NAME = "org.freedesktop.ModemManager1"
MANAGER_PATH = "/org/freedesktop/ModemManager1"

# MD_TEST_VALGRIND=1 runs modemd under valgrind: any memory error or
# definite leak makes it exit with VALGRIND_EXIT_CODE, which stop_daemon
# reports as a test failure. Valgrind slows the daemon down many times, so
# every wait grows with it.
VALGRIND = os.environ.get("MD_TEST_VALGRIND") == "1"
VALGRIND_EXIT_CODE = 97
VALGRIND_SUPPRESSIONS = (
    "/usr/share/glib-2.0/valgrind/glib.supp",
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "valgrind", "modemd.supp"),
)
WAIT_SECONDS = 150 if VALGRIND else 30


def wait_for(predicate, timeout=WAIT_SECONDS, interval=0.05, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def daemon_wrapper():
    """The command line modemd runs under: nothing, or valgrind."""
    if not VALGRIND:
        return []
    supp = [f"--suppressions={path}" for path in VALGRIND_SUPPRESSIONS]
    return ["valgrind", "--quiet", f"--error-exitcode={VALGRIND_EXIT_CODE}",
            "--leak-check=full", "--errors-for-leak-kinds=definite",
            "--show-leak-kinds=definite,possible", "--track-origins=yes", "--num-callers=40",
            *supp]


@functools.lru_cache(maxsize=None)
def sanitizer_runtime(program):
    """The AddressSanitizer runtime program links dynamically (a gcc
    -fsanitize=address build), or None."""
    try:
        out = subprocess.run(["ldd", program], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.TimeoutExpired):
        return None
    for line in out.splitlines():
        parts = line.split()
        if parts and parts[0].startswith("libasan.so") and len(parts) >= 3 and parts[2].startswith("/"):
            return parts[2]
    return None


def foreign_env(env):
    """The environment of a program that is not ours (ModemManager): no
    ASan runtime preloaded, even when our ASan build needs one."""
    preload = " ".join(p for p in env.get("LD_PRELOAD", "").split() if "libasan" not in p)
    return dict(env, LD_PRELOAD=preload)


def daemon_env(env):
    """Under valgrind GLib allocates with plain malloc and clears freed
    pointers, so valgrind can follow every block (GLib's documented setup).
    With another library preloaded (umockdev's), an ASan build of modemd
    needs its runtime first in the list."""
    if VALGRIND:
        env = dict(env, G_SLICE="always-malloc", G_DEBUG="gc-friendly")
    preload = env.get("LD_PRELOAD", "")
    if preload and "libasan" not in preload:
        runtime = sanitizer_runtime(MODEMD)
        if runtime:
            env = dict(env, LD_PRELOAD=f"{runtime} {preload}")
    if "MD_TEST_DAEMON_ASAN_OPTIONS" in env:
        env = dict(env, ASAN_OPTIONS=env["MD_TEST_DAEMON_ASAN_OPTIONS"])
    return env


class PrivateBus:
    """A dbus-daemon of our own; both the system and the session bus
    addresses of every child point at it."""

    def __init__(self):
        out = subprocess.run(
            ["dbus-daemon", "--session", "--print-address=1", "--print-pid=1", "--fork"],
            check=True, capture_output=True, text=True).stdout.split()
        self.address, self.pid = out[0], int(out[1])

    def env(self):
        env = dict(os.environ)
        env["DBUS_SYSTEM_BUS_ADDRESS"] = self.address
        env["DBUS_SESSION_BUS_ADDRESS"] = self.address
        return env

    def stop(self):
        try:
            os.kill(self.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass


class Sim:
    """One modem-sim process serving a scenario."""

    def __init__(self, scenario, workdir, at="pty", mbim=None, verbose=False, qmi=None):
        path = scenario if os.path.isabs(scenario) else os.path.join(SCENARIOS, scenario)
        self.control_path = os.path.join(workdir, f"sim-{os.getpid()}-{time.monotonic_ns()}.ctl")
        self.log = open(os.path.join(workdir, "sim.log"), "a")
        argv = [MODEM_SIM, "--scenario", path, "--at", at, "--control", self.control_path]
        if mbim:
            argv += ["--mbim", mbim]
        # qmi: "pty", "fd:N", or a list of them (a modem with several QMI ports).
        qmi_specs = [qmi] if isinstance(qmi, str) else list(qmi or [])
        for spec in qmi_specs:
            argv += ["--qmi", spec]
        if verbose:
            argv.append("--verbose")  # traces every received line to sim.log
        self.proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=self.log, text=True)
        self.port = None
        self.mbim_port = None
        self.qmi_ports = []  # every QMI port, in the order of the --qmi options
        for line in self.proc.stdout:
            key, _, value = line.strip().partition(" ")
            if key == "at":
                self.port = value
            elif key == "mbim":
                self.mbim_port = value
            elif key == "qmi":
                self.qmi_ports.append(value)
            elif key == "ready":
                break
        if at != "none" and not self.port:
            raise AssertionError("modem-sim did not announce its AT port")
        if mbim and not self.mbim_port:
            raise AssertionError("modem-sim did not announce its MBIM port")
        if len(self.qmi_ports) != len(qmi_specs):
            raise AssertionError(f"modem-sim announced {len(self.qmi_ports)} of {len(qmi_specs)} QMI ports")
        self.qmi_port = self.qmi_ports[0] if self.qmi_ports else None

    def control(self, command):
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(WAIT_SECONDS)
            sock.connect(self.control_path)
            sock.sendall((command + "\n").encode())
            reply = b""
            while not reply.endswith(b"\n"):
                chunk = sock.recv(4096)
                if not chunk:
                    break
                reply += chunk
        reply = reply.decode().strip()
        if not reply.startswith("OK"):
            raise AssertionError(f"simulator refused '{command}': {reply}")
        return reply[2:].strip()

    def history(self, key="command"):
        """What the simulator received, in order: the AT command lines
        ("command"), or the "qmi-command" / "mbim-command" requests."""
        count = int(self.control(f"get {key}-count"))
        return [self.control(f"get {key} {i}") for i in range(count)]

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc.stdout.close()
        self.log.close()


class ModemdTestCase(unittest.TestCase):
    """Starts a private bus and modemd for each test."""

    daemon_args = ["--test-session", "--test-no-udev", "--test-no-auth", "--test-enable", "--log-level=DEBUG"]

    def setUp(self):
        self.workdir = tempfile.mkdtemp(prefix="modemd-test-")
        self.bus = PrivateBus()
        self.sims = []
        self.log_path = os.path.join(self.workdir, "modemd.log")
        self.daemon = None
        self.start_daemon()

    def tearDown(self):
        exit_problem = self.stop_daemon()
        for sim in self.sims:
            sim.stop()
        self.bus.stop()
        if self._outcome_failed() or exit_problem:
            with open(self.log_path, errors="replace") as log:
                print("---- modemd log ----\n" + log.read()[-20000:])
            with open(self.stderr_path, errors="replace") as err:
                print("---- modemd stderr ----\n" + err.read()[-20000:])
        shutil.rmtree(self.workdir, ignore_errors=True)
        if exit_problem:
            self.fail(exit_problem)

    def stop_daemon(self):
        """SIGTERM, as systemd would: the daemon must exit 0, which under
        AddressSanitizer also means no leak was found."""
        if not self.daemon:
            return None
        if self.daemon.poll() is not None:
            # Ended before: a test stopped it, or it died. Under valgrind a
            # death or an error found at exit still fails the test.
            code = self.daemon.returncode
            if VALGRIND and (code == VALGRIND_EXIT_CODE or code < 0):
                return f"modemd ended with {code} under valgrind:\n" + self.valgrind_report()
            return None
        self.daemon.terminate()
        try:
            code = self.daemon.wait(timeout=WAIT_SECONDS)
        except subprocess.TimeoutExpired:
            self.daemon.kill()
            self.daemon.wait()
            return f"modemd did not stop within {WAIT_SECONDS} s of SIGTERM"
        if VALGRIND and code == VALGRIND_EXIT_CODE:
            return "valgrind found errors in modemd:\n" + self.valgrind_report()
        return None if code == 0 else f"modemd exited with {code} after SIGTERM"

    def valgrind_report(self):
        """Valgrind's own lines (prefixed ==PID==) from modemd's stderr."""
        with open(self.stderr_path, errors="replace") as err:
            lines = [line for line in err if line.startswith("==")]
        return "".join(lines)[-20000:]

    def _outcome_failed(self):
        """Whether the test that is being torn down failed (an assertion or
        an error). Python 3.11 reports it to the result at once; 3.10 and
        older keep it in _outcome.errors as (test, exc_info) pairs until
        the test ends."""
        if os.environ.get("MD_TEST_SHOW_LOG") == "1":
            return True
        outcome = getattr(self, "_outcome", None)
        if outcome is None:
            return False
        if any(exc_info for _, exc_info in getattr(outcome, "errors", None) or []):
            return True
        result = getattr(outcome, "result", None)
        reported = (getattr(result, "errors", []) or []) + (getattr(result, "failures", []) or [])
        return any(test is self or getattr(test, "test_case", None) is self for test, _ in reported)

    # --- processes ---------------------------------------------------------

    def start_daemon(self, extra_args=()):
        self.stderr_path = os.path.join(self.workdir, "modemd.stderr")
        with open(self.stderr_path, "a") as err:
            self.daemon = subprocess.Popen(
                [*daemon_wrapper(), MODEMD, *self.daemon_args, f"--log-file={self.log_path}",
                 *extra_args],
                env=daemon_env(self.bus.env()), stdout=subprocess.DEVNULL, stderr=err)
        wait_for(self.daemon_on_bus, what="modemd to own its bus name")

    def daemon_on_bus(self):
        if self.daemon.poll() is not None:
            raise AssertionError(f"modemd exited with {self.daemon.returncode}")
        result = self.gdbus("introspect", "-o", MANAGER_PATH, check=False)
        return result.returncode == 0 and "ModemManager1" in result.stdout

    def assert_daemon_alive(self):
        self.assertIsNone(self.daemon.poll(), "modemd died")
        self.assertEqual(self.mmcli("-L", check=False).returncode, 0)

    def start_sim(self, scenario="default.ini", at="pty", mbim=None, qmi=None):
        sim = Sim(scenario, self.workdir, at, mbim, qmi=qmi)
        self.sims.append(sim)
        return sim

    # --- clients -----------------------------------------------------------

    def run_client(self, argv, check=True, timeout=WAIT_SECONDS * 2):
        result = subprocess.run(argv, env=self.bus.env(), capture_output=True, text=True,
                                timeout=timeout)
        if check and result.returncode != 0:
            raise AssertionError(f"{' '.join(argv)} failed ({result.returncode}): "
                                 f"{result.stderr.strip()}")
        return result

    def start_client(self, argv):
        """A client left running, for calls interrupted by the test."""
        return subprocess.Popen(argv, env=self.bus.env(), stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)

    def gdbus(self, *args, check=True):
        return self.run_client(["gdbus", args[0], "--session", "--dest", BUS_NAME, *args[1:]],
                               check=check)

    def call(self, path, method, *args, check=True):
        return self.gdbus("call", "--object-path", path, "--method", method, *args, check=check)

    def mmcli(self, *args, check=True):
        return self.run_client([MMCLI, *args], check=check)

    def mmcli_json(self, *args):
        return json.loads(self.mmcli(*args, "-J").stdout)

    def set_profile(self, uid, ports, plugin="generic", check=True):
        port_list = "[" + ", ".join(f"'{p}'" for p in ports) + "]"
        return self.call(MANAGER_PATH, "org.freedesktop.ModemManager1.Test.SetProfile",
                         uid, plugin, port_list, check=check)

    def modem_paths(self):
        listing = self.mmcli_json("-L")
        return listing.get("modem-list", [])

    def add_sim_modem(self, scenario="default.ini", uid="sim0"):
        sim = self.start_sim(scenario)
        self.set_profile(uid, [sim.port])
        wait_for(lambda: self.modem_paths(), what="the modem to be exported")
        return sim


def skip_without_tools(test_class):
    missing = [name for name, path in (("mmcli", MMCLI), ("dbus-daemon", shutil.which("dbus-daemon")))
               if not path]
    if missing:
        return unittest.skip("missing " + ", ".join(missing))(test_class)
    return test_class
