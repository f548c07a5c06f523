/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The simulator's record of received commands: absolute indices, the oldest
 * entries dropped past the limit, and the escaped form the control socket
 * shows. */
#include "sim-history.h"

static void
test_count_and_get (void)
{
  g_autoptr (SimHistory) history = sim_history_new (4);

  g_assert_cmpuint (sim_history_count (history), ==, 0);
  g_assert_null (sim_history_get (history, 0));
  sim_history_add (history, "AT");
  sim_history_add (history, "AT+CSQ");
  g_assert_cmpuint (sim_history_count (history), ==, 2);
  g_assert_cmpstr (sim_history_get (history, 0), ==, "AT");
  g_assert_cmpstr (sim_history_get (history, 1), ==, "AT+CSQ");
  g_assert_null (sim_history_get (history, 2));
}

static void
test_oldest_dropped (void)
{
  g_autoptr (SimHistory) history = sim_history_new (4);

  for (guint i = 0; i < 10; i++) {
    g_autofree char *entry = g_strdup_printf ("AT+C%u", i);

    sim_history_add (history, entry);
  }
  g_assert_cmpuint (sim_history_count (history), ==, 10);
  g_assert_null (sim_history_get (history, 0));
  g_assert_null (sim_history_get (history, 5));
  g_assert_cmpstr (sim_history_get (history, 6), ==, "AT+C6");
  g_assert_cmpstr (sim_history_get (history, 9), ==, "AT+C9");
  g_assert_null (sim_history_get (history, 10));
}

static void
test_describe_escapes (void)
{
  g_autoptr (SimHistory) history = sim_history_new (4);
  g_autofree char *plain = NULL;
  g_autofree char *escaped = NULL;

  sim_history_add (history, "AT+COPS=1,2,\"26201\";+CFUN=4");
  sim_history_add (history, "AT\x01\\\x7f\n\xc3\xa4");
  plain = sim_history_describe (history, 0);
  escaped = sim_history_describe (history, 1);
  g_assert_cmpstr (plain, ==, "AT+COPS=1,2,\"26201\";+CFUN=4");
  g_assert_cmpstr (escaped, ==, "AT\\x01\\\\\\x7f\\x0a\\xc3\\xa4");
  g_assert_null (sim_history_describe (history, 2));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sim-history/count-and-get", test_count_and_get);
  g_test_add_func ("/sim-history/oldest-dropped", test_oldest_dropped);
  g_test_add_func ("/sim-history/describe", test_describe_escapes);
  return g_test_run ();
}
