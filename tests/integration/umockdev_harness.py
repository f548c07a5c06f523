# SPDX-License-Identifier: GPL-2.0-or-later
"""Emulated hardware for integration tests and the benchmark: a umockdev
testbed filled with the C fixtures of tests/discovery/md-testbed.c (loaded
from the libmd-testbed-py shared library through ctypes, so each device is
defined once), modem-sim processes serving the pty masters behind the
emulated device nodes, and the environment that runs a daemon under the
umockdev preload.

The process that owns the testbed runs under the preload too: import this
module first and call reexec_under_preload() before anything else.
"""

import ctypes
import errno
import fcntl
import os
import subprocess
import sys
import time
import unittest

import netns
from harness import Sim, sanitizer_runtime

PRELOAD = "libumockdev-preload.so.0"
TESTBED_LIB = os.environ.get("MD_TESTBED_LIB", "")


def reexec_under_preload(private_net=False):
    """Restarts this program under the umockdev preload unless it already
    runs under it (umockdev wants the testbed owner preloaded as well);
    with private_net, also in a network namespace of its own when unshare
    -n works (mbim-proxy, which ModemManager always spawns, listens on a
    global abstract socket and would outlive the testbed); then
    MD_TEST_PRIVATE_NET=1 is set."""
    if PRELOAD in os.environ.get("LD_PRELOAD", ""):
        return
    env = dict(os.environ)
    env["LD_PRELOAD"] = (PRELOAD + " " + env.get("LD_PRELOAD", "")).strip()
    # An ASan build of the testbed library (loaded into this interpreter)
    # needs the ASan runtime first; the interpreter and the tools it starts
    # are not ours, so their leaks are not looked for (harness.daemon_env
    # gives modemd the caller's ASAN_OPTIONS back).
    runtime = sanitizer_runtime(TESTBED_LIB) if TESTBED_LIB else None
    if runtime:
        env["LD_PRELOAD"] = f"{runtime} {env['LD_PRELOAD']}"
        env["MD_TEST_DAEMON_ASAN_OPTIONS"] = env.get("ASAN_OPTIONS", "")
        env["ASAN_OPTIONS"] = "detect_leaks=0"
    python = _python_with_gi()
    if private_net and _can_unshare():
        env["MD_TEST_PRIVATE_NET"] = "1"
        env.update(netns.marks())
        os.execvpe("unshare", ["unshare", "-n", python, *sys.argv], env)
    os.execve(python, [python, *sys.argv], env)


def _python_with_gi():
    """This interpreter if it has the system's gi, else /usr/bin/python3
    (the python3 first on PATH may be another one)."""
    try:
        import gi  # noqa: F401
        return sys.executable
    except ImportError:
        return "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable


def _can_unshare():
    try:
        return subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0
    except OSError:
        return False


def available():
    """None when the harness can run, else why not."""
    if not TESTBED_LIB or not os.path.exists(TESTBED_LIB):
        return "MD_TESTBED_LIB (libmd-testbed-py.so) not built (meson -Dudev=false?)"
    try:
        import gi
        gi.require_version("UMockdev", "1.0")
        from gi.repository import UMockdev  # noqa: F401
    except (ImportError, ValueError) as error:
        return f"no UMockdev typelib ({error}); install gir1.2-umockdev-1.0"
    return None


class _GPtrArray(ctypes.Structure):
    _fields_ = [("pdata", ctypes.POINTER(ctypes.c_char_p)), ("len", ctypes.c_uint)]


class _Device(ctypes.Structure):
    _fields_ = [("sysfs_path", ctypes.c_char_p), ("ports", ctypes.POINTER(_GPtrArray)),
                ("nodes", ctypes.POINTER(_GPtrArray))]


def _strings(array):
    return [array.contents.pdata[i].decode() for i in range(array.contents.len)]


class Device:
    """A device plugged into the testbed: its sysfs path, the sysfs paths
    of its ports, and its device files."""

    def __init__(self, pointer):
        self.pointer = pointer
        self.refresh()

    def refresh(self):
        data = self.pointer.contents
        self.sysfs_path = data.sysfs_path.decode()
        self.ports = _strings(data.ports)
        self.nodes = _strings(data.nodes)


def _props(props):
    """A NULL-terminated char ** of "PORT:KEY=VALUE" entries, or None."""
    if not props:
        return None
    array = (ctypes.c_char_p * (len(props) + 1))(*[p.encode() for p in props], None)
    return array


