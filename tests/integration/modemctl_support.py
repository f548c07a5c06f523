# SPDX-License-Identifier: GPL-2.0-or-later
"""What the modemctl tests share: where modemctl is, the output lines
that may differ between two runs, and a reader of a running client's
lines with deadlines."""

import os
import queue
import re
import signal
import threading
import time

from harness import WAIT_SECONDS

MODEMCTL = os.environ.get("MODEMCTL", "modemctl")
# Values that move with the clock between the two runs.
MOVING = re.compile(r"^bearer\.stats\.(start-date|duration|total-duration)\s")
BEARER = "/org/freedesktop/ModemManager1/Bearer"
# Paths of objects each tool creates anew (a bearer) differ by index.
PATHS = re.compile(r"(/org/freedesktop/ModemManager1/(?:Bearer|SMS))/\d+")


def stable(text):
    return "\n".join(line for line in text.splitlines() if not MOVING.match(line))


class Lines:
    """The stdout lines of a running client, read by a thread so a test can
    wait for one with a deadline."""

    def __init__(self, proc):
        self.proc = proc
        self.queue = queue.Queue()
        self.seen = []
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self):
        for line in self.proc.stdout:
            self.queue.put(line)
        self.queue.put(None)

    def mark(self):
        return len(self.seen)

    def wait(self, predicate, what, since=None):
        """The first line matching predicate, among lines from `since` (a
        mark()) on, else the next ones."""
        if since is not None:
            for line in self.seen[since:]:
                if predicate(line):
                    return line
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            try:
                line = self.queue.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                break
            if line is None:
                break
            self.seen.append(line)
            if predicate(line):
                return line
        raise AssertionError(f"no line for {what}; got {self.seen}")

    def stop(self):
        """SIGINT, as Ctrl+C: the client must exit 0."""
        self.proc.send_signal(signal.SIGINT)
        code = self.proc.wait(timeout=WAIT_SECONDS)
        self.thread.join(timeout=WAIT_SECONDS)
        while True:
            try:
                line = self.queue.get_nowait()
            except queue.Empty:
                break
            if line is not None:
                self.seen.append(line)
        self.proc.stdout.close()
        self.proc.stderr.close()
        return code
