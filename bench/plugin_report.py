# SPDX-License-Identifier: GPL-2.0-or-later
"""plugin.py's report of one daemon on one device: plug-in times, and
with Enable and Connect their times, requests, D-Bus signals, memory,
the paired replay's ratios and (--callgrind) the instructions counted."""

import statistics


class CpuSteal:
    """The share of the machine's CPU time the hypervisor gave to others
    since construction ("steal" in /proc/stat): on a shared virtual
    machine, the noise behind a run's times."""

    def __init__(self):
        self.start = self.read()

    @staticmethod
    def read():
        with open("/proc/stat") as stat:
            fields = [int(v) for v in stat.readline().split()[1:]]
        steal = fields[7] if len(fields) > 7 else 0
        return steal, sum(fields[:8])

    def share(self):
        steal, total = self.read()
        elapsed = total - self.start[1]
        return (steal - self.start[0]) / elapsed if elapsed > 0 else 0.0


def cell(values, scale=1000.0, digits=1):
    """median (min-max) of seconds as milliseconds, or of KiB as is."""
    v = [x * scale for x in values]
    return f"{statistics.median(v):.{digits}f} ({min(v):.{digits}f}-{max(v):.{digits}f})"


def print_results(daemon, kind, results, show_requests):
    if daemon == "sim":
        print(f"{daemon:8} {kind:8} {'-':>9} {'-':>7} {'-':>7}  {len(results)}")
    else:
        ms = [r["plugin"] * 1000 for r in results]
        print(f"{daemon:8} {kind:8} {statistics.median(ms):9.0f} {min(ms):7.0f} "
              f"{max(ms):7.0f}  {len(ms)}", flush=True)
    last = results[-1]
    if "ops_error" in last:
        print(f"{'':17} {last['ops_error']}; then: peak RSS "
              f"{cell([r['peak_rss'] for r in results], 1, 0)} KiB, "
              f"anon {cell([r['anon'] for r in results], 1, 0)} KiB", flush=True)
    if "enable" not in last:
        return
    count = {k: v if isinstance(v, int) else len(v) for k, v in last.items()
             if k.endswith("_requests") and v is not None}
    print(f"{'':17} "
          + (f"{count['init_requests']} requests up to the export; "
             if "init_requests" in count else "")
          + f"Enable {cell([r['enable'] for r in results])} ms "
          f"({count['enable_requests']} requests"
          + (f", {last['enable_signals']} D-Bus signals"
             if last.get("enable_signals") is not None else "") + "), "
          f"Connect {cell([r['connect'] for r in results])} ms "
          f"({count['connect_requests']} requests"
          + (f", {last['connect_signals']} D-Bus signals"
             if last.get("connect_signals") is not None else "") + ")"
          + ("" if "peak_rss" not in last else
             f", peak RSS {cell([r['peak_rss'] for r in results], 1, 0)} KiB, "
             f"anon {cell([r['anon'] for r in results], 1, 0)} KiB, "
             f"D-Bus property read {cell([r['dbus_rtt'] for r in results])} ms"),
          flush=True)
    paired = [r for r in results if "sim_connect" in r]
    if paired:
        def ratio(step):
            v = [r[step] / r["sim_" + step] for r in paired]
            return f"{statistics.median(v):.2f}× ({min(v):.2f}-{max(v):.2f})"
        print(f"{'':17} paired with the sim replay after each run: Enable "
              f"{cell([r['sim_enable'] for r in paired])} ms, Connect "
              f"{cell([r['sim_connect'] for r in paired])} ms; ratio Enable "
              f"{ratio('enable')}, Connect {ratio('connect')}", flush=True)
    counted = [r["instructions"] for r in results if r.get("instructions")]
    if counted:
        print(f"{'':17} instructions (callgrind): " + ", ".join(
            f"{step.capitalize()} {statistics.median(c[step] for c in counted):,.0f}"
            for step in ("enable", "connect") if all(step in c for c in counted)),
            flush=True)
    if show_requests and daemon != "sim":
        print(f"{'':17} Enable: " + "; ".join(last["enable_requests"]))
        print(f"{'':17} Connect: " + "; ".join(last["connect_requests"]))

