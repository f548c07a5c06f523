/* SPDX-License-Identifier: GPL-2.0-or-later */
/* TPDU decoding and SMS-SUBMIT encoding (23.040 9.2). Pure. */
#include "md-sms-pdu.h"

#include "md-errors.h"

MdSmsPart *
md_sms_part_new (void)
{
  MdSmsPart *part = g_new0 (MdSmsPart, 1);

  part->message_class = -1;
  part->delivery_state = MD_SMS_DELIVERY_STATE_UNKNOWN_VALUE;
  return part;
}

void
md_sms_part_free (MdSmsPart *part)
{
  if (!part)
    return;
  g_free (part->smsc);
  g_free (part->number);
  g_free (part->timestamp);
  g_free (part->discharge_timestamp);
  g_free (part->text);
  g_clear_pointer (&part->data, g_bytes_unref);
  g_free (part);
}

MdSmsPart *
md_sms_pdu_decode (const guint8 *pdu, gsize len, gboolean with_smsc, GError **error)
{
  (void)pdu;
  (void)len;
  (void)with_smsc;
  g_set_error_literal (error, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED, "not implemented");
  return NULL;
}

MdSmsPart *
md_sms_pdu_decode_hex (const char *hex, gboolean with_smsc, GError **error)
{
  (void)hex;
  (void)with_smsc;
  g_set_error_literal (error, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED, "not implemented");
  return NULL;
}

void
md_sms_pdu_free (MdSmsPdu *pdu)
{
  if (!pdu)
    return;
  g_clear_pointer (&pdu->pdu, g_bytes_unref);
  g_free (pdu);
}

MdSmsPdu *
md_sms_pdu_encode_submit (const MdSmsSubmit *submit, MdSmsEncoding encoding, GBytes *payload,
                          guint8 concat_reference, guint part, guint n_parts, gboolean with_smsc,
                          GError **error)
{
  (void)submit;
  (void)encoding;
  (void)payload;
  (void)concat_reference;
  (void)part;
  (void)n_parts;
  (void)with_smsc;
  g_set_error_literal (error, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED, "not implemented");
  return NULL;
}

GPtrArray *
md_sms_pdu_encode_message (const MdSmsSubmit *submit, const char *text, const guint8 *data, gsize data_len,
                           guint8 concat_reference, gboolean with_smsc, GError **error)
{
  (void)submit;
  (void)text;
  (void)data;
  (void)data_len;
  (void)concat_reference;
  (void)with_smsc;
  g_set_error_literal (error, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED, "not implemented");
  return NULL;
}
