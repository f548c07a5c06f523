/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Which port the AT ops run on: the primary AT port of an AT modem, the
 * secondary AT port of an MBIM modem. A scripted modem on a pty stands in
 * for the AT port; the MBIM port is held but never opened. */
#include "at-peer.h"
#include "md-at-op.h"
#include "md-errors.h"
#include "md-mbim-port.h"

typedef struct {
  gboolean done;
  char *value;
  GError *error;
} OpResult;

static OpResult result;

static gpointer
parse_copy (const char *response, GError **error)
{
  return g_strdup (response);
}

static void
op_done (GObject *source, GAsyncResult *res, gpointer user_data)
{
  result.value = g_task_propagate_pointer (G_TASK (res), &result.error);
  result.done = TRUE;
}

static gboolean
op_finished (AtPeer *peer)
{
  return result.done;
}

/* Runs one md_at_op_pointer op on modem, to completion. */
static void
run_op (AtPeer *peer, MdModem *modem, const char *command)
{
  GTask *task = g_task_new (modem, NULL, op_done, NULL);

  memset (&result, 0, sizeof result);
  md_at_op_pointer (modem, task, command, 5000, parse_copy, g_free);
  at_peer_run_until (peer, op_finished);
}

static void
clear_result (void)
{
  g_clear_pointer (&result.value, g_free);
  g_clear_error (&result.error);
}

static MdModem *
new_modem (const char *plugin)
{
  return md_modem_new (1, "uid", plugin, NULL, &(MdModemOps){ 0 });
}

static void
test_mbim_modem_secondary_at_port (void)
{
  AtPeer *peer = at_peer_new (AT_PEER_PTY);
  g_autoptr (MdModem) modem = new_modem ("mbim");
  g_autoptr (MdMbimPort) mbim = md_mbim_port_new ("/dev/cdc-wdm-unused", FALSE);

  at_peer_script (peer, "AT+QGMR", "\r\nEM05GFAR07A07M1G_01.005.01.005\r\n\r\nOK\r\n");
  md_modem_hold_port (modem, MD_PORT (mbim), MD_PORT_ROLE_MBIM);
  md_modem_hold_port (modem, MD_PORT (peer->port), MD_PORT_ROLE_AT_SECONDARY);
  run_op (peer, modem, "AT+QGMR");
  g_assert_no_error (result.error);
  g_assert_cmpstr (result.value, ==, "EM05GFAR07A07M1G_01.005.01.005");
  g_assert_nonnull (strstr (peer->received->str, "AT+QGMR\r"));
  clear_result ();
  g_clear_object (&modem);
  at_peer_free (peer);
}

static void
test_primary_before_secondary (void)
{
  AtPeer *primary = at_peer_new (AT_PEER_PTY);
  AtPeer *secondary = at_peer_new (AT_PEER_PTY);
  g_autoptr (MdModem) modem = new_modem ("at");

  at_peer_script (primary, "AT+CGMR", "\r\nprimary\r\n\r\nOK\r\n");
  at_peer_script (secondary, "AT+CGMR", "\r\nsecondary\r\n\r\nOK\r\n");
  md_modem_hold_port (modem, MD_PORT (secondary->port), MD_PORT_ROLE_AT_SECONDARY);
  md_modem_hold_port (modem, MD_PORT (primary->port), MD_PORT_ROLE_AT_PRIMARY);
  run_op (primary, modem, "AT+CGMR");
  g_assert_no_error (result.error);
  g_assert_cmpstr (result.value, ==, "primary");
  g_assert_cmpuint (secondary->received->len, ==, 0);
  clear_result ();
  g_clear_object (&modem);
  at_peer_free (primary);
  at_peer_free (secondary);
}

static void
test_no_at_port (void)
{
  AtPeer *peer = at_peer_new (AT_PEER_PTY);
  g_autoptr (MdModem) modem = new_modem ("mbim");
  g_autoptr (MdMbimPort) mbim = md_mbim_port_new ("/dev/cdc-wdm-unused", FALSE);

  md_modem_hold_port (modem, MD_PORT (mbim), MD_PORT_ROLE_MBIM);
  run_op (peer, modem, "AT+CGMR");
  g_assert_error (result.error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED);
  g_assert_cmpstr (result.error->message, ==, "no port answered AT commands");
  clear_result ();
  g_clear_object (&modem);
  at_peer_free (peer);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/at-control-port/mbim-modem-secondary", test_mbim_modem_secondary_at_port);
  g_test_add_func ("/at-control-port/primary-first", test_primary_before_secondary);
  g_test_add_func ("/at-control-port/none", test_no_at_port);
  return g_test_run ();
}
