/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Radio power of a QMI modem through DMS operating mode (online is full
 * power, low power and offline are the API's low and off), and the modes
 * the modem may use through NAS system selection preference. */
#include "md-errors.h"
#include "md-qmi-ops.h"

MD_QMI_REQUEST (dms_get_mode, QMI_SERVICE_DMS, QMI_CLIENT_DMS, dms_get_operating_mode,
                "DMS Get Operating Mode");
MD_QMI_REQUEST_IN (dms_set_mode, QMI_SERVICE_DMS, QMI_CLIENT_DMS, dms_set_operating_mode,
                   "DMS Set Operating Mode");
MD_QMI_REQUEST_IN (nas_set_selection, QMI_SERVICE_NAS, QMI_CLIENT_NAS, nas_set_system_selection_preference,
                   "NAS Set System Selection Preference");

static MdModemPowerState
power_from_mode (QmiDmsOperatingMode mode)
{
  switch (mode) {
  case QMI_DMS_OPERATING_MODE_ONLINE: return MD_MODEM_POWER_STATE_ON;
  case QMI_DMS_OPERATING_MODE_OFFLINE:
  case QMI_DMS_OPERATING_MODE_SHUTTING_DOWN:
  case QMI_DMS_OPERATING_MODE_RESET: return MD_MODEM_POWER_STATE_OFF;
  case QMI_DMS_OPERATING_MODE_LOW_POWER:
  case QMI_DMS_OPERATING_MODE_PERSISTENT_LOW_POWER:
  case QMI_DMS_OPERATING_MODE_MODE_ONLY_LOW_POWER:
  case QMI_DMS_OPERATING_MODE_FACTORY_TEST: return MD_MODEM_POWER_STATE_LOW;
  case QMI_DMS_OPERATING_MODE_UNKNOWN: return MD_MODEM_POWER_STATE_UNKNOWN;
  }
  return MD_MODEM_POWER_STATE_UNKNOWN;
}

static void
parse_mode (MdModem *modem, gpointer output, GTask *task)
{
  QmiDmsOperatingMode mode = QMI_DMS_OPERATING_MODE_UNKNOWN;
  GError *error = NULL;

  if (!qmi_message_dms_get_operating_mode_output_get_mode (output, &mode, &error)) {
    g_task_return_error (task, md_qmi_protocol_error (error, "DMS Get Operating Mode"));
    return;
  }
  g_task_return_int (task, power_from_mode (mode));
}

static void
qmi_load_power_state (MdModem *modem, GTask *task)
{
  md_qmi_op (modem, &dms_get_mode, NULL, 0, task, parse_mode);
}

static void
parse_done (MdModem *modem, gpointer output, GTask *task)
{
  g_task_return_boolean (task, TRUE);
}

/* The mode already set answers NO_EFFECT on some firmware: that is done. */
static void
accept_no_effect (MdModem *modem, gpointer output, GError *error, GTask *task)
{
  if (g_error_matches (error, QMI_PROTOCOL_ERROR, QMI_PROTOCOL_ERROR_NO_EFFECT)) {
    g_error_free (error);
    g_task_return_boolean (task, TRUE);
    return;
  }
  g_task_return_error (task, md_qmi_protocol_error (error, "QMI request"));
}

static void
qmi_set_power_state (MdModem *modem, MdModemPowerState state, GTask *task)
{
  QmiMessageDmsSetOperatingModeInput *input = qmi_message_dms_set_operating_mode_input_new ();
  QmiDmsOperatingMode mode = QMI_DMS_OPERATING_MODE_LOW_POWER;

  switch (state) {
  case MD_MODEM_POWER_STATE_ON: mode = QMI_DMS_OPERATING_MODE_ONLINE; break;
  case MD_MODEM_POWER_STATE_OFF: mode = QMI_DMS_OPERATING_MODE_OFFLINE; break;
  case MD_MODEM_POWER_STATE_LOW:
  case MD_MODEM_POWER_STATE_UNKNOWN: mode = QMI_DMS_OPERATING_MODE_LOW_POWER; break;
  }
  qmi_message_dms_set_operating_mode_input_set_mode (input, mode, NULL);
  md_qmi_op_full (modem, &dms_set_mode, input, 0, task, parse_done, accept_no_effect);
}

static void
qmi_set_current_modes (MdModem *modem, const MdModeCombination *modes, GTask *task)
{
  QmiMessageNasSetSystemSelectionPreferenceInput *input
    = qmi_message_nas_set_system_selection_preference_input_new ();
  QmiNasRatModePreference rats = md_qmi_rat_preference_from_modes (modes->allowed);

  if (!rats) {
    qmi_message_nas_set_system_selection_preference_input_unref (input);
    g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED, "No QMI radio for modes 0x%x",
                             modes->allowed);
    g_object_unref (task);
    return;
  }
  qmi_message_nas_set_system_selection_preference_input_set_mode_preference (input, rats, NULL);
  qmi_message_nas_set_system_selection_preference_input_set_change_duration (
    input, QMI_NAS_CHANGE_DURATION_PERMANENT, NULL);
  md_qmi_op_full (modem, &nas_set_selection, input, 0, task, parse_done, accept_no_effect);
}

const MdModemPowerOps md_qmi_power_ops = {
  .load_power_state = qmi_load_power_state,
  .set_power_state = qmi_set_power_state,
  .set_current_modes = qmi_set_current_modes,
};
