/* SPDX-License-Identifier: GPL-2.0-or-later */
/* 27.005 text-mode +CMGL/+CMGR header lines. Pure. */
#include "md-sms-text.h"

#include "md-errors.h"

void
md_sms_text_header_clear (MdSmsTextHeader *header)
{
  g_clear_pointer (&header->number, g_free);
  g_clear_pointer (&header->timestamp, g_free);
}

gboolean
md_sms_text_parse_header (const char *line, MdSmsTextHeader *out, GError **error)
{
  (void)line;
  (void)out;
  g_set_error_literal (error, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED, "not implemented");
  return FALSE;
}
