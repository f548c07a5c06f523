/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The USSD session and the signal refresh in the core, through fake ops:
 * answers arriving as reports, session states, wrong-state calls,
 * cancelling, network-initiated messages; Setup's refresh and forgetting. */
#include <math.h>

#include "md-errors.h"
#include "md-modem-signal.h"
#include "md-modem-ussd.h"

static GPtrArray *sent; /* texts the fake send op got */

static void
fake_send (MdModem *modem, const char *text, GTask *task)
{
  g_ptr_array_add (sent, g_strdup (text));
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
fake_ok (MdModem *modem, GTask *task)
{
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static const MdModemUssdOps ussd_ops = { .send = fake_send, .cancel = fake_ok };

static void
fake_signal (MdModem *modem, GTask *task)
{
  MdSignalReport *report = g_new (MdSignalReport, 1);

  md_signal_report_clear (report);
  report->tech[MD_SIGNAL_TECH_LTE].rsrp = -90;
  g_task_return_pointer (task, report, g_free);
  g_object_unref (task);
}

static const MdModemSignalOps signal_ops = { .load_values = fake_signal };

static const MdModemOps ops = { .ussd = &ussd_ops, .signal = &signal_ops };

static MdModem *
enabled_modem (void)
{
  MdModem *modem = md_modem_new (1, "uid", "test", NULL, &ops);

  md_modem_set_state (modem, MD_MODEM_STATE_INITIALIZING, MD_MODEM_STATE_CHANGE_REASON_UNKNOWN);
  md_modem_set_state (modem, MD_MODEM_STATE_DISABLED, MD_MODEM_STATE_CHANGE_REASON_UNKNOWN);
  md_modem_set_state (modem, MD_MODEM_STATE_ENABLING, MD_MODEM_STATE_CHANGE_REASON_UNKNOWN);
  md_modem_set_state (modem, MD_MODEM_STATE_ENABLED, MD_MODEM_STATE_CHANGE_REASON_UNKNOWN);
  g_assert_cmpint (md_modem_get_state (modem), ==, MD_MODEM_STATE_ENABLED);
  return modem;
}

typedef struct {
  gboolean done;
  char *reply;
  GError *error;
} Result;

static void
send_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Result *r = user_data;

  r->reply = md_modem_ussd_send_finish (MD_MODEM (source), result, &r->error);
  r->done = TRUE;
}

static void
wait_done (Result *r)
{
  while (!r->done)
    g_main_context_iteration (NULL, TRUE);
}

static void
result_clear (Result *r)
{
  g_free (r->reply);
  g_clear_error (&r->error);
  *r = (Result){ 0 };
}

static void
test_session (void)
{
  g_autoptr (MdModem) modem = enabled_modem ();
  Result r = { 0 };

  sent = g_ptr_array_new_with_free_func (g_free);
  g_assert_cmpint (md_modem_ussd_get_state (modem), ==, MD_MODEM_3GPP_USSD_SESSION_STATE_IDLE);
  md_modem_ussd_send_async (modem, FALSE, "*101#", send_done, &r);
  g_assert_cmpint (md_modem_ussd_get_state (modem), ==, MD_MODEM_3GPP_USSD_SESSION_STATE_ACTIVE);
  g_assert_cmpstr (g_ptr_array_index (sent, 0), ==, "*101#");
  /* A second request while one waits. */
  {
    Result other = { 0 };

    md_modem_ussd_send_async (modem, FALSE, "*100#", send_done, &other);
    wait_done (&other);
    g_assert_error (other.error, MD_CORE_ERROR, MD_CORE_ERROR_WRONG_STATE);
    result_clear (&other);
  }
  md_modem_ussd_report (modem, MD_USSD_REPORT_ACTION_REQUIRED, "1 Balance 2 Data");
  wait_done (&r);
  g_assert_cmpstr (r.reply, ==, "1 Balance 2 Data");
  g_assert_cmpint (md_modem_ussd_get_state (modem), ==, MD_MODEM_3GPP_USSD_SESSION_STATE_USER_RESPONSE);
  result_clear (&r);
  md_modem_ussd_send_async (modem, TRUE, "1", send_done, &r);
  md_modem_ussd_report (modem, MD_USSD_REPORT_DONE, "Balance: 1 EUR");
  wait_done (&r);
  g_assert_cmpstr (r.reply, ==, "Balance: 1 EUR");
  g_assert_cmpint (md_modem_ussd_get_state (modem), ==, MD_MODEM_3GPP_USSD_SESSION_STATE_IDLE);
  result_clear (&r);
  /* No request to respond to; the network ends a waiting call. */
  md_modem_ussd_send_async (modem, TRUE, "1", send_done, &r);
  wait_done (&r);
  g_assert_error (r.error, MD_CORE_ERROR, MD_CORE_ERROR_WRONG_STATE);
  result_clear (&r);
  md_modem_ussd_send_async (modem, FALSE, "*999#", send_done, &r);
  md_modem_ussd_report (modem, MD_USSD_REPORT_FAILED, NULL);
  wait_done (&r);
  g_assert_error (r.error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED);
  g_assert_cmpint (md_modem_ussd_get_state (modem), ==, MD_MODEM_3GPP_USSD_SESSION_STATE_IDLE);
  result_clear (&r);
  g_clear_pointer (&sent, g_ptr_array_unref);
}

static void
cancel_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_assert_true (md_modem_ussd_cancel_finish (MD_MODEM (source), result, NULL));
  *(gboolean *)user_data = TRUE;
}

