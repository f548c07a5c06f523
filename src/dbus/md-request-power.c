/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The power states Modem.SetPowerState accepts, as ModemManager's API
 * documents them: off, low and on. */
#include "md-request-power.h"

#include "md-errors.h"

static const MdModemPowerState accepted[] = {
  MD_MODEM_POWER_STATE_OFF,
  MD_MODEM_POWER_STATE_LOW,
  MD_MODEM_POWER_STATE_ON,
};

gboolean
md_request_power_state (guint32 value, MdModemPowerState *out_state, GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++) {
    if (value == (guint32)accepted[i]) {
      *out_state = accepted[i];
      return TRUE;
    }
  }
  g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS,
               "Unknown power state %u (expected 1 off, 2 low or 3 on)", value);
  return FALSE;
}
