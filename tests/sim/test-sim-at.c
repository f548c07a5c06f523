/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of the simulator's AT front end: command lines go in as bytes
 * and the exact bytes answered are checked (echo, V1 framing, +CMEE modes,
 * PIN flows, +COPS formats, unsolicited registration, data mode). */
#include "sim-at.h"
#include "sim-scenario.h"

#include <string.h>

#define WAIT_SECONDS 30

static const char scenario_text[]
  = "[identity]\nmanufacturer=ACME\nmodel=Rocket 5\nrevision=R1\nimei=356938035643809\n"
    "[sim]\niccid=8949020000123456789\nimsi=262011234567890\nspn=Telekom.de\npin=1234\npuk=12345678\n"
    "own-numbers=+491701234567;01701234568\n"
    "[network]\nregistration=home\noperator-code=26201\noperator-name=Telekom.de\n"
    "access-technology=lte\nsignal=20\nlac=0xC3\ntac=0x4E20\ncell-id=0x1A23B01\n"
    "[operators]\navailable=26201:Telekom.de:TDG:lte:current;26202:Vodafone.de:Vodafone:umts:available;"
    "26203:o2 - de:o2:umts:forbidden\n"
    "[power]\ncfun=1\n"
    "[commands]\nunsupported=+CPINR\ncops-scan-delay-ms=50\nescape-guard-ms=100\n";

static const char pdu[] = "07911326040000F0040B911346610089F60000208062917314080CC8F71D14969741F977FD07";

typedef struct {
  SimScenario *scenario;
  SimModel *model;
  SimAt *at;
  GString *out;
} Fixture;

static void
collect (const char *data, gsize len, gpointer user_data)
{
  Fixture *f = user_data;

  g_string_append_len (f->out, data, len);
}

static void
fixture_start (Fixture *f, const char *extra)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = g_strconcat (scenario_text, extra, NULL);

  f->scenario = sim_scenario_load_data (text, &error);
  g_assert_no_error (error);
  f->model = f->scenario->model;
  f->out = g_string_new (NULL);
  f->at = sim_at_new (f->model, &f->scenario->at, collect, f);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  fixture_start (f, data);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  sim_at_free (f->at);
  sim_scenario_free (f->scenario);
  g_string_free (f->out, TRUE);
}

/* Feeds bytes and returns what was answered at once. */
static char *
feed (Fixture *f, const char *bytes)
{
  g_string_truncate (f->out, 0);
  sim_at_feed (f->at, bytes, strlen (bytes));
  return g_strdup (f->out->str);
}

#define assert_answer(f, in, expected)                                                                       \
  G_STMT_START                                                                                               \
  {                                                                                                          \
    g_autofree char *got_ = feed ((f), (in));                                                                \
    g_assert_cmpstr (got_, ==, (expected));                                                                  \
  }                                                                                                          \
  G_STMT_END

/* Runs the main loop until the output holds needle. */
static void
wait_output (Fixture *f, const char *needle)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_TIME_SPAN_SECOND;

  while (!strstr (f->out->str, needle)) {
    g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    g_main_context_iteration (NULL, FALSE);
    g_usleep (1000);
  }
}

static void
no_echo (Fixture *f)
{
  assert_answer (f, "ATE0\r", "ATE0\r\r\nOK\r\n");
}

static void
test_echo (Fixture *f, gconstpointer data)
{
  assert_answer (f, "AT\r", "AT\r\r\nOK\r\n");
  /* Bytes are echoed as they arrive, before the line is complete. */
  assert_answer (f, "A", "A");
  assert_answer (f, "t", "t");
  assert_answer (f, "\r", "\r\r\nOK\r\n");
  /* Backspace edits the line. */
  assert_answer (f, "ATX\bI\r", "ATX\bI\r\r\nACME\r\nRocket 5\r\nRevision: R1\r\n\r\nOK\r\n");
  assert_answer (f, "ATE0\r", "ATE0\r\r\nOK\r\n");
  assert_answer (f, "AT\r\n", "\r\nOK\r\n");
  /* No "AT" prefix: ignored, as modems do. */
  assert_answer (f, "hello\r", "");
  assert_answer (f, "ATE1\r", "\r\nOK\r\n");
  g_assert_true (sim_at_get_echo (f->at));
}

