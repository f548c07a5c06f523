#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""modem-sim's QMI port driven by the real qmicli (Debian's libqmi-utils):
modem-sim --qmi pty with an AT port beside it on the same model; qmicli
opens the pty in explicit QMI mode (--device-open-qmi: a pty is not a
cdc-wdm node, so libqmi cannot detect the mode itself) and its DMS answers
are compared with the simulator's own values: DMS, UIM (card status, PIN,
files), NAS (serving system, system info, signal, scan, selection
preference), WDS (a call started, inspected and stopped; a network drop)
WDA (data format) and WMS (routes). Exits 77 (skip) without qmicli."""

import os
import re
import select
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import unittest

QMICLI = shutil.which("qmicli")
MODEM_SIM = os.environ.get("MODEM_SIM", "")
SCENARIOS = os.environ.get("SIM_SCENARIOS_DIR", "")
# Generous: the machine may be slow and busy.
TIMEOUT = 60


class Sim:
    """modem-sim with --qmi pty and --at pty; its announced ports."""

    def __init__(self, scenario="default.ini", ports=("--at", "pty", "--qmi", "pty")):
        self.process = subprocess.Popen(
            [MODEM_SIM, "--scenario", os.path.join(SCENARIOS, scenario), *ports],
            stdout=subprocess.PIPE, text=True)
        self.ports = {}
        for line in self.process.stdout:
            line = line.strip()
            if line == "ready":
                break
            key, _, value = line.partition(" ")
            self.ports[key] = value
        assert ("qmi" in self.ports or "mbim" in self.ports) and "control" in self.ports, self.ports

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
        assert reply == "OK" or reply.startswith("OK "), reply
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
    scenario = "default.ini"

    def setUp(self):
        self.sim = Sim(self.scenario)
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

    def test_capabilities_and_operating_mode(self):
        output = self.qmicli("--dms-get-capabilities")
        self.assertIn("Networks: 'gsm, umts, lte'", output)
        output = self.qmicli("--dms-get-band-capabilities")
        self.assertIn("LTE bands (extended): '1, 3, 7, 8, 20'", output)
        self.qmicli("--dms-set-operating-mode=online")
        self.assertEqual(self.sim.get("cfun"), "1")
        self.assertShows(self.qmicli("--dms-get-operating-mode"), "Mode", "online")
        self.qmicli("--dms-set-operating-mode=low-power")
        self.assertEqual(self.sim.get("cfun"), "4")

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

    def test_wms_routes(self):
        # qmicli 1.32 has no WMS list/read options, and its --wms-set-routes
        # cannot parse a message type; Get Routes it reads.
        self.assertIn("Got 0 SMS routes", self.qmicli("--wms-get-routes"))

    def test_sync_releases_clients(self):
        self.qmicli("--dms-get-model", "--client-no-release-cid")
        self.assertEqual(self.sim.get("qmi-clients"), "1")
        self.qmicli("--device-open-sync", "--dms-get-model")
        self.assertEqual(self.sim.get("qmi-clients"), "0")

    def test_unsupported_service(self):
        # Voice is not served: the client allocation is refused.
        result = self.run_qmicli("--voice-get-config")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("InvalidServiceType", result.stderr)

    def radio_on(self):
        self.assertIn("OK", self.sim.at("AT+CFUN=1"))
        self.assertEqual(self.sim.get("registration"), "home")

    def test_uim_card_status_and_files(self):
        output = self.qmicli("--uim-get-card-status")
        self.assertShows(output, "Card state", "present")
        self.assertShows(output, "Application state", "ready")
        self.assertShows(output, "PIN1 state", "disabled")
        self.assertShows(output, "PIN1 retries", self.sim.get("pin-retries"))
        self.assertShows(output, "PUK1 retries", self.sim.get("puk-retries"))
        # EF_ICCID holds the ICCID as swapped BCD digits.
        output = self.qmicli("--uim-read-transparent=0x3F00,0x2FE2")
        data = re.search(r"Read result:\s*([0-9A-F:]+)", output).group(1).replace(":", "")
        swapped = "".join(data[i + 1] + data[i] for i in range(0, len(data), 2))
        self.assertEqual(swapped.rstrip("F"), self.sim.get("iccid"))
        self.assertShows(self.qmicli("--dms-uim-get-imsi"), "IMSI", self.sim.get("imsi"))
        self.assertShows(self.qmicli("--dms-uim-get-iccid"), "ICCID", self.sim.get("iccid"))
        output = self.qmicli("--nas-get-home-network")
        self.assertShows(output, "MCC", self.sim.get("imsi")[:3])
        self.assertShows(output, "Description", self.sim.get("spn"))

    def test_nas_registration_and_signal(self):
        self.assertShows(self.qmicli("--nas-get-serving-system"), "Registration state", "not-registered")
        self.radio_on()
        output = self.qmicli("--nas-get-serving-system")
        self.assertShows(output, "Registration state", "registered")
        self.assertShows(output, "PS", "attached")
        self.assertShows(output, "Description", self.sim.get("operator-name"))
        code = self.sim.get("operator-code")
        self.assertShows(output, "MCC", code[:3])
        output = self.qmicli("--nas-get-system-info")
        self.assertIn("LTE service:", output)
        self.assertShows(output, "Status", "available")
        self.assertShows(output, "MNC", code[3:])
        dbm = -113 + 2 * int(self.sim.get("signal"))
        self.assertShows(self.qmicli("--nas-get-signal-info"), "RSSI", "%d dBm" % dbm)
        self.assertEqual(self.sim.control("signal 10"), "OK")
        self.assertShows(self.qmicli("--nas-get-signal-info"), "RSSI", "%d dBm" % (-113 + 20))
        # The control socket moves the modem to a roaming network.
        self.assertEqual(self.sim.control("register roaming 20810 SFR"), "OK")
        output = self.qmicli("--nas-get-serving-system")
        self.assertShows(output, "Roaming status", "on")
        self.assertShows(output, "Description", "SFR")
        self.assertShows(output, "MCC", "208")

    def test_nas_scan_and_selection(self):
        self.radio_on()
        output = self.qmicli("--nas-network-scan")
        self.assertIn("current-serving, home", output)
        self.assertShows(output, "Description", self.sim.get("operator-name"))
        self.assertIn("Network scan result: success", output)
        output = self.qmicli("--nas-get-system-selection-preference")
        self.assertShows(output, "Mode preference", "gsm, umts, lte, 5gnr")
        self.assertShows(output, "Network selection preference", "automatic")
        self.qmicli("--nas-set-system-selection-preference=umts|lte")
        self.assertEqual(self.sim.get("allowed-modes"), "3g,4g")
        self.assertShows(self.qmicli("--nas-get-system-selection-preference"), "Mode preference", "umts, lte")

    def test_wds_call(self):
        self.radio_on()
        output = self.qmicli("--wds-start-network=apn=internet,ip-type=4", "--client-no-release-cid")
        handle = re.search(r"Packet data handle: '(\d+)'", output).group(1)
        cid = re.search(r"CID: '(\d+)'", output).group(1)
        self.assertEqual(self.sim.get("sessions"), "0")
        output = self.qmicli("--wds-get-current-settings", "--client-cid=" + cid, "--client-no-release-cid")
        self.assertIn("IPv4 address: " + self.sim.get("ipv4-address"), output)
        self.assertIn("IPv4 gateway address: " + self.sim.get("ipv4-gateway"), output)
        self.assertIn("IPv4 primary DNS: " + self.sim.get("ipv4-dns").split(",")[0], output)
        self.assertIn("MTU: " + self.sim.get("ipv4-mtu"), output)
        output = self.qmicli("--wds-get-packet-service-status", "--client-cid=" + cid, "--client-no-release-cid")
        self.assertIn("Connection status: 'connected'", output)
        self.qmicli("--wds-stop-network=" + handle, "--client-cid=" + cid)
        self.assertEqual(self.sim.get("sessions"), "")
        self.assertEqual(self.sim.get("qmi-clients"), "0")

    def test_wds_network_drop(self):
        self.radio_on()
        output = self.qmicli("--wds-start-network=apn=internet,ip-type=4", "--client-no-release-cid")
        cid = re.search(r"CID: '(\d+)'", output).group(1)
        self.assertEqual(self.sim.control("no-carrier"), "OK")
        self.assertEqual(self.sim.get("sessions"), "")
        output = self.qmicli("--wds-get-packet-service-status", "--client-cid=" + cid)
        self.assertIn("Connection status: 'disconnected'", output)

    def test_wds_refused_without_service(self):
        # Radio off: no packet service, the call fails with a reason.
        result = self.run_qmicli("--wds-start-network=apn=internet,ip-type=4")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("CallFailed", result.stderr)
        self.assertEqual(self.sim.get("sessions"), "")

    def test_wda_data_format(self):
        output = self.qmicli("--wda-get-data-format")
        self.assertShows(output, "Link layer protocol", "802-3")
        output = self.qmicli("--wda-set-data-format=link-layer-protocol=raw-ip,ul-protocol=qmap,"
                             "dl-protocol=qmap,dl-max-datagrams=32,dl-datagram-max-size=32768")
        self.assertShows(output, "Link layer protocol", "raw-ip")
        self.assertShows(output, "Downlink data aggregation protocol", "qmap")
        self.assertEqual(self.sim.get("data-format"), "raw-ip qmap qmap")
        self.assertShows(self.qmicli("--wda-get-data-format"), "Uplink data aggregation protocol", "qmap")

    def test_command_history(self):
        first = int(self.sim.get("qmi-command-count"))
        self.qmicli("--nas-get-serving-system")
        self.assertEqual(int(self.sim.get("qmi-command-count")), first + 3)
        self.assertEqual(self.sim.get("qmi-command %d" % first), "ctl Allocate CID")
        self.assertEqual(self.sim.get("qmi-command %d" % (first + 1)), "nas Get Serving System")
        self.assertEqual(self.sim.get("qmi-command %d" % (first + 2)), "ctl Release CID")

    def test_unplug(self):
        self.assertEqual(self.sim.control("unplug"), "OK")
        # The QMI port closes with the others and the simulator exits
        # cleanly (the pty is not reopened: its number may be reused).
        self.assertEqual(self.sim.process.wait(TIMEOUT), 0)


class QmicliPinTest(QmicliTest.__bases__[0]):
    """The PIN-locked SIM over UIM: card status, a wrong and a right PIN."""

    def setUp(self):
        self.sim = Sim("pin-locked.ini")
        self.addCleanup(lambda: self.assertEqual(self.sim.stop(), 0))

    run_qmicli = QmicliTest.run_qmicli
    qmicli = QmicliTest.qmicli
    assertShows = QmicliTest.assertShows

    def test_verify_pin(self):
        output = self.qmicli("--uim-get-card-status")
        self.assertShows(output, "Application state", "pin1-or-upin-pin-required")
        self.assertShows(output, "PIN1 state", "enabled-not-verified")
        self.assertShows(output, "PIN1 retries", "3")
        result = self.run_qmicli("--uim-verify-pin=PIN1,0000")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("IncorrectPin", result.stderr)
        self.assertEqual(self.sim.get("pin-retries"), "2")
        self.qmicli("--uim-verify-pin=PIN1," + self.sim.get("pin"))
        self.assertEqual(self.sim.get("sim-lock"), "ready")
        output = self.qmicli("--uim-get-card-status")
        self.assertShows(output, "Application state", "ready")
        self.assertShows(output, "PIN1 state", "enabled-verified")
        self.assertShows(output, "PIN1 retries", "3")


class QmicliWithoutUimTest(QmicliTest.__bases__[0]):
    """Firmware without UIM ([modem] qmi-services): the version list and
    client allocation leave UIM out, and DMS's UIM messages take PIN1."""

    def setUp(self):
        with open(os.path.join(SCENARIOS, "pin-locked.ini")) as f:
            text = f.read() + "\n[modem]\nqmi-services=ctl,dms,nas,wds,wda\n"
        fd, path = tempfile.mkstemp(suffix=".ini")
        with os.fdopen(fd, "w") as f:
            f.write(text)
        self.addCleanup(os.unlink, path)
        self.sim = Sim(path)
        self.addCleanup(lambda: self.assertEqual(self.sim.stop(), 0))

    run_qmicli = QmicliTest.run_qmicli
    qmicli = QmicliTest.qmicli
    assertShows = QmicliTest.assertShows

    def test_no_uim_service(self):
        output = self.qmicli("--get-service-version-info")
        self.assertIn("dms (1.14)", output)
        self.assertNotIn("uim", output)
        result = self.run_qmicli("--uim-get-card-status")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("InvalidServiceType", result.stderr)

    def test_dms_pin_messages(self):
        output = self.qmicli("--dms-uim-get-pin-status")
        self.assertIn("enabled-not-verified", output)
        result = self.run_qmicli("--dms-uim-verify-pin=PIN,0000")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("IncorrectPin", result.stderr)
        self.assertEqual(self.sim.get("pin-retries"), "2")
        self.qmicli("--dms-uim-verify-pin=PIN," + self.sim.get("pin"))
        self.assertEqual(self.sim.get("sim-lock"), "ready")
        self.qmicli("--dms-uim-change-pin=PIN,%s,9876" % self.sim.get("pin"))
        self.assertEqual(self.sim.get("pin"), "9876")
        self.qmicli("--dms-uim-set-pin-protection=PIN,disable,9876")
        self.assertEqual(self.sim.get("pin-enabled"), "0")
        self.assertIn("disabled", self.qmicli("--dms-uim-get-pin-status"))


