/* SPDX-License-Identifier: GPL-2.0-or-later */
/* MdBearer's "changed" signal: what each change says it changed
 * (MdBearerChange), and the stats each keeps. */
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
test_connected_starts_the_stats (Fixture *f, gconstpointer data)
{
  md_bearer_note_attempt (f->bearer);
  g_assert_cmpuint (stats_of (f).start_date, ==, 0);
  md_bearer_set_connected (f->bearer, "wwan0", NULL, NULL);
  g_assert_cmpuint (f->changes, ==, 1);
  g_assert_cmpuint (f->last_change, ==, MD_BEARER_CHANGE_CONNECTION);
  g_assert_cmpuint (stats_of (f).start_date, >, 0);
  g_assert_cmpuint (stats_of (f).attempts, ==, 1);
}

static void
test_failure_is_a_connection_change (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = g_error_new_literal (MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "refused");

  md_bearer_note_attempt (f->bearer);
  md_bearer_set_disconnected (f->bearer, error);
  g_assert_cmpuint (f->changes, ==, 1);
  g_assert_cmpuint (f->last_change, ==, MD_BEARER_CHANGE_CONNECTION);
  g_assert_cmpuint (stats_of (f).failed_attempts, ==, 1);
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
  g_test_add ("/bearer/connected-starts-the-stats", Fixture, NULL, fixture_set_up,
              test_connected_starts_the_stats, fixture_tear_down);
  g_test_add ("/bearer/failure-is-a-connection-change", Fixture, NULL, fixture_set_up,
              test_failure_is_a_connection_change, fixture_tear_down);
  g_test_add ("/bearer/traffic-is-a-stats-change", Fixture, NULL, fixture_set_up,
              test_traffic_is_a_stats_change, fixture_tear_down);
  return g_test_run ();
}
