/* SPDX-License-Identifier: GPL-2.0-or-later */
/* modem-sim: loads a scenario, serves its AT port, its MBIM and QMI ports
 * (any may be absent) and its control socket, and announces them on stdout
 * ("at ...", "mbim ...", "qmi ...", "control ...", "ready") for the process
 * that started it. Ends on SIGTERM/SIGINT, "quit" or "unplug". */
#include <glib-unix.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sim-at.h"
#include "sim-control.h"
#include "sim-mbim.h"
#include "sim-qmi.h"
#include "sim-scenario.h"
#include "sim-transport.h"

#define ABSTRACT_PREFIX "abstract:"
#define FD_PREFIX       "fd:"

/* A further AT port (--at-extra) on the same model: its own session. */
typedef struct {
  SimAt *at;
  SimTransport *transport;
} ExtraPort;

/* A further QMI port (a second --qmi): its own clients, WDS calls and WDA
 * data format on the same model, as a device's second qmi_wwan function. */
typedef struct {
  SimQmi *qmi;
  SimTransport *transport;
  struct _Sim *sim;
} QmiPort;

typedef struct _Sim {
  GMainLoop *loop;
  SimAt *at;
  SimTransport *transport;
  SimMbim *mbim;
  SimTransport *mbim_transport;
  SimQmi *qmi;
  SimTransport *qmi_transport;
  GPtrArray *extra;     /* ExtraPort */
  GPtrArray *qmi_extra; /* QmiPort: the second and further --qmi */
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
trace_binary (Sim *sim, const char *protocol, const char *direction, const guint8 *data, gsize len)
{
  g_autoptr (GString) hex = NULL;

  if (!sim->verbose)
    return;
  hex = g_string_new (NULL);
  for (gsize i = 0; i < len; i++)
    g_string_append_printf (hex, "%02x", data[i]);
  g_printerr ("modem-sim: %s %s %s\n", protocol, direction, hex->str);
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
mbim_write (const guint8 *data, gsize len, gpointer user_data)
{
  Sim *sim = user_data;

  trace_binary (sim, "mbim", ">>", data, len);
  if (sim->mbim_transport)
    sim_transport_write (sim->mbim_transport, (const char *)data, len);
}

static void
on_mbim_receive (const char *data, gsize len, gpointer user_data)
{
  Sim *sim = user_data;

  trace_binary (sim, "mbim", "<<", (const guint8 *)data, len);
  sim_mbim_feed (sim->mbim, (const guint8 *)data, len);
}

static void
qmi_write (const guint8 *data, gsize len, gpointer user_data)
{
  Sim *sim = user_data;

  trace_binary (sim, "qmi", ">>", data, len);
  if (sim->qmi_transport)
    sim_transport_write (sim->qmi_transport, (const char *)data, len);
}

static void
on_qmi_receive (const char *data, gsize len, gpointer user_data)
{
  Sim *sim = user_data;

  trace_binary (sim, "qmi", "<<", (const guint8 *)data, len);
  sim_qmi_feed (sim->qmi, (const guint8 *)data, len);
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

/* "fd:N" with N an open fd other than stdin/out/err; -1 otherwise. */
static int
parse_fd_spec (const char *spec)
{
  guint64 fd;

  if (!g_str_has_prefix (spec, FD_PREFIX)
      || !g_ascii_string_to_unsigned (spec + strlen (FD_PREFIX), 10, 3, G_MAXINT, &fd, NULL))
    return -1;
  if (fcntl ((int)fd, F_GETFD) < 0)
    return -1;
  return (int)fd;
}

static SimTransport *
open_fd_transport (const char *spec, const SimTransportCallbacks *callbacks, gpointer user_data,
                   GError **error)
{
  int fd = parse_fd_spec (spec);

  if (fd < 0) {
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 "'%s' is not an open inherited fd (fd:N, N >= 3)", spec);
    return NULL;
  }
  return sim_transport_new_fd (fd, callbacks, user_data, error);
}

static SimTransport *
open_transport (Sim *sim, const char *at, GError **error)
{
  static const SimTransportCallbacks callbacks = { on_receive, on_client_gone, on_line_hangup };

  if (g_strcmp0 (at, "pty") == 0)
    return sim_transport_new_pty (&callbacks, sim, error);
  if (g_str_has_prefix (at, FD_PREFIX))
    return open_fd_transport (at, &callbacks, sim, error);
  /* The whole "abstract:NAME" string is the socket name: the same port
   * string then works for ModemManager's Test.SetProfile and for modemd. */
  if (g_str_has_prefix (at, ABSTRACT_PREFIX) && at[sizeof ABSTRACT_PREFIX - 1])
    return sim_transport_new_abstract (at, &callbacks, sim, error);
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               "--at must be pty, fd:N, abstract:NAME or none, not '%s'", at);
  return NULL;
}

/* A binary control port (--mbim, --qmi): "pty" or "fd:N". */
static SimTransport *
open_binary_transport (Sim *sim, const char *option, const char *spec, const SimTransportCallbacks *callbacks,
                       GError **error)
{
  if (g_strcmp0 (spec, "pty") == 0)
    return sim_transport_new_pty (callbacks, sim, error);
  if (g_str_has_prefix (spec, FD_PREFIX))
    return open_fd_transport (spec, callbacks, sim, error);
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "--%s must be pty or fd:N, not '%s'", option,
               spec);
  return NULL;
}