static void
test_command_lines (Fixture *f, gconstpointer data)
{
  no_echo (f);
  assert_answer (f, "AT+CMEE=1;+CREG=2\r", "\r\nOK\r\n");
  g_assert_cmpuint (sim_at_get_cmee (f->at), ==, 1);
  assert_answer (f, "AT+CMEE?;+CREG?\r", "\r\n+CMEE: 1\r\n+CREG: 2,1,\"00C3\",\"01A23B01\",7\r\n\r\nOK\r\n");
  assert_answer (f, "at+cgmi;+CGMM;+GMR\r", "\r\nACME\r\nRocket 5\r\nR1\r\n\r\nOK\r\n");
  assert_answer (f, "ATV1Q0X4&C1&D2\r", "\r\nOK\r\n");
  assert_answer (f, "ATS7=60;S7?\r", "\r\n060\r\n\r\nOK\r\n");
  assert_answer (f, "AT+CGSN\r", "\r\n356938035643809\r\n\r\nOK\r\n");
  assert_answer (f, "AT+GCAP\r", "\r\n+GCAP: +CGSM,+DS,+ES\r\n\r\nOK\r\n");
  assert_answer (f, "AT+WS46=?\r", "\r\n+WS46: (12,22,25,28,29,30,31)\r\n\r\nOK\r\n");
  assert_answer (f, "AT+CFUN=?\r", "\r\n+CFUN: (0,1,4),(0-1)\r\n\r\nOK\r\n");
  assert_answer (f, "AT+CGDCONT=?\r",
                 "\r\n+CGDCONT: (1-16),\"IP\",,,(0-2),(0-4)\r\n+CGDCONT: (1-16),\"IPV6\",,,(0-2),(0-4)\r\n"
                 "+CGDCONT: (1-16),\"IPV4V6\",,,(0-2),(0-4)\r\n\r\nOK\r\n");
  assert_answer (f, "AT+CGDCONT=2,\"ipv4v6\",\"web\";+CGDCONT?\r",
                 "\r\n+CGDCONT: 2,\"IPV4V6\",\"web\",\"\",0,0\r\n\r\nOK\r\n");
  assert_answer (f, "AT+CNUM\r",
                 "\r\n+CNUM: \"\",\"+491701234567\",145\r\n+CNUM: \"\",\"01701234568\",129\r\n\r\nOK\r\n");
  assert_answer (f, "AT+CCID\r", "\r\n+CCID: 8949020000123456789\r\n\r\nOK\r\n");
  assert_answer (f, "AT+CRSM=176,12258,0,0,10\r", "\r\n+CRSM: 144,0,\"989420000021436587F9\"\r\n\r\nOK\r\n");
  assert_answer (f, "AT+CIMI\r", "\r\n262011234567890\r\n\r\nOK\r\n");
  assert_answer (f, "ATV0\r", "0\r");
  assert_answer (f, "AT+CGMI\r", "ACME\r\n0\r");
  assert_answer (f, "AT+BOGUS\r", "4\r");
}

static void
test_cmee (Fixture *f, gconstpointer data)
{
  no_echo (f);
  assert_answer (f, "AT+BOGUS\r", "\r\nERROR\r\n");
  assert_answer (f, "AT+CMEE=1\r", "\r\nOK\r\n");
  assert_answer (f, "AT+BOGUS\r", "\r\n+CME ERROR: 4\r\n");
  /* Marked unsupported by the scenario: answered like an unknown command. */
  assert_answer (f, "AT+CPINR\r", "\r\n+CME ERROR: 4\r\n");
  /* A failing command ends the line: +CMEE=0 never runs. */
  assert_answer (f, "AT+BOGUS;+CMEE=0\r", "\r\n+CME ERROR: 4\r\n");
  g_assert_cmpuint (sim_at_get_cmee (f->at), ==, 1);
  /* A line that does not parse is a plain ERROR. */
  assert_answer (f, "AT+CPIN=\"12\r", "\r\nERROR\r\n");
  assert_answer (f, "AT+CMEE=2\r", "\r\nOK\r\n");
  assert_answer (f, "AT+BOGUS\r", "\r\n+CME ERROR: operation not supported\r\n");
  assert_answer (f, "AT+CMGR=9\r", "\r\n+CMS ERROR: invalid memory index\r\n");
  assert_answer (f, "AT+CMEE=1;+CMGR=9\r", "\r\n+CMS ERROR: 321\r\n");
  assert_answer (f, "AT+CMEE=3\r", "\r\n+CME ERROR: 50\r\n");
}

