/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Port probing, one port after the other: typed ports are opened as what
 * they say; untyped ones get "AT" first and, when that stays unanswered,
 * an MBIM OPEN. */
#include "md-port-probe.h"

#include "md-errors.h"
#include "md-log.h"
#include "md-port-open.h"

#define AT_PROBE_TIMEOUT_MS  1500
#define MBIM_OPEN_TIMEOUT_S  5
#define MBIM_PROBE_TIMEOUT_S 3

void
md_probed_port_free (MdProbedPort *port)
{
  if (!port)
    return;
  if (port->at)
    md_at_port_close (port->at);
  if (port->mbim)
    md_mbim_port_close (port->mbim);
  g_clear_object (&port->at);
  g_clear_object (&port->mbim);
  g_free (port->device);
  g_free (port->name);
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
  if (type == MD_MODEM_PORT_TYPE_QMI) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED, "QMI ports are not supported yet: '%s'",
                 spec);
    return FALSE;
  }
  *out_type = type;
  *out_device = g_strdup (device);
  return TRUE;
}

MdProbedPort *
md_probed_ports_find (GPtrArray *ports, MdModemPortType type)
{
  for (guint i = 0; i < ports->len; i++) {
    MdProbedPort *port = g_ptr_array_index (ports, i);

    if (port->type == type)
      return port;
  }
  return NULL;
}

/* --- the probe run -------------------------------------------------------- */

typedef struct {
  GStrv specs;
  guint next;
  GPtrArray *ports;      /* MdProbedPort* */
  MdProbedPort *current; /* last of ports, being probed */
  gboolean typed;        /* the current port said what it is */
  MdPluginSettings settings;
} ProbeContext;

static void
probe_context_free (gpointer data)
{
  ProbeContext *ctx = data;

  g_strfreev (ctx->specs);
  g_ptr_array_unref (ctx->ports);
  g_free (ctx);
}

static void probe_next (GTask *task);

static void
fail (GTask *task, GError *error)
{
  g_task_return_error (task, error);
  g_object_unref (task);
}

static void
port_done (GTask *task, MdModemPortType type)
{
  ProbeContext *ctx = g_task_get_task_data (task);

  ctx->current->type = type;
  md_log_debug (ctx->current->name, "probed as %s",
                type == MD_MODEM_PORT_TYPE_AT     ? "AT"
                : type == MD_MODEM_PORT_TYPE_MBIM ? "MBIM"
                : type == MD_MODEM_PORT_TYPE_NET  ? "net"
                                                  : "unknown");
  ctx->next++;
  probe_next (task);
}

static void
mbim_open_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  ProbeContext *ctx = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;

  if (md_mbim_port_open_finish (MD_MBIM_PORT (source), result, &error)) {
    port_done (task, MD_MODEM_PORT_TYPE_MBIM);
    return;
  }
  g_clear_object (&ctx->current->mbim);
  if (ctx->typed) {
    g_prefix_error (&error, "MBIM port %s: ", ctx->current->device);
    fail (task, g_steal_pointer (&error));
    return;
  }
  md_log_info (ctx->current->name, "not an MBIM port either: %s", error->message);
  /* Keep watching the unanswered port, as a serial port of the device. */
  ctx->current->at = md_at_port_new (ctx->current->device);
  if (!md_at_port_open (ctx->current->at, NULL))
    g_clear_object (&ctx->current->at);
  port_done (task, MD_MODEM_PORT_TYPE_UNKNOWN);
}

static void
probe_mbim (GTask *task, guint timeout_s)
{
  ProbeContext *ctx = g_task_get_task_data (task);

  ctx->current->mbim = md_mbim_port_new (ctx->current->device, ctx->settings.mbim_use_proxy);
  md_mbim_port_open_async (ctx->current->mbim, timeout_s, g_task_get_cancellable (task), mbim_open_ready,
                           task);
}

static void
at_probe_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  ProbeContext *ctx = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;

  if (md_at_port_probe_finish (MD_AT_PORT (source), result, &error)) {
    port_done (task, MD_MODEM_PORT_TYPE_AT);
    return;
  }
  if (g_error_matches (error, MD_CORE_ERROR, MD_CORE_ERROR_CANCELLED)) {
    fail (task, g_steal_pointer (&error));
    return;
  }
  md_log_info (ctx->current->name, "not an AT port: %s", error->message);
  if (ctx->typed || g_str_has_prefix (ctx->current->device, MD_PORT_ABSTRACT_PREFIX)) {
    port_done (task, MD_MODEM_PORT_TYPE_UNKNOWN);
    return;
  }
  md_at_port_close (ctx->current->at);
  g_clear_object (&ctx->current->at);
  probe_mbim (task, MBIM_PROBE_TIMEOUT_S);
}

