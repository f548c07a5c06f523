# SPDX-License-Identifier: GPL-2.0-or-later
"""The simulator's own answer time for the QMI requests modemd sends on
Enable and on Simple.Connect: a libqmi client (through GObject
introspection, no daemon) opens the testbed's cdc-wdm node through
qmi-proxy as modemd does, and sends the same requests one after the
other, each after the previous reply. Used by plugin.py (the "sim" row)."""

import time

import gi

gi.require_version("Qmi", "1.0")
from gi.repository import Gio, GLib, Qmi  # noqa: E402

TIMEOUT_S = 10


def _quiet(domain, level, message, *user_data):
    pass


# libqmi warns that it cannot tell the transport of an emulated node (no
# real usbmisc device behind it) and opens it as QMI anyway: noise here.
GLib.log_set_handler("Qmi", GLib.LogLevelFlags.LEVEL_WARNING, _quiet, None)


class Replay:
    def __init__(self, node, wait):
        """wait(predicate, what) runs the main context until predicate()."""
        self.wait = wait
        self.device = self.call(lambda cb: Qmi.Device.new(Gio.File.new_for_path(node), None, cb),
                                Qmi.Device.new_finish, "QmiDevice")
        self.call(lambda cb: self.device.open(Qmi.DeviceOpenFlags.PROXY, TIMEOUT_S, None, cb),
                  self.device.open_finish, "open through qmi-proxy")
        # modemd allocates these during initialization, before Enable.
        self.dms = self.client(Qmi.Service.DMS)
        self.nas = self.client(Qmi.Service.NAS)
        self.wds = None

    def call(self, start, finish, what):
        box = {}

        def done(source, result, *_):
            try:
                box["value"] = finish(result)
            except GLib.Error as error:
                box["error"] = error

        start(done)
        self.wait(lambda: box, what)
        if "error" in box:
            raise SystemExit(f"{what}: {box['error'].message}")
        return box["value"]

    def client(self, service):
        return self.call(lambda cb: self.device.allocate_client(service, 0, TIMEOUT_S, None, cb),
                         self.device.allocate_client_finish, f"{service.value_nick} client")

    def request(self, client, name, request_input):
        """One request, its reply awaited; a protocol error is an answer too."""
        start = getattr(client, name)
        finish = getattr(client, name + "_finish")
        self.call(lambda cb: start(request_input, TIMEOUT_S, None, cb), finish, name)

    def enable(self):
        """Enable's requests as modem-sim's history shows them for modemd
        (power on, registration indications, serving system and signal)."""
        started = time.monotonic()
        mode = Qmi.MessageDmsSetOperatingModeInput.new()
        mode.set_mode(Qmi.DmsOperatingMode.ONLINE)
        self.request(self.dms, "set_operating_mode", mode)
        indications = Qmi.MessageNasRegisterIndicationsInput.new()
        indications.set_serving_system_events(True)
        indications.set_signal_info(True)
        self.request(self.nas, "register_indications", indications)
        self.request(self.nas, "get_serving_system", None)
        self.request(self.nas, "get_serving_system", None)
        self.request(self.nas, "get_signal_info", None)
        self.request(self.nas, "get_serving_system", None)
        return time.monotonic() - started, 6

    def connect(self):
        """Connect's: a WDS client, Start Network (APN, IPv4), Get Current
        Settings."""
        started = time.monotonic()
        self.wds = self.client(Qmi.Service.WDS)
        network = Qmi.MessageWdsStartNetworkInput.new()
        network.set_apn("internet")
        network.set_ip_family_preference(Qmi.WdsIpFamily.IPV4)
        self.request(self.wds, "start_network", network)
        settings = Qmi.MessageWdsGetCurrentSettingsInput.new()
        settings.set_requested_settings(Qmi.WdsRequestedSettings.IP_ADDRESS
                                        | Qmi.WdsRequestedSettings.DNS_ADDRESS
                                        | Qmi.WdsRequestedSettings.GATEWAY_INFO
                                        | Qmi.WdsRequestedSettings.MTU)
        self.request(self.wds, "get_current_settings", settings)
        return time.monotonic() - started, 3

    def release_wds(self):
        """Gives the WDS client back, so that connect() allocates it again
        as modemd does."""
        self.release(self.wds)
        self.wds = None

    def release(self, client):
        self.call(lambda cb: self.device.release_client(
            client, Qmi.DeviceReleaseClientFlags.RELEASE_CID, TIMEOUT_S, None, cb),
            self.device.release_client_finish, "release")

    def close(self):
        for client in (self.dms, self.nas, self.wds):
            if client:
                self.release(client)
        self.call(lambda cb: self.device.close_async(TIMEOUT_S, None, cb),
                  self.device.close_finish, "close")
