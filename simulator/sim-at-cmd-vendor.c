/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Vendor AT commands, answered in every scenario: Quectel's +QPOWD (normal
 * power-down: OK, then the "POWERED DOWN" report; the model's CFUN becomes
 * 0, so the radio is off on every front end). */
#include "sim-at-private.h"

static SimAtStatus
handle_qpowd (SimAt *at, const SimAtCommand *cmd)
{
  guint mode = 1;

  switch (cmd->mode) {
  case SIM_AT_EXEC: break;
  case SIM_AT_SET:
    /* Only the normal power-down (1) is modelled. */
    if (!sim_at_arg_uint (cmd, 0, 1, &mode) || mode != 1)
      return sim_at_cme (at, SIM_ERROR_INCORRECT_PARAMETERS);
    break;
  case SIM_AT_READ:
  case SIM_AT_TEST: return sim_at_cme (at, SIM_ERROR_INCORRECT_PARAMETERS);
  }
  if (!sim_model_set_cfun (at->model, 0, NULL))
    return sim_at_cme (at, SIM_ERROR_PHONE_FAILURE);
  /* Held while the command runs: it follows the OK. */
  sim_at_urc (at, "POWERED DOWN");
  return SIM_AT_OK;
}

const SimAtEntry sim_at_vendor_commands[] = {
  { "+QPOWD", handle_qpowd },
  { NULL, NULL },
};