static void
extra_write (const char *data, gsize len, gpointer user_data)
{
  ExtraPort *port = user_data;

  if (port->transport)
    sim_transport_write (port->transport, data, len);
}

static void
on_extra_receive (const char *data, gsize len, gpointer user_data)
{
  ExtraPort *port = user_data;

  sim_at_feed (port->at, data, len);
}

static void
on_extra_hangup (gpointer user_data)
{
  ExtraPort *port = user_data;

  sim_at_line_hangup (port->at);
}

static void
extra_port_free (gpointer data)
{
  ExtraPort *port = data;

  g_clear_pointer (&port->transport, sim_transport_free);
  g_clear_pointer (&port->at, sim_at_free);
  g_free (port);
}

static void
qmi_port_write (const guint8 *data, gsize len, gpointer user_data)
{
  QmiPort *port = user_data;

  trace_binary (port->sim, "qmi", ">>", data, len);
  if (port->transport)
    sim_transport_write (port->transport, (const char *)data, len);
}

static void
on_qmi_port_receive (const char *data, gsize len, gpointer user_data)
{
  QmiPort *port = user_data;

  trace_binary (port->sim, "qmi", "<<", (const guint8 *)data, len);
  sim_qmi_feed (port->qmi, (const guint8 *)data, len);
}

static void
qmi_port_free (gpointer data)
{
  QmiPort *port = data;

  g_clear_pointer (&port->transport, sim_transport_free);
  g_clear_pointer (&port->qmi, sim_qmi_free);
  g_free (port);
}

/* The second and further --qmi ports ("pty" or "fd:N"). */
static gboolean
open_qmi_extra_ports (Sim *sim, SimScenario *scenario, char **specs, GError **error)
{
  static const SimTransportCallbacks callbacks = { on_qmi_port_receive, NULL, NULL };

  for (guint i = 1; specs && specs[i]; i++) {
    QmiPort *port = g_new0 (QmiPort, 1);

    if (i >= SIM_MAX_QMI_PORTS) {
      g_free (port);
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "at most %u --qmi ports",
                   SIM_MAX_QMI_PORTS);
      return FALSE;
    }
    g_ptr_array_add (sim->qmi_extra, port);
    port->sim = sim;
    port->qmi = sim_qmi_new (scenario->model, qmi_port_write, port);
    sim_qmi_set_port_index (port->qmi, i);
    sim_qmi_set_scan_delay (port->qmi, scenario->at.cops_scan_delay_ms);
    if (g_strcmp0 (specs[i], "pty") == 0)
      port->transport = sim_transport_new_pty (&callbacks, port, error);
    else if (g_str_has_prefix (specs[i], FD_PREFIX))
      port->transport = open_fd_transport (specs[i], &callbacks, port, error);
    else
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "--qmi must be pty or fd:N, not '%s'",
                   specs[i]);
    if (!port->transport)
      return FALSE;
  }
  return TRUE;
}