class Testbed:
    """A umockdev testbed and the fixtures to plug devices into it."""

    def __init__(self):
        import gi
        gi.require_version("UMockdev", "1.0")
        from gi.repository import UMockdev
        self.tb = UMockdev.Testbed.new()
        if not UMockdev.in_mock_environment():
            raise AssertionError("not under the umockdev preload: call reexec_under_preload()")
        self.root = self.tb.get_root_dir()
        self.lib = ctypes.CDLL(TESTBED_LIB)
        pyapi = ctypes.pythonapi
        pyapi.PyCapsule_GetPointer.restype = ctypes.c_void_p
        pyapi.PyCapsule_GetPointer.argtypes = [ctypes.py_object, ctypes.c_char_p]
        self.ptr = ctypes.c_void_p(pyapi.PyCapsule_GetPointer(self.tb.__gpointer__, None))
        device_p = ctypes.POINTER(_Device)
        s, u, pp = ctypes.c_char_p, ctypes.c_uint, ctypes.c_void_p
        for name, args in (("md_testbed_mbim_modem", [s, s, s, pp]),
                           ("md_testbed_qmi_modem", [s, s, s, pp]),
                           ("md_testbed_qmi_pairs_modem", [s, pp, pp]),
                           ("md_testbed_option_modem", [s, u, pp]),
                           ("md_testbed_quectel_modem", [s, u, pp]),
                           ("md_testbed_pcie_modem", [s, u, pp]),
                           ("md_testbed_mbim_at_modem", [s, s, s, s, s, pp]),
                           ("md_testbed_ftdi", [s, s]),
                           ("md_testbed_arduino", [s, s])):
            func = getattr(self.lib, name)
            func.restype = device_p
            func.argtypes = [ctypes.c_void_p, *args]
        self.lib.md_testbed_usb_net.restype = None
        self.lib.md_testbed_usb_net.argtypes = [ctypes.c_void_p, device_p, u, s, pp]
        self.lib.md_testbed_usb_interface.restype = None
        self.lib.md_testbed_usb_interface.argtypes = [ctypes.c_void_p, device_p, u, s, s]
        self.lib.md_testbed_qmi_wwan_net.restype = None
        self.lib.md_testbed_qmi_wwan_net.argtypes = [ctypes.c_void_p, device_p, u, s, pp]
        self.lib.md_testbed_cdc_wdm.restype = None
        self.lib.md_testbed_cdc_wdm.argtypes = [ctypes.c_void_p, device_p, u, s, pp]
        self.lib.md_testbed_acm_tty.restype = None
        self.lib.md_testbed_acm_tty.argtypes = [ctypes.c_void_p, device_p, u, s, pp]
        self.lib.md_testbed_unplug.restype = None
        self.lib.md_testbed_unplug.argtypes = [ctypes.c_void_p, device_p]
        self.lib.md_testbed_device_free.restype = None
        self.lib.md_testbed_device_free.argtypes = [device_p]
        self.devices = []

    def env(self, env):
        """env for a daemon that sees this testbed."""
        env = dict(env)
        env["UMOCKDEV_DIR"] = self.root
        env["LD_PRELOAD"] = (PRELOAD + " " + env.get("LD_PRELOAD", "")).strip()
        # Under ASan the preload comes before the sanitizer runtime.
        asan = env.get("ASAN_OPTIONS", "")
        env["ASAN_OPTIONS"] = (asan + ":" if asan else "") + "verify_asan_link_order=0"
        return env

    def processes(self):
        """The pids of the other processes running with this testbed in
        their environment: the daemon and what it spawned."""
        mark = f"UMOCKDEV_DIR={self.root}".encode()
        pids = []
        for pid in filter(str.isdigit, os.listdir("/proc")):
            if int(pid) == os.getpid():
                continue
            try:
                with open(f"/proc/{pid}/environ", "rb") as environ:
                    if mark in environ.read().split(b"\0"):
                        pids.append(int(pid))
            except OSError:
                pass
        return pids

    def stop_leftovers(self):
        """Ends the processes still running with this testbed in their
        environment, which the daemon spawned (mbim-proxy outlives
        ModemManager), so they do not serve the next testbed's clients."""
        for pid in self.processes():
            try:
                os.kill(pid, 15)
            except OSError:
                pass

    def _keep(self, pointer):
        device = Device(pointer)
        self.devices.append(device)
        return device

    # --- the fixtures (tests/discovery/md-testbed.h) -------------------------

    def mbim_modem(self, busid, wdm, net, props=None):
        return self._keep(self.lib.md_testbed_mbim_modem(
            self.ptr, busid.encode(), wdm.encode(), net.encode() if net else None, _props(props)))

    def qmi_modem(self, busid, wdm, net, props=None):
        return self._keep(self.lib.md_testbed_qmi_modem(
            self.ptr, busid.encode(), wdm.encode(), net.encode(), _props(props)))

    def qmi_pairs_modem(self, busid, names, props=None):
        """Sierra MC7304: names = [cdc-wdm, net, cdc-wdm, net, ...] on
        qmi_wwan interfaces 8, 10, ..."""
        return self._keep(self.lib.md_testbed_qmi_pairs_modem(self.ptr, busid.encode(), _props(names),
                                                               _props(props)))

    def option_modem(self, busid, first, props=None):
        return self._keep(self.lib.md_testbed_option_modem(self.ptr, busid.encode(), first,
                                                           _props(props)))

    def quectel_modem(self, busid, first, props=None):
        return self._keep(self.lib.md_testbed_quectel_modem(self.ptr, busid.encode(), first,
                                                            _props(props)))

    def pcie_modem(self, slot, n, props=None):
        return self._keep(self.lib.md_testbed_pcie_modem(self.ptr, slot.encode(), n, _props(props)))

    def mbim_at_modem(self, busid, wdm, net, acm0, acm1, props=None):
        return self._keep(self.lib.md_testbed_mbim_at_modem(
            self.ptr, busid.encode(), wdm.encode(), net.encode(), acm0.encode(), acm1.encode(),
            _props(props)))

    def ftdi(self, busid, tty):
        return self._keep(self.lib.md_testbed_ftdi(self.ptr, busid.encode(), tty.encode()))

    def arduino(self, busid, tty):
        return self._keep(self.lib.md_testbed_arduino(self.ptr, busid.encode(), tty.encode()))

    def add_usb_net(self, device, interface, name, props=None):
        """A net port arriving after the rest of a USB device."""
        self.lib.md_testbed_usb_net(self.ptr, device.pointer, interface, name.encode(), _props(props))
        device.refresh()

    def add_acm_tty(self, device, interface, name, props=None):
        """A cdc_acm interface and its tty arriving after the rest of a USB
        device."""
        self.lib.md_testbed_usb_interface(self.ptr, device.pointer, interface, b"02", b"cdc_acm")
        self.lib.md_testbed_acm_tty(self.ptr, device.pointer, interface, name.encode(), _props(props))
        device.refresh()

    def add_mbim_wdm(self, device, interface, name, props=None):
        """A cdc_mbim interface and its cdc-wdm node arriving after the rest
        of a USB device."""
        self.lib.md_testbed_usb_interface(self.ptr, device.pointer, interface, b"02", b"cdc_mbim")
        self.lib.md_testbed_cdc_wdm(self.ptr, device.pointer, interface, name.encode(), _props(props))
        device.refresh()

    def add_qmi_function(self, device, interface):
        """A qmi_wwan interface arriving after the rest of a USB device;
        its ports come with add_qmi_wdm and add_qmi_net, in either order."""
        self.lib.md_testbed_usb_interface(self.ptr, device.pointer, interface, b"ff", b"qmi_wwan")

    def add_qmi_wdm(self, device, interface, name, props=None):
        self.lib.md_testbed_cdc_wdm(self.ptr, device.pointer, interface, name.encode(), _props(props))
        device.refresh()

    def add_qmi_net(self, device, interface, name, props=None):
        self.lib.md_testbed_qmi_wwan_net(self.ptr, device.pointer, interface, name.encode(), _props(props))
        device.refresh()

    def change(self, device, port, key, value):
        """As a udev rule loaded later and `udevadm trigger`: sets the
        property key on the port named port, then a "change" uevent."""
        path = next(p for p in device.ports if p.endswith("/" + port))
        self.tb.set_property(path, key, value)
        self.tb.uevent(path, "change")

    def unplug(self, device):
        """"remove" for every port and the device, then gone from sysfs."""
        self.lib.md_testbed_unplug(self.ptr, device.pointer)
        self.devices.remove(device)
        self.lib.md_testbed_device_free(device.pointer)

    # --- device nodes --------------------------------------------------------

    def master(self, node):
        """The testbed's end (pty master) of the emulated device node."""
        fd = self.tb.get_dev_fd(node)
        if fd < 0:
            raise AssertionError(f"{node} has no pty in the testbed")
        return fd

    def bytes_written(self, node):
        """What clients wrote to node and nobody read yet ("" if nothing)."""
        fd = self.master(node)
        flags = fcntl.fcntl(fd, fcntl.F_GETFL)
        fcntl.fcntl(fd, fcntl.F_SETFL, flags | os.O_NONBLOCK)
        try:
            return os.read(fd, 4096)
        except OSError as error:
            # EAGAIN: nothing; EIO: no one has the node open.
            if error.errno in (errno.EAGAIN, errno.EIO):
                return b""
            raise
        finally:
            fcntl.fcntl(fd, fcntl.F_SETFL, flags)

    def openers(self, node, pid):
        """How many fds process pid holds on the node's pty slave."""
        slave = _ptsname(self.master(node))
        count = 0
        for entry in os.listdir(f"/proc/{pid}/fd"):
            try:
                if os.readlink(f"/proc/{pid}/fd/{entry}") == slave:
                    count += 1
            except OSError:
                pass
        return count


