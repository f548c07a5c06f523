/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The end of a QMI bearer's calls: the calls' protocol data, Stop Network
 * for each family on disconnect, and the bearer ended when the network
 * ends a call: by either client's Packet Service Status indication, or
 * found by the poll's Get Packet Service Status when the modem sent none.
 * The connect is md-qmi-bearer-ops.c's. */
#include "md-errors.h"
#include "md-log.h"
#include "md-modem-connect.h"
#include "md-qmi-bearer-calls.h"
#include "md-qmi-data-pair.h"

MD_QMI_REQUEST_IN (wds_stop, QMI_SERVICE_WDS, QMI_CLIENT_WDS, wds_stop_network, "WDS Stop Network");
MD_QMI_REQUEST (wds_packet_status, QMI_SERVICE_WDS, QMI_CLIENT_WDS, wds_get_packet_service_status,
                "WDS Get Packet Service Status");

guint
md_qmi_calls_instance (const QmiCalls *calls, guint family)
{
  return 2 * calls->mux_id + family;
}

void
md_qmi_calls_free (gpointer data)
{
  QmiCalls *calls = data;

  g_free (calls->link);
  g_free (calls);
}

const char *
md_qmi_family_name (guint family)
{
  return family == FAMILY_V6 ? "IPv6" : "IPv4";
}

QmiCalls *
md_qmi_calls_of (MdBearer *bearer)
{
  return md_bearer_get_protocol_data (bearer);
}

/* The bearer's calls are over: its mux id and link go back, its state too. */
void
md_qmi_calls_release (MdModem *modem, MdBearer *bearer)
{
  QmiCalls *calls = md_qmi_calls_of (bearer);

  if (calls) {
    md_qmi_mux_release (modem, calls->mux_id, calls->link);
    md_qmi_pair_release (modem, calls->pair, bearer);
  }
  md_bearer_set_protocol_data (bearer, NULL, NULL);
}

/* --- disconnect ------------------------------------------------------------------ */

/* Stops the bearer's calls one family after the other; a call the modem
 * already ended counts as stopped. The first real failure is returned
 * once every call was tried. */
typedef struct {
  MdBearer *bearer;
  guint family;
  GError *error;
} Disconnect;

static void
disconnect_free (gpointer data)
{
  Disconnect *ctx = data;

  g_object_unref (ctx->bearer);
  g_clear_error (&ctx->error);
  g_free (ctx);
}

static void stop_next (GTask *outer);

static void
stop_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) outer = user_data;
  Disconnect *ctx = g_object_get_data (G_OBJECT (outer), "qmi-disconnect");
  QmiCalls *calls = md_qmi_calls_of (ctx->bearer);
  GError *error = NULL;

  if (calls && g_task_propagate_boolean (G_TASK (result), &error))
    calls->handle[ctx->family] = 0;
  else if (error && !ctx->error)
    ctx->error = error;
  else
    g_clear_error (&error);
  if (calls)
    calls->stopping[ctx->family] = FALSE;
  ctx->family++;
  stop_next (outer);
}

static void
stopped (MdModem *modem, gpointer output, GTask *task)
{
  g_task_return_boolean (task, TRUE);
}

static void
stop_refused (MdModem *modem, gpointer output, GError *error, GTask *task)
{
  if (g_error_matches (error, QMI_PROTOCOL_ERROR, QMI_PROTOCOL_ERROR_INVALID_HANDLE)
      || g_error_matches (error, QMI_PROTOCOL_ERROR, QMI_PROTOCOL_ERROR_NO_EFFECT)) {
    g_error_free (error);
    g_task_return_boolean (task, TRUE);
    return;
  }
  g_task_return_error (task, md_qmi_protocol_error (error, "WDS Stop Network"));
}

/* Sends Stop Network for family's call; task (taken) answers TRUE when it
 * is done (a call the modem already ended counts as stopped). */
static void
calls_stop (MdModem *modem, QmiCalls *calls, guint family, GTask *task)
{
  QmiMessageWdsStopNetworkInput *input = qmi_message_wds_stop_network_input_new ();

  calls->stopping[family] = TRUE;
  qmi_message_wds_stop_network_input_set_packet_data_handle (input, calls->handle[family], NULL);
  md_qmi_pair_op (modem, calls->pair, &wds_stop, md_qmi_calls_instance (calls, family), input,
                  MD_QMI_TIMEOUT_NETWORK_S, task, stopped, stop_refused);
}

