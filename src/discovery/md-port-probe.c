/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Port probing, all ports of a device at once: typed ports are opened as
 * what they say; untyped ones get "AT" first and, when that stays
 * unanswered, an MBIM OPEN; discovery's AT candidates get "AT" only and are
 * left out when silent. */
#include "md-port-probe.h"

#include "md-at-port.h"
#include "md-errors.h"
#include "md-log.h"
#include "md-mbim-port.h"
#include "md-qmi-port.h"
#include "md-port-open.h"

#define AT_PROBE_TIMEOUT_MS     1500
#define AT_CANDIDATE_TIMEOUT_MS 700
#define MBIM_OPEN_TIMEOUT_S     5
#define MBIM_PROBE_TIMEOUT_S    3
#define QMI_OPEN_TIMEOUT_S      5

void
md_probed_port_free (MdProbedPort *port)
{
  if (!port)
    return;
  if (port->port)
    md_port_close (port->port);
  g_clear_object (&port->port);
  g_free (port->device);
  g_free (port->name);
  g_free (port->usb_interface);
  g_free (port);
}

static const struct {
  const char *prefix;
  MdModemPortType type;
} port_prefixes[] = {
  { "at:", MD_MODEM_PORT_TYPE_AT },
  { "mbim:", MD_MODEM_PORT_TYPE_MBIM },
  { "net:", MD_MODEM_PORT_TYPE_NET },
  { "qmi:", MD_MODEM_PORT_TYPE_QMI },
};

gboolean
md_port_spec_parse (const char *spec, MdModemPortType *out_type, char **out_device, GError **error)
{
  MdModemPortType type = MD_MODEM_PORT_TYPE_UNKNOWN;
  const char *device = spec;

  for (guint i = 0; i < G_N_ELEMENTS (port_prefixes); i++) {
    if (g_str_has_prefix (spec, port_prefixes[i].prefix)) {
      type = port_prefixes[i].type;
      device = spec + strlen (port_prefixes[i].prefix);
      break;
    }
  }
  if (!*device) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS, "Port '%s' names no device", spec);
    return FALSE;
  }
  *out_type = type;
  *out_device = g_strdup (device);
  return TRUE;
}

char *
md_port_spec_name (MdModemPortType type, const char *device)
{
  return type == MD_MODEM_PORT_TYPE_NET ? g_strdup (device) : md_port_name_for_device (device);
}

/* --- one port --------------------------------------------------------------- */

/* What the probe knows of a port beside its result. */
typedef struct {
  gboolean typed;     /* the type was given, not probed */
  gboolean candidate; /* a discovered AT candidate */
  gboolean dropped;   /* a candidate that did not answer */
  guint baud;         /* 0: the AT port's default */
  MdPortFlowControl flow_control;
  MdAtPort *at;     /* while probing as AT (borrowed from the result's port) */
  MdMbimPort *mbim; /* while probing as MBIM (borrowed likewise) */
  MdQmiPort *qmi;   /* while opening as QMI (borrowed likewise) */
} PortState;

typedef struct {
  gboolean mbim_use_proxy;
  gboolean qmi_use_proxy;
  GPtrArray *ports;  /* MdProbedPort*, in the order given */
  PortState *states; /* per port */
  GPtrArray *errors; /* GError* or NULL, per port */
  GString *left_out; /* "ttyUSB0: why; ttyUSB1: why" of the candidates left out */
  guint pending;
} ProbeRun;

typedef struct {
  GTask *run; /* referenced */
  guint index;
} PortProbe;

static void
error_free_if_set (gpointer error)
{
  if (error)
    g_error_free (error);
}

static void
probe_run_free (gpointer data)
{
  ProbeRun *run = data;

  g_ptr_array_unref (run->ports);
  g_free (run->states);
  g_ptr_array_unref (run->errors);
  g_string_free (run->left_out, TRUE);
  g_free (run);
}

static void probe_run_port_done (GTask *task);

