# SPDX-License-Identifier: GPL-2.0-or-later
"""27.005 details of Messaging on the generic AT modem, checked in
modem-sim's command record: messages routed with +CMT and status reports
with +CDS are acknowledged with +CNMA when the message service (+CSMS?) is
1, and only then; a message stored on the modem (by Store, or listed
from storage) is sent with +CMSS=<index>, and with +CMGS when the modem
refuses +CMSS; SupportedStorages are the storages of both +CPMS=?'s
<mem2> and <mem3> lists, while every <mem1> storage is listed."""

import os
import shutil
import unittest

from harness import SCENARIOS, ModemdTestCase, skip_without_tools, wait_for
from test_sms import SENDER, address, deliver_pdu, gsm_septets, pack_septets, parse_submit, status_report_pdu


def submit_pdu(number, text):
    """An SMS-SUBMIT (no validity period) in GSM 7-bit, SMSC field empty."""
    septets = gsm_septets(text)
    return ("00" + "01" + "00" + address(number) + "0000" + f"{len(septets):02X}"
            + pack_septets(septets).hex().upper())


@skip_without_tools
class AtSmsTest(ModemdTestCase):

    def add_modem_with(self, extra=""):
        scenario = os.path.join(self.workdir, "sms-at.ini")
        shutil.copy(os.path.join(SCENARIOS, "default.ini"), scenario)
        with open(scenario, "a") as out:
            out.write("\n" + extra)
        return self.add_sim_modem(scenario)

    def enable(self):
        self.mmcli("-m", "0", "-e")
        wait_for(lambda: self.mmcli_json("-m", "0")["modem"]["generic"]["state"] == "registered",
                 what="the modem to register")

    def acks(self, sim):
        return [c for c in sim.history() if c.upper().startswith("AT+CNMA")]

    def sms_paths(self):
        return self.mmcli_json("-m", "0", "--messaging-list-sms").get("modem.messaging.sms", [])

    def texts(self):
        paths = self.mmcli_json("-m", "0", "--messaging-list-sms").get("modem.messaging.sms", [])
        return [self.mmcli_json("-s", p)["sms"]["content"]["text"] for p in paths]

    def test_routed_messages_acknowledged_in_service_1(self):
        # The simulator turns routing off when a +CMT waits unacknowledged
        # as the next message arrives: the second one proves the first was
        # acknowledged.
        sim = self.add_modem_with("[commands]\ncsms-service=1\nsms-routed=true\n")
        self.enable()
        sim.control("sms-incoming " + deliver_pdu(SENDER, "First"))
        wait_for(lambda: self.texts() == ["First"], what="the first routed message")
        wait_for(lambda: self.acks(sim) == ["AT+CNMA"], what="the first +CNMA")
        sim.control("sms-incoming " + deliver_pdu(SENDER, "Second"))
        wait_for(lambda: sorted(self.texts()) == ["First", "Second"], what="the second routed message")
        wait_for(lambda: len(self.acks(sim)) == 2, what="the second +CNMA")
        # A status report routed with +CDS is acknowledged too.
        sim.control("sms-status-report " + status_report_pdu(7, SENDER, 0))
        wait_for(lambda: len(self.acks(sim)) == 3, what="the status report's +CNMA")
        sim.control("sms-incoming " + deliver_pdu(SENDER, "Third"))
        wait_for(lambda: "Third" in self.texts(), what="the third routed message")
        self.assert_daemon_alive()

    def test_no_acknowledgement_in_service_0(self):
        sim = self.add_modem_with("[commands]\nsms-routed=true\n")
        self.enable()
        for text in ("One", "Two"):
            sim.control("sms-incoming " + deliver_pdu(SENDER, text))
        wait_for(lambda: sorted(self.texts()) == ["One", "Two"], what="both routed messages")
        sim.control("sms-status-report " + status_report_pdu(7, SENDER, 0))
        self.assertIn("AT+CSMS?", sim.history())
        # Every command after the report: nothing acknowledges anything.
        self.mmcli("-m", "0", "--messaging-status")
        self.assertEqual(self.acks(sim), [])

    # --- storages ----------------------------------------------------------------

    def test_supported_storages_from_mem2_and_mem3(self):
        sim = self.add_modem_with('[sms]\nstorages=("SM","ME","SR","BM"),("SM","ME","MT"),("ME","SM","BM")\n'
                                  "stored=" + deliver_pdu(SENDER, "On the SIM") + "\n")
        self.enable()
        status = self.mmcli_json("-m", "0", "--messaging-status")["modem"]["messaging"]
        self.assertEqual(status["supported-storages"], "sm, me")
        self.assertEqual(status["default-storages"], "me")
        wait_for(lambda: self.texts() == ["On the SIM"], what="the message stored on the SIM")
        # Every <mem1> storage was listed, the ones only readable too.
        commands = sim.history()
        for name in ("SM", "ME", "SR", "BM"):
            self.assertIn(f'AT+CPMS="{name}"', commands)
        self.assertIn('AT+CPMS="ME","ME","ME"', commands)

    # --- sending a stored message -------------------------------------------

    def assert_sent_from_storage(self, sim, path, index, text):
        self.mmcli("-s", path, "--send")
        self.assertEqual(self.mmcli_json("-s", path)["sms"]["properties"]["state"], "sent")
        commands = sim.history()
        self.assertIn(f"AT+CMSS={index}", commands)
        self.assertFalse([c for c in commands if c.startswith("AT+CMGS")], commands)
        sent = sim.control("get sms-sent").split()[1:]
        self.assertEqual([parse_submit(pdu)["body"] for pdu in sent], [text])

    def test_store_then_send_uses_cmss(self):
        sim = self.add_modem_with()
        self.enable()
        path = self.create("number=+4912345,text='Stored first'")
        self.mmcli("-s", path, "--store")
        self.assert_sent_from_storage(sim, path, 1, "Stored first")

    def test_listed_unsent_message_sent_with_cmss(self):
        sim = self.add_modem_with("[sms]\nstored=" + deliver_pdu(SENDER, "In") + ";unsent:"
                                  + submit_pdu("+4912345", "Draft") + "\n")
        self.enable()
        paths = wait_for(lambda: len(self.sms_paths()) == 2 and self.sms_paths(), what="two stored messages")
        draft = next(p for p in paths if self.mmcli_json("-s", p)["sms"]["properties"]["state"] == "stored")
        self.assert_sent_from_storage(sim, draft, 2, "Draft")

    def test_cmss_refused_falls_back_to_cmgs(self):
        sim = self.add_modem_with("[commands]\nunsupported=+CMSS\n")
        self.enable()
        path = self.create("number=+4912345,text='Fallback'")
        self.mmcli("-s", path, "--store")
        self.mmcli("-s", path, "--send")
        self.assertEqual(self.mmcli_json("-s", path)["sms"]["properties"]["state"], "sent")
        commands = sim.history()
        self.assertIn("AT+CMSS=1", commands)
        self.assertTrue([c for c in commands if c.startswith("AT+CMGS")], commands)
        sent = sim.control("get sms-sent").split()[1:]
        self.assertEqual([parse_submit(pdu)["body"] for pdu in sent], ["Fallback"])

    def create(self, spec):
        out = self.mmcli("-m", "0", f"--messaging-create-sms={spec}").stdout
        return next(word for word in out.split() if word.startswith("/org/freedesktop/ModemManager1/SMS/"))


if __name__ == "__main__":
    unittest.main()