static void
stop_next (GTask *outer)
{
  MdModem *modem = g_task_get_source_object (outer);
  Disconnect *ctx = g_object_get_data (G_OBJECT (outer), "qmi-disconnect");
  QmiCalls *calls = md_qmi_calls_of (ctx->bearer);

  while (calls && ctx->family < N_FAMILIES && !calls->handle[ctx->family])
    ctx->family++;
  if (calls && ctx->family < N_FAMILIES) {
    calls_stop (modem, calls, ctx->family, g_task_new (modem, NULL, stop_ready, g_object_ref (outer)));
    return;
  }
  /* The core takes the bearer as disconnected whatever the modem said:
   * its data path and mux id are free again either way. */
  md_qmi_calls_release (modem, ctx->bearer);
  if (ctx->error)
    g_task_return_error (outer, g_steal_pointer (&ctx->error));
  else
    g_task_return_boolean (outer, TRUE);
}

void
md_qmi_bearer_disconnect (MdModem *modem, MdBearer *bearer, GTask *task)
{
  Disconnect *ctx = g_new0 (Disconnect, 1);

  ctx->bearer = g_object_ref (bearer);
  g_object_set_data_full (G_OBJECT (task), "qmi-disconnect", ctx, disconnect_free);
  stop_next (task);
  g_object_unref (task);
}

/* A call is running: up, and not being stopped by us (our own Stop
 * Network is indicated too). */
static gboolean
call_running (const QmiCalls *calls, guint family)
{
  return calls->handle[family] && !calls->stopping[family];
}

static void
stop_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    md_log_debug ("qmi", "stopping a call: %s", error->message);
}

void
md_qmi_calls_stop_running (MdModem *modem, QmiCalls *calls)
{
  for (guint family = 0; family < N_FAMILIES; family++) {
    if (call_running (calls, family))
      calls_stop (modem, calls, family, g_task_new (modem, NULL, stop_done, NULL));
  }
}

/* The bearer's calls are over for reason (taken): its protocol data goes
 * and it is dropped. */
static void
drop_bearer (MdModem *modem, MdBearer *bearer, GError *reason)
{
  g_object_ref (bearer);
  md_qmi_calls_release (modem, bearer);
  md_modem_bearer_dropped (modem, bearer, reason);
  g_object_unref (bearer);
  g_error_free (reason);
}

/* --- the network ending a call ------------------------------------------------- */

/* The connected bearer whose call runs on the client instance of pair
 * (call_running). */
static MdBearer *
call_bearer (MdModem *modem, guint pair, guint client)
{
  GPtrArray *bearers = md_modem_get_bearers (modem);
  guint family = client % 2;

  for (guint i = 0; i < bearers->len; i++) {
    MdBearer *bearer = g_ptr_array_index (bearers, i);
    QmiCalls *calls = md_bearer_is_connected (bearer) ? md_qmi_calls_of (bearer) : NULL;

    if (calls && calls->pair == pair && md_qmi_calls_instance (calls, family) == client
        && call_running (calls, family))
      return bearer;
  }
  return NULL;
}

/* The network ended family's call of bearer. The bearer depends on each
 * of its calls, as ModemManager's does: it is dropped with reason (taken),
 * and its other call is stopped so that the modem keeps no call nobody
 * holds. */
static void
call_ended (MdModem *modem, MdBearer *bearer, guint family, GError *reason)
{
  QmiCalls *calls = md_qmi_calls_of (bearer);

  calls->handle[family] = 0;
  md_qmi_calls_stop_running (modem, calls);
  drop_bearer (modem, bearer, reason);
}

static void
packet_service_indication (QmiClientWds *client, QmiIndicationWdsPacketServiceStatusOutput *output,
                           gpointer user_data)
{
  MdModem *modem = user_data;
  QmiWdsConnectionStatus status = QMI_WDS_CONNECTION_STATUS_UNKNOWN;
  QmiWdsCallEndReason end = 0;
  guint pair = 0;
  guint client_id = N_INSTANCES;
  guint family;
  MdBearer *bearer;

  md_qmi_pair_find_client (modem, QMI_CLIENT (client), QMI_SERVICE_WDS, N_INSTANCES, &pair, &client_id);
  family = client_id % 2;
  if (client_id == N_INSTANCES
      || !qmi_indication_wds_packet_service_status_output_get_connection_status (output, &status, NULL, NULL)
      || status != QMI_WDS_CONNECTION_STATUS_DISCONNECTED || !(bearer = call_bearer (modem, pair, client_id)))
    return;
  qmi_indication_wds_packet_service_status_output_get_call_end_reason (output, &end, NULL);
  md_log_info (md_bearer_get_log_name (bearer), "the network ended the %s call (reason %u)",
               md_qmi_family_name (family), (guint)end);
  call_ended (modem, bearer, family,
              g_error_new (MD_CONNECTION_ERROR, MD_CONNECTION_ERROR_NO_CARRIER,
                           "The network ended the call (reason %u)", (guint)end));
}

