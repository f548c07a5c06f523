#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Plug-in benchmark: for each testbed device, the time from plugging it
into a umockdev testbed (its first "add" uevent) until the daemon emits
InterfacesAdded for the new modem on D-Bus; for modemd and for Debian's
ModemManager in the same testbed. With the qmi device (or --ops) also
Enable, Simple.Connect (IPv4) and the daemon's memory afterwards, and
(the "sim" row) the simulator's own answer time for modemd's Enable and
Connect requests. Runs inside its own network namespace (unshare -n:
mbim-proxy's and qmi-proxy's abstract sockets stay private) and under the
umockdev preload.

    /usr/bin/python3 bench/plugin.py BUILD_DIR [--runs N] [--daemon modemd|mm|both|sim]
        [--device mbim|option|pcie|mbim-at|qmi] [--ops] [--warm-proxy] [--show-requests]
        [--paired] [--ratios FILE] [--keep-logs DIR] [--log-level ERR|DEBUG] [--trace DIR]
        [--callgrind DIR]
"""

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(SOURCE, "tests", "integration"))

import callgrind_steps  # noqa: E402 (bench/, beside this file)
import plugin_report  # noqa: E402

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
    "qmi": ["*:ID_MM_CANDIDATE=1"],
}
DEVICES = ["mbim", "option", "pcie", "mbim-at", "qmi"]
# MMModemState values.
STATE_DISABLED = 3
STATE_REGISTERED = 8


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("build")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--daemon", choices=["modemd", "mm", "both", "sim"], default="both",
                        help="both: modemd and ModemManager, and with the qmi device also "
                             "sim (no daemon: a libqmi client replays modemd's Enable and "
                             "Connect requests to the simulator)")
    parser.add_argument("--device", action="append",
                        choices=DEVICES)
    parser.add_argument("--ops", action="store_true",
                        help="after the plug-in, also time Enable and Simple.Connect (IPv4) and "
                             "read the daemon's memory (always on for the qmi device)")
    parser.add_argument("--warm-proxy", action="store_true",
                        help="start qmi-proxy in the testbed before the plug-in, so the daemon "
                             "finds it running instead of spawning it")
    parser.add_argument("--show-requests", action="store_true",
                        help="print the QMI requests modem-sim received during Enable and Connect")
    parser.add_argument("--paired", action="store_true",
                        help="with the qmi device: after each daemon run, stop the daemon and "
                             "replay its requests to the same simulator (as the sim row does), "
                             "and print the median of the per-run ratios")
    parser.add_argument("--ratios",
                        help="with --paired: append each paired run (the daemon's Enable and "
                             "Connect, the replay's, the CPU steal share of the invocation) "
                             "to FILE as a JSON line, for pooled_ratios.py")
    parser.add_argument("--keep-logs")
    parser.add_argument("--trace",
                        help="a folder: the daemon's socket system calls during Enable and "
                             "Connect (perf record, syscall tracepoints) go to "
                             "DIR/perf-DAEMON-RUN.data, to see where the time goes "
                             "(perf script -i FILE)")
    parser.add_argument("--callgrind",
                        help="a folder: with --daemon modemd, run modemd under callgrind and "
                             "print the instructions its Enable and Connect took "
                             "(callgrind_steps.py; profiles in DIR); the times are valgrind's")
    parser.add_argument("--log-level", default="ERR",
                        help="both daemons' log level (DEBUG slows ModemManager down a lot)")
    args = parser.parse_args()
    if args.callgrind and args.daemon != "modemd":
        parser.error("--callgrind needs --daemon modemd")
    if args.ratios and not args.paired:
        parser.error("--ratios needs --paired")
    # The output folders are made here: a missing one made valgrind or
    # perf fail before the daemon started.
    for folder in (args.callgrind, args.trace, args.keep_logs):
        if folder:
            os.makedirs(folder, exist_ok=True)
    return args


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

    def __init__(self, daemon, build, workdir, log_level, callgrind=None):
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
        self.proc = self.stderr = None
        self.helpers = []
        if daemon == "sim":
            return  # no daemon: qmi_replay talks to the simulator
        log = os.path.join(workdir, f"{daemon}.log")
        if daemon == "mm":
            argv = [MM, "--test-session", f"--log-level={log_level}", "--log-timestamps",
                    f"--log-file={log}"]
        else:
            argv = [modemd_path(build), "--test-session", "--test-no-auth",
                    "--no-mbim-proxy", f"--log-level={log_level}", f"--log-file={log}"]
        self.callgrind = callgrind
        if callgrind:
            argv = callgrind_steps.wrap(argv, callgrind)
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
        """Runs the main context until predicate() holds: blocking, so a
        reply or signal is handled the moment it arrives (a timer wakes the
        loop to re-check polled predicates and the limit)."""
        from gi.repository import GLib
        context = GLib.MainContext.default()
        deadline = time.monotonic() + LIMIT_S
        timer = GLib.timeout_add(20, lambda: True)
        try:
            while not predicate():
                if time.monotonic() > deadline:
                    raise TimeoutError(f"timed out waiting for {what}")
                context.iteration(True)
        finally:
            GLib.source_remove(timer)

    def start_proxy(self):
        """qmi-proxy already listening (with the testbed in its environment,
        so stop_leftovers ends it), as when another client started it."""
        proxy = subprocess.Popen(["/usr/libexec/qmi-proxy"], env=self.testbed.env(self.bus.env()),
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.helpers.append(proxy)

        def listening():
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
                return sock.connect_ex("\0qmi-proxy") == 0
        self.wait(listening, "qmi-proxy to listen")

    def plug(self, kind, warm_proxy=False):
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
        elif kind == "qmi":
            if warm_proxy:
                self.start_proxy()
                start = time.monotonic()
            device = tb.qmi_modem("1-4", "cdc-wdm0", "wwan0", props)
            self.sim(qmi="/dev/cdc-wdm0")
        else:
            device = tb.mbim_at_modem("1-3", "cdc-wdm0", "wwan0", "ttyACM0", "ttyACM1", props)
            self.sim(at="/dev/ttyACM0", extra=["/dev/ttyACM1"], mbim="/dev/cdc-wdm0")
        self.device = device
        if self.daemon_name == "sim":
            return None
        self.wait(lambda: self.added, f"InterfacesAdded of the {kind} modem")
        return min(self.added.values()) - start

    def sim(self, at=None, extra=(), mbim=None, qmi=None):
        import umockdev_harness
        self.sims.append(umockdev_harness.NodeSim(self.modem_sim, self.scenario, self.testbed,
                                                  self.workdir, at=at, extra=extra, mbim=mbim,
                                                  qmi=qmi))

    # --- Enable, Connect and memory (--ops) ------------------------------------

    def state(self, path):
        from gi.repository import GLib
        reply = self.conn.call_sync(BUS_NAME, path, "org.freedesktop.DBus.Properties", "Get",
                                    GLib.Variant("(ss)", (BUS_NAME + ".Modem", "State")),
                                    None, 0, -1, None)
        return reply.unpack()[0]

    def trace(self, path):
        """Records the daemon's socket system calls (perf, kernel
        tracepoints: far less overhead than strace) into path."""
        events = ",".join(f"syscalls:sys_{edge}_{call}" for call in ("sendto", "recvfrom", "sendmsg",
                                                                    "recvmsg")
                          for edge in ("enter", "exit"))
        env = {k: v for k, v in os.environ.items() if k != "LD_PRELOAD"}
        tracer = subprocess.Popen(["perf", "record", "-q", "-e", events, "-p", str(self.proc.pid),
                                   "-o", path], env=env, stdout=subprocess.DEVNULL,
                                  stderr=open(path + ".log", "w"))
        self.helpers.append(tracer)
        time.sleep(1.0)  # perf attaches to every thread

    def operate(self, requests_key):
        """Times Modem.Enable(true) until it returned and State reached
        REGISTERED, then Simple.Connect({apn, ip-type ipv4}) until it
        returned; the modem-sim command history says which requests each
        step sent. Returns (enable s, connect s, [enable requests],
        [connect requests])."""
        from gi.repository import GLib
        path = min(self.added, key=self.added.get)
        seen = {"state": 0, "returned": None, "error": None}

        def on_changed(conn, sender, obj, iface, signal, params):
            changed_iface, changed, _ = params.unpack()
            if changed_iface == BUS_NAME + ".Modem" and "State" in changed:
                seen["state"] = changed["State"]

        sub = self.conn.signal_subscribe(BUS_NAME, "org.freedesktop.DBus.Properties",
                                         "PropertiesChanged", path, None, 0, on_changed)
        # Every signal the daemon sends while Enable or Connect runs
        # reaches this client (and the bus) before or beside the reply:
        # counted.
        signals = [0]
        counter = self.conn.signal_subscribe(BUS_NAME, None, None, None, None, 0,
                                             lambda *a: signals.__setitem__(0, signals[0] + 1))
        sim = self.sims[0]
        try:
            # Initialization may still run after the export (State < DISABLED).
            self.wait(lambda: self.state(path) >= STATE_DISABLED, "the modem to be initialized")
            seen["state"] = self.state(path)
            before = self.history(sim, requests_key)

            def on_enabled(conn, result):
                try:
                    conn.call_finish(result)
                except GLib.Error as error:
                    seen["error"] = error
                seen["returned"] = time.monotonic()

            signals[0] = 0
            self.count_instructions("zero")
            start = time.monotonic()
            self.conn.call(BUS_NAME, path, BUS_NAME + ".Modem", "Enable",
                           GLib.Variant("(b)", (True,)), None, 0, -1, None, on_enabled)
            self.wait(lambda: seen["error"] or (seen["returned"]
                                                and seen["state"] >= STATE_REGISTERED),
                      "Enable to return and the modem to register")
            if seen["error"]:
                raise SystemExit(f"Enable failed: {seen['error'].message}")
            enable = time.monotonic() - start
            self.count_instructions("dump", "enable")
            self.enable_signals = signals[0]
            enabled = self.history(sim, requests_key)
            props = {"apn": GLib.Variant("s", "internet"), "ip-type": GLib.Variant("u", 1)}
            signals[0] = 0
            self.count_instructions("zero")
            start = time.monotonic()
            self.conn.call_sync(BUS_NAME, path, BUS_NAME + ".Modem.Simple", "Connect",
                                GLib.Variant("(a{sv})", (props,)), None, 0, LIMIT_S * 1000, None)
            connect = time.monotonic() - start
            self.count_instructions("dump", "connect")
            # The daemon sent them before its reply; they wait for dispatch.
            while GLib.MainContext.default().iteration(False):
                pass
            self.connect_signals = signals[0]
            connected = self.history(sim, requests_key)
            # The D-Bus share of each step: a property read, the cheapest
            # call that reaches the daemon (median of five).
            rtts = []
            for _ in range(5):
                start = time.monotonic()
                self.state(path)
                rtts.append(time.monotonic() - start)
            self.dbus_rtt = statistics.median(rtts)
        finally:
            self.conn.signal_unsubscribe(sub)
            self.conn.signal_unsubscribe(counter)
        self.init_requests = before
        return (enable, connect, self.entries(sim, requests_key, before, enabled),
                self.entries(sim, requests_key, enabled, connected))

    def count_instructions(self, what, label=None):
        """--callgrind: zero the daemon's counters, or dump them as label."""
        if not self.callgrind:
            return
        if what == "zero":
            callgrind_steps.zero(self.proc.pid)
        else:
            callgrind_steps.dump(self.proc.pid, label)

    @staticmethod
    def history(sim, key):
        return int(sim.control(f"get {key}-count"))

    @staticmethod
    def entries(sim, key, first, end):
        return [sim.control(f"get {key} {i}") for i in range(first, end)]

    def memory(self):
        """Peak RSS and private anonymous memory of the daemon (KiB)."""
        from run import memory_kib
        peak, anon, _ = memory_kib(self.proc.pid)
        return peak, anon

    def replay(self):
        """The simulator's own answer time for modemd's Enable and Connect
        requests (qmi_replay.py); opening and the first clients untimed."""
        import qmi_replay
        replay = qmi_replay.Replay("/dev/cdc-wdm0", self.wait)
        try:
            # Python builds each libqmi call's wrapper on first use: that
            # first, untimed round warms them up (the simulator is already
            # online and connected the second time; it answers alike).
            replay.enable()
            replay.connect()
            replay.renew_wds()
            enable, enable_count = replay.enable()
            connect, connect_count = replay.connect()
        finally:
            replay.close()
        return enable, connect, enable_count, connect_count

    def stop_daemon(self):
        if self.proc:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
            self.stderr.close()
            self.proc = None

    def stop(self):
        self.stop_daemon()
        for sim in self.sims:
            sim.stop()
        self.testbed.stop_leftovers()
        for helper in self.helpers:
            helper.wait()
        self.conn.close_sync(None)
        self.bus.stop()


