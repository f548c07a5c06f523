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
below 2x: one invocation's median moves by +-0.2 on this shared machine,
so a single invocation cannot say it.
"""

import json
import random
import statistics
import sys

TARGET = 2.0
RESAMPLES = 4000


def bootstrap_median(values, seed=1):
    """95% percentile interval of the median, by resampling the runs."""
    rng = random.Random(seed)
    medians = sorted(statistics.median(rng.choices(values, k=len(values)))
                     for _ in range(RESAMPLES))
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
        invocations = sorted({r["invocation"] for r in mine})
        print(f"{daemon}: {len(mine)} paired runs in {len(invocations)} invocations")
        for step in ("enable", "connect"):
            ratios = [r[step] / r["sim_" + step] for r in mine]
            low, high = bootstrap_median(ratios)
            over = sum(1 for v in ratios if v > TARGET) / len(ratios)
            verdict = "met" if high < TARGET else "not shown"
            print(f"  {step.capitalize():8} median {statistics.median(ratios):.2f}× "
                  f"(95% interval {low:.2f}-{high:.2f}), {over:.0%} of runs over "
                  f"{TARGET:.0f}×: target {verdict}")
            per = []
            for inv in invocations:
                runs = [r for r in mine if r["invocation"] == inv]
                per.append(f"{statistics.median(r[step] / r['sim_' + step] for r in runs):.2f}"
                           f" (steal {runs[0]['steal']:.0%})")
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
