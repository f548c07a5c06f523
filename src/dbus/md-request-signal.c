/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The refresh rates Modem.Signal.Setup accepts: 0 turns refreshing off, a
 * period longer than a day is refused rather than silently capped. */
#include "md-request-signal.h"

#include "md-errors.h"
#include "md-modem-signal.h"

gboolean
md_request_signal_rate (guint32 rate, GError **error)
{
  if (rate <= MD_SIGNAL_RATE_MAX)
    return TRUE;
  g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS,
               "Refresh rate %u s is longer than a day (at most %u; 0 disables)", rate, MD_SIGNAL_RATE_MAX);
  return FALSE;
}
