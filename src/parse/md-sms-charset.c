/* SPDX-License-Identifier: GPL-2.0-or-later */
/* GSM 7-bit default alphabet and extension table <-> UTF-8, septet packing,
 * UCS-2 (UTF-16BE) <-> UTF-8. Pure; the tables are 3GPP TS 23.038 6.2.1
 * and 6.2.1.1. */
#include "md-sms-charset.h"

#include "md-errors.h"

/* Default alphabet: septet -> Unicode. 0x1B is the escape (no character). */
static const gunichar gsm7_basic[128] = {
  '@',    0x00A3, '$',    0x00A5, 0x00E8, 0x00E9, 0x00F9, 0x00EC, 0x00F2, 0x00C7, '\n',   0x00D8, 0x00F8,
  '\r',   0x00C5, 0x00E5, 0x0394, '_',    0x03A6, 0x0393, 0x039B, 0x03A9, 0x03A0, 0x03A8, 0x03A3, 0x0398,
  0x039E, 0x00A0, 0x00C6, 0x00E6, 0x00DF, 0x00C9, ' ',    '!',    '"',    '#',    0x00A4, '%',    '&',
  '\'',   '(',    ')',    '*',    '+',    ',',    '-',    '.',    '/',    '0',    '1',    '2',    '3',
  '4',    '5',    '6',    '7',    '8',    '9',    ':',    ';',    '<',    '=',    '>',    '?',    0x00A1,
  'A',    'B',    'C',    'D',    'E',    'F',    'G',    'H',    'I',    'J',    'K',    'L',    'M',
  'N',    'O',    'P',    'Q',    'R',    'S',    'T',    'U',    'V',    'W',    'X',    'Y',    'Z',
  0x00C4, 0x00D6, 0x00D1, 0x00DC, 0x00A7, 0x00BF, 'a',    'b',    'c',    'd',    'e',    'f',    'g',
  'h',    'i',    'j',    'k',    'l',    'm',    'n',    'o',    'p',    'q',    'r',    's',    't',
  'u',    'v',    'w',    'x',    'y',    'z',    0x00E4, 0x00F6, 0x00F1, 0x00FC, 0x00E0,
};

/* Extension table: the septet after an escape -> Unicode. */
static const struct {
  guint8 septet;
  gunichar c;
} gsm7_ext[] = {
  { 0x0A, 0x000C }, { 0x14, '^' }, { 0x28, '{' }, { 0x29, '}' }, { 0x2F, '\\' },
  { 0x3C, '[' },    { 0x3D, '~' }, { 0x3E, ']' }, { 0x40, '|' }, { 0x65, 0x20AC },
};

/* Unicode -> (escaped?, septet); FALSE when neither table holds c. The
 * escape slot (0x1B) of the basic table never matches: it holds U+00A0 only
 * as a placeholder for display, so it is skipped here. */
static gboolean
gsm7_lookup (gunichar c, gboolean *escaped, guint8 *septet)
{
  for (guint i = 0; i < G_N_ELEMENTS (gsm7_ext); i++) {
    if (gsm7_ext[i].c == c) {
      *escaped = TRUE;
      *septet = gsm7_ext[i].septet;
      return TRUE;
    }
  }
  for (guint i = 0; i < 128; i++) {
    if (i != MD_GSM7_ESCAPE && gsm7_basic[i] == c) {
      *escaped = FALSE;
      *septet = (guint8)i;
      return TRUE;
    }
  }
  return FALSE;
}

GByteArray *
md_gsm7_from_utf8 (const char *utf8, GError **error)
{
  g_autoptr (GByteArray) out = g_byte_array_new ();

  if (!g_utf8_validate (utf8, -1, NULL)) {
    g_set_error_literal (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS, "Text is not valid UTF-8");
    return NULL;
  }
  for (const char *p = utf8; *p; p = g_utf8_next_char (p)) {
    gunichar c = g_utf8_get_char (p);
    gboolean escaped;
    guint8 septet;

    if (!gsm7_lookup (c, &escaped, &septet)) {
      /* The character stays out of the message: it is SMS text, which
       * callers may log. */
      g_set_error_literal (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS,
                           "Text has a character outside the GSM 7-bit alphabet");
      return NULL;
    }
    if (escaped)
      g_byte_array_append (out, (const guint8[]){ MD_GSM7_ESCAPE }, 1);
    g_byte_array_append (out, &septet, 1);
  }
  return g_steal_pointer (&out);
}

gboolean
md_gsm7_can_encode (const char *utf8)
{
  if (!g_utf8_validate (utf8, -1, NULL))
    return FALSE;
  for (const char *p = utf8; *p; p = g_utf8_next_char (p)) {
    gboolean escaped;
    guint8 septet;

    if (!gsm7_lookup (g_utf8_get_char (p), &escaped, &septet))
      return FALSE;
  }
  return TRUE;
}

