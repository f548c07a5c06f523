/* SPDX-License-Identifier: GPL-2.0-or-later */
/* See md-sms-pdu-entry.h. Only field copies: what the PDU means was the
 * codec's job, which message it joins is core's. */
#include "md-sms-pdu-entry.h"

#include "md-log.h"

MdSmsEntry *
md_sms_entry_from_pdu_part (const MdSmsPart *part, MdSmsStorage storage, guint index, MdSmsState state)
{
  MdSmsEntry *entry = md_sms_entry_new ();

  entry->index = index;
  entry->storage = storage;
  entry->pdu_type = part->type;
  entry->state = state;
  entry->number = g_strdup (part->number);
  entry->text = g_strdup (part->text);
  entry->data = part->data ? g_bytes_ref (part->data) : NULL;
  entry->smsc = g_strdup (part->smsc);
  entry->timestamp = g_strdup (part->timestamp);
  entry->discharge_timestamp = g_strdup (part->discharge_timestamp);
  entry->message_reference = part->message_reference;
  entry->delivery_state = part->type == MD_SMS_PDU_TYPE_STATUS_REPORT
                            ? (MdSmsDeliveryState)part->delivery_state
                            : MD_SMS_DELIVERY_STATE_UNKNOWN;
  entry->class = part->message_class;
  entry->validity_relative
    = part->validity_type == MD_SMS_VALIDITY_TYPE_RELATIVE ? part->validity_relative : 0;
  entry->delivery_report_request = part->delivery_report_request;
  if (part->concat && part->concat_max > 1) {
    entry->concat_reference = part->concat_reference;
    entry->concat_max = part->concat_max;
    entry->concat_sequence = part->concat_sequence;
  }
  return entry;
}

MdSmsEntry *
md_sms_entry_from_pdu (MdModem *modem, const guint8 *pdu, gsize len, MdSmsStorage storage, guint index,
                       MdSmsState state)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MdSmsPart) part = md_sms_pdu_decode (pdu, len, TRUE, &error);

  if (!part) {
    md_log_warn (md_modem_get_log_name (modem), "SMS PDU not understood: %s", error->message);
    return NULL;
  }
  return md_sms_entry_from_pdu_part (part, storage, index, state);
}

/* One reference per concatenated message, shared by its parts; modems keep
 * no state for it, so a counter from a random start will do. */
static guint8
next_concat_reference (void)
{
  static gboolean started;
  static guint8 reference;

  if (!started) {
    reference = (guint8)g_random_int_range (0, 256);
    started = TRUE;
  }
  return reference++;
}

GPtrArray *
md_sms_request_encode (const MdSmsRequest *request, GError **error)
{
  MdSmsSubmit submit = {
    .smsc = request->smsc,
    .number = request->number,
    .validity_type
    = request->validity_relative ? MD_SMS_VALIDITY_TYPE_RELATIVE : MD_SMS_VALIDITY_TYPE_UNKNOWN,
    .validity_relative = request->validity_relative,
    .message_class = request->class,
    .delivery_report_request = request->delivery_report_request,
  };
  gsize size = 0;
  const guint8 *data = request->data ? g_bytes_get_data (request->data, &size) : NULL;

  return md_sms_pdu_encode_message (&submit, request->data ? NULL : request->text, data, size,
                                    next_concat_reference (), TRUE, error);
}
