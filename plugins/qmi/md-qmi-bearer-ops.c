/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Data calls of a QMI modem, IPv4 only and one at a time: WDS Start
 * Network (APN, credentials) gives a packet data handle kept with the
 * bearer; WDS Get Current Settings gives the static IPv4 configuration
 * for the modem's network interface; WDS Stop Network ends the call, and
 * the Packet Service Status indication tells when the network ended it.
 * No WDA data format or multiplexing yet: the interface is used as is. */
#include "md-bearer.h"
#include "md-errors.h"
#include "md-log.h"
#include "md-modem-connect.h"
#include "md-qmi-ops.h"

MD_QMI_REQUEST_IN (wds_start, QMI_SERVICE_WDS, QMI_CLIENT_WDS, wds_start_network, "WDS Start Network");
MD_QMI_REQUEST_IN (wds_stop, QMI_SERVICE_WDS, QMI_CLIENT_WDS, wds_stop_network, "WDS Stop Network");
MD_QMI_REQUEST_IN (wds_settings, QMI_SERVICE_WDS, QMI_CLIENT_WDS, wds_get_current_settings,
                   "WDS Get Current Settings");

/* 3GPP TS 24.008 cause 27: missing or unknown APN. */
#define CAUSE_UNKNOWN_APN 27

static const char *
first_net_port (MdModem *modem)
{
  guint n_ports = 0;
  const MdModemPort *ports = md_modem_get_ports (modem, &n_ports);

  for (guint i = 0; i < n_ports; i++) {
    if (ports[i].type == MD_MODEM_PORT_TYPE_NET)
      return ports[i].name;
  }
  return NULL;
}

char *
md_qmi_ipv4_to_string (guint32 address)
{
  return g_strdup_printf ("%u.%u.%u.%u", address >> 24, (address >> 16) & 0xFF, (address >> 8) & 0xFF,
                          address & 0xFF);
}

guint
md_qmi_ipv4_prefix (guint32 mask)
{
  guint prefix = 0;

  /* Leading ones only; a mask with holes counts up to its first zero. */
  while (prefix < 32 && (mask & (0x80000000u >> prefix)))
    prefix++;
  return prefix;
}

/* --- connect ------------------------------------------------------------------ */

/* The bearer an op works on, kept on its task (the task data is the
 * request helper's). */
static MdBearer *
task_bearer (GTask *task)
{
  return g_object_get_data (G_OBJECT (task), "bearer");
}

static void
set_task_bearer (GTask *task, MdBearer *bearer)
{
  g_object_set_data_full (G_OBJECT (task), "bearer", g_object_ref (bearer), g_object_unref);
}

static void
parse_settings (MdModem *modem, gpointer output, GTask *task)
{
  MdBearer *bearer = task_bearer (task);
  MdIpConfig *ip4 = md_ip_config_new (MD_BEARER_IP_METHOD_STATIC);
  guint32 address = 0, gateway = 0, mask = 0, dns1 = 0, dns2 = 0, mtu = 0;
  GPtrArray *dns = g_ptr_array_new ();

  if (!qmi_message_wds_get_current_settings_output_get_ipv4_address (output, &address, NULL)
      || address == 0) {
    /* No address given: the host asks DHCP on the interface. */
    md_ip_config_free (ip4);
    ip4 = md_ip_config_new (MD_BEARER_IP_METHOD_DHCP);
  } else {
    ip4->address = md_qmi_ipv4_to_string (address);
    if (qmi_message_wds_get_current_settings_output_get_ipv4_gateway_subnet_mask (output, &mask, NULL))
      ip4->prefix = md_qmi_ipv4_prefix (mask);
    if (qmi_message_wds_get_current_settings_output_get_ipv4_gateway_address (output, &gateway, NULL)
        && gateway)
      ip4->gateway = md_qmi_ipv4_to_string (gateway);
    if (qmi_message_wds_get_current_settings_output_get_primary_ipv4_dns_address (output, &dns1, NULL)
        && dns1)
      g_ptr_array_add (dns, md_qmi_ipv4_to_string (dns1));
    if (qmi_message_wds_get_current_settings_output_get_secondary_ipv4_dns_address (output, &dns2, NULL)
        && dns2)
      g_ptr_array_add (dns, md_qmi_ipv4_to_string (dns2));
    if (qmi_message_wds_get_current_settings_output_get_mtu (output, &mtu, NULL))
      ip4->mtu = mtu;
  }
  g_ptr_array_add (dns, NULL);
  ip4->dns = (GStrv)g_ptr_array_free (dns, FALSE);
  md_bearer_set_connected (bearer, first_net_port (modem), ip4, NULL);
  g_task_return_boolean (task, TRUE);
}