/* Further AT ports ("pty" or "fd:N"), each a session on the same model. */
static gboolean
open_extra_ports (Sim *sim, SimScenario *scenario, char **specs, GError **error)
{
  static const SimTransportCallbacks callbacks = { on_extra_receive, NULL, on_extra_hangup };

  sim->extra = g_ptr_array_new_with_free_func (extra_port_free);
  for (guint i = 0; specs && specs[i]; i++) {
    ExtraPort *port = g_new0 (ExtraPort, 1);

    g_ptr_array_add (sim->extra, port);
    port->at = sim_at_new (scenario->model, &scenario->at, extra_write, port);
    if (g_strcmp0 (specs[i], "pty") == 0)
      port->transport = sim_transport_new_pty (&callbacks, port, error);
    else if (g_str_has_prefix (specs[i], FD_PREFIX))
      port->transport = open_fd_transport (specs[i], &callbacks, port, error);
    else
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--at-extra must be pty or fd:N, not '%s'", specs[i]);
    if (!port->transport)
      return FALSE;
  }
  return TRUE;
}

/* Creates the front ends asked for with their ports; FALSE on error. */
static gboolean
open_ports (Sim *sim, SimScenario *scenario, const char *at_spec, const char *mbim_spec, char **qmi_specs,
            char **extra, GError **error)
{
  static const SimTransportCallbacks mbim_callbacks = { on_mbim_receive, NULL, NULL };
  static const SimTransportCallbacks qmi_callbacks = { on_qmi_receive, NULL, NULL };
  SimMbimOptions mbim_options = { scenario->at.cops_scan_delay_ms, 0 };

  if (g_strcmp0 (at_spec, "none") != 0) {
    sim->at = sim_at_new (scenario->model, &scenario->at, at_write, sim);
    sim->transport = open_transport (sim, at_spec, error);
    if (!sim->transport)
      return FALSE;
  }
  if (mbim_spec) {
    sim->mbim = sim_mbim_new (scenario->model, &mbim_options, mbim_write, sim);
    sim->mbim_transport = open_binary_transport (sim, "mbim", mbim_spec, &mbim_callbacks, error);
    if (!sim->mbim_transport)
      return FALSE;
  }
  sim->qmi_extra = g_ptr_array_new_with_free_func (qmi_port_free);
  if (qmi_specs && qmi_specs[0]) {
    sim->qmi = sim_qmi_new (scenario->model, qmi_write, sim);
    sim_qmi_set_scan_delay (sim->qmi, scenario->at.cops_scan_delay_ms);
    sim->qmi_transport = open_binary_transport (sim, "qmi", qmi_specs[0], &qmi_callbacks, error);
    if (!sim->qmi_transport || !open_qmi_extra_ports (sim, scenario, qmi_specs, error))
      return FALSE;
  }
  if (!sim->at && !sim->mbim && !sim->qmi) {
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "--at none needs --mbim or --qmi");
    return FALSE;
  }
  return open_extra_ports (sim, scenario, extra, error);
}

static void
close_ports (Sim *sim)
{
  g_clear_pointer (&sim->extra, g_ptr_array_unref);
  g_clear_pointer (&sim->qmi_extra, g_ptr_array_unref);
  g_clear_pointer (&sim->transport, sim_transport_free);
  g_clear_pointer (&sim->mbim_transport, sim_transport_free);
  g_clear_pointer (&sim->qmi_transport, sim_transport_free);
  g_clear_pointer (&sim->at, sim_at_free);
  g_clear_pointer (&sim->mbim, sim_mbim_free);
  g_clear_pointer (&sim->qmi, sim_qmi_free);
}

