/* SPDX-License-Identifier: GPL-2.0-or-later */
/* md_at_modem_command_until_async: a command confirmed by a later report
 * (Quectel's AT+QPOWD=1 and "POWERED DOWN"), against a scripted modem on a
 * pty held as the modem's AT primary port. */
#include "at-peer.h"
#include "md-at-modem.h"
#include "md-errors.h"

typedef struct {
  gboolean done;
  gboolean ok;
  GError *error;
} UntilResult;

static UntilResult result;

static void
until_done (GObject *source, GAsyncResult *res, gpointer user_data)
{
  result.ok = md_at_modem_command_until_finish (MD_MODEM (source), res, &result.error);
  result.done = TRUE;
}

static gboolean
until_finished (AtPeer *peer)
{
  return result.done;
}

/* Runs the call on a modem whose AT primary port is peer's, to completion. */
static void
run_until (AtPeer *peer, guint wait_ms, gboolean unplug)
{
  g_autoptr (MdModem) modem = md_modem_new (1, "uid", "test", NULL, &(MdModemOps){ 0 });

  memset (&result, 0, sizeof result);
  md_modem_hold_port (modem, MD_PORT (peer->port), MD_PORT_ROLE_AT_PRIMARY);
  md_at_modem_command_until_async (modem, "AT+QPOWD=1", 5000, "POWERED DOWN", wait_ms, NULL, until_done,
                                   NULL);
  if (unplug)
    at_peer_unplug (peer);
  at_peer_run_until (peer, until_finished);
}

static void
test_answer_then_report (void)
{
  AtPeer *peer = at_peer_new (AT_PEER_PTY);

  at_peer_script (peer, "AT+QPOWD=1", "\r\nOK\r\n\r\nPOWERED DOWN\r\n");
  run_until (peer, 60000, FALSE);
  g_assert_no_error (result.error);
  g_assert_true (result.ok);
  at_peer_free (peer);
}

static void
test_report_before_answer (void)
{
  AtPeer *peer = at_peer_new (AT_PEER_PTY);

  at_peer_script (peer, "AT+QPOWD=1", "\r\nPOWERED DOWN\r\n\r\nOK\r\n");
  run_until (peer, 60000, FALSE);
  g_assert_no_error (result.error);
  g_assert_true (result.ok);
  at_peer_free (peer);
}

static void
test_command_fails (void)
{
  AtPeer *peer = at_peer_new (AT_PEER_PTY);

  at_peer_script (peer, "AT+QPOWD=1", "\r\n+CME ERROR: 4\r\n");
  run_until (peer, 60000, FALSE);
  g_assert_false (result.ok);
  g_assert_error (result.error, MD_MOBILE_EQUIPMENT_ERROR, MD_MOBILE_EQUIPMENT_ERROR_NOT_SUPPORTED);
  g_clear_error (&result.error);
  at_peer_free (peer);
}

static void
test_no_report (void)
{
  AtPeer *peer = at_peer_new (AT_PEER_PTY);

  /* Answered, never confirmed: the wait ends it (no report ever comes). */
  at_peer_script (peer, "AT+QPOWD=1", "\r\nOK\r\n");
  run_until (peer, 100, FALSE);
  g_assert_false (result.ok);
  g_assert_error (result.error, MD_SERIAL_ERROR, MD_SERIAL_ERROR_RESPONSE_TIMEOUT);
  g_clear_error (&result.error);
  at_peer_free (peer);
}

static void
test_port_goes_away (void)
{
  AtPeer *peer = at_peer_new (AT_PEER_PTY);

  run_until (peer, 60000, TRUE);
  g_assert_false (result.ok);
  g_assert_error (result.error, MD_SERIAL_ERROR, MD_SERIAL_ERROR_NOT_OPEN);
  g_clear_error (&result.error);
  at_peer_free (peer);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/at-command-until/answer-then-report", test_answer_then_report);
  g_test_add_func ("/at-command-until/report-before-answer", test_report_before_answer);
  g_test_add_func ("/at-command-until/command-fails", test_command_fails);
  g_test_add_func ("/at-command-until/no-report", test_no_report);
  g_test_add_func ("/at-command-until/port-goes-away", test_port_goes_away);
  return g_test_run ();
}
