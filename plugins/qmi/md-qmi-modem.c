/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Building a QMI modem from probed ports (the QMI port held by role, AT
 * ports beside it as secondary), and the one request helper every QMI op
 * uses: client, request, result check, error mapping. */
#include "md-at-modem.h"
#include "md-errors.h"
#include "md-log.h"
#include "md-qmi-data-pair.h"
#include "md-qmi-ops.h"

MdQmiPort *
md_qmi_modem_port (MdModem *modem)
{
  MdPort *port = md_modem_get_port (modem, MD_PORT_ROLE_QMI);

  return port ? MD_QMI_PORT (port) : NULL;
}

MdQmiModemData *
md_qmi_modem_data (MdModem *modem)
{
  MdPort *port = md_modem_get_port (modem, MD_PORT_ROLE_QMI);

  return port ? md_port_get_driver_state (port) : NULL;
}

static void
modem_data_free (gpointer data)
{
  MdQmiModemData *qmi = data;
  g_autoptr (GError) error = NULL;

  /* Links the modem's bearers created go with the modem. */
  if (qmi->links && !md_net_links_delete_all_created (qmi->links, &error))
    md_log_warn ("qmi", "%s", error->message);
  g_clear_pointer (&qmi->links, md_net_links_unref);
  g_clear_pointer (&qmi->pairs, md_qmi_data_pairs_free);
  g_free (qmi);
}

/* --- building ------------------------------------------------------------- */

static void
client_allocated (MdQmiPort *port, QmiClient *client, gpointer user_data)
{
  md_qmi_netreg_client_allocated (MD_MODEM (user_data), client);
  md_qmi_bearer_client_allocated (MD_MODEM (user_data), client);
  md_qmi_sms_client_allocated (MD_MODEM (user_data), client);
  md_qmi_sim_client_allocated (MD_MODEM (user_data), client);
}

MdModem *
md_qmi_modem_build (guint modem_id, const char *plugin_name, const MdPluginDevice *device,
                    const MdPluginSettings *settings, const MdModemOps *ops)
{
  GPtrArray *probed = device->ports;
  MdModem *modem = md_modem_new (modem_id, device->uid, plugin_name, device->drivers, ops);
  g_autoptr (MdQmiPort) control = NULL;
  g_autoptr (GArray) pairing = md_qmi_pairing (probed);
  MdProbedPort *primary = NULL;
  const char *net_name = NULL;
  MdQmiModemData *qmi = g_new0 (MdQmiModemData, 1);

  qmi->links = settings->fake_net_links ? md_net_links_new_fake () : md_net_links_new_rtnetlink ();
  md_net_links_set_sysfs_root (qmi->links, settings->sysfs_root);

  for (guint i = 0; i < probed->len; i++) {
    MdProbedPort *port = g_ptr_array_index (probed, i);

    md_modem_add_port (modem, port->name, port->type);
    /* In test mode the profile's interfaces are the fake kernel's. */
    if (port->type == MD_MODEM_PORT_TYPE_NET && md_net_links_is_fake (qmi->links))
      md_net_links_fake_add_parent (qmi->links, port->name);
  }
  /* The primary pair's QMI port controls the modem; its net port carries
   * the first bearer and the multiplexed ones (md-qmi-data-pair.c). */
  if (pairing->len > 0) {
    MdQmiPairing *first = &g_array_index (pairing, MdQmiPairing, 0);

    primary = g_ptr_array_index (probed, first->control);
    if (primary->port)
      control = MD_QMI_PORT (g_steal_pointer (&primary->port));
    if (first->net >= 0)
      net_name = ((MdProbedPort *)g_ptr_array_index (probed, first->net))->name;
  }
  if (!control) {
    /* A plugin's mistake, not the device's: it must check for the port. */
    md_log_warn (md_modem_get_log_name (modem), "no QMI port to build a QMI modem on");
    modem_data_free (qmi);
    g_object_unref (modem);
    return NULL;
  }
  /* Mux links need the interface in our namespace (or the fake's). */
  if (net_name && md_net_links_has_interface (qmi->links, net_name))
    qmi->max_mux = MD_QMI_MAX_MUX;
  md_port_set_driver_state (MD_PORT (control), qmi, modem_data_free);
  md_modem_hold_port (modem, MD_PORT (control), MD_PORT_ROLE_QMI);
  md_qmi_data_pairs_build (modem, probed, pairing, qmi);
  md_at_modem_hold_ports (modem, device, MD_PORT_ROLE_AT_SECONDARY);
  g_signal_connect_object (control, "client-allocated", G_CALLBACK (client_allocated), modem, 0);
  md_modem_set_primary_port (modem, primary->name);
  return modem;
}

gboolean
md_qmi_modem_join_port (MdModem *modem, MdProbedPort *port)
{
  return md_qmi_data_pairs_join (modem, port);
}

void
md_qmi_modem_leave_port (MdModem *modem, const char *name)
{
  md_qmi_data_pairs_leave (modem, name);
}

/* --- requests ------------------------------------------------------------- */

typedef struct {
  const MdQmiRequest *request;
  gpointer input; /* owned until sent (request->input_unref) */
  guint timeout_s;
  MdQmiParseFn parse;
  MdQmiErrorFn on_error;
  guint instance;
  MdQmiPort *port; /* the port the request goes through */
  QmiClient *client;
} OpContext;

