# SPDX-License-Identifier: GPL-2.0-or-later
"""A libmm-glib client (gi.repository.ModemManager, Debian's
gir1.2-modemmanager-1.0) that drives the first modem on the bus through a
whole session and prints what it saw as JSON. test_libmm_glib.py runs it
with /usr/bin/python3 (the python3 first on PATH may lack the system's gi)
and with G_DEBUG=fatal-warnings, so any GLib warning or critical, from
libmm-glib or GIO, aborts it.

argv[1]: the Simple.Connect settings as JSON: {"apn", optional "ip-type"
(MMBearerIpFamily value)}. Python's DeprecationWarnings (1.20 marks a few
getters deprecated) are not GLib warnings and are silenced.
stdout: {"modem", "modem3gpp", "sim", "bearer", "ip4", "ip6", "stats",
"properties": getter name -> value; "states": [[old, new, reason], ...]
from the state-changed signal, each with the State property read in the
handler; "status": Simple.GetStatus while connected}.
"""

import json
import sys
import warnings

import gi

gi.require_version("ModemManager", "1.0")
from gi.repository import Gio, GLib, GObject, ModemManager as MM  # noqa: E402

TIMEOUT_SECONDS = 120

# Getters that take arguments or return objects are read on their own.
SKIP = {"get_cached_property", "get_data", "get_properties", "get_property", "get_qdata",
        "get_connection", "get_object", "get_info", "get_interface_info", "get_cell_info",
        "get_cell_info_finish", "get_cell_info_sync", "get_sim", "get_sim_finish", "get_sim_sync",
        "get_initial_eps_bearer", "get_initial_eps_bearer_finish", "get_initial_eps_bearer_sync",
        "get_pending_network_initiated_sessions", "get_ipv4_config", "get_ipv6_config",
        "get_stats", "peek_ipv4_config", "peek_ipv6_config", "peek_stats", "peek_properties",
        "peek_connection_error", "get_connection_error", "peek_initial_eps_bearer_settings",
        "peek_nr5g_registration_settings", "get_initial_eps_bearer_settings",
        "get_nr5g_registration_settings", "get_default_timeout", "get_flags", "get_name",
        "get_name_owner", "get_interface_name", "get_object_path", "get_gid1", "get_gid2",
        "dup_gid1", "dup_gid2"}

def plain(value):
    """A getter's value as JSON: enums and flags by their nick."""
    if isinstance(value, GObject.GFlags):
        return value.value_nicks
    if isinstance(value, GObject.GEnum):
        return value.value_nick
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, GLib.Variant):
        return value.print_(True)
    if hasattr(value, "get_properties") and hasattr(value, "get_method"):
        return getters(value)
    return str(value)


def getters(obj):
    """Every argument-free getter of a libmm-glib object."""
    values = {}
    for name in sorted(dir(obj)):
        if not name.startswith(("get_", "dup_", "peek_")) or name in SKIP:
            continue
        func = getattr(obj, name)
        try:
            args = func.get_arguments()
        except AttributeError:
            continue
        if len(args):
            continue
        values[name] = plain(func())
    return values


def wait(loop_condition, what):
    """Runs the main loop until loop_condition() is true."""
    context = GLib.MainContext.default()
    deadline = GLib.get_monotonic_time() + TIMEOUT_SECONDS * 1000000
    while not loop_condition():
        if GLib.get_monotonic_time() > deadline:
            raise SystemExit(f"timed out waiting for {what}")
        context.iteration(True)


def call(start, *args):
    """Runs an async libmm-glib call to its end in the main loop."""
    box = {}

    def done(source, result, _data):
        box["result"] = result

    start(*args, None, done, None)
    wait(lambda: "result" in box, start.__name__)
    return box["result"]


def wait_state(modem, state):
    wait(lambda: modem.get_state() == state, f"state {state.value_nick}")


def main():
    warnings.simplefilter("ignore", DeprecationWarning)
    connection = Gio.bus_get_sync(Gio.BusType.SYSTEM, None)
    manager = MM.Manager.new_sync(connection, Gio.DBusObjectManagerClientFlags.DO_NOT_AUTO_START,
                                  None)
    objects = manager.get_objects()
    if not objects:
        raise SystemExit("no modem listed")
    obj = objects[0]
    modem, modem3gpp, simple = obj.get_modem(), obj.get_modem_3gpp(), obj.get_modem_simple()
    out = {"modems": len(objects), "states": []}

    def state_changed(m, old, new, reason):
        out["states"].append([MM.ModemState(old).value_nick, MM.ModemState(new).value_nick,
                              MM.ModemStateChangeReason(reason).value_nick,
                              m.get_state().value_nick])

    modem.connect("state-changed", state_changed)
    out["modem_disabled"] = getters(modem)
    modem.enable_finish(call(modem.enable))
    wait_state(modem, MM.ModemState.REGISTERED)
    # The operator is read after registration (as in ModemManager).
    wait(lambda: modem3gpp.get_operator_code(), "the operator code")
    out["modem"] = getters(modem)
    out["modem3gpp"] = getters(modem3gpp)
    out["signal_quality"] = list(modem.get_signal_quality())
    sim = modem.get_sim_finish(call(modem.get_sim))
    out["sim"] = getters(sim)

    props = MM.SimpleConnectProperties.new()
    settings = json.loads(sys.argv[1])
    props.set_apn(settings["apn"])
    if "ip-type" in settings:
        props.set_ip_type(MM.BearerIpFamily(settings["ip-type"]))
    bearer = simple.connect_finish(call(simple.connect, props))
    wait_state(modem, MM.ModemState.CONNECTED)
    out["bearer"] = getters(bearer)
    out["ip4"] = getters(bearer.get_ipv4_config()) if bearer.get_ipv4_config() else None
    out["ip6"] = getters(bearer.get_ipv6_config()) if bearer.get_ipv6_config() else None
    out["stats"] = getters(bearer.get_stats()) if bearer.get_stats() else None
    out["properties"] = getters(bearer.get_properties())
    status = simple.get_status_finish(call(simple.get_status))
    out["status"] = getters(status)

    simple.disconnect_finish(call(simple.disconnect, bearer.get_path()))
    wait_state(modem, MM.ModemState.REGISTERED)
    out["bearer_disconnected"] = getters(bearer)
    modem.disable_finish(call(modem.disable))
    wait_state(modem, MM.ModemState.DISABLED)
    out["modem3gpp_disabled"] = getters(modem3gpp)
    # Let the last signals arrive: a round trip after the last change.
    connection.call_sync("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                         "GetId", None, None, Gio.DBusCallFlags.NONE, -1, None)
    GLib.MainContext.default().iteration(False)
    while GLib.MainContext.default().iteration(False):
        pass
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
