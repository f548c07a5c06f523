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
        # modemd allocates these during initialization, before Enable
        # (DMS, NAS by using them; WMS, WDA, WDS ahead of use).
        self.dms = self.client(Qmi.Service.DMS)
        self.nas = self.client(Qmi.Service.NAS)
        self.wms = self.client(Qmi.Service.WMS)
        self.wda = self.client(Qmi.Service.WDA)
        self.wds = self.client(Qmi.Service.WDS)

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
        """Enable's requests as modem-sim's history shows them for modemd:
        power on, registration indications, messaging (event report,
        routes, the two storages listed), one registration poll (serving
        system, signal)."""
        started = time.monotonic()
        mode = Qmi.MessageDmsSetOperatingModeInput.new()
        mode.set_mode(Qmi.DmsOperatingMode.ONLINE)
        self.request(self.dms, "set_operating_mode", mode)
        indications = Qmi.MessageNasRegisterIndicationsInput.new()
        indications.set_serving_system_events(True)
        indications.set_signal_info(True)
        self.request(self.nas, "register_indications", indications)
        report = Qmi.MessageWmsSetEventReportInput.new()
        report.set_new_mt_message_indicator(True)
        self.request(self.wms, "set_event_report", report)
        routes = []
        for message_class in range(5):  # classes 0-3 and none
            route = Qmi.MessageWmsSetRoutesInputRouteListElement()
            route.message_type = Qmi.WmsMessageType.POINT  # point to point
            route.message_class = Qmi.WmsMessageClass(message_class)
            route.storage = Qmi.WmsStorageType.NV
            route.receipt_action = Qmi.WmsReceiptAction.STORE_AND_NOTIFY
            routes.append(route)
        set_routes = Qmi.MessageWmsSetRoutesInput.new()
        set_routes.set_route_list(routes)
        set_routes.set_transfer_status_report(Qmi.WmsTransferIndication.CLIENT)
        self.request(self.wms, "set_routes", set_routes)
        for storage in (Qmi.WmsStorageType.UIM, Qmi.WmsStorageType.NV):
            listing = Qmi.MessageWmsListMessagesInput.new()
            listing.set_storage_type(storage)
            listing.set_message_mode(Qmi.WmsMessageMode.GSM_WCDMA)
            self.request(self.wms, "list_messages", listing)
        self.request(self.nas, "get_serving_system", None)
        self.request(self.nas, "get_signal_info", None)
        return time.monotonic() - started, 8

    def connect(self):
        """Connect's: the data format (read, then raw IP set), the IP
        family, Start Network (APN, IPv4), Get Current Settings."""
        started = time.monotonic()
        self.request(self.wda, "get_data_format", Qmi.MessageWdaGetDataFormatInput.new())
        data_format = Qmi.MessageWdaSetDataFormatInput.new()
        data_format.set_link_layer_protocol(Qmi.WdaLinkLayerProtocol.RAW_IP)
        self.request(self.wda, "set_data_format", data_format)
        family = Qmi.MessageWdsSetIpFamilyInput.new()
        family.set_preference(Qmi.WdsIpFamily.IPV4)
        self.request(self.wds, "set_ip_family", family)
        network = Qmi.MessageWdsStartNetworkInput.new()
        network.set_apn("internet")
        network.set_ip_family_preference(Qmi.WdsIpFamily.IPV4)
        self.request(self.wds, "start_network", network)
        settings = Qmi.MessageWdsGetCurrentSettingsInput.new()
        settings.set_requested_settings(Qmi.WdsRequestedSettings.IP_ADDRESS
                                        | Qmi.WdsRequestedSettings.DNS_ADDRESS
                                        | Qmi.WdsRequestedSettings.GATEWAY_INFO
                                        | Qmi.WdsRequestedSettings.MTU
                                        | Qmi.WdsRequestedSettings.IP_FAMILY)
        self.request(self.wds, "get_current_settings", settings)
        return time.monotonic() - started, 5

    def renew_wds(self):
        """A fresh WDS client (the old one's release ends its call), as
        modemd's is when Connect runs: allocated, without a call."""
        self.release(self.wds)
        self.wds = self.client(Qmi.Service.WDS)

    def release(self, client):
        self.call(lambda cb: self.device.release_client(
            client, Qmi.DeviceReleaseClientFlags.RELEASE_CID, TIMEOUT_S, None, cb),
            self.device.release_client_finish, "release")

    def close(self):
        for client in (self.dms, self.nas, self.wms, self.wda, self.wds):
            if client:
                self.release(client)
        self.call(lambda cb: self.device.close_async(TIMEOUT_S, None, cb),
                  self.device.close_finish, "close")
