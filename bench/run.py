#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Runs the same scenario against modemd and, when installed, Debian's
ModemManager, each on its own private bus with its own modem-sim on an
abstract socket, and prints per daemon: SetProfile -> modem exported,
Enable, Simple.Connect (ms, median of N runs), peak RSS and private
anonymous memory (KiB) after the run. A bare GDBus service linked to the
same libraries gives the memory baseline.

usage: bench/run.py [BUILD_DIR] [--runs N]
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "integration"))
import harness  # noqa: E402

MODEMMANAGER = "/usr/sbin/ModemManager"
SETTLE_SECONDS = 0.5


def memory_kib(pid):
    """Peak RSS and private anonymous memory of a process, in KiB, and the
    current RSS split into file-backed and anonymous pages (in "detail")."""
    fields = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("VmHWM", "VmRSS", "RssAnon", "RssFile"):
                fields[key] = int(value.split()[0])
    with open(f"/proc/{pid}/smaps_rollup") as rollup:
        for line in rollup:
            if line.startswith("Anonymous:"):
                fields["Anonymous"] = int(line.split()[1])
    return fields["VmHWM"], fields["Anonymous"], fields


def wait_owned(env, name):
    harness.wait_for(lambda: subprocess.run(
        ["gdbus", "call", "--session", "--dest", "org.freedesktop.DBus", "--object-path",
         "/org/freedesktop/DBus", "--method", "org.freedesktop.DBus.NameHasOwner", name],
        env=env, capture_output=True, text=True).stdout.strip() == "(true,)", what=name)


def start_sim(protocol, label, workdir, index):
    """The simulated modem and the SetProfile port list that reaches it."""
    if protocol == "mbim":
        sim = harness.Sim("default.ini", workdir, at="none", mbim="pty")
        return sim, f"mbim:{sim.mbim_port},net:wwan0"
    # ModemManager, like modemd and modem-sim, uses the whole
    # "abstract:NAME" string as the abstract socket name, so the port
    # string is passed through unchanged.
    name = f"md-bench-{os.getpid()}-{label}-{index}"
    sim = harness.Sim("default.ini", workdir, at=f"abstract:{name}")
    return sim, sim.port


def run_once(build, label, daemon_argv, protocol, workdir, index):
    bus = harness.PrivateBus()
    sim = daemon = None
    try:
        env = bus.env()
        sim, ports = start_sim(protocol, label, workdir, index)
        daemon = subprocess.Popen(daemon_argv, env=env, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        wait_owned(env, "org.freedesktop.ModemManager1")
        # Start-up work after taking the name (ModemManager's device scan)
        # must not overlap the timed part.
        time.sleep(SETTLE_SECONDS)
        out = subprocess.run([os.path.join(build, "bench", "md-bench-client"), ports],
                             env=env, capture_output=True, text=True, timeout=300)
        if out.returncode != 0:
            raise RuntimeError(out.stderr.strip())
        result = json.loads(out.stdout)
        result["peak_rss_kib"], result["anon_kib"], result["detail"] = memory_kib(daemon.pid)
        return result
    finally:
        if daemon:
            daemon.terminate()
            daemon.wait(timeout=30)
        if sim:
            sim.stop()
        bus.stop()


def baseline(build):
    bus = harness.PrivateBus()
    proc = subprocess.Popen([os.path.join(build, "bench", "md-bare-service")], env=bus.env())
    try:
        wait_owned(bus.env(), "org.example.MdBareService")
        time.sleep(0.2)
        return memory_kib(proc.pid)
    finally:
        proc.terminate()
        proc.wait()
        bus.stop()


TIMES = ("exported_ms", "enable_ms", "connect_ms")
MEMORY = ("peak_rss_kib", "anon_kib")
# The targets of the performance issue.
TARGET_MS = {"exported_ms": 100, "enable_ms": 50, "connect_ms": 50}
TARGET_RSS_OVER_BARE_KIB = 1024


def summarize(runs):
    summary = {key: statistics.median(run[key] for run in runs) for key in TIMES + MEMORY}
    for key in TIMES:
        summary[key + "_range"] = [min(run[key] for run in runs), max(run[key] for run in runs)]
    summary["runs"] = len(runs)
    summary["detail"] = runs[-1]["detail"]
    return summary


def report(results):
    bare = results["bare GDBus service"]
    print(f"{'daemon':<20} {'exported':>9} {'enable':>8} {'connect':>8} {'peak RSS':>10} {'anon':>9}")
    for label, r in results.items():
        cells = [f"{r[k]:.1f} ms" if k in r else "-" for k in TIMES]
        print(f"{label:<20} {cells[0]:>9} {cells[1]:>8} {cells[2]:>8} "
              f"{r['peak_rss_kib']:>6.0f} KiB {r['anon_kib']:>5.0f} KiB")
    for label, r in results.items():
        if "exported_ms" not in r:
            continue
        over = r["peak_rss_kib"] - bare["peak_rss_kib"]
        checks = [f"{k} {'met' if r[k] < limit else 'MISSED'}" for k, limit in TARGET_MS.items()]
        checks.append(f"RSS +{over:.0f} KiB over bare "
                      f"{'met' if over <= TARGET_RSS_OVER_BARE_KIB else 'MISSED'}")
        print(f"{label}: " + ", ".join(checks))
    print(json.dumps(results))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("build", nargs="?", default=os.path.join(ROOT, "build"))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    build = os.path.abspath(args.build)
    # harness reads these at import time, so set its copies directly.
    harness.MODEM_SIM = os.environ.get("MODEM_SIM", os.path.join(build, "simulator", "modem-sim"))
    harness.SCENARIOS = os.environ.get("MD_SCENARIOS", os.path.join(ROOT, "simulator", "scenarios"))
    workdir = tempfile.mkdtemp(prefix="modemd-bench-")
    modemd = [os.path.join(build, "src", "daemon", "modemd"), "--test-session", "--test-no-udev", "--test-no-auth", "--test-enable",
              "--log-level=ERR"]
    # label: (argv, protocol of the simulated modem)
    daemons = {"modemd": (modemd, "at"),
               "modemd (MBIM)": (modemd + ["--no-mbim-proxy", "--test-fake-net-links"], "mbim")}
    # Its plugins load from the compiled-in directory; the generic plugin is
    # called "generic", the name md-bench-client passes to SetProfile.
    if os.path.exists(MODEMMANAGER):
        daemons["ModemManager"] = ([MODEMMANAGER, "--test-session", "--test-enable",
                                    "--log-level=ERR"], "at")
    results = {}
    for label, (argv, protocol) in daemons.items():
        runs = []
        for i in range(args.runs):
            try:
                runs.append(run_once(build, label, argv, protocol, workdir, i))
            except Exception as error:  # a daemon that fails a run is reported, not fatal
                print(f"{label}: run {i} failed: {error}", file=sys.stderr)
        if runs:
            results[label] = summarize(runs)
    bare = [baseline(build) for _ in range(3)]
    results["bare GDBus service"] = {"peak_rss_kib": statistics.median(b[0] for b in bare),
                                     "anon_kib": statistics.median(b[1] for b in bare),
                                     "detail": bare[0][2]}
    shutil.rmtree(workdir, ignore_errors=True)
    report(results)


if __name__ == "__main__":
    main()
