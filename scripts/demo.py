#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""The demo: a private bus, modemd, and a USB modem plugged into an emulated
udev (a umockdev testbed) with modem-sim behind its three ttyUSB nodes.
modemd finds the modem by itself (no Test.SetProfile), and our modemctl
(cli/; mmcli's options and output) shows and drives it. Uses the
integration tests' harnesses, so the demo and the tests
start things the same way. Without the testbed library (a -Dudev=false
build) or a modemd without discovery it falls back to Test.SetProfile on a
modem-sim pty."""
import os
import subprocess
import sys
import tempfile

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
build = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "build"))
for candidate in (("src", "daemon", "modemd"), ("src", "modemd")):
    if os.path.exists(os.path.join(build, *candidate)):
        os.environ.setdefault("MODEMD", os.path.join(build, *candidate))
        break
os.environ.setdefault("MODEM_SIM", os.path.join(build, "simulator", "modem-sim"))
MODEMCTL = os.environ.get("MODEMCTL", os.path.join(build, "cli", "modemctl"))
os.environ.setdefault("MD_SCENARIOS", os.path.join(root, "simulator", "scenarios"))
os.environ.setdefault("MD_TESTBED_LIB", os.path.join(build, "tests", "discovery", "libmd-testbed-py.so"))
sys.path.insert(0, os.path.join(root, "tests", "integration"))

import umockdev_harness  # noqa: E402


def daemon_has_discovery():
    usage = subprocess.run([os.environ["MODEMD"], "--help"], capture_output=True, text=True).stdout
    return "--test-no-udev" in usage


if os.path.exists(os.environ["MD_TESTBED_LIB"]) and daemon_has_discovery():
    umockdev_harness.reexec_under_preload(private_net=True)
DISCOVERY = umockdev_harness.available() is None and daemon_has_discovery()

import harness  # noqa: E402


def show(title, argv, env, binary):
    """Prints and runs argv, with its first word replaced by binary."""
    print(f"\n$ {' '.join(argv)}    # {title}", flush=True)
    result = subprocess.run([binary, *argv[1:]], env=env, text=True, capture_output=True)
    sys.stdout.write(result.stdout or result.stderr)
    return result.returncode


def start_daemon(env, log, extra):
    daemon = subprocess.Popen([os.environ["MODEMD"], "--test-session", "--test-no-auth", "--test-enable",
                               "--log-level=DEBUG", f"--log-file={log}", *extra], env=env)
    harness.wait_for(lambda: subprocess.run(
        ["gdbus", "introspect", "--session", "--dest", harness.BUS_NAME,
         "--object-path", harness.MANAGER_PATH], env=env, capture_output=True).returncode == 0,
        what="modemd on the bus")
    return daemon


def plug_modem(env, workdir, log):
    """modemd under umockdev; a three-tty USB modem plugged in; returns the
    daemon and the simulator once modemctl lists the modem."""
    testbed = umockdev_harness.Testbed()
    daemon = start_daemon(testbed.env(env), log, [])
    print(f"modemd runs on a private bus, under an emulated udev ({testbed.root})")
    device = testbed.option_modem("1-2", 0, None)
    sim = umockdev_harness.NodeSim(os.environ["MODEM_SIM"],
                                   os.path.join(os.environ["MD_SCENARIOS"], "default.ini"),
                                   testbed, workdir, at="/dev/ttyUSB0",
                                   extra=["/dev/ttyUSB1", "/dev/ttyUSB2"])
    print(f"plugged in: a USB modem at {device.sysfs_path} with ttyUSB0-2 "
          "(option driver); modem-sim answers behind them")
    harness.wait_for(lambda: "/Modem/" in subprocess.run(
        [MODEMCTL, "-L"], env=env, capture_output=True, text=True).stdout,
        what="modemd to find the modem")
    return daemon, sim, testbed


def set_profile_modem(env, workdir, log):
    """Without discovery support in the build: Test.SetProfile."""
    sim = harness.Sim("default.ini", workdir)
    print(f"modem-sim serves a simulated modem on {sim.port}")
    daemon = start_daemon(env, log, ["--test-no-udev"] if daemon_has_discovery() else [])
    subprocess.run(["gdbus", "call", "--session", "--dest", harness.BUS_NAME,
                    "--object-path", harness.MANAGER_PATH, "--method",
                    "org.freedesktop.ModemManager1.Test.SetProfile",
                    "demo", "generic", f"['{sim.port}']"], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    return daemon, sim, None


def main():
    workdir = tempfile.mkdtemp(prefix="modemd-demo-")
    bus = harness.PrivateBus()
    sim = daemon = testbed = None
    try:
        env = bus.env()
        log = os.path.join(workdir, "modemd.log")
        if DISCOVERY:
            daemon, sim, testbed = plug_modem(env, workdir, log)
        else:
            daemon, sim, testbed = set_profile_modem(env, workdir, log)
        print(f"modemd's log is {log}")
        failures = 0
        steps = [
            ("list the modems", ["-L"]),
            ("show modem 0", ["-m", "0"]),
            ("show its SIM", ["-i", "0"]),
            ("enable it", ["-m", "0", "-e"]),
            ("connect (PPP)", ["-m", "0", "--simple-connect=apn=internet"]),
            ("show the bearer", ["-b", "0"]),
            ("disconnect", ["-m", "0", "--simple-disconnect"]),
            ("write an SMS", ["-m", "0", "--messaging-create-sms=number=+15551234567,text='Hello from modemd'"]),
            ("send it", ["-s", "0", "--send"]),
            ("list the messages", ["-m", "0", "--messaging-list-sms"]),
            ("the same modem as key=value lines, for scripts", ["-m", "0", "-K"]),
        ]
        for title, args in steps:
            failures += show(title, ["modemctl", *args], env, binary=MODEMCTL) != 0
        print("\nThe demo worked." if not failures else "\nThe demo FAILED.")
        return 1 if failures else 0
    finally:
        if daemon:
            daemon.terminate()
            daemon.wait(timeout=30)
        if sim:
            sim.stop()
        if testbed:
            testbed.stop_leftovers()
        bus.stop()


if __name__ == "__main__":
    sys.exit(main())
