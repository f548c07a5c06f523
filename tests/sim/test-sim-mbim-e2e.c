/* SPDX-License-Identifier: GPL-2.0-or-later */
/* End-to-end test of modem-sim's MBIM port with the real mbimcli (Debian's
 * libmbim-utils): a pure MBIM modem (--mbim pty --at none) is queried,
 * powered up, registered and connected, and mbimcli's output is checked
 * against the scenario and the control socket. Skipped without mbimcli. */
#include <gio/gio.h>
#include <string.h>

#include "sim-process.h"

#define MBIMCLI "/usr/bin/mbimcli"

/* Runs mbimcli on the MBIM port (it opens, runs one action, closes) and
 * returns its stdout; the exit code must be success. */
static char *
mbimcli (SimProcess *sim, const char *action)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocess) process = NULL;
  char *out = NULL;
  g_autofree char *err = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                              MBIMCLI, "-d", sim->mbim, action, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (process))
    g_error ("mbimcli %s failed:\n%s\n%s", action, out, err);
  return out;
}

#define assert_contains(haystack, needle)                                                                    \
  G_STMT_START                                                                                               \
  {                                                                                                          \
    if (!strstr ((haystack), (needle)))                                                                      \
      g_error ("'%s' not in:\n%s", (needle), (haystack));                                                    \
  }                                                                                                          \
  G_STMT_END

/* "DNS [0]: '10.64.0.10'" for each of a comma-separated list. */
static void
assert_dns (const char *output, const char *list)
{
  g_auto (GStrv) servers = g_strsplit (list, ",", -1);

  for (guint i = 0; servers[i]; i++) {
    g_autofree char *line = g_strdup_printf ("DNS [%u]: '%s'", i, servers[i]);

    assert_contains (output, line);
  }
}

/* "<label>: '<value of get key>'" is in output. */
static void
assert_shows (SimProcess *sim, const char *output, const char *label, const char *key)
{
  g_autofree char *value = sim_process_get (sim, key);
  g_autofree char *line = g_strdup_printf ("%s: '%s'", label, value);

  assert_contains (output, line);
}

static void
check_identity (SimProcess *sim)
{
  g_autofree char *caps = mbimcli (sim, "--query-device-caps");
  g_autofree char *ready = mbimcli (sim, "--query-subscriber-ready-status");
  g_autofree char *imsi = sim_process_get (sim, "imsi");
  g_autofree char *iccid = sim_process_get (sim, "iccid");

  assert_shows (sim, caps, "Device ID", "imei");
  assert_contains (caps, "Max sessions: '2'");
  assert_contains (caps, "lte");
  assert_contains (ready, "Ready state: 'initialized'");
  assert_contains (ready, imsi);
  assert_contains (ready, iccid);
}

/* The default modem starts in low power; the radio on, it registers. */
static void
check_radio_and_registration (SimProcess *sim)
{
  g_autofree char *before = mbimcli (sim, "--query-registration-state");
  g_autofree char *radio = mbimcli (sim, "--set-radio-state=on");
  g_autofree char *cfun = sim_process_get (sim, "cfun");
  g_autofree char *after = mbimcli (sim, "--query-registration-state");

  assert_contains (before, "Register state: 'deregistered'");
  assert_contains (radio, "Software radio state: 'on'");
  g_assert_cmpstr (cfun, ==, "1");
  assert_contains (after, "Register state: 'home'");
  assert_shows (sim, after, "Provider ID", "operator-code");
}

static void
check_connect (SimProcess *sim)
{
  g_autofree char *connected = mbimcli (sim, "--connect=apn=internet");
  g_autofree char *sessions = sim_process_get (sim, "sessions");
  g_autofree char *config = NULL;
  g_autofree char *address = NULL, *prefix = NULL, *line = NULL, *dns = NULL;

  assert_contains (connected, "Activation state: 'activated'");
  g_assert_cmpstr (sessions, ==, "0");
  /* The session outlives mbimcli's CLOSE: the model keeps it. */
  config = mbimcli (sim, "--query-ip-configuration");
  address = sim_process_get (sim, "ipv4-address");
  prefix = sim_process_get (sim, "ipv4-prefix");
  line = g_strdup_printf ("IP [0]: '%s/%s'", address, prefix);
  assert_contains (config, line);
  assert_shows (sim, config, "Gateway", "ipv4-gateway");
  dns = sim_process_get (sim, "ipv4-dns");
  assert_dns (config, dns);
  assert_shows (sim, config, "MTU", "ipv4-mtu");
}

static void
check_signal_and_disconnect (SimProcess *sim)
{
  g_autofree char *signal = mbimcli (sim, "--query-signal-state");
  g_autofree char *off = NULL;
  g_autofree char *sessions = NULL;

  assert_contains (signal, "RSSI [0-31,99]: '20'");
  off = mbimcli (sim, "--disconnect");
  assert_contains (off, "Activation state: 'deactivated'");
  sessions = sim_process_get (sim, "sessions");
  g_assert_cmpstr (sessions, ==, "");
}

static void
test_mbimcli (void)
{
  SimProcess sim = { 0 };
  g_autofree char *quit = NULL;

  if (!g_file_test (MBIMCLI, G_FILE_TEST_IS_EXECUTABLE)) {
    g_test_skip (MBIMCLI " is not installed (libmbim-utils)");
    return;
  }
  sim_process_start (&sim, "default.ini", "none", "pty");
  check_identity (&sim);
  check_radio_and_registration (&sim);
  check_connect (&sim);
  check_signal_and_disconnect (&sim);
  quit = sim_process_control (&sim, "quit");
  g_assert_cmpstr (quit, ==, "OK");
  g_assert_true (g_subprocess_wait (sim.process, NULL, NULL));
  g_assert_true (g_subprocess_get_successful (sim.process));
  sim_process_stop (&sim);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  if (!g_getenv ("MODEM_SIM") || !g_getenv ("SIM_SCENARIOS_DIR")) {
    g_printerr ("MODEM_SIM and SIM_SCENARIOS_DIR must be set\n");
    return 77;
  }
  g_test_add_func ("/sim/mbim-e2e/mbimcli", test_mbimcli);
  return g_test_run ();
}
