# SPDX-License-Identifier: GPL-2.0-or-later
"""Interleaving evidence for test_sms_scale.py, run with /usr/bin/python3
(it needs the system's gi). On one bus connection it follows the
Messaging.Added signals of a loading modem and keeps CALLS calls to
another modem in flight (Messaging.List), each answered call replaced at
once. The daemon writes signals and replies to this connection in the
order it produces them, so a reply received between the first and the
last Added signal of the load was served while the load was running.

argv: loading-modem-path other-modem-path expected-added
Prints "ready" once subscribed, then one JSON line when expected-added
distinct paths were added: added (signals), distinct, replies (all),
interleaved (replies between the first and the last Added), errors
(failed calls, with their D-Bus names).

argv: dump modem-path: one JSON line, the Sms objects of Messaging.List
as [path, Number, Text, State] in the listed order, leaving out those
removed between List and their GetAll (one process instead of one mmcli
per message)."""

import json
import sys

from gi.repository import Gio, GLib

BUS_NAME = "org.freedesktop.ModemManager1"
MESSAGING = "org.freedesktop.ModemManager1.Modem.Messaging"
CALLS = 4
TIMEOUT_MS = 300000


def dump(path):
    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    paths = bus.call_sync(BUS_NAME, path, MESSAGING, "List", None, GLib.VariantType("(ao)"),
                          Gio.DBusCallFlags.NONE, TIMEOUT_MS, None).unpack()[0]
    out = []
    for sms in paths:
        try:
            props = bus.call_sync(BUS_NAME, sms, "org.freedesktop.DBus.Properties", "GetAll",
                                  GLib.Variant("(s)", ("org.freedesktop.ModemManager1.Sms",)), None,
                                  Gio.DBusCallFlags.NONE, TIMEOUT_MS, None).unpack()[0]
        except GLib.Error as e:
            # Removed since List answered (an incomplete message dropped
            # while messages keep arriving): it is no longer listed.
            if Gio.DBusError.get_remote_error(e) != "org.freedesktop.DBus.Error.UnknownMethod":
                raise
            continue
        out.append([sms, props.get("Number"), props.get("Text"), props.get("State")])
    print(json.dumps(out), flush=True)


def main():
    if sys.argv[1] == "dump":
        dump(sys.argv[2])
        return
    loading, other, expected = sys.argv[1], sys.argv[2], int(sys.argv[3])
    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    loop = GLib.MainLoop()
    state = {"added": 0, "replies": 0, "replies_at_first": None, "replies_at_last": None, "errors": [],
             "paths": set()}

    def on_added(connection, sender, path, interface, signal, params):
        state["paths"].add(params.unpack()[0])
        state["added"] += 1
        if state["added"] == 1:
            state["replies_at_first"] = state["replies"]
        if len(state["paths"]) >= expected:
            state["replies_at_last"] = state["replies"]
            loop.quit()

    def call():
        bus.call(BUS_NAME, other, MESSAGING, "List", None, GLib.VariantType("(ao)"), Gio.DBusCallFlags.NONE,
                 TIMEOUT_MS, None, replied)

    def replied(connection, result):
        try:
            connection.call_finish(result)
        except GLib.Error as e:
            state["errors"].append(Gio.DBusError.get_remote_error(e) or e.message)
        state["replies"] += 1
        if state["replies_at_last"] is None and len(state["errors"]) < 10:
            call()

    bus.signal_subscribe(BUS_NAME, MESSAGING, "Added", loading, None, Gio.DBusSignalFlags.NONE, on_added)
    # A round trip makes sure the daemon's bus knows of the match rule.
    bus.call_sync("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "GetId", None, None,
                  Gio.DBusCallFlags.NONE, -1, None)
    for _ in range(CALLS):
        call()
    print("ready", flush=True)
    loop.run()
    first, last = state["replies_at_first"], state["replies_at_last"]
    print(json.dumps({"added": state["added"], "distinct": len(state["paths"]), "replies": state["replies"],
                      "interleaved": last - first, "errors": state["errors"]}), flush=True)


if __name__ == "__main__":
    main()
