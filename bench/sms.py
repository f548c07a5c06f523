#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""SMS at scale, modemd beside Debian's ModemManager on the same simulated
AT modem (modem-sim on an abstract socket, as bench/run.py does). Per
daemon and run, two fresh daemons:

- full: modem-sim holds 1,000 stored messages (sms-fill 1000: 1,100 SIM
  entries, every tenth message in two parts); timed from calling
  Modem.Enable until Enable has returned and all 1,000 distinct
  Messaging.Added signals arrived ("listed"); then Messaging.List must
  return 1,000 paths; the daemon's memory is read.
- empty: no stored message; Enable, the memory is read, then a burst of
  100 incoming messages (sms-burst 100 GAP: +CMTI each, all at once or
  one every GAP ms) is timed from the control command until 100 distinct
  Added signals arrived ("burst"); a daemon that loses some is noticed
  after 5 s without a new one, and "arrived" (the fewest of the runs)
  says how many came.

"list CPU" is the daemon's CPU time (user + system, /proc/PID/stat) from
Enable until the listing is complete, full run minus empty run: the work
the 1,000 messages cost, less disturbed by a busy machine than the time.
Memory per stored message = (full - empty) / 1,000, for private anonymous
memory (smaps_rollup) and RSS. The client follows signals on its own
connection; it polls nothing while timed.

usage: /usr/bin/python3 bench/sms.py [BUILD_DIR] [--runs N] [--messages N] [--burst M]
       [--gap MS] [--daemon modemd|mm|both]
Needs the system's python3-gi (run with /usr/bin/python3).
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

from gi.repository import Gio, GLib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "integration"))
import harness  # noqa: E402

MODEMMANAGER = "/usr/sbin/ModemManager"
SETTLE_SECONDS = 0.5
LIMIT_SECONDS = int(os.environ.get("MD_BENCH_LIMIT_SECONDS", "300"))
BUS_NAME = "org.freedesktop.ModemManager1"
ROOT_PATH = "/org/freedesktop/ModemManager1"
MESSAGING = BUS_NAME + ".Modem.Messaging"
STATE_DISABLED = 3
QUIET_SECONDS = 5