static MdProbedPort *
port_of (PortProbe *probe)
{
  ProbeRun *run = g_task_get_task_data (probe->run);

  return g_ptr_array_index (run->ports, probe->index);
}

static PortState *
state_of (PortProbe *probe)
{
  ProbeRun *run = g_task_get_task_data (probe->run);

  return &run->states[probe->index];
}

/* The result holds the port object being probed (object taken; NULL drops
 * the one held, unclosed). */
static void
set_port (PortProbe *probe, gpointer object)
{
  MdProbedPort *port = port_of (probe);
  PortState *state = state_of (probe);

  g_clear_object (&port->port);
  state->at = NULL;
  state->mbim = NULL;
  state->qmi = NULL;
  if (!object)
    return;
  port->port = MD_PORT (object);
  if (MD_IS_AT_PORT (object))
    state->at = object;
  else if (MD_IS_QMI_PORT (object))
    state->qmi = object;
  else
    state->mbim = object;
}

static const char *
port_type_name (MdModemPortType type)
{
  return type == MD_MODEM_PORT_TYPE_AT     ? "AT"
         : type == MD_MODEM_PORT_TYPE_MBIM ? "MBIM"
         : type == MD_MODEM_PORT_TYPE_QMI  ? "QMI"
         : type == MD_MODEM_PORT_TYPE_NET  ? "net"
                                           : "unknown";
}

/* Ends one port's probe: error (taken) fails the run, unless the port was
 * only a candidate, which is then left out. */
static void
port_done (PortProbe *probe, MdModemPortType type, GError *error)
{
  ProbeRun *run = g_task_get_task_data (probe->run);
  MdProbedPort *port = port_of (probe);
  PortState *state = state_of (probe);
  GTask *task = probe->run;

  if (error && state->candidate && !g_error_matches (error, MD_CORE_ERROR, MD_CORE_ERROR_CANCELLED)) {
    md_log_info (port->name, "left out: %s", error->message);
    g_string_append_printf (run->left_out, "%s%s: %s", run->left_out->len ? "; " : "", port->name,
                            error->message);
    g_clear_error (&error);
    state->dropped = TRUE;
  }
  if (error)
    g_ptr_array_index (run->errors, probe->index) = error;
  else if (!state->dropped) {
    port->type = type;
    md_log_debug (port->name, "probed as %s", port_type_name (type));
  }
  g_free (probe);
  probe_run_port_done (task);
}

static void
keep_unanswered (PortProbe *probe)
{
  MdProbedPort *port = port_of (probe);

  /* Keep watching the unanswered port, as a serial port of the device. */
  set_port (probe, md_at_port_new (port->device));
  if (!md_at_port_open (state_of (probe)->at, NULL))
    set_port (probe, NULL);
  port_done (probe, MD_MODEM_PORT_TYPE_UNKNOWN, NULL);
}

static void
mbim_open_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  PortProbe *probe = user_data;
  MdProbedPort *port = port_of (probe);
  GError *error = NULL;

  if (md_mbim_port_open_finish (MD_MBIM_PORT (source), result, &error)) {
    port_done (probe, MD_MODEM_PORT_TYPE_MBIM, NULL);
    return;
  }
  set_port (probe, NULL);
  if (state_of (probe)->typed || g_error_matches (error, MD_CORE_ERROR, MD_CORE_ERROR_CANCELLED)) {
    g_prefix_error (&error, "MBIM port %s: ", port->device);
    port_done (probe, MD_MODEM_PORT_TYPE_UNKNOWN, error);
    return;
  }
  md_log_info (port->name, "not an MBIM port either: %s", error->message);
  g_error_free (error);
  keep_unanswered (probe);
}

static void
probe_mbim (PortProbe *probe, guint timeout_s)
{
  ProbeRun *run = g_task_get_task_data (probe->run);
  MdProbedPort *port = port_of (probe);

  set_port (probe, md_mbim_port_new (port->device, run->mbim_use_proxy));
  md_mbim_port_open_async (state_of (probe)->mbim, timeout_s, g_task_get_cancellable (probe->run),
                           mbim_open_ready, probe);
}

