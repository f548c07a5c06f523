# SPDX-License-Identifier: GPL-2.0-or-later
"""Debian's real NetworkManager against modemd and a simulated MBIM modem.

The test re-runs itself in a mount and network namespace of its own
(unshare -m -n), where it mounts tmpfs over /run and
/var/lib/NetworkManager and a read-only sysfs of the namespace (NM then
sees only the namespace's links and, with /sys read-only, does not wait for
udev, which these machines do not run). A veth pair stands in for the
modem's data interface: wwan0 (the modem's net port) and wwan0p
(unmanaged). NetworkManager runs with its own configuration (keyfile
connections in a private folder, auth-polkit=false, dns=none) on the
private bus, which is both buses for every process here."""

import json
import os
import shutil
import signal
import subprocess
import sys
import unittest

IN_NAMESPACE = "MD_TEST_IN_NM_NAMESPACE"
NETWORK_MANAGER = shutil.which("NetworkManager") or (
    "/usr/sbin/NetworkManager" if os.path.exists("/usr/sbin/NetworkManager") else None)
NMCLI = shutil.which("nmcli")
NET_PORT = "wwan0"
PEER = "wwan0p"
MTU = 1400

# NM log lines at warn level that are not about modemd's objects.
HARMLESS_WARNINGS = (
    "error poking ModemManager",  # no D-Bus activation file on the private bus
    "hostname",  # no hostnamed on the private bus
    "systemd-logind",
    "sleep-monitor",
    "dispatcher",
)


def enter_namespaces():
    """Re-runs this program in new mount and network namespaces, with the
    mounts NetworkManager needs; returns why not where they cannot be made."""
    if os.environ.get(IN_NAMESPACE) == "1":
        return None
    if not NETWORK_MANAGER or not NMCLI:
        return None  # the class is skipped anyway
    unshare = shutil.which("unshare")
    if not unshare:
        return "unshare is not installed"
    probe = subprocess.run([unshare, "-m", "-n", "true"], capture_output=True)
    if probe.returncode != 0:
        return "cannot create mount and network namespaces: " + probe.stderr.decode().strip()
    env = dict(os.environ, **{IN_NAMESPACE: "1"})
    os.execve(unshare, [unshare, "-m", "-n", sys.executable, *sys.argv], env)
    return None  # not reached


def prepare_namespace():
    """The mounts of the namespace; returns a reason when one fails."""
    for argv in (["mount", "--make-rprivate", "/"],
                 ["mount", "-t", "tmpfs", "tmpfs", "/run"],
                 ["mount", "-t", "tmpfs", "tmpfs", "/var/lib/NetworkManager"],
                 ["mount", "-t", "sysfs", "-o", "ro", "sysfs", "/sys"],
                 ["ip", "link", "set", "lo", "up"]):
        if argv[0] == "mount" and argv[-1] == "/var/lib/NetworkManager":
            os.makedirs(argv[-1], exist_ok=True)
        result = subprocess.run(argv, capture_output=True, text=True)
        if result.returncode != 0:
            return f"{' '.join(argv)} failed: {result.stderr.strip()}"
    return None


if __name__ == "__main__":
    SKIP_REASON = enter_namespaces()
    if SKIP_REASON is None and os.environ.get(IN_NAMESPACE) == "1":
        SKIP_REASON = prepare_namespace()
else:
    SKIP_REASON = "run as a program, not imported"

from harness import WAIT_SECONDS, ModemdTestCase, skip_without_tools, wait_for  # noqa: E402

if not NETWORK_MANAGER or not NMCLI:
    SKIP_REASON = "NetworkManager or nmcli (network-manager) is not installed"


def ip_json(*args):
    return json.loads(subprocess.run(["ip", "-j", *args], check=True, capture_output=True,
                                     text=True).stdout or "[]")


