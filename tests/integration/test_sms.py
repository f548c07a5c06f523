# SPDX-License-Identifier: GPL-2.0-or-later
"""Messaging end to end on the generic AT modem: the real mmcli drives
modemd against modem-sim (PDU mode). Stored messages are listed after
enable, incoming ones (single and 3-part) appear, created messages are
sent (the simulator's recorded PDUs checked) or stored and deleted, a
delivery report updates the sent message, and bad input gets a clear
error while the daemon keeps running."""

import os
import shutil
import subprocess
import unittest

from harness import SCENARIOS, ModemdTestCase, skip_without_tools, wait_for

SMS_PREFIX = "/org/freedesktop/ModemManager1/SMS/"
SENDER = "+4917012345678"
# 2026-12-05 17:00:00 +01:00 as TP-SCTS semi-octets, and as the daemon shows it.
SCTS = "62215071000040"
TIMESTAMP = "2026-12-05T17:00:00+01:00"


def swap_bcd(digits):
    if len(digits) % 2:
        digits += "F"
    return "".join(digits[i + 1] + digits[i] for i in range(0, len(digits), 2))


def address(number):
    digits = number.lstrip("+")
    return f"{len(digits):02X}{'91' if number.startswith('+') else '81'}{swap_bcd(digits)}"


# GSM 03.38: the characters these tests use. Letters, digits and most
# punctuation share their ASCII codes; the rest are listed, and the
# extension table's characters follow an escape (0x1B).
GSM_BASIC = {"@": 0x00, "$": 0x02, "\n": 0x0A, "\r": 0x0D, "_": 0x11}
GSM_EXTENSION = {"\f": 0x0A, "^": 0x14, "{": 0x28, "}": 0x29, "\\": 0x2F, "[": 0x3C, "~": 0x3D, "]": 0x3E,
                 "|": 0x40, "\u20ac": 0x65}
GSM_SAME_AS_ASCII = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 !\"#%&'()*+,-./:;<=>?")


def gsm_septets(text):
    septets = []
    for c in text:
        if c in GSM_EXTENSION:
            septets += [0x1B, GSM_EXTENSION[c]]
        elif c in GSM_BASIC:
            septets.append(GSM_BASIC[c])
        elif c in GSM_SAME_AS_ASCII:
            septets.append(ord(c))
        else:
            raise ValueError(f"no GSM 7-bit code for {c!r} in this test's table")
    return septets


def gsm_text(septets):
    basic = {v: k for k, v in GSM_BASIC.items()}
    extension = {v: k for k, v in GSM_EXTENSION.items()}
    out, escaped = [], False
    for septet in septets:
        if escaped:
            out.append(extension[septet])
            escaped = False
        elif septet == 0x1B:
            escaped = True
        else:
            out.append(basic.get(septet, chr(septet)))
    return "".join(out)


def pack_septets(septets):
    value = 0
    for i, septet in enumerate(septets):
        value |= septet << (7 * i)
    n_bytes = (len(septets) * 7 + 7) // 8
    return value.to_bytes(n_bytes, "little") if n_bytes else b""


def unpack_septets(data, count):
    value = int.from_bytes(data, "little")
    return [(value >> (7 * i)) & 0x7F for i in range(count)]


def deliver_pdu(number, text, concat=None):
    """An SMS-DELIVER in GSM 7-bit; concat = (reference, count, sequence)
    adds the 8-bit concatenation header."""
    septets = gsm_septets(text)
    first = 0x04
    if concat:
        first |= 0x40
        udh = bytes([0x05, 0x00, 0x03, *concat])
        # 6 header octets fill 7 septets (one fill bit).
        ud = bytearray(pack_septets([0] * 7 + septets))
        ud[:6] = udh
        udl = 7 + len(septets)
    else:
        ud = pack_septets(septets)
        udl = len(septets)
    return ("07911326040000F0" + f"{first:02X}" + address(number) + "0000" + SCTS
            + f"{udl:02X}" + bytes(ud).hex().upper())