static void
op_context_free (gpointer data)
{
  OpContext *ctx = data;

  if (ctx->input)
    ctx->request->input_unref (ctx->input);
  g_clear_object (&ctx->client);
  g_clear_object (&ctx->port);
  g_free (ctx);
}

static void
op_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data; /* the libqmi call's reference */
  MdModem *modem = g_task_get_source_object (task);
  OpContext *ctx = g_task_get_task_data (task);
  MdQmiPort *port = ctx->port;
  g_autoptr (GError) error = NULL;
  gpointer output;

  if (!md_qmi_port_request_end (port, task)) {
    /* Already answered: the port closed or went away first. */
    output = ctx->request->finish (ctx->client, result, NULL);
    if (output)
      ctx->request->unref (output);
    g_object_unref (task);
    return;
  }
  output = ctx->request->finish (ctx->client, result, &error);
  if (!output) {
    GError *mapped = md_qmi_port_transport_error (port, error, ctx->request->what);

    g_task_return_error (task, mapped ? mapped
                                      : md_qmi_protocol_error (g_steal_pointer (&error), ctx->request->what));
  } else if (!ctx->request->result (output, &error)) {
    if (ctx->on_error)
      ctx->on_error (modem, output, g_steal_pointer (&error), task);
    else
      g_task_return_error (task, md_qmi_protocol_error (g_steal_pointer (&error), ctx->request->what));
  } else {
    ctx->parse (modem, output, task);
  }
  if (output)
    ctx->request->unref (output);
  g_object_unref (task);
}

/* client: taken. */
static void
send_request (MdQmiPort *port, GTask *task, QmiClient *client)
{
  OpContext *ctx = g_task_get_task_data (task);
  GCancellable *cancellable;

  ctx->client = client;
  cancellable = md_qmi_port_request_begin (port, task);
  /* libqmi builds the message at once; the input is not needed after. */
  ctx->request->call (client, ctx->input, ctx->timeout_s, cancellable, op_ready, task);
  if (ctx->input)
    ctx->request->input_unref (g_steal_pointer (&ctx->input));
}

static void
client_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  GError *error = NULL;
  QmiClient *client = md_qmi_port_get_client_finish (MD_QMI_PORT (source), result, &error);

  if (!client) {
    g_task_return_error (task, error);
    g_object_unref (task);
    return;
  }
  send_request (MD_QMI_PORT (source), task, client);
}

void
md_qmi_op_full (MdModem *modem, const MdQmiRequest *request, gpointer input, guint timeout_s, GTask *task,
                MdQmiParseFn parse, MdQmiErrorFn on_error)
{
  md_qmi_op_on (modem, request, 0, input, timeout_s, task, parse, on_error);
}

void
md_qmi_op_on (MdModem *modem, const MdQmiRequest *request, guint instance, gpointer input, guint timeout_s,
              GTask *task, MdQmiParseFn parse, MdQmiErrorFn on_error)
{
  md_qmi_op_port (modem, md_qmi_modem_port (modem), request, instance, input, timeout_s, task, parse,
                  on_error);
}

void
md_qmi_op_port (MdModem *modem, MdQmiPort *port, const MdQmiRequest *request, guint instance, gpointer input,
                guint timeout_s, GTask *task, MdQmiParseFn parse, MdQmiErrorFn on_error)
{
  OpContext *ctx;
  QmiClient *client;

  if (!port || !md_qmi_port_is_open (port)) {
    if (input)
      request->input_unref (input);
    g_task_return_new_error (task, MD_SERIAL_ERROR, MD_SERIAL_ERROR_NOT_OPEN, "The QMI port is not open");
    g_object_unref (task);
    return;
  }
  ctx = g_new0 (OpContext, 1);
  ctx->request = request;
  ctx->input = input;
  ctx->timeout_s = timeout_s ? timeout_s : MD_QMI_TIMEOUT_S;
  ctx->parse = parse;
  ctx->on_error = on_error;
  ctx->instance = instance;
  ctx->port = g_object_ref (port);
  g_task_set_task_data (task, ctx, op_context_free);
  /* A client already allocated sends at once, not from an idle: the
   * caller's work after this call then overlaps the modem's. */
  client = md_qmi_port_peek_client_instance (port, request->service, instance);
  if (client) {
    send_request (port, task, g_object_ref (client));
    return;
  }
  md_qmi_port_get_client_instance_async (port, request->service, instance, g_task_get_cancellable (task),
                                         client_ready, task);
}

void
md_qmi_op (MdModem *modem, const MdQmiRequest *request, gpointer input, guint timeout_s, GTask *task,
           MdQmiParseFn parse)
{
  md_qmi_op_full (modem, request, input, timeout_s, task, parse, NULL);
}

const MdModemOps md_qmi_modem_ops = {
  .init = &md_qmi_init_ops,
  .sim = &md_qmi_sim_ops,
  .power = &md_qmi_power_ops,
  .netreg = &md_qmi_netreg_ops,
  .bearer = &md_qmi_bearer_ops,
  .bands = &md_qmi_bands_ops,
  .signal = &md_qmi_signal_ops,
  .location = &md_qmi_location_ops,
  .firmware = &md_qmi_firmware_ops,
  .sms = &md_qmi_sms_ops,
};
