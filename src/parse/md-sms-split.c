/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Text or data of one message into per-part payloads. Pure. */
#include "md-sms-split.h"

#include "md-errors.h"

GPtrArray *
md_sms_split_text (const char *utf8, MdSmsEncoding *out_encoding, GError **error)
{
  (void)utf8;
  *out_encoding = MD_SMS_ENCODING_UNKNOWN;
  g_set_error_literal (error, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED, "not implemented");
  return NULL;
}

GPtrArray *
md_sms_split_data (const guint8 *data, gsize len, GError **error)
{
  (void)data;
  (void)len;
  g_set_error_literal (error, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED, "not implemented");
  return NULL;
}
