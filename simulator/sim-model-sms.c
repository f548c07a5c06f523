/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The network side of SMS: messages sent by the client are recorded (for
 * tests to read through the control socket) and given a message
 * reference; status reports are handed to the front ends. */
#include "sim-model.h"

#include <string.h>

gboolean
sim_model_send_sms (SimModel *self, const char *pdu, guint *reference, GError **error)
{
  guint smsc_len;

  if (!sim_pdu_is_valid (pdu, error))
    return FALSE;
  smsc_len = (g_ascii_xdigit_value (pdu[0]) << 4) | g_ascii_xdigit_value (pdu[1]);
  /* TP-MTI of the first TPDU octet: 1 is SMS-SUBMIT. */
  if ((g_ascii_xdigit_value (pdu[(smsc_len + 1) * 2 + 1]) & 0x3) != 1) {
    g_set_error (error, SIM_ERROR, SIM_ERROR_INCORRECT_PARAMETERS, "Not an SMS-SUBMIT");
    return FALSE;
  }
  g_ptr_array_add (self->sms_sent, g_ascii_strup (pdu, -1));
  *reference = self->sms_next_reference;
  self->sms_next_reference = (self->sms_next_reference + 1) % 256;
  return TRUE;
}

gboolean
sim_model_status_report (SimModel *self, const char *pdu, GError **error)
{
  if (!sim_pdu_is_valid (pdu, error))
    return FALSE;
  g_free (self->sms_status_report);
  self->sms_status_report = g_ascii_strup (pdu, -1);
  sim_model_emit (self, SIM_EVENT_SMS_STATUS_REPORT, 0, 0);
  return TRUE;
}
