/* SPDX-License-Identifier: GPL-2.0-or-later */
/* TPDU fields shared by the SMS PDU decoder and encoder (23.040 9.1.2, 9.2.3):
 * a bounds-checked reader, addresses (BCD semi-octets, alphanumeric),
 * timestamps and the relative validity period. Pure. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Reads a PDU front to back; every take is checked against len. */
typedef struct {
  const guint8 *data;
  gsize len;
  gsize pos;
} MdPduReader;

/* n octets at the read position, or MD_MESSAGE_ERROR_INVALID_PDU_PARAMETER
 * naming what was cut short. */
gboolean md_pdu_take (MdPduReader *r, gsize n, const guint8 **out, const char *what, GError **error);
gboolean md_pdu_octet (MdPduReader *r, guint8 *out, const char *what, GError **error);

/* An address field. smsc: the SMSC form (length in octets, counting the
 * type octet; 0 = absent, *out NULL) else the TP form (length in semi-octets
 * of the value). International numbers get a leading '+'; TON 5 is GSM 7-bit
 * alphanumeric text. Invalid BCD (a filler F among the digits) and overlong
 * lengths are errors; the padding nibble of an odd count is not checked. An
 * SMSC of no digits is NULL, an empty TP address "". */
gboolean md_sms_address_decode (MdPduReader *r, gboolean smsc, char **out, GError **error);

/* Appends the address field of number ("+" then digits: international,
 * otherwise unknown/national; digits 0-9 * # a b c). smsc selects the form as
 * above; an empty or NULL number in SMSC form is the single octet 00.
 * MD_CORE_ERROR_INVALID_ARGS for an empty TP number, another character or
 * more than 20 digits (10 for an SMSC). */
gboolean md_sms_address_encode (GByteArray *out, const char *number, gboolean smsc, GError **error);

/* Formats a time as ModemManager shows Sms.Timestamp:
 * "2011-02-28T11:50:50-05:00". */
char *md_sms_timestamp_format (guint year, guint month, guint day, guint hour, guint minute, guint second,
                               gint offset_minutes);

/* The year of an SMS timestamp's two digits (23.040 9.2.3.11 gives no
 * century): always 20yy, as ModemManager reads TP-SCTS (its 70 pivot is
 * for +CCLK only), so both publish the same Timestamp. Every SMS parser
 * goes through it. */
guint md_sms_year (guint two_digits);

/* A 7-octet TP-SCTS/TP-DT/absolute TP-VP (swapped BCD, zone in quarter hours
 * with the sign in bit 3). Years are md_sms_year's. Invalid BCD is
 * MD_MESSAGE_ERROR_INVALID_PDU_PARAMETER. A date or time out of range (all
 * zeros, as some phones store messages) is no error: *out is NULL, so the
 * message stays readable without a time. */
gboolean md_sms_timestamp_decode (const guint8 octets[7], char **out, GError **error);

/* Relative TP-VP octet <-> minutes (23.040 9.2.3.12.1). from_minutes rounds
 * up to the next step; minutes must be 1..635040 (63 weeks). */
guint md_sms_validity_to_minutes (guint8 vp);
guint8 md_sms_validity_from_minutes (guint minutes);
#define MD_SMS_VALIDITY_MAX_MINUTES (63u * 7u * 24u * 60u)

G_END_DECLS