def cpu_ms(pid):
    """User plus system CPU time the process used so far."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def memory_kib(pid):
    fields = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                fields[key] = int(value.split()[0])
    with open(f"/proc/{pid}/smaps_rollup") as rollup:
        for line in rollup:
            if line.startswith("Anonymous:"):
                fields["Anonymous"] = int(line.split()[1])
    return fields


class Client:
    """One bus connection that records Messaging.Added (distinct paths, the
    time the count was reached) and the modem that appears."""

    def __init__(self, address):
        flags = (Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT
                 | Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION)
        self.bus = Gio.DBusConnection.new_for_address_sync(address, flags, None, None)
        self.modem = None
        self.added = set()
        self.wanted = 0
        self.t_wanted = None
        self.bus.signal_subscribe(BUS_NAME, "org.freedesktop.DBus.ObjectManager", "InterfacesAdded", ROOT_PATH,
                                  None, Gio.DBusSignalFlags.NONE, self.on_interfaces_added)
        self.bus.signal_subscribe(BUS_NAME, MESSAGING, "Added", None, None, Gio.DBusSignalFlags.NONE,
                                  self.on_added)

    def on_interfaces_added(self, bus, sender, path, iface, signal, params):
        obj, ifaces = params.unpack()
        if obj.startswith(ROOT_PATH + "/Modem/") and BUS_NAME + ".Modem" in ifaces and not self.modem:
            self.modem = obj

    def on_added(self, bus, sender, path, iface, signal, params):
        self.added.add(params.unpack()[0])
        self.t_last = time.monotonic()
        if self.wanted and len(self.added) >= self.wanted and self.t_wanted is None:
            self.t_wanted = time.monotonic()

    def expect(self, count):
        self.added = set()
        self.wanted = count
        self.t_wanted = None
        self.t_last = time.monotonic()

    def call(self, path, iface, method, args, reply_type=None):
        return self.bus.call_sync(BUS_NAME, path, iface, method, args,
                                  GLib.VariantType(reply_type) if reply_type else None,
                                  Gio.DBusCallFlags.NONE, LIMIT_SECONDS * 1000, None)

    def state(self):
        return self.call(self.modem, "org.freedesktop.DBus.Properties", "Get",
                         GLib.Variant("(ss)", (BUS_NAME + ".Modem", "State")), "(v)").unpack()[0]


def iterate_until(predicate, what):
    context = GLib.MainContext.default()
    deadline = time.monotonic() + LIMIT_SECONDS
    wake = GLib.timeout_add(20, lambda: True)
    try:
        while not predicate():
            if time.monotonic() > deadline:
                raise RuntimeError(f"timed out waiting for {what() if callable(what) else what}")
            context.iteration(True)
    finally:
        GLib.source_remove(wake)


def run_once(argv, workdir, label, index, messages, burst, gap=0):
    scenario = os.path.join(workdir, "sms.ini")
    shutil.copy(os.path.join(harness.SCENARIOS, "default.ini"), scenario)
    with open(scenario, "a") as out:
        out.write(f"\n[sms]\ncapacity={max(messages + messages // 10 + burst, 20)}\n")
    bus = harness.PrivateBus()
    sim = daemon = None
    name = f"md-bench-sms-{os.getpid()}-{label}-{index}-{messages}"
    try:
        sim = harness.Sim(scenario, workdir, at=f"abstract:{name}")
        if messages:
            sim.control(f"sms-fill {messages}")
        address = bus.env()["DBUS_SESSION_BUS_ADDRESS"]
        log = os.environ.get("MD_BENCH_DAEMON_LOG")  # debugging: the daemon's stderr, appended
        with open(log or os.devnull, "a") as err:
            daemon = subprocess.Popen(argv, env=bus.env(), stdout=subprocess.DEVNULL, stderr=err)
        client = Client(address)
        iterate_until(lambda: client.bus.call_sync(
            "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "NameHasOwner",
            GLib.Variant("(s)", (BUS_NAME,)), None, Gio.DBusCallFlags.NONE, -1, None).unpack()[0],
            "the daemon's name")
        time.sleep(SETTLE_SECONDS)
        client.call(ROOT_PATH, BUS_NAME + ".Test", "SetProfile",
                    GLib.Variant("(ssas)", ("bench0", "generic", [sim.port])))
        iterate_until(lambda: client.modem is not None, "the modem")
        iterate_until(lambda: client.state() >= STATE_DISABLED, "the modem to initialize")
        result = {}
        client.expect(messages)
        enabled = {}

        def enable_done(bus, res):
            bus.call_finish(res)
            enabled["t"] = time.monotonic()
        cpu0 = cpu_ms(daemon.pid)
        t0 = time.monotonic()
        client.bus.call(BUS_NAME, client.modem, BUS_NAME + ".Modem", "Enable", GLib.Variant("(b)", (True,)),
                        None, Gio.DBusCallFlags.NONE, LIMIT_SECONDS * 1000, None, enable_done)
        iterate_until(lambda: "t" in enabled and (not messages or client.t_wanted), "Enable and the listing")
        result["enable_ms"] = (enabled["t"] - t0) * 1000
        result["enable_cpu_ms"] = cpu_ms(daemon.pid) - cpu0
        if messages:
            result["listed_ms"] = (max(client.t_wanted, enabled["t"]) - t0) * 1000
        listed = client.call(client.modem, MESSAGING, "List", None, "(ao)").unpack()[0]
        if len(set(listed)) != messages:
            raise RuntimeError(f"List returned {len(set(listed))} messages, not {messages}")
        result.update({k: v for k, v in memory_kib(daemon.pid).items()})
        if burst:
            client.expect(burst)
            t0 = time.monotonic()
            sim.control(f"sms-burst {burst} {gap}")
            # A daemon that loses messages is caught by QUIET_SECONDS without
            # a new one; the time is then to the last one that arrived.
            iterate_until(lambda: client.t_wanted or time.monotonic() - client.t_last > QUIET_SECONDS,
                          lambda: f"the burst ({len(client.added)} of {burst} seen)")
            result["burst_ms"] = ((client.t_wanted or client.t_last) - t0) * 1000
            result["burst_arrived"] = len(client.added)
        return result
    finally:
        if daemon:
            daemon.terminate()
            daemon.wait(timeout=30)
        if sim:
            sim.stop()
        bus.stop()


def median_range(values):
    return statistics.median(values), min(values), max(values)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("build", nargs="?", default=os.path.join(ROOT, "build"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--burst", type=int, default=100)
    parser.add_argument("--gap", type=int, default=0,
                        help="ms between the burst's messages (0: all at once)")
    parser.add_argument("--daemon", choices=("modemd", "mm", "both"), default="both")
    args = parser.parse_args()
    build = os.path.abspath(args.build)
    harness.MODEM_SIM = os.environ.get("MODEM_SIM", os.path.join(build, "simulator", "modem-sim"))
    harness.SCENARIOS = os.environ.get("MD_SCENARIOS", os.path.join(ROOT, "simulator", "scenarios"))
    workdir = tempfile.mkdtemp(prefix="modemd-bench-sms-")
    daemons = {}
    if args.daemon in ("modemd", "both"):
        daemons["modemd"] = [os.path.join(build, "src", "daemon", "modemd"), "--test-session", "--test-no-udev",
                             "--test-no-auth", "--test-enable", "--log-level=ERR"]
    if args.daemon in ("mm", "both") and os.path.exists(MODEMMANAGER):
        daemons["ModemManager"] = [MODEMMANAGER, "--test-session", "--test-enable", "--log-level=ERR"]
    results = {}
    for label, argv in daemons.items():
        runs = []
        for i in range(args.runs):
            try:
                full = run_once(argv, workdir, label, i, args.messages, 0)
                empty = run_once(argv, workdir, label, i, 0, args.burst, args.gap)
                runs.append({"listed_ms": full["listed_ms"], "burst_ms": empty["burst_ms"],
                             "listed_cpu_ms": full["enable_cpu_ms"] - empty["enable_cpu_ms"],
                             "burst_arrived": empty["burst_arrived"],
                             "anon_per_msg": (full["Anonymous"] - empty["Anonymous"]) * 1024 / args.messages,
                             "rss_per_msg": (full["VmRSS"] - empty["VmRSS"]) * 1024 / args.messages,
                             "anon_empty": empty["Anonymous"], "anon_full": full["Anonymous"],
                             "rss_empty": empty["VmRSS"], "rss_full": full["VmRSS"]})
                print(f"{label} run {i}: {json.dumps(runs[-1])}", file=sys.stderr)
            except Exception as error:  # a failed run is reported, not fatal
                print(f"{label}: run {i} failed: {error}", file=sys.stderr)
        if runs:
            results[label] = {key: median_range([r[key] for r in runs]) for key in runs[0]}
    shutil.rmtree(workdir, ignore_errors=True)
    print(f"{'daemon':<14} {'listed ' + str(args.messages):>24} {'burst ' + str(args.burst):>24} {'arrived':>8} {'list CPU':>9} "
          f"{'anon B/msg':>11} {'RSS B/msg':>10} {'anon 0 / N KiB':>16}")
    for label, r in results.items():
        def ms(key):
            return f"{r[key][0]:.0f} ({r[key][1]:.0f}-{r[key][2]:.0f}) ms"
        print(f"{label:<14} {ms('listed_ms'):>24} {ms('burst_ms'):>24} {r['burst_arrived'][1]:>8} "
              f"{r['listed_cpu_ms'][0]:>6.0f} ms "
              f"{r['anon_per_msg'][0]:>11.0f} "
              f"{r['rss_per_msg'][0]:>10.0f} {r['anon_empty'][0]:>7.0f} / {r['anon_full'][0]:.0f}")
    print(json.dumps(results))


if __name__ == "__main__":
    main()