/* Settings the modem does not give leave the interface to DHCP; a modem
 * that went away fails the connect. */
static void
settings_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  MdModem *modem = MD_MODEM (source);
  MdBearer *bearer = task_bearer (task);
  GError *error = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error)) {
    g_task_return_boolean (task, TRUE);
    return;
  }
  if (g_error_matches (error, MD_SERIAL_ERROR, MD_SERIAL_ERROR_NOT_OPEN)
      || g_error_matches (error, MD_CORE_ERROR, MD_CORE_ERROR_CANCELLED)) {
    g_task_return_error (task, error);
    return;
  }
  md_log_info (md_bearer_get_log_name (bearer), "no IP settings (%s): DHCP on the interface", error->message);
  g_error_free (error);
  md_bearer_set_connected (bearer, first_net_port (modem), md_ip_config_new (MD_BEARER_IP_METHOD_DHCP), NULL);
  g_task_return_boolean (task, TRUE);
}

static void
started (MdModem *modem, gpointer output, GTask *task)
{
  MdBearer *bearer = task_bearer (task);
  QmiMessageWdsGetCurrentSettingsInput *input = qmi_message_wds_get_current_settings_input_new ();
  GTask *inner = g_task_new (modem, g_task_get_cancellable (task), settings_ready, g_object_ref (task));
  guint32 handle = 0;

  qmi_message_wds_start_network_output_get_packet_data_handle (output, &handle, NULL);
  md_bearer_set_protocol_data (bearer, GUINT_TO_POINTER (handle), NULL);
  md_log_info (md_bearer_get_log_name (bearer), "QMI call up (handle 0x%08x)", handle);
  qmi_message_wds_get_current_settings_input_set_requested_settings (
    input,
    QMI_WDS_REQUESTED_SETTINGS_IP_ADDRESS | QMI_WDS_REQUESTED_SETTINGS_GATEWAY_INFO
      | QMI_WDS_REQUESTED_SETTINGS_DNS_ADDRESS | QMI_WDS_REQUESTED_SETTINGS_MTU,
    NULL);
  /* The connect is answered once the settings are in. */
  set_task_bearer (inner, bearer);
  md_qmi_op (modem, &wds_settings, input, 0, inner, parse_settings);
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
qmi_connect (MdModem *modem, MdBearer *bearer, GCancellable *cancellable, GTask *task)
{
  const MdBearerSettings *settings = md_bearer_get_settings (bearer);
  QmiMessageWdsStartNetworkInput *input;

  set_task_bearer (task, bearer);
  if (settings->ip_type != MD_BEARER_IP_FAMILY_NONE && settings->ip_type != MD_BEARER_IP_FAMILY_IPV4
      && settings->ip_type != MD_BEARER_IP_FAMILY_ANY) {
    g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED,
                             "QMI data calls are IPv4 only for now");
    g_object_unref (task);
    return;
  }
  if (!first_net_port (modem)) {
    g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_NOT_FOUND,
                             "The modem has no network interface");
    g_object_unref (task);
    return;
  }
  input = qmi_message_wds_start_network_input_new ();
  qmi_message_wds_start_network_input_set_apn (input, settings->apn ? settings->apn : "", NULL);
  qmi_message_wds_start_network_input_set_ip_family_preference (input, QMI_WDS_IP_FAMILY_IPV4, NULL);
  if (settings->user && *settings->user) {
    qmi_message_wds_start_network_input_set_username (input, settings->user, NULL);
    qmi_message_wds_start_network_input_set_password (input, settings->password ? settings->password : "",
                                                      NULL);
    qmi_message_wds_start_network_input_set_authentication_preference (
      input, QMI_WDS_AUTHENTICATION_PAP | QMI_WDS_AUTHENTICATION_CHAP, NULL);
  }
  md_qmi_op_full (modem, &wds_start, input, MD_QMI_TIMEOUT_NETWORK_S, task, started, start_refused);
}

