/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The network interface's link layer, settled once per modem before its
 * first call: for a qmi_wwan interface (it has the qmi/raw_ip switch) the
 * modem is asked for raw IP with WDA Set Data Format when WDA Get Data
 * Format says 802.3, as ModemManager does, and the kernel's switches are
 * then set: pass_through off and raw_ip to what the modem runs
 * (md_qmi_data_format_apply_kernel, which the connect runs beside its
 * Start Network). Interfaces without the switch
 * are used as they are. A multiplexed bearer switches the modem to QMAP
 * aggregation (raw IP, uplink and downlink QMAP) and sets the interface
 * up, the parent of the bearers' mux links; a plain bearer connecting
 * while no mux link is held switches it back to raw IP without
 * aggregation, as ModemManager does. The sysfs and link work is
 * src/port's (md-net-link-qmi.c). Each data path (md-qmi-data-pair.c)
 * settles its own interface with its own port's WDA: one pair may run
 * 802.3, another raw IP. */
#include "md-errors.h"
#include "md-log.h"
#include "md-qmi-data-pair.h"
#include "md-qmi-ops.h"

MD_QMI_REQUEST_IN (wda_get, QMI_SERVICE_WDA, QMI_CLIENT_WDA, wda_get_data_format, "WDA Get Data Format");
MD_QMI_REQUEST_IN (wda_set, QMI_SERVICE_WDA, QMI_CLIENT_WDA, wda_set_data_format, "WDA Set Data Format");

/* The four WDA requests of these flows. */
typedef enum { WDA_GET, WDA_SET_RAW_IP, WDA_SET_QMAP, WDA_SET_PLAIN } WdaRequest;

typedef struct {
  char *ifname;
  guint pair; /* the data path whose port and interface these are */
  gboolean modem_raw_ip;
  gboolean use_endpoint; /* the modem wants the Endpoint Info TLV */
} Format;

static void
format_free (gpointer data)
{
  Format *format = data;

  g_free (format->ifname);
  g_free (format);
}

static Format *
format_of (GTask *task)
{
  return g_object_get_data (G_OBJECT (task), "qmi-format");
}

/* qmi_wwan's switches for the modem's format. An interface without one
 * (not qmi_wwan, or a kernel before pass_through) is left as it is: a
 * switch that is not there (NOT_FOUND in local) counts as set. */
static gboolean
switch_set (gboolean ok, GError *local, GError **error)
{
  if (ok || g_error_matches (local, MD_CORE_ERROR, MD_CORE_ERROR_NOT_FOUND)) {
    g_clear_error (&local);
    return TRUE;
  }
  g_propagate_error (error, local);
  return FALSE;
}

/* pass_through off (plain IP, and QMAP that qmi_wwan demultiplexes itself
 * for its own mux links, both need it) and raw_ip as the modem runs. */
static gboolean
set_qmi_wwan (MdNetLinks *links, const char *ifname, gboolean raw_ip, GError **error)
{
  const char *root = md_net_links_get_sysfs_root (links);
  GError *local = NULL;
  gboolean ok = md_net_link_qmi_set_pass_through (links, root, ifname, FALSE, &local);

  if (!switch_set (ok, local, error))
    return FALSE;
  local = NULL;
  ok = md_net_link_qmi_set_raw_ip (links, root, ifname, raw_ip, &local);
  return switch_set (ok, local, error);
}

/* The modem's side is settled. qmi_wwan's switches follow it in
 * md_qmi_data_format_apply_kernel, which the connect runs while its Start
 * Network is in flight: they are the host's side only. */
static void
modem_settled (MdModem *modem, GTask *task)
{
  Format *format = format_of (task);
  MdQmiModemData *qmi = md_qmi_pair_data (modem, format->pair);

  if (!qmi) {
    g_task_return_new_error (task, MD_SERIAL_ERROR, MD_SERIAL_ERROR_NOT_OPEN, "The QMI port is gone");
    return;
  }
  md_log_info (md_modem_get_log_name (modem), "modem data format on %s: %s", format->ifname,
               format->modem_raw_ip ? "raw IP" : "802.3");
  qmi->kernel_raw_ip = format->modem_raw_ip;
  qmi->kernel_pending = TRUE;
  g_task_return_boolean (task, TRUE);
}

