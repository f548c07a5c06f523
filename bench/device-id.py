#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Prints the Modem.DeviceIdentifier that a daemon publishes for modem-sim
serving a scenario on an abstract AT socket (Test.SetProfile, plugin
generic), read with the real mmcli. Used to record the reference values of
tests/core/test-device-identifier.c from Debian's ModemManager 1.20.4.

usage: bench/device-id.py [--daemon modemd|ModemManager] [--build DIR] SCENARIO...
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "integration"))
import harness  # noqa: E402

MODEMMANAGER = "/usr/sbin/ModemManager"


def mmcli(env, *args):
    return subprocess.run(["mmcli", *args], env=env, capture_output=True, text=True, timeout=60)


def modem_generic(env):
    out = mmcli(env, "-m", "any", "-J")
    if out.returncode != 0:
        return None
    generic = json.loads(out.stdout)["modem"]["generic"]
    return generic if generic["state"] not in ("initializing", "unknown") else None


def device_id(argv, scenario, workdir, debug):
    bus = harness.PrivateBus()
    env = bus.env()
    sim = harness.Sim(scenario, workdir, at=f"abstract:md-devid-{os.getpid()}")
    daemon = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL,
                              stderr=None if debug else subprocess.DEVNULL)
    try:
        harness.wait_for(lambda: mmcli(env, "-L").returncode == 0, what="daemon on the bus")
        subprocess.run(["gdbus", "call", "--session", "--dest", harness.BUS_NAME, "--object-path",
                        harness.MANAGER_PATH, "--method", harness.BUS_NAME + ".Test.SetProfile",
                        "devid0", "generic", f"['{sim.port}']"],
                       env=env, check=True, capture_output=True, timeout=60)
        harness.wait_for(lambda: modem_generic(env) is not None, what="modem")
        return modem_generic(env)
    finally:
        daemon.terminate()
        daemon.wait(timeout=30)
        sim.stop()
        bus.stop()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--daemon", choices=("modemd", "ModemManager"), default="ModemManager")
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--debug", action="store_true", help="the daemon logs at debug level to stderr")
    parser.add_argument("scenarios", nargs="+")
    args = parser.parse_args()
    build = os.path.abspath(args.build)
    harness.MODEM_SIM = os.environ.get("MODEM_SIM", os.path.join(build, "simulator", "modem-sim"))
    harness.SCENARIOS = os.environ.get("MD_SCENARIOS", os.path.join(ROOT, "simulator", "scenarios"))
    if args.daemon == "modemd":
        argv = [os.path.join(build, "src", "daemon", "modemd"), "--test-session", "--test-no-udev", "--test-no-auth", "--test-enable",
                "--log-level=ERR"]
    else:
        if not (shutil.which("mmcli") and os.path.exists(MODEMMANAGER)):
            sys.exit("needs mmcli and ModemManager")
        argv = [MODEMMANAGER, "--test-session", "--test-enable", "--log-level=ERR"]
    if args.debug:
        argv[-1] = "--log-level=DEBUG"
    workdir = tempfile.mkdtemp(prefix="modemd-devid-")
    try:
        for scenario in args.scenarios:
            generic = device_id(argv, os.path.abspath(scenario) if os.path.exists(scenario) else scenario,
                                workdir, args.debug)
            print(f"{os.path.basename(scenario)}: {generic['device-identifier']}"
                  f" (manufacturer '{generic['manufacturer']}', model '{generic['model']}',"
                  f" revision '{generic['revision']}', equipment id '{generic['equipment-identifier']}')")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
