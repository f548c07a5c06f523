/* SPDX-License-Identifier: GPL-2.0-or-later */
/* TPDU fields shared by the SMS decoder and encoder: bounds-checked reading,
 * addresses, timestamps, relative validity. Pure; every read of PDU octets
 * goes through md_pdu_take. */
#include "md-sms-fields.h"

#include "md-errors.h"
#include "md-sms-charset.h"

#define MAX_TP_DIGITS   20
#define MAX_SMSC_OCTETS 11 /* type octet + 10 octets of digits */

gboolean
md_pdu_take (MdPduReader *r, gsize n, const guint8 **out, const char *what, GError **error)
{
  if (n > r->len - r->pos) {
    g_set_error (error, MD_MESSAGE_ERROR, MD_MESSAGE_ERROR_INVALID_PDU_PARAMETER,
                 "PDU too short for %s (%" G_GSIZE_FORMAT " octets at %" G_GSIZE_FORMAT ", %" G_GSIZE_FORMAT
                 " left)",
                 what, n, r->pos, r->len - r->pos);
    return FALSE;
  }
  *out = r->data + r->pos;
  r->pos += n;
  return TRUE;
}

gboolean
md_pdu_octet (MdPduReader *r, guint8 *out, const char *what, GError **error)
{
  const guint8 *p;

  if (!md_pdu_take (r, 1, &p, what, error))
    return FALSE;
  *out = *p;
  return TRUE;
}

static const char bcd_digits[] = "0123456789*#abc";

/* n_digits semi-octets, low nibble first. A filler (F) among them is invalid;
 * the callers leave out the one that pads an odd count. */
static char *
bcd_decode (const guint8 *octets, guint n_digits, GError **error)
{
  GString *out = g_string_sized_new (n_digits + 2);

  for (guint i = 0; i < n_digits; i++) {
    guint8 nibble = i % 2 ? octets[i / 2] >> 4 : octets[i / 2] & 0x0F;

    if (nibble == 0x0F) {
      g_string_free (out, TRUE);
      g_set_error (error, MD_MESSAGE_ERROR, MD_MESSAGE_ERROR_INVALID_PDU_PARAMETER,
                   "Invalid BCD filler in address digit %u", i);
      return NULL;
    }
    g_string_append_c (out, bcd_digits[nibble]);
  }
  return g_string_free (out, FALSE);
}

gboolean
md_sms_address_decode (MdPduReader *r, gboolean smsc, char **out, GError **error)
{
  const char *what = smsc ? "SMSC address" : "address";
  const guint8 *value;
  guint8 len, type;
  guint n_octets, n_digits;
  g_autofree char *text = NULL;

  *out = NULL;
  if (!md_pdu_octet (r, &len, what, error))
    return FALSE;
  if (smsc && len == 0)
    return TRUE;
  if (smsc ? len > MAX_SMSC_OCTETS : len > MAX_TP_DIGITS) {
    g_set_error (error, MD_MESSAGE_ERROR, MD_MESSAGE_ERROR_INVALID_PDU_PARAMETER, "Bad %s length %u", what,
                 len);
    return FALSE;
  }
  n_octets = smsc ? len - 1u : (len + 1u) / 2;
  if (!md_pdu_octet (r, &type, what, error) || !md_pdu_take (r, n_octets, &value, what, error))
    return FALSE;

  if (((type >> 4) & 0x07) == 5 && !smsc) {
    /* Alphanumeric: len counts the semi-octets that carry septets. */
    guint n_septets = len * 4 / 7;
    g_autofree guint8 *septets = md_gsm7_unpack (value, n_octets, 0, n_septets, error);

    if (!septets)
      return FALSE;
    *out = md_gsm7_to_utf8 (septets, n_septets);
    return TRUE;
  }

  /* In SMSC form the digit count is implied: a trailing F marks an odd one. */
  n_digits = smsc ? n_octets * 2 : len;
  if (smsc && n_octets && (value[n_octets - 1] >> 4) == 0x0F)
    n_digits--;
  text = bcd_decode (value, n_digits, error);
  if (!text)
    return FALSE;
  if (smsc && !*text)
    return TRUE;
  *out = ((type >> 4) & 0x07) == 1 ? g_strconcat ("+", text, NULL) : g_steal_pointer (&text);
  return TRUE;
}