static void
test_cpin_flow (Fixture *f, gconstpointer data)
{
  no_echo (f);
  assert_answer (f, "AT+CMEE=1\r", "\r\nOK\r\n");
  assert_answer (f, "AT+CPIN?\r", "\r\n+CPIN: SIM PIN\r\n\r\nOK\r\n");
  assert_answer (f, "AT+CIMI\r", "\r\n+CME ERROR: 11\r\n");
  /* The ICCID is readable from a locked card. */
  assert_answer (f, "AT+ICCID\r", "\r\n+ICCID: 8949020000123456789\r\n\r\nOK\r\n");
  assert_answer (f, "AT+CPIN=\"0000\"\r", "\r\n+CME ERROR: 16\r\n");
  assert_answer (f, "AT+CSIM=10,\"0020000100\"\r", "\r\n+CSIM: 4,\"63C2\"\r\n\r\nOK\r\n");
  assert_answer (f, "AT+CPIN=\"0000\"\r", "\r\n+CME ERROR: 16\r\n");
  assert_answer (f, "AT+CPIN=\"0000\"\r", "\r\n+CME ERROR: 16\r\n");
  assert_answer (f, "AT+CPIN?\r", "\r\n+CPIN: SIM PUK\r\n\r\nOK\r\n");
  assert_answer (f, "AT+CPIN=\"1234\"\r", "\r\n+CME ERROR: 12\r\n");
  assert_answer (f, "AT+CPIN=\"87654321\",\"4321\"\r", "\r\n+CME ERROR: 16\r\n");
  g_assert_cmpuint (f->model->sim.puk_retries, ==, 9);
  assert_answer (f, "AT+CPIN=\"12345678\",\"4321\"\r", "\r\nOK\r\n");
  assert_answer (f, "AT+CPIN?\r", "\r\n+CPIN: READY\r\n\r\nOK\r\n");
  assert_answer (f, "AT+CLCK=\"SC\",2\r", "\r\n+CLCK: 1\r\n\r\nOK\r\n");
  assert_answer (f, "AT+CPWD=\"SC\",\"4321\",\"1111\"\r", "\r\nOK\r\n");
  assert_answer (f, "AT+CLCK=\"SC\",0,\"1111\";+CLCK=\"SC\",2\r", "\r\n+CLCK: 0\r\n\r\nOK\r\n");
  /* Blocked: ten wrong PUKs. */
  f->model->sim.lock = SIM_LOCK_PUK;
  f->model->sim.puk_retries = 1;
  assert_answer (f, "AT+CPIN=\"00000000\",\"1111\"\r", "\r\n+CME ERROR: 16\r\n");
  assert_answer (f, "AT+CPIN?\r", "\r\n+CME ERROR: 13\r\n");
}

static void
test_no_sim (Fixture *f, gconstpointer data)
{
  no_echo (f);
  assert_answer (f, "AT+CMEE=1;+CPIN?\r", "\r\n+CME ERROR: 10\r\n");
  assert_answer (f, "AT+CCID\r", "\r\n+CME ERROR: 10\r\n");
  assert_answer (f, "AT+CREG?\r", "\r\n+CREG: 0,0\r\n\r\nOK\r\n");
}

static void
test_cops (Fixture *f, gconstpointer data)
{
  no_echo (f);
  assert_answer (f, "AT+CMEE=1\r", "\r\nOK\r\n");
  assert_answer (f, "AT+COPS?\r", "\r\n+COPS: 0,0,\"Telekom.de\",7\r\n\r\nOK\r\n");
  assert_answer (f, "AT+COPS=3,2;+COPS?\r", "\r\n+COPS: 0,2,\"26201\",7\r\n\r\nOK\r\n");
  assert_answer (f, "AT+COPS=3,1;+COPS?\r", "\r\n+COPS: 0,1,\"TDG\",7\r\n\r\nOK\r\n");
  /* The scan takes a while: nothing until the delay ran out. */
  assert_answer (f, "AT+COPS=?\r", "");
  wait_output (f, "OK\r\n");
  g_assert_cmpstr (
    f->out->str, ==,
    "\r\n+COPS: (2,\"Telekom.de\",\"TDG\",\"26201\",7),(1,\"Vodafone.de\",\"Vodafone\",\"26202\",2),"
    "(3,\"o2 - de\",\"o2\",\"26203\",2),,(0-4),(0-2)\r\n\r\nOK\r\n");
  assert_answer (f, "AT+COPS=1,2,\"26203\"\r", "\r\n+CME ERROR: 32\r\n");
  assert_answer (f, "AT+COPS=1,2,\"99999\"\r", "\r\n+CME ERROR: 30\r\n");
  assert_answer (f, "AT+COPS=1,2,\"26202\";+COPS?\r", "\r\n+COPS: 1,2,\"26202\",2\r\n\r\nOK\r\n");
  assert_answer (f, "AT+COPS=2;+COPS?\r", "\r\n+COPS: 2\r\n\r\nOK\r\n");
  assert_answer (f, "AT+COPS=0;+COPS=3,0;+COPS?\r", "\r\n+COPS: 0,0,\"Telekom.de\",7\r\n\r\nOK\r\n");
  /* UCS2 character set: names as hex of UTF-16. */
  assert_answer (f, "AT+CSCS=\"UCS2\";+COPS=3,1;+COPS?\r", "\r\n+COPS: 0,1,\"005400440047\",7\r\n\r\nOK\r\n");
}

