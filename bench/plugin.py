#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Plug-in benchmark: for each testbed device, the time from plugging it
into a umockdev testbed (its first "add" uevent) until the daemon emits
InterfacesAdded for the new modem on D-Bus; for modemd and for Debian's
ModemManager in the same testbed. Runs inside its own network namespace
(unshare -n: mbim-proxy's abstract socket stays private) and under the
umockdev preload.

    /usr/bin/python3 bench/plugin.py BUILD_DIR [--runs N] [--daemon modemd|mm|both]
        [--device mbim|option|pcie|mbim-at] [--keep-logs DIR] [--log-level ERR|DEBUG]
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(SOURCE, "tests", "integration"))

MM = "/usr/sbin/ModemManager"
BUS_NAME = "org.freedesktop.ModemManager1"
MANAGER_PATH = "/org/freedesktop/ModemManager1"
LIMIT_S = 60

# What ModemManager's udev rules (80-mm-candidate.rules and the vendor
# 77-mm-*.rules) would have set on these ports; no udevd runs here.
MM_RULE_PROPS = {
    "mbim": ["*:ID_MM_CANDIDATE=1"],
    "option": ["*:ID_MM_CANDIDATE=1"],
    "pcie": ["*:ID_MM_CANDIDATE=1", "wwan{n}mbim0:ID_MM_PORT_TYPE_MBIM=1",
             "wwan{n}at0:ID_MM_PORT_TYPE_AT_PRIMARY=1"],
    "mbim-at": ["*:ID_MM_CANDIDATE=1", "ttyACM{a}:ID_MM_PORT_TYPE_AT_PRIMARY=1"],
}


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("build")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--daemon", choices=["modemd", "mm", "both"], default="both")
    parser.add_argument("--device", action="append",
                        choices=["mbim", "option", "pcie", "mbim-at"])
    parser.add_argument("--keep-logs")
    parser.add_argument("--log-level", default="ERR",
                        help="both daemons' log level (DEBUG slows ModemManager down a lot)")
    return parser.parse_args()


def reexec():
    """Into a private network namespace, then under the umockdev preload."""
    if os.environ.get("MD_BENCH_UNSHARED") != "1":
        env = dict(os.environ, MD_BENCH_UNSHARED="1")
        os.execvpe("unshare", ["unshare", "-n", sys.executable, *sys.argv], env)


def modemd_path(build):
    """src/daemon/modemd since the discovery wiring, src/modemd before."""
    for sub in (("src", "daemon", "modemd"), ("src", "modemd")):
        path = os.path.join(build, *sub)
        if os.path.exists(path):
            return path
    raise SystemExit(f"no modemd in {build}")


