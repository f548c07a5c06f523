# SPDX-License-Identifier: GPL-2.0-or-later
"""A private bus that behaves like the system bus (Debian's system.conf
with its own socket, only our data/ policy and a rule for polkit), and
python-dbusmock's polkitd on it. Callers run as another user with
runuser, through auth_caller.py."""

import json
import os
import pwd
import re
import shutil
import subprocess

from harness import WAIT_SECONDS, wait_for

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SYSTEM_CONF = "/usr/share/dbus-1/system.conf"
OUR_POLICY = os.path.join(ROOT, "data", "org.freedesktop.ModemManager1.conf")
SYSTEM_PYTHON = "/usr/bin/python3"
CALLER = "nobody"

POLKIT_NAME = "org.freedesktop.PolicyKit1"
POLKIT_PATH = "/org/freedesktop/PolicyKit1/Authority"
POLKIT_IFACE = "org.freedesktop.PolicyKit1.Authority"
MOCK_IFACE = "org.freedesktop.DBus.Mock"

POLKIT_POLICY = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-BUS Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <policy user="root"><allow own="org.freedesktop.PolicyKit1"/></policy>
  <policy context="default"><allow send_destination="org.freedesktop.PolicyKit1"/></policy>
</busconfig>
"""

# The mock's own CheckAuthorization does not log its calls; this one,
# added through the mock interface, answers the same way and is logged.
CHECK_CODE = "ret = (args[1] in self.allowed or self.allow_unknown, False, {})"


def caller_unavailable():
    """Why calls cannot run as another user here, or None."""
    if not shutil.which("runuser"):
        return "runuser is not installed"
    try:
        pwd.getpwnam(CALLER)
    except KeyError:
        return f"there is no user {CALLER}"
    return None


def bus_config(socket_path, extra_includes):
    """system.conf with our socket, no setuid, fork, activation, pid file or
    syslog, and none of the machine's policy files: only extra_includes."""
    with open(SYSTEM_CONF) as f:
        text = f.read()
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    for tag in ("user", "servicehelper", "pidfile", "include", "includedir"):
        text = re.sub(rf"\s*<{tag}\b[^>]*>.*?</{tag}>", "", text, flags=re.S)
    for tag in ("fork", "standard_system_servicedirs", "syslog"):
        text = re.sub(rf"\s*<{tag}\s*/>", "", text)
    text = re.sub(r"<listen>.*?</listen>", f"<listen>unix:path={socket_path}</listen>", text)
    includes = "".join(f"  <include>{path}</include>\n" for path in extra_includes)
    return text.replace("</busconfig>", includes + "</busconfig>")


class SystemLikeBus:
    """dbus-daemon with a system-bus policy in workdir (which every user may
    enter, so that CALLER can reach the socket)."""

    def __init__(self, workdir):
        os.chmod(workdir, 0o755)
        # A copy CALLER can read wherever the source tree is.
        self.caller_script = os.path.join(workdir, "auth_caller.py")
        shutil.copyfile(os.path.join(HERE, "auth_caller.py"), self.caller_script)
        os.chmod(self.caller_script, 0o644)
        polkit_conf = os.path.join(workdir, "polkit-test.conf")
        with open(polkit_conf, "w") as f:
            f.write(POLKIT_POLICY)
        self.config = os.path.join(workdir, "system-bus.conf")
        with open(self.config, "w") as f:
            f.write(bus_config(os.path.join(workdir, "system_bus_socket"), [OUR_POLICY, polkit_conf]))
        self.log = open(os.path.join(workdir, "dbus-daemon.log"), "a")
        self.proc = subprocess.Popen(["dbus-daemon", "--nofork", "--print-address=1",
                                      f"--config-file={self.config}"],
                                     stdout=subprocess.PIPE, stderr=self.log, text=True)
        self.address = self.proc.stdout.readline().strip()
        if not self.address:
            raise AssertionError("the system-like dbus-daemon did not start")

    def env(self):
        env = dict(os.environ)
        env["DBUS_SYSTEM_BUS_ADDRESS"] = self.address
        env.pop("DBUS_SESSION_BUS_ADDRESS", None)
        return env

    def root_gdbus(self, *args, check=True):
        result = subprocess.run(["gdbus", args[0], "--system", *args[1:]], env=self.env(),
                                capture_output=True, text=True, timeout=WAIT_SECONDS * 2)
        if check and result.returncode != 0:
            raise AssertionError(f"gdbus {' '.join(args)}: {result.stderr.strip()}")
        return result

    def has_owner(self, name):
        out = self.root_gdbus("call", "--dest", "org.freedesktop.DBus", "--object-path",
                              "/org/freedesktop/DBus", "--method", "org.freedesktop.DBus.NameHasOwner",
                              name).stdout
        return "true" in out

    def call_as_caller(self, calls):
        """Runs calls (see auth_caller.py) as CALLER; returns their outcomes."""
        argv = ["runuser", "-u", CALLER, "--", "env", f"DBUS_SYSTEM_BUS_ADDRESS={self.address}",
                SYSTEM_PYTHON, self.caller_script]
        result = subprocess.run(argv, input=json.dumps(calls), capture_output=True, text=True,
                                timeout=WAIT_SECONDS * 4)
        if result.returncode != 0:
            raise AssertionError(f"auth_caller.py as {CALLER} failed: {result.stderr.strip()}")
        return json.loads(result.stdout)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=WAIT_SECONDS)
        self.proc.stdout.close()
        self.log.close()


class PolkitMock:
    """python-dbusmock's polkitd template on bus; denies everything until
    set_allowed, and logs every CheckAuthorization with its arguments."""

    def __init__(self, bus, log_path):
        self.bus = bus
        self.log = open(log_path, "a")
        self.proc = subprocess.Popen([SYSTEM_PYTHON, "-m", "dbusmock", "--system", "--template", "polkitd"],
                                     env=bus.env(), stdout=self.log, stderr=self.log)
        wait_for(lambda: self.proc.poll() is None and bus.has_owner(POLKIT_NAME) or self._died(),
                 what="the polkitd mock on the bus")
        self.mock("AddMethod", POLKIT_IFACE, "CheckAuthorization", "(sa{sv})sa{ss}us", "(bba{ss})",
                  CHECK_CODE)

    def _died(self):
        if self.proc.poll() is not None:
            raise AssertionError(f"the polkitd mock exited with {self.proc.returncode}")
        return False

    def mock(self, method, *args):
        return self.bus.root_gdbus("call", "--dest", POLKIT_NAME, "--object-path", POLKIT_PATH,
                                   "--method", f"{MOCK_IFACE}.{method}", *args).stdout

    def set_allowed(self, actions):
        self.mock("SetAllowed", "[" + ", ".join(f"'{a}'" for a in actions) + "]" if actions else "@as []")

    def checks(self):
        """(action, flags) of every CheckAuthorization since the last clear."""
        out = self.mock("GetMethodCalls", "CheckAuthorization")
        return [(m.group(1), int(m.group(2)))
                for m in re.finditer(r"<'([^']*)'>, <@a\{ss\} \{\}>, <uint32 (\d+)>", out)]

    def clear(self):
        self.mock("ClearCalls")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=WAIT_SECONDS)
        self.log.close()
