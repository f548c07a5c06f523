# SPDX-License-Identifier: GPL-2.0-or-later
"""modemd opening its MBIM port through mbim-proxy, the default, so that
mbimcli -p can talk to the same modem at the same time.

mbim-proxy listens on a global abstract socket, so this test re-runs itself
in a network namespace of its own (unshare -n, netns.py); abstract sockets
belong to the namespace, and the proxy started here never meets another
one. At the end only the proxies of that namespace are ended: a process
named mbim-proxy in another namespace survives."""

import os
import shutil
import subprocess
import tempfile
import unittest

import netns

SKIP_REASON = netns.skip_reason(__name__ == "__main__")

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
        netns.end_proxies_of_this_namespace()

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


@unittest.skipIf(SKIP_REASON is not None, SKIP_REASON or "")
@unittest.skipIf(shutil.which("unshare") is None, "unshare is not installed")
class ProxyEndingTest(unittest.TestCase):
    """The ending above spares a process named mbim-proxy in another
    namespace (a user's, another test's), which pkill -x would end."""

    def start_decoy(self, *prefix):
        """A process named mbim-proxy (a sleep run through a link of that
        name), run with prefix (e.g. unshare -n: in another namespace)."""
        folder = tempfile.mkdtemp(prefix="md-decoy-")
        self.addCleanup(shutil.rmtree, folder, ignore_errors=True)
        link = os.path.join(folder, "mbim-proxy")
        os.symlink(shutil.which("sleep"), link)
        decoy = subprocess.Popen([*prefix, link, "600"])
        self.addCleanup(decoy.wait)
        self.addCleanup(decoy.kill)
        wait_for(lambda: self.comm(decoy.pid) == "mbim-proxy", what="the decoy to run")
        return decoy

    @staticmethod
    def comm(pid):
        try:
            with open(f"/proc/{pid}/comm") as f:
                return f.read().strip()
        except OSError:
            return None

    def test_only_this_namespaces_proxies_are_ended(self):
        here = self.start_decoy()
        elsewhere = self.start_decoy(shutil.which("unshare"), "-n")
        netns.end_proxies_of_this_namespace()
        self.assertEqual(here.wait(timeout=60), -15)
        self.assertIsNone(elsewhere.poll())


if __name__ == "__main__":
    unittest.main(verbosity=2)
