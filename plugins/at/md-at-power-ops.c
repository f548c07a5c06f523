/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Power ops over AT: +CFUN? and +CFUN=1 (on), 4 (low: radio off, SIM kept)
 * and 0 (minimum functionality, for "off"). */
#include "md-at-ops.h"

#include "md-at-3gpp.h"
#include "md-at-op.h"

/* Switching the radio takes several seconds on real modems. */
#define CFUN_TIMEOUT_MS 20000

static gboolean
parse_cfun (const char *response, gssize *out, GError **error)
{
  MdModemPowerState state;

  if (!md_at_parse_cfun (response, &state, error))
    return FALSE;
  *out = state;
  return TRUE;
}

static void
at_load_power_state (MdModem *modem, GTask *task)
{
  md_at_op_int (modem, task, "AT+CFUN?", MD_AT_TIMEOUT_SHORT_MS, parse_cfun);
}

static void
at_set_power_state (MdModem *modem, MdModemPowerState state, GTask *task)
{
  const char *command = "AT+CFUN=4";

  switch (state) {
  case MD_MODEM_POWER_STATE_ON: command = "AT+CFUN=1"; break;
  case MD_MODEM_POWER_STATE_OFF: command = "AT+CFUN=0"; break;
  case MD_MODEM_POWER_STATE_LOW:
  case MD_MODEM_POWER_STATE_UNKNOWN: break;
  }
  md_at_op_boolean (modem, task, command, CFUN_TIMEOUT_MS);
}

const MdModemPowerOps md_at_power_ops = {
  .load_power_state = at_load_power_state,
  .set_power_state = at_set_power_state,
};
