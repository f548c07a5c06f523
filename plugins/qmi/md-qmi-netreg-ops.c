/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Network registration of a QMI modem through NAS: Get Serving System
 * (polled) and its Serving System indication carry the registration,
 * the operator and the radio in use; Initiate Network Register selects
 * automatic or manual; Network Scan lists networks; Get Signal Info and
 * its indication give the signal. Indications feed the same code as the
 * poll. */
#include "md-errors.h"
#include "md-log.h"
#include "md-qmi-ops.h"

MD_QMI_REQUEST (nas_serving, QMI_SERVICE_NAS, QMI_CLIENT_NAS, nas_get_serving_system,
                "NAS Get Serving System");
MD_QMI_REQUEST_IN (nas_register, QMI_SERVICE_NAS, QMI_CLIENT_NAS, nas_initiate_network_register,
                   "NAS Initiate Network Register");
MD_QMI_REQUEST (nas_scan, QMI_SERVICE_NAS, QMI_CLIENT_NAS, nas_network_scan, "NAS Network Scan");
MD_QMI_REQUEST (nas_signal, QMI_SERVICE_NAS, QMI_CLIENT_NAS, nas_get_signal_info, "NAS Get Signal Info");
MD_QMI_REQUEST_IN (nas_indications, QMI_SERVICE_NAS, QMI_CLIENT_NAS, nas_register_indications,
                   "NAS Register Indications");

/* What Get Serving System and its indication say, in the API's terms. */
typedef struct {
  MdModem3gppRegistrationState state;
  guint32 act; /* MdModemAccessTechnology bits */
  char *code;  /* MCC+MNC; NULL when unknown */
  char *name;
  MdCellLocation location;
} ServingSystem;

static void
serving_system_clear (ServingSystem *serving)
{
  g_free (serving->code);
  g_free (serving->name);
}

static void
read_serving_system (ServingSystem *serving, QmiNasRegistrationState state, GArray *radios,
                     gboolean have_plmn, guint16 mcc, guint16 mnc, gboolean pcs_digit,
                     const char *description, gboolean roaming)
{
  switch (state) {
  case QMI_NAS_REGISTRATION_STATE_NOT_REGISTERED:
    serving->state = MD_MODEM_3GPP_REGISTRATION_STATE_IDLE;
    break;
  case QMI_NAS_REGISTRATION_STATE_REGISTERED:
    serving->state
      = roaming ? MD_MODEM_3GPP_REGISTRATION_STATE_ROAMING : MD_MODEM_3GPP_REGISTRATION_STATE_HOME;
    break;
  case QMI_NAS_REGISTRATION_STATE_NOT_REGISTERED_SEARCHING:
    serving->state = MD_MODEM_3GPP_REGISTRATION_STATE_SEARCHING;
    break;
  case QMI_NAS_REGISTRATION_STATE_REGISTRATION_DENIED:
    serving->state = MD_MODEM_3GPP_REGISTRATION_STATE_DENIED;
    break;
  case QMI_NAS_REGISTRATION_STATE_UNKNOWN: serving->state = MD_MODEM_3GPP_REGISTRATION_STATE_UNKNOWN; break;
  }
  for (guint i = 0; radios && i < radios->len; i++)
    serving->act
      |= md_qmi_radio_interface_to_access_technology (g_array_index (radios, QmiNasRadioInterface, i));
  if (have_plmn)
    serving->code = md_qmi_plmn_code (mcc, mnc, pcs_digit);
  if (have_plmn && description && *description && g_utf8_validate (description, -1, NULL))
    serving->name = g_strdup (description);
}

static void
apply_serving_system (MdModem *modem, const ServingSystem *serving)
{
  md_modem_update_registration (modem, MD_REG_DOMAIN_PS, serving->state, &serving->location, serving->act);
  if (md_modem_is_registered (modem))
    md_modem_set_operator (modem, serving->code, serving->name);
}

static gboolean
serving_from_response (QmiMessageNasGetServingSystemOutput *output, ServingSystem *serving)
{
  QmiNasRegistrationState state = QMI_NAS_REGISTRATION_STATE_UNKNOWN;
  QmiNasRoamingIndicatorStatus roaming = QMI_NAS_ROAMING_INDICATOR_STATUS_OFF;
  GArray *radios = NULL;
  guint16 mcc = 0, mnc = 0, lac = 0;
  guint32 cid = 0;
  gboolean pcs = FALSE;
  const char *description = NULL;
  gboolean have_plmn;

  if (!qmi_message_nas_get_serving_system_output_get_serving_system (output, &state, NULL, NULL, NULL,
                                                                     &radios, NULL))
    return FALSE;
  qmi_message_nas_get_serving_system_output_get_roaming_indicator (output, &roaming, NULL);
  have_plmn
    = qmi_message_nas_get_serving_system_output_get_current_plmn (output, &mcc, &mnc, &description, NULL);
  qmi_message_nas_get_serving_system_output_get_mnc_pcs_digit_include_status (output, NULL, NULL, &pcs, NULL);
  if (qmi_message_nas_get_serving_system_output_get_lac_3gpp (output, &lac, NULL))
    serving->location.lac = lac;
  if (qmi_message_nas_get_serving_system_output_get_cid_3gpp (output, &cid, NULL))
    serving->location.cell_id = cid;
  read_serving_system (serving, state, radios, have_plmn, mcc, mnc, pcs, description,
                       roaming == QMI_NAS_ROAMING_INDICATOR_STATUS_ON);
  return TRUE;
}