static void
probe_at (GTask *task)
{
  ProbeContext *ctx = g_task_get_task_data (task);
  GError *error = NULL;

  ctx->current->at = md_at_port_new (ctx->current->device);
  if (!md_at_port_open (ctx->current->at, &error)) {
    fail (task, error);
    return;
  }
  md_at_port_probe_async (ctx->current->at, AT_PROBE_TIMEOUT_MS, g_task_get_cancellable (task),
                          at_probe_ready, task);
}

static void
probe_next (GTask *task)
{
  ProbeContext *ctx = g_task_get_task_data (task);
  MdModemPortType type;
  GError *error = NULL;
  MdProbedPort *port;

  if (g_task_return_error_if_cancelled (task)) {
    g_object_unref (task);
    return;
  }
  if (!ctx->specs[ctx->next]) {
    g_task_return_pointer (task, g_ptr_array_ref (ctx->ports), (GDestroyNotify)g_ptr_array_unref);
    g_object_unref (task);
    return;
  }
  port = g_new0 (MdProbedPort, 1);
  if (!md_port_spec_parse (ctx->specs[ctx->next], &type, &port->device, &error)) {
    md_probed_port_free (port);
    fail (task, error);
    return;
  }
  port->name
    = type == MD_MODEM_PORT_TYPE_NET ? g_strdup (port->device) : md_port_name_for_device (port->device);
  g_ptr_array_add (ctx->ports, port);
  ctx->current = port;
  ctx->typed = type != MD_MODEM_PORT_TYPE_UNKNOWN;
  switch (type) {
  case MD_MODEM_PORT_TYPE_NET: port_done (task, MD_MODEM_PORT_TYPE_NET); break;
  case MD_MODEM_PORT_TYPE_MBIM: probe_mbim (task, MBIM_OPEN_TIMEOUT_S); break;
  default: probe_at (task); break;
  }
}

void
md_ports_probe_async (const char *const *specs, const MdPluginSettings *settings, GCancellable *cancellable,
                      GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  ProbeContext *ctx = g_new0 (ProbeContext, 1);

  ctx->specs = g_strdupv ((char **)specs);
  ctx->settings = *settings;
  ctx->ports = g_ptr_array_new_with_free_func ((GDestroyNotify)md_probed_port_free);
  g_task_set_task_data (task, ctx, probe_context_free);
  if (!specs || !specs[0]) {
    fail (task, g_error_new (MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS, "No ports given"));
    return;
  }
  probe_next (task);
}

GPtrArray *
md_ports_probe_finish (GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- probe, then build ------------------------------------------------------ */

typedef struct {
  guint modem_id;
  char *uid;
  GStrv drivers;
  MdModemBuildFn build;
  gconstpointer build_data;
  MdPluginSettings settings;
} BuildContext;

static void
build_context_free (gpointer data)
{
  BuildContext *ctx = data;

  g_free (ctx->uid);
  g_strfreev (ctx->drivers);
  g_free (ctx);
}

static void
probed_for_build (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  BuildContext *ctx = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr (GPtrArray) probed = md_ports_probe_finish (result, &error);
  MdPluginDevice device = { .uid = ctx->uid, .drivers = (const char *const *)ctx->drivers };

  if (!probed) {
    g_task_return_error (task, error);
    return;
  }
  g_task_return_pointer (task, ctx->build (ctx->modem_id, &device, &ctx->settings, probed, ctx->build_data),
                         g_object_unref);
}

void
md_ports_probe_and_build_async (guint modem_id, const MdPluginDevice *device,
                                const MdPluginSettings *settings, MdModemBuildFn build,
                                gconstpointer build_data, GCancellable *cancellable,
                                GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  BuildContext *ctx = g_new0 (BuildContext, 1);

  ctx->modem_id = modem_id;
  ctx->uid = g_strdup (device->uid);
  ctx->drivers = g_strdupv ((char **)device->drivers);
  ctx->build = build;
  ctx->build_data = build_data;
  ctx->settings = *settings;
  g_task_set_task_data (task, ctx, build_context_free);
  md_ports_probe_async (device->ports, settings, cancellable, probed_for_build, task);
}

MdModem *
md_ports_probe_and_build_finish (GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
