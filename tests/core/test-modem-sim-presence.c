/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A SIM inserted or removed: what an unlock check's outcome says of the
 * card, initialization's record (its watch op asked first), and a report
 * that differs from the record making the modem vanish to be rebuilt. */
#include "md-errors.h"
#include "md-modem-init.h"
#include "md-modem-operation.h"
#include "md-modem-poll.h"
#include "md-modem-sim-presence.h"

typedef struct {
  GMainLoop *loop;
  GPtrArray *calls;     /* the sim ops called, in order */
  GError *unlock_error; /* what load_unlock_required fails with, or NULL */
} Fixture;

static Fixture *current;

static void
fake_watch (MdModem *modem, GTask *task)
{
  g_ptr_array_add (current->calls, "watch");
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
fake_unlock_required (MdModem *modem, GTask *task)
{
  g_ptr_array_add (current->calls, "unlock");
  if (current->unlock_error)
    g_task_return_error (task, g_error_copy (current->unlock_error));
  else
    g_task_return_int (task, MD_MODEM_LOCK_NONE);
  g_object_unref (task);
}

static const MdModemSimOps sim_ops = {
  .load_unlock_required = fake_unlock_required,
  .watch_presence = fake_watch,
};
static const MdModemOps ops = { .sim = &sim_ops };

static void
init_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_assert_true (md_modem_initialize_finish (MD_MODEM (source), result, NULL));
  g_main_loop_quit (current->loop);
}

/* A modem initialized through the fake SIM ops. */
static MdModem *
initialized (Fixture *fx)
{
  MdModem *modem = md_modem_new (1, "uid", "test", NULL, &ops);

  current = fx;
  fx->loop = g_main_loop_new (NULL, FALSE);
  fx->calls = g_ptr_array_new ();
  md_modem_initialize_async (modem, NULL, init_ready, fx);
  g_main_loop_run (fx->loop);
  g_main_loop_unref (fx->loop);
  return modem;
}

static void
fixture_clear (Fixture *fx)
{
  g_ptr_array_unref (fx->calls);
  g_clear_error (&fx->unlock_error);
  current = NULL;
}

static void
count_vanished (MdModem *modem, gpointer user_data)
{
  (*(guint *)user_data)++;
}

static void
test_from_unlock_check (void)
{
  static const struct {
    gint code;
    MdSimPresence presence;
  } cases[] = {
    { MD_MOBILE_EQUIPMENT_ERROR_SIM_NOT_INSERTED, MD_SIM_PRESENCE_ABSENT },
    { MD_MOBILE_EQUIPMENT_ERROR_SIM_FAILURE, MD_SIM_PRESENCE_PRESENT },
    { MD_MOBILE_EQUIPMENT_ERROR_SIM_WRONG, MD_SIM_PRESENCE_PRESENT },
    { MD_MOBILE_EQUIPMENT_ERROR_SIM_BUSY, MD_SIM_PRESENCE_UNKNOWN },
  };

  g_assert_cmpint (md_sim_presence_from_unlock_check (NULL), ==, MD_SIM_PRESENCE_PRESENT);
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = g_error_new_literal (MD_MOBILE_EQUIPMENT_ERROR, cases[i].code, "x");

    g_assert_cmpint (md_sim_presence_from_unlock_check (error), ==, cases[i].presence);
  }
  {
    g_autoptr (GError) error = g_error_new_literal (MD_SERIAL_ERROR, MD_SERIAL_ERROR_RESPONSE_TIMEOUT, "x");

    g_assert_cmpint (md_sim_presence_from_unlock_check (error), ==, MD_SIM_PRESENCE_UNKNOWN);
  }
}

/* No SIM at initialization: the modem fails with sim-missing, the watch
 * went out before the unlock check; an absent report changes nothing, a
 * present one makes the modem vanish once, asking to be rebuilt. */
