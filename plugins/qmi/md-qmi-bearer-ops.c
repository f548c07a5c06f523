/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Data calls of a QMI modem: one WDS client per IP family and bearer
 * (instance 2 * mux id + family), both started for IPv4v6. Each family:
 * Set IP Family, Bind Mux Data Port for a multiplexed bearer, Start
 * Network (the packet data handle is kept with the bearer), Get Current
 * Settings → static configuration. A plain bearer sends its Set IP Family
 * requests beside the data format's WDA requests, and the interface's
 * raw_ip switch is set while the first Start Network is in flight.
 * Ending the calls: md-qmi-bearer-stop.c; settings: md-qmi-ip-settings.c;
 * data format: md-qmi-data-format.c; mux ids, links and the bind:
 * md-qmi-mux.c; the data path (QMI port + net port) a bearer runs on:
 * md-qmi-data-pair.c. */
#include "md-bearer.h"
#include "md-errors.h"
#include "md-log.h"
#include "md-modem-connect.h"
#include "md-qmi-bearer-calls.h"
#include "md-qmi-data-pair.h"

MD_QMI_REQUEST_IN (wds_family, QMI_SERVICE_WDS, QMI_CLIENT_WDS, wds_set_ip_family, "WDS Set IP Family");
MD_QMI_REQUEST_IN (wds_start, QMI_SERVICE_WDS, QMI_CLIENT_WDS, wds_start_network, "WDS Start Network");
MD_QMI_REQUEST_IN (wds_settings, QMI_SERVICE_WDS, QMI_CLIENT_WDS, wds_get_current_settings,
                   "WDS Get Current Settings");

/* 3GPP TS 24.008 cause 27: missing or unknown APN. */
#define CAUSE_UNKNOWN_APN 27

/* --- connect ------------------------------------------------------------------ */

/* One connect, kept on the outer task (the core's); each request runs on
 * an inner task whose data is the request helper's. */
typedef struct {
  MdBearer *bearer;
  gboolean want[N_FAMILIES];
  guint family;       /* the one being started */
  gboolean multiplex; /* on a mux link of its own */
  guint pair;         /* the data path taken */
  MdIpConfig *ip[N_FAMILIES];
  GError *error[N_FAMILIES];
  guint preparing;       /* answers due before the first Start Network */
  GError *prepare_error; /* the first that fails the connect */
  gboolean families_set; /* Set IP Family went with the data format */
  GError *kernel_error;  /* the interface's switches, set beside Start Network */
} Connect;

static void
connect_free (gpointer data)
{
  Connect *ctx = data;

  g_object_unref (ctx->bearer);
  for (guint i = 0; i < N_FAMILIES; i++) {
    g_clear_pointer (&ctx->ip[i], md_ip_config_free);
    g_clear_error (&ctx->error[i]);
  }
  g_clear_error (&ctx->prepare_error);
  g_clear_error (&ctx->kernel_error);
  g_free (ctx);
}

static Connect *
connect_of (GTask *task)
{
  return g_object_get_data (G_OBJECT (task), "qmi-connect");
}

typedef void (*StepFn) (GTask *outer, GError *error);

/* An inner task for one request of the connect; done gets the outer
 * task back with the request's error (NULL on success). */
static void
step_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) outer = user_data;
  StepFn done = g_object_get_data (G_OBJECT (result), "step");
  GError *error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  done (outer, error);
}

static GTask *
step_new (MdModem *modem, GTask *outer, StepFn done)
{
  GTask *inner = g_task_new (modem, g_task_get_cancellable (outer), step_ready, g_object_ref (outer));

  g_object_set_data (G_OBJECT (inner), "step", done);
  g_object_set_data (G_OBJECT (inner), "qmi-connect", connect_of (outer));
  return inner;
}

static gboolean
is_fatal (const GError *error)
{
  return g_error_matches (error, MD_SERIAL_ERROR, MD_SERIAL_ERROR_NOT_OPEN)
         || g_error_matches (error, MD_CORE_ERROR, MD_CORE_ERROR_CANCELLED);
}

static void start_family (GTask *outer);

/* The port went away or the caller cancelled: the connect fails with
 * error, and a call already up is stopped (when the port still talks). */