class QmiOverMbimTest(unittest.TestCase):
    """The MBIM port of mbim-qmi.ini (QMI over MBIM), with qmicli in MBIM
    mode (--device-open-mbim): each QMI message travels in an MBIM QMI_MSG
    command to the same QMI services and model."""

    def setUp(self):
        self.sim = Sim("mbim-qmi.ini", ("--at", "pty", "--mbim", "pty"))
        self.addCleanup(lambda: self.assertEqual(self.sim.stop(), 0))

    def run_qmicli(self, *args):
        return subprocess.run(
            [QMICLI, "-d", self.sim.ports["mbim"], "--device-open-mbim", *args],
            capture_output=True, text=True, timeout=TIMEOUT)

    qmicli = QmicliTest.qmicli
    assertShows = QmicliTest.assertShows

    def test_dms_ids(self):
        self.assertShows(self.qmicli("--dms-get-ids"), "IMEI", self.sim.get("imei"))
        self.assertEqual(self.sim.get("qmi-command 1"), "dms Get IDs")
        self.assertEqual(self.sim.get("qmi-clients"), "0")

    def test_system_selection_preference(self):
        output = self.qmicli("--nas-get-system-selection-preference")
        self.assertShows(output, "Mode preference", "gsm, umts, lte, 5gnr")
        self.qmicli("--nas-set-system-selection-preference=lte")
        self.assertEqual(self.sim.get("allowed-modes"), "4g")
        output = self.qmicli("--nas-get-system-selection-preference")
        self.assertShows(output, "Mode preference", "lte")
        # The AT side of the same model sees the change.
        self.assertIn("OK", self.sim.at("AT"))


if __name__ == "__main__":
    if not QMICLI:
        print("SKIP: qmicli not installed (Debian package libqmi-utils)")
        sys.exit(77)
    if not MODEM_SIM:
        print("SKIP: MODEM_SIM not set (run through meson test)")
        sys.exit(77)
    unittest.main()