static void
qmi_open_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  PortProbe *probe = user_data;
  MdProbedPort *port = port_of (probe);
  GError *error = NULL;

  if (md_qmi_port_open_finish (MD_QMI_PORT (source), result, &error)) {
    port_done (probe, MD_MODEM_PORT_TYPE_QMI, NULL);
    return;
  }
  set_port (probe, NULL);
  g_prefix_error (&error, "QMI port %s: ", port->device);
  port_done (probe, MD_MODEM_PORT_TYPE_UNKNOWN, error);
}

/* QMI ports come typed (by discovery or "qmi:"); they are opened, never
 * guessed. */
static void
probe_qmi (PortProbe *probe)
{
  ProbeRun *run = g_task_get_task_data (probe->run);
  MdProbedPort *port = port_of (probe);

  set_port (probe, md_qmi_port_new (port->device, run->qmi_use_proxy));
  md_qmi_port_open_async (state_of (probe)->qmi, QMI_OPEN_TIMEOUT_S, g_task_get_cancellable (probe->run),
                          qmi_open_ready, probe);
}

static void
at_probe_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  PortProbe *probe = user_data;
  MdProbedPort *port = port_of (probe);
  GError *error = NULL;

  if (md_at_port_probe_finish (MD_AT_PORT (source), result, &error)) {
    port_done (probe, MD_MODEM_PORT_TYPE_AT, NULL);
    return;
  }
  if (g_error_matches (error, MD_CORE_ERROR, MD_CORE_ERROR_CANCELLED) || state_of (probe)->candidate) {
    port_done (probe, MD_MODEM_PORT_TYPE_UNKNOWN, error);
    return;
  }
  md_log_info (port->name, "not an AT port: %s", error->message);
  g_error_free (error);
  if (state_of (probe)->typed || g_str_has_prefix (port->device, MD_PORT_ABSTRACT_PREFIX)) {
    port_done (probe, MD_MODEM_PORT_TYPE_UNKNOWN, NULL);
    return;
  }
  md_at_port_close (state_of (probe)->at);
  set_port (probe, NULL);
  probe_mbim (probe, MBIM_PROBE_TIMEOUT_S);
}

static void
probe_at (PortProbe *probe)
{
  MdProbedPort *port = port_of (probe);
  PortState *state = state_of (probe);
  GError *error = NULL;

  set_port (probe, md_at_port_new (port->device));
  if (state->baud)
    md_at_port_set_baud (state->at, state->baud);
  md_at_port_set_flow_control (state->at, state->flow_control);
  if (!md_at_port_open (state->at, &error)) {
    set_port (probe, NULL);
    port_done (probe, MD_MODEM_PORT_TYPE_UNKNOWN, error);
    return;
  }
  md_at_port_probe_async (state->at, state->candidate ? AT_CANDIDATE_TIMEOUT_MS : AT_PROBE_TIMEOUT_MS,
                          g_task_get_cancellable (probe->run), at_probe_ready, probe);
}

static void
probe_port (GTask *task, guint index)
{
  ProbeRun *run = g_task_get_task_data (task);
  MdProbedPort *port = g_ptr_array_index (run->ports, index);
  PortProbe *probe = g_new0 (PortProbe, 1);

  probe->run = task;
  probe->index = index;
  switch (port->type) {
  case MD_MODEM_PORT_TYPE_NET: port_done (probe, MD_MODEM_PORT_TYPE_NET, NULL); break;
  case MD_MODEM_PORT_TYPE_MBIM: probe_mbim (probe, MBIM_OPEN_TIMEOUT_S); break;
  case MD_MODEM_PORT_TYPE_QMI: probe_qmi (probe); break;
  case MD_MODEM_PORT_TYPE_QCDM:
  case MD_MODEM_PORT_TYPE_GPS:
  case MD_MODEM_PORT_TYPE_AUDIO:
  case MD_MODEM_PORT_TYPE_IGNORED:
    /* Listed with their type; no driver opens them yet. */
    port_done (probe, port->type, NULL);
    break;
  case MD_MODEM_PORT_TYPE_UNKNOWN:
  case MD_MODEM_PORT_TYPE_AT: probe_at (probe); break;
  }
}