static gboolean
serving_from_indication (QmiIndicationNasServingSystemOutput *output, ServingSystem *serving)
{
  QmiNasRegistrationState state = QMI_NAS_REGISTRATION_STATE_UNKNOWN;
  QmiNasRoamingIndicatorStatus roaming = QMI_NAS_ROAMING_INDICATOR_STATUS_OFF;
  GArray *radios = NULL;
  guint16 mcc = 0, mnc = 0, lac = 0;
  guint32 cid = 0;
  gboolean pcs = FALSE;
  const char *description = NULL;
  gboolean have_plmn;

  if (!qmi_indication_nas_serving_system_output_get_serving_system (output, &state, NULL, NULL, NULL, &radios,
                                                                    NULL))
    return FALSE;
  qmi_indication_nas_serving_system_output_get_roaming_indicator (output, &roaming, NULL);
  have_plmn
    = qmi_indication_nas_serving_system_output_get_current_plmn (output, &mcc, &mnc, &description, NULL);
  qmi_indication_nas_serving_system_output_get_mnc_pcs_digit_include_status (output, NULL, NULL, &pcs, NULL);
  if (qmi_indication_nas_serving_system_output_get_lac_3gpp (output, &lac, NULL))
    serving->location.lac = lac;
  if (qmi_indication_nas_serving_system_output_get_cid_3gpp (output, &cid, NULL))
    serving->location.cell_id = cid;
  read_serving_system (serving, state, radios, have_plmn, mcc, mnc, pcs, description,
                       roaming == QMI_NAS_ROAMING_INDICATOR_STATUS_ON);
  return TRUE;
}

/* --- poll ------------------------------------------------------------------------ */

/* One Get Serving System gives the registration, the radio in use and the
 * operator, applied together as the indication is: the table leaves
 * load_operator and load_access_technologies out, so a poll costs one
 * request (md-modem-ops.h). */
static void
parse_serving (MdModem *modem, gpointer output, GTask *task)
{
  ServingSystem serving = { 0 };

  if (!serving_from_response (output, &serving)) {
    g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "Serving system without its state");
    return;
  }
  apply_serving_system (modem, &serving);
  g_task_return_boolean (task, TRUE);
  serving_system_clear (&serving);
}

static void
qmi_poll_registration (MdModem *modem, GTask *task)
{
  md_qmi_op (modem, &nas_serving, NULL, 0, task, parse_serving);
}

/* --- register -------------------------------------------------------------------- */

static void
register_done (MdModem *modem, gpointer output, GTask *task)
{
  g_task_return_boolean (task, TRUE);
}

/* Already registered as asked: NO_EFFECT is success. A network that
 * refuses us is NetworkNotAllowed, what +COPS answers on AT (+CME ERROR:
 * 32) and the MBIM driver reports. */
static void
register_refused (MdModem *modem, gpointer output, GError *error, GTask *task)
{
  if (g_error_matches (error, QMI_PROTOCOL_ERROR, QMI_PROTOCOL_ERROR_NO_EFFECT)) {
    g_error_free (error);
    g_task_return_boolean (task, TRUE);
    return;
  }
  if (g_error_matches (error, QMI_PROTOCOL_ERROR, QMI_PROTOCOL_ERROR_ACCESS_DENIED)) {
    g_task_return_new_error (task, MD_MOBILE_EQUIPMENT_ERROR, MD_MOBILE_EQUIPMENT_ERROR_NETWORK_NOT_ALLOWED,
                             "The network refused the registration: %s", error->message);
    g_error_free (error);
    return;
  }
  g_task_return_error (task, md_qmi_protocol_error (error, "NAS Initiate Network Register"));
}