static void
test_insertion_rebuilds (void)
{
  Fixture fx = { .unlock_error = g_error_new_literal (MD_MOBILE_EQUIPMENT_ERROR,
                                                      MD_MOBILE_EQUIPMENT_ERROR_SIM_NOT_INSERTED, "none") };
  g_autoptr (MdModem) modem = initialized (&fx);
  guint vanished = 0;

  g_signal_connect (modem, "vanished", G_CALLBACK (count_vanished), &vanished);
  g_assert_cmpint (md_modem_get_state (modem), ==, MD_MODEM_STATE_FAILED);
  g_assert_cmpint (md_modem_get_failed_reason (modem), ==, MD_MODEM_STATE_FAILED_REASON_SIM_MISSING);
  g_assert_cmpuint (fx.calls->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (fx.calls, 0), ==, "watch");
  g_assert_cmpstr (g_ptr_array_index (fx.calls, 1), ==, "unlock");
  g_assert_cmpint (md_modem_get_sim_presence (modem), ==, MD_SIM_PRESENCE_ABSENT);

  md_modem_report_sim_presence (modem, MD_SIM_PRESENCE_ABSENT);
  md_modem_report_sim_presence (modem, MD_SIM_PRESENCE_UNKNOWN);
  g_assert_cmpuint (vanished, ==, 0);
  g_assert_false (md_modem_rebuild_requested (modem));

  md_modem_report_sim_presence (modem, MD_SIM_PRESENCE_PRESENT);
  md_modem_report_sim_presence (modem, MD_SIM_PRESENCE_PRESENT);
  g_assert_cmpuint (vanished, ==, 1);
  g_assert_true (md_modem_has_vanished (modem));
  g_assert_true (md_modem_rebuild_requested (modem));
  fixture_clear (&fx);
}

/* A SIM at initialization, then taken out: rebuilt. */
static void
test_removal_rebuilds (void)
{
  Fixture fx = { 0 };
  g_autoptr (MdModem) modem = initialized (&fx);

  g_assert_cmpint (md_modem_get_sim_presence (modem), ==, MD_SIM_PRESENCE_PRESENT);
  md_modem_report_sim_presence (modem, MD_SIM_PRESENCE_PRESENT);
  g_assert_false (md_modem_has_vanished (modem));
  md_modem_report_sim_presence (modem, MD_SIM_PRESENCE_ABSENT);
  g_assert_true (md_modem_rebuild_requested (modem));
  fixture_clear (&fx);
}

/* Before the unlock check there is no record to differ from; a modem
 * gone for another reason is not turned into a rebuild. */
static void
test_no_record_no_rebuild (void)
{
  g_autoptr (MdModem) modem = md_modem_new (2, "uid", "test", NULL, &ops);
  g_autoptr (MdModem) gone = md_modem_new (3, "uid", "test", NULL, &ops);

  md_modem_report_sim_presence (modem, MD_SIM_PRESENCE_ABSENT);
  md_modem_report_sim_presence (modem, MD_SIM_PRESENCE_PRESENT);
  g_assert_false (md_modem_has_vanished (modem));

  md_modem_set_sim_presence (gone, MD_SIM_PRESENCE_PRESENT);
  md_modem_vanished (gone);
  md_modem_report_sim_presence (gone, MD_SIM_PRESENCE_ABSENT);
  g_assert_false (md_modem_rebuild_requested (gone));
}

