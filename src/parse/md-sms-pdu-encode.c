/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Encodes SMS-SUBMIT TPDUs (23.040 9.2.2.2), one per part of a message, with
 * the concatenation UDH (8-bit reference) when there are several. Pure; the
 * payloads come from md-sms-split, the fields from md-sms-fields. */
#include "md-errors.h"
#include "md-sms-charset.h"
#include "md-sms-fields.h"
#include "md-sms-pdu.h"

#define CONCAT_UDH_OCTETS 6 /* UDHL, IEI 00, IEL 3, reference, count, number */

static gboolean
invalid (GError **error, const char *message)
{
  g_set_error_literal (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS, message);
  return FALSE;
}

/* TP-DCS for the alphabet and class (general data coding group). */
static gboolean
encode_dcs (MdSmsEncoding encoding, gint message_class, guint8 *dcs, GError **error)
{
  switch (encoding) {
  case MD_SMS_ENCODING_GSM7: *dcs = 0x00; break;
  case MD_SMS_ENCODING_8BIT: *dcs = 0x04; break;
  case MD_SMS_ENCODING_UCS2: *dcs = 0x08; break;
  case MD_SMS_ENCODING_UNKNOWN: return invalid (error, "No SMS alphabet given");
  }
  if (message_class < -1 || message_class > 3)
    return invalid (error, "SMS class must be 0..3 or none");
  if (message_class >= 0)
    *dcs |= (guint8)(0x10 | message_class);
  return TRUE;
}

/* TP-UDL and TP-UD of one part. */
static gboolean
encode_user_data (GByteArray *out, MdSmsEncoding encoding, GBytes *payload, guint8 reference, guint part,
                  guint n_parts, GError **error)
{
  gsize len;
  const guint8 *p = g_bytes_get_data (payload, &len);
  gboolean concat = n_parts > 1;
  guint8 udh[CONCAT_UDH_OCTETS] = { 5, 0x00, 3, reference, (guint8)n_parts, (guint8)part };
  gsize hdr = concat ? CONCAT_UDH_OCTETS : 0;

  if (encoding == MD_SMS_ENCODING_GSM7) {
    gsize max = concat ? MD_SMS_GSM7_CONCAT_SEPTETS : MD_SMS_GSM7_SINGLE_SEPTETS;
    gsize hdr_septets = (hdr * 8 + 6) / 7;
    gsize packed_len;
    g_autofree guint8 *packed = NULL;
    guint8 udl;

    if (len > max)
      return invalid (error, "Text too long for one SMS part");
    for (gsize i = 0; i < len; i++)
      if (p[i] > 0x7F)
        return invalid (error, "GSM 7-bit payload holds a value above 127");
    udl = (guint8)(hdr_septets + len);
    packed = md_gsm7_pack (p, len, (guint)(hdr_septets * 7 - hdr * 8), &packed_len);
    g_byte_array_append (out, &udl, 1);
    g_byte_array_append (out, udh, (guint)hdr);
    g_byte_array_append (out, packed, (guint)packed_len);
    return TRUE;
  }

  if (len + hdr > MD_SMS_DATA_SINGLE_OCTETS)
    return invalid (error, "Payload too long for one SMS part");
  if (encoding == MD_SMS_ENCODING_UCS2 && len % 2)
    return invalid (error, "UCS-2 payload of an odd length");
  g_byte_array_append (out, (const guint8[]){ (guint8)(hdr + len) }, 1);
  g_byte_array_append (out, udh, (guint)hdr);
  g_byte_array_append (out, p, (guint)len);
  return TRUE;
}

MdSmsPdu *
md_sms_pdu_encode_submit (const MdSmsSubmit *submit, MdSmsEncoding encoding, GBytes *payload,
                          guint8 concat_reference, guint part, guint n_parts, gboolean with_smsc,
                          GError **error)
{
  g_autoptr (GByteArray) out = g_byte_array_new ();
  guint smsc_len = 0;
  guint8 first = 0x01; /* TP-MTI SMS-SUBMIT, TP-RD 0 */
  guint8 dcs;
  MdSmsPdu *pdu;

  if (n_parts < 1 || n_parts > MD_SMS_MAX_PARTS || part < 1 || part > n_parts) {
    invalid (error, "SMS part number out of range");
    return NULL;
  }
  if (!encode_dcs (encoding, submit->message_class, &dcs, error))
    return NULL;
  if (with_smsc) {
    if (!md_sms_address_encode (out, submit->smsc, TRUE, error))
      return NULL;
    smsc_len = out->len;
  }

  switch (submit->validity_type) {
  case MD_SMS_VALIDITY_TYPE_UNKNOWN: break;
  case MD_SMS_VALIDITY_TYPE_RELATIVE:
    if (submit->validity_relative < 1 || submit->validity_relative > MD_SMS_VALIDITY_MAX_MINUTES) {
      invalid (error, "SMS validity out of range (1 minute to 63 weeks)");
      return NULL;
    }
    first |= 0x10; /* TP-VPF relative */
    break;
  case MD_SMS_VALIDITY_TYPE_ABSOLUTE:
  case MD_SMS_VALIDITY_TYPE_ENHANCED:
    invalid (error, "Only a relative SMS validity can be sent");
    return NULL;
  }
  if (submit->delivery_report_request)
    first |= 0x20;
  if (n_parts > 1)
    first |= 0x40;

  g_byte_array_append (out, &first, 1);
  g_byte_array_append (out, &submit->message_reference, 1);
  if (!md_sms_address_encode (out, submit->number, FALSE, error))
    return NULL;
  g_byte_array_append (out, (const guint8[]){ 0x00 }, 1); /* TP-PID */
  g_byte_array_append (out, &dcs, 1);
  if (submit->validity_type == MD_SMS_VALIDITY_TYPE_RELATIVE) {
    guint8 vp = md_sms_validity_from_minutes (submit->validity_relative);

    g_byte_array_append (out, &vp, 1);
  }
  if (!encode_user_data (out, encoding, payload, concat_reference, part, n_parts, error))
    return NULL;

  pdu = g_new0 (MdSmsPdu, 1);
  pdu->tpdu_len = out->len - smsc_len;
  pdu->pdu = g_byte_array_free_to_bytes (g_steal_pointer (&out));
  return pdu;
}

GPtrArray *
md_sms_pdu_encode_message (const MdSmsSubmit *submit, const char *text, const guint8 *data, gsize data_len,
                           guint8 concat_reference, gboolean with_smsc, GError **error)
{
  MdSmsEncoding encoding = MD_SMS_ENCODING_8BIT;
  g_autoptr (GPtrArray) payloads
    = text ? md_sms_split_text (text, &encoding, error) : md_sms_split_data (data, data_len, error);
  g_autoptr (GPtrArray) pdus = NULL;

  if (!payloads)
    return NULL;
  pdus = g_ptr_array_new_with_free_func ((GDestroyNotify)md_sms_pdu_free);
  for (guint i = 0; i < payloads->len; i++) {
    MdSmsPdu *pdu = md_sms_pdu_encode_submit (submit, encoding, payloads->pdata[i], concat_reference, i + 1,
                                              payloads->len, with_smsc, error);

    if (!pdu)
      return NULL;
    g_ptr_array_add (pdus, pdu);
  }
  return g_steal_pointer (&pdus);
}
