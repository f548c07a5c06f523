/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What a USSD request or response may hold: printable ASCII, no quote or
 * backslash (they could end the AT string), no control character (it
 * could end the command line), at most one USSD string long. */
#include "md-request-ussd.h"

#include "md-request-text.h"

static const MdRequestTextRule ussd_rule = {
  .what = "USSD string",
  .chars = MD_REQUEST_CHARS_CREDENTIAL,
  .min_length = 1,
  .max_length = MD_REQUEST_USSD_MAX,
};

gboolean
md_request_ussd_text (const char *text, GError **error)
{
  return md_request_check_text (&ussd_rule, text, error);
}