static void
connect_abort (GTask *outer, GError *error)
{
  MdModem *modem = g_task_get_source_object (outer);
  Connect *ctx = connect_of (outer);
  QmiCalls *calls = md_qmi_calls_of (ctx->bearer);

  if (calls)
    md_qmi_calls_stop_running (modem, calls);
  md_qmi_calls_release (modem, ctx->bearer);
  g_task_return_error (outer, error);
}

/* Every wanted family tried: connected when at least one call is up (an
 * IPv4v6 bearer whose IPv6 call the network refuses runs IPv4 only). */
static void
connect_finish (GTask *outer)
{
  MdModem *modem = g_task_get_source_object (outer);
  Connect *ctx = connect_of (outer);
  QmiCalls *calls = md_qmi_calls_of (ctx->bearer);

  /* The pair's net port may have left while the calls were started. */
  if (calls && !calls->link && !md_qmi_pair_net (modem, calls->pair)) {
    g_clear_error (&ctx->error[FAMILY_V4]);
    ctx->error[FAMILY_V4]
      = g_error_new (MD_CORE_ERROR, MD_CORE_ERROR_ABORTED, "The data path's network interface went away");
    md_qmi_calls_stop_running (modem, calls);
    calls->handle[FAMILY_V4] = calls->handle[FAMILY_V6] = 0;
  }
  if (calls && (calls->handle[FAMILY_V4] || calls->handle[FAMILY_V6])) {
    for (guint i = 0; i < N_FAMILIES; i++) {
      if (ctx->error[i])
        md_log_info (md_bearer_get_log_name (ctx->bearer), "no %s call: %s", md_qmi_family_name (i),
                     ctx->error[i]->message);
    }
    md_bearer_set_multiplexed (ctx->bearer, calls->mux_id != 0);
    md_bearer_set_connected (ctx->bearer, calls->link ? calls->link : md_qmi_pair_net (modem, calls->pair),
                             g_steal_pointer (&ctx->ip[FAMILY_V4]), g_steal_pointer (&ctx->ip[FAMILY_V6]));
    g_task_return_boolean (outer, TRUE);
    return;
  }
  md_qmi_calls_release (modem, ctx->bearer);
  /* The IPv4 call's failure says most for an IPv4v6 bearer. */
  if (ctx->error[FAMILY_V4])
    g_task_return_error (outer, g_steal_pointer (&ctx->error[FAMILY_V4]));
  else
    g_task_return_error (outer, g_steal_pointer (&ctx->error[FAMILY_V6]));
}

static void
family_done (GTask *outer)
{
  Connect *ctx = connect_of (outer);

  for (guint next = ctx->family + 1; next < N_FAMILIES; next++) {
    if (ctx->want[next]) {
      ctx->family = next;
      start_family (outer);
      return;
    }
  }
  connect_finish (outer);
}

/* A call whose settings cannot be read still carries traffic: the
 * interface asks DHCP / autoconfiguration. */
static void
settings_done (GTask *outer, GError *error)
{
  Connect *ctx = connect_of (outer);

  if (error && is_fatal (error)) {
    connect_abort (outer, error);
    return;
  }
  if (error) {
    md_log_info (md_bearer_get_log_name (ctx->bearer), "no %s settings (%s): DHCP on the interface",
                 md_qmi_family_name (ctx->family), error->message);
    g_error_free (error);
    ctx->ip[ctx->family] = md_ip_config_new (MD_BEARER_IP_METHOD_DHCP);
  }
  family_done (outer);
}

static void
parse_settings (MdModem *modem, gpointer output, GTask *task)
{
  Connect *ctx = connect_of (task);

  ctx->ip[ctx->family] = md_qmi_ip_config_from_settings (output, ctx->family == FAMILY_V6);
  g_task_return_boolean (task, TRUE);
}

static void
start_done (GTask *outer, GError *error)
{
  MdModem *modem = g_task_get_source_object (outer);
  Connect *ctx = connect_of (outer);
  QmiMessageWdsGetCurrentSettingsInput *input;

  /* The interface cannot frame the call's packets: it is stopped. */
  if (ctx->kernel_error) {
    g_clear_error (&error);
    connect_abort (outer, g_steal_pointer (&ctx->kernel_error));
    return;
  }
  if (error && is_fatal (error)) {
    connect_abort (outer, error);
    return;
  }
  if (error) {
    ctx->error[ctx->family] = error;
    family_done (outer);
    return;
  }
  input = qmi_message_wds_get_current_settings_input_new ();
  qmi_message_wds_get_current_settings_input_set_requested_settings (
    input,
    QMI_WDS_REQUESTED_SETTINGS_IP_ADDRESS | QMI_WDS_REQUESTED_SETTINGS_GATEWAY_INFO
      | QMI_WDS_REQUESTED_SETTINGS_DNS_ADDRESS | QMI_WDS_REQUESTED_SETTINGS_MTU
      | QMI_WDS_REQUESTED_SETTINGS_IP_FAMILY,
    NULL);
  md_qmi_pair_op (modem, ctx->pair, &wds_settings,
                  md_qmi_calls_instance (md_qmi_calls_of (ctx->bearer), ctx->family), input, 0,
                  step_new (modem, outer, settings_done), parse_settings, NULL);
}

