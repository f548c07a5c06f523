/* SPDX-License-Identifier: GPL-2.0-or-later */
/* MdAtPort commands against a scripted modem, over a pseudo-terminal and
 * over an abstract unix socket: final results, echo, blank lines and odd
 * line endings, unsolicited lines and the prefix rule, the SMS prompt and
 * payloads, CONNECT and data mode, a 64 KiB answer, timeouts, cancellation.
 * Lifecycle (closing, vanishing, probing) is in test-at-port-life.c. */
#include <string.h>

#include "at-peer.h"
#include "md-errors.h"

static GQuark
domain_named (const char *name)
{
  if (g_str_equal (name, "core"))
    return MD_CORE_ERROR;
  if (g_str_equal (name, "me"))
    return MD_MOBILE_EQUIPMENT_ERROR;
  if (g_str_equal (name, "ms"))
    return MD_MESSAGE_ERROR;
  if (g_str_equal (name, "conn"))
    return MD_CONNECTION_ERROR;
  g_assert_not_reached ();
}

static void
test_final_results (gconstpointer data)
{
  static const struct {
    const char *reply;
    const char *text;   /* expected text, or NULL for an error */
    const char *domain; /* of the expected error */
    gint code;
  } cases[] = {
    { "\r\nOK\r\n", "", NULL, 0 },
    { "\r\nQuectel\r\n\r\nOK\r\n", "Quectel", NULL, 0 },
    { "\r\n+CSQ: 23,99\r\n\r\nOK\r\n", "+CSQ: 23,99", NULL, 0 },
    { "\r\n+CGDCONT: 1,\"IP\",\"internet\"\r\n+CGDCONT: 2,\"IPV4V6\",\"ims\"\r\n\r\nOK\r\n",
      "+CGDCONT: 1,\"IP\",\"internet\"\n+CGDCONT: 2,\"IPV4V6\",\"ims\"", NULL, 0 },
    { "\r\nERROR\r\n", NULL, "core", MD_CORE_ERROR_FAILED },
    { "\r\n+CME ERROR: 10\r\n", NULL, "me", MD_MOBILE_EQUIPMENT_ERROR_SIM_NOT_INSERTED },
    { "\r\n+CME ERROR: SIM PIN required\r\n", NULL, "me", MD_MOBILE_EQUIPMENT_ERROR_SIM_PIN },
    { "\r\n+CME ERROR: incorrect password\r\n", NULL, "me", MD_MOBILE_EQUIPMENT_ERROR_INCORRECT_PASSWORD },
    { "\r\n+CME ERROR: 9999\r\n", NULL, "me", MD_MOBILE_EQUIPMENT_ERROR_UNKNOWN },
    { "\r\n+CMS ERROR: 321\r\n", NULL, "ms", MD_MESSAGE_ERROR_INVALID_INDEX },
    { "\r\n+CMS ERROR: 999\r\n", NULL, "ms", MD_MESSAGE_ERROR_UNKNOWN },
    { "\r\nNO CARRIER\r\n", NULL, "conn", MD_CONNECTION_ERROR_NO_CARRIER },
    { "\r\nBUSY\r\n", NULL, "conn", MD_CONNECTION_ERROR_BUSY },
    { "\r\nNO ANSWER\r\n", NULL, "conn", MD_CONNECTION_ERROR_NO_ANSWER },
    { "\r\nNO DIALTONE\r\n", NULL, "conn", MD_CONNECTION_ERROR_NO_DIALTONE },
    { "\r\nCOMMAND NOT SUPPORT\r\n", NULL, "me", MD_MOBILE_EQUIPMENT_ERROR_NOT_SUPPORTED },
  };
  AtPeer *peer = at_peer_new (GPOINTER_TO_INT (data));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autofree char *command = g_strdup_printf ("AT+TEST%u", i);
    g_autofree char *shown = g_strescape (cases[i].reply, NULL);
    guint n;

    g_test_message ("reply %u: '%s'", i, shown);
    at_peer_script (peer, command, cases[i].reply);
    n = at_peer_run_command (peer, command);
    if (cases[i].text) {
      g_assert_no_error (at_peer_error (peer, n));
      g_assert_cmpstr (at_peer_text (peer, n), ==, cases[i].text);
    } else {
      g_assert_error (at_peer_error (peer, n), domain_named (cases[i].domain), cases[i].code);
    }
  }
  g_assert_error (at_peer_error (peer, 4), MD_CORE_ERROR, MD_CORE_ERROR_FAILED);
  g_assert_cmpstr (at_peer_error (peer, 4)->message, ==, "ERROR");
  g_assert_false (md_at_port_get_data_mode (peer->port));
  at_peer_free (peer);
}

