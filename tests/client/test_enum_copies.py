# SPDX-License-Identifier: LGPL-2.1-or-later
"""libmm-client keeps its own copy of the API's enums and error codes
(mmc-enums.h, mmc-errors.h), since an LGPL library cannot include the
daemon's GPL headers (src/common/md-enums.h, md-errors.h). This test reads
the headers as text and fails when a copy drifts: every enum both sides
have (MdFoo and MmcFoo) must have the same members with the same values,
and every member of ours whose type and name ModemManager's headers also
have (MMFoo, MM_...) must have ModemManager's value. A member of ours the
headers lack must be one of LATER_MEMBERS, with its documented value. The
comparison with ModemManager is skipped (and said so) when its headers are
absent.

Usage: test_enum_copies.py OURS_DIR CLIENT_DIR MM_DIR (source folders:
src/common, libmm-client, /usr/include/ModemManager)."""

import os
import re
import sys
import unittest

# Members ModemManager added after 1.20, whose headers Debian 12 installs
# and this test reads, with the values of ModemManager's API documentation
# (MMCoreError: RESET_AND_RETRY "Since 1.22", the other three "Since 1.24").
# The daemon serves these errors and the client knows them, so our copies may
# have them beyond the 1.20 headers; any other member the headers lack, or
# one of these with another value, is drift and fails.
LATER_MEMBERS = {
    "CoreError": {
        "CORE_ERROR_RESET_AND_RETRY": 15,
        "CORE_ERROR_TIMEOUT": 16,
        "CORE_ERROR_PROTOCOL": 17,
        "CORE_ERROR_THROTTLED": 18,
    },
}

ENUM_RE = re.compile(r"typedef\s+enum\s*\{(.*?)\}\s*(\w+)\s*;", re.S)
MEMBER_RE = re.compile(r"^\s*([A-Z][A-Z0-9_]*)\s*(?:=\s*(.+?))?\s*$", re.S)
COMMENT_RE = re.compile(r"/\*.*?\*/|//[^\n]*|^\s*#[^\n]*", re.S | re.M)
SUFFIX_RE = re.compile(r"\b(0[xX][0-9A-Fa-f]+|\d+)[uUlL]+\b")


def evaluate(expression, known):
    """A member's value: integers, shifts, ors and earlier members."""
    text = SUFFIX_RE.sub(r"\1", expression)
    text = re.sub(r"\b[A-Z][A-Z0-9_]*\b", lambda m: str(known[m.group(0)]), text)
    if not re.fullmatch(r"[0-9a-fA-FxX\s()<>|+\-~]*", text):
        raise ValueError(f"cannot read value {expression!r}")
    return eval(text, {"__builtins__": {}})  # only the characters checked above


def read_enums(paths):
    """{type name: {member name: value}} of every typedef enum in paths."""
    enums = {}
    for path in paths:
        with open(path, encoding="utf-8") as f:
            text = COMMENT_RE.sub(" ", f.read())
        for body, name in ENUM_RE.findall(text):
            members, known, following = {}, {}, 0
            for item in body.split(","):
                if not item.strip():
                    continue
                match = MEMBER_RE.match(item)
                if not match:
                    raise ValueError(f"{path}: {name}: cannot read {item.strip()!r}")
                member, expression = match.groups()
                value = evaluate(expression, known) if expression else following
                members[member] = known[member] = value
                following = value + 1
            enums[name] = members
    return enums


def strip(members, prefix):
    return {name[len(prefix):]: value for name, value in members.items() if name.startswith(prefix)}


def paired(left, left_type, left_member, right, right_type, right_member):
    """(type suffix, left members, right members) for every enum both have,
    member names without their prefixes."""
    for name, members in sorted(left.items()):
        if not name.startswith(left_type):
            continue
        other = right.get(right_type + name[len(left_type):])
        if other is not None:
            yield name[len(left_type):], strip(members, left_member), strip(other, right_member)


def unexplained(name, members, theirs):
    """Members (without prefix) of enum name that ModemManager's members
    theirs lack and that are not documented later members with that value."""
    later = LATER_MEMBERS.get(name, {})
    return {m: v for m, v in members.items() if m not in theirs and later.get(m) != v}


