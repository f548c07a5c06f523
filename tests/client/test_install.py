# SPDX-License-Identifier: LGPL-2.1-or-later
"""`meson install --destdir` puts libmm-client where a consumer finds it:
the versioned library, its headers, mm-client.pc, and (when built) the GIR
and typelib. A C program builds against the installed copy through
pkg-config and runs; Python loads the installed typelib. Nothing here
needs a bus. Arguments: BUILD_DIR HAVE_GIR(0|1) [SANITIZE]: a sanitizer
build's library needs its runtime, so the program is built with the same
-fsanitize."""

import glob
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

BUILD_DIR = sys.argv[1] if len(sys.argv) > 1 else "build"
HAVE_GIR = len(sys.argv) > 2 and sys.argv[2] == "1"
SANITIZE = sys.argv[3] if len(sys.argv) > 3 and sys.argv[3] != "none" else None

PROGRAM = r"""
#include <mm-client.h>

int
main (void)
{
  g_autoptr (MmcConnectSettings) settings = mmc_connect_settings_new ();
  g_autoptr (GVariant) dictionary = NULL;
  g_autoptr (GError) error = g_dbus_error_new_for_dbus_error (
    "org.freedesktop.ModemManager1.Error.Core.Unsupported", "x");

  (void)mmc_core_error_quark ();
  g_clear_error (&error);
  error = g_dbus_error_new_for_dbus_error ("org.freedesktop.ModemManager1.Error.Core.Unsupported", "x");
  mmc_connect_settings_set_apn (settings, "internet");
  dictionary = mmc_connect_settings_to_variant (settings);
  g_print ("%s %d %d\n", g_type_name (MMC_TYPE_MODEM), error->domain == MMC_CORE_ERROR,
           error->code == MMC_CORE_ERROR_UNSUPPORTED);
  return g_variant_n_children (dictionary) == 1 ? 0 : 1;
}
"""


class InstallTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.destdir = tempfile.mkdtemp(prefix="mmc-install-")
        result = subprocess.run(["meson", "install", "-C", BUILD_DIR, "--no-rebuild", "--quiet", "--destdir",
                                 cls.destdir], capture_output=True, text=True)
        assert result.returncode == 0, f"meson install failed:\n{result.stdout}\n{result.stderr}"
        pcs = glob.glob(os.path.join(cls.destdir, "**", "pkgconfig", "mm-client.pc"), recursive=True)
        assert len(pcs) == 1, pcs
        cls.pc_dir = os.path.dirname(pcs[0])
        cls.libdir = os.path.dirname(cls.pc_dir)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.destdir, ignore_errors=True)

    def pkg_config(self, *args):
        """mm-client's flags with its own directories moved into destdir
        (--define-prefix cannot: it would move glib's as well)."""
        env = dict(os.environ, PKG_CONFIG_PATH=self.pc_dir)

        def query(*query_args):
            return subprocess.run(["pkg-config", *query_args, "mm-client"], env=env, check=True,
                                  capture_output=True, text=True).stdout.split()

        moved = {}
        for variable in ("includedir", "libdir"):
            path = query(f"--variable={variable}")[0]
            moved[path] = self.destdir + path
        flags = []
        for flag in query(*args):
            for path, new_path in moved.items():
                if flag[2:].startswith(path):
                    flag = flag[:2] + new_path + flag[2 + len(path):]
            flags.append(flag)
        return flags

    def test_library_is_versioned(self):
        library = os.path.join(self.libdir, "libmm-client.so.0")
        self.assertTrue(os.path.exists(library))
        self.assertTrue(os.path.islink(os.path.join(self.libdir, "libmm-client.so")))
        dynamic = subprocess.run(["readelf", "-d", library], check=True, capture_output=True, text=True).stdout
        self.assertIn("Library soname: [libmm-client.so.0]", dynamic)

    def test_headers(self):
        includes = [flag[2:] for flag in self.pkg_config("--cflags-only-I") if flag.endswith("mm-client")]
        self.assertEqual(len(includes), 1)
        for header in ("mm-client.h", "mmc-modem.h", "mmc-gdbus.h", "mmc-enum-types.h", "mmc-errors.h"):
            self.assertTrue(os.path.exists(os.path.join(includes[0], header)), header)

    def test_program_builds_and_runs(self):
        work = tempfile.mkdtemp(prefix="mmc-program-", dir=self.destdir)
        source = os.path.join(work, "program.c")
        with open(source, "w") as out:
            out.write(PROGRAM)
        binary = os.path.join(work, "program")
        sanitize = [f"-fsanitize={SANITIZE}"] if SANITIZE else []
        subprocess.run(["cc", *sanitize, "-o", binary, source, *self.pkg_config("--cflags", "--libs")], check=True)
        result = subprocess.run([binary], env=dict(os.environ, LD_LIBRARY_PATH=self.libdir), check=True,
                                capture_output=True, text=True)
        self.assertEqual(result.stdout.strip(), "MmcModem 1 1")

    @unittest.skipUnless(HAVE_GIR, "built without introspection")
    def test_typelib_loads(self):
        typelibs = glob.glob(os.path.join(self.destdir, "**", "MmClient-1.0.typelib"), recursive=True)
        girs = glob.glob(os.path.join(self.destdir, "**", "gir-1.0", "MmClient-1.0.gir"), recursive=True)
        self.assertEqual(len(typelibs), 1)
        self.assertEqual(len(girs), 1)
        script = ("import gi; gi.require_version('MmClient', '1.0'); from gi.repository import MmClient; "
                  "s = MmClient.ConnectSettings.new(); s.set_apn('internet'); print(s.to_variant())")
        env = dict(os.environ, GI_TYPELIB_PATH=os.path.dirname(typelibs[0]), LD_LIBRARY_PATH=self.libdir)
        result = subprocess.run(["/usr/bin/python3", "-c", script], env=env, check=True, capture_output=True,
                                text=True)
        self.assertEqual(result.stdout.strip(), "{'apn': <'internet'>}")


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1])
