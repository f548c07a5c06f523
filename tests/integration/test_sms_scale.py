# SPDX-License-Identifier: GPL-2.0-or-later
"""SMS at scale on the generic AT modem, through the real mmcli and D-Bus:
1,000 messages stored on the SIM (modem-sim's sms-fill: 1,100 entries,
every tenth message in two parts) are all listed after Enable while a
second modem in the same daemon keeps answering calls; a burst of 100
incoming messages (sms-burst) all become Sms objects, with incomplete and
malformed PDUs injected around them logged and dropped or kept as
"receiving", and the daemon keeps serving. No timing is asserted: the
evidence that the main loop was not blocked is the order in which the
daemon's signals and replies reach one client (sms_load_watch.py)."""

import json
import os
import shutil
import subprocess
import unittest

from harness import SCENARIOS, WAIT_SECONDS, ModemdTestCase, skip_without_tools, wait_for
from test_sms import SENDER, deliver_pdu

HELPER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sms_load_watch.py")
SYSTEM_PYTHON = "/usr/bin/python3"
STORED = 1000
BURST = 100


def expected_stored(serial):
    """What modem-sim's sms-fill stores as message `serial` (simulator/README.md)."""
    if serial % 10 == 9:
        text = f"Message {serial:04d}, first part; second part."
    elif serial % 10 == 4:
        text = f"Grüße Message {serial:04d}"
    else:
        text = f"Message {serial:04d} from the simulator"
    return f"+491700{serial:06d}", text


def have_system_gi():
    if not os.path.exists(SYSTEM_PYTHON):
        return False
    return subprocess.run([SYSTEM_PYTHON, "-c", "import gi"], capture_output=True).returncode == 0


