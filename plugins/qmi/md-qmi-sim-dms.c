/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The SIM of a QMI modem whose firmware lacks the UIM service: DMS's UIM
 * messages give PIN1's state and retries, take PIN1 codes (Verify,
 * Unblock, Change, Set PIN Protection) and read the ICCID and IMSI. The
 * router in md-qmi-sim-ops.c decides when this path is taken. */
#include "md-errors.h"
#include "md-log.h"
#include "md-qmi-sim.h"
#include "md-qmi-uim-parse.h"
#include "md-sim.h"

MD_QMI_REQUEST (dms_pin_status, QMI_SERVICE_DMS, QMI_CLIENT_DMS, dms_uim_get_pin_status,
                "DMS UIM Get PIN Status");
MD_QMI_REQUEST_IN (dms_verify, QMI_SERVICE_DMS, QMI_CLIENT_DMS, dms_uim_verify_pin, "DMS UIM Verify PIN");
MD_QMI_REQUEST_IN (dms_unblock, QMI_SERVICE_DMS, QMI_CLIENT_DMS, dms_uim_unblock_pin, "DMS UIM Unblock PIN");
MD_QMI_REQUEST_IN (dms_change, QMI_SERVICE_DMS, QMI_CLIENT_DMS, dms_uim_change_pin, "DMS UIM Change PIN");
MD_QMI_REQUEST_IN (dms_protection, QMI_SERVICE_DMS, QMI_CLIENT_DMS, dms_uim_set_pin_protection,
                   "DMS UIM Set PIN Protection");
MD_QMI_REQUEST (dms_iccid, QMI_SERVICE_DMS, QMI_CLIENT_DMS, dms_uim_get_iccid, "DMS UIM Get ICCID");
MD_QMI_REQUEST (dms_imsi, QMI_SERVICE_DMS, QMI_CLIENT_DMS, dms_uim_get_imsi, "DMS UIM Get IMSI");

/* --- PIN status ------------------------------------------------------------ */

static void
parse_pin_status (MdModem *modem, gpointer output, GTask *task)
{
  MdQmiSimWhat what = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (task), "what"));
  QmiDmsUimPinStatus state = QMI_DMS_UIM_PIN_STATUS_NOT_INITIALIZED;
  guint8 pin_left = 0;
  guint8 puk_left = 0;
  MdQmiCardStatus status = { 0 };
  GError *error = NULL;

  if (!qmi_message_dms_uim_get_pin_status_output_get_pin1_status (output, &state, &pin_left, &puk_left,
                                                                  &error)) {
    g_task_return_error (task, md_qmi_protocol_error (error, "DMS UIM Get PIN Status"));
    return;
  }
  if (!md_qmi_dms_pin_status_read (state, pin_left, puk_left, &status, &error)) {
    g_task_return_error (task, error);
    return;
  }
  switch (what) {
  case MD_QMI_SIM_UNLOCK_REQUIRED: g_task_return_int (task, status.lock); return;
  case MD_QMI_SIM_FACILITY_LOCKS:
    g_task_return_int (task, status.pin_enabled ? MD_MODEM_3GPP_FACILITY_SIM : MD_MODEM_3GPP_FACILITY_NONE);
    return;
  case MD_QMI_SIM_UNLOCK_RETRIES: {
    GArray *retries = g_array_new (FALSE, FALSE, sizeof (MdUnlockRetry));
    MdUnlockRetry all[] = {
      { MD_MODEM_LOCK_SIM_PIN, status.pin1_retries },
      { MD_MODEM_LOCK_SIM_PUK, status.puk1_retries },
    };

    g_array_append_vals (retries, all, G_N_ELEMENTS (all));
    g_task_return_pointer (task, retries, (GDestroyNotify)g_array_unref);
    return;
  }
  case MD_QMI_SIM_INFO:
  case MD_QMI_SIM_SEND_PIN:
  case MD_QMI_SIM_SEND_PUK:
  case MD_QMI_SIM_ENABLE_PIN:
  case MD_QMI_SIM_CHANGE_PIN:
  case MD_QMI_SIM_WATCH: break;
  }
  g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "Not a PIN status request");
}

static void
pin_status (MdModem *modem, MdQmiSimWhat what, GTask *task)
{
  g_object_set_data (G_OBJECT (task), "what", GUINT_TO_POINTER (what));
  md_qmi_op (modem, &dms_pin_status, NULL, 0, task, parse_pin_status);
}

/* --- codes ------------------------------------------------------------------ */

