# SPDX-License-Identifier: GPL-2.0-or-later
"""data/80-modemd.rules and data/81-modemd-port-types.rules run by the real
udev rule engine: emulated USB modems in a umockdev testbed (sysfs only, no
device nodes), and `udevadm test` under the umockdev preload in a private
mount namespace where tmpfs hides every rules folder, /run and /dev, so
only our two files apply and nothing is written to the machine's /dev or
/run/udev. Each port's printed properties are checked against what the
rules say for its module.

Skipped, with the reason, without udevadm, the umockdev preload or its
typelib, or when unshare -m is refused (not root)."""

import os
import re
import shutil
import subprocess
import sys
import unittest

PRELOAD = "libumockdev-preload.so.0"
RULES_DIR = os.environ.get("MD_RULES_DIR",
                           os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "data"))
RULE_FILES = ["80-modemd.rules", "81-modemd-port-types.rules"]
# Where systemd 252 reads rules from; /lib/udev/rules.d on split-usr systems.
SYSTEM_RULES_DIRS = ["/etc/udev/rules.d", "/usr/local/lib/udev/rules.d", "/usr/lib/udev/rules.d",
                     "/lib/udev/rules.d"]
USB_ROOT = "/devices/pci0000:00/0000:00:14.0/usb1"
PROPERTY = re.compile(r"^([A-Za-z_.][A-Za-z0-9_.]*)=(.*)$")


def _reexec_with_gi():
    """Runs this file with /usr/bin/python3 when the first python3 on PATH
    has no gi (the system's PyGObject)."""
    try:
        import gi  # noqa: F401
    except ImportError:
        if os.path.exists("/usr/bin/python3") and sys.executable != "/usr/bin/python3":
            os.execv("/usr/bin/python3", ["/usr/bin/python3", *sys.argv])


def skip_reason():
    if not shutil.which("udevadm"):
        return "udevadm not installed (package udev)"
    if not shutil.which("unshare"):
        return "unshare not installed (package util-linux)"
    try:
        import gi
        gi.require_version("UMockdev", "1.0")
        from gi.repository import UMockdev  # noqa: F401
    except (ImportError, ValueError) as error:
        return f"no UMockdev typelib ({error}); install gir1.2-umockdev-1.0"
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True, text=True)
    if probe.returncode != 0:
        return f"unshare -m refused: {probe.stderr.strip()}"
    probe = subprocess.run(["env", f"LD_PRELOAD={PRELOAD}", "true"], capture_output=True, text=True)
    if "cannot be preloaded" in probe.stderr:
        return f"{PRELOAD} not found (package libumockdev0)"
    return None


class Bed:
    """A umockdev testbed described with its record format: USB devices,
    interfaces bound to a driver, and their tty, usbmisc and net ports."""

    def __init__(self):
        import gi
        gi.require_version("UMockdev", "1.0")
        from gi.repository import UMockdev
        self.tb = UMockdev.Testbed.new()
        self.root = self.tb.get_root_dir()
        self.minor = 0
        self.ports = {}  # port name -> devpath

    def _add(self, devpath, props=(), attrs=(), driver=None):
        lines = [f"P: {devpath}"] + [f"E: {p}" for p in props] + [f"A: {a}" for a in attrs]
        if driver:
            os.makedirs(os.path.join(self.root, "sys/bus/usb/drivers", driver), exist_ok=True)
            up = "../" * (devpath.count("/") - 1)
            lines += [f"E: DRIVER={driver}", f"L: driver={up}../bus/usb/drivers/{driver}"]
        self.tb.add_from_string("\n".join(lines) + "\n")

    def usb_device(self, port, vid, pid):
        path = f"{USB_ROOT}/{port}"
        self._add(path, ["SUBSYSTEM=usb", "DEVTYPE=usb_device"],
                  [f"idVendor={vid}", f"idProduct={pid}", "bDeviceClass=00"])
        return path

    def interface(self, device, number, driver, triplet="ff/ff/ff"):
        cls, sub, proto = triplet.split("/")
        path = f"{device}/{os.path.basename(device)}:1.{int(number, 16)}"
        self._add(path, ["SUBSYSTEM=usb", "DEVTYPE=usb_interface"],
                  [f"bInterfaceNumber={number}", f"bInterfaceClass={cls}",
                   f"bInterfaceSubClass={sub}", f"bInterfaceProtocol={proto}"], driver)
        return path

    def tty(self, interface, name):
        """A usb-serial port (ttyUSB*) or a cdc_acm one (ttyACM*)."""
        parent = interface
        if name.startswith("ttyUSB"):
            parent = f"{interface}/{name}"
            self._add(parent, ["SUBSYSTEM=usb-serial"])
        self._node(f"{parent}/tty/{name}", name, "tty", 188)

    def usbmisc(self, interface, name):
        self._node(f"{interface}/usbmisc/{name}", name, "usbmisc", 180)

    def net(self, interface, name):
        path = f"{interface}/net/{name}"
        self._add(path, ["SUBSYSTEM=net", f"INTERFACE={name}"], ["type=1"])
        self.ports[name] = path

    def _node(self, path, name, subsystem, major):
        self.minor += 1
        self._add(path, [f"SUBSYSTEM={subsystem}", f"DEVNAME=/dev/{name}", f"MAJOR={major}",
                         f"MINOR={self.minor}"])
        self.ports[name] = path


