/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Hex text <-> bytes for PDUs (AT PDU mode carries them as hex). Pure; an
 * odd count of digits or a character that is not one is refused. */
#include "md-hex.h"

#include "md-errors.h"

guint8 *
md_hex_decode (const char *hex, gssize len, gsize *out_len, GError **error)
{
  gsize n = len < 0 ? strlen (hex) : (gsize)len;
  g_autofree guint8 *out = NULL;

  *out_len = 0;
  if (n % 2) {
    g_set_error (error, MD_MESSAGE_ERROR, MD_MESSAGE_ERROR_INVALID_PDU_PARAMETER,
                 "Odd number of hex digits (%" G_GSIZE_FORMAT ")", n);
    return NULL;
  }
  out = g_malloc (n / 2 + 1);
  for (gsize i = 0; i < n; i += 2) {
    int hi = g_ascii_xdigit_value (hex[i]);
    int lo = g_ascii_xdigit_value (hex[i + 1]);

    if (hi < 0 || lo < 0) {
      g_set_error (error, MD_MESSAGE_ERROR, MD_MESSAGE_ERROR_INVALID_PDU_PARAMETER,
                   "Not a hex digit at offset %" G_GSIZE_FORMAT, hi < 0 ? i : i + 1);
      return NULL;
    }
    out[i / 2] = (guint8)(hi << 4 | lo);
  }
  *out_len = n / 2;
  return g_steal_pointer (&out);
}

char *
md_hex_encode (const guint8 *data, gsize len)
{
  static const char digits[] = "0123456789ABCDEF";
  char *out = g_malloc (len * 2 + 1);

  for (gsize i = 0; i < len; i++) {
    out[2 * i] = digits[data[i] >> 4];
    out[2 * i + 1] = digits[data[i] & 0x0F];
  }
  out[len * 2] = '\0';
  return out;
}