static void
test_echo_and_line_endings (gconstpointer data)
{
  AtPeer *peer = at_peer_new (GPOINTER_TO_INT (data));
  guint n;

  peer->echo = TRUE;
  /* Quectel with ATE1: echo, then the usual \r\n framing. */
  at_peer_script (peer, "AT+CGMI", "\r\nQuectel\r\n\r\nOK\r\n");
  n = at_peer_run_command (peer, "AT+CGMI");
  g_assert_no_error (at_peer_error (peer, n));
  g_assert_cmpstr (at_peer_text (peer, n), ==, "Quectel");
  g_assert_nonnull (strstr (peer->received->str, "AT+CGMI\r"));

  /* Blank lines everywhere, \n\r pairs, a lone \r and a lone \n. */
  at_peer_script (peer, "AT+CGMM", "\r\n\r\n\n\rEC25\n\r\r\n\r\nOK\r");
  n = at_peer_run_command (peer, "AT+CGMM");
  g_assert_cmpstr (at_peer_text (peer, n), ==, "EC25");
  at_peer_script (peer, "AT+CGMR", "\nEC25EFAR06A06M4G\n\nOK\n");
  n = at_peer_run_command (peer, "AT+CGMR");
  g_assert_cmpstr (at_peer_text (peer, n), ==, "EC25EFAR06A06M4G");

  /* Echo off again: an answer that merely starts like the command is text. */
  peer->echo = FALSE;
  at_peer_script (peer, "ATI", "\r\nATI-compatible modem\r\nOK\r\n");
  n = at_peer_run_command (peer, "ATI");
  g_assert_cmpstr (at_peer_text (peer, n), ==, "ATI-compatible modem");
  at_peer_free (peer);
}

static gboolean
five_unsolicited (AtPeer *peer)
{
  return peer->unsolicited->len >= 5;
}

static void
test_unsolicited (gconstpointer data)
{
  AtPeer *peer = at_peer_new (GPOINTER_TO_INT (data));
  static const char *const prefixes[] = { "+CREG:", "+CGREG:", "^RSSI:", "RING", "+CMTI:" };
  guint n;

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    md_at_port_add_unsolicited_handler (peer->port, prefixes[i], at_peer_record_unsolicited, peer, NULL);

  /* In the middle of an answer. */
  at_peer_script (peer, "AT+CGSN", "\r\n490154203237518\r\n\r\n+CREG: 1\r\n\r\nOK\r\n");
  n = at_peer_run_command (peer, "AT+CGSN");
  g_assert_cmpstr (at_peer_text (peer, n), ==, "490154203237518");
  g_assert_cmpuint (peer->unsolicited->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (peer->unsolicited, 0), ==, "+CREG: 1");

  /* The prefix rule: +CREG: answers AT+CREG? though a handler wants it;
   * +CGREG: goes to its handler; +CSQ: has no handler and is text. */
  at_peer_script (peer, "AT+CREG?",
                  "\r\n+CREG: 2,1,\"1A2B\",\"01C3D4E5\",7\r\n+CGREG: 1\r\n+CSQ: 9,99\r\n\r\nOK\r\n");
  n = at_peer_run_command (peer, "AT+CREG?");
  g_assert_cmpstr (at_peer_text (peer, n), ==, "+CREG: 2,1,\"1A2B\",\"01C3D4E5\",7\n+CSQ: 9,99");
  g_assert_cmpuint (peer->unsolicited->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (peer->unsolicited, 1), ==, "+CGREG: 1");

  /* Vendor prefixes too: Huawei's ^RSSI during AT^SYSINFO. */
  at_peer_script (peer, "AT^SYSINFO", "\r\n^RSSI:18\r\n\r\n^SYSINFO:2,3,0,9,1,,7\r\n\r\nOK\r\n");
  n = at_peer_run_command (peer, "AT^SYSINFO");
  g_assert_cmpstr (at_peer_text (peer, n), ==, "^SYSINFO:2,3,0,9,1,,7");
  g_assert_cmpuint (peer->unsolicited->len, ==, 3);

  /* While idle; a line nobody wants is dropped. */
  at_peer_write (peer, "\r\nRING\r\n\r\n+CUSD: 2\r\n\r\n+CMTI: \"SM\",3\r\n");
  at_peer_run_until (peer, five_unsolicited);
  g_assert_cmpstr (g_ptr_array_index (peer->unsolicited, 3), ==, "RING");
  g_assert_cmpstr (g_ptr_array_index (peer->unsolicited, 4), ==, "+CMTI: \"SM\",3");
  at_peer_script (peer, "AT", "\r\nOK\r\n");
  n = at_peer_run_command (peer, "AT");
  g_assert_cmpstr (at_peer_text (peer, n), ==, "");
  at_peer_free (peer);
}