@skip_without_tools
@unittest.skipUnless(have_system_gi(), "needs /usr/bin/python3 with gi (python3-gi)")
class SmsScaleTest(ModemdTestCase):

    # INFO, not DEBUG: a line per AT exchange of 1,100 entries only slows
    # the test down; the drops this test provokes are logged at INFO/WARN.
    daemon_args = [a for a in ModemdTestCase.daemon_args if not a.startswith("--log-level")] + [
        "--log-level=INFO"]

    def add_modem(self, uid):
        scenario = os.path.join(self.workdir, f"{uid}.ini")
        shutil.copy(os.path.join(SCENARIOS, "default.ini"), scenario)
        with open(scenario, "a") as out:
            out.write("\n[sms]\ncapacity=2000\n")
        before = set(self.modem_paths())
        sim = self.start_sim(scenario)
        self.set_profile(uid, [sim.port])
        path = wait_for(lambda: set(self.modem_paths()) - before, what=f"modem {uid} to be exported").pop()
        return sim, path

    def enable(self, path):
        self.mmcli("-m", path, "-e")
        wait_for(lambda: self.mmcli_json("-m", path)["modem"]["generic"]["state"] == "registered",
                 what="the modem to register")

    def dump(self, path):
        out = self.run_client([SYSTEM_PYTHON, HELPER, "dump", path]).stdout
        return json.loads(out)

    def watch_load(self, loading, other, expected):
        watcher = self.start_client([SYSTEM_PYTHON, HELPER, loading, other, str(expected)])
        self.addCleanup(lambda: watcher.poll() is None and watcher.kill())
        self.assertEqual(watcher.stdout.readline().strip(), "ready")
        return watcher

    def test_thousand_stored_listed_while_other_modem_answers(self):
        sim, loaded = self.add_modem("big")
        self.assertEqual(sim.control(f"sms-fill {STORED}"), str(STORED + STORED // 10))
        _, other = self.add_modem("other")
        self.enable(other)
        watcher = self.watch_load(loaded, other, STORED)
        self.mmcli("-m", loaded, "-e")
        out, err = watcher.communicate(timeout=WAIT_SECONDS * 4)
        self.assertEqual(watcher.returncode, 0, err)
        seen = json.loads(out.strip().splitlines()[-1])
        self.assertEqual(seen["distinct"], STORED)
        self.assertEqual(seen["errors"], [])
        # Calls to the other modem were answered in the middle of the load,
        # not only before or after it.
        self.assertGreater(seen["interleaved"], 0, seen)
        print("load watched:", seen)

        paths = self.mmcli_json("-m", loaded, "--messaging-list-sms")["modem.messaging.sms"]
        self.assertEqual(len(paths), STORED)
        self.assertEqual(len(set(paths)), STORED)
        messages = self.dump(loaded)
        self.assertEqual([m[0] for m in messages], paths)
        # Listed in storage order, oldest first: message k is serial k.
        for serial, (_, number, text, state) in enumerate(messages):
            self.assertEqual((number, text), expected_stored(serial), f"message {serial}")
            self.assertEqual(state, 3)  # MM_SMS_STATE_RECEIVED
        # And through mmcli, a few of them (7-bit, UCS2, two parts, the last).
        for serial in (0, 4, 9, 999):
            sms = self.mmcli_json("-s", paths[serial])["sms"]
            number, text = expected_stored(serial)
            self.assertEqual(sms["content"]["number"], number)
            self.assertEqual(sms["content"]["text"], text)
            self.assertEqual(sms["properties"]["state"], "received")
        self.assertEqual(len(self.mmcli_json("-m", other, "--messaging-list-sms").get("modem.messaging.sms", [])),
                         0)
        self.assert_daemon_alive()

    def test_burst_all_arrive_and_bad_pdus_are_dropped(self):
        sim, path = self.add_modem("burst")
        self.enable(path)
        good = deliver_pdu(SENDER, "Well formed")
        # First parts of 20 three-part messages whose other parts never
        # come: the core keeps at most MD_SMS_LIST_MAX_INCOMPLETE (16).
        incomplete = [deliver_pdu(SENDER, f"Alone {r}", (100 + r, 3, 1)) for r in range(20)]
        undecodable = [
            good[:len(good) - 8],  # user data shorter than its TP-UDL
            # UDH length (0x20) beyond the user data.
            deliver_pdu(SENDER, "Header lies", (1, 2, 1)).replace("0500030102", "2000030102", 1),
            # Concatenation IE length (0x09) beyond the UDH.
            deliver_pdu(SENDER, "IE lies", (2, 2, 1)).replace("0500030202", "0500090202", 1),
        ]
        # 23.040 9.2.3.24.1: a concatenation IE out of range is ignored,
        # the part stands alone as a whole message.
        standalone = [deliver_pdu(SENDER, "Sequence 3 of 2", (3, 2, 3)),
                      deliver_pdu(SENDER, "Sequence 0", (4, 2, 0))]
        for pdu in undecodable + incomplete[:10]:
            sim.control("sms-incoming " + pdu)
        self.assertEqual(sim.control(f"sms-burst {BURST}"), str(BURST))
        for pdu in standalone + incomplete[10:] + [good]:
            sim.control("sms-incoming " + pdu)

        # The last one injected is in: everything before it was read.
        def settled():
            messages = self.dump(path)
            return any(m[2] == "Well formed" for m in messages) and messages
        messages = wait_for(settled, timeout=WAIT_SECONDS * 4, what="the burst to arrive")
        # Every message of the burst, the UCS2 ones too, exactly once.
        burst = sorted(m[2] for m in messages if "Burst" in m[2])
        self.assertEqual(burst, sorted(f"Grüße Burst {s:04d}" if s % 10 == 4 else f"Burst {s:04d} from the simulator"
                                       for s in range(BURST)))
        self.assertEqual(len(set(m[0] for m in messages)), len(messages))
        others = sorted((m[2], m[3]) for m in messages if "Burst" not in m[2])
        RECEIVED, RECEIVING = 3, 2  # MMSmsState
        self.assertEqual(others, [("", RECEIVING)] * 16 + [("Sequence 0", RECEIVED), ("Sequence 3 of 2", RECEIVED),
                                                           ("Well formed", RECEIVED)])
        with open(self.log_path, errors="replace") as log:
            text = log.read()
        self.assertEqual(text.count("SMS PDU not understood"), len(undecodable))
        self.assertEqual(text.count("too many incomplete messages; the oldest is dropped"), 4)
        self.assert_daemon_alive()
        self.assertEqual(len(self.mmcli_json("-m", path, "--messaging-list-sms")["modem.messaging.sms"]),
                         len(messages))


if __name__ == "__main__":
    unittest.main()