static void
test_creg_unsolicited (Fixture *f, gconstpointer data)
{
  no_echo (f);
  assert_answer (f, "AT+CREG=1;+CEREG=2\r", "\r\nOK\r\n");
  g_string_truncate (f->out, 0);
  sim_model_set_network_registration (f->model, SIM_REG_SEARCHING);
  g_assert_cmpstr (f->out->str, ==, "\r\n+CREG: 2\r\n\r\n+CEREG: 2\r\n");
  g_string_truncate (f->out, 0);
  sim_model_set_network_registration (f->model, SIM_REG_ROAMING);
  g_assert_cmpstr (f->out->str, ==, "\r\n+CREG: 5\r\n\r\n+CEREG: 5,\"4E20\",\"01A23B01\",7\r\n");
  /* Results caused by a command come after its final result. */
  assert_answer (f, "AT+CFUN=4\r", "\r\nOK\r\n\r\n+CREG: 0\r\n\r\n+CEREG: 0\r\n");
  assert_answer (f, "AT+CREG=0;+CEREG=0;+CFUN=1\r", "\r\nOK\r\n");
  assert_answer (f, "AT+CGREG?\r", "\r\n+CGREG: 0,5\r\n\r\nOK\r\n");
  /* Indicators, once +CMER enabled them. */
  assert_answer (f, "AT+CMER=3,0,0,1;+CIND?\r", "\r\n+CIND: 5,4,1,0,1,0,0\r\n\r\nOK\r\n");
  g_string_truncate (f->out, 0);
  sim_model_set_signal (f->model, 3, NULL);
  g_assert_cmpstr (f->out->str, ==, "\r\n+CIEV: 2,1\r\n");
  assert_answer (f, "AT+CSQ\r", "\r\n+CSQ: 3,99\r\n\r\nOK\r\n");
}

static void
test_data_mode (Fixture *f, gconstpointer data)
{
  no_echo (f);
  assert_answer (f, "ATD*99***1#\r", "\r\nCONNECT 150000000\r\n");
  g_assert_true (sim_at_in_data_mode (f->at));
  g_assert_cmpuint (f->model->call_cid, ==, 1);
  /* PPP bytes, with '+' inside frames, are swallowed. */
  assert_answer (f, "~\xff}#+++AT\r~", "");
  assert_answer (f, "+++", "");
  assert_answer (f, "x", "");
  g_assert_true (sim_at_in_data_mode (f->at));
  /* The escape needs silence before and after it. */
  g_usleep (200 * 1000);
  assert_answer (f, "+++", "");
  wait_output (f, "OK\r\n");
  g_assert_cmpstr (f->out->str, ==, "\r\nOK\r\n");
  g_assert_false (sim_at_in_data_mode (f->at));
  g_assert_cmpuint (f->model->call_cid, ==, 1);
  assert_answer (f, "ATO\r", "\r\nCONNECT 150000000\r\n");
  g_usleep (200 * 1000);
  g_free (feed (f, "+++"));
  wait_output (f, "OK\r\n");
  assert_answer (f, "ATH\r", "\r\nOK\r\n");
  g_assert_cmpuint (f->model->call_cid, ==, 0);
  g_assert_false (sim_model_find_context (f->model, 1)->active);
  /* The network drops a call: NO CARRIER, back in command mode. */
  assert_answer (f, "ATD*99#\r", "\r\nCONNECT 150000000\r\n");
  g_string_truncate (f->out, 0);
  g_assert_true (sim_model_drop_call (f->model));
  g_assert_cmpstr (f->out->str, ==, "\r\nNO CARRIER\r\n");
  assert_answer (f, "AT\r", "\r\nOK\r\n");
  /* Not registered: the dial fails. */
  sim_model_set_network_registration (f->model, SIM_REG_DENIED);
  assert_answer (f, "ATD*99***1#\r", "\r\nNO CARRIER\r\n");
  assert_answer (f, "ATDT0123456;\r", "\r\nNO CARRIER\r\n");
}