static void
started (MdModem *modem, gpointer output, GTask *task)
{
  Connect *ctx = connect_of (task);
  guint32 handle = 0;

  qmi_message_wds_start_network_output_get_packet_data_handle (output, &handle, NULL);
  md_qmi_calls_of (ctx->bearer)->handle[ctx->family] = handle;
  md_log_info (md_bearer_get_log_name (ctx->bearer), "QMI %s call up (handle 0x%08x)",
               md_qmi_family_name (ctx->family), handle);
  g_task_return_boolean (task, TRUE);
}

static void
start_refused (MdModem *modem, gpointer output, GError *error, GTask *task)
{
  QmiWdsVerboseCallEndReasonType type = 0;
  gint16 reason = 0;

  if (g_error_matches (error, QMI_PROTOCOL_ERROR, QMI_PROTOCOL_ERROR_CALL_FAILED)
      && qmi_message_wds_start_network_output_get_verbose_call_end_reason (output, &type, &reason, NULL)
      && type == QMI_WDS_VERBOSE_CALL_END_REASON_TYPE_3GPP && reason == CAUSE_UNKNOWN_APN) {
    g_task_return_new_error (task, MD_MOBILE_EQUIPMENT_ERROR,
                             MD_MOBILE_EQUIPMENT_ERROR_MISSING_OR_UNKNOWN_APN,
                             "The network does not know the APN");
    g_error_free (error);
    return;
  }
  g_task_return_error (task, md_qmi_protocol_error (error, "WDS Start Network"));
}

static void
send_start (GTask *outer)
{
  MdModem *modem = g_task_get_source_object (outer);
  Connect *ctx = connect_of (outer);
  const MdBearerSettings *settings = md_bearer_get_settings (ctx->bearer);
  QmiMessageWdsStartNetworkInput *input;

  input = qmi_message_wds_start_network_input_new ();
  qmi_message_wds_start_network_input_set_apn (input, settings->apn ? settings->apn : "", NULL);
  qmi_message_wds_start_network_input_set_ip_family_preference (
    input, ctx->family == FAMILY_V6 ? QMI_WDS_IP_FAMILY_IPV6 : QMI_WDS_IP_FAMILY_IPV4, NULL);
  if (settings->user && *settings->user) {
    qmi_message_wds_start_network_input_set_username (input, settings->user, NULL);
    qmi_message_wds_start_network_input_set_password (input, settings->password ? settings->password : "",
                                                      NULL);
    qmi_message_wds_start_network_input_set_authentication_preference (
      input, QMI_WDS_AUTHENTICATION_PAP | QMI_WDS_AUTHENTICATION_CHAP, NULL);
  }
  md_qmi_pair_op (modem, ctx->pair, &wds_start,
                  md_qmi_calls_instance (md_qmi_calls_of (ctx->bearer), ctx->family), input,
                  MD_QMI_TIMEOUT_NETWORK_S, step_new (modem, outer, start_done), started, start_refused);
  /* A data path whose interface left has none to set; connect_finish
   * fails the connect then. */
  md_qmi_data_format_apply_kernel (modem, ctx->pair, md_qmi_pair_net (modem, ctx->pair), &ctx->kernel_error);
}

static void
family_accepted (MdModem *modem, gpointer output, GTask *task)
{
  g_task_return_boolean (task, TRUE);
}

/* A family's client of a multiplexed bearer is bound to its mux id, so
 * the call's packets travel in that QMAP channel. */
static void
bound (GTask *outer, GError *error)
{
  if (error && is_fatal (error)) {
    connect_abort (outer, error);
    return;
  }
  if (error) {
    connect_of (outer)->error[connect_of (outer)->family] = error;
    family_done (outer);
    return;
  }
  send_start (outer);
}

