#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Many modems at once (an SMS gateway, a multi-WAN router): N devices of
one kind plugged into one umockdev testbed at the same moment, each with
its own modem-sim, for modemd and for Debian's ModemManager in the same
run. Per fleet size:

- exported: from the first device's plug-in until the N-th modem's
  InterfacesAdded; the simulators are started one after the other once
  all devices are plugged, inside that span for both daemons, so the time
  after the last simulator started is shown too;
- Enable: Modem.Enable(true) sent to all N at once, until every call has
  returned and every modem is REGISTERED;
- Connect: Simple.Connect (apn internet, IPv4) sent to all N at once,
  until every call has returned;
- CPU: the daemon's user+system time from the first plug-in to the last
  Connect's return, and over an idle span after it (--idle seconds);
- memory after the idle span: the daemon's peak RSS and anonymous
  memory, and the RSS of the proxies it spawned (qmi-proxy, mbim-proxy).

    /usr/bin/python3 bench/fleet.py BUILD_DIR [--kind qmi|mbim|option] [--modems 1,8,32]
        [--runs N] [--daemon modemd|mm|both] [--idle S] [--warm-proxy]

Like plugin.py (whose Run it uses) it runs in its own network namespace
and under the umockdev preload; modemd with --no-mbim-proxy, ModemManager
with the udev properties its rules would set."""

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import plugin  # noqa: E402
from plugin import BUS_NAME, STATE_DISABLED, STATE_REGISTERED  # noqa: E402

PROXIES = ("qmi-proxy", "mbim-proxy")


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("build")
    parser.add_argument("--kind", choices=["qmi", "mbim", "option"], default="qmi")
    parser.add_argument("--modems", default="1,8,32",
                        help="comma-separated fleet sizes")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--daemon", choices=["modemd", "mm", "both"], default="both")
    parser.add_argument("--idle", type=float, default=10.0,
                        help="seconds of idle after the connects, for the idle CPU figure")
    parser.add_argument("--warm-proxy", action="store_true",
                        help="with --kind qmi: start qmi-proxy before the plug-in")
    parser.add_argument("--log-level", default="ERR")
    return parser.parse_args()


def cpu_seconds(pid):
    """The CPU time of all of pid's threads so far, in nanosecond steps
    (schedstat), not clock ticks: an idle minute is a few milliseconds. A
    thread that ended takes its share with it (GLib's worker threads
    live as long as the process)."""
    total = 0
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/schedstat") as f:
                total += int(f.read().split()[0])
        except OSError:
            pass
    return total / 1e9


def proxies_rss_kib(testbed):
    total = 0
    for pid in testbed.processes():
        try:
            with open(f"/proc/{pid}/comm") as f:
                if f.read().strip() not in PROXIES:
                    continue
            with open(f"/proc/{pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        except OSError:
            pass
    return total


class FleetRun(plugin.Run):
    """One daemon, one testbed, a fleet of one kind of device."""

    def plug_fleet(self, kind, count):
        """Plugs all count devices, then starts their simulators."""
        import umockdev_harness
        props = ["*:ID_MM_CANDIDATE=1"] if self.daemon_name == "mm" else None
        nodes = [umockdev_harness.plug_numbered(self.testbed, kind, i, f"3-{i + 1}", props)[1]
                 for i in range(count)]
        for node_args in nodes:
            self.sim(**node_args)

    def follow_removals(self):
        """Modems the daemon removes while the fleet comes up (one
        ModemManager run removed a modem it had exported); they are counted
        and waited for again."""
        self.removed = []

        def on_removed(conn, sender, path, iface, signal, params):
            gone = params.unpack()[0]
            self.removed.append(gone)
            self.added.pop(gone, None)

        self.conn.signal_subscribe(BUS_NAME, "org.freedesktop.DBus.ObjectManager",
                                   "InterfacesRemoved", plugin.MANAGER_PATH, None, 0, on_removed)

    def live(self):
        return set(self.added)

    def all_initialized(self, count):
        """count modems exported, each at least DISABLED (one removed
        meanwhile is waited for again)."""
        from gi.repository import GLib
        paths = self.live()
        if len(paths) < count:
            return False
        try:
            return all(self.state(p) >= STATE_DISABLED for p in paths)
        except GLib.Error:
            return False

    def call_all(self, paths, interface, method, params):
        """Sends method to every path at once; returns when every call
        has returned, or raises with the first error."""
        from gi.repository import GLib
        returned, errors = set(), []

        def done(conn, result, path):
            try:
                conn.call_finish(result)
            except GLib.Error as error:
                errors.append(f"{path}: {error.message}")
            returned.add(path)

        for path in paths:
            self.conn.call(BUS_NAME, path, interface, method, params, None, 0,
                           plugin.LIMIT_S * 1000, None, done, path)
        self.wait(lambda: len(returned) == len(paths), f"{method} on every modem")
        if errors:
            raise SystemExit(f"{method} failed: {errors[0]}")

    def idle(self, seconds):
        """Runs the main context for seconds (signals are taken, no call
        is made)."""
        from gi.repository import GLib
        context = GLib.MainContext.default()
        deadline = time.monotonic() + seconds
        timer = GLib.timeout_add(100, lambda: True)
        try:
            while time.monotonic() < deadline:
                context.iteration(True)
        finally:
            GLib.source_remove(timer)

    def fleet(self, kind, count, idle):
        from gi.repository import GLib
        states = {}

        def on_changed(conn, sender, obj, iface, signal, params):
            changed_iface, changed, _ = params.unpack()
            if changed_iface == BUS_NAME + ".Modem" and "State" in changed:
                states[obj] = changed["State"]

        sub = self.conn.signal_subscribe(BUS_NAME, "org.freedesktop.DBus.Properties",
                                         "PropertiesChanged", None, None, 0, on_changed)
        self.follow_removals()
        try:
            cpu0 = cpu_seconds(self.proc.pid)
            start = time.monotonic()
            self.plug_fleet(kind, count)
            plugged = time.monotonic() - start
            self.wait(lambda: len(self.live()) >= count, f"{count} modems exported")
            exported = max(self.added[p] for p in self.live()) - start
            self.wait(lambda: self.all_initialized(count), f"{count} modems initialized")
            paths = sorted(self.live())
            for path in paths:
                states.setdefault(path, self.state(path))
            t = time.monotonic()
            self.call_all(paths, BUS_NAME + ".Modem", "Enable", GLib.Variant("(b)", (True,)))
            self.wait(lambda: all(states[p] >= STATE_REGISTERED for p in paths),
                      "every modem registered")
            enable = time.monotonic() - t
            props = {"apn": GLib.Variant("s", "internet"), "ip-type": GLib.Variant("u", 1)}
            t = time.monotonic()
            self.call_all(paths, BUS_NAME + ".Modem.Simple", "Connect",
                          GLib.Variant("(a{sv})", (props,)))
            connect = time.monotonic() - t
            cpu_busy = cpu_seconds(self.proc.pid) - cpu0
            cpu1 = cpu_seconds(self.proc.pid)
            self.idle(idle)
            cpu_idle = cpu_seconds(self.proc.pid) - cpu1
        finally:
            self.conn.signal_unsubscribe(sub)
        peak, anon = self.memory()
        return {"rebuilt": len(self.removed), "plugged": plugged, "exported": exported,
                "after_sims": exported - plugged, "enable": enable, "connect": connect,
                "cpu_busy": cpu_busy, "cpu_idle_per_min": cpu_idle * 60.0 / idle if idle else 0.0,
                "peak_rss": peak, "anon": anon, "proxies_rss": proxies_rss_kib(self.testbed)}


def measure(daemon, count, args):
    results = []
    for _ in range(args.runs):
        workdir = tempfile.mkdtemp(prefix="md-fleet-bench-")
        run = FleetRun(daemon, os.path.abspath(args.build), workdir, args.log_level)
        try:
            if args.warm_proxy and args.kind == "qmi":
                run.start_proxy()
            results.append(run.fleet(args.kind, count, args.idle))
        finally:
            run.stop()
            shutil.rmtree(workdir, ignore_errors=True)
    return results


def median(results, key, scale=1.0):
    return statistics.median(r[key] * scale for r in results)


def report(daemon, count, results):
    print(f"{daemon:8} {count:4}  exported {median(results, 'exported', 1000):8.0f} ms "
          f"({median(results, 'after_sims', 1000):.0f} after the last simulator started)  "
          f"Enable {median(results, 'enable', 1000):7.0f} ms  "
          f"Connect {median(results, 'connect', 1000):7.0f} ms  "
          f"CPU {median(results, 'cpu_busy'):5.2f} s busy, "
          f"{median(results, 'cpu_idle_per_min') * 1000:5.1f} ms/min idle  "
          f"peak RSS {median(results, 'peak_rss'):6.0f} KiB  anon {median(results, 'anon'):6.0f} KiB  "
          f"proxies {median(results, 'proxies_rss'):6.0f} KiB  "
          f"modems removed and built again {sum(r['rebuilt'] for r in results)}  "
          f"(plugged in {median(results, 'plugged', 1000):.0f} ms; {len(results)} runs)", flush=True)


def main():
    args = parse_args()
    plugin.enter_testbed(args.build)
    import umockdev_harness
    umockdev_harness.deepen_uevent_queue()
    daemons = ["modemd", "mm"] if args.daemon == "both" else [args.daemon]
    sizes = [int(n) for n in args.modems.split(",")]
    print(f"kind {args.kind}; medians of {args.runs} runs")
    for count in sizes:
        for daemon in daemons:
            try:
                report(daemon, count, measure(daemon, count, args))
            except (TimeoutError, SystemExit) as error:
                print(f"{daemon:8} {count:4}  failed: {error}", flush=True)


if __name__ == "__main__":
    main()