/* --- the probe run: every port at once -------------------------------------- */

static gboolean
has_control_port (GPtrArray *ports)
{
  for (guint i = 0; i < ports->len; i++) {
    MdProbedPort *port = g_ptr_array_index (ports, i);

    if (port->type == MD_MODEM_PORT_TYPE_AT || port->type == MD_MODEM_PORT_TYPE_MBIM
        || port->type == MD_MODEM_PORT_TYPE_QMI || port->type == MD_MODEM_PORT_TYPE_UNKNOWN)
      return TRUE;
  }
  return FALSE;
}

static void
probe_run_port_done (GTask *task)
{
  ProbeRun *run = g_task_get_task_data (task);

  if (--run->pending > 0) {
    g_object_unref (task);
    return;
  }
  for (guint i = 0; i < run->errors->len; i++) {
    GError *error = g_ptr_array_index (run->errors, i);

    if (error) {
      g_ptr_array_index (run->errors, i) = NULL;
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  }
  for (guint i = run->ports->len; i-- > 0;) {
    if (run->states[i].dropped)
      g_ptr_array_remove_index (run->ports, i);
  }
  if (!has_control_port (run->ports) && run->left_out->len)
    g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_NOT_FOUND, "No port answered (%s)",
                             run->left_out->str);
  else if (!has_control_port (run->ports))
    g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_NOT_FOUND, "No port answered");
  else
    g_task_return_pointer (task, g_ptr_array_ref (run->ports), (GDestroyNotify)g_ptr_array_unref);
  g_object_unref (task);
}

void
md_ports_probe_async (const MdPortToProbe *ports, guint n_ports, const MdPluginSettings *settings,
                      GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  ProbeRun *run = g_new0 (ProbeRun, 1);

  run->mbim_use_proxy = settings && settings->mbim_use_proxy;
  run->qmi_use_proxy = settings && settings->qmi_use_proxy;
  run->states = g_new0 (PortState, MAX (n_ports, 1));
  run->ports = g_ptr_array_new_with_free_func ((GDestroyNotify)md_probed_port_free);
  run->errors = g_ptr_array_new_with_free_func (error_free_if_set);
  run->left_out = g_string_new (NULL);
  g_task_set_task_data (task, run, probe_run_free);
  if (n_ports == 0) {
    g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS, "No ports given");
    g_object_unref (task);
    return;
  }
  for (guint i = 0; i < n_ports; i++) {
    MdProbedPort *port = g_new0 (MdProbedPort, 1);

    port->device = g_strdup (ports[i].device);
    port->name = g_strdup (ports[i].name);
    port->type = ports[i].type;
    run->states[i].typed = ports[i].type != MD_MODEM_PORT_TYPE_UNKNOWN;
    run->states[i].candidate = ports[i].candidate;
    run->states[i].baud = ports[i].baud;
    run->states[i].flow_control = ports[i].flow_control;
    port->at_primary = ports[i].at_primary;
    port->usb_interface = g_strdup (ports[i].usb_interface);
    port->usb_interface_number = ports[i].usb_interface ? ports[i].usb_interface_number : -1;
    g_ptr_array_add (run->ports, port);
    g_ptr_array_add (run->errors, NULL);
  }
  /* Each port's probe holds a reference on the run. */
  run->pending = n_ports;
  for (guint i = 0; i < n_ports; i++)
    probe_port (g_object_ref (task), i);
  g_object_unref (task);
}

GPtrArray *
md_ports_probe_finish (GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
