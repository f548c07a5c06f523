/* SPDX-License-Identifier: GPL-2.0-or-later */
/* GSM 7-bit default alphabet and extension table, septet packing, UCS-2.
 * Pure; the tables follow 3GPP TS 23.038 6.2.1. */
#include "md-sms-charset.h"

#include "md-errors.h"

GByteArray *
md_gsm7_from_utf8 (const char *utf8, GError **error)
{
  (void)utf8;
  g_set_error_literal (error, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED, "not implemented");
  return NULL;
}

gboolean
md_gsm7_can_encode (const char *utf8)
{
  (void)utf8;
  return FALSE;
}

char *
md_gsm7_to_utf8 (const guint8 *septets, gsize n_septets)
{
  (void)septets;
  (void)n_septets;
  return g_strdup ("");
}

guint8 *
md_gsm7_pack (const guint8 *septets, gsize n_septets, guint fill_bits, gsize *out_len)
{
  (void)septets;
  (void)n_septets;
  (void)fill_bits;
  *out_len = 0;
  return g_new0 (guint8, 1);
}

guint8 *
md_gsm7_unpack (const guint8 *packed, gsize len, guint fill_bits, gsize n_septets, GError **error)
{
  (void)packed;
  (void)len;
  (void)fill_bits;
  (void)n_septets;
  g_set_error_literal (error, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED, "not implemented");
  return NULL;
}

char *
md_ucs2_to_utf8 (const guint8 *be, gsize len)
{
  (void)be;
  (void)len;
  return g_strdup ("");
}

GByteArray *
md_ucs2_from_utf8 (const char *utf8, GError **error)
{
  (void)utf8;
  g_set_error_literal (error, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED, "not implemented");
  return NULL;
}
