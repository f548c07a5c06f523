# SPDX-License-Identifier: GPL-2.0-or-later
"""Makes D-Bus method calls on the system bus and prints how each ended, as
JSON. test_authorization.py runs it as another user (runuser -u nobody)
with the system's /usr/bin/python3, which has gi.

stdin: a JSON list of {"path", "interface", "method", "signature", "args"
(GVariant text of the argument tuple), "interactive" (bool)}.
stdout: a JSON list of {"ok": bool, "error": D-Bus error name, "message"}.
"""

import json
import sys

from gi.repository import Gio, GLib

BUS_NAME = "org.freedesktop.ModemManager1"


def run(bus, call):
    params = GLib.Variant.parse(GLib.VariantType.new(call["signature"]), call["args"], None, None)
    flags = Gio.DBusCallFlags.NONE
    if call.get("interactive"):
        flags = Gio.DBusCallFlags.ALLOW_INTERACTIVE_AUTHORIZATION
    try:
        bus.call_sync(BUS_NAME, call["path"], call["interface"], call["method"], params, None, flags,
                      60000, None)
        return {"ok": True}
    except GLib.Error as e:
        return {"ok": False, "error": Gio.DBusError.get_remote_error(e), "message": e.message}


def main():
    calls = json.load(sys.stdin)
    bus = Gio.bus_get_sync(Gio.BusType.SYSTEM, None)
    json.dump([run(bus, call) for call in calls], sys.stdout)


if __name__ == "__main__":
    main()