class Run:
    """One daemon over one fresh testbed and one private bus."""

    def __init__(self, daemon, build, workdir, log_level):
        import harness
        import umockdev_harness
        from gi.repository import Gio
        self.workdir = workdir
        self.bus = harness.PrivateBus()
        self.testbed = umockdev_harness.Testbed()
        self.sims = []
        self.build = build
        self.daemon_name = daemon
        self.modem_sim = os.path.join(build, "simulator", "modem-sim")
        self.scenario = os.path.join(SOURCE, "simulator", "scenarios", "default.ini")
        self.conn = Gio.DBusConnection.new_for_address_sync(
            self.bus.address,
            Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT
            | Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION, None, None)
        self.added = {}
        self.conn.signal_subscribe(BUS_NAME, "org.freedesktop.DBus.ObjectManager",
                                   "InterfacesAdded", MANAGER_PATH, None, 0, self.on_added)
        log = os.path.join(workdir, f"{daemon}.log")
        if daemon == "mm":
            argv = [MM, "--test-session", f"--log-level={log_level}", "--log-timestamps",
                    f"--log-file={log}"]
        else:
            argv = [modemd_path(build), "--test-session", "--test-no-auth",
                    "--no-mbim-proxy", f"--log-level={log_level}", f"--log-file={log}"]
        env = self.testbed.env(self.bus.env())
        self.stderr = open(os.path.join(workdir, f"{daemon}.stderr"), "w")
        self.proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=self.stderr)
        self.wait(self.on_bus, "the daemon on the bus")
        time.sleep(0.5)  # start-up work is not timed

    def on_added(self, conn, sender, path, iface, signal, params):
        modem_path = params.unpack()[0]
        self.added.setdefault(modem_path, time.monotonic())

    def on_bus(self):
        from gi.repository import GLib
        if self.proc.poll() is not None:
            raise SystemExit(f"{self.daemon_name} exited with {self.proc.returncode}")
        reply = self.conn.call_sync("org.freedesktop.DBus", "/org/freedesktop/DBus",
                                    "org.freedesktop.DBus", "NameHasOwner",
                                    GLib.Variant("(s)", (BUS_NAME,)), None, 0, -1, None)
        return reply.unpack()[0]

    def wait(self, predicate, what):
        from gi.repository import GLib
        context = GLib.MainContext.default()
        deadline = time.monotonic() + LIMIT_S
        while time.monotonic() < deadline:
            while context.iteration(False):
                pass
            if predicate():
                return
            context.iteration(False) or time.sleep(0.002)
        raise TimeoutError(f"timed out waiting for {what}")

    def plug(self, kind):
        """Plugs one device with modem-sim behind its nodes; returns the
        plug-in → InterfacesAdded time in seconds."""
        props = [p.format(n=0, a=0) for p in MM_RULE_PROPS[kind]] if self.daemon_name == "mm" else None
        tb = self.testbed
        start = time.monotonic()
        if kind == "mbim":
            device = tb.mbim_modem("1-1", "cdc-wdm0", "wwan0", props)
            self.sim(mbim="/dev/cdc-wdm0")
        elif kind == "option":
            device = tb.option_modem("1-2", 0, props)
            self.sim(at="/dev/ttyUSB0", extra=["/dev/ttyUSB1", "/dev/ttyUSB2"])
        elif kind == "pcie":
            device = tb.pcie_modem("0000:01:00.0", 0, props)
            self.sim(at="/dev/wwan0at0", mbim="/dev/wwan0mbim0")
        else:
            device = tb.mbim_at_modem("1-3", "cdc-wdm0", "wwan0", "ttyACM0", "ttyACM1", props)
            self.sim(at="/dev/ttyACM0", extra=["/dev/ttyACM1"], mbim="/dev/cdc-wdm0")
        self.wait(lambda: self.added, f"InterfacesAdded of the {kind} modem")
        del device
        return min(self.added.values()) - start

    def sim(self, at=None, extra=(), mbim=None):
        import umockdev_harness
        self.sims.append(umockdev_harness.NodeSim(self.modem_sim, self.scenario, self.testbed,
                                                  self.workdir, at=at, extra=extra, mbim=mbim))

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for sim in self.sims:
            sim.stop()
        self.testbed.stop_leftovers()
        self.stderr.close()
        self.conn.close_sync(None)
        self.bus.stop()


def measure(daemon, kind, build, runs, keep, log_level):
    times = []
    for i in range(runs):
        workdir = tempfile.mkdtemp(prefix="md-plugin-bench-")
        run = Run(daemon, build, workdir, log_level)
        try:
            times.append(run.plug(kind))
        finally:
            run.stop()
            if keep:
                dest = os.path.join(keep, f"{daemon}-{kind}-{i}")
                shutil.copytree(workdir, dest, dirs_exist_ok=True)
            shutil.rmtree(workdir, ignore_errors=True)
    return times


def main():
    args = parse_args()
    reexec()
    import umockdev_harness
    os.environ.setdefault("MD_TESTBED_LIB",
                          os.path.join(os.path.abspath(args.build), "tests", "discovery",
                                       "libmd-testbed-py.so"))
    umockdev_harness.TESTBED_LIB = os.environ["MD_TESTBED_LIB"]
    umockdev_harness.reexec_under_preload()
    problem = umockdev_harness.available()
    if problem:
        raise SystemExit(problem)
    daemons = ["modemd", "mm"] if args.daemon == "both" else [args.daemon]
    kinds = args.device or ["mbim", "option", "pcie", "mbim-at"]
    print(f"{'daemon':8} {'device':8} {'median ms':>9} {'min':>7} {'max':>7}  runs")
    for daemon in daemons:
        for kind in kinds:
            try:
                times = measure(daemon, kind, os.path.abspath(args.build), args.runs,
                                args.keep_logs, args.log_level)
            except (TimeoutError, SystemExit) as error:
                print(f"{daemon:8} {kind:8} failed: {error}")
                continue
            ms = [t * 1000 for t in times]
            print(f"{daemon:8} {kind:8} {statistics.median(ms):9.0f} {min(ms):7.0f} "
                  f"{max(ms):7.0f}  {len(ms)}", flush=True)


if __name__ == "__main__":
    main()
