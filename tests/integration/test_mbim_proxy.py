# SPDX-License-Identifier: GPL-2.0-or-later
"""modemd opening its MBIM port through mbim-proxy, the default, so that
mbimcli -p can talk to the same modem at the same time.

mbim-proxy listens on a global abstract socket, so this test re-runs itself
in a network namespace of its own (unshare -n); abstract sockets belong to
the namespace, and the proxy started here never meets another one."""

import os
import shutil
import subprocess
import sys
import unittest

IN_NETNS = "MD_TEST_IN_NETNS"


def enter_network_namespace():
    if os.environ.get(IN_NETNS) == "1":
        return None
    unshare = shutil.which("unshare")
    if not unshare:
        return "unshare is not installed"
    probe = subprocess.run([unshare, "-n", "true"], capture_output=True)
    if probe.returncode != 0:
        return "cannot create a network namespace: " + probe.stderr.decode().strip()
    env = dict(os.environ, **{IN_NETNS: "1"})
    os.execve(unshare, [unshare, "-n", sys.executable, *sys.argv], env)
    return None  # not reached


if __name__ == "__main__":
    SKIP_REASON = enter_network_namespace()
else:
    SKIP_REASON = None if os.environ.get(IN_NETNS) == "1" else "run as a program, not imported"

from harness import ModemdTestCase, skip_without_tools, wait_for  # noqa: E402

MBIMCLI = shutil.which("mbimcli")


@skip_without_tools
@unittest.skipIf(SKIP_REASON is not None, SKIP_REASON or "")
@unittest.skipIf(MBIMCLI is None, "mbimcli (libmbim-utils) is not installed")
class MbimProxyTest(ModemdTestCase):

    daemon_args = ModemdTestCase.daemon_args + ["--test-fake-net-links"]

    def tearDown(self):
        super().tearDown()
        # libmbim spawned the proxy; it would linger in this namespace.
        subprocess.run(["pkill", "-x", "mbim-proxy"], check=False)

    def test_mbimcli_shares_the_port_through_the_proxy(self):
        sim = self.start_sim(at="none", mbim="pty")
        self.set_profile("proxied", ["mbim:" + sim.mbim_port, "net:wwan0"])
        wait_for(lambda: self.modem_paths(), what="the modem to be exported")
        with open(self.log_path, errors="replace") as log:
            self.assertIn("via proxy", log.read())
        caps = self.run_client([MBIMCLI, "-p", "-d", sim.mbim_port, "--query-device-caps"])
        self.assertIn(sim.control("get imei"), caps.stdout)
        modem = self.mmcli_json("-m", "0")["modem"]
        self.assertEqual(modem["generic"]["equipment-identifier"], sim.control("get imei"))
        self.mmcli("-m", "0", "-e")
        wait_for(lambda: self.mmcli_json("-m", "0")["modem"]["generic"]["state"] == "registered",
                 what="registration through the proxy")


if __name__ == "__main__":
    unittest.main(verbosity=2)