def run_udevadm_test(bed, local_rules=""):
    """{port name: {property: value}} from `udevadm test --action=add` on
    every port, with our rules (and local_rules as 70-local.rules in
    /etc/udev/rules.d) as the only rules; and the rules files udevadm read."""
    rules = " ".join(os.path.join(os.path.abspath(RULES_DIR), f) for f in RULE_FILES)
    script = ["set -e", "mount --make-rprivate /", "mount -t tmpfs tmpfs /run", "mount -t tmpfs tmpfs /dev"]
    script += [f'[ ! -d {d} ] || mount -t tmpfs tmpfs {d}' for d in SYSTEM_RULES_DIRS]
    script += [f"cp {rules} /usr/lib/udev/rules.d/",
               'printf "%s\\n" "$MD_LOCAL_RULES" > /etc/udev/rules.d/70-local.rules']
    for name, path in bed.ports.items():
        script += [f'echo "=== {name}"',
                   f"LD_PRELOAD={PRELOAD} UMOCKDEV_DIR={bed.root} udevadm test --action=add /sys{path}"]
    env = dict(os.environ, MD_LOCAL_RULES=local_rules)
    run = subprocess.run(["unshare", "-m", "sh", "-c", "\n".join(script)], capture_output=True, text=True,
                         env=env, timeout=300)
    if run.returncode != 0:
        raise AssertionError(f"udevadm test failed ({run.returncode}):\n{run.stderr[-4000:]}")
    ports, current = {}, None
    for line in run.stdout.splitlines():
        if line.startswith("=== "):
            current = ports.setdefault(line[4:], {})
            continue
        match = PROPERTY.match(line)
        if match and current is not None:
            current[match.group(1)] = match.group(2)
    read = sorted(set(re.findall(r"Reading rules file: (\S+)", run.stderr)))
    return ports, read


def hints(props):
    """The port-type and ignore properties a port carries."""
    return {k: v for k, v in props.items()
            if k.startswith("ID_MD_PORT_TYPE_") or k in ("ID_MD_PORT_IGNORE", "ID_MD_DEVICE_IGNORE")}


def typed(*names):
    return {("ID_MD_" + n if n.endswith("IGNORE") else "ID_MD_PORT_TYPE_" + n): "1" for n in names}


