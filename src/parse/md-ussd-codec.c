/* SPDX-License-Identifier: GPL-2.0-or-later */
/* USSD coding: DCS groups to alphabets, GSM 7-bit packing with the CR
 * filler of 23.038 6.1.2.3.1, and the check every network text passes
 * (it ends up in D-Bus properties and logs). */
#include "md-ussd-codec.h"

#include "md-errors.h"
#include "md-sms-charset.h"

#define GSM7_CR 0x0D

MdUssdAlphabet
md_ussd_dcs_alphabet (guint dcs)
{
  switch (dcs >> 4) {
  case 0x0: return MD_USSD_ALPHABET_GSM7; /* a language, GSM 7 bit */
  case 0x1: return dcs == 0x10 ? MD_USSD_ALPHABET_GSM7 : MD_USSD_ALPHABET_OTHER;
  case 0x4:
  case 0x5:
  case 0x6:
  case 0x7:
    /* General data coding: bits 3-2 name the alphabet. */
    switch ((dcs >> 2) & 3) {
    case 0: return MD_USSD_ALPHABET_GSM7;
    case 2: return MD_USSD_ALPHABET_UCS2;
    default: return MD_USSD_ALPHABET_OTHER;
    }
  case 0xf: return (dcs & 0x04) ? MD_USSD_ALPHABET_OTHER : MD_USSD_ALPHABET_GSM7;
  default: return MD_USSD_ALPHABET_OTHER;
  }
}

gboolean
md_ussd_text_acceptable (const char *text)
{
  if (!g_utf8_validate (text, -1, NULL))
    return FALSE;
  for (const char *p = text; *p; p++) {
    if ((guchar)*p < 0x20 && *p != '\r' && *p != '\n')
      return FALSE;
    if (*p == 0x7f)
      return FALSE;
  }
  return TRUE;
}

GByteArray *
md_ussd_encode_gsm7 (const char *utf8, GError **error)
{
  g_autoptr (GByteArray) septets = md_gsm7_from_utf8 (utf8, error);
  g_autofree guint8 *packed = NULL;
  GByteArray *out;
  gsize len = 0;

  if (!septets)
    return NULL;
  /* Without the filler the receiver would read 7 zero bits as '@'. */
  if (septets->len % 8 == 7) {
    guint8 cr = GSM7_CR;

    g_byte_array_append (septets, &cr, 1);
  }
  packed = md_gsm7_pack (septets->data, septets->len, 0, &len);
  out = g_byte_array_sized_new ((guint)len);
  g_byte_array_append (out, packed, (guint)len);
  return out;
}

static char *
decode_error (GError **error, const char *what)
{
  g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "Cannot decode USSD text: %s", what);
  return NULL;
}

static char *
decode_gsm7 (const guint8 *payload, gsize len, GError **error)
{
  gsize n_septets = len * 8 / 7;
  g_autofree guint8 *septets = NULL;

  if (n_septets == 0)
    return g_strdup ("");
  septets = md_gsm7_unpack (payload, len, 0, n_septets, error);
  if (!septets)
    return NULL;
  if (len % 7 == 0 && septets[n_septets - 1] == GSM7_CR)
    n_septets--;
  return md_gsm7_to_utf8 (septets, n_septets);
}

static char *
decode_ucs2 (const guint8 *payload, gsize len, GError **error)
{
  if (len % 2 != 0)
    return decode_error (error, "UCS-2 of odd length");
  for (gsize i = 0; i < len; i += 2) {
    guint unit = (guint)payload[i] << 8 | payload[i + 1];

    /* A lone surrogate (UCS-2 has none) is not text. */
    if (unit >= 0xd800 && unit <= 0xdfff)
      return decode_error (error, "a surrogate in UCS-2");
  }
  return md_ucs2_to_utf8 (payload, len);
}

char *
md_ussd_decode (guint dcs, const guint8 *payload, gsize len, GError **error)
{
  g_autofree char *text = NULL;

  switch (md_ussd_dcs_alphabet (dcs)) {
  case MD_USSD_ALPHABET_GSM7: text = decode_gsm7 (payload, len, error); break;
  case MD_USSD_ALPHABET_UCS2: text = decode_ucs2 (payload, len, error); break;
  case MD_USSD_ALPHABET_OTHER: return decode_error (error, "a coding other than GSM 7 bit or UCS-2");
  }
  if (!text)
    return NULL;
  if (!md_ussd_text_acceptable (text))
    return decode_error (error, "control characters");
  return g_steal_pointer (&text);
}
