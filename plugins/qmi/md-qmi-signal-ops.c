/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Signal ops over QMI: NAS Get Signal Info's per-radio measurements in
 * Modem.Signal's dictionaries (GSM rssi; UMTS rssi and Ec/Io; LTE rssi,
 * rsrq, rsrp and snr; 5G rsrp and snr). Firmware: the running revision. */
#include "md-errors.h"
#include "md-qmi-ops.h"

MD_QMI_REQUEST (nas_signal_values, QMI_SERVICE_NAS, QMI_CLIENT_NAS, nas_get_signal_info,
                "NAS Get Signal Info");

static void
parse_signal_values (MdModem *modem, gpointer output, GTask *task)
{
  g_autofree MdSignalReport *report = g_new (MdSignalReport, 1);
  gint8 rssi = 0, rsrq = 0;
  gint16 rsrp = 0, snr = 0, ecio = 0;
  gboolean any = FALSE;

  md_signal_report_clear (report);
  if (qmi_message_nas_get_signal_info_output_get_gsm_signal_strength (output, &rssi, NULL)) {
    report->tech[MD_SIGNAL_TECH_GSM].rssi = rssi;
    any = TRUE;
  }
  if (qmi_message_nas_get_signal_info_output_get_wcdma_signal_strength (output, &rssi, &ecio, NULL)) {
    report->tech[MD_SIGNAL_TECH_UMTS].rssi = rssi;
    /* Ec/Io comes in steps of -0.5 dB. */
    report->tech[MD_SIGNAL_TECH_UMTS].ecio = -0.5 * ecio;
    any = TRUE;
  }
  if (qmi_message_nas_get_signal_info_output_get_lte_signal_strength (output, &rssi, &rsrq, &rsrp, &snr,
                                                                      NULL)) {
    report->tech[MD_SIGNAL_TECH_LTE].rssi = rssi;
    report->tech[MD_SIGNAL_TECH_LTE].rsrq = rsrq;
    report->tech[MD_SIGNAL_TECH_LTE].rsrp = rsrp;
    /* SNR comes in steps of 0.1 dB. */
    report->tech[MD_SIGNAL_TECH_LTE].snr = 0.1 * snr;
    any = TRUE;
  }
  if (qmi_message_nas_get_signal_info_output_get_5g_signal_strength (output, &rsrp, &snr, NULL)) {
    report->tech[MD_SIGNAL_TECH_NR5G].rsrp = rsrp;
    report->tech[MD_SIGNAL_TECH_NR5G].snr = 0.1 * snr;
    any = TRUE;
  }
  if (!any) {
    g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "No radio reported its signal");
    return;
  }
  g_task_return_pointer (task, g_steal_pointer (&report), g_free);
}

static void
qmi_load_signal_values (MdModem *modem, GTask *task)
{
  md_qmi_op (modem, &nas_signal_values, NULL, 0, task, parse_signal_values);
}

const MdModemSignalOps md_qmi_signal_ops = {
  .load_values = qmi_load_signal_values,
};

/* DMS Get Revision names the running firmware (init's identity); the
 * driver reads no list of stored images. */
const MdModemFirmwareOps md_qmi_firmware_ops = {
  .load_images = NULL,
};