static void
test_prompt_and_payload (gconstpointer data)
{
  AtPeer *peer = at_peer_new (GPOINTER_TO_INT (data));
  const char *pdu = "0011000B916407281553F80000AA0AE8329BFD4697D9EC37";
  guint n;

  /* The prompt ends a plain command. */
  at_peer_script (peer, "AT+CMGW=17", "\r\n> ");
  n = at_peer_run_command (peer, "AT+CMGW=17");
  g_assert_no_error (at_peer_error (peer, n));
  g_assert_cmpstr (at_peer_text (peer, n), ==, "> ");
  /* The modem waits for the PDU: Escape abandons it. */
  md_at_port_write_raw (peer->port, "\x1b", 1, NULL);

  /* With a payload: command, prompt, PDU + Ctrl-Z, answer. Echo on, as
   * many modems have it, repeats the PDU too. */
  peer->echo = TRUE;
  at_peer_script (peer, "AT+CMGS=17", "\r\n> ");
  at_peer_script (peer, pdu, "\r\n+CMGS: 5\r\n\r\nOK\r\n");
  at_peer_send_payload (peer, "AT+CMGS=17", pdu, 10000);
  at_peer_run (peer);
  n = peer->texts->len - 1;
  g_assert_no_error (at_peer_error (peer, n));
  g_assert_cmpstr (at_peer_text (peer, n), ==, "+CMGS: 5");
  g_assert_nonnull (
    strstr (peer->received->str, "AT+CMGS=17\r0011000B916407281553F80000AA0AE8329BFD4697D9EC37\x1a"));

  /* A refused PDU. */
  peer->echo = FALSE;
  at_peer_script (peer, "AT+CMGS=9", "\r\n> ");
  at_peer_script (peer, "0001FF", "\r\n+CMS ERROR: 304\r\n");
  at_peer_send_payload (peer, "AT+CMGS=9", "0001FF", 10000);
  at_peer_run (peer);
  g_assert_error (at_peer_error (peer, peer->errors->len - 1), MD_MESSAGE_ERROR,
                  MD_MESSAGE_ERROR_INVALID_PDU_PARAMETER);
  at_peer_free (peer);
}

static void
test_large_payload (gconstpointer data)
{
  AtPeer *peer = at_peer_new (GPOINTER_TO_INT (data));
  g_autoptr (GString) payload = g_string_new (NULL);

  /* Larger than a pty buffers: the port must finish a partial write. */
  while (payload->len < 48 * 1024)
    g_string_append (payload, "0123456789ABCDEF");
  at_peer_script (peer, "AT+CMGW=24576", "\r\n> ");
  at_peer_script (peer, payload->str, "\r\n+CMGW: 1\r\n\r\nOK\r\n");
  at_peer_send_payload (peer, "AT+CMGW=24576", payload->str, 10000);
  at_peer_run (peer);
  g_assert_no_error (at_peer_error (peer, 0));
  g_assert_cmpstr (at_peer_text (peer, 0), ==, "+CMGW: 1");
  at_peer_free (peer);
}

static void
test_large_response (gconstpointer data)
{
  AtPeer *peer = at_peer_new (GPOINTER_TO_INT (data));
  g_autoptr (GString) reply = g_string_new (NULL);
  guint n, entries = 0;
  g_auto (GStrv) lines = NULL;

  while (reply->len < 64 * 1024) {
    g_string_append_printf (
      reply,
      "\r\n+CMGL: %u,1,,23\r\n07911326040000F0040B911346610089F60000208062917314080CC8F71D14969741F977FD07",
      entries++);
  }
  g_string_append (reply, "\r\n\r\nOK\r\n");
  at_peer_script (peer, "AT+CMGL=4", reply->str);
  n = at_peer_run_command (peer, "AT+CMGL=4");
  g_assert_no_error (at_peer_error (peer, n));
  lines = g_strsplit (at_peer_text (peer, n), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2 * entries);
  g_assert_cmpstr (lines[0], ==, "+CMGL: 0,1,,23");
  g_assert_true (g_str_has_suffix (at_peer_text (peer, n), "F977FD07"));
  at_peer_free (peer);
}