/* Then the format is settled for good. */
gboolean
md_qmi_data_format_apply_kernel (MdModem *modem, guint pair, const char *ifname, GError **error)
{
  MdQmiModemData *qmi = md_qmi_pair_data (modem, pair);

  if (!qmi || !qmi->kernel_pending || !ifname)
    return TRUE;
  qmi->kernel_pending = FALSE;
  if (!set_qmi_wwan (qmi->links, ifname, qmi->kernel_raw_ip, error))
    return FALSE;
  qmi->data_format_ready = TRUE;
  return TRUE;
}

static gboolean
is_fatal (const GError *error)
{
  return g_error_matches (error, MD_SERIAL_ERROR, MD_SERIAL_ERROR_NOT_OPEN)
         || g_error_matches (error, MD_CORE_ERROR, MD_CORE_ERROR_CANCELLED);
}

static void wda_send (MdModem *modem, GTask *outer, WdaRequest request);

/* Firmware such as Quectel's RM500Q refuses WDA data format requests
 * without the Endpoint Info TLV (MISSING_ARGUMENT); ModemManager 1.20
 * then asks again with it. That error is kept raw for endpoint_retry. */
static void
wda_refused (MdModem *modem, gpointer output, GError *error, GTask *task)
{
  if (g_error_matches (error, QMI_PROTOCOL_ERROR, QMI_PROTOCOL_ERROR_MISSING_ARGUMENT)) {
    g_task_return_error (task, error);
    return;
  }
  g_task_return_error (task, md_qmi_protocol_error (error, "WDA Data Format"));
}

/* TRUE when request was sent again with the endpoint (outer's reference
 * goes with it); a second MISSING_ARGUMENT in *error is mapped. */
static gboolean
endpoint_retry (MdModem *modem, GTask *outer, GError **error, WdaRequest request)
{
  Format *format = format_of (outer);

  /* Answered: QMI_PROTOCOL_ERROR is not evaluated. libqmi registers its
   * D-Bus error names on the quark's first use (0.2 M instructions, a
   * tenth of a first Connect): an error pays for it, not a success. */
  if (!*error)
    return FALSE;
  if (!g_error_matches (*error, QMI_PROTOCOL_ERROR, QMI_PROTOCOL_ERROR_MISSING_ARGUMENT))
    return FALSE; /* wda_refused mapped every other refusal */
  if (!format->use_endpoint) {
    md_log_debug (md_modem_get_log_name (modem), "%s: again with the endpoint", (*error)->message);
    g_clear_error (error);
    format->use_endpoint = TRUE;
    wda_send (modem, outer, request);
    return TRUE;
  }
  *error = md_qmi_protocol_error (*error, "WDA Data Format");
  return FALSE;
}

static void
set_parse (MdModem *modem, gpointer output, GTask *task)
{
  QmiWdaLinkLayerProtocol link = QMI_WDA_LINK_LAYER_PROTOCOL_UNKNOWN;

  qmi_message_wda_set_data_format_output_get_link_layer_protocol (output, &link, NULL);
  g_task_return_int (task, link);
}

/* A modem that keeps 802.3 still carries data: the kernel follows it. */
static void
set_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *outer = user_data;
  MdModem *modem = MD_MODEM (source);
  GError *error = NULL;
  gssize link = g_task_propagate_int (G_TASK (result), &error);

  if (endpoint_retry (modem, outer, &error, WDA_SET_RAW_IP))
    return;
  if (error && is_fatal (error)) {
    g_task_return_error (outer, error);
    g_object_unref (outer);
    return;
  }
  if (error) {
    md_log_info (md_modem_get_log_name (modem), "the modem keeps its data format: %s", error->message);
    g_error_free (error);
  } else if (link != QMI_WDA_LINK_LAYER_PROTOCOL_UNKNOWN) {
    format_of (outer)->modem_raw_ip = link == QMI_WDA_LINK_LAYER_PROTOCOL_RAW_IP;
  }
  modem_settled (modem, outer);
  g_object_unref (outer);
}

/* Get Data Format's answer for get_ready: the link layer, or AGGREGATED
 * when the modem still aggregates its downlink (QMAP left by an earlier
 * run's multiplexed bearers), which plain calls cannot use. */
#define AGGREGATED (-1)

