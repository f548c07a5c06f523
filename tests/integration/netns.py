# SPDX-License-Identifier: GPL-2.0-or-later
"""A test in a network namespace of its own, for what listens on global
abstract sockets (mbim-proxy, qmi-proxy): the test re-runs itself under
`unshare -n`, and at the end stops only the processes of that namespace,
by pid, never another test's or the machine's own (pkill -x would end
them all)."""

import os
import shutil
import signal
import subprocess
import sys

IN_NETNS = "MD_TEST_IN_NETNS"
# The namespace the test was started in (before unshare -n).
OUTER_NETNS = "MD_TEST_OUTER_NETNS"


def _net_namespace(pid):
    return os.readlink(f"/proc/{pid}/ns/net")


def marks():
    """What a program re-run under `unshare -n` gets in its environment,
    so that it knows it runs in a namespace of its own."""
    return {IN_NETNS: "1", OUTER_NETNS: _net_namespace("self")}


def enter_network_namespace():
    """Re-runs this program under `unshare -n` (does not return), or
    returns None when already there, or the reason it cannot."""
    if os.environ.get(IN_NETNS) == "1":
        return None
    unshare = shutil.which("unshare")
    if not unshare:
        return "unshare is not installed"
    probe = subprocess.run([unshare, "-n", "true"], capture_output=True)
    if probe.returncode != 0:
        return "cannot create a network namespace: " + probe.stderr.decode().strip()
    env = dict(os.environ, **marks())
    os.execve(unshare, [unshare, "-n", sys.executable, *sys.argv], env)
    return None  # not reached


def skip_reason(main):
    """For a test module: main is `__name__ == "__main__"`."""
    if main:
        return enter_network_namespace()
    return None if os.environ.get(IN_NETNS) == "1" else "run as a program, not imported"


def processes_of_this_namespace(comm):
    """Pids of the processes named comm (as /proc/PID/comm shows it) that
    live in this process's network namespace."""
    own = _net_namespace("self")
    pids = []
    for entry in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{entry}/comm") as f:
                if f.read().strip() != comm:
                    continue
            if _net_namespace(entry) == own:
                pids.append(int(entry))
        except (OSError, ValueError):
            continue
    return pids


def end_processes_of_this_namespace(comm):
    """Sends SIGTERM to every process named comm that lives in this
    process's network namespace; returns their pids. Does nothing unless
    this process runs in the namespace an `unshare -n` with marks() made
    (outside it the processes could be anyone's)."""
    own = _net_namespace("self")
    if os.environ.get(IN_NETNS) != "1" or os.environ.get(OUTER_NETNS, own) == own:
        return []
    ended = []
    for pid in processes_of_this_namespace(comm):
        try:
            os.kill(pid, signal.SIGTERM)
            ended.append(pid)
        except ProcessLookupError:
            continue
    return ended


def end_proxies_of_this_namespace():
    """libmbim spawns mbim-proxy for the daemon; end those of this test's
    namespace."""
    return end_processes_of_this_namespace("mbim-proxy")
