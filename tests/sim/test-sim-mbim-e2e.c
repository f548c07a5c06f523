/* SPDX-License-Identifier: GPL-2.0-or-later */
/* End-to-end test of modem-sim's MBIM port with the real mbimcli (Debian's
 * libmbim-utils): a pure MBIM modem (--mbim pty --at none) is queried,
 * powered up, registered and connected, and mbimcli's output is checked
 * against the scenario and the control socket. Skipped without mbimcli. */
#include <gio/gio.h>
#include <gio/gunixsocketaddress.h>
#include <glib/gstdio.h>
#include <string.h>

#define MBIMCLI "/usr/bin/mbimcli"

typedef struct {
  GSubprocess *process;
  char *dir;
  char *mbim;
  char *control;
  gboolean has_at;
} Sim;

static void
sim_start (Sim *sim, const char *scenario)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("SIM_SCENARIOS_DIR"), scenario, NULL);
  g_autoptr (GDataInputStream) out = NULL;
  g_autofree char *control = NULL;

  sim->dir = g_dir_make_tmp ("modem-sim-mbim-XXXXXX", &error);
  g_assert_no_error (error);
  control = g_build_filename (sim->dir, "control", NULL);
  sim->process
    = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, g_getenv ("MODEM_SIM"), "--scenario", path,
                        "--at", "none", "--mbim", "pty", "--control", control, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (sim->process));
  for (;;) {
    g_autofree char *line = g_data_input_stream_read_line (out, NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_nonnull (line);
    if (g_str_has_prefix (line, "at "))
      sim->has_at = TRUE;
    else if (g_str_has_prefix (line, "mbim "))
      sim->mbim = g_strdup (line + 5);
    else if (g_str_has_prefix (line, "control "))
      sim->control = g_strdup (line + 8);
    else if (g_str_equal (line, "ready"))
      break;
  }
  g_assert_false (sim->has_at);
  g_assert_nonnull (sim->mbim);
  g_assert_cmpstr (sim->control, ==, control);
}

static void
sim_stop (Sim *sim)
{
  if (g_subprocess_get_identifier (sim->process))
    g_subprocess_force_exit (sim->process);
  g_subprocess_wait (sim->process, NULL, NULL);
  g_object_unref (sim->process);
  g_rmdir (sim->dir);
  g_free (sim->dir);
  g_free (sim->mbim);
  g_free (sim->control);
}

static char *
control (Sim *sim, const char *command)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_autoptr (GSocketAddress) address = g_unix_socket_address_new (sim->control);
  g_autoptr (GSocketConnection) connection = NULL;
  g_autoptr (GDataInputStream) in = NULL;
  g_autofree char *line = g_strconcat (command, "\n", NULL);
  char *reply;

  connection = g_socket_client_connect (client, G_SOCKET_CONNECTABLE (address), NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)), line, strlen (line),
                             NULL, NULL, &error);
  g_assert_no_error (error);
  in = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (connection)));
  reply = g_data_input_stream_read_line (in, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reply);
  return reply;
}

/* The value of "get key", without "OK ". */
static char *
control_get (Sim *sim, const char *key)
{
  g_autofree char *command = g_strconcat ("get ", key, NULL);
  g_autofree char *reply = control (sim, command);

  g_assert_true (g_str_has_prefix (reply, "OK "));
  return g_strdup (reply + 3);
}

/* Runs mbimcli on the MBIM port (it opens, runs one action, closes) and
 * returns its stdout; the exit code must be success. */
static char *
mbimcli (Sim *sim, const char *action)
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

static void
test_mbimcli (void)
{
  Sim sim = { 0 };
  g_autofree char *caps = NULL, *ready = NULL, *radio = NULL, *registration = NULL, *connected = NULL;
  g_autofree char *config = NULL, *signal = NULL, *imei = NULL, *imsi = NULL, *iccid = NULL, *operator= NULL;
  g_autofree char *v4 = NULL, *prefix = NULL, *gateway = NULL, *dns = NULL, *mtu = NULL, *line = NULL;
  g_autofree char *sessions = NULL, *off = NULL;

  if (!g_file_test (MBIMCLI, G_FILE_TEST_IS_EXECUTABLE)) {
    g_test_skip (MBIMCLI " is not installed (libmbim-utils)");
    return;
  }
  sim_start (&sim, "default.ini");
  imei = control_get (&sim, "imei");
  imsi = control_get (&sim, "imsi");
  iccid = control_get (&sim, "iccid");

  caps = mbimcli (&sim, "--query-device-caps");
  line = g_strdup_printf ("Device ID: '%s'", imei);
  assert_contains (caps, line);
  assert_contains (caps, "Max sessions: '2'");
  assert_contains (caps, "lte");

  ready = mbimcli (&sim, "--query-subscriber-ready-status");
  assert_contains (ready, "Ready state: 'initialized'");
  assert_contains (ready, imsi);
  assert_contains (ready, iccid);

  /* The default modem starts in low power. */
  registration = mbimcli (&sim, "--query-registration-state");
  assert_contains (registration, "Register state: 'deregistered'");
  g_clear_pointer (&registration, g_free);
  radio = mbimcli (&sim, "--set-radio-state=on");
  assert_contains (radio, "Software radio state: 'on'");
  g_free (line);
  line = control_get (&sim, "cfun");
  g_assert_cmpstr (line, ==, "1");
  registration = mbimcli (&sim, "--query-registration-state");
  assert_contains (registration, "Register state: 'home'");
  operator= control_get (&sim, "operator-code");
  g_free (line);
  line = g_strdup_printf ("Provider ID: '%s'", operator);
  assert_contains (registration, line);

  connected = mbimcli (&sim, "--connect=apn=internet");
  assert_contains (connected, "Activation state: 'activated'");
  sessions = control_get (&sim, "sessions");
  g_assert_cmpstr (sessions, ==, "0");

  /* The session outlives mbimcli's CLOSE: the model keeps it. */
  config = mbimcli (&sim, "--query-ip-configuration");
  v4 = control_get (&sim, "ipv4-address");
  prefix = control_get (&sim, "ipv4-prefix");
  gateway = control_get (&sim, "ipv4-gateway");
  dns = control_get (&sim, "ipv4-dns");
  mtu = control_get (&sim, "ipv4-mtu");
  g_free (line);
  line = g_strdup_printf ("IP [0]: '%s/%s'", v4, prefix);
  assert_contains (config, line);
  g_free (line);
  line = g_strdup_printf ("Gateway: '%s'", gateway);
  assert_contains (config, line);
  assert_dns (config, dns);
  g_free (line);
  line = g_strdup_printf ("MTU: '%s'", mtu);
  assert_contains (config, line);

  signal = mbimcli (&sim, "--query-signal-state");
  g_free (line);
  line = control_get (&sim, "signal");
  g_free (line);
  line = g_strdup_printf ("RSSI [0-31,99]: '%s'", "20");
  assert_contains (signal, line);

  off = mbimcli (&sim, "--disconnect");
  assert_contains (off, "Activation state: 'deactivated'");
  g_free (sessions);
  sessions = control_get (&sim, "sessions");
  g_assert_cmpstr (sessions, ==, "");

  g_free (line);
  line = control (&sim, "quit");
  g_assert_cmpstr (line, ==, "OK");
  g_assert_true (g_subprocess_wait (sim.process, NULL, NULL));
  g_assert_true (g_subprocess_get_successful (sim.process));
  sim_stop (&sim);
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
