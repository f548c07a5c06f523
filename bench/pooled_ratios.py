#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""The QMI target "Enable and Connect within 2x of the simulator's own
answer time", read over many runs: pools the paired runs that
`plugin.py --paired --ratios FILE` appended (any number of invocations),
and prints per daemon and step the median of the per-run ratios (daemon
time / the replay's time right after it) with a 95% bootstrap interval,
the share of runs over 2x, and each invocation's median beside the CPU
steal share it ran under.

    /usr/bin/python3 bench/pooled_ratios.py FILE [FILE ...]

The target counts as met for a step when the interval's upper end is
below 2x, over at least MIN_INVOCATIONS invocations. The runs of one
invocation share the machine's state (other guests, caches, clock): the
same binary's invocation medians for Connect moved between 1.48x and
2.09x within two hours. So the interval resamples invocations first and then runs within
each (a two-stage bootstrap); resampling the runs alone took them as
independent and gave an interval too narrow.
"""

import json
import random
import statistics
import sys

TARGET = 2.0
RESAMPLES = 4000
MIN_INVOCATIONS = 3


def bootstrap_median(groups, seed=1):
    """95% percentile interval of the pooled median: each resample draws
    as many invocations as there are, with replacement, and within each
    drawn invocation as many of its runs, with replacement."""
    rng = random.Random(seed)
    medians = []
    for _ in range(RESAMPLES):
        pooled = []
        for group in rng.choices(groups, k=len(groups)):
            pooled.extend(rng.choices(group, k=len(group)))
        medians.append(statistics.median(pooled))
    medians.sort()
    return medians[int(0.025 * RESAMPLES)], medians[int(0.975 * RESAMPLES) - 1]


def load(paths):
    rows = []
    for path in paths:
        with open(path) as lines:
            rows.extend(json.loads(line) for line in lines if line.strip())
    return rows


def report(rows):
    for daemon in sorted({r["daemon"] for r in rows}):
        mine = [r for r in rows if r["daemon"] == daemon]
        by_invocation = {}
        for r in mine:
            by_invocation.setdefault(r["invocation"], []).append(r)
        invocations = sorted(by_invocation)
        print(f"{daemon}: {len(mine)} paired runs in {len(invocations)} invocations")
        for step in ("enable", "connect"):
            groups = [[r[step] / r["sim_" + step] for r in by_invocation[inv]]
                      for inv in invocations]
            ratios = [v for group in groups for v in group]
            low, high = bootstrap_median(groups)
            over = sum(1 for v in ratios if v > TARGET) / len(ratios)
            if len(invocations) < MIN_INVOCATIONS:
                verdict = f"not shown (fewer than {MIN_INVOCATIONS} invocations)"
            else:
                verdict = "met" if high < TARGET else "not shown"
            print(f"  {step.capitalize():8} median {statistics.median(ratios):.2f}× "
                  f"(95% interval {low:.2f}-{high:.2f}), {over:.0%} of runs over "
                  f"{TARGET:.0f}×: target {verdict}")
            per = []
            for inv, group in zip(invocations, groups):
                steal = by_invocation[inv][0]["steal"]
                per.append(f"{statistics.median(group):.2f} (steal {steal:.0%})")
            print(f"  {'':8} per invocation: " + ", ".join(per))


def main():
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    rows = load(sys.argv[1:])
    if not rows:
        raise SystemExit("no paired runs in " + ", ".join(sys.argv[1:]))
    report(rows)


if __name__ == "__main__":
    main()