static void
test_sms (Fixture *f, gconstpointer data)
{
  g_autofree char *list = NULL;

  no_echo (f);
  assert_answer (f, "AT+CMGF=0;+CPMS=\"SM\",\"SM\",\"SM\"\r", "\r\n+CPMS: 0,20,0,20,0,20\r\n\r\nOK\r\n");
  g_string_truncate (f->out, 0);
  g_assert_cmpuint (sim_model_receive_sms (f->model, pdu, NULL), ==, 1);
  g_assert_cmpstr (f->out->str, ==, "\r\n+CMTI: \"SM\",1\r\n");
  list = g_strdup_printf ("\r\n+CMGL: 1,0,,30\r\n%s\r\n\r\nOK\r\n", pdu);
  assert_answer (f, "AT+CMGL=4\r", list);
  /* Listed messages are read now. */
  g_free (list);
  list = g_strdup_printf ("\r\n+CMGR: 1,,30\r\n%s\r\n\r\nOK\r\n", pdu);
  assert_answer (f, "AT+CMGR=1\r", list);
  assert_answer (f, "AT+CMGL=0\r", "\r\nOK\r\n");
  assert_answer (f, "AT+CMGD=1;+CPMS?\r", "\r\n+CPMS: \"SM\",0,20,\"SM\",0,20,\"SM\",0,20\r\n\r\nOK\r\n");
}

/* Service 1: a routed message waits for +CNMA; the next one arriving
 * while it still waits finds routing turned off (27.005 3.4.4). */
static void
test_sms_acknowledged (Fixture *f, gconstpointer data)
{
  g_autofree char *routed = g_strdup_printf ("\r\n+CMT: ,30\r\n%s\r\n", pdu);

  no_echo (f);
  assert_answer (f, "AT+CMEE=1;+CMGF=0;+CNMI=2,1,2,1,0\r", "\r\nOK\r\n");
  assert_answer (f, "AT+CSMS?\r", "\r\n+CSMS: 1,1,1,1\r\n\r\nOK\r\n");
  assert_answer (f, "AT+CNMA\r", "\r\n+CMS ERROR: 340\r\n");
  g_string_truncate (f->out, 0);
  sim_model_receive_sms (f->model, pdu, NULL);
  g_assert_cmpstr (f->out->str, ==, routed);
  assert_answer (f, "AT+CNMA\r", "\r\nOK\r\n");
  assert_answer (f, "AT+CNMA\r", "\r\n+CMS ERROR: 340\r\n");
  g_string_truncate (f->out, 0);
  sim_model_receive_sms (f->model, pdu, NULL);
  g_assert_cmpstr (f->out->str, ==, routed);
  /* Not acknowledged: the third is stored, routing is off. */
  g_string_truncate (f->out, 0);
  sim_model_receive_sms (f->model, pdu, NULL);
  g_assert_cmpstr (f->out->str, ==, "");
  assert_answer (f, "AT+CNMI?\r", "\r\n+CNMI: 2,0,2,0,0\r\n\r\nOK\r\n");
  g_assert_cmpuint (f->model->sms->len, ==, 3);
  /* Service 0 acknowledges by itself. */
  assert_answer (f, "AT+CSMS=0;+CNMI=2,2\r", "\r\n+CSMS: 1,1,1\r\n\r\nOK\r\n");
  g_string_truncate (f->out, 0);
  sim_model_receive_sms (f->model, pdu, NULL);
  sim_model_receive_sms (f->model, pdu, NULL);
  g_assert_cmpuint (strlen (f->out->str), ==, 2 * strlen (routed));
  assert_answer (f, "AT+CNMA\r", "\r\n+CMS ERROR: 340\r\n");
}

static void
test_mute (Fixture *f, gconstpointer data)
{
  sim_at_set_muted (f->at, TRUE);
  assert_answer (f, "AT+CGMI\r", "");
  g_assert_cmpstr (sim_at_get_last_command (f->at), ==, "AT+CGMI");
  sim_at_send_unsolicited (f->at, "RING");
  g_assert_cmpstr (f->out->str, ==, "\r\nRING\r\n");
  sim_at_set_muted (f->at, FALSE);
  assert_answer (f, "AT\r", "AT\r\r\nOK\r\n");
}