def measure(daemon, kind, build, args):
    """One dict per run: plugin (s) and, with ops, enable and connect (s),
    peak_rss and anon (KiB), and the requests each step sent."""
    from gi.repository import GLib
    results = []
    ops = args.ops or kind == "qmi"
    key = "qmi-command" if kind == "qmi" else "mbim-command" if "mbim" in kind else "command"
    for i in range(args.runs):
        workdir = tempfile.mkdtemp(prefix="md-plugin-bench-")
        run = Run(daemon, build, workdir, args.log_level, args.callgrind)
        try:
            result = {"plugin": run.plug(kind, args.warm_proxy)}
            if daemon == "sim":
                (result["enable"], result["connect"], result["enable_requests"],
                 result["connect_requests"]) = run.replay()
            elif ops:
                if args.trace:
                    run.trace(os.path.join(args.trace, f"perf-{daemon}-{i}.data"))
                try:
                    (result["enable"], result["connect"], result["enable_requests"],
                     result["connect_requests"]) = run.operate(key)
                except (SystemExit, GLib.Error) as error:  # memory is still worth reading
                    result["ops_error"] = str(error)
                result["peak_rss"], result["anon"] = run.memory()
                result["init_requests"] = getattr(run, "init_requests", None)
                result["dbus_rtt"] = getattr(run, "dbus_rtt", None)
                result["enable_signals"] = getattr(run, "enable_signals", None)
                result["connect_signals"] = getattr(run, "connect_signals", None)
                if args.callgrind:
                    result["instructions"] = callgrind_steps.totals(args.callgrind, run.proc.pid)
                if args.paired and kind == "qmi" and "ops_error" not in result:
                    # The same simulator, seconds later, with the daemon gone.
                    run.stop_daemon()
                    result["sim_enable"], result["sim_connect"], _, _ = run.replay()
            results.append(result)
        finally:
            run.stop()
            if args.keep_logs:
                dest = os.path.join(args.keep_logs, f"{daemon}-{kind}-{i}")
                shutil.copytree(workdir, dest, dirs_exist_ok=True)
            shutil.rmtree(workdir, ignore_errors=True)
    return results


