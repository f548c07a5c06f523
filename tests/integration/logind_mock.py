# SPDX-License-Identifier: GPL-2.0-or-later
"""python-dbusmock's logind template on a test's private bus (which the
daemon and the mock both take for the system bus), for the daemon's
resume handling: started for one test, and made to emit PrepareForSleep."""

import shutil
import subprocess

from harness import wait_for
from system_bus import SYSTEM_PYTHON


def missing():
    """Why the mock cannot run here, or None."""
    if not shutil.which(SYSTEM_PYTHON) or subprocess.run(
            [SYSTEM_PYTHON, "-c", "import dbusmock"], capture_output=True).returncode != 0:
        return "python3-dbusmock is not installed"
    return None


def start(test):
    """Starts the mock on test.bus; it is stopped when the test ends."""
    logind = subprocess.Popen([SYSTEM_PYTHON, "-m", "dbusmock", "--system", "--template", "logind"],
                              env=test.bus.env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    test.addCleanup(logind.wait)
    test.addCleanup(logind.terminate)
    wait_for(lambda: _running(test), what="the logind mock on the bus")


def _running(test):
    result = test.run_client(["gdbus", "call", "--system", "--dest", "org.freedesktop.DBus",
                              "--object-path", "/org/freedesktop/DBus",
                              "--method", "org.freedesktop.DBus.NameHasOwner", "org.freedesktop.login1"])
    return "true" in result.stdout


def prepare_for_sleep(test, going_to_sleep):
    """The mock emits PrepareForSleep(going_to_sleep)."""
    test.run_client(["gdbus", "call", "--system", "--dest", "org.freedesktop.login1",
                     "--object-path", "/org/freedesktop/login1",
                     "--method", "org.freedesktop.DBus.Mock.EmitSignal", "org.freedesktop.login1.Manager",
                     "PrepareForSleep", "b", f"[<{'true' if going_to_sleep else 'false'}>]"])
