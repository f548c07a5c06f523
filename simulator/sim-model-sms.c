/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The network side of SMS: messages sent by the client are recorded (for
 * tests to read through the control socket) and given a message
 * reference; status reports are handed to the front ends; generated
 * messages fill the storage or arrive in a burst. */
#include "sim-model.h"

#include "sim-sms-gen.h"

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

static gboolean
check_room (SimModel *self, guint entries, GError **error)
{
  if (self->sms->len + entries <= self->sms_capacity)
    return TRUE;
  g_set_error (error, SIM_ERROR, SIM_ERROR_MEMORY_FULL, "%u free entries needed, %u free", entries,
               self->sms_capacity - self->sms->len);
  return FALSE;
}

guint
sim_model_fill_sms (SimModel *self, guint n, GError **error)
{
  g_autoptr (GPtrArray) pdus = g_ptr_array_new_with_free_func (g_free);

  if (!check_room (self, sim_sms_gen_entries (n, TRUE), error))
    return 0;
  for (guint serial = 0; serial < n; serial++) {
    /* Every fifth message not yet read, the others read. */
    SimSmsStatus status = serial % 5 == 0 ? SIM_SMS_UNREAD : SIM_SMS_READ;
    guint first = pdus->len;

    sim_sms_gen_message (serial, "Message", TRUE, pdus);
    for (guint i = first; i < pdus->len; i++) {
      if (!sim_model_store_sms (self, status, g_ptr_array_index (pdus, i), error))
        return 0;
    }
  }
  return pdus->len;
}

static gboolean
burst_next (gpointer user_data)
{
  SimModel *self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *pdu = g_ptr_array_steal_index (self->sms_burst, 0);

  if (!sim_model_receive_sms (self, pdu, &error))
    g_warning ("burst: %s", error->message);
  if (self->sms_burst->len > 0)
    return G_SOURCE_CONTINUE;
  self->sms_burst_timer = 0;
  g_clear_pointer (&self->sms_burst, g_ptr_array_unref);
  return G_SOURCE_REMOVE;
}

guint
sim_model_burst_sms (SimModel *self, guint n, guint gap_ms, GError **error)
{
  g_autoptr (GPtrArray) pdus = g_ptr_array_new_with_free_func (g_free);

  if (self->sms_burst) {
    g_set_error (error, SIM_ERROR, SIM_ERROR_NOT_ALLOWED, "a burst is still arriving");
    return 0;
  }
  if (!check_room (self, sim_sms_gen_entries (n, FALSE), error))
    return 0;
  for (guint serial = 0; serial < n; serial++)
    sim_sms_gen_message (serial, "Burst", FALSE, pdus);
  if (gap_ms > 0) {
    self->sms_burst = g_steal_pointer (&pdus);
    self->sms_burst_timer = g_timeout_add (gap_ms, burst_next, self);
    return n;
  }
  for (guint i = 0; i < pdus->len; i++) {
    if (!sim_model_receive_sms (self, g_ptr_array_index (pdus, i), error))
      return 0;
  }
  return pdus->len;
}