static void
get_parse (MdModem *modem, gpointer output, GTask *task)
{
  QmiWdaLinkLayerProtocol link = QMI_WDA_LINK_LAYER_PROTOCOL_802_3;
  QmiWdaDataAggregationProtocol downlink = QMI_WDA_DATA_AGGREGATION_PROTOCOL_DISABLED;

  qmi_message_wda_get_data_format_output_get_link_layer_protocol (output, &link, NULL);
  qmi_message_wda_get_data_format_output_get_downlink_data_aggregation_protocol (output, &downlink, NULL);
  g_task_return_int (task,
                     downlink != QMI_WDA_DATA_AGGREGATION_PROTOCOL_DISABLED ? AGGREGATED : (gssize)link);
}

/* A modem without WDA (or that does not answer Get Data Format) frames
 * data as 802.3. */
static void
get_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *outer = user_data;
  MdModem *modem = MD_MODEM (source);
  GError *error = NULL;
  gssize link = g_task_propagate_int (G_TASK (result), &error);

  if (endpoint_retry (modem, outer, &error, WDA_GET))
    return;
  if (error && is_fatal (error)) {
    g_task_return_error (outer, error);
    g_object_unref (outer);
    return;
  }
  if (error) {
    md_log_info (md_modem_get_log_name (modem), "no data format from the modem (%s): 802.3", error->message);
    g_error_free (error);
    link = QMI_WDA_LINK_LAYER_PROTOCOL_802_3;
  }
  format_of (outer)->modem_raw_ip = link == QMI_WDA_LINK_LAYER_PROTOCOL_RAW_IP;
  if (link == QMI_WDA_LINK_LAYER_PROTOCOL_RAW_IP) {
    modem_settled (modem, outer);
    g_object_unref (outer);
    return;
  }
  /* Raw IP is what current modems and kernels run best; 802.3 framing is
   * the legacy mode (ModemManager asks for raw IP the same way). The set
   * also turns aggregation off. */
  wda_send (modem, outer, WDA_SET_RAW_IP);
}

/* --- QMAP ------------------------------------------------------------------- */

#define QMAP_DL_MAX_DATAGRAMS 32
#define QMAP_DL_MAX_SIZE      32768

static void
qmap_parse (MdModem *modem, gpointer output, GTask *task)
{
  QmiWdaLinkLayerProtocol link = QMI_WDA_LINK_LAYER_PROTOCOL_RAW_IP;
  QmiWdaDataAggregationProtocol downlink = QMI_WDA_DATA_AGGREGATION_PROTOCOL_QMAP;

  qmi_message_wda_set_data_format_output_get_link_layer_protocol (output, &link, NULL);
  qmi_message_wda_set_data_format_output_get_downlink_data_aggregation_protocol (output, &downlink, NULL);
  if (link != QMI_WDA_LINK_LAYER_PROTOCOL_RAW_IP || downlink != QMI_WDA_DATA_AGGREGATION_PROTOCOL_QMAP) {
    g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED,
                             "The modem does not run QMAP aggregation: no multiplexing");
    return;
  }
  g_task_return_boolean (task, TRUE);
}

static void
qmap_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) outer = user_data;
  MdModem *modem = MD_MODEM (source);
  Format *format = format_of (outer);
  MdQmiModemData *qmi = md_qmi_pair_data (modem, format->pair);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error)) {
    if (endpoint_retry (modem, outer, &error, WDA_SET_QMAP)) {
      (void)g_steal_pointer (&outer);
      return;
    }
    if (!is_fatal (error) && !g_error_matches (error, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED)) {
      GError *refused
        = g_error_new (MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED,
                       "The modem refuses QMAP aggregation: no multiplexing (%s)", error->message);

      g_error_free (error);
      error = refused;
    }
    /* A plain call next reads again what the modem runs now. */
    if (qmi)
      qmi->data_format_ready = FALSE;
    g_task_return_error (outer, error);
    return;
  }
  if (!qmi) {
    g_task_return_new_error (outer, MD_SERIAL_ERROR, MD_SERIAL_ERROR_NOT_OPEN, "The QMI port is gone");
    return;
  }
  md_log_info (md_modem_get_log_name (modem), "modem data format: raw IP with QMAP");
  /* qmi_wwan frames raw IP and demultiplexes QMAP itself for its own mux
   * links (pass_through off); other drivers (MHI, IPA) have no switches. */
  if (!set_qmi_wwan (qmi->links, format->ifname, TRUE, &error)) {
    g_task_return_error (outer, error);
    return;
  }
  /* rmnet links carry traffic only while their parent is up. */
  if (!md_net_links_set_up (qmi->links, format->ifname, TRUE, &error)) {
    g_task_return_error (outer, error);
    return;
  }
  qmi->qmap = TRUE;
  qmi->data_format_ready = TRUE;
  g_task_return_boolean (outer, TRUE);
}

