/* SPDX-License-Identifier: GPL-2.0-or-later */
/* modem-sim: loads a scenario, serves its AT port and control socket, and
 * announces both on stdout ("at ...", "control ...", "ready") for the
 * process that started it. Ends on SIGTERM/SIGINT, "quit" or "unplug". */
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "sim-at.h"
#include "sim-control.h"
#include "sim-scenario.h"
#include "sim-transport.h"

#define ABSTRACT_PREFIX "abstract:"

typedef struct {
  GMainLoop *loop;
  SimAt *at;
  SimTransport *transport;
  gboolean verbose;
} Sim;

static void
trace (Sim *sim, const char *direction, const char *data, gsize len)
{
  g_autofree char *escaped = NULL;
  g_autofree char *text = NULL;

  if (!sim->verbose)
    return;
  text = g_strndup (data, len);
  escaped = g_strescape (text, NULL);
  g_printerr ("modem-sim: %s '%s'\n", direction, escaped);
}

static void
at_write (const char *data, gsize len, gpointer user_data)
{
  Sim *sim = user_data;

  trace (sim, ">>", data, len);
  if (sim->transport)
    sim_transport_write (sim->transport, data, len);
}

static void
on_receive (const char *data, gsize len, gpointer user_data)
{
  Sim *sim = user_data;

  if (!sim_at_in_data_mode (sim->at))
    trace (sim, "<<", data, len);
  sim_at_feed (sim->at, data, len);
}

static void
on_client_gone (gpointer user_data)
{
  Sim *sim = user_data;

  sim_at_client_gone (sim->at);
}

static void
on_line_hangup (gpointer user_data)
{
  Sim *sim = user_data;

  sim_at_line_hangup (sim->at);
}

static void
on_quit (gpointer user_data)
{
  Sim *sim = user_data;

  g_main_loop_quit (sim->loop);
}

static gboolean
on_signal (gpointer user_data)
{
  on_quit (user_data);
  return G_SOURCE_CONTINUE;
}

static char *
default_control_path (void)
{
  const char *dir = g_getenv ("XDG_RUNTIME_DIR");

  if (!dir || !g_file_test (dir, G_FILE_TEST_IS_DIR))
    dir = "/tmp";
  return g_strdup_printf ("%s/modem-sim-%d-%08x.ctl", dir, (int)getpid (), g_random_int ());
}

static SimTransport *
open_transport (Sim *sim, const char *at, GError **error)
{
  static const SimTransportCallbacks callbacks = { on_receive, on_client_gone, on_line_hangup };

  if (g_strcmp0 (at, "pty") == 0)
    return sim_transport_new_pty (&callbacks, sim, error);
  /* The whole "abstract:NAME" string is the socket name: the same port
   * string then works for ModemManager's Test.SetProfile and for modemd. */
  if (g_str_has_prefix (at, ABSTRACT_PREFIX) && at[sizeof ABSTRACT_PREFIX - 1])
    return sim_transport_new_abstract (at, &callbacks, sim, error);
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "--at must be pty or abstract:NAME, not '%s'",
               at);
  return NULL;
}

static int
run (const char *scenario_path, const char *at_spec, const char *control_path, gboolean verbose)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SimScenario) scenario = sim_scenario_load_file (scenario_path, &error);
  g_autoptr (SimAt) at = NULL;
  g_autoptr (SimTransport) transport = NULL;
  g_autoptr (SimControl) control = NULL;
  Sim sim = { .verbose = verbose };
  SimControlTarget target;

  if (!scenario) {
    g_printerr ("modem-sim: %s\n", error->message);
    return EXIT_FAILURE;
  }
  sim.loop = g_main_loop_new (NULL, FALSE);
  at = sim.at = sim_at_new (scenario->model, &scenario->at, at_write, &sim);
  transport = sim.transport = open_transport (&sim, at_spec, &error);
  target = (SimControlTarget){ scenario->model, at, transport, on_quit, &sim };
  if (transport)
    control = sim_control_new (control_path, &target, &error);
  if (!control) {
    g_printerr ("modem-sim: %s\n", error->message);
    g_main_loop_unref (sim.loop);
    return EXIT_FAILURE;
  }
  g_unix_signal_add (SIGTERM, on_signal, &sim);
  g_unix_signal_add (SIGINT, on_signal, &sim);
  printf ("at %s\ncontrol %s\nready\n", sim_transport_get_path (transport), control_path);
  fflush (stdout);
  g_main_loop_run (sim.loop);
  g_clear_pointer (&control, sim_control_free);
  sim.transport = NULL;
  g_main_loop_unref (sim.loop);
  return EXIT_SUCCESS;
}

int
main (int argc, char **argv)
{
  g_autofree char *scenario = NULL;
  g_autofree char *at = NULL;
  g_autofree char *control = NULL;
  gboolean verbose = FALSE;
  GOptionEntry entries[] = {
    { "scenario", 's', 0, G_OPTION_ARG_FILENAME, &scenario, "Scenario file (required)", "FILE" },
    { "at", 'a', 0, G_OPTION_ARG_STRING, &at, "AT port: pty (default) or abstract:NAME", "PORT" },
    { "control", 'c', 0, G_OPTION_ARG_FILENAME, &control, "Control socket path", "PATH" },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, "Trace AT traffic on stderr", NULL },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("- simulated 3GPP modem");
  g_autoptr (GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error)) {
    g_printerr ("modem-sim: %s\n", error->message);
    return EXIT_FAILURE;
  }
  if (!scenario) {
    g_printerr ("modem-sim: --scenario is required\n");
    return EXIT_FAILURE;
  }
  /* A client that goes away mid-write must not kill the simulator. */
  signal (SIGPIPE, SIG_IGN);
  if (!control)
    control = default_control_path ();
  return run (scenario, at ? at : "pty", control, verbose);
}
