#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""bench/pooled_ratios.py: the runs pooled over invocations, the verdict
on the 2x target read from the two-stage bootstrap interval (invocations,
then runs) and only over enough invocations, the same interval on every
call (fixed seed)."""

import contextlib
import io
import json
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "bench"))
import pooled_ratios  # noqa: E402


def run(daemon, invocation, enable_ratio, connect_ratio, steal=0.0):
    """A paired run whose replay took 1 ms for each step."""
    return {"invocation": invocation, "daemon": daemon, "device": "qmi", "steal": steal,
            "enable": enable_ratio / 1000, "connect": connect_ratio / 1000,
            "sim_enable": 0.001, "sim_connect": 0.001}


def report(rows):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        pooled_ratios.report(rows)
    return out.getvalue()


class PooledRatiosTest(unittest.TestCase):
    def test_runs_of_every_file_and_invocation_pooled(self):
        with tempfile.TemporaryDirectory() as folder:
            paths = []
            for k, inv in enumerate(("a", "b")):
                path = os.path.join(folder, f"{inv}.jsonl")
                with open(path, "w") as out:
                    for i in range(3):
                        out.write(json.dumps(run("modemd", inv, 1.5, 1.0 + i + k)) + "\n")
                    out.write("\n")  # blank lines are skipped
                paths.append(path)
            rows = pooled_ratios.load(paths)
        self.assertEqual(len(rows), 6)
        text = report(rows)
        self.assertIn("modemd: 6 paired runs in 2 invocations", text)
        # Connect ratios 1, 2, 3 and 2, 3, 4: median 2.5; each invocation's own.
        self.assertIn("Connect  median 2.50×", text)
        self.assertIn("per invocation: 2.00 (steal 0%), 3.00 (steal 0%)", text)

    def test_met_only_when_the_interval_ends_below_the_target(self):
        under = [run("modemd", inv, 1.5, 1.8 + 0.01 * (i % 10))
                 for inv in "abc" for i in range(20)]
        text = report(under)
        self.assertIn("Enable   median 1.50× (95% interval 1.50-1.50), 0% of runs over 2×: "
                      "target met", text)
        self.assertIn("target met", text.split("Connect")[1])
        # Half the runs over 2x: the median may be below, the interval is not.
        edge = [run("modemd", inv, 1.5, 1.9 if i % 2 else 2.1) for inv in "abc" for i in range(20)]
        connect = report(edge).split("Connect")[1]
        self.assertIn("50% of runs over 2×", connect)
        self.assertIn("target not shown", connect)

    def test_one_invocation_never_shows_the_target(self):
        text = report([run("modemd", "a", 1.2, 1.2) for _ in range(60)])
        self.assertIn("Connect  median 1.20× (95% interval 1.20-1.20), 0% of runs over 2×: "
                      "target not shown (fewer than 3 invocations)", text)

    def test_invocations_apart_widen_the_interval(self):
        """Runs alike within each invocation, the invocations apart: a
        bootstrap over runs alone would give a narrow interval below 2x;
        over invocations the interval reaches the slow one."""
        rows = [run("modemd", inv, 1.5, ratio) for inv, ratio in
                (("a", 1.6), ("b", 1.7), ("c", 2.3)) for _ in range(30)]
        connect = report(rows).split("Connect")[1]
        self.assertIn("median 1.70× (95% interval 1.60-2.30)", connect)
        self.assertIn("target not shown", connect)

    def test_daemons_reported_apart(self):
        rows = [run("modemd", "a", 1.5, 1.9), run("mm", "a", 3.5, 2.8)]
        text = report(rows)
        self.assertIn("mm: 1 paired runs", text)
        self.assertIn("modemd: 1 paired runs", text)
        self.assertIn("Connect  median 2.80×", text.split("modemd:")[0])

    def test_interval_repeats(self):
        groups = [[1.0 + (i * 7 % 13) / 10 for i in range(k, k + 20)] for k in (0, 20)]
        self.assertEqual(pooled_ratios.bootstrap_median(groups),
                         pooled_ratios.bootstrap_median(groups))
        low, high = pooled_ratios.bootstrap_median(groups)
        self.assertLessEqual(low, high)


if __name__ == "__main__":
    unittest.main()
