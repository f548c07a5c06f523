/* SPDX-License-Identifier: GPL-2.0-or-later */
/* MdBearer's "changed" signal and its stats: what each change says it
 * changed (MdBearerChange), and a connection's stats started when the
 * modem reports the call up, before the connected change. */
#include "md-bearer.h"
#include "md-errors.h"

typedef struct {
  MdBearer *bearer;
  guint changes;
  guint last_change;
} Fixture;

static void
on_changed (MdBearer *bearer, guint change, gpointer user_data)
{
  Fixture *f = user_data;

  f->changes++;
  f->last_change = change;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->bearer = md_bearer_new (1, "[modem0]", md_bearer_settings_new ());
  g_signal_connect (f->bearer, "changed", G_CALLBACK (on_changed), f);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->bearer);
}

static MdBearerStats
stats_of (Fixture *f)
{
  MdBearerStats stats;

  md_bearer_get_stats (f->bearer, &stats);
  return stats;
}

static void
test_call_up_starts_the_stats (Fixture *f, gconstpointer data)
{
  MdBearerStats up;

  md_bearer_note_attempt (f->bearer);
  g_assert_cmpuint (stats_of (f).start_date, ==, 0);
  md_bearer_set_call_up (f->bearer);
  g_assert_cmpuint (f->changes, ==, 1);
  g_assert_cmpuint (f->last_change, ==, MD_BEARER_CHANGE_STATS);
  up = stats_of (f);
  g_assert_cmpuint (up.start_date, >, 0);
  g_assert_cmpuint (up.attempts, ==, 1);
  g_assert_false (md_bearer_is_connected (f->bearer));

  /* Said once per call. */
  md_bearer_set_call_up (f->bearer);
  g_assert_cmpuint (f->changes, ==, 1);

  /* The connected change keeps the stats the call started. */
  md_bearer_set_connected (f->bearer, "wwan0", NULL, NULL);
  g_assert_cmpuint (f->changes, ==, 2);
  g_assert_cmpuint (f->last_change, ==, MD_BEARER_CHANGE_CONNECTION);
  g_assert_cmpuint (stats_of (f).start_date, ==, up.start_date);

  /* Connected already: nothing to start. */
  md_bearer_set_call_up (f->bearer);
  g_assert_cmpuint (f->changes, ==, 2);
}

static void
test_connected_without_call_up (Fixture *f, gconstpointer data)
{
  md_bearer_set_connected (f->bearer, "ppp0", NULL, NULL);
  g_assert_cmpuint (f->changes, ==, 1);
  g_assert_cmpuint (f->last_change, ==, MD_BEARER_CHANGE_CONNECTION);
  g_assert_cmpuint (stats_of (f).start_date, >, 0);
}

static void
test_failure_after_call_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = g_error_new_literal (MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "refused");

  md_bearer_note_attempt (f->bearer);
  md_bearer_set_call_up (f->bearer);
  md_bearer_set_disconnected (f->bearer, error);
  g_assert_cmpuint (f->last_change, ==, MD_BEARER_CHANGE_CONNECTION);
  g_assert_cmpuint (stats_of (f).failed_attempts, ==, 1);
  g_assert_cmpuint (stats_of (f).duration, ==, 0);
  g_assert_cmpuint (stats_of (f).total_duration, ==, 0);

  /* The next attempt's call starts its stats again. */
  md_bearer_set_call_up (f->bearer);
  g_assert_cmpuint (f->changes, ==, 3);
  g_assert_cmpuint (f->last_change, ==, MD_BEARER_CHANGE_STATS);
}

static void
test_traffic_is_a_stats_change (Fixture *f, gconstpointer data)
{
  md_bearer_set_connected (f->bearer, "wwan0", NULL, NULL);
  md_bearer_update_traffic (f->bearer, 100, 200); /* the baseline */
  md_bearer_update_traffic (f->bearer, 150, 260);
  g_assert_cmpuint (f->last_change, ==, MD_BEARER_CHANGE_STATS);
  g_assert_cmpuint (stats_of (f).rx_bytes, ==, 50);
  g_assert_cmpuint (stats_of (f).tx_bytes, ==, 60);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/bearer/call-up-starts-the-stats", Fixture, NULL, fixture_set_up,
              test_call_up_starts_the_stats, fixture_tear_down);
  g_test_add ("/bearer/connected-without-call-up", Fixture, NULL, fixture_set_up,
              test_connected_without_call_up, fixture_tear_down);
  g_test_add ("/bearer/failure-after-call-up", Fixture, NULL, fixture_set_up, test_failure_after_call_up,
              fixture_tear_down);
  g_test_add ("/bearer/traffic-is-a-stats-change", Fixture, NULL, fixture_set_up,
              test_traffic_is_a_stats_change, fixture_tear_down);
  return g_test_run ();
}