def _ptsname(master):
    libc = ctypes.CDLL(None, use_errno=True)
    libc.ptsname.restype = ctypes.c_char_p
    libc.ptsname.argtypes = [ctypes.c_int]
    name = libc.ptsname(master)
    if not name:
        raise OSError(ctypes.get_errno(), "ptsname")
    return name.decode()


class NodeSim:
    """One modem-sim serving emulated device nodes of a testbed: an AT
    node, further AT nodes, an MBIM node and/or QMI nodes (qmi, then
    qmi_extra: further QMI ports of the same modem)."""

    def __init__(self, modem_sim, scenario, testbed, workdir, at=None, extra=(), mbim=None, qmi=None,
                 qmi_extra=()):
        self.control_path = os.path.join(workdir, f"sim-{os.getpid()}-{time.monotonic_ns()}.ctl")
        self.log = open(os.path.join(workdir, "sim.log"), "a")
        fds = []
        argv = [modem_sim, "--scenario", scenario, "--control", self.control_path]

        def spec(node):
            fd = os.dup(testbed.master(node))
            fds.append(fd)
            return f"fd:{fd}"

        argv += ["--at", spec(at) if at else "none"]
        for node in extra:
            argv += ["--at-extra", spec(node)]
        if mbim:
            argv += ["--mbim", spec(mbim)]
        if qmi:
            argv += ["--qmi", spec(qmi)]
        for node in qmi_extra:
            argv += ["--qmi", spec(node)]
        # modem-sim is a plain program: no umockdev preload for it.
        env = {k: v for k, v in os.environ.items() if k not in ("LD_PRELOAD", "UMOCKDEV_DIR")}
        self.proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=self.log, text=True,
                                     pass_fds=fds, env=env)
        for fd in fds:
            os.close(fd)
        for line in self.proc.stdout:
            if line.strip() == "ready":
                break
        else:
            raise AssertionError("modem-sim did not start on the testbed nodes")

    control = Sim.control
    history = Sim.history
    stop = Sim.stop


