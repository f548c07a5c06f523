#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Where a daemon's Enable and Connect time goes, from the socket system
calls `plugin.py --trace DIR` recorded with perf: for each step, the span
from the D-Bus method call read to the last D-Bus message written before
the next call (the reply and the signals with it), split into before the
first QMI request, the QMI round trips (request written to answer read:
qmi-proxy and the simulator), the daemon's own time between an answer and
the next request, and after the last answer.

    /usr/bin/python3 bench/trace_split.py DIR/perf-modemd-0.data [...]

The QMI socket is the first one the daemon sends on with send(2)
(libqmi); the D-Bus socket the first one read 16 bytes at a time (GDBus
reads a message header, then the rest).
"""

import re
import statistics
import subprocess
import sys

LINE = re.compile(r"^\s*(\d+)\s+([\d.]+):\s+syscalls:sys_(enter|exit)_(\w+):\s*(.*)$")


def events(path):
    """(time s, call, fd, result) per finished system call."""
    out = subprocess.run(["perf", "script", "-i", path, "-F", "tid,time,event,trace"],
                         capture_output=True, text=True, check=True).stdout
    entered = {}
    for line in out.splitlines():
        m = LINE.match(line)
        if not m:
            continue
        tid, t, edge, call, args = m.groups()
        if edge == "enter":
            fd = re.search(r"fd: (0x[0-9a-f]+)", args)
            entered[tid] = (float(t), call, int(fd.group(1), 16) if fd else -1)
        elif tid in entered:
            start, call, fd = entered.pop(tid)
            result = int(args.strip(), 16) if args.strip().startswith("0x") else -1
            if result > 0:
                yield float(t), call, fd, result


def split(path):
    evs = list(events(path))
    qmi_fd = next((fd for _, call, fd, _ in evs if call == "sendto"), None)
    dbus_fd = next((fd for _, call, fd, size in evs if call == "recvmsg" and size == 16), None)
    steps = []
    i = 0
    while i < len(evs):
        # A D-Bus method call (header read, then the body) followed by QMI
        # traffic: one step.
        t, call, fd, size = evs[i]
        if call != "recvmsg" or fd != dbus_fd or size == 16:
            i += 1
            continue
        j = i + 1
        while j < len(evs) and not (evs[j][1] == "recvmsg" and evs[j][2] == dbus_fd):
            j += 1
        qmi = [e for e in evs[i:j] if e[2] == qmi_fd]
        if qmi:
            dbus_out = [e for e in evs[i:j] if e[1] == "sendmsg" and e[2] == dbus_fd]
            end = dbus_out[-1][0] if dbus_out else qmi[-1][0]
            rtt = gap = 0.0
            for a, b in zip(qmi, qmi[1:]):
                if a[1] == "sendto" and b[1] == "recvfrom":
                    rtt += b[0] - a[0]
                elif a[1] == "recvfrom" and b[1] == "sendto":
                    gap += b[0] - a[0]
            steps.append({"total": end - t, "before": qmi[0][0] - t, "qmi_rtt": rtt,
                          "between": gap, "after": end - qmi[-1][0],
                          "requests": sum(1 for e in qmi if e[1] == "sendto"),
                          "dbus_out": len(dbus_out)})
        i = j
    return steps


def main():
    runs = [split(path) for path in sys.argv[1:]]
    names = ["Enable", "Connect"]
    for k, name in enumerate(names):
        rows = [r[k] for r in runs if len(r) > k]
        if not rows:
            continue
        med = {key: statistics.median(row[key] for row in rows) for key in rows[0]}
        print(f"{name}: {med['total'] * 1000:.2f} ms in the daemon (median of {len(rows)}): "
              f"before the first request {med['before'] * 1000:.2f}, "
              f"{med['requests']:.0f} QMI round trips {med['qmi_rtt'] * 1000:.2f}, "
              f"between them {med['between'] * 1000:.2f}, "
              f"after the last answer {med['after'] * 1000:.2f} "
              f"({med['dbus_out']:.0f} D-Bus messages out)")


if __name__ == "__main__":
    main()
