# SPDX-License-Identifier: GPL-2.0-or-later
"""A stand-in ModemManager1 service with fixed answers, for comparing
clients (mmcli, modemctl) on values modemd does not produce yet: Messaging
with SMS objects, extended Signal, SIM slots, bearer IP configuration,
statistics and connection errors, odd text. Run with /usr/bin/python3 (gi):

    fake_mm.py INTROSPECTION_DIR

on the bus of DBUS_SESSION_BUS_ADDRESS; prints "ready" once it owns the
name. Property types come from the interface XML; values not given here
are the type's zero value."""

import os
import sys

import gi

gi.require_version("Gio", "2.0")
from gi.repository import Gio, GLib  # noqa: E402

ROOT = "/org/freedesktop/ModemManager1"
P = "org.freedesktop.ModemManager1"
MODEM = ROOT + "/Modem/0"


def v(sig, value):
    return GLib.Variant(sig, value)


OBJECTS = {
    MODEM: {
        P + ".Modem": {
            "Sim": ROOT + "/SIM/0", "SimSlots": [ROOT + "/SIM/0", "/"], "PrimarySimSlot": 1,
            "Bearers": [ROOT + "/Bearer/0", ROOT + "/Bearer/1", ROOT + "/Bearer/2"],
            "SupportedCapabilities": [12, 4], "CurrentCapabilities": 12,
            "Manufacturer": 'ACME "quoted"\tTab', "Model": "X1 \u00e9", "Revision": "r1",
            "CarrierConfiguration": "default", "DeviceIdentifier": "abc123", "Device": "/sys/devices/x",
            "Drivers": ["option", "qmi_wwan"], "Plugin": "generic", "PrimaryPort": "cdc-wdm0",
            "Ports": [("cdc-wdm0", 6), ("wwan0", 2), ("ttyUSB2", 3)], "EquipmentIdentifier": "1234",
            "UnlockRequired": 1, "UnlockRetries": {2: 3, 4: 10, 3: 3, 5: 10}, "State": 8,
            "AccessTechnologies": 1 << 14, "SignalQuality": (75, True), "OwnNumbers": ["+1", "+2"],
            "PowerState": 3, "SupportedModes": [(14, 0), (12, 8)], "CurrentModes": (12, 8),
            "SupportedBands": [31, 33, 5], "CurrentBands": [31], "SupportedIpFamilies": 7,
        },
        P + ".Modem.Modem3gpp": {
            "Imei": "1234", "RegistrationState": 1, "OperatorCode": "26201", "OperatorName": "T \u00fc",
            "EnabledFacilityLocks": 3, "EpsUeModeOperation": 1, "Pco": [(1, True, b"\x27\x01")],
            "InitialEpsBearer": "/", "InitialEpsBearerSettings": {"apn": v("s", "ims"), "ip-type": v("u", 4)},
            "PacketServiceState": 2,
        },
        P + ".Modem.Simple": {},
        P + ".Modem.Messaging": {
            "Messages": [ROOT + "/SMS/0", ROOT + "/SMS/1", ROOT + "/SMS/2"], "SupportedStorages": [1, 2], "DefaultStorage": 2,
        },
        P + ".Modem.Signal": {
            "Rate": 5, "RssiThreshold": 3, "ErrorRateThreshold": True,
            "Lte": {"rssi": v("d", -63.0), "rsrq": v("d", -9.5), "rsrp": v("d", -91.25), "snr": v("d", 12.0),
                    "error-rate": v("d", 0.5)},
            "Umts": {"rssi": v("d", -70.0), "ecio": v("d", -3.0)},
        },
    },
    # Every property at its type's zero value: the client's defaults.
    ROOT + "/Modem/1": {
        P + ".Modem": {},
    },
    ROOT + "/SIM/0": {
        P + ".Sim": {
            "Active": True, "SimIdentifier": "89490200001234567890", "Imsi": "262011234567890",
            "OperatorIdentifier": "26201", "OperatorName": "T", "EmergencyNumbers": ["112", "911"],
            "PreferredNetworks": [("26201", (1 << 14) | (1 << 5)), ("26202", 0)], "Gid1": b"\xff\x01",
            "SimType": 1, "Removability": 1,
        },
    },
    ROOT + "/Bearer/0": {
        P + ".Bearer": {
            "Interface": "wwan0", "Connected": True, "IpTimeout": 20, "BearerType": 2, "ProfileId": 2,
            "Ip4Config": {"method": v("u", 2), "address": v("s", "10.1.2.3"), "prefix": v("u", 30),
                          "gateway": v("s", "10.1.2.1"), "dns1": v("s", "8.8.8.8"), "dns2": v("s", "1.1.1.1"),
                          "mtu": v("u", 1500)},
            "Ip6Config": {"method": v("u", 3)},
            "Stats": {"start-date": v("t", 1700000000), "duration": v("u", 100), "rx-bytes": v("t", 1000),
                      "tx-bytes": v("t", 0), "attempts": v("u", 1), "failed-attempts": v("u", 0),
                      "total-duration": v("u", 100), "total-rx-bytes": v("t", 1000), "uplink-speed": v("t", 5)},
            "Properties": {"apn": v("s", "internet"), "ip-type": v("u", 4), "allowed-auth": v("u", 6),
                           "user": v("s", "u"), "password": v("s", "p"), "allow-roaming": v("b", False),
                           "profile-id": v("i", 2), "apn-type": v("u", 3)},
        },
    },
    ROOT + "/Bearer/1": {
        P + ".Bearer": {
            "BearerType": 1, "ProfileId": -1,
            "ConnectionError": (P + ".Error.MobileEquipment.ServiceOptionNotSubscribed", "not subscribed"),
            "Properties": {"apn": v("s", "x y"), "ip-type": v("u", 1), "allowed-auth": v("u", 0)},
        },
    },
    ROOT + "/Bearer/2": {P + ".Bearer": {}},
    ROOT + "/SMS/2": {P + ".Sms": {}},
    ROOT + "/SMS/0": {
        P + ".Sms": {
            "State": 3, "PduType": 1, "Number": "+4917", "Text": "hello\nworld \u00e9 \"q\"", "SMSC": "+49",
            "Validity": (1, v("u", 167)), "Class": -1, "Timestamp": "2026-12-05T10:00:00+01:00",
            "DeliveryState": 256, "Storage": 2,
        },
    },
    ROOT + "/SMS/1": {
        P + ".Sms": {
            "State": 5, "PduType": 2, "Number": "+4918", "Data": b"\x01\x02\xff", "Class": 1,
            "DeliveryReportRequest": True, "MessageReference": 12, "DeliveryState": 0, "Storage": 1,
        },
    },
}