static gunichar
gsm7_ext_char (guint8 septet)
{
  for (guint i = 0; i < G_N_ELEMENTS (gsm7_ext); i++)
    if (gsm7_ext[i].septet == septet)
      return gsm7_ext[i].c;
  /* 23.038: an undefined extension shows the default alphabet's character;
   * a second escape (reserved for another table) shows a space. */
  return septet == MD_GSM7_ESCAPE ? ' ' : gsm7_basic[septet];
}

char *
md_gsm7_to_utf8 (const guint8 *septets, gsize n_septets)
{
  GString *out = g_string_sized_new (n_septets + 1);

  for (gsize i = 0; i < n_septets; i++) {
    guint8 s = septets[i] & 0x7F;
    gunichar c;

    if (s == MD_GSM7_ESCAPE) {
      if (i + 1 == n_septets)
        c = ' ';
      else
        c = gsm7_ext_char (septets[++i] & 0x7F);
    } else {
      c = gsm7_basic[s];
    }
    g_string_append_unichar (out, c);
  }
  return g_string_free (out, FALSE);
}

guint8 *
md_gsm7_pack (const guint8 *septets, gsize n_septets, guint fill_bits, gsize *out_len)
{
  /* No septets: no octet, the fill bits belong to none. */
  gsize len = n_septets ? (fill_bits + 7 * n_septets + 7) / 8 : 0;
  guint8 *out = g_malloc0 (len + 1);

  g_return_val_if_fail (fill_bits < 7, NULL);
  for (gsize i = 0; i < n_septets; i++) {
    gsize bit = fill_bits + 7 * i;
    guint v = (guint)(septets[i] & 0x7F) << (bit % 8);

    out[bit / 8] |= (guint8)(v & 0xFF);
    if (v >> 8)
      out[bit / 8 + 1] |= (guint8)(v >> 8);
  }
  *out_len = len;
  return out;
}

guint8 *
md_gsm7_unpack (const guint8 *packed, gsize len, guint fill_bits, gsize n_septets, GError **error)
{
  guint8 *out;

  g_return_val_if_fail (fill_bits < 7, NULL);
  if (n_septets && (n_septets > (len * 8) / 7 || fill_bits + 7 * n_septets > len * 8)) {
    g_set_error (error, MD_MESSAGE_ERROR, MD_MESSAGE_ERROR_INVALID_PDU_PARAMETER,
                 "%" G_GSIZE_FORMAT " septets do not fit in %" G_GSIZE_FORMAT " octets", n_septets, len);
    return NULL;
  }
  out = g_malloc (n_septets + 1);
  for (gsize i = 0; i < n_septets; i++) {
    gsize bit = fill_bits + 7 * i;
    guint v = packed[bit / 8];

    /* The septet spans into the next octet only when it starts past bit 1. */
    if (bit % 8 > 1)
      v |= (guint)packed[bit / 8 + 1] << 8;
    out[i] = (guint8)((v >> (bit % 8)) & 0x7F);
  }
  return out;
}

char *
md_ucs2_to_utf8 (const guint8 *be, gsize len)
{
  GString *out = g_string_sized_new (len + 1);
  gsize n = len / 2;

  for (gsize i = 0; i < n; i++) {
    gunichar u = (gunichar)be[2 * i] << 8 | be[2 * i + 1];

    if (u >= 0xD800 && u <= 0xDBFF && i + 1 < n) {
      gunichar lo = (gunichar)be[2 * i + 2] << 8 | be[2 * i + 3];

      if (lo >= 0xDC00 && lo <= 0xDFFF) {
        g_string_append_unichar (out, 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00));
        i++;
        continue;
      }
    }
    if (u >= 0xD800 && u <= 0xDFFF)
      u = 0xFFFD;
    /* A NUL would end the C string; some senders pad with it. */
    if (u == 0)
      continue;
    g_string_append_unichar (out, u);
  }
  return g_string_free (out, FALSE);
}

GByteArray *
md_ucs2_from_utf8 (const char *utf8, GError **error)
{
  glong n = 0;
  g_autofree gunichar2 *units = g_utf8_to_utf16 (utf8, -1, NULL, &n, NULL);
  GByteArray *out;

  if (!units) {
    g_set_error_literal (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS, "Text is not valid UTF-8");
    return NULL;
  }
  out = g_byte_array_sized_new ((guint)n * 2);
  for (glong i = 0; i < n; i++) {
    guint8 pair[2] = { (guint8)(units[i] >> 8), (guint8)(units[i] & 0xFF) };

    g_byte_array_append (out, pair, 2);
  }
  return out;
}