static void
test_connect_and_data_mode (gconstpointer data)
{
  AtPeer *peer = at_peer_new (GPOINTER_TO_INT (data));
  g_autoptr (GError) error = NULL;
  guint n;

  md_at_port_add_unsolicited_handler (peer->port, "NO CARRIER", at_peer_record_unsolicited, peer, NULL);
  at_peer_script (peer, "ATD*99***1#", "\r\nCONNECT 150000000\r\n");
  at_peer_send (peer, "ATD*99***1#", 10000, NULL);
  at_peer_send (peer, "AT+QUEUED", 10000, NULL);
  at_peer_run (peer);
  g_assert_cmpstr (at_peer_text (peer, 0), ==, "CONNECT 150000000");
  g_assert_true (md_at_port_get_data_mode (peer->port));
  /* Queued behind the dial, and sent during the call: refused. */
  g_assert_error (at_peer_error (peer, 1), MD_CORE_ERROR, MD_CORE_ERROR_WRONG_STATE);
  at_peer_send (peer, "AT", 10000, NULL);
  at_peer_run (peer);
  g_assert_error (at_peer_error (peer, 2), MD_CORE_ERROR, MD_CORE_ERROR_WRONG_STATE);
  g_assert_null (strstr (peer->received->str, "AT+QUEUED"));

  /* PPP bytes are no answer; NO CARRIER still reaches its handler. */
  at_peer_write (peer, "~\x7d\x23\xc0\x21\x7d\x21\x7d\x20~\r\nOK\r\n\r\nNO CARRIER\r\n");
  while (peer->unsolicited->len == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (g_ptr_array_index (peer->unsolicited, 0), ==, "NO CARRIER");

  g_assert_true (md_at_port_write_raw (peer->port, "+++", 3, &error));
  g_assert_no_error (error);
  md_at_port_set_data_mode (peer->port, FALSE);
  /* The raw escape reaches the peer unterminated, ahead of the command. */
  at_peer_script (peer, "+++ATH", "\r\nOK\r\n");
  n = at_peer_run_command (peer, "ATH");
  g_assert_no_error (at_peer_error (peer, n));
  g_assert_false (md_at_port_get_data_mode (peer->port));

  /* A bare CONNECT works the same. */
  at_peer_script (peer, "ATD*99#", "\r\nCONNECT\r\n");
  n = at_peer_run_command (peer, "ATD*99#");
  g_assert_cmpstr (at_peer_text (peer, n), ==, "CONNECT");
  g_assert_true (md_at_port_get_data_mode (peer->port));
  at_peer_free (peer);
}

static void
test_timeout_and_late_answer (gconstpointer data)
{
  AtPeer *peer = at_peer_new (GPOINTER_TO_INT (data));

  /* AT+SLOW gets no answer in time. Its late OK, arriving before the next
   * command is written, must not complete that command. */
  at_peer_script (peer, "AT+NEXT", "\r\n+NEXT: 7\r\n\r\nOK\r\n");
  at_peer_send (peer, "AT+SLOW", 200, NULL);
  at_peer_run (peer);
  g_assert_error (at_peer_error (peer, 0), MD_SERIAL_ERROR, MD_SERIAL_ERROR_RESPONSE_TIMEOUT);
  at_peer_write (peer, "\r\n+SLOW: 1\r\n\r\nOK\r\n");
  at_peer_send (peer, "AT+NEXT", 10000, NULL);
  at_peer_run (peer);
  g_assert_no_error (at_peer_error (peer, 1));
  g_assert_cmpstr (at_peer_text (peer, 1), ==, "+NEXT: 7");
  at_peer_free (peer);
}

static void
test_cancellation (gconstpointer data)
{
  AtPeer *peer = at_peer_new (GPOINTER_TO_INT (data));
  g_autoptr (GCancellable) first = g_cancellable_new ();
  g_autoptr (GCancellable) second = g_cancellable_new ();
  g_autoptr (GCancellable) already = g_cancellable_new ();

  at_peer_script (peer, "AT+LAST", "\r\n+LAST: 1\r\n\r\nOK\r\n");
  g_cancellable_cancel (already);
  at_peer_send (peer, "AT+HANG", 10000, first);
  at_peer_send (peer, "AT+QUEUED", 10000, second);
  at_peer_send (peer, "AT+NEVER", 10000, already);
  g_cancellable_cancel (second);
  g_cancellable_cancel (first);
  at_peer_run (peer);
  for (guint i = 0; i < 3; i++)
    g_assert_error (at_peer_error (peer, i), MD_CORE_ERROR, MD_CORE_ERROR_CANCELLED);
  g_assert_null (strstr (peer->received->str, "AT+QUEUED"));
  g_assert_null (strstr (peer->received->str, "AT+NEVER"));

  /* The modem answers the abandoned command late: not the next one's. */
  at_peer_write (peer, "\r\nOK\r\n");
  at_peer_send (peer, "AT+LAST", 10000, NULL);
  at_peer_run (peer);
  g_assert_cmpstr (at_peer_text (peer, 3), ==, "+LAST: 1");
  at_peer_free (peer);
}

static void
test_fifo (gconstpointer data)
{
  AtPeer *peer = at_peer_new (GPOINTER_TO_INT (data));
  static const char *const commands[] = { "AT+CGMI", "AT+CGMM", "AT+CGMR", "AT+CGSN" };
  static const char *const answers[]
    = { "u-blox", "SARA-R410M-02B", "L0.0.00.00.05.06 [Feb 03 2018 13:00:41]", "352753090000000" };
  g_autoptr (GString) expected = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++) {
    g_autofree char *reply = g_strdup_printf ("\r\n%s\r\n\r\nOK\r\n", answers[i]);

    at_peer_script (peer, commands[i], reply);
    at_peer_send (peer, commands[i], 10000, NULL);
    g_string_append_printf (expected, "%s\r", commands[i]);
  }
  at_peer_run (peer);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++) {
    g_assert_cmpstr (g_ptr_array_index (peer->commands, i), ==, commands[i]);
    g_assert_cmpstr (at_peer_text (peer, i), ==, answers[i]);
  }
  g_assert_cmpstr (peer->received->str, ==, expected->str);
  at_peer_free (peer);
}