@skip_without_tools
@unittest.skipIf(SKIP_REASON is not None, SKIP_REASON or "")
class NetworkManagerTest(ModemdTestCase):

    # A real wwan0 (no fake links): MBIM session 0 runs on it as it is.
    daemon_args = ModemdTestCase.daemon_args + ["--no-mbim-proxy"]

    def setUp(self):
        subprocess.run(["ip", "link", "del", NET_PORT], capture_output=True)
        subprocess.run(["ip", "link", "add", NET_PORT, "type", "veth", "peer", "name", PEER],
                       check=True)
        subprocess.run(["ip", "link", "set", PEER, "up"], check=True)
        self.nm = None
        super().setUp()

    def tearDown(self):
        self.stop_nm()
        super().tearDown()
        subprocess.run(["ip", "link", "del", NET_PORT], capture_output=True)

    # --- NetworkManager ----------------------------------------------------

    def start_nm(self):
        folder = os.path.join(self.workdir, "nm")
        for sub in ("connections", "conf.d", "system-conf.d"):
            os.makedirs(os.path.join(folder, sub))
        config = os.path.join(folder, "NetworkManager.conf")
        with open(config, "w") as f:
            f.write("[main]\nplugins=keyfile\nauth-polkit=false\ndns=none\n"
                    f"[keyfile]\npath={folder}/connections\n"
                    f"unmanaged-devices=interface-name:{PEER}\n"
                    "[logging]\nlevel=DEBUG\ndomains=MB,DEVICE,IP4,IP6,CORE,PLATFORM\n")
        self.nm_log_path = os.path.join(self.workdir, "nm.log")
        with open(self.nm_log_path, "w") as log:
            self.nm = subprocess.Popen(
                [NETWORK_MANAGER, "--debug", f"--config={config}",
                 f"--config-dir={folder}/conf.d", f"--system-config-dir={folder}/system-conf.d",
                 f"--intern-config={folder}/intern.conf", f"--state-file={folder}/nm.state",
                 f"--pid-file={folder}/nm.pid"],
                env=dict(self.bus.env(), LD_PRELOAD=""), stdout=log, stderr=subprocess.STDOUT)
        wait_for(lambda: self.nmcli("general", "status", check=False).returncode == 0,
                 what="NetworkManager on the bus")

    def stop_nm(self):
        if not self.nm or self.nm.poll() is not None:
            return
        self.nm.send_signal(signal.SIGTERM)
        try:
            self.nm.wait(timeout=WAIT_SECONDS)
        except subprocess.TimeoutExpired:
            self.nm.kill()
            self.nm.wait()
        if self._outcome_failed():
            with open(self.nm_log_path, errors="replace") as log:
                print("---- NetworkManager log ----\n" + log.read()[-20000:])

    def nmcli(self, *args, check=True):
        return self.run_client([NMCLI, *args], check=check)

    def devices(self):
        out = self.nmcli("-t", "-f", "DEVICE,TYPE,STATE", "device").stdout
        return [line.split(":") for line in out.splitlines()]

    def gsm_device(self):
        return next(((name, state) for name, kind, state in self.devices() if kind == "gsm"), None)

    def device_state(self):
        found = self.gsm_device()
        return found[1] if found else None

    def device_field(self, name, field):
        out = self.nmcli("-t", "-f", field, "device", "show", name).stdout
        return [line.partition(":")[2] for line in out.splitlines() if line]

    # --- the modem ---------------------------------------------------------

    def add_modem(self):
        with open(os.path.join(os.environ.get("MD_SCENARIOS", ""), "default.ini")) as f:
            text = f.read().replace("ipv4-mtu=1500", f"ipv4-mtu={MTU}")
        scenario = os.path.join(self.workdir, "nm.ini")
        with open(scenario, "w") as f:
            f.write(text)
        sim = self.start_sim(scenario, at="none", mbim="pty")
        self.set_profile("mbim0", ["mbim:" + sim.mbim_port, "net:" + NET_PORT])
        wait_for(lambda: self.modem_paths(), what="the modem to be exported")
        return sim

    def addresses(self, family="inet"):
        links = ip_json("addr", "show", NET_PORT)
        return [(a["local"], a["prefixlen"]) for a in links[0]["addr_info"] if a["family"] == family]

    def default_route(self):
        routes = ip_json("route", "show", "default", "dev", NET_PORT)
        return routes[0]["gateway"] if routes else None

    def nm_warnings(self):
        with open(self.nm_log_path, errors="replace") as log:
            lines = [line for line in log if "<warn>" in line or "<error>" in line]
        return [line for line in lines if not any(h in line for h in HARMLESS_WARNINGS)]

    def test_nmcli_brings_the_modem_up_and_down(self):
        sim = self.add_modem()
        self.start_nm()
        device = wait_for(self.gsm_device, what="NetworkManager to list the modem as gsm")[0]
        wait_for(lambda: self.device_state() == "disconnected", what="the gsm device to be ready")

        self.nmcli("connection", "add", "type", "gsm", "ifname", "*", "con-name", "mobile", "apn",
                   "internet", "connection.autoconnect", "no")
        self.nmcli("--wait", str(WAIT_SECONDS * 2), "connection", "up", "mobile")
        self.assertEqual(self.device_state(), "connected")
        self.assertIn(("10.64.0.2", int(sim.control("get ipv4-prefix"))), self.addresses())
        self.assertEqual(self.default_route(), sim.control("get ipv4-gateway"))
        self.assertEqual(ip_json("link", "show", NET_PORT)[0]["mtu"], MTU)
        dns = self.device_field(device, "IP4.DNS")
        self.assertEqual(",".join(dns), sim.control("get ipv4-dns"))
        self.assertEqual(self.mmcli_json("-m", "0")["modem"]["generic"]["state"], "connected")

        self.nmcli("--wait", str(WAIT_SECONDS * 2), "connection", "down", "mobile")
        wait_for(lambda: not self.addresses(), what="NetworkManager to remove the address")
        self.assertIsNone(self.default_route())
        wait_for(lambda: self.mmcli_json("-m", "0")["modem"]["generic"]["state"] == "registered",
                 what="the modem to be registered again")
        self.assertEqual(self.nm_warnings(), [])

    def test_network_drop_takes_the_device_down(self):
        sim = self.add_modem()
        self.start_nm()
        wait_for(lambda: self.device_state() == "disconnected", what="the gsm device to be ready")
        self.nmcli("connection", "add", "type", "gsm", "ifname", "*", "con-name", "mobile", "apn",
                   "internet", "connection.autoconnect", "no")
        self.nmcli("--wait", str(WAIT_SECONDS * 2), "connection", "up", "mobile")
        self.assertTrue(self.addresses())

        sim.control("no-carrier")
        wait_for(lambda: self.device_state() not in ("connected", None),
                 what="NetworkManager to take the device down")
        wait_for(lambda: not self.addresses(), what="NetworkManager to remove the address")
        active = self.nmcli("-t", "-f", "NAME", "connection", "show", "--active").stdout.split()
        self.assertNotIn("mobile", active)
        with open(self.nm_log_path, errors="replace") as log:
            self.assertIn("reason 'modem-no-carrier'", log.read())
        # NM reports the drop as a failed activation; nothing else.
        warnings = [w for w in self.nm_warnings() if "Activation: failed for connection" not in w]
        self.assertEqual(warnings, [])


if __name__ == "__main__":
    unittest.main(verbosity=2)
