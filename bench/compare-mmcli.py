#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Compares what the real mmcli shows for the same simulated modem under
modemd and under Debian's ModemManager: each daemon gets its own private
bus and its own modem-sim (default.ini on an abstract socket), the modem is
enabled with `mmcli -e`, and then `mmcli -m any -J` and `mmcli -i any -J`
are flattened and compared field by field. Object paths and times are
ignored. Prints one line per differing field; exits 0 either way.

usage: bench/compare-mmcli.py [BUILD_DIR] [--scenario default.ini]
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "integration"))
import harness  # noqa: E402

MODEMMANAGER = "/usr/sbin/ModemManager"
SETTLE_SECONDS = 2.0
# Fields that differ by nature, not by behaviour.
IGNORED = ("dbus-path",)


def mmcli(env, *args, check=True):
    out = subprocess.run(["mmcli", *args], env=env, capture_output=True, text=True, timeout=60)
    if check and out.returncode != 0:
        raise RuntimeError(f"mmcli {' '.join(args)}: {out.stderr.strip()}")
    return out


def mmcli_json(env, *args):
    return json.loads(mmcli(env, *args, "-J").stdout)


def modem_state(env):
    out = mmcli(env, "-m", "any", "-J", check=False)
    if out.returncode != 0:
        return None
    return json.loads(out.stdout)["modem"]["generic"]["state"]


def capture(label, argv, scenario, workdir):
    """Returns (modem, sim) JSON as mmcli shows them once enabled."""
    bus = harness.PrivateBus()
    env = bus.env()
    # The same port name for both daemons (one after the other), so Ports
    # and PrimaryPort compare equal.
    sim = harness.Sim(scenario, workdir, at=f"abstract:md-compare-{os.getpid()}")
    daemon = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        harness.wait_for(lambda: mmcli(env, "-L", check=False).returncode == 0, what=f"{label} on the bus")
        subprocess.run(["gdbus", "call", "--session", "--dest", harness.BUS_NAME, "--object-path",
                        harness.MANAGER_PATH, "--method", harness.BUS_NAME + ".Test.SetProfile",
                        "bench0", "generic", f"['{sim.port}']"],
                       env=env, check=True, capture_output=True, timeout=60)
        harness.wait_for(lambda: modem_state(env) not in (None, "initializing"), what=f"{label} modem")
        mmcli(env, "-m", "any", "-e")
        harness.wait_for(lambda: modem_state(env) == "registered", what=f"{label} registered")
        # Signal quality and other values load after enabling.
        time.sleep(SETTLE_SECONDS)
        return mmcli_json(env, "-m", "any"), mmcli_json(env, "-i", "any")
    finally:
        daemon.terminate()
        daemon.wait(timeout=30)
        sim.stop()
        bus.stop()


def flatten(value, prefix=""):
    """{"a": {"b": 1}} -> {"a.b": 1}; lists stay whole (their order matters)."""
    if isinstance(value, dict):
        flat = {}
        for key, item in value.items():
            flat.update(flatten(item, f"{prefix}.{key}" if prefix else key))
        return flat
    return {prefix: value}


def is_path_or_time(key, value):
    if any(part in key for part in IGNORED):
        return True
    values = value if isinstance(value, list) else [value]
    return any(isinstance(v, str) and v.startswith("/org/freedesktop/ModemManager1/") for v in values)


def differences(ours, theirs):
    a, b = flatten(ours), flatten(theirs)
    for key in sorted(set(a) | set(b)):
        va, vb = a.get(key, "(absent)"), b.get(key, "(absent)")
        if va != vb and not (is_path_or_time(key, va) and is_path_or_time(key, vb)):
            yield key, va, vb


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("build", nargs="?", default=os.path.join(ROOT, "build"))
    parser.add_argument("--scenario", default="default.ini")
    args = parser.parse_args()
    build = os.path.abspath(args.build)
    harness.MODEM_SIM = os.environ.get("MODEM_SIM", os.path.join(build, "simulator", "modem-sim"))
    harness.SCENARIOS = os.environ.get("MD_SCENARIOS", os.path.join(ROOT, "simulator", "scenarios"))
    if not (shutil.which("mmcli") and os.path.exists(MODEMMANAGER)):
        sys.exit("needs mmcli and ModemManager")
    workdir = tempfile.mkdtemp(prefix="modemd-compare-")
    try:
        ours = capture("modemd", [os.path.join(build, "src", "daemon", "modemd"), "--test-session",
                                  "--test-no-udev", "--test-no-auth", "--test-enable", "--log-level=ERR"], args.scenario, workdir)
        theirs = capture("ModemManager", [MODEMMANAGER, "--test-session", "--test-enable",
                                          "--log-level=ERR"], args.scenario, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    count = 0
    for section, a, b in (("modem", ours[0], theirs[0]), ("sim", ours[1], theirs[1])):
        for key, va, vb in differences(a, b):
            print(f"{section}: {key}\n    modemd:       {json.dumps(va)}\n    ModemManager: {json.dumps(vb)}")
            count += 1
    print(f"{count} differing fields")


if __name__ == "__main__":
    main()
