/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Operator ids as callers give them: MCC (3 digits, never 000) and MNC (2 or
 * 3 digits), or "" for automatic selection, as Modem3gpp.Register
 * documents. */
#include "md-request-network.h"

#include "md-errors.h"
#include "md-request-text.h"

static const MdRequestTextRule operator_rule = { "operator id (MCC+MNC)", MD_REQUEST_CHARS_DIGITS, 5, 6 };

gboolean
md_request_check_operator_id (const char *operator_id, GError **error)
{
  if (operator_id && !*operator_id)
    return TRUE;
  if (!md_request_check_text (&operator_rule, operator_id, error))
    return FALSE;
  if (g_str_has_prefix (operator_id, "000")) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS, "The MCC of an operator id is never 000");
    return FALSE;
  }
  return TRUE;
}
