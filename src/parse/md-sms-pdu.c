/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Decodes 23.040 TPDUs (SMS-DELIVER, SMS-SUBMIT, SMS-STATUS-REPORT) into an
 * MdSmsPart. Pure; every octet is read through the bounds-checked reader of
 * md-sms-fields, so a lying length ends in an error, never a wild read.
 * The encoder is md-sms-pdu-encode.c. */
#include "md-sms-pdu.h"

#include "md-errors.h"
#include "md-hex.h"
#include "md-sms-charset.h"
#include "md-sms-fields.h"

/* TP-MTI values (23.040 9.2.3.1) as a device receives or stores them. */
enum {
  MTI_DELIVER = 0,
  MTI_SUBMIT = 1,
  MTI_STATUS_REPORT = 2,
};

MdSmsPart *
md_sms_part_new (void)
{
  MdSmsPart *part = g_new0 (MdSmsPart, 1);

  part->message_class = -1;
  part->delivery_state = MD_SMS_DELIVERY_STATE_UNKNOWN;
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

void
md_sms_pdu_free (MdSmsPdu *pdu)
{
  if (!pdu)
    return;
  g_clear_pointer (&pdu->pdu, g_bytes_unref);
  g_free (pdu);
}

/* TP-DCS (23.038 4) to alphabet and class. Reserved codings read as the GSM
 * 7-bit default alphabet, as 23.038 tells a receiver to. */
static gboolean
decode_dcs (MdSmsPart *part, GError **error)
{
  guint8 dcs = part->dcs;

  part->encoding = MD_SMS_ENCODING_GSM7;
  if ((dcs & 0x80) == 0) {
    /* General data coding, and the automatic-deletion group (01xx). */
    if (dcs & 0x20) {
      g_set_error (error, MD_MESSAGE_ERROR, MD_MESSAGE_ERROR_NOT_SUPPORTED,
                   "Compressed SMS (TP-DCS 0x%02X) is not supported", dcs);
      return FALSE;
    }
    if (dcs & 0x10)
      part->message_class = dcs & 0x03;
    if (((dcs >> 2) & 0x03) == 1)
      part->encoding = MD_SMS_ENCODING_8BIT;
    else if (((dcs >> 2) & 0x03) == 2)
      part->encoding = MD_SMS_ENCODING_UCS2;
  } else if ((dcs & 0xF0) == 0xF0) {
    /* Data coding/message class. */
    part->message_class = dcs & 0x03;
    if (dcs & 0x04)
      part->encoding = MD_SMS_ENCODING_8BIT;
  } else if ((dcs & 0xF0) == 0xE0) {
    /* Message waiting indication, store, UCS-2. */
    part->encoding = MD_SMS_ENCODING_UCS2;
  }
  return TRUE;
}

/* The IEs of a UDH (octets after UDHL); only concatenation is kept. */
static gboolean
decode_udh (MdSmsPart *part, const guint8 *ies, gsize len, GError **error)
{
  gsize pos = 0;

  while (pos < len) {
    guint8 iei, iel;
    const guint8 *v;

    if (len - pos < 2) {
      g_set_error_literal (error, MD_MESSAGE_ERROR, MD_MESSAGE_ERROR_INVALID_PDU_PARAMETER,
                           "Truncated information element in UDH");
      return FALSE;
    }
    iei = ies[pos];
    iel = ies[pos + 1];
    v = ies + pos + 2;
    if (iel > len - pos - 2) {
      g_set_error (error, MD_MESSAGE_ERROR, MD_MESSAGE_ERROR_INVALID_PDU_PARAMETER,
                   "UDH element 0x%02X longer than the UDH", iei);
      return FALSE;
    }
    /* 23.040 9.2.3.24.1: a receiver ignores a concatenation IE whose values
     * are out of range; the part then stands alone. */
    if (iei == 0x00 && iel == 3 && v[1] && v[2] && v[2] <= v[1]) {
      part->concat = TRUE;
      part->concat_reference = v[0];
      part->concat_max = v[1];
      part->concat_sequence = v[2];
    } else if (iei == 0x08 && iel == 4 && v[2] && v[3] && v[3] <= v[2]) {
      part->concat = TRUE;
      part->concat_reference = (guint16)(v[0] << 8 | v[1]);
      part->concat_max = v[2];
      part->concat_sequence = v[3];
    }
    pos += 2u + iel;
  }
  return TRUE;
}

/* TP-UDL and TP-UD: UDL counts septets for GSM 7-bit (the UDH and its fill
 * included), octets otherwise. */
static gboolean
decode_user_data (MdPduReader *r, MdSmsPart *part, gboolean udhi, GError **error)
{
  guint8 udl;
  gsize ud_len, hdr = 0;
  const guint8 *ud;

  if (!md_pdu_octet (r, &udl, "TP-UDL", error))
    return FALSE;
  ud_len = part->encoding == MD_SMS_ENCODING_GSM7 ? (udl * 7u + 7u) / 8u : udl;
  if (!md_pdu_take (r, ud_len, &ud, "user data (TP-UDL beyond the data)", error))
    return FALSE;
  if (udhi && ud_len > 0) {
    hdr = ud[0] + 1u;
    if (hdr > ud_len) {
      g_set_error (error, MD_MESSAGE_ERROR, MD_MESSAGE_ERROR_INVALID_PDU_PARAMETER,
                   "UDH length %u beyond the user data", ud[0]);
      return FALSE;
    }
    if (!decode_udh (part, ud + 1, hdr - 1, error))
      return FALSE;
  }

  switch (part->encoding) {
  case MD_SMS_ENCODING_GSM7: {
    gsize hdr_septets = (hdr * 8 + 6) / 7;
    g_autofree guint8 *septets = NULL;

    if (hdr_septets > udl) {
      g_set_error_literal (error, MD_MESSAGE_ERROR, MD_MESSAGE_ERROR_INVALID_PDU_PARAMETER,
                           "UDH longer than TP-UDL");
      return FALSE;
    }
    septets
      = md_gsm7_unpack (ud + hdr, ud_len - hdr, (guint)(hdr_septets * 7 - hdr * 8), udl - hdr_septets, error);
    if (!septets)
      return FALSE;
    part->text = md_gsm7_to_utf8 (septets, udl - hdr_septets);
    return TRUE;
  }
  case MD_SMS_ENCODING_UCS2: part->text = md_ucs2_to_utf8 (ud + hdr, ud_len - hdr); return TRUE;
  case MD_SMS_ENCODING_8BIT: part->data = g_bytes_new (ud + hdr, ud_len - hdr); return TRUE;
  case MD_SMS_ENCODING_UNKNOWN: break;
  }
  g_set_error_literal (error, MD_MESSAGE_ERROR, MD_MESSAGE_ERROR_NOT_SUPPORTED, "Unknown SMS alphabet");
  return FALSE;
}

static gboolean
decode_timestamp (MdPduReader *r, char **out, const char *what, GError **error)
{
  const guint8 *octets;

  if (!md_pdu_take (r, 7, &octets, what, error))
    return FALSE;
  return md_sms_timestamp_decode (octets, out, error);
}

/* 23.040 9.2.3.12.3: functionality octet, then the period in one of three
 * forms; the rest of the 7 octets is padding. */
static void
decode_enhanced_validity (const guint8 *vp, MdSmsPart *part)
{
  /* An extension octet (bit 7) shifts the period by one. */
  const guint8 *v = vp + ((vp[0] & 0x80) ? 2 : 1);

  part->validity_type = MD_SMS_VALIDITY_TYPE_ENHANCED;
  switch (vp[0] & 0x07) {
  case 1: part->validity_relative = md_sms_validity_to_minutes (v[0]); break;
  case 2: part->validity_relative = (v[0] + 59u) / 60u; break;
  case 3: {
    guint h = (v[0] & 0x0F) * 10u + (v[0] >> 4);
    guint m = (v[1] & 0x0F) * 10u + (v[1] >> 4);
    guint s = (v[2] & 0x0F) * 10u + (v[2] >> 4);

    part->validity_relative = h * 60u + m + (s ? 1u : 0u);
    break;
  }
  default:
    /* No period, or a reserved format: validity stays unknown in size. */
    break;
  }
}

static gboolean
decode_validity (MdPduReader *r, guint vpf, MdSmsPart *part, GError **error)
{
  const guint8 *vp;

  switch (vpf) {
  case 0: return TRUE;
  case 2:
    if (!md_pdu_take (r, 1, &vp, "TP-VP", error))
      return FALSE;
    part->validity_type = MD_SMS_VALIDITY_TYPE_RELATIVE;
    part->validity_relative = md_sms_validity_to_minutes (vp[0]);
    return TRUE;
  case 1:
    if (!md_pdu_take (r, 7, &vp, "TP-VP", error))
      return FALSE;
    decode_enhanced_validity (vp, part);
    return TRUE;
  case 3: {
    g_autofree char *until = NULL;

    if (!decode_timestamp (r, &until, "TP-VP", error))
      return FALSE;
    part->validity_type = MD_SMS_VALIDITY_TYPE_ABSOLUTE;
    return TRUE;
  }
  }
  g_assert_not_reached ();
}

static gboolean
decode_deliver (MdPduReader *r, guint8 first, MdSmsPart *part, GError **error)
{
  part->type = MD_SMS_PDU_TYPE_DELIVER;
  part->delivery_report_request = (first & 0x20) != 0;
  return md_sms_address_decode (r, FALSE, &part->number, error)
         && md_pdu_octet (r, &part->pid, "TP-PID", error) && md_pdu_octet (r, &part->dcs, "TP-DCS", error)
         && decode_dcs (part, error) && decode_timestamp (r, &part->timestamp, "TP-SCTS", error)
         && decode_user_data (r, part, (first & 0x40) != 0, error);
}

static gboolean
decode_submit (MdPduReader *r, guint8 first, MdSmsPart *part, GError **error)
{
  part->type = MD_SMS_PDU_TYPE_SUBMIT;
  part->delivery_report_request = (first & 0x20) != 0;
  return md_pdu_octet (r, &part->message_reference, "TP-MR", error)
         && md_sms_address_decode (r, FALSE, &part->number, error)
         && md_pdu_octet (r, &part->pid, "TP-PID", error) && md_pdu_octet (r, &part->dcs, "TP-DCS", error)
         && decode_dcs (part, error) && decode_validity (r, (first >> 3) & 0x03, part, error)
         && decode_user_data (r, part, (first & 0x40) != 0, error);
}

static gboolean
decode_status_report (MdPduReader *r, guint8 first, MdSmsPart *part, GError **error)
{
  guint8 st, pi;

  part->type = MD_SMS_PDU_TYPE_STATUS_REPORT;
  part->delivery_report_request = (first & 0x20) != 0;
  if (!md_pdu_octet (r, &part->message_reference, "TP-MR", error)
      || !md_sms_address_decode (r, FALSE, &part->number, error)
      || !decode_timestamp (r, &part->timestamp, "TP-SCTS", error)
      || !decode_timestamp (r, &part->discharge_timestamp, "TP-DT", error)
      || !md_pdu_octet (r, &st, "TP-ST", error))
    return FALSE;
  part->delivery_state = st;
  /* TP-PI and what it announces are optional (9.2.2.3). */
  if (r->pos == r->len)
    return TRUE;
  if (!md_pdu_octet (r, &pi, "TP-PI", error))
    return FALSE;
  for (guint8 ext = pi; ext & 0x80;)
    if (!md_pdu_octet (r, &ext, "TP-PI extension", error))
      return FALSE;
  if ((pi & 0x01) && !md_pdu_octet (r, &part->pid, "TP-PID", error))
    return FALSE;
  if ((pi & 0x02) && !md_pdu_octet (r, &part->dcs, "TP-DCS", error))
    return FALSE;
  if (!decode_dcs (part, error))
    return FALSE;
  if (pi & 0x04)
    return decode_user_data (r, part, (first & 0x40) != 0, error);
  return TRUE;
}

MdSmsPart *
md_sms_pdu_decode (const guint8 *pdu, gsize len, gboolean with_smsc, GError **error)
{
  MdPduReader r = { pdu, len, 0 };
  g_autoptr (MdSmsPart) part = md_sms_part_new ();
  guint8 first;
  gboolean ok = FALSE;

  if (with_smsc && !md_sms_address_decode (&r, TRUE, &part->smsc, error))
    return NULL;
  if (!md_pdu_octet (&r, &first, "first octet", error))
    return NULL;
  switch (first & 0x03) {
  case MTI_DELIVER: ok = decode_deliver (&r, first, part, error); break;
  case MTI_SUBMIT: ok = decode_submit (&r, first, part, error); break;
  case MTI_STATUS_REPORT: ok = decode_status_report (&r, first, part, error); break;
  default:
    g_set_error (error, MD_MESSAGE_ERROR, MD_MESSAGE_ERROR_NOT_SUPPORTED,
                 "Reserved TP-MTI in first octet 0x%02X", first);
    break;
  }
  return ok ? g_steal_pointer (&part) : NULL;
}

MdSmsPart *
md_sms_pdu_decode_hex (const char *hex, gboolean with_smsc, GError **error)
{
  gsize len;
  g_autofree guint8 *pdu = md_hex_decode (hex, -1, &len, error);

  if (!pdu)
    return NULL;
  return md_sms_pdu_decode (pdu, len, with_smsc, error);
}