static gboolean
three_unsolicited (AtPeer *peer)
{
  return peer->unsolicited->len >= 3;
}

/* +CMT and +CDS in PDU mode: the header and the PDU reach one handler
 * together, idle or in the middle of an answer; other handlers still work. */
static void
test_two_line_handler (gconstpointer data)
{
  AtPeer *peer = at_peer_new (GPOINTER_TO_INT (data));
  guint n;

  md_at_port_add_two_line_handler (peer->port, "+CMT:", at_peer_record_unsolicited, peer, NULL);
  md_at_port_add_unsolicited_handler (peer->port, "+CMTI:", at_peer_record_unsolicited, peer, NULL);
  at_peer_script (peer, "AT+CGSN", "\r\n490154203237518\r\n\r\n+CMT: ,24\r\n0791AB\r\n\r\nOK\r\n");
  n = at_peer_run_command (peer, "AT+CGSN");
  g_assert_cmpstr (at_peer_text (peer, n), ==, "490154203237518");
  g_assert_cmpuint (peer->unsolicited->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (peer->unsolicited, 0), ==, "+CMT: ,24\n0791AB");
  at_peer_write (peer, "\r\n+CMT: \"\",5\r\n0011\r\n\r\n+CMTI: \"SM\",3\r\n");
  at_peer_run_until (peer, three_unsolicited);
  g_assert_cmpstr (g_ptr_array_index (peer->unsolicited, 1), ==, "+CMT: \"\",5\n0011");
  g_assert_cmpstr (g_ptr_array_index (peer->unsolicited, 2), ==, "+CMTI: \"SM\",3");
  at_peer_free (peer);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  at_peer_add_tests ("final-results", test_final_results);
  at_peer_add_tests ("echo-and-line-endings", test_echo_and_line_endings);
  at_peer_add_tests ("unsolicited", test_unsolicited);
  at_peer_add_tests ("two-line-handler", test_two_line_handler);
  at_peer_add_tests ("prompt-and-payload", test_prompt_and_payload);
  at_peer_add_tests ("large-payload", test_large_payload);
  at_peer_add_tests ("large-response", test_large_response);
  at_peer_add_tests ("connect-and-data-mode", test_connect_and_data_mode);
  at_peer_add_tests ("timeout-and-late-answer", test_timeout_and_late_answer);
  at_peer_add_tests ("cancellation", test_cancellation);
  at_peer_add_tests ("fifo", test_fifo);
  return g_test_run ();
}