static gboolean
keep_waking (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main context until done (fx) holds, failing after 30 s; a timer
 * wakes the loop, so a check that never comes fails instead of hanging. */
static void
wait_until (gboolean (*done) (Fixture *fx, MdModem *modem, guint count), Fixture *fx, MdModem *modem,
            guint count)
{
  gint64 limit = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  guint waker = g_timeout_add (100, keep_waking, NULL);

  while (!done (fx, modem, count)) {
    g_assert_cmpint (g_get_monotonic_time (), <, limit);
    g_main_context_iteration (NULL, TRUE);
  }
  g_source_remove (waker);
}

static gboolean
called (Fixture *fx, MdModem *modem, guint count)
{
  return fx->calls->len >= count;
}

static gboolean
vanished (Fixture *fx, MdModem *modem, guint count)
{
  return md_modem_has_vanished (modem);
}

/* Runs the main context until the fake SIM ops were called count times. */
static void
wait_for_calls (Fixture *fx, guint count)
{
  wait_until (called, fx, NULL, count);
}

static gboolean
quit_loop (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

/* Runs the main context for 2.5 s: more than two check intervals of 1 s. */
static void
run_two_intervals (void)
{
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  g_timeout_add (2500, quit_loop, loop);
  g_main_loop_run (loop);
}

/* A modem that reports no card changes has its card checked by the unlock
 * check every poll interval (one series, however often asked): the card
 * still there, or an unknown answer, changes nothing; its absence
 * rebuilds, and the checks end with the modem. */
static void
test_periodic_check (void)
{
  Fixture fx = { 0 };
  g_autoptr (MdModem) modem = initialized (&fx);
  guint calls;

  g_assert_cmpuint (fx.calls->len, ==, 2); /* watch, unlock */
  md_modem_poll_set_interval (modem, 1);
  md_modem_check_sim_presence_periodically (modem);
  md_modem_check_sim_presence_periodically (modem);
  wait_for_calls (&fx, 3);
  /* The next check is armed once the last one's answer was taken. */
  fx.unlock_error
    = g_error_new_literal (MD_MOBILE_EQUIPMENT_ERROR, MD_MOBILE_EQUIPMENT_ERROR_SIM_BUSY, "busy");
  wait_for_calls (&fx, 4);
  g_assert_false (md_modem_has_vanished (modem));

  g_clear_error (&fx.unlock_error);
  fx.unlock_error
    = g_error_new_literal (MD_MOBILE_EQUIPMENT_ERROR, MD_MOBILE_EQUIPMENT_ERROR_SIM_NOT_INSERTED, "none");
  wait_for_calls (&fx, 5);
  g_assert_false (md_modem_has_vanished (modem));
  wait_until (vanished, &fx, modem, 0);
  g_assert_true (md_modem_rebuild_requested (modem));

  calls = fx.calls->len;
  run_two_intervals ();
  g_assert_cmpuint (fx.calls->len, ==, calls);
  fixture_clear (&fx);
}

/* Powered off, a modem may call its card missing: not checked then. */
static void
test_periodic_check_skips_powered_off (void)
{
  Fixture fx = { 0 };
  g_autoptr (MdModem) modem = initialized (&fx);

  fx.unlock_error
    = g_error_new_literal (MD_MOBILE_EQUIPMENT_ERROR, MD_MOBILE_EQUIPMENT_ERROR_SIM_NOT_INSERTED, "none");
  md_modem_set_power_state (modem, MD_MODEM_POWER_STATE_OFF);
  md_modem_poll_set_interval (modem, 1);
  md_modem_check_sim_presence_periodically (modem);
  run_two_intervals ();
  g_assert_cmpuint (fx.calls->len, ==, 2); /* initialization's watch and unlock check */
  g_assert_false (md_modem_has_vanished (modem));
  /* Powered again: the next check finds the card gone. */
  md_modem_set_power_state (modem, MD_MODEM_POWER_STATE_ON);
  wait_until (vanished, &fx, modem, 0);
  g_assert_true (md_modem_rebuild_requested (modem));
  fixture_clear (&fx);
}

/* The check takes a turn in the operation queue, as the poll does, and
 * leaves a data call alone: while an operation runs, or the modem is
 * connected, no check goes out. */
static void
test_periodic_check_waits_its_turn (void)
{
  Fixture fx = { 0 };
  g_autoptr (MdModem) modem = initialized (&fx);
  MdOperation *op = md_modem_operation_try_begin (modem, MD_OPERATION_CONNECT);

  g_assert_nonnull (op);
  md_modem_poll_set_interval (modem, 1);
  md_modem_check_sim_presence_periodically (modem);
  run_two_intervals ();
  g_assert_cmpuint (fx.calls->len, ==, 2); /* initialization's watch and unlock check */

  md_modem_operation_end (modem, op);
  md_modem_set_state (modem, MD_MODEM_STATE_CONNECTED, MD_MODEM_STATE_CHANGE_REASON_UNKNOWN);
  run_two_intervals ();
  g_assert_cmpuint (fx.calls->len, ==, 2);

  md_modem_set_state (modem, MD_MODEM_STATE_REGISTERED, MD_MODEM_STATE_CHANGE_REASON_UNKNOWN);
  wait_for_calls (&fx, 3);
  fixture_clear (&fx);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sim-presence/from-unlock-check", test_from_unlock_check);
  g_test_add_func ("/sim-presence/insertion-rebuilds", test_insertion_rebuilds);
  g_test_add_func ("/sim-presence/removal-rebuilds", test_removal_rebuilds);
  g_test_add_func ("/sim-presence/no-record-no-rebuild", test_no_record_no_rebuild);
  g_test_add_func ("/sim-presence/periodic-check", test_periodic_check);
  g_test_add_func ("/sim-presence/periodic-check-skips-powered-off", test_periodic_check_skips_powered_off);
  g_test_add_func ("/sim-presence/periodic-check-waits-its-turn", test_periodic_check_waits_its_turn);
  return g_test_run ();
}