/* Older firmware lacks Set IP Family; the start's own preference still
 * says which family the call is. FALSE (error taken) when the connect
 * cannot go on. */
static gboolean
family_answer_ok (Connect *ctx, GError **error)
{
  if (*error && is_fatal (*error))
    return FALSE;
  if (*error) {
    md_log_debug (md_bearer_get_log_name (ctx->bearer), "%s", (*error)->message);
    g_clear_error (error);
  }
  return TRUE;
}

static void
family_ready (GTask *outer)
{
  MdModem *modem = g_task_get_source_object (outer);
  Connect *ctx = connect_of (outer);
  QmiCalls *calls = md_qmi_calls_of (ctx->bearer);

  if (!calls->mux_id) {
    send_start (outer);
    return;
  }
  md_qmi_mux_bind (modem, calls->pair, md_qmi_calls_instance (calls, ctx->family), calls->mux_id,
                   md_qmi_pair_net (modem, calls->pair), step_new (modem, outer, bound));
}

static void
family_set (GTask *outer, GError *error)
{
  if (!family_answer_ok (connect_of (outer), &error)) {
    connect_abort (outer, error);
    return;
  }
  family_ready (outer);
}

static void
send_family (MdModem *modem, GTask *outer, guint family, StepFn done)
{
  Connect *ctx = connect_of (outer);
  QmiMessageWdsSetIpFamilyInput *input = qmi_message_wds_set_ip_family_input_new ();

  qmi_message_wds_set_ip_family_input_set_preference (
    input, family == FAMILY_V6 ? QMI_WDS_IP_FAMILY_IPV6 : QMI_WDS_IP_FAMILY_IPV4, NULL);
  md_qmi_pair_op (modem, ctx->pair, &wds_family,
                  md_qmi_calls_instance (md_qmi_calls_of (ctx->bearer), family), input, 0,
                  step_new (modem, outer, done), family_accepted, NULL);
}

static void
start_family (GTask *outer)
{
  Connect *ctx = connect_of (outer);

  if (ctx->families_set) {
    family_ready (outer);
    return;
  }
  send_family (g_task_get_source_object (outer), outer, ctx->family, family_set);
}

/* --- before the first Start Network ------------------------------------------ */

/* Each answer the first Start Network waits for ends here; the last one
 * starts the calls, or fails the connect with the first error. */
static void
prepared (GTask *outer, GError *error)
{
  MdModem *modem = g_task_get_source_object (outer);
  Connect *ctx = connect_of (outer);

  if (error && !ctx->prepare_error)
    ctx->prepare_error = error;
  else
    g_clear_error (&error);
  if (--ctx->preparing > 0)
    return;
  if (ctx->prepare_error) {
    if (md_qmi_calls_of (ctx->bearer))
      md_qmi_calls_release (modem, ctx->bearer);
    else
      md_qmi_pair_release (modem, ctx->pair, ctx->bearer);
    g_task_return_error (outer, g_steal_pointer (&ctx->prepare_error));
    return;
  }
  start_family (outer);
}

static void
family_preset (GTask *outer, GError *error)
{
  family_answer_ok (connect_of (outer), &error);
  prepared (outer, error);
}

static QmiCalls *
calls_new (MdBearer *bearer, guint pair)
{
  QmiCalls *calls = g_new0 (QmiCalls, 1);

  calls->pair = pair;
  md_bearer_set_protocol_data (bearer, calls, md_qmi_calls_free);
  return calls;
}

/* A plain bearer's clients are known from the start (mux id 0): each
 * wanted family's Set IP Family goes out beside the WDA requests. */
static void
preset_families (MdModem *modem, GTask *outer)
{
  Connect *ctx = connect_of (outer);

  calls_new (ctx->bearer, ctx->pair);
  ctx->families_set = TRUE;
  for (guint family = 0; family < N_FAMILIES; family++) {
    if (ctx->want[family]) {
      ctx->preparing++;
      send_family (modem, outer, family, family_preset);
    }
  }
}