static void
qmi_register_network (MdModem *modem, const char *operator_id, GTask *task)
{
  QmiMessageNasInitiateNetworkRegisterInput *input = qmi_message_nas_initiate_network_register_input_new ();
  guint16 mcc = 0, mnc = 0;
  gboolean pcs = FALSE;

  if (!operator_id || !*operator_id) {
    qmi_message_nas_initiate_network_register_input_set_action (
      input, QMI_NAS_NETWORK_REGISTER_TYPE_AUTOMATIC, NULL);
  } else if (!md_qmi_plmn_parse (operator_id, &mcc, &mnc, &pcs)) {
    qmi_message_nas_initiate_network_register_input_unref (input);
    g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS, "Invalid operator code '%s'",
                             operator_id);
    g_object_unref (task);
    return;
  } else {
    qmi_message_nas_initiate_network_register_input_set_action (input, QMI_NAS_NETWORK_REGISTER_TYPE_MANUAL,
                                                                NULL);
    /* Any radio: the API's operator id names no technology. */
    qmi_message_nas_initiate_network_register_input_set_manual_registration_info_3gpp (
      input, mcc, mnc, QMI_NAS_RADIO_INTERFACE_UNKNOWN, NULL);
    qmi_message_nas_initiate_network_register_input_set_mnc_pcs_digit_include_status (input, pcs, NULL);
  }
  md_qmi_op_full (modem, &nas_register, input, MD_QMI_TIMEOUT_NETWORK_S, task, register_done,
                  register_refused);
}

/* --- scan ---------------------------------------------------------------------- */

static MdModem3gppNetworkAvailability
availability_from_status (QmiNasNetworkStatus status)
{
  if (status & QMI_NAS_NETWORK_STATUS_CURRENT_SERVING)
    return MD_MODEM_3GPP_NETWORK_AVAILABILITY_CURRENT;
  if (status & QMI_NAS_NETWORK_STATUS_FORBIDDEN)
    return MD_MODEM_3GPP_NETWORK_AVAILABILITY_FORBIDDEN;
  if (status & QMI_NAS_NETWORK_STATUS_AVAILABLE)
    return MD_MODEM_3GPP_NETWORK_AVAILABILITY_AVAILABLE;
  return MD_MODEM_3GPP_NETWORK_AVAILABILITY_UNKNOWN;
}

static void
parse_scan (MdModem *modem, gpointer output, GTask *task)
{
  GArray *info = NULL, *rats = NULL, *pcs = NULL;
  GPtrArray *networks = g_ptr_array_new_with_free_func ((GDestroyNotify)md_network_free);

  qmi_message_nas_network_scan_output_get_network_information (output, &info, NULL);
  qmi_message_nas_network_scan_output_get_radio_access_technology (output, &rats, NULL);
  qmi_message_nas_network_scan_output_get_mnc_pcs_digit_include_status (output, &pcs, NULL);
  for (guint i = 0; info && i < info->len; i++) {
    QmiMessageNasNetworkScanOutputNetworkInformationElement *element
      = &g_array_index (info, QmiMessageNasNetworkScanOutputNetworkInformationElement, i);
    MdNetwork *network = g_new0 (MdNetwork, 1);
    gboolean three_digits = FALSE;

    for (guint j = 0; pcs && j < pcs->len; j++) {
      QmiMessageNasNetworkScanOutputMncPcsDigitIncludeStatusElement *p
        = &g_array_index (pcs, QmiMessageNasNetworkScanOutputMncPcsDigitIncludeStatusElement, j);

      if (p->mcc == element->mcc && p->mnc == element->mnc)
        three_digits = p->includes_pcs_digit;
    }
    for (guint j = 0; rats && j < rats->len; j++) {
      QmiMessageNasNetworkScanOutputRadioAccessTechnologyElement *r
        = &g_array_index (rats, QmiMessageNasNetworkScanOutputRadioAccessTechnologyElement, j);

      if (r->mcc == element->mcc && r->mnc == element->mnc)
        network->access_technology |= md_qmi_radio_interface_to_access_technology (r->radio_interface);
    }
    network->code = md_qmi_plmn_code (element->mcc, element->mnc, three_digits);
    if (element->description && g_utf8_validate (element->description, -1, NULL))
      network->long_name = g_strdup (element->description);
    network->availability = availability_from_status (element->network_status);
    if (network->code)
      g_ptr_array_add (networks, network);
    else
      md_network_free (network);
  }
  g_task_return_pointer (task, networks, (GDestroyNotify)g_ptr_array_unref);
}

static void
qmi_scan (MdModem *modem, GTask *task)
{
  md_qmi_op (modem, &nas_scan, NULL, MD_QMI_TIMEOUT_SCAN_S, task, parse_scan);
}

/* --- signal ---------------------------------------------------------------------- */

/* What Get Signal Info and the Signal Info indication report, per radio. */
typedef struct {
  gboolean nr, lte, wcdma, gsm;
  gint16 nr_rsrp;
  gint8 lte_rssi, wcdma_rssi, gsm_rssi;
} SignalValues;

