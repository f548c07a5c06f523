/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The op helpers (md_at_op_*, md_mbim_op) leave a task's task data to the
 * op: an op that sets its own before or after handing the task over finds
 * it intact in its parser and after the answer, freed once with the task.
 * A scripted pty modem answers the AT ops, a reply function the MBIM op. */
#include "at-peer.h"
#include "mbim-test-message.h"
#include "md-at-op.h"
#include "md-mbim-modem-private.h"
#include "md-mbim-ops.h"

typedef struct {
  guint freed; /* times the op's task data was freed */
  gboolean done;
  gssize value;
  GError *error;
  gboolean data_seen; /* the parser found the op's task data */
} Watch;

static Watch watch;

static void
data_freed (gpointer data)
{
  g_assert_true (data == &watch);
  watch.freed++;
}

static void
op_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  /* The op's task data is still its own when the answer comes. */
  g_assert_true (g_task_get_task_data (G_TASK (result)) == &watch);
  g_assert_cmpuint (watch.freed, ==, 0);
  watch.value = g_task_propagate_int (G_TASK (result), &watch.error);
  watch.done = TRUE;
}

static gboolean
op_finished (AtPeer *peer)
{
  return watch.done;
}

static GTask *
task_with_data (MdModem *modem)
{
  GTask *task = g_task_new (modem, NULL, op_done, NULL);

  memset (&watch, 0, sizeof watch);
  g_task_set_task_data (task, &watch, data_freed);
  return task;
}

static gboolean
parse_number (const char *response, gssize *out, GError **error)
{
  *out = g_ascii_strtoll (response, NULL, 10);
  return TRUE;
}

static void
test_at_op_int (void)
{
  AtPeer *peer = at_peer_new (AT_PEER_PTY);
  g_autoptr (MdModem) modem = md_modem_new (1, "uid", "generic", NULL, &(MdModemOps){ 0 });
  GTask *task;

  at_peer_script (peer, "AT+CNUM?", "\r\n42\r\n\r\nOK\r\n");
  md_modem_hold_port (modem, MD_PORT (peer->port), MD_PORT_ROLE_AT_PRIMARY);
  task = task_with_data (modem);
  /* The caller's reference, so the data's fate is seen after the op. */
  g_object_ref (task);
  md_at_op_int (modem, task, "AT+CNUM?", 5000, parse_number);
  at_peer_run_until (peer, op_finished);
  g_assert_no_error (watch.error);
  g_assert_cmpint (watch.value, ==, 42);
  g_assert_cmpuint (watch.freed, ==, 0);
  g_object_unref (task);
  g_assert_cmpuint (watch.freed, ==, 1);
  g_clear_object (&modem);
  at_peer_free (peer);
}

static const char *const sequence[] = { "ATE0", "AT+CMEE=1", NULL };

/* Set after the task was handed over: the sequence still runs to its end. */
static void
test_at_op_sequence (void)
{
  AtPeer *peer = at_peer_new (AT_PEER_PTY);
  g_autoptr (MdModem) modem = md_modem_new (1, "uid", "generic", NULL, &(MdModemOps){ 0 });
  GTask *task = g_task_new (modem, NULL, op_done, NULL);

  at_peer_script (peer, "ATE0", "\r\nOK\r\n");
  at_peer_script (peer, "AT+CMEE=1", "\r\nOK\r\n");
  md_modem_hold_port (modem, MD_PORT (peer->port), MD_PORT_ROLE_AT_PRIMARY);
  memset (&watch, 0, sizeof watch);
  g_object_ref (task);
  md_at_op_sequence (modem, task, sequence, 5000, TRUE, NULL, NULL);
  g_task_set_task_data (task, &watch, data_freed);
  at_peer_run_until (peer, op_finished);
  g_assert_no_error (watch.error);
  g_assert_cmpint (watch.value, ==, TRUE);
  g_assert_nonnull (strstr (peer->received->str, "AT+CMEE=1\r"));
  g_object_unref (task);
  g_assert_cmpuint (watch.freed, ==, 1);
  g_clear_object (&modem);
  at_peer_free (peer);
}

static MbimMessage *
reply_done (MbimMessage *request, gpointer user_data)
{
  return mbim_test_command_done_from (request, MBIM_STATUS_ERROR_NONE);
}

static void
parse_checks_data (MdModem *modem, MbimMessage *response, GTask *task)
{
  watch.data_seen = g_task_get_task_data (task) == &watch;
  g_task_return_int (task, 7);
}

static void
test_mbim_op (void)
{
  g_autoptr (MdModem) modem
    = md_mbim_modem_new_with_replies (1, &(MdModemOps){ 0 }, "wwan0", reply_done, NULL);
  GTask *task = task_with_data (modem);
  GError *error = NULL;
  MbimMessage *request = mbim_message_device_caps_query_new (&error);

  g_assert_no_error (error);
  g_object_ref (task);
  md_mbim_op (modem, task, request, NULL, 5, parse_checks_data);
  while (!watch.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (watch.error);
  g_assert_cmpint (watch.value, ==, 7);
  g_assert_true (watch.data_seen);
  g_object_unref (task);
  g_assert_cmpuint (watch.freed, ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/op-task-data/at-int", test_at_op_int);
  g_test_add_func ("/op-task-data/at-sequence", test_at_op_sequence);
  g_test_add_func ("/op-task-data/mbim", test_mbim_op);
  return g_test_run ();
}
