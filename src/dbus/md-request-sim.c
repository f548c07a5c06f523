/* SPDX-License-Identifier: GPL-2.0-or-later */
/* PIN and PUK as callers give them: the lengths 3GPP TS 31.101 allows for
 * CHV1 and its unblock key, digits only, so the drivers can put them into
 * AT commands and MBIM requests as they are. */
#include "md-request-sim.h"

#include "md-request-text.h"

static const MdRequestTextRule pin_rule = { "PIN", MD_REQUEST_CHARS_DIGITS, 4, 8 };
static const MdRequestTextRule puk_rule = { "PUK", MD_REQUEST_CHARS_DIGITS, 8, 8 };

gboolean
md_request_check_pin (const char *pin, GError **error)
{
  return md_request_check_text (&pin_rule, pin, error);
}

gboolean
md_request_check_puk (const char *puk, GError **error)
{
  return md_request_check_text (&puk_rule, puk, error);
}
