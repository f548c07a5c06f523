#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""The demo: a private bus, modem-sim with the default scenario, modemd, and
mmcli showing the modem. Uses the integration tests' harness for the
processes, so the demo and the tests start things the same way."""
import os
import subprocess
import sys
import tempfile

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
build = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "build"))
os.environ.setdefault("MODEMD", os.path.join(build, "src", "daemon", "modemd"))
os.environ.setdefault("MODEM_SIM", os.path.join(build, "simulator", "modem-sim"))
os.environ.setdefault("MD_SCENARIOS", os.path.join(root, "simulator", "scenarios"))
sys.path.insert(0, os.path.join(root, "tests", "integration"))

import harness  # noqa: E402


def show(title, argv, env):
    print(f"\n$ {' '.join(argv)}    # {title}", flush=True)
    result = subprocess.run(argv, env=env, text=True, capture_output=True)
    sys.stdout.write(result.stdout or result.stderr)
    return result.returncode


def main():
    workdir = tempfile.mkdtemp(prefix="modemd-demo-")
    bus = harness.PrivateBus()
    sim = daemon = None
    try:
        env = bus.env()
        sim = harness.Sim("default.ini", workdir)
        print(f"modem-sim serves a simulated modem on {sim.port}")
        log = os.path.join(workdir, "modemd.log")
        daemon = subprocess.Popen([os.environ["MODEMD"], "--test-session", "--test-no-udev", "--test-no-auth", "--test-enable",
                                   "--log-level=DEBUG", f"--log-file={log}"], env=env)
        harness.wait_for(lambda: subprocess.run(
            ["gdbus", "introspect", "--session", "--dest", harness.BUS_NAME,
             "--object-path", harness.MANAGER_PATH], env=env, capture_output=True).returncode == 0,
            what="modemd on the bus")
        print(f"modemd runs on a private bus ({bus.address}); its log is {log}")
        subprocess.run(["gdbus", "call", "--session", "--dest", harness.BUS_NAME,
                        "--object-path", harness.MANAGER_PATH, "--method",
                        "org.freedesktop.ModemManager1.Test.SetProfile",
                        "demo", "generic", f"['{sim.port}']"], env=env, check=True,
                       stdout=subprocess.DEVNULL)
        failures = 0
        failures += show("list the modems", ["mmcli", "-L"], env) != 0
        failures += show("show modem 0", ["mmcli", "-m", "0"], env) != 0
        failures += show("show its SIM", ["mmcli", "-i", "0"], env) != 0
        failures += show("enable it", ["mmcli", "-m", "0", "-e"], env) != 0
        failures += show("connect (PPP)", ["mmcli", "-m", "0", "--simple-connect=apn=internet"], env) != 0
        failures += show("show the bearer", ["mmcli", "-b", "0"], env) != 0
        failures += show("disconnect", ["mmcli", "-m", "0", "--simple-disconnect"], env) != 0
        print("\nThe demo worked." if not failures else "\nThe demo FAILED.")
        return 1 if failures else 0
    finally:
        if daemon:
            daemon.terminate()
            daemon.wait(timeout=30)
        if sim:
            sim.stop()
        bus.stop()


if __name__ == "__main__":
    sys.exit(main())