/* The modem runs the format the bearer needs. */
static void
format_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) outer = user_data;
  MdModem *modem = MD_MODEM (source);
  Connect *ctx = connect_of (outer);
  GError *error = NULL;
  QmiCalls *calls;

  if (!g_task_propagate_boolean (G_TASK (result), &error)) {
    /* "requested" runs plain on a modem that refuses QMAP, as in MM. */
    if (ctx->multiplex
        && md_bearer_get_settings (ctx->bearer)->multiplex == MD_BEARER_MULTIPLEX_SUPPORT_REQUESTED
        && g_error_matches (error, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED)) {
      md_qmi_pair_release (modem, ctx->pair, ctx->bearer);
      md_log_info (md_bearer_get_log_name (ctx->bearer), "%s: connecting without", error->message);
      g_clear_error (&error);
      ctx->multiplex = FALSE;
      if (!md_qmi_pair_take (modem, ctx->bearer, FALSE, &ctx->pair, &error)) {
        g_task_return_error (outer, error);
        return;
      }
      md_qmi_data_format_ensure_pair (
        modem, ctx->pair, md_qmi_pair_net (modem, ctx->pair), FALSE,
        g_task_new (modem, g_task_get_cancellable (outer), format_ready, g_steal_pointer (&outer)));
      return;
    }
    prepared (outer, error);
    return;
  }
  calls = md_qmi_calls_of (ctx->bearer);
  if (!calls)
    calls = calls_new (ctx->bearer, ctx->pair);
  if (ctx->multiplex
      && !md_qmi_mux_acquire (modem, md_qmi_pair_net (modem, 0), &calls->mux_id, &calls->link, &error)) {
    prepared (outer, error);
    return;
  }
  prepared (outer, NULL);
}

/* The families a bearer's ip-type asks for; FALSE for one QMI calls
 * cannot carry. The modem's choice is IPv4, as before IPv6 existed. */
static gboolean
wanted_families (guint32 ip_type, gboolean want[N_FAMILIES])
{
  want[FAMILY_V4] = ip_type == MD_BEARER_IP_FAMILY_NONE || ip_type == MD_BEARER_IP_FAMILY_ANY
                    || ip_type == MD_BEARER_IP_FAMILY_IPV4 || ip_type == MD_BEARER_IP_FAMILY_IPV4V6;
  want[FAMILY_V6] = ip_type == MD_BEARER_IP_FAMILY_IPV6 || ip_type == MD_BEARER_IP_FAMILY_IPV4V6;
  return want[FAMILY_V4] || want[FAMILY_V6];
}

static void
qmi_connect (MdModem *modem, MdBearer *bearer, GCancellable *cancellable, GTask *task)
{
  const MdBearerSettings *settings = md_bearer_get_settings (bearer);
  Connect *ctx = g_new0 (Connect, 1);
  GError *error = NULL;

  ctx->bearer = g_object_ref (bearer);
  g_object_set_data_full (G_OBJECT (task), "qmi-connect", ctx, connect_free);
  if (!wanted_families (settings->ip_type, ctx->want)) {
    g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED,
                             "QMI data calls carry IPv4, IPv6 or IPv4v6 only");
    g_object_unref (task);
    return;
  }
  ctx->family = ctx->want[FAMILY_V4] ? FAMILY_V4 : FAMILY_V6;
  /* "requested" multiplexes when the modem can (MaxActiveMultiplexedBearers);
   * the core refused "required" already when it cannot. */
  ctx->multiplex = (settings->multiplex == MD_BEARER_MULTIPLEX_SUPPORT_REQUESTED
                    || settings->multiplex == MD_BEARER_MULTIPLEX_SUPPORT_REQUIRED)
                   && md_modem_get_max_multiplexed_bearers (modem) > 0;
  if (!md_qmi_pair_take (modem, bearer, ctx->multiplex, &ctx->pair, &error)) {
    g_task_return_error (task, error);
    g_object_unref (task);
    return;
  }
  ctx->preparing = 1; /* the data format */
  /* The data format's first request leads: Start Network waits for the
   * format's Get and Set, and for Set IP Family only beside them. The
   * answers come in a later main loop iteration (GTask), after both. */
  md_qmi_data_format_ensure_pair (modem, ctx->pair, md_qmi_pair_net (modem, ctx->pair), ctx->multiplex,
                                  g_task_new (modem, cancellable, format_ready, task));
  if (!ctx->multiplex)
    preset_families (modem, task);
}

const MdModemBearerOps md_qmi_bearer_ops = {
  .connect = qmi_connect,
  .disconnect = md_qmi_bearer_disconnect,
  .check_connection = md_qmi_bearer_check_connection,
};