gboolean
md_sms_address_encode (GByteArray *out, const char *number, gboolean smsc, GError **error)
{
  gboolean international = number && number[0] == '+';
  const char *digits = international ? number + 1 : number;
  gsize n = digits ? strlen (digits) : 0;
  guint8 header[2];

  if (smsc && n == 0 && !international) {
    g_byte_array_append (out, (const guint8[]){ 0x00 }, 1);
    return TRUE;
  }
  if (n == 0 || n > (smsc ? 2u * (MAX_SMSC_OCTETS - 1) : MAX_TP_DIGITS)) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS, "Bad %s number length %" G_GSIZE_FORMAT,
                 smsc ? "SMSC" : "destination", n);
    return FALSE;
  }
  header[0] = smsc ? (guint8)(1 + (n + 1) / 2) : (guint8)n;
  /* Type of address: extension bit, TON international (1) or unknown (0),
   * NPI ISDN/telephone (1). */
  header[1] = international ? 0x91 : 0x81;
  g_byte_array_append (out, header, 2);
  for (gsize i = 0; i < n; i += 2) {
    const char *lo = strchr (bcd_digits, g_ascii_tolower (digits[i]));
    const char *hi = i + 1 < n ? strchr (bcd_digits, g_ascii_tolower (digits[i + 1])) : NULL;
    guint8 octet;

    if (!lo || !digits[i] || (i + 1 < n && (!hi || !digits[i + 1]))) {
      g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS, "Invalid character in %s number",
                   smsc ? "SMSC" : "destination");
      return FALSE;
    }
    octet = (guint8)((lo - bcd_digits) | (hi ? (hi - bcd_digits) << 4 : 0xF0));
    g_byte_array_append (out, &octet, 1);
  }
  return TRUE;
}

char *
md_sms_timestamp_format (guint year, guint month, guint day, guint hour, guint minute, guint second,
                         gint offset_minutes)
{
  guint off = (guint)ABS (offset_minutes);

  return g_strdup_printf ("%04u-%02u-%02uT%02u:%02u:%02u%c%02u:%02u", year, month, day, hour, minute, second,
                          offset_minutes < 0 ? '-' : '+', off / 60, off % 60);
}

guint
md_sms_year (guint two_digits)
{
  return 2000 + two_digits % 100;
}

gboolean
md_sms_timestamp_decode (const guint8 octets[7], char **out, GError **error)
{
  guint v[6];
  guint8 tz = octets[6];
  guint quarters;

  *out = NULL;
  for (guint i = 0; i < 6; i++) {
    guint lo = octets[i] & 0x0F, hi = octets[i] >> 4;

    if (lo > 9 || hi > 9)
      goto invalid;
    v[i] = lo * 10 + hi;
  }
  /* The zone: the tens digit (low nibble) carries the sign in bit 3. Any
   * BCD value is taken, as networks send zones outside -12..+14. */
  if ((tz >> 4) > 9)
    goto invalid;
  quarters = (tz & 0x07) * 10u + (tz >> 4);
  if (v[1] < 1 || v[1] > 12 || v[2] < 1
      || v[2] > g_date_get_days_in_month ((GDateMonth)v[1], (GDateYear)md_sms_year (v[0])) || v[3] > 23
      || v[4] > 59 || v[5] > 59)
    return TRUE;
  *out = md_sms_timestamp_format (md_sms_year (v[0]), v[1], v[2], v[3], v[4], v[5],
                                  (tz & 0x08 ? -1 : 1) * (gint)quarters * 15);
  return TRUE;

invalid:
  g_set_error (error, MD_MESSAGE_ERROR, MD_MESSAGE_ERROR_INVALID_PDU_PARAMETER,
               "Invalid timestamp %02X%02X%02X%02X%02X%02X%02X", octets[0], octets[1], octets[2], octets[3],
               octets[4], octets[5], octets[6]);
  return FALSE;
}

guint
md_sms_validity_to_minutes (guint8 vp)
{
  if (vp <= 143)
    return (vp + 1u) * 5u;
  if (vp <= 167)
    return 12u * 60u + (vp - 143u) * 30u;
  if (vp <= 196)
    return (vp - 166u) * 24u * 60u;
  return (vp - 192u) * 7u * 24u * 60u;
}

guint8
md_sms_validity_from_minutes (guint minutes)
{
  minutes = CLAMP (minutes, 5u, MD_SMS_VALIDITY_MAX_MINUTES);
  if (minutes <= 12 * 60)
    return (guint8)((minutes + 4) / 5 - 1);
  if (minutes <= 24 * 60)
    return (guint8)(143 + (minutes - 12 * 60 + 29) / 30);
  if (minutes <= 30 * 24 * 60)
    return (guint8)(166 + (minutes + 24 * 60 - 1) / (24 * 60));
  return (guint8)(192 + (minutes + 7 * 24 * 60 - 1) / (7 * 24 * 60));
}