static void
test_cancel_and_network_messages (void)
{
  g_autoptr (MdModem) modem = enabled_modem ();
  Result r = { 0 };
  gboolean cancelled = FALSE;

  sent = g_ptr_array_new_with_free_func (g_free);
  md_modem_ussd_send_async (modem, FALSE, "*101#", send_done, &r);
  md_modem_ussd_cancel_async (modem, cancel_done, &cancelled);
  wait_done (&r);
  g_assert_error (r.error, MD_CORE_ERROR, MD_CORE_ERROR_CANCELLED);
  while (!cancelled)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (md_modem_ussd_get_state (modem), ==, MD_MODEM_3GPP_USSD_SESSION_STATE_IDLE);
  result_clear (&r);
  md_modem_ussd_report (modem, MD_USSD_REPORT_DONE, "Welcome");
  g_assert_cmpstr (md_modem_ussd_get_network_notification (modem), ==, "Welcome");
  md_modem_ussd_report (modem, MD_USSD_REPORT_ACTION_REQUIRED, "Reply 1");
  g_assert_cmpstr (md_modem_ussd_get_network_request (modem), ==, "Reply 1");
  g_assert_cmpint (md_modem_ussd_get_state (modem), ==, MD_MODEM_3GPP_USSD_SESSION_STATE_USER_RESPONSE);
  md_modem_ussd_report (modem, MD_USSD_REPORT_TERMINATED, NULL);
  g_assert_cmpint (md_modem_ussd_get_state (modem), ==, MD_MODEM_3GPP_USSD_SESSION_STATE_IDLE);
  /* A modem that goes away ends the waiting call at once. */
  md_modem_ussd_send_async (modem, FALSE, "*101#", send_done, &r);
  md_modem_vanished (modem);
  wait_done (&r);
  g_assert_error (r.error, MD_CORE_ERROR, MD_CORE_ERROR_ABORTED);
  result_clear (&r);
  g_clear_pointer (&sent, g_ptr_array_unref);
}

static void
test_ussd_needs_enabled_modem (void)
{
  g_autoptr (MdModem) modem = md_modem_new (2, "uid", "test", NULL, &ops);
  Result r = { 0 };

  md_modem_ussd_send_async (modem, FALSE, "*100#", send_done, &r);
  wait_done (&r);
  g_assert_error (r.error, MD_CORE_ERROR, MD_CORE_ERROR_WRONG_STATE);
  result_clear (&r);
}

static void
test_signal_setup (void)
{
  g_autoptr (MdModem) modem = enabled_modem ();

  g_assert_true (md_modem_has_signal (modem));
  g_assert_true (isnan (md_modem_signal_get_report (modem)->tech[MD_SIGNAL_TECH_LTE].rsrp));
  md_modem_signal_setup (modem, 5);
  /* The first load runs at once (the fake op answers synchronously). */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (md_modem_signal_get_rate (modem), ==, 5);
  g_assert_cmpfloat (md_modem_signal_get_report (modem)->tech[MD_SIGNAL_TECH_LTE].rsrp, ==, -90);
  g_assert_true (isnan (md_modem_signal_get_report (modem)->tech[MD_SIGNAL_TECH_GSM].rssi));
  md_modem_signal_setup (modem, 0);
  g_assert_cmpuint (md_modem_signal_get_rate (modem), ==, 0);
  g_assert_true (isnan (md_modem_signal_get_report (modem)->tech[MD_SIGNAL_TECH_LTE].rsrp));
}

static void
test_signal_tech_choice (void)
{
  g_assert_cmpint (md_signal_tech_from_access_technologies (0), ==, MD_SIGNAL_TECH_GSM);
  g_assert_cmpint (md_signal_tech_from_access_technologies (MD_MODEM_ACCESS_TECHNOLOGY_HSPA), ==,
                   MD_SIGNAL_TECH_UMTS);
  g_assert_cmpint (md_signal_tech_from_access_technologies (MD_MODEM_ACCESS_TECHNOLOGY_LTE
                                                            | MD_MODEM_ACCESS_TECHNOLOGY_UMTS),
                   ==, MD_SIGNAL_TECH_LTE);
  g_assert_cmpint (md_signal_tech_from_access_technologies (MD_MODEM_ACCESS_TECHNOLOGY_5GNR
                                                            | MD_MODEM_ACCESS_TECHNOLOGY_LTE),
                   ==, MD_SIGNAL_TECH_NR5G);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/modem-ussd/session", test_session);
  g_test_add_func ("/modem-ussd/cancel-and-network", test_cancel_and_network_messages);
  g_test_add_func ("/modem-ussd/needs-enabled", test_ussd_needs_enabled_modem);
  g_test_add_func ("/modem-signal/setup", test_signal_setup);
  g_test_add_func ("/modem-signal/tech-choice", test_signal_tech_choice);
  return g_test_run ();
}