class UdevRulesTest(unittest.TestCase):
    """One testbed holds every module; udevadm runs once per test."""

    @classmethod
    def setUpClass(cls):
        bed = Bed()
        # Quectel EC25: option ttys on 00-03, QMI (cdc-wdm0 + wwan0) on 04.
        ec25 = bed.usb_device("1-1", "2c7c", "0125")
        for n in range(4):
            bed.tty(bed.interface(ec25, f"{n:02x}", "option"), f"ttyUSB{n}")
        qmi = bed.interface(ec25, "04", "qmi_wwan")
        bed.usbmisc(qmi, "cdc-wdm0")
        bed.net(qmi, "wwan0")
        # Sierra EM7565: qcserial on 00, 02, 03.
        em7565 = bed.usb_device("1-2", "1199", "9091")
        for n, name in (("00", "ttyUSB4"), ("02", "ttyUSB5"), ("03", "ttyUSB6")):
            bed.tty(bed.interface(em7565, n, "qcserial"), name)
        # Telit LN920: 00 QCDM, 03 NMEA, 04 and 05 AT, 06 ignored.
        ln920 = bed.usb_device("1-3", "1bc7", "1060")
        for n, name in (("00", "ttyUSB7"), ("03", "ttyUSB8"), ("04", "ttyUSB9"), ("05", "ttyUSB10"),
                        ("06", "ttyUSB11")):
            bed.tty(bed.interface(ln920, n, "option"), name)
        # Fibocom L850-GL: MBIM on 00, cdc_acm on 02, 04 (debug), 06.
        l850 = bed.usb_device("1-4", "2cb7", "0007")
        bed.usbmisc(bed.interface(l850, "00", "cdc_mbim", "02/0e/00"), "cdc-wdm1")
        for n, name in (("02", "ttyACM0"), ("04", "ttyACM1"), ("06", "ttyACM2")):
            bed.tty(bed.interface(l850, n, "cdc_acm", "02/02/01"), name)
        # SIMCom SIM7600: 00-04 with an audio port.
        sim7600 = bed.usb_device("1-5", "1e0e", "9001")
        for n in range(5):
            bed.tty(bed.interface(sim7600, f"{n:02x}", "option"), f"ttyUSB{12 + n}")
        # Huawei: roles from the interface class triplet.
        huawei = bed.usb_device("1-6", "12d1", "1506")
        for n, triplet in enumerate(["ff/02/02", "ff/02/01", "ff/06/14", "ff/02/12"]):
            bed.tty(bed.interface(huawei, f"{n:02x}", "option", triplet), f"ttyUSB{17 + n}")
        # Dell DW5821e: MBIM on 00, ttys on 02-05.
        dw5821e = bed.usb_device("1-7", "413c", "81d7")
        bed.usbmisc(bed.interface(dw5821e, "00", "cdc_mbim", "02/0e/00"), "cdc-wdm2")
        for n in range(2, 6):
            bed.tty(bed.interface(dw5821e, f"{n:02x}", "option"), f"ttyUSB{19 + n}")
        # Foxconn T77W968: the DW5821e's layout under Foxconn's id.
        t77w968 = bed.usb_device("1-8", "0489", "e0b4")
        bed.tty(bed.interface(t77w968, "02", "option"), "ttyUSB25")
        # A Quectel product the rules do not list: no hints.
        unknown = bed.usb_device("1-9", "2c7c", "0512")
        bed.tty(bed.interface(unknown, "02", "option"), "ttyUSB26")
        # A second EC25 whose interface 02 a local rule ignores.
        local = bed.usb_device("1-10", "2c7c", "0125")
        bed.tty(bed.interface(local, "02", "option"), "ttyUSB27")
        bed.tty(bed.interface(local, "03", "option"), "ttyUSB28")
        # u-blox TOBY-L4: 02 ignored, 06 not named.
        toby = bed.usb_device("1-11", "1546", "1010")
        bed.tty(bed.interface(toby, "02", "cdc_acm", "02/02/01"), "ttyACM3")
        bed.tty(bed.interface(toby, "06", "cdc_acm", "02/02/01"), "ttyACM4")
        # An FTDI cable: 80-modemd.rules ignores the whole device.
        ftdi = bed.usb_device("1-12", "0403", "6001")
        bed.tty(bed.interface(ftdi, "00", "ftdi_sio"), "ttyUSB29")
        # Sierra MC7304: qcserial on 00, 02, 03; two QMI pairs on 08 and 10.
        mc7304 = bed.usb_device("1-13", "1199", "68c0")
        for n, name in (("00", "ttyUSB30"), ("02", "ttyUSB31"), ("03", "ttyUSB32")):
            bed.tty(bed.interface(mc7304, n, "qcserial"), name)
        for n, wdm, net in (("08", "cdc-wdm3", "wwan3"), ("0a", "cdc-wdm4", "wwan4")):
            qmi = bed.interface(mc7304, n, "qmi_wwan")
            bed.usbmisc(qmi, wdm)
            bed.net(qmi, net)
        cls.bed = bed
        cls.ports, cls.read = run_udevadm_test(
            bed, 'SUBSYSTEM=="tty", KERNEL=="ttyUSB27", ENV{ID_MM_PORT_IGNORE}="1"\n'
                 'SUBSYSTEM=="tty", KERNEL=="ttyUSB28", ENV{ID_MM_PORT_TYPE_AT_PRIMARY}="1"')

    @classmethod
    def tearDownClass(cls):
        cls.bed.tb = None

    def assert_hints(self, expected):
        for port, want in expected.items():
            with self.subTest(port=port):
                self.assertIn(port, self.ports)
                self.assertEqual(hints(self.ports[port]), want, self.ports[port])

    def test_only_our_rules_ran(self):
        self.assertEqual([os.path.basename(p) for p in self.read], ["70-local.rules"] + RULE_FILES)
        self.assertEqual(sorted(self.ports), sorted(self.bed.ports))

    def test_quectel_ec25(self):
        self.assert_hints({"ttyUSB0": typed("QCDM"), "ttyUSB1": typed("GPS"), "ttyUSB2": typed("AT_PRIMARY"),
                           "ttyUSB3": typed("AT_SECONDARY"), "cdc-wdm0": typed("QMI"), "wwan0": {}})
        for port in ("ttyUSB0", "ttyUSB3", "cdc-wdm0", "wwan0"):
            self.assertEqual(self.ports[port].get("ID_MD_CANDIDATE"), "1", port)

    def test_sierra_em7565(self):
        self.assert_hints({"ttyUSB4": typed("QCDM"), "ttyUSB5": typed("GPS"), "ttyUSB6": typed("AT_PRIMARY")})

    def test_sierra_mc7304(self):
        # Only the AT port is probed; QCDM and NMEA are typed, never AT.
        self.assert_hints({"ttyUSB30": typed("QCDM"), "ttyUSB31": typed("GPS"), "ttyUSB32": typed("AT_PRIMARY"),
                           "cdc-wdm3": typed("QMI"), "cdc-wdm4": typed("QMI"), "wwan3": {}, "wwan4": {}})

    def test_telit_ln920(self):
        self.assert_hints({"ttyUSB7": typed("QCDM"), "ttyUSB8": typed("GPS"), "ttyUSB9": typed("AT_PRIMARY"),
                           "ttyUSB10": typed("AT_SECONDARY"), "ttyUSB11": typed("PORT_IGNORE")})

    def test_fibocom_l850(self):
        self.assert_hints({"cdc-wdm1": typed("MBIM"), "ttyACM0": {}, "ttyACM1": typed("PORT_IGNORE"),
                           "ttyACM2": {}})

    def test_simcom_sim7600(self):
        self.assert_hints({"ttyUSB12": typed("QCDM"), "ttyUSB13": typed("GPS"), "ttyUSB14": typed("AT_PRIMARY"),
                           "ttyUSB15": typed("AT_SECONDARY"), "ttyUSB16": typed("AUDIO")})

    def test_huawei_by_interface_class(self):
        self.assert_hints({"ttyUSB17": typed("AT_PRIMARY"), "ttyUSB18": typed("AT_PPP"), "ttyUSB19": typed("GPS"),
                           "ttyUSB20": {}})

    def test_dell_and_foxconn(self):
        self.assert_hints({"cdc-wdm2": typed("MBIM"), "ttyUSB21": typed("AT_PRIMARY"),
                           "ttyUSB22": typed("AT_SECONDARY"), "ttyUSB23": typed("GPS"), "ttyUSB24": typed("QCDM"),
                           "ttyUSB25": typed("AT_PRIMARY")})

    def test_unlisted_product_gets_no_hint(self):
        self.assert_hints({"ttyUSB26": {}})
        self.assertEqual(self.ports["ttyUSB26"].get("ID_MD_CANDIDATE"), "1")

    def test_local_rule_wins(self):
        # Interface 02 of an EC25 is the primary AT port and 03 a secondary
        # one, unless a local rule said otherwise.
        self.assert_hints({"ttyUSB27": typed("PORT_IGNORE"), "ttyUSB28": typed("AT_PRIMARY")})

    def test_ublox_toby_l4(self):
        self.assert_hints({"ttyACM3": typed("PORT_IGNORE"), "ttyACM4": {}})

    def test_ftdi_ignored(self):
        self.assert_hints({"ttyUSB29": typed("DEVICE_IGNORE")})


if __name__ == "__main__":
    _reexec_with_gi()
    REASON = skip_reason()
    if REASON:
        print(f"SKIP: {REASON}")
        sys.exit(77)
    unittest.main(verbosity=2)