static void
send_code (MdModem *modem, const MdQmiSimCall *call, GTask *task)
{
  switch (call->what) {
  case MD_QMI_SIM_SEND_PIN: {
    QmiMessageDmsUimVerifyPinInput *input = qmi_message_dms_uim_verify_pin_input_new ();

    qmi_message_dms_uim_verify_pin_input_set_info (input, QMI_DMS_UIM_PIN_ID_PIN, call->first, NULL);
    md_qmi_op_full (modem, &dms_verify, input, 0, task, md_qmi_sim_code_done, md_qmi_sim_code_refused);
    return;
  }
  case MD_QMI_SIM_SEND_PUK: {
    QmiMessageDmsUimUnblockPinInput *input = qmi_message_dms_uim_unblock_pin_input_new ();

    qmi_message_dms_uim_unblock_pin_input_set_info (input, QMI_DMS_UIM_PIN_ID_PIN, call->first, call->second,
                                                    NULL);
    md_qmi_op_full (modem, &dms_unblock, input, 0, task, md_qmi_sim_code_done, md_qmi_sim_code_refused);
    return;
  }
  case MD_QMI_SIM_ENABLE_PIN: {
    QmiMessageDmsUimSetPinProtectionInput *input = qmi_message_dms_uim_set_pin_protection_input_new ();

    qmi_message_dms_uim_set_pin_protection_input_set_info (input, QMI_DMS_UIM_PIN_ID_PIN, call->enabled,
                                                           call->first, NULL);
    md_qmi_op_full (modem, &dms_protection, input, 0, task, md_qmi_sim_code_done, md_qmi_sim_code_refused);
    return;
  }
  case MD_QMI_SIM_CHANGE_PIN: {
    QmiMessageDmsUimChangePinInput *input = qmi_message_dms_uim_change_pin_input_new ();

    qmi_message_dms_uim_change_pin_input_set_info (input, QMI_DMS_UIM_PIN_ID_PIN, call->first, call->second,
                                                   NULL);
    md_qmi_op_full (modem, &dms_change, input, 0, task, md_qmi_sim_code_done, md_qmi_sim_code_refused);
    return;
  }
  case MD_QMI_SIM_UNLOCK_REQUIRED:
  case MD_QMI_SIM_UNLOCK_RETRIES:
  case MD_QMI_SIM_FACILITY_LOCKS:
  case MD_QMI_SIM_INFO:
  case MD_QMI_SIM_WATCH: break;
  }
  g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "Not a code request");
  g_object_unref (task);
}

/* --- identifiers: ICCID, then IMSI (refused while the SIM is locked) -------- */

static void
parse_imsi (MdModem *modem, gpointer output, GTask *task)
{
  const char *imsi = NULL;
  GError *error = NULL;

  if (!qmi_message_dms_uim_get_imsi_output_get_imsi (output, &imsi, &error))
    g_task_return_error (task, md_qmi_protocol_error (error, "DMS UIM Get IMSI"));
  else
    g_task_return_pointer (task, g_strdup (imsi), g_free);
}

static void
parse_iccid (MdModem *modem, gpointer output, GTask *task)
{
  const char *iccid = NULL;
  GError *error = NULL;

  if (!qmi_message_dms_uim_get_iccid_output_get_iccid (output, &iccid, &error))
    g_task_return_error (task, md_qmi_protocol_error (error, "DMS UIM Get ICCID"));
  else
    g_task_return_pointer (task, g_strdup (iccid), g_free);
}

static void
dms_read_identifier (MdModem *modem, gboolean imsi, GCancellable *cancellable, GAsyncReadyCallback callback,
                     gpointer user_data)
{
  GTask *task = g_task_new (modem, cancellable, callback, user_data);

  if (imsi)
    md_qmi_op (modem, &dms_imsi, NULL, 0, task, parse_imsi);
  else
    md_qmi_op (modem, &dms_iccid, NULL, 0, task, parse_iccid);
}

void
md_qmi_sim_dms_run (MdModem *modem, const MdQmiSimCall *call, GTask *task)
{
  switch (call->what) {
  case MD_QMI_SIM_UNLOCK_REQUIRED:
  case MD_QMI_SIM_UNLOCK_RETRIES:
  case MD_QMI_SIM_FACILITY_LOCKS: pin_status (modem, call->what, task); return;
  case MD_QMI_SIM_INFO: md_qmi_sim_load_info (modem, dms_read_identifier, task); return;
  case MD_QMI_SIM_SEND_PIN:
  case MD_QMI_SIM_SEND_PUK:
  case MD_QMI_SIM_ENABLE_PIN:
  case MD_QMI_SIM_CHANGE_PIN: send_code (modem, call, task); return;
  case MD_QMI_SIM_WATCH:
    g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED,
                             "No card status indications without UIM");
    g_object_unref (task);
    return;
  }
}
