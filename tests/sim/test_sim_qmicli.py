#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""modem-sim's QMI port driven by the real qmicli (Debian's libqmi-utils):
modem-sim --qmi pty with an AT port beside it on the same model; qmicli
opens the pty in explicit QMI mode (--device-open-qmi: a pty is not a
cdc-wdm node, so libqmi cannot detect the mode itself) and its DMS answers
are compared with the simulator's own values. Exits 77 (skip) without
qmicli."""

import os
import select
import shutil
import socket
import subprocess
import sys
import time
import unittest

QMICLI = shutil.which("qmicli")
MODEM_SIM = os.environ.get("MODEM_SIM", "")
SCENARIO = os.path.join(os.environ.get("SIM_SCENARIOS_DIR", ""), "default.ini")
# Generous: the machine may be slow and busy.
TIMEOUT = 60


class Sim:
    """modem-sim with --qmi pty and --at pty; its announced ports."""

    def __init__(self):
        self.process = subprocess.Popen(
            [MODEM_SIM, "--scenario", SCENARIO, "--at", "pty", "--qmi", "pty"],
            stdout=subprocess.PIPE, text=True)
        self.ports = {}
        for line in self.process.stdout:
            line = line.strip()
            if line == "ready":
                break
            key, _, value = line.partition(" ")
            self.ports[key] = value
        assert "qmi" in self.ports and "control" in self.ports, self.ports

    def control(self, command):
        with socket.socket(socket.AF_UNIX) as s:
            s.settimeout(TIMEOUT)
            s.connect(self.ports["control"])
            s.sendall(command.encode() + b"\n")
            reply = b""
            while not reply.endswith(b"\n"):
                chunk = s.recv(4096)
                if not chunk:
                    break
                reply += chunk
        return reply.decode().strip()

    def get(self, key):
        reply = self.control("get " + key)
        assert reply.startswith("OK "), reply
        return reply[3:]

    def at(self, command):
        """Sends one AT command on the AT port; returns the answer up to the
        final result."""
        fd = os.open(self.ports["at"], os.O_RDWR | os.O_NOCTTY)
        try:
            os.write(fd, command.encode() + b"\r")
            answer = b""
            deadline = time.monotonic() + TIMEOUT
            while b"OK\r\n" not in answer and b"ERROR" not in answer:
                left = deadline - time.monotonic()
                assert left > 0, answer
                ready, _, _ = select.select([fd], [], [], left)
                if ready:
                    answer += os.read(fd, 4096)
            return answer.decode()
        finally:
            os.close(fd)

    def stop(self):
        """Ends the simulator; it must exit cleanly (0 after SIGTERM or
        unplug; a sanitizer report makes it fail)."""
        self.process.terminate()
        code = self.process.wait(TIMEOUT)
        self.process.stdout.close()
        return code


class QmicliTest(unittest.TestCase):
    def setUp(self):
        self.sim = Sim()
        self.addCleanup(lambda: self.assertEqual(self.sim.stop(), 0))

    def run_qmicli(self, *args):
        return subprocess.run(
            [QMICLI, "-d", self.sim.ports["qmi"], "--device-open-qmi", *args],
            capture_output=True, text=True, timeout=TIMEOUT)

    def qmicli(self, *args):
        result = self.run_qmicli(*args)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        return result.stdout

    def assertShows(self, output, label, value):
        self.assertIn("%s: '%s'" % (label, value), output)

    def test_identity(self):
        self.assertShows(self.qmicli("--dms-get-manufacturer"), "Manufacturer", self.sim.get("manufacturer"))
        self.assertShows(self.qmicli("--dms-get-model"), "Model", self.sim.get("model"))
        self.assertShows(self.qmicli("--dms-get-revision"), "Revision", self.sim.get("revision"))
        self.assertShows(self.qmicli("--dms-get-ids"), "IMEI", self.sim.get("imei"))
        # qmicli releases its client id after each command.
        self.assertEqual(self.sim.get("qmi-clients"), "0")

    def test_operating_mode_follows_the_model(self):
        # default.ini starts in low power (CFUN=4).
        self.assertShows(self.qmicli("--dms-get-operating-mode"), "Mode", "low-power")
        self.assertIn("OK", self.sim.at("AT+CFUN=1"))
        self.assertEqual(self.sim.get("cfun"), "1")
        self.assertShows(self.qmicli("--dms-get-operating-mode"), "Mode", "online")

    def test_version_info_and_kept_client(self):
        output = self.qmicli("--get-service-version-info")
        self.assertIn("ctl (1.5)", output)
        self.assertIn("dms (1.14)", output)
        output = self.qmicli("--dms-get-model", "--client-no-release-cid")
        self.assertShows(output, "Service", "dms")
        self.assertEqual(self.sim.get("qmi-clients"), "1")
        cid = output.split("CID: '")[1].split("'")[0]
        # The kept client id is still valid for the next run.
        output = self.qmicli("--dms-get-revision", "--client-cid=" + cid)
        self.assertShows(output, "Revision", self.sim.get("revision"))
        self.assertEqual(self.sim.get("qmi-clients"), "0")

    def test_sync_releases_clients(self):
        self.qmicli("--dms-get-model", "--client-no-release-cid")
        self.assertEqual(self.sim.get("qmi-clients"), "1")
        self.qmicli("--device-open-sync", "--dms-get-model")
        self.assertEqual(self.sim.get("qmi-clients"), "0")

    def test_unsupported_service(self):
        # NAS is not served yet: the client allocation is refused.
        result = self.run_qmicli("--nas-get-signal-info")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("InvalidServiceType", result.stderr)

    def test_unplug(self):
        self.assertEqual(self.sim.control("unplug"), "OK")
        # The QMI port closes with the others and the simulator exits
        # cleanly (the pty is not reopened: its number may be reused).
        self.assertEqual(self.sim.process.wait(TIMEOUT), 0)


if __name__ == "__main__":
    if not QMICLI:
        print("SKIP: qmicli not installed (Debian package libqmi-utils)")
        sys.exit(77)
    if not MODEM_SIM:
        print("SKIP: MODEM_SIM not set (run through meson test)")
        sys.exit(77)
    unittest.main()
