/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Hex text <-> bytes for PDUs. Pure. */
#include "md-hex.h"

#include "md-errors.h"

guint8 *
md_hex_decode (const char *hex, gssize len, gsize *out_len, GError **error)
{
  (void)hex;
  (void)len;
  *out_len = 0;
  g_set_error_literal (error, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED, "not implemented");
  return NULL;
}

char *
md_hex_encode (const guint8 *data, gsize len)
{
  (void)data;
  (void)len;
  return g_strdup ("");
}