/* --- disconnect ------------------------------------------------------------------ */

static void
stopped (MdModem *modem, gpointer output, GTask *task)
{
  md_bearer_set_protocol_data (task_bearer (task), NULL, NULL);
  g_task_return_boolean (task, TRUE);
}

/* A call the modem already ended counts as stopped. */
static void
stop_refused (MdModem *modem, gpointer output, GError *error, GTask *task)
{
  if (g_error_matches (error, QMI_PROTOCOL_ERROR, QMI_PROTOCOL_ERROR_INVALID_HANDLE)
      || g_error_matches (error, QMI_PROTOCOL_ERROR, QMI_PROTOCOL_ERROR_NO_EFFECT)) {
    g_error_free (error);
    stopped (modem, output, task);
    return;
  }
  g_task_return_error (task, md_qmi_protocol_error (error, "WDS Stop Network"));
}

static void
qmi_disconnect (MdModem *modem, MdBearer *bearer, GTask *task)
{
  guint32 handle = GPOINTER_TO_UINT (md_bearer_get_protocol_data (bearer));
  QmiMessageWdsStopNetworkInput *input;

  set_task_bearer (task, bearer);
  if (!handle) {
    g_task_return_boolean (task, TRUE);
    g_object_unref (task);
    return;
  }
  input = qmi_message_wds_stop_network_input_new ();
  qmi_message_wds_stop_network_input_set_packet_data_handle (input, handle, NULL);
  md_qmi_op_full (modem, &wds_stop, input, MD_QMI_TIMEOUT_NETWORK_S, task, stopped, stop_refused);
}

/* --- the network ending the call ------------------------------------------------- */

/* The connected bearer holding a call: one at a time on the WDS client. */
static MdBearer *
call_bearer (MdModem *modem)
{
  GPtrArray *bearers = md_modem_get_bearers (modem);

  for (guint i = 0; i < bearers->len; i++) {
    MdBearer *bearer = g_ptr_array_index (bearers, i);

    if (md_bearer_is_connected (bearer) && md_bearer_get_protocol_data (bearer))
      return bearer;
  }
  return NULL;
}

static void
packet_service_indication (QmiClientWds *client, QmiIndicationWdsPacketServiceStatusOutput *output,
                           gpointer user_data)
{
  MdModem *modem = user_data;
  QmiWdsConnectionStatus status = QMI_WDS_CONNECTION_STATUS_UNKNOWN;
  QmiWdsCallEndReason end = 0;
  MdBearer *bearer;
  g_autoptr (GError) reason = NULL;

  if (!qmi_indication_wds_packet_service_status_output_get_connection_status (output, &status, NULL, NULL)
      || status != QMI_WDS_CONNECTION_STATUS_DISCONNECTED || !(bearer = call_bearer (modem)))
    return;
  qmi_indication_wds_packet_service_status_output_get_call_end_reason (output, &end, NULL);
  md_log_info (md_bearer_get_log_name (bearer), "the network ended the call (reason %u)", (guint)end);
  reason = g_error_new (MD_CONNECTION_ERROR, MD_CONNECTION_ERROR_NO_CARRIER,
                        "The network ended the call (reason %u)", (guint)end);
  g_object_ref (bearer);
  md_bearer_set_protocol_data (bearer, NULL, NULL);
  md_modem_bearer_dropped (modem, bearer, reason);
  g_object_unref (bearer);
}

void
md_qmi_bearer_client_allocated (MdModem *modem, QmiClient *client)
{
  if (QMI_IS_CLIENT_WDS (client))
    g_signal_connect_object (client, "packet-service-status", G_CALLBACK (packet_service_indication), modem,
                             0);
}

const MdModemBearerOps md_qmi_bearer_ops = {
  .connect = qmi_connect,
  .disconnect = qmi_disconnect,
};
