/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Vendor AT commands, answered in every scenario: Quectel's +QPOWD (normal
 * power-down: OK, then the "POWERED DOWN" report; the model's CFUN becomes
 * 0, so the radio is off on every front end) and +QSIMSTAT (the card's
 * insertion status, and "+QSIMSTAT: 1,<0|1>" reports when enabled). */
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

static SimAtStatus
handle_qsimstat (SimAt *at, const SimAtCommand *cmd)
{
  guint enable = 0;

  switch (cmd->mode) {
  case SIM_AT_SET:
    if (sim_at_n_args (cmd) != 1 || !sim_at_arg_uint (cmd, 0, 1, &enable))
      return sim_at_cme (at, SIM_ERROR_INCORRECT_PARAMETERS);
    at->set.qsimstat = enable;
    return SIM_AT_OK;
  case SIM_AT_READ:
    sim_at_reply (at, "+QSIMSTAT: %u,%d", at->set.qsimstat, at->model->sim.present ? 1 : 0);
    return SIM_AT_OK;
  case SIM_AT_TEST: sim_at_reply (at, "+QSIMSTAT: (0,1)"); return SIM_AT_OK;
  case SIM_AT_EXEC: break;
  }
  return sim_at_cme (at, SIM_ERROR_INCORRECT_PARAMETERS);
}

void
sim_at_vendor_sim_event (SimAt *at)
{
  if (at->card_in == at->model->sim.present)
    return;
  at->card_in = at->model->sim.present;
  if (at->set.qsimstat)
    sim_at_send_unsolicited (at, at->card_in ? "+QSIMSTAT: 1,1" : "+QSIMSTAT: 1,0");
}

const SimAtEntry sim_at_vendor_commands[] = {
  { "+QPOWD", handle_qpowd },
  { "+QSIMSTAT", handle_qsimstat },
  { NULL, NULL },
};
