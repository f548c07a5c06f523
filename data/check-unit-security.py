#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
# Checks the installed systemd unit with systemd itself: `systemd-analyze
# security --offline=true` must rate its overall exposure at most
# --max-exposure, and `systemd-analyze verify` must accept it without
# ignoring any line. Exits 77 (skipped) only when systemd-analyze is missing.
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

SKIP = 77
UNIT_NAME = 'modemd.service'
SYSTEM_UNIT_DIRS = ('/lib/systemd/system', '/usr/lib/systemd/system')
# Loaded by verify through Conflicts=; it owns the same bus name, which
# verify refuses to see twice, so the test root leaves it out.
RIVAL_UNIT = 'ModemManager.service'
EXPOSURE = re.compile(r'Overall exposure level for \S+: (\d+(?:\.\d+)?)')


def exposure(analyze, unit):
    result = subprocess.run([analyze, 'security', '--offline=true', '--no-pager', unit],
                            capture_output=True, text=True)
    print(result.stdout)
    if result.stderr.strip():
        print('FAIL systemd-analyze security complained:\n' + result.stderr)
        return None
    m = EXPOSURE.search(result.stdout)
    if not m:
        print('FAIL no overall exposure level in the output')
        return None
    return float(m.group(1))


def exec_path(unit):
    with open(unit, encoding='utf-8') as f:
        for line in f:
            if line.startswith('ExecStart='):
                return line.split('=', 1)[1].split()[0].lstrip('-@:+!')
    return None


def build_root(root, unit, daemon):
    """A file system root holding the system's units (minus ModemManager's),
    ours in /etc/systemd/system, and the daemon at the ExecStart path."""
    units = os.path.join(root, 'lib', 'systemd', 'system')
    os.makedirs(units)
    for folder in SYSTEM_UNIT_DIRS:
        if os.path.isdir(folder) and not os.path.islink(folder):
            for name in os.listdir(folder):
                src = os.path.join(folder, name)
                if name != RIVAL_UNIT and os.path.isfile(src) and not os.path.islink(src):
                    shutil.copy(src, units)
    etc = os.path.join(root, 'etc', 'systemd', 'system')
    os.makedirs(etc)
    shutil.copy(unit, os.path.join(etc, UNIT_NAME))
    target = root + exec_path(unit)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    shutil.copy(daemon, target)


def verify(analyze, unit, daemon):
    with tempfile.TemporaryDirectory(prefix='modemd-unit-') as root:
        build_root(root, unit, daemon)
        result = subprocess.run([analyze, 'verify', '--root=' + root, '--man=no', '--generators=no',
                                 UNIT_NAME], capture_output=True, text=True)
    output = (result.stdout + result.stderr).strip()
    if result.returncode != 0 or output:
        print('FAIL systemd-analyze verify (exit %d):\n%s' % (result.returncode, output))
        return False
    print('systemd-analyze verify accepts %s' % UNIT_NAME)
    return True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--unit', required=True, help='the unit file as installed')
    ap.add_argument('--daemon', required=True, help='the built modemd, put at ExecStart for verify')
    ap.add_argument('--max-exposure', type=float, default=2.5)
    args = ap.parse_args()

    analyze = shutil.which('systemd-analyze')
    if not analyze:
        print('systemd-analyze is missing (package systemd): skipped')
        return SKIP
    level = exposure(analyze, args.unit)
    ok = level is not None
    if ok and level > args.max_exposure:
        print('FAIL exposure %.1f is above %.1f' % (level, args.max_exposure))
        ok = False
    elif ok:
        print('exposure %.1f, at most %.1f' % (level, args.max_exposure))
    ok = verify(analyze, args.unit, args.daemon) and ok
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