static void
start_qmap (MdModem *modem, guint pair, const char *ifname, GTask *task)
{
  Format *format = g_new0 (Format, 1);

  format->ifname = g_strdup (ifname);
  format->pair = pair;
  g_object_set_data_full (G_OBJECT (task), "qmi-format", format, format_free);
  wda_send (modem, task, WDA_SET_QMAP);
}

/* --- back from QMAP --------------------------------------------------------- */

static void
plain_parse (MdModem *modem, gpointer output, GTask *task)
{
  QmiWdaLinkLayerProtocol link = QMI_WDA_LINK_LAYER_PROTOCOL_RAW_IP;
  QmiWdaDataAggregationProtocol downlink = QMI_WDA_DATA_AGGREGATION_PROTOCOL_DISABLED;

  qmi_message_wda_set_data_format_output_get_link_layer_protocol (output, &link, NULL);
  qmi_message_wda_set_data_format_output_get_downlink_data_aggregation_protocol (output, &downlink, NULL);
  if (downlink != QMI_WDA_DATA_AGGREGATION_PROTOCOL_DISABLED) {
    g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_FAILED,
                             "The modem keeps QMAP aggregation: no plain bearer");
    return;
  }
  g_task_return_int (task, link);
}

static void
plain_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) outer = user_data;
  MdModem *modem = MD_MODEM (source);
  Format *format = format_of (outer);
  MdQmiModemData *qmi = md_qmi_pair_data (modem, format->pair);
  GError *error = NULL;
  gssize link = g_task_propagate_int (G_TASK (result), &error);

  if (endpoint_retry (modem, outer, &error, WDA_SET_PLAIN)) {
    (void)g_steal_pointer (&outer);
    return;
  }
  if (error) {
    g_task_return_error (outer, error);
    return;
  }
  if (!qmi) {
    g_task_return_new_error (outer, MD_SERIAL_ERROR, MD_SERIAL_ERROR_NOT_OPEN, "The QMI port is gone");
    return;
  }
  qmi->qmap = FALSE;
  md_log_info (md_modem_get_log_name (modem), "modem data format: %s without QMAP",
               link == QMI_WDA_LINK_LAYER_PROTOCOL_802_3 ? "802.3" : "raw IP");
  if (!set_qmi_wwan (qmi->links, format->ifname, link != QMI_WDA_LINK_LAYER_PROTOCOL_802_3, &error)) {
    g_task_return_error (outer, error);
    return;
  }
  qmi->data_format_ready = TRUE;
  g_task_return_boolean (outer, TRUE);
}

/* Only once the last mux link is gone: switching would cut them. */
static void
leave_qmap (MdModem *modem, guint pair, const char *ifname, GTask *task)
{
  MdQmiModemData *qmi = md_qmi_pair_data (modem, pair);
  Format *format;

  if (qmi->mux_in_use) {
    g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_WRONG_STATE,
                             "Multiplexed bearers are connected: the data port cannot leave QMAP for a "
                             "plain bearer (connect with multiplex=requested)");
    g_object_unref (task);
    return;
  }
  format = g_new0 (Format, 1);
  format->ifname = g_strdup (ifname);
  format->pair = pair;
  g_object_set_data_full (G_OBJECT (task), "qmi-format", format, format_free);
  wda_send (modem, task, WDA_SET_PLAIN);
}

/* --- sending ---------------------------------------------------------------- */