static int
run (const char *scenario_path, const char *at_spec, const char *mbim_spec, char **qmi_specs, char **extra,
     const char *control_path, gboolean verbose)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SimScenario) scenario = sim_scenario_load_file (scenario_path, &error);
  g_autoptr (SimControl) control = NULL;
  Sim sim = { .verbose = verbose };
  SimControlTarget target;
  g_autoptr (GPtrArray) qmi_extra = g_ptr_array_new ();
  g_autoptr (GPtrArray) qmi_extra_transports = g_ptr_array_new ();

  if (!scenario) {
    g_printerr ("modem-sim: %s\n", error->message);
    return EXIT_FAILURE;
  }
  sim.loop = g_main_loop_new (NULL, FALSE);
  if (open_ports (&sim, scenario, at_spec, mbim_spec, qmi_specs, extra, &error)) {
    for (guint i = 0; i < sim.qmi_extra->len; i++) {
      QmiPort *port = g_ptr_array_index (sim.qmi_extra, i);

      g_ptr_array_add (qmi_extra, port->qmi);
      g_ptr_array_add (qmi_extra_transports, port->transport);
    }
    target = (SimControlTarget){
      scenario->model,   sim.at,    sim.transport,       sim.mbim, sim.mbim_transport, on_quit, &sim, sim.qmi,
      sim.qmi_transport, qmi_extra, qmi_extra_transports
    };
    /* QMI over MBIM: the control socket's qmi-* keys and mute reach the
     * QMI session behind the MBIM port. */
    if (!target.qmi && sim.mbim)
      target.qmi = sim_mbim_get_qmi (sim.mbim);
    control = sim_control_new (control_path, &target, &error);
  }
  if (!control) {
    g_printerr ("modem-sim: %s\n", error->message);
    close_ports (&sim);
    g_main_loop_unref (sim.loop);
    return EXIT_FAILURE;
  }
  g_unix_signal_add (SIGTERM, on_signal, &sim);
  g_unix_signal_add (SIGINT, on_signal, &sim);
  if (sim.transport)
    printf ("at %s\n", sim_transport_get_path (sim.transport));
  if (sim.mbim_transport)
    printf ("mbim %s\n", sim_transport_get_path (sim.mbim_transport));
  if (sim.qmi_transport)
    printf ("qmi %s\n", sim_transport_get_path (sim.qmi_transport));
  for (guint i = 0; i < sim.qmi_extra->len; i++)
    printf ("qmi %s\n",
            sim_transport_get_path (((QmiPort *)g_ptr_array_index (sim.qmi_extra, i))->transport));
  for (guint i = 0; i < sim.extra->len; i++)
    printf ("at-extra %s\n",
            sim_transport_get_path (((ExtraPort *)g_ptr_array_index (sim.extra, i))->transport));
  printf ("control %s\nready\n", control_path);
  fflush (stdout);
  g_main_loop_run (sim.loop);
  g_clear_pointer (&control, sim_control_free);
  close_ports (&sim);
  g_main_loop_unref (sim.loop);
  return EXIT_SUCCESS;
}

int
main (int argc, char **argv)
{
  g_autofree char *scenario = NULL;
  g_autofree char *at = NULL;
  g_autofree char *mbim = NULL;
  g_auto (GStrv) qmi = NULL;
  g_autofree char *control = NULL;
  g_auto (GStrv) extra = NULL;
  gboolean verbose = FALSE;
  GOptionEntry entries[] = {
    { "scenario", 's', 0, G_OPTION_ARG_FILENAME, &scenario, "Scenario file (required)", "FILE" },
    { "at", 'a', 0, G_OPTION_ARG_STRING, &at, "AT port: pty (default), fd:N, abstract:NAME or none", "PORT" },
    { "mbim", 'm', 0, G_OPTION_ARG_STRING, &mbim, "MBIM port: pty or fd:N (default: no MBIM port)", "PORT" },
    { "qmi", 'q', 0, G_OPTION_ARG_STRING_ARRAY, &qmi,
      "QMI port: pty or fd:N (default: no QMI port); repeated: further QMI ports of the same modem", "PORT" },
    { "at-extra", 'x', 0, G_OPTION_ARG_STRING_ARRAY, &extra,
      "A further AT port on the same modem: pty or fd:N", "PORT" },
    { "control", 'c', 0, G_OPTION_ARG_FILENAME, &control, "Control socket path", "PATH" },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, "Trace AT, MBIM and QMI traffic on stderr", NULL },
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
  return run (scenario, at ? at : "pty", mbim, qmi, extra, control, verbose);
}