class EnumCopies(unittest.TestCase):
    ours_dir, client_dir, mm_dir = sys.argv[1:4] if len(sys.argv) >= 4 else (None, None, None)

    @classmethod
    def setUpClass(cls):
        if not cls.ours_dir:
            raise unittest.SkipTest("usage: test_enum_copies.py OURS_DIR CLIENT_DIR MM_DIR")
        cls.ours = read_enums([os.path.join(cls.ours_dir, f) for f in ("md-enums.h", "md-errors.h")])
        cls.client = read_enums([os.path.join(cls.client_dir, f) for f in ("mmc-enums.h", "mmc-errors.h")])
        mm_files = [os.path.join(cls.mm_dir, f) for f in ("ModemManager-enums.h", "ModemManager-errors.h")]
        cls.mm = read_enums(mm_files) if all(os.path.exists(f) for f in mm_files) else None

    def test_client_copy_equals_daemon(self):
        shared = list(paired(self.client, "Mmc", "MMC_", self.ours, "Md", "MD_"))
        # Every enum of the client is one the daemon has too.
        self.assertEqual(len(shared), len(self.client), "client enums without a daemon twin")
        for name, client, ours in shared:
            with self.subTest(enum=name):
                self.assertEqual(client, ours)

    def test_later_members_in_both_copies(self):
        # Needs no ModemManager headers: the documented values themselves.
        for name, later in LATER_MEMBERS.items():
            for enums, type_prefix, member_prefix in ((self.ours, "Md", "MD_"), (self.client, "Mmc", "MMC_")):
                with self.subTest(enum=type_prefix + name):
                    members = strip(enums.get(type_prefix + name, {}), member_prefix)
                    self.assertEqual({m: members.get(m) for m in later}, later)

    def check_against_mm(self, enums, type_prefix, member_prefix):
        if self.mm is None:
            self.skipTest(f"ModemManager's headers are not in {self.mm_dir}")
        compared = 0
        for name, members, theirs in paired(enums, type_prefix, member_prefix, self.mm, "MM", "MM_"):
            with self.subTest(enum=name):
                common = {m: v for m, v in members.items() if m in theirs}
                self.assertTrue(common, "no member names in common")
                self.assertEqual(common, {m: theirs[m] for m in common})
                self.assertEqual(unexplained(name, members, theirs), {},
                                 "members ModemManager's headers lack, not documented as later ones")
                compared += len(common)
        return compared

    def test_daemon_equals_modemmanager(self):
        self.assertGreater(self.check_against_mm(self.ours, "Md", "MD_"), 500)

    def test_client_equals_modemmanager(self):
        self.assertGreater(self.check_against_mm(self.client, "Mmc", "MMC_"), 300)

    def test_reader(self):
        enums = read_enums_text("""
            typedef enum { /*< flags >*/
              A_X = 0, A_Y = 1 << 3, A_Z, A_ALL = 0xFFFFFFFFu, A_BOTH = A_Y | A_Z, A_NEG = -1,
            } AFoo;""")
        self.assertEqual(enums, {"AFoo": {"A_X": 0, "A_Y": 8, "A_Z": 9, "A_ALL": 0xFFFFFFFF, "A_BOTH": 9,
                                          "A_NEG": -1}})


    def test_unexplained(self):
        theirs = {"CORE_ERROR_FAILED": 0}
        self.assertEqual(unexplained("CoreError", {"CORE_ERROR_FAILED": 0, "CORE_ERROR_TIMEOUT": 16}, theirs), {})
        # A later member with another value, or an undocumented one, is drift.
        self.assertEqual(unexplained("CoreError", {"CORE_ERROR_TIMEOUT": 17}, theirs), {"CORE_ERROR_TIMEOUT": 17})
        self.assertEqual(unexplained("CoreError", {"CORE_ERROR_BUSY": 19}, theirs), {"CORE_ERROR_BUSY": 19})
        self.assertEqual(unexplained("SerialError", {"CORE_ERROR_TIMEOUT": 16}, {}), {"CORE_ERROR_TIMEOUT": 16})
        # Headers that have the member (1.24) are compared as for any other.
        self.assertEqual(unexplained("CoreError", {"CORE_ERROR_TIMEOUT": 16}, {"CORE_ERROR_TIMEOUT": 16}), {})


def read_enums_text(text):
    import tempfile
    with tempfile.NamedTemporaryFile("w", suffix=".h") as f:
        f.write(text)
        f.flush()
        return read_enums([f.name])


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
