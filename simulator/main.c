/* SPDX-License-Identifier: GPL-2.0-or-later */
/* modem-sim: a simulated 3GPP modem for modemd's demo and tests. Loads a
 * scenario, serves AT on a pty or an abstract socket, takes events on a
 * control socket, and announces where it listens on stdout. */
#include <glib-unix.h>
#include <stdio.h>
#include <stdlib.h>

#include "ms-control.h"
#include "ms-scenario.h"
#include "ms-transport.h"

typedef struct {
  GMainLoop *loop;
  MsTransport *transport;
} Sim;

static gboolean
quit_idle (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

/* Unplugged: the device is gone for good; exit once the reply is out. */
static void
unplug (gpointer user_data)
{
  Sim *sim = user_data;

  ms_transport_unplug (sim->transport);
  g_timeout_add (100, quit_idle, sim->loop);
}

static gboolean
on_signal (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

int
main (int argc, char **argv)
{
  g_autofree char *scenario = NULL;
  g_autofree char *at = NULL;
  g_autofree char *control = NULL;
  const GOptionEntry entries[] = {
    { "scenario", 0, 0, G_OPTION_ARG_FILENAME, &scenario, "Scenario file", "FILE" },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at, "Where to serve AT: pty (default) or abstract:NAME", "WHERE" },
    { "control", 0, 0, G_OPTION_ARG_FILENAME, &control, "Control socket path", "PATH" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- simulated modem");
  g_autoptr(GError) error = NULL;
  MsModel *model = ms_model_new ();
  MsControl *ctl;
  Sim sim = { 0 };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || !scenario
      || !ms_scenario_load (model, scenario, &error)) {
    fprintf (stderr, "modem-sim: %s\n", error ? error->message : "--scenario is required");
    ms_model_free (model);
    return EXIT_FAILURE;
  }
  if (!control)
    control = g_strdup_printf ("%s/modem-sim-%d.ctl", g_get_user_runtime_dir (), (int) getpid ());
  sim.loop = g_main_loop_new (NULL, FALSE);
  sim.transport = ms_transport_new (model, at ? at : "pty", &error);
  ctl = sim.transport ? ms_control_new (model, control, unplug, &sim, &error) : NULL;
  if (!ctl) {
    fprintf (stderr, "modem-sim: %s\n", error->message);
    return EXIT_FAILURE;
  }
  printf ("at %s\ncontrol %s\nready\n", ms_transport_get_name (sim.transport), control);
  fflush (stdout);
  g_unix_signal_add (SIGTERM, on_signal, sim.loop);
  g_unix_signal_add (SIGINT, on_signal, sim.loop);
  g_main_loop_run (sim.loop);

  ms_control_free (ctl);
  ms_transport_free (sim.transport);
  ms_model_free (model);
  g_main_loop_unref (sim.loop);
  return EXIT_SUCCESS;
}
