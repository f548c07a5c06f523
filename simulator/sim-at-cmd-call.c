/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Voice call and supplementary service settings that clients switch on
 * while enabling a modem (+CLIP, +CRC, +CCWA, +CUSD) and the call list
 * (+CLCC). The simulator has no voice calls: the settings are kept, +CRC
 * changes how RING is worded, and USSD requests are refused. */
#include "sim-at-private.h"

static SimAtStatus
handle_clip (SimAt *at, const SimAtCommand *cmd)
{
  if (cmd->mode == SIM_AT_READ) {
    /* <m> 1: the network provides the CLIP service. */
    sim_at_reply (at, "+CLIP: %u,1", at->set.clip);
    return SIM_AT_OK;
  }
  return sim_at_setting (at, cmd, &at->set.clip, 1, "(0,1)");
}

static SimAtStatus
handle_crc (SimAt *at, const SimAtCommand *cmd)
{
  return sim_at_setting (at, cmd, &at->set.crc, 1, "(0,1)");
}

static SimAtStatus
handle_ccwa (SimAt *at, const SimAtCommand *cmd)
{
  guint mode;

  /* "+CCWA=<n>[,<mode>[,<class>]]": only <n> is kept; queries have no
   * waiting calls to report. */
  if (cmd->mode == SIM_AT_SET && !sim_at_arg_uint_or (cmd, 1, 2, 0, &mode))
    return sim_at_cme (at, SIM_ERROR_INCORRECT_PARAMETERS);
  return sim_at_setting (at, cmd, &at->set.ccwa, 1, "(0,1)");
}

void
sim_at_ussd_event (SimAt *at)
{
  g_autofree char *line = NULL;

  if (at->set.cusd != 1)
    return;
  if (at->model->ussd.text)
    line = g_strdup_printf ("+CUSD: %u,\"%s\",15", at->model->ussd.status, at->model->ussd.text);
  else
    line = g_strdup_printf ("+CUSD: %u", at->model->ussd.status);
  sim_at_send_unsolicited (at, line);
}

/* "+CUSD=<n>[,<str>[,<dcs>]]": n 2 ends the session; a string goes to the
 * network, whose answer is a +CUSD report after OK (with n=1). */
static SimAtStatus
handle_cusd (SimAt *at, const SimAtCommand *cmd)
{
  guint n, dcs;
  const char *str;

  /* n=2 cancels the session; it is no presentation setting. */
  if (cmd->mode == SIM_AT_SET && sim_at_arg_uint_or (cmd, 0, 2, 0, &n) && n == 2) {
    sim_model_ussd_cancel (at->model);
    return SIM_AT_OK;
  }
  if (cmd->mode != SIM_AT_SET || sim_at_n_args (cmd) <= 1)
    return sim_at_setting (at, cmd, &at->set.cusd, 2, "(0-2)");
  str = sim_at_arg (cmd, 1);
  if (!sim_at_arg_uint_or (cmd, 0, 2, 0, &n) || !sim_at_arg_uint_or (cmd, 2, 255, 15, &dcs) || !str || !*str
      || dcs != 15)
    return sim_at_cme (at, SIM_ERROR_INCORRECT_PARAMETERS);
  at->set.cusd = n;
  sim_model_ussd_send (at->model, str);
  return SIM_AT_OK;
}

static SimAtStatus
handle_clcc (SimAt *at, const SimAtCommand *cmd)
{
  if (cmd->mode == SIM_AT_EXEC || cmd->mode == SIM_AT_TEST)
    return SIM_AT_OK;
  return sim_at_cme (at, SIM_ERROR_INCORRECT_PARAMETERS);
}

const SimAtEntry sim_at_call_commands[] = {
  { "+CLIP", handle_clip }, { "+CRC", handle_crc },   { "+CCWA", handle_ccwa },
  { "+CUSD", handle_cusd }, { "+CLCC", handle_clcc }, { NULL, NULL },
};