def enter_testbed(build):
    """Into a private network namespace and under the umockdev preload
    (both re-execute the script), with the testbed fixtures of build."""
    reexec()
    import umockdev_harness
    os.environ.setdefault("MD_TESTBED_LIB",
                          os.path.join(os.path.abspath(build), "tests", "discovery",
                                       "libmd-testbed-py.so"))
    umockdev_harness.TESTBED_LIB = os.environ["MD_TESTBED_LIB"]
    umockdev_harness.reexec_under_preload()
    problem = umockdev_harness.available()
    if problem:
        raise SystemExit(problem)


def main():
    args = parse_args()
    enter_testbed(args.build)
    daemons = ["modemd", "mm", "sim"] if args.daemon == "both" else [args.daemon]
    kinds = args.device or DEVICES
    print(f"{'daemon':8} {'device':8} {'median ms':>9} {'min':>7} {'max':>7}  runs")
    invocation = time.strftime("%Y-%m-%dT%H:%M:%S")
    for daemon in daemons:
        for kind in kinds:
            if daemon == "sim" and kind != "qmi":
                continue
            steal = plugin_report.CpuSteal()
            try:
                results = measure(daemon, kind, os.path.abspath(args.build), args)
            except (TimeoutError, SystemExit) as error:
                print(f"{daemon:8} {kind:8} failed: {error}")
                continue
            plugin_report.print_results(daemon, kind, results, args.show_requests)
            share = steal.share()
            print(f"{'':17} CPU stolen by the hypervisor during these runs: {share:.0%}",
                  flush=True)
            if args.ratios:
                append_ratios(args.ratios, invocation, daemon, kind, share, results)


def append_ratios(path, invocation, daemon, kind, steal, results):
    """One JSON line per paired run, for pooled_ratios.py."""
    with open(path, "a") as out:
        for r in results:
            if "sim_connect" not in r:
                continue
            out.write(json.dumps({"invocation": invocation, "daemon": daemon, "device": kind,
                                  "steal": round(steal, 3),
                                  **{k: r[k] for k in ("enable", "connect", "sim_enable",
                                                       "sim_connect")}}) + "\n")


if __name__ == "__main__":
    main()
