# SPDX-License-Identifier: GPL-2.0-or-later
"""Instruction counts of the daemon's Enable and Connect (plugin.py
--callgrind DIR): the daemon runs under valgrind's callgrind; the counters
are zeroed before each step and dumped after it, so DIR holds one profile
per step (callgrind.PID.N; `callgrind_annotate FILE` shows where they
went). Instruction counts do not depend on the machine's load, unlike the
times, which on a shared two-core machine move by more than a 5% change
would: compare builds with these. The times measured meanwhile are
valgrind's, tens of times slower, and mean nothing."""

import glob
import os
import subprocess

VALGRIND = "/usr/bin/valgrind"


def wrap(argv, out_dir):
    """argv run under callgrind, its profiles in out_dir."""
    return [VALGRIND, "--tool=callgrind",
            "--callgrind-out-file=" + os.path.join(out_dir, "callgrind.%p")] + argv


def _control(pid, *args):
    # callgrind_control is a Perl script: not under the umockdev preload.
    env = {k: v for k, v in os.environ.items() if k != "LD_PRELOAD"}
    done = subprocess.run(["callgrind_control", *args, str(pid)], env=env, capture_output=True,
                          text=True)
    if done.returncode != 0:
        raise SystemExit(f"callgrind_control {' '.join(args)}: {done.stdout}{done.stderr}")


def zero(pid):
    _control(pid, "--zero")


def dump(pid, label):
    _control(pid, f"--dump={label}")


def totals(out_dir, pid):
    """{label: instructions} of every dump of pid in out_dir."""
    counts = {}
    for path in glob.glob(os.path.join(out_dir, f"callgrind.{pid}.*")):
        label = summary = None
        with open(path) as profile:
            for line in profile:
                if line.startswith("desc: Trigger: dump "):
                    label = line[len("desc: Trigger: dump "):].strip()
                elif line.startswith("summary: "):
                    summary = int(line.split()[1])
        if label and summary is not None:
            counts[label] = summary
    return counts