def deepen_uevent_queue():
    """umockdev hands uevents to the daemon over a unix datagram socket,
    whose queue holds net.unix.max_dgram_qlen messages (10 by default),
    and aborts its sender when the queue is full; a kernel uevent socket
    holds its receive buffer's worth (hundreds). The sysctl belongs to the
    caller's own network namespace, and counts for sockets made after it:
    call it before the daemon starts, when many devices are plugged at
    once."""
    with open("/proc/sys/net/unix/max_dgram_qlen", "w") as f:
        f.write("1024")


def plug_numbered(testbed, kind, index, busid, props=None):
    """Plugs device number index of kind into testbed, with node names of
    its own so that many fit beside each other: "qmi" (qmi_wwan:
    cdc-wdm<index> + wwan<index>), "mbim" (cdc_mbim, the same names) or
    "option" (three ttys, ttyUSB<3 index> to ttyUSB<3 index + 2>).
    Returns the device and NodeSim's keyword arguments for its nodes."""
    if kind == "qmi":
        device = testbed.qmi_modem(busid, f"cdc-wdm{index}", f"wwan{index}", props)
        return device, {"qmi": f"/dev/cdc-wdm{index}"}
    if kind == "mbim":
        device = testbed.mbim_modem(busid, f"cdc-wdm{index}", f"wwan{index}", props)
        return device, {"mbim": f"/dev/cdc-wdm{index}"}
    if kind == "option":
        first = 3 * index
        device = testbed.option_modem(busid, first, props)
        return device, {"at": f"/dev/ttyUSB{first}",
                        "extra": [f"/dev/ttyUSB{first + 1}", f"/dev/ttyUSB{first + 2}"]}
    raise ValueError(f"no numbered fixture for {kind}")


def run_tests(reason):
    """A umockdev test file's main: skipped (meson's exit code 77) with
    reason when there is one, else its tests run."""
    if reason:
        print(f"SKIP: {reason}")
        raise SystemExit(77)
    unittest.main(module="__main__")
