/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Radio power of an MBIM modem through Radio State: the software switch on
 * is full power, off is low power. A hardware switch that is off keeps the
 * radio off whatever the host asks, and is reported as such. Modes are set
 * through QMI over MBIM when the modem has it (md-mbim-qmi.c). */
#include "md-errors.h"
#include "md-mbim-ops.h"

static gboolean
parse_radio (MbimMessage *response, MdModemPowerState *out, GError **error)
{
  MbimRadioSwitchState hw = MBIM_RADIO_SWITCH_STATE_ON;
  MbimRadioSwitchState sw = MBIM_RADIO_SWITCH_STATE_OFF;

  if (!mbim_message_radio_state_response_parse (response, &hw, &sw, error))
    return FALSE;
  *out = hw == MBIM_RADIO_SWITCH_STATE_ON && sw == MBIM_RADIO_SWITCH_STATE_ON ? MD_MODEM_POWER_STATE_ON
                                                                              : MD_MODEM_POWER_STATE_LOW;
  return TRUE;
}

static void
parse_power_state (MdModem *modem, MbimMessage *response, GTask *task)
{
  MdModemPowerState state;
  GError *error = NULL;

  if (!parse_radio (response, &state, &error))
    g_task_return_error (task, md_mbim_protocol_error (error, "Invalid Radio State"));
  else
    g_task_return_int (task, state);
}

static void
mbim_load_power_state (MdModem *modem, GTask *task)
{
  GError *error = NULL;
  MbimMessage *request = mbim_message_radio_state_query_new (&error);

  md_mbim_op (modem, task, request, error, MD_MBIM_TIMEOUT_S, parse_power_state);
}

static void
parse_power_set (MdModem *modem, MbimMessage *response, GTask *task)
{
  MdModemPowerState wanted = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (task), "wanted"));
  MdModemPowerState state;
  GError *error = NULL;

  if (!parse_radio (response, &state, &error)) {
    g_task_return_error (task, md_mbim_protocol_error (error, "Invalid Radio State"));
    return;
  }
  if (wanted == MD_MODEM_POWER_STATE_ON && state != MD_MODEM_POWER_STATE_ON) {
    g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_WRONG_STATE,
                             "The radio stays off: the hardware radio switch is off");
    return;
  }
  g_task_return_boolean (task, TRUE);
}

static void
mbim_set_power_state (MdModem *modem, MdModemPowerState state, GTask *task)
{
  GError *error = NULL;
  MbimMessage *request = mbim_message_radio_state_set_new (
    state == MD_MODEM_POWER_STATE_ON ? MBIM_RADIO_SWITCH_STATE_ON : MBIM_RADIO_SWITCH_STATE_OFF, &error);

  g_object_set_data (G_OBJECT (task), "wanted", GUINT_TO_POINTER (state));
  md_mbim_op (modem, task, request, error, MD_MBIM_TIMEOUT_S, parse_power_set);
}

/* Basic Connect cannot restrict the radio; QMI NAS over MBIM can. */
static void
mbim_set_current_modes (MdModem *modem, const MdModeCombination *modes, GTask *task)
{
  if (md_mbim_qmi_port (modem)) {
    md_qmi_power_ops.set_current_modes (modem, modes, task);
    return;
  }
  g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED,
                           "The modem cannot change its modes");
  g_object_unref (task);
}

const MdModemPowerOps md_mbim_power_ops = {
  .load_power_state = mbim_load_power_state,
  .set_power_state = mbim_set_power_state,
  .set_current_modes = mbim_set_current_modes,
};