def deliver_pdu_ucs2(number, text, concat=None):
    """An SMS-DELIVER in UCS-2 (UTF-16BE, so characters beyond the BMP are
    surrogate pairs), with the concatenation header as above."""
    ud = text.encode("utf-16-be")
    first = 0x04
    if concat:
        first |= 0x40
        ud = bytes([0x05, 0x00, 0x03, *concat]) + ud
    return ("07911326040000F0" + f"{first:02X}" + address(number) + "0008" + SCTS
            + f"{len(ud):02X}" + ud.hex().upper())


def status_report_pdu(reference, number, status=0):
    return ("00" + "06" + f"{reference:02X}" + address(number) + SCTS + SCTS + f"{status:02X}")


def parse_submit(pdu):
    """The fields of a recorded SMS-SUBMIT this test checks."""
    data = bytes.fromhex(pdu)
    at = data[0] + 1
    first = data[at]
    at += 2  # first octet, TP-MR
    n_digits = data[at]
    number_bytes = data[at + 2: at + 2 + (n_digits + 1) // 2]
    digits = "".join(f"{b & 0xF:X}{b >> 4:X}" for b in number_bytes)[:n_digits]
    number = ("+" if data[at + 1] == 0x91 else "") + digits
    at += 2 + (n_digits + 1) // 2
    dcs = data[at + 1]
    at += 2
    vpf = (first >> 3) & 3
    at += {0: 0, 2: 1}.get(vpf, 7)
    udl = data[at]
    ud = data[at + 1:]
    concat = None
    header = 0
    if first & 0x40:
        header = ud[0] + 1
        udh = ud[:header]
        if udh[1] == 0x00:
            concat = (udh[3], udh[4], udh[5])
    if dcs & 0x0C == 0x00:
        # Septets; the header and its fill bits take whole septets.
        skip = (header * 8 + 6) // 7
        body = gsm_text(unpack_septets(ud, udl)[skip:])
    elif dcs & 0x0C == 0x08:
        body = ud[header:udl].decode("utf-16-be")
    else:
        body = ud[header:udl]
    return {"number": number, "dcs": dcs, "udl": udl, "concat": concat,
            "srr": bool(first & 0x20), "body": body}


@skip_without_tools
class SmsTest(ModemdTestCase):

    storage = "sm"
    supported_storages = "sm"
    received_storage = "sm"

    def add_modem_with(self, stored=()):
        scenario = os.path.join(self.workdir, "sms.ini")
        shutil.copy(os.path.join(SCENARIOS, "default.ini"), scenario)
        if stored:
            with open(scenario, "a") as out:
                out.write("\n[sms]\nstored=" + ";".join(stored) + "\n")
        return self.add_sim_modem(scenario)

    def enable(self):
        self.mmcli("-m", "0", "-e")
        wait_for(lambda: self.mmcli_json("-m", "0")["modem"]["generic"]["state"] == "registered",
                 what="the modem to register")

    def sms_paths(self):
        return self.mmcli_json("-m", "0", "--messaging-list-sms").get("modem.messaging.sms", [])

    def sms(self, path):
        return self.mmcli_json("-s", path)["sms"]

    def sms_property(self, path, name):
        out = self.call(path, "org.freedesktop.DBus.Properties.Get", "org.freedesktop.ModemManager1.Sms",
                        name).stdout
        return out.strip().strip("(),<>").split()[-1].strip("<>'")

    def create_raw(self, properties):
        """Messaging.Create with an a{sv} mmcli would not send."""
        return self.call("/org/freedesktop/ModemManager1/Modem/0",
                         "org.freedesktop.ModemManager1.Modem.Messaging.Create", properties, check=False)

    def sent_pdus(self, sim):
        return sim.control("get sms-sent").split()[1:]

    def create(self, spec):
        out = self.mmcli("-m", "0", f"--messaging-create-sms={spec}").stdout
        path = next(word for word in out.split() if word.startswith(SMS_PREFIX))
        return path

    # --- status and stored messages ---------------------------------------

    def test_messaging_status(self):
        self.add_modem_with()
        self.enable()
        status = self.mmcli_json("-m", "0", "--messaging-status")["modem"]["messaging"]
        self.assertEqual(status["supported-storages"], self.supported_storages)
        self.assertEqual(status["default-storages"], self.storage)

    def test_stored_messages_listed_after_enable(self):
        self.add_modem_with([deliver_pdu(SENDER, "Hello from the SIM"),
                             "unread:" + deliver_pdu("+4930123456", "Second one")])
        self.enable()
        paths = wait_for(lambda: len(self.sms_paths()) == 2 and self.sms_paths(), what="two stored messages")
        first = self.sms(paths[0])
        self.assertEqual(first["content"]["number"], SENDER)
        self.assertEqual(first["content"]["text"], "Hello from the SIM")
        self.assertEqual(first["properties"]["state"], "received")
        self.assertEqual(first["properties"]["storage"], self.received_storage)
        self.assertEqual(first["properties"]["pdu-type"], "deliver")
        self.assertEqual(first["properties"]["timestamp"], TIMESTAMP)
        self.assertEqual(first["properties"]["smsc"], "+31624000000")
        self.assertEqual(first["properties"], {
            "class": "--", "delivery-report": "--", "delivery-state": "--", "discharge-timestamp": "--",
            "message-reference": "--", "pdu-type": "deliver", "service-category": "--",
            "smsc": "+31624000000", "state": "received", "storage": self.received_storage,
            "teleservice-id": "--", "timestamp": TIMESTAMP, "validity": "--"})
        self.assertEqual(self.sms(paths[1])["content"]["text"], "Second one")
        # mmcli -s N -K, the form scripts read.
        keyed = self.mmcli("-s", paths[0], "-K").stdout
        self.assertIn("sms.content.text", keyed)
        self.assertIn("Hello from the SIM", keyed)

    def test_unread_stored_message_marked_read(self):
        # AT and MBIM modems mark a message read when it is read; on QMI the
        # daemon tags it MT_READ with WMS Modify Tag.
        sim = self.add_modem_with(["unread:" + deliver_pdu(SENDER, "Unread"), deliver_pdu(SENDER, "Read")])
        self.assertEqual(sim.control("get sms-status"), "1:unread,2:read")
        self.enable()
        wait_for(lambda: len(self.sms_paths()) == 2, what="both stored messages")
        wait_for(lambda: sim.control("get sms-status") == "1:read,2:read", what="the message marked read")

    def test_incoming_message_appears(self):
        sim = self.add_modem_with()
        self.enable()
        self.assertEqual(self.sms_paths(), [])
        sim.control("sms-incoming " + deliver_pdu(SENDER, "Ping"))
        paths = wait_for(lambda: self.sms_paths(), what="the incoming message")
        self.assertEqual(self.sms(paths[0])["content"]["text"], "Ping")
        self.assertEqual(self.sms(paths[0])["properties"]["state"], "received")

    def test_added_and_deleted_signals(self):
        sim = self.add_modem_with()
        self.enable()
        out_path = os.path.join(self.workdir, "monitor.txt")
        with open(out_path, "w") as out:
            monitor = subprocess.Popen(["gdbus", "monitor", "--session", "--dest", "org.freedesktop.ModemManager1",
                                        "--object-path", "/org/freedesktop/ModemManager1/Modem/0"],
                                       env=self.bus.env(), stdout=out, stderr=subprocess.DEVNULL)

        def seen(text):
            with open(out_path) as log:
                return text in log.read()
        try:
            # The monitor is listening once it reports a change it saw.
            wait_for(lambda: seen("Monitoring signals") or monitor.poll() is not None, what="gdbus monitor")
            sim.control("sms-incoming " + deliver_pdu(SENDER, "Signal me"))
            path = wait_for(lambda: self.sms_paths() and self.sms_paths()[0], what="the incoming message")
            wait_for(lambda: seen(f"Messaging.Added (objectpath '{path}', true)"), what="the Added signal")
            self.mmcli("-m", "0", f"--messaging-delete-sms={path}")
            wait_for(lambda: seen(f"Messaging.Deleted (objectpath '{path}',)"), what="the Deleted signal")
        finally:
            monitor.terminate()
            monitor.wait()

    def test_three_parts_become_one_message(self):
        sim = self.add_modem_with()
        self.enable()
        texts = ["Part one of ", "three and ", "the end"]
        # The last part first: the message waits for the others.
        sim.control("sms-incoming " + deliver_pdu(SENDER, texts[2], (42, 3, 3)))
        paths = wait_for(lambda: self.sms_paths(), what="the first part")
        self.assertEqual(self.sms(paths[0])["properties"]["state"], "receiving")
        sim.control("sms-incoming " + deliver_pdu(SENDER, texts[0], (42, 3, 1)))
        sim.control("sms-incoming " + deliver_pdu(SENDER, texts[1], (42, 3, 2)))
        wait_for(lambda: self.sms(paths[0])["properties"]["state"] == "received", what="the whole message")
        self.assertEqual(self.sms_paths(), paths)
        self.assertEqual(self.sms(paths[0])["content"]["text"], "".join(texts))

    def test_three_gsm7_parts_with_extension_characters(self):
        sim = self.add_modem_with()
        self.enable()
        # Every character of the extension table, some across part ends.
        texts = ["Cost: 5\u20ac [a] ", "{b} ~c\\ ^d| ", "e \u20ac\u20ac{}[]~^|\\"]
        for sequence, text in enumerate(texts, 1):
            sim.control("sms-incoming " + deliver_pdu(SENDER, text, (77, 3, sequence)))
        paths = wait_for(lambda: self.sms_paths(), what="the message")
        wait_for(lambda: self.sms(paths[0])["properties"]["state"] == "received", what="the whole message")
        self.assertEqual(len(self.sms_paths()), 1)
        self.assertEqual(self.sms(paths[0])["content"]["text"], "".join(texts))

    def test_three_ucs2_parts_with_emoji(self):
        sim = self.add_modem_with()
        self.enable()
        # Characters beyond the BMP are surrogate pairs in UCS-2 (UTF-16).
        texts = ["Gr\u00fc\u00dfe \U0001F600 ", "\u65e5\u672c \U0001F389\U0001F44D ", "\u0416 end \U0001F680"]
        for sequence, text in enumerate(texts, 1):
            sim.control("sms-incoming " + deliver_pdu_ucs2(SENDER, text, (78, 3, sequence)))
        paths = wait_for(lambda: self.sms_paths(), what="the message")
        wait_for(lambda: self.sms(paths[0])["properties"]["state"] == "received", what="the whole message")
        self.assertEqual(len(self.sms_paths()), 1)
        self.assertEqual(self.sms(paths[0])["content"]["text"], "".join(texts))

    # --- create, send, store, delete ---------------------------------------

    def test_create_and_send(self):
        sim = self.add_modem_with()
        self.enable()
        path = self.create(f"number={SENDER},text='Hello network'")
        props = self.sms(path)
        self.assertEqual(props["properties"]["state"], "--")  # mmcli's word for unknown
        self.assertEqual(props["properties"]["pdu-type"], "submit")
        self.mmcli("-s", path, "--send")
        self.assertEqual(self.sms(path)["properties"]["state"], "sent")
        pdus = self.sent_pdus(sim)
        self.assertEqual(len(pdus), 1)
        submit = parse_submit(pdus[0])
        self.assertEqual(submit["number"], SENDER)
        self.assertEqual(submit["udl"], len("Hello network"))
        self.assertIsNone(submit["concat"])

    def test_long_text_sent_in_parts_with_one_reference(self):
        sim = self.add_modem_with()
        self.enable()
        text = "x" * 400  # 153 + 153 + 94 septets
        path = self.create(f"number=+4912345,text='{text}'")
        self.mmcli("-s", path, "--send")
        submits = [parse_submit(pdu) for pdu in self.sent_pdus(sim)]
        self.assertEqual(len(submits), 3)
        references = {s["concat"][0] for s in submits}
        self.assertEqual(len(references), 1)
        self.assertEqual([s["concat"][1:] for s in submits], [(3, 1), (3, 2), (3, 3)])
        self.assertEqual(self.sms(path)["properties"]["state"], "sent")

    def test_created_text_sent_as_exactly_that_pdu(self):
        sim = self.add_modem_with()
        self.enable()
        text = "Cost 5\u20ac [a] {b} ~^| ok?"
        out = self.mmcli("-m", "0", f"--messaging-create-sms=text='{text}',number='{SENDER}'").stdout
        path = next(word for word in out.split() if word.startswith(SMS_PREFIX))
        self.mmcli("-s", path, "--send")
        pdus = self.sent_pdus(sim)
        self.assertEqual(len(pdus), 1)
        submit = parse_submit(pdus[0])
        self.assertEqual((submit["number"], submit["dcs"], submit["concat"]), (SENDER, 0x00, None))
        self.assertEqual(submit["udl"], len(gsm_septets(text)))
        self.assertEqual(submit["body"], text)
        props = self.sms(path)
        self.assertEqual(props["content"], {"data": "--", "number": SENDER, "text": text})
        self.assertEqual({k: props["properties"][k] for k in ("state", "pdu-type", "delivery-report",
                                                              "delivery-state")},
                         {"state": "sent", "pdu-type": "submit", "delivery-report": "not requested",
                          "delivery-state": "--"})

    def test_data_file_sent_as_8bit(self):
        sim = self.add_modem_with()
        self.enable()
        data = bytes(range(0, 256, 3))
        data_path = os.path.join(self.workdir, "data.bin")
        with open(data_path, "wb") as out:
            out.write(data)
        out = self.mmcli("-m", "0", f"--messaging-create-sms=number={SENDER}",
                         f"--messaging-create-sms-with-data={data_path}").stdout
        path = next(word for word in out.split() if word.startswith(SMS_PREFIX))
        self.assertEqual(self.sms(path)["content"], {"data": data.hex().upper(), "number": SENDER, "text": "--"})
        self.mmcli("-s", path, "--send")
        submit = parse_submit(self.sent_pdus(sim)[0])
        self.assertEqual(submit["dcs"] & 0x0C, 0x04)
        self.assertEqual(submit["body"], data)

    def assert_sent_in_three_parts(self, sim, text):
        path = self.create(f"number={SENDER},text='{text}'")
        self.mmcli("-s", path, "--send")
        submits = [parse_submit(pdu) for pdu in self.sent_pdus(sim)]
        self.assertEqual([s["concat"][1:] for s in submits], [(3, 1), (3, 2), (3, 3)])
        self.assertEqual(len({s["concat"][0] for s in submits}), 1)
        # Each part decodes on its own: no escape or surrogate pair is cut.
        self.assertEqual("".join(s["body"] for s in submits), text)
        self.assertEqual(self.sms(path)["properties"]["state"], "sent")

    def test_three_part_outgoing_gsm7_keeps_escapes_whole(self):
        sim = self.add_modem_with()
        self.enable()
        # The euro sign's escape would be septet 153, the end of part one.
        self.assert_sent_in_three_parts(sim, "a" * 152 + "\u20ac" + "b" * 150 + "[x]" + "c" * 40)

    def test_three_part_outgoing_ucs2_keeps_surrogates_whole(self):
        sim = self.add_modem_with()
        self.enable()
        # A pair would straddle code units 67/68, the end of part one.
        self.assert_sent_in_three_parts(sim, "x" * 66 + "\U0001F600" + "y" * 65 + "\U0001F389" + "z" * 40)

    def test_delivery_report_updates_state(self):
        sim = self.add_modem_with()
        self.enable()
        sim.control("get sms-sent")
        path = self.create(f"number={SENDER},text='Report me',delivery-report-request=yes")
        self.mmcli("-s", path, "--send")
        submit = parse_submit(self.sent_pdus(sim)[0])
        self.assertTrue(submit["srr"])
        reference = int(self.sms_property(path, "MessageReference"))
        sim.control("sms-status-report " + status_report_pdu(reference, SENDER, 0))
        wait_for(lambda: self.sms(path)["properties"]["delivery-state"] == "completed-received",
                 what="the delivery state")
        self.assertEqual(self.sms_paths(), [path])
        props = self.sms(path)["properties"]
        self.assertEqual({k: props[k] for k in ("state", "pdu-type", "delivery-report", "discharge-timestamp")},
                         {"state": "sent", "pdu-type": "submit", "delivery-report": "requested",
                          "discharge-timestamp": TIMESTAMP})

    def test_store_then_delete(self):
        sim = self.add_modem_with()
        self.enable()
        path = self.create("number=+4912345,text='Keep me'")
        self.mmcli("-s", path, "--store")
        props = self.sms(path)["properties"]
        self.assertEqual(props["state"], "stored")
        self.assertEqual(props["storage"], "sm")
        self.assertEqual(sim.control("get sms-count"), "1")
        self.mmcli("-m", "0", f"--messaging-delete-sms={path}")
        self.assertEqual(self.sms_paths(), [])
        self.assertEqual(sim.control("get sms-count"), "0")

    def test_delete_received_removes_it_from_the_sim(self):
        sim = self.add_modem_with([deliver_pdu(SENDER, "Old news")])
        self.enable()
        paths = wait_for(lambda: self.sms_paths(), what="the stored message")
        self.mmcli("-m", "0", f"--messaging-delete-sms={paths[0]}")
        self.assertEqual(self.sms_paths(), [])
        self.assertEqual(sim.control("get sms-count"), "0")
        # A new message gets a new path: N is never reused.
        sim.control("sms-incoming " + deliver_pdu(SENDER, "New"))
        new = wait_for(lambda: self.sms_paths(), what="the new message")
        self.assertNotEqual(new, paths)

    def test_modem_vanishing_mid_send_fails_the_send(self):
        sim = self.add_modem_with()
        self.enable()
        path = self.create(f"number={SENDER},text='Lost'")
        # The modem stops answering, the send waits, then the device goes.
        sim.control("mute on")
        client = self.start_client([shutil.which("mmcli") or "mmcli", "-s", path, "--send"])
        wait_for(lambda: self.sms(path)["properties"]["state"] == "sending", what="the send to start")
        sim.control("unplug")
        client.wait(timeout=60)
        client.stdout.close()
        client.stderr.close()
        self.assertNotEqual(client.returncode, 0)
        wait_for(lambda: not self.modem_paths(), what="the modem to go")
        self.assert_daemon_alive()

    # --- bad input -----------------------------------------------------------

    def assert_refused(self, args, error_name):
        result = self.mmcli(*args, check=False)
        self.assertNotEqual(result.returncode, 0, result.stdout)
        self.assertIn(error_name, result.stderr)

    def test_bad_input_gets_clear_errors(self):
        self.add_modem_with([deliver_pdu(SENDER, "Received")])
        self.enable()
        received = wait_for(lambda: self.sms_paths(), what="the stored message")[0]
        invalid = "org.freedesktop.ModemManager1.Error.Core.InvalidArgs"
        self.assert_refused(["-m", "0", "--messaging-create-sms=number='',text='x'"], invalid)
        self.assert_refused(["-m", "0", "--messaging-create-sms=number=12ab,text='x'"], invalid)
        self.assert_refused(["-m", "0", "--messaging-create-sms=number=+49123"], invalid)
        for properties in ("{'number': <'+49123'>, 'text': <'x'>, 'storage': <uint32 7>}",
                           "{'number': <'+49123'>, 'text': <'x'>, 'colour': <'red'>}",
                           "{'number': <'+49123'>, 'data': <[byte 1]>, 'text': <'x'>}"):
            result = self.create_raw(properties)
            self.assertNotEqual(result.returncode, 0)
            self.assertIn(invalid, result.stderr)
        self.assert_refused(["-s", received, "--send"], "org.freedesktop.ModemManager1.Error.Core.Failed")
        # mmcli refuses such paths itself; the daemon must too.
        for path in ("/org/freedesktop/ModemManager1/Bearer/0", SMS_PREFIX + "999"):
            result = self.call("/org/freedesktop/ModemManager1/Modem/0",
                               "org.freedesktop.ModemManager1.Modem.Messaging.Delete", path, check=False)
            self.assertIn("org.freedesktop.ModemManager1.Error.Core.NotFound", result.stderr)
        created = self.create("number=+49123,text='x'")
        self.assert_refused(["-s", created, "--store-in-storage=sr"],
                            "org.freedesktop.ModemManager1.Error.Core.Unsupported")
        self.assertEqual(len(self.sms_paths()), 2)
        self.assert_daemon_alive()

    def test_messaging_needs_enabled_modem(self):
        self.add_modem_with()
        result = self.create_raw("{'number': <'+49123'>, 'text': <'x'>}")
        self.assertIn("org.freedesktop.ModemManager1.Error.Core.WrongState", result.stderr)


@skip_without_tools
class MbimSmsTest(SmsTest):
    """The same store and network served over MBIM's SMS service: one store,
    published as "mt"; MBIM cannot write messages, so Store is refused."""

    daemon_args = ModemdTestCase.daemon_args + ["--no-mbim-proxy", "--test-fake-net-links"]
    storage = supported_storages = received_storage = "mt"

    def add_sim_modem(self, scenario="default.ini", uid="mbim0"):
        sim = self.start_sim(scenario, at="none", mbim="pty")
        self.set_profile(uid, ["mbim:" + sim.mbim_port, "net:wwan0"])
        wait_for(lambda: self.modem_paths(), what="the modem to be exported")
        return sim

    # Not on MBIM: no status reports over the SMS service, no writing.
    test_delivery_report_updates_state = None
    test_bad_input_gets_clear_errors = None

    def test_store_then_delete(self):
        self.add_modem_with()
        self.enable()
        path = self.create("number=+4912345,text='Keep me'")
        self.assert_refused(["-s", path, "--store"], "org.freedesktop.ModemManager1.Error.Core.Unsupported")
        self.mmcli("-m", "0", f"--messaging-delete-sms={path}")
        self.assertEqual(self.sms_paths(), [])


@skip_without_tools
class QmiSmsTest(SmsTest):
    """The same store and network served over QMI WMS: the model's store is
    UIM storage ("sm"), the simulator's QMI front end keeps an NV store
    ("me"), which is the default storage as in ModemManager; status reports
    are routed to the host."""

    daemon_args = ModemdTestCase.daemon_args + ["--no-qmi-proxy"]
    storage = "me"
    supported_storages = "sm, me"
    received_storage = "sm"

    def add_sim_modem(self, scenario="default.ini", uid="qmi0"):
        sim = self.start_sim(scenario, at="none", qmi="pty")
        self.set_profile(uid, ["qmi:" + sim.qmi_port, "net:wwan0"])
        wait_for(lambda: self.modem_paths(), what="the modem to be exported")
        return sim

    def test_store_then_delete(self):
        sim = self.add_modem_with()
        self.enable()
        kept = self.create("number=+4912345,text='Keep me'")
        self.mmcli("-s", kept, "--store")
        self.assertEqual(self.sms(kept)["properties"]["storage"], "me")
        on_sim = self.create("number=+4912345,text='On the SIM'")
        self.mmcli("-s", on_sim, "--store-in-storage=sm")
        props = self.sms(on_sim)["properties"]
        self.assertEqual((props["state"], props["storage"]), ("stored", "sm"))
        self.assertEqual(sim.control("get sms-count"), "1")
        for path in (kept, on_sim):
            self.mmcli("-m", "0", f"--messaging-delete-sms={path}")
        self.assertEqual(self.sms_paths(), [])
        self.assertEqual(sim.control("get sms-count"), "0")


    def test_store_then_send_from_storage(self):
        # As ModemManager: WMS Send From Memory Storage, no Raw Send.
        sim = self.add_modem_with()
        self.enable()
        path = self.create("number=+4912345,text='On the SIM first'")
        self.mmcli("-s", path, "--store-in-storage=sm")
        self.mmcli("-s", path, "--send")
        self.assertEqual(self.sms(path)["properties"]["state"], "sent")
        commands = sim.history("qmi-command")
        self.assertIn("wms Send From Memory Storage", commands)
        self.assertNotIn("wms Raw Send", commands)
        self.assertEqual([parse_submit(pdu)["body"] for pdu in self.sent_pdus(sim)], ["On the SIM first"])
        self.assertEqual(sim.control("get sms-status"), "1:sent")


if __name__ == "__main__":
    unittest.main()