static QmiMessageWdaSetDataFormatInput *
set_input_new (WdaRequest request)
{
  QmiMessageWdaSetDataFormatInput *input = qmi_message_wda_set_data_format_input_new ();
  QmiWdaDataAggregationProtocol aggregation = request == WDA_SET_QMAP
                                                ? QMI_WDA_DATA_AGGREGATION_PROTOCOL_QMAP
                                                : QMI_WDA_DATA_AGGREGATION_PROTOCOL_DISABLED;

  qmi_message_wda_set_data_format_input_set_link_layer_protocol (input, QMI_WDA_LINK_LAYER_PROTOCOL_RAW_IP,
                                                                 NULL);
  qmi_message_wda_set_data_format_input_set_uplink_data_aggregation_protocol (input, aggregation, NULL);
  qmi_message_wda_set_data_format_input_set_downlink_data_aggregation_protocol (input, aggregation, NULL);
  if (request == WDA_SET_QMAP) {
    qmi_message_wda_set_data_format_input_set_downlink_data_aggregation_max_datagrams (
      input, QMAP_DL_MAX_DATAGRAMS, NULL);
    qmi_message_wda_set_data_format_input_set_downlink_data_aggregation_max_size (input, QMAP_DL_MAX_SIZE,
                                                                                  NULL);
  }
  return input;
}

/* Sends request for outer's format on an inner task whose callback gets
 * outer (this reference) back. */
static void
wda_send (MdModem *modem, GTask *outer, WdaRequest request)
{
  static const struct {
    GAsyncReadyCallback ready;
    MdQmiParseFn parse;
  } steps[] = {
    [WDA_GET] = { get_ready, get_parse },
    [WDA_SET_RAW_IP] = { set_ready, set_parse },
    [WDA_SET_QMAP] = { qmap_ready, qmap_parse },
    [WDA_SET_PLAIN] = { plain_ready, plain_parse },
  };
  Format *format = format_of (outer);
  GTask *inner = g_task_new (modem, g_task_get_cancellable (outer), steps[request].ready, outer);
  QmiDataEndpointType type = QMI_DATA_ENDPOINT_TYPE_HSUSB;
  guint interface = 0;

  if (format->use_endpoint)
    md_qmi_mux_endpoint (modem, format->ifname, &type, &interface);
  if (request == WDA_GET) {
    QmiMessageWdaGetDataFormatInput *input = NULL;

    if (format->use_endpoint) {
      input = qmi_message_wda_get_data_format_input_new ();
      qmi_message_wda_get_data_format_input_set_endpoint_info (input, type, interface, NULL);
    }
    md_qmi_pair_op (modem, format->pair, &wda_get, 0, input, 0, inner, steps[request].parse, wda_refused);
  } else {
    QmiMessageWdaSetDataFormatInput *input = set_input_new (request);

    if (format->use_endpoint)
      qmi_message_wda_set_data_format_input_set_endpoint_info (input, type, interface, NULL);
    md_qmi_pair_op (modem, format->pair, &wda_set, 0, input, 0, inner, steps[request].parse, wda_refused);
  }
}

void
md_qmi_data_format_ensure_pair (MdModem *modem, guint pair, const char *ifname, gboolean qmap, GTask *task)
{
  MdQmiModemData *qmi = md_qmi_pair_data (modem, pair);
  g_autoptr (GError) error = NULL;
  Format *format;
  gboolean kernel_raw_ip = FALSE;

  /* A round that did not get as far as the kernel's switches left them. */
  if (qmi)
    qmi->kernel_pending = FALSE;
  if (qmi && qmi->qmap && !qmap) {
    leave_qmap (modem, pair, ifname, task);
    return;
  }
  if (!qmi || (qmi->data_format_ready && qmi->qmap == qmap)) {
    g_task_return_boolean (task, TRUE);
    g_object_unref (task);
    return;
  }
  if (qmap) {
    start_qmap (modem, pair, ifname, task);
    return;
  }
  if (!md_net_link_qmi_get_raw_ip (md_net_links_get_sysfs_root (qmi->links), ifname, &kernel_raw_ip,
                                   &error)) {
    if (g_error_matches (error, MD_CORE_ERROR, MD_CORE_ERROR_NOT_FOUND)) {
      /* Not qmi_wwan: the interface frames what the modem sends. */
      md_log_debug (md_modem_get_log_name (modem), "%s", error->message);
      qmi->data_format_ready = TRUE;
      g_task_return_boolean (task, TRUE);
    } else {
      g_task_return_error (task, g_steal_pointer (&error));
    }
    g_object_unref (task);
    return;
  }
  format = g_new0 (Format, 1);
  format->ifname = g_strdup (ifname);
  format->pair = pair;
  g_object_set_data_full (G_OBJECT (task), "qmi-format", format, format_free);
  wda_send (modem, task, WDA_GET);
}