/* --- the poll's check ------------------------------------------------------------ */

/* Asks each of a connected bearer's calls in turn; the first the modem
 * says is disconnected ends the bearer as its indication would have. */
typedef struct {
  MdBearer *bearer;
  guint family;
} Check;

static void
check_free (gpointer data)
{
  Check *ctx = data;

  g_object_unref (ctx->bearer);
  g_free (ctx);
}

static void check_next (GTask *task);

static void
packet_status_parsed (MdModem *modem, gpointer output, GTask *task)
{
  QmiWdsConnectionStatus status = QMI_WDS_CONNECTION_STATUS_UNKNOWN;

  qmi_message_wds_get_packet_service_status_output_get_connection_status (output, &status, NULL);
  g_task_return_int (task, status);
}

static void
family_checked (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  Check *ctx = g_task_get_task_data (task);
  MdModem *modem = MD_MODEM (source);
  GError *error = NULL;
  gssize status = g_task_propagate_int (G_TASK (result), &error);
  QmiCalls *calls = md_bearer_is_connected (ctx->bearer) ? md_qmi_calls_of (ctx->bearer) : NULL;

  if (error) {
    g_task_return_error (task, error);
    return;
  }
  /* An indication or a disconnect may have ended the call meanwhile. */
  if (status == QMI_WDS_CONNECTION_STATUS_DISCONNECTED && calls && call_running (calls, ctx->family)) {
    md_log_info (md_bearer_get_log_name (ctx->bearer), "the modem says the %s call ended, without a report",
                 md_qmi_family_name (ctx->family));
    call_ended (
      modem, ctx->bearer, ctx->family,
      g_error_new (MD_CONNECTION_ERROR, MD_CONNECTION_ERROR_NO_CARRIER, "The modem reports the call ended"));
    g_task_return_boolean (task, TRUE);
    return;
  }
  ctx->family++;
  check_next (g_steal_pointer (&task));
}

static void
check_next (GTask *task)
{
  MdModem *modem = g_task_get_source_object (task);
  Check *ctx = g_task_get_task_data (task);
  QmiCalls *calls = md_bearer_is_connected (ctx->bearer) ? md_qmi_calls_of (ctx->bearer) : NULL;

  while (calls && ctx->family < N_FAMILIES && !call_running (calls, ctx->family))
    ctx->family++;
  if (!calls || ctx->family >= N_FAMILIES) {
    g_task_return_boolean (task, TRUE);
    g_object_unref (task);
    return;
  }
  md_qmi_pair_op (modem, calls->pair, &wds_packet_status, md_qmi_calls_instance (calls, ctx->family), NULL,
                  MD_QMI_TIMEOUT_S, g_task_new (modem, g_task_get_cancellable (task), family_checked, task),
                  packet_status_parsed, NULL);
}

void
md_qmi_bearer_check_connection (MdModem *modem, MdBearer *bearer, GTask *task)
{
  Check *ctx = g_new0 (Check, 1);

  ctx->bearer = g_object_ref (bearer);
  g_task_set_task_data (task, ctx, check_free);
  check_next (task);
}

void
md_qmi_bearer_path_lost (MdModem *modem, MdBearer *bearer, const char *why)
{
  QmiCalls *calls = md_bearer_is_connected (bearer) ? md_qmi_calls_of (bearer) : NULL;

  if (!calls)
    return;
  md_qmi_calls_stop_running (modem, calls);
  drop_bearer (modem, bearer, g_error_new (MD_CORE_ERROR, MD_CORE_ERROR_ABORTED, "%s", why));
}

void
md_qmi_bearer_client_allocated (MdModem *modem, QmiClient *client)
{
  if (QMI_IS_CLIENT_WDS (client))
    g_signal_connect_object (client, "packet-service-status", G_CALLBACK (packet_service_indication), modem,
                             0);
}
