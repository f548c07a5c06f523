/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Builds SMS-DELIVER PDUs from a serial number: GSM 7-bit, UCS2, and
 * two-part messages with an 8-bit concatenation header. Only the SMS
 * bytes; storing them is the model's. */
#include "sim-sms-gen.h"

#include <string.h>

/* The SMSC +31624000000 as the PDU's leading address field. */
#define SMSC_FIELD "07911326040000F0"

static void
append_sender (GString *pdu, guint serial)
{
  char digits[16];
  gsize n;

  /* International, one sender per serial: +491700 and six digits. */
  g_snprintf (digits, sizeof digits, "491700%06u", serial % 1000000);
  n = strlen (digits);
  g_string_append_printf (pdu, "%02X91", (guint)n);
  for (gsize i = 0; i < n; i += 2)
    g_string_append_printf (pdu, "%c%c", i + 1 < n ? digits[i + 1] : 'F', digits[i]);
}

/* 2026-12-05 08:00:00 +01:00 plus serial seconds (wrapping within the day),
 * as TP-SCTS semi-octets. */
static void
append_timestamp (GString *pdu, guint serial)
{
  guint seconds = (8 * 3600 + serial) % 86400;
  guint fields[6] = { 26, 12, 5, seconds / 3600, seconds / 60 % 60, seconds % 60 };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_string_append_printf (pdu, "%u%u", fields[i] % 10, fields[i] / 10);
  g_string_append (pdu, "40"); /* +4 quarter hours */
}

/* text must be ASCII letters, digits, space and ",.;:": the characters the
 * GSM default alphabet codes like ASCII. header (may be NULL) is a UDH
 * including its length octet; septets are packed after it, aligned. */
static void
append_gsm7 (GString *pdu, const guint8 *header, const char *text)
{
  gsize header_len = header ? header[0] + 1u : 0;
  guint fill_septets = (guint)((header_len * 8 + 6) / 7);
  gsize n_septets = fill_septets + strlen (text);
  g_autofree guint8 *bytes = g_malloc0 ((n_septets * 7 + 7) / 8 + 1);

  for (gsize i = 0; text[i]; i++) {
    gsize bit = (fill_septets + i) * 7;
    guint value = (guint8)text[i] & 0x7F;

    bytes[bit / 8] |= (guint8)(value << (bit % 8));
    bytes[bit / 8 + 1] |= (guint8)(value >> (8 - bit % 8));
  }
  if (header)
    memcpy (bytes, header, header_len);
  g_string_append_printf (pdu, "%02X", (guint)n_septets);
  for (gsize i = 0; i < (n_septets * 7 + 7) / 8; i++)
    g_string_append_printf (pdu, "%02X", bytes[i]);
}

static void
append_ucs2 (GString *pdu, const char *utf8)
{
  glong n = 0;
  g_autofree gunichar2 *units = g_utf8_to_utf16 (utf8, -1, NULL, &n, NULL);

  g_string_append_printf (pdu, "%02X", (guint)(n * 2));
  for (glong i = 0; i < n; i++)
    g_string_append_printf (pdu, "%04X", units[i]);
}

static char *
deliver (guint serial, gboolean ucs2, const guint8 *header, const char *text)
{
  GString *pdu = g_string_new (SMSC_FIELD);

  /* SMS-DELIVER, more messages to send (TP-MMS clear), TP-UDHI when a header follows. */
  g_string_append_printf (pdu, "%02X", header ? 0x44 : 0x04);
  append_sender (pdu, serial);
  g_string_append (pdu, ucs2 ? "0008" : "0000"); /* TP-PID, TP-DCS */
  append_timestamp (pdu, serial);
  if (ucs2)
    append_ucs2 (pdu, text);
  else
    append_gsm7 (pdu, header, text);
  return g_string_free (pdu, FALSE);
}

static gboolean
is_two_part (guint serial, gboolean multipart)
{
  return multipart && serial % 10 == 9;
}

guint
sim_sms_gen_message (guint serial, const char *label, gboolean multipart, GPtrArray *pdus)
{
  if (is_two_part (serial, multipart)) {
    guint8 header[6] = { 5, 0x00, 3, (guint8)(serial & 0xFF), 2, 1 };
    g_autofree char *first = g_strdup_printf ("%s %04u, first part; ", label, serial);

    g_ptr_array_add (pdus, deliver (serial, FALSE, header, first));
    header[5] = 2;
    g_ptr_array_add (pdus, deliver (serial, FALSE, header, "second part."));
    return 2;
  }
  if (serial % 10 == 4) {
    g_autofree char *text = g_strdup_printf ("Grüße %s %04u", label, serial);

    g_ptr_array_add (pdus, deliver (serial, TRUE, NULL, text));
  } else {
    g_autofree char *text = g_strdup_printf ("%s %04u from the simulator", label, serial);

    g_ptr_array_add (pdus, deliver (serial, FALSE, NULL, text));
  }
  return 1;
}

guint
sim_sms_gen_entries (guint n, gboolean multipart)
{
  return multipart ? n + n / 10 : n;
}