/* ATI1 answers the [identity] ati1 lines when the scenario has them, and
 * the same as ATI otherwise. */
static void
test_ati1 (Fixture *f, gconstpointer data)
{
  const char *ati = "\r\nACME\r\nRocket 5\r\nRevision: R1\r\n\r\nOK\r\n";

  no_echo (f);
  assert_answer (f, "ATI\r", ati);
  assert_answer (f, "ATI1\r", data ? "\r\nModel: Rocket 5\r\nIMEI: 356938035643809\r\n\r\nOK\r\n" : ati);
}

/* Quectel's normal power-down: OK, then "POWERED DOWN"; the radio is off. */
static void
test_quectel_power_down (Fixture *f, gconstpointer data)
{
  no_echo (f);
  assert_answer (f, "AT+CMEE=1\r", "\r\nOK\r\n");
  assert_answer (f, "AT+QPOWD=0\r", "\r\n+CME ERROR: 50\r\n");
  g_assert_cmpuint (f->model->cfun, ==, 1);
  assert_answer (f, "AT+QPOWD=1\r", "\r\nOK\r\n\r\nPOWERED DOWN\r\n");
  g_assert_cmpuint (f->model->cfun, ==, 0);
  assert_answer (f, "AT+CFUN?\r", "\r\n+CFUN: 0\r\n\r\nOK\r\n");
}

/* +QSIMSTAT: off by default, then a report each time the card goes out or
 * comes back (not on PIN changes); the read answer follows the card. */
static void
test_quectel_sim_status (Fixture *f, gconstpointer data)
{
  no_echo (f);
  assert_answer (f, "AT+QSIMSTAT?\r", "\r\n+QSIMSTAT: 0,1\r\n\r\nOK\r\n");
  g_string_truncate (f->out, 0);
  g_assert_true (sim_model_set_card_present (f->model, FALSE, NULL));
  g_assert_cmpstr (f->out->str, ==, "");
  g_assert_true (sim_model_set_card_present (f->model, TRUE, NULL));
  assert_answer (f, "AT+QSIMSTAT=2\r", "\r\nERROR\r\n");
  assert_answer (f, "AT+QSIMSTAT=1\r", "\r\nOK\r\n");
  g_string_truncate (f->out, 0);
  g_assert_true (sim_model_set_card_present (f->model, FALSE, NULL));
  g_assert_cmpstr (f->out->str, ==, "\r\n+QSIMSTAT: 1,0\r\n");
  assert_answer (f, "AT+QSIMSTAT?\r", "\r\n+QSIMSTAT: 1,0\r\n\r\nOK\r\n");
  g_string_truncate (f->out, 0);
  g_assert_true (sim_model_set_card_present (f->model, TRUE, NULL));
  g_assert_cmpstr (f->out->str, ==, "\r\n+QSIMSTAT: 1,1\r\n");
  g_assert_false (sim_model_set_card_present (f->model, TRUE, NULL));
}

static const char locked[] = "[sim]\npin-enabled=true\n";
static const char no_sim[] = "[sim]\npresent=false\n";

#define ADD(path, func, extra) g_test_add (path, Fixture, extra, fixture_setup, func, fixture_teardown)

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  ADD ("/sim/at/echo", test_echo, "");
  ADD ("/sim/at/command-lines", test_command_lines, "");
  ADD ("/sim/at/cmee", test_cmee, "");
  ADD ("/sim/at/cpin-flow", test_cpin_flow, locked);
  ADD ("/sim/at/no-sim", test_no_sim, no_sim);
  ADD ("/sim/at/cops", test_cops, "");
  ADD ("/sim/at/creg-unsolicited", test_creg_unsolicited, "");
  ADD ("/sim/at/data-mode", test_data_mode, "[data]\ncontexts=1:IP:internet\n");
  ADD ("/sim/at/sms", test_sms, "");
  ADD ("/sim/at/sms-acknowledged", test_sms_acknowledged, "[commands]\ncsms-service=1\nsms-routed=true\n");
  ADD ("/sim/at/mute", test_mute, "");
  ADD ("/sim/at/quectel-power-down", test_quectel_power_down, "");
  ADD ("/sim/at/quectel-sim-status", test_quectel_sim_status, "");
  g_test_add ("/sim/at/ati1-as-ati", Fixture, NULL, fixture_setup, test_ati1, fixture_teardown);
  ADD ("/sim/at/ati1", test_ati1, "[identity]\nati1=Model: Rocket 5\\nIMEI: 356938035643809\n");
  return g_test_run ();
}