/* The fastest radio that reports wins; -1 when none does. */
static gint
quality_from_values (const SignalValues *v)
{
  if (v->nr)
    return md_qmi_quality_from_rsrp (v->nr_rsrp);
  if (v->lte)
    return md_qmi_quality_from_rssi (v->lte_rssi);
  if (v->wcdma)
    return md_qmi_quality_from_rssi (v->wcdma_rssi);
  if (v->gsm)
    return md_qmi_quality_from_rssi (v->gsm_rssi);
  return -1;
}

static void
parse_signal (MdModem *modem, gpointer output, GTask *task)
{
  SignalValues v = { 0 };
  gint quality;

  v.nr = qmi_message_nas_get_signal_info_output_get_5g_signal_strength (output, &v.nr_rsrp, NULL, NULL);
  v.lte = qmi_message_nas_get_signal_info_output_get_lte_signal_strength (output, &v.lte_rssi, NULL, NULL,
                                                                          NULL, NULL);
  v.wcdma
    = qmi_message_nas_get_signal_info_output_get_wcdma_signal_strength (output, &v.wcdma_rssi, NULL, NULL);
  v.gsm = qmi_message_nas_get_signal_info_output_get_gsm_signal_strength (output, &v.gsm_rssi, NULL);
  quality = quality_from_values (&v);
  if (quality < 0) {
    g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "Signal strength unknown");
    return;
  }
  g_task_return_int (task, quality);
}

static void
qmi_load_signal_quality (MdModem *modem, GTask *task)
{
  md_qmi_op (modem, &nas_signal, NULL, 0, task, parse_signal);
}

/* --- indications ------------------------------------------------------------------ */

static void
serving_system_indication (QmiClientNas *client, QmiIndicationNasServingSystemOutput *output,
                           gpointer user_data)
{
  MdModem *modem = user_data;
  ServingSystem serving = { 0 };

  if (serving_from_indication (output, &serving))
    apply_serving_system (modem, &serving);
  else
    md_log_debug (md_modem_get_log_name (modem), "serving system indication without its state");
  serving_system_clear (&serving);
}

static void
signal_info_indication (QmiClientNas *client, QmiIndicationNasSignalInfoOutput *output, gpointer user_data)
{
  MdModem *modem = user_data;
  SignalValues v = { 0 };
  gint quality;

  v.nr = qmi_indication_nas_signal_info_output_get_5g_signal_strength (output, &v.nr_rsrp, NULL, NULL);
  v.lte = qmi_indication_nas_signal_info_output_get_lte_signal_strength (output, &v.lte_rssi, NULL, NULL,
                                                                         NULL, NULL);
  v.wcdma
    = qmi_indication_nas_signal_info_output_get_wcdma_signal_strength (output, &v.wcdma_rssi, NULL, NULL);
  v.gsm = qmi_indication_nas_signal_info_output_get_gsm_signal_strength (output, &v.gsm_rssi, NULL);
  quality = quality_from_values (&v);
  if (quality >= 0)
    md_modem_set_signal_quality (modem, (guint)quality, TRUE);
  else
    md_modem_set_signal_quality (modem, 0, FALSE);
}

void
md_qmi_netreg_client_allocated (MdModem *modem, QmiClient *client)
{
  if (!QMI_IS_CLIENT_NAS (client))
    return;
  g_signal_connect_object (client, "serving-system", G_CALLBACK (serving_system_indication), modem, 0);
  g_signal_connect_object (client, "signal-info", G_CALLBACK (signal_info_indication), modem, 0);
  g_signal_connect_object (client, "system-info", G_CALLBACK (md_qmi_system_info_indication), modem, 0);
}

static void
indications_done (MdModem *modem, gpointer output, GTask *task)
{
  g_task_return_boolean (task, TRUE);
}

static void
set_indications (MdModem *modem, gboolean enable, GTask *task)
{
  QmiMessageNasRegisterIndicationsInput *input = qmi_message_nas_register_indications_input_new ();

  qmi_message_nas_register_indications_input_set_serving_system_events (input, enable, NULL);
  qmi_message_nas_register_indications_input_set_signal_info (input, enable, NULL);
  qmi_message_nas_register_indications_input_set_system_info (input, enable, NULL);
  md_qmi_op (modem, &nas_indications, input, 0, task, indications_done);
}

static void
qmi_enable_unsolicited (MdModem *modem, GTask *task)
{
  set_indications (modem, TRUE, task);
}

static void
qmi_disable_unsolicited (MdModem *modem, GTask *task)
{
  set_indications (modem, FALSE, task);
}

const MdModemNetregOps md_qmi_netreg_ops = {
  .enable_unsolicited = qmi_enable_unsolicited,
  .disable_unsolicited = qmi_disable_unsolicited,
  .poll_registration = qmi_poll_registration,
  .register_network = qmi_register_network,
  .scan = qmi_scan,
  .load_signal_quality = qmi_load_signal_quality,
};