def zero(sig):
    if sig[0] == "a":
        return GLib.Variant(sig, {} if sig[1] == "{" else [])
    if sig[0] == "(":
        return None  # tuples are given above when a test needs them
    return GLib.Variant(sig, {"b": False, "s": "", "o": "/", "d": 0.0}.get(sig, 0))


def load_interfaces(xml_dir):
    infos = {}
    for name in os.listdir(xml_dir):
        if name.endswith(".xml"):
            with open(os.path.join(xml_dir, name)) as f:
                node = Gio.DBusNodeInfo.new_for_xml(f.read())
            for iface in node.interfaces:
                infos[iface.name] = iface
    return infos


def properties(info, given):
    props = {}
    for prop in info.properties:
        if prop.name in given:
            value = given[prop.name]
            props[prop.name] = value if isinstance(value, GLib.Variant) else GLib.Variant(prop.signature, value)
        else:
            value = zero(prop.signature)
            if value is None and prop.signature == "(ub)":
                value = GLib.Variant("(ub)", (0, False))
            elif value is None and prop.signature == "(uu)":
                value = GLib.Variant("(uu)", (0, 0))
            elif value is None and prop.signature == "(ss)":
                value = GLib.Variant("(ss)", ("", ""))
            elif value is None and prop.signature == "(uv)":
                value = GLib.Variant("(uv)", (0, GLib.Variant("u", 0)))
            if value is not None:
                props[prop.name] = value
    return props


def main():
    infos = load_interfaces(sys.argv[1])
    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    values = {path: {iface: properties(infos[iface], given) for iface, given in ifaces.items()}
              for path, ifaces in OBJECTS.items()}

    def method(conn, sender, path, iface, member, params, invocation):
        if iface == "org.freedesktop.DBus.ObjectManager" and member == "GetManagedObjects":
            managed = {path: values[path] for path in values if "/Modem/" in path}
            invocation.return_value(GLib.Variant("(a{oa{sa{sv}}})", (managed,)))
        elif member == "ListBearers":
            invocation.return_value(GLib.Variant("(ao)", (OBJECTS[path][P + ".Modem"].get("Bearers", []),)))
        elif member == "Setup" and iface == P + ".Modem.Signal":
            # A new rate, and new LTE values announced as a modem would.
            rate = params.unpack()[0]
            sig = values[path][iface]
            sig["Rate"] = GLib.Variant("u", rate)
            sig["Lte"] = GLib.Variant("a{sv}", {"rssi": v("d", -50.5), "rsrp": v("d", -80.0)})
            conn.emit_signal(None, path, "org.freedesktop.DBus.Properties", "PropertiesChanged",
                             GLib.Variant("(sa{sv}as)", (iface, {"Rate": sig["Rate"], "Lte": sig["Lte"]}, [])))
            invocation.return_value(None)
        elif member == "List" and iface == P + ".Modem.Messaging":
            invocation.return_value(GLib.Variant("(ao)", (OBJECTS[MODEM][P + ".Modem.Messaging"]["Messages"],)))
        else:
            invocation.return_dbus_error(P + ".Error.Core.Unsupported", "not in the fake")

    def get_property(conn, sender, path, iface, name):
        return values[path][iface].get(name)

    manager_xml = Gio.DBusNodeInfo.new_for_xml(
        "<node><interface name='org.freedesktop.DBus.ObjectManager'>"
        "<method name='GetManagedObjects'><arg type='a{oa{sa{sv}}}' direction='out'/></method>"
        "<signal name='InterfacesAdded'><arg type='o'/><arg type='a{sa{sv}}'/></signal>"
        "<signal name='InterfacesRemoved'><arg type='o'/><arg type='as'/></signal>"
        "</interface></node>")
    bus.register_object(ROOT, manager_xml.interfaces[0], method, None, None)
    values[ROOT] = {P: properties(infos[P], {"Version": "1.20.4"})}
    bus.register_object(ROOT, infos[P], method, get_property, None)
    for path, ifaces in values.items():
        if path == ROOT:
            continue
        for iface in ifaces:
            bus.register_object(path, infos[iface], method, get_property, None)
    Gio.bus_own_name_on_connection(bus, P, Gio.BusNameOwnerFlags.NONE,
                                   lambda *a: print("ready", flush=True), None)
    GLib.MainLoop().run()


if __name__ == "__main__":
    main()
