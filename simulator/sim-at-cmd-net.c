/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Network AT commands: registration per domain (+CREG, +CGREG, +CEREG,
 * +C5GREG) with their unsolicited results, operator selection and scan
 * (+COPS), signal (+CSQ, +CESQ), indicators (+CIND, +CMER and +CIEV) and
 * the EPS mode of operation (+CEMODE). */
#include "sim-at-private.h"

#include <string.h>

static const char *const reg_commands[SIM_N_DOMAINS] = {
  [SIM_DOMAIN_CS] = "+CREG",
  [SIM_DOMAIN_PS] = "+CGREG",
  [SIM_DOMAIN_EPS] = "+CEREG",
  [SIM_DOMAIN_5GS] = "+C5GREG",
};

static SimAtStatus
bad_parameters (SimAt *at)
{
  return sim_at_cme (at, SIM_ERROR_INCORRECT_PARAMETERS);
}

static gboolean
domain_registered (SimAt *at, SimDomain domain)
{
  SimRegState state = at->model->reg[domain];

  return state == SIM_REG_HOME || state == SIM_REG_ROAMING;
}

/* "<stat>[,<lac>,<ci>,<AcT>]": the location part only with n=2 while
 * registered, as 27.007 specifies. */
static char *
reg_fields (SimAt *at, SimDomain domain)
{
  const SimNetwork *net = &at->model->net;
  guint area = domain == SIM_DOMAIN_EPS || domain == SIM_DOMAIN_5GS ? net->tac : net->lac;

  if (at->set.reg_n[domain] < 2 || !domain_registered (at, domain))
    return g_strdup_printf ("%u", at->model->reg[domain]);
  /* 5GS tracking areas have three octets, the others two. */
  return g_strdup_printf ("%u,\"%0*X\",\"%08X\",%u", at->model->reg[domain], domain == SIM_DOMAIN_5GS ? 6 : 4,
                          area, net->cell_id, sim_tech_act (net->tech));
}

static gboolean
domain_of (const char *name, SimDomain *out)
{
  for (guint d = 0; d < SIM_N_DOMAINS; d++) {
    if (strcmp (reg_commands[d], name) == 0) {
      *out = (SimDomain)d;
      return TRUE;
    }
  }
  return FALSE;
}

static SimAtStatus
handle_reg (SimAt *at, const SimAtCommand *cmd)
{
  g_autofree char *fields = NULL;
  SimDomain domain;

  if (!domain_of (cmd->name, &domain))
    return sim_at_cme (at, SIM_ERROR_NOT_SUPPORTED);
  switch (cmd->mode) {
  case SIM_AT_READ:
    fields = reg_fields (at, domain);
    sim_at_reply (at, "%s: %u,%s", cmd->name, at->set.reg_n[domain], fields);
    return SIM_AT_OK;
  case SIM_AT_TEST: sim_at_reply (at, "%s: (0-2)", cmd->name); return SIM_AT_OK;
  case SIM_AT_SET:
  case SIM_AT_EXEC:
    if (!sim_at_arg_uint_or (cmd, 0, 2, 0, &at->set.reg_n[domain]))
      return bad_parameters (at);
    return SIM_AT_OK;
  }
  return bad_parameters (at);
}

static void
report_registration (SimAt *at, SimDomain domain)
{
  g_autofree char *fields = NULL;

  if (at->set.reg_n[domain] == 0)
    return;
  fields = reg_fields (at, domain);
  sim_at_urc (at, "%s: %s", reg_commands[domain], fields);
}

/* --- indicators ------------------------------------------------------------ */

enum {
  IND_BATTCHG = 1,
  IND_SIGNAL,
  IND_SERVICE,
  IND_CALL,
  IND_ROAM,
  IND_SMSFULL,
  IND_CALLSETUP,
};

static guint
signal_level (SimAt *at)
{
  guint rssi = sim_model_current_rssi (at->model);

  return rssi == 99 ? 0 : MIN (5, (rssi + 5) / 6);
}

static void
read_indicators (SimAt *at, guint *signal, guint *service, guint *roam)
{
  SimRegState state = sim_model_get_registration (at->model);

  *signal = signal_level (at);
  *service = state == SIM_REG_HOME || state == SIM_REG_ROAMING;
  *roam = state == SIM_REG_ROAMING;
}

static void
report_indicator (SimAt *at, guint index, guint value, guint *last)
{
  if (value != *last && at->set.cmer_ind > 0)
    sim_at_urc (at, "+CIEV: %u,%u", index, value);
  *last = value;
}

static void
report_indicators (SimAt *at)
{
  guint signal, service, roam;

  read_indicators (at, &signal, &service, &roam);
  report_indicator (at, IND_SIGNAL, signal, &at->ind_signal);
  report_indicator (at, IND_SERVICE, service, &at->ind_service);
  report_indicator (at, IND_ROAM, roam, &at->ind_roam);
}

static SimAtStatus
handle_cind (SimAt *at, const SimAtCommand *cmd)
{
  guint signal, service, roam;

  switch (cmd->mode) {
  case SIM_AT_READ:
    read_indicators (at, &signal, &service, &roam);
    sim_at_reply (at, "+CIND: 5,%u,%u,%d,%u,%d,0", signal, service, at->model->call_cid ? 1 : 0, roam,
                  at->model->sms->len >= at->model->sms_capacity ? 1 : 0);
    return SIM_AT_OK;
  case SIM_AT_TEST:
    sim_at_reply (at, "+CIND: (\"battchg\",(0-5)),(\"signal\",(0-5)),(\"service\",(0,1)),(\"call\",(0,1)),"
                      "(\"roam\",(0,1)),(\"smsfull\",(0,1)),(\"callsetup\",(0-3))");
    return SIM_AT_OK;
  case SIM_AT_SET:
  case SIM_AT_EXEC: break;
  }
  return bad_parameters (at);
}

/* "+CMER=<mode>[,<keyp>[,<disp>[,<ind>[,<bfr>]]]]": only <ind> matters. */
static SimAtStatus
handle_cmer (SimAt *at, const SimAtCommand *cmd)
{
  guint mode, keyp, disp, ind, bfr;

  switch (cmd->mode) {
  case SIM_AT_READ:
    sim_at_reply (at, "+CMER: %u,0,0,%u,0", at->set.cmer_ind ? 3 : 0, at->set.cmer_ind);
    return SIM_AT_OK;
  case SIM_AT_TEST: sim_at_reply (at, "+CMER: (0-3),(0),(0),(0-2),(0,1)"); return SIM_AT_OK;
  case SIM_AT_SET:
    if (!sim_at_arg_uint_or (cmd, 0, 3, 0, &mode) || !sim_at_arg_uint_or (cmd, 1, 0, 0, &keyp)
        || !sim_at_arg_uint_or (cmd, 2, 0, 0, &disp) || !sim_at_arg_uint_or (cmd, 3, 2, 0, &ind)
        || !sim_at_arg_uint_or (cmd, 4, 1, 0, &bfr))
      return bad_parameters (at);
    at->set.cmer_ind = mode == 0 ? 0 : ind;
    /* Reports start from the current values. */
    read_indicators (at, &at->ind_signal, &at->ind_service, &at->ind_roam);
    return SIM_AT_OK;
  case SIM_AT_EXEC: break;
  }
  return bad_parameters (at);
}

static SimAtStatus
handle_cemode (SimAt *at, const SimAtCommand *cmd)
{
  return sim_at_setting (at, cmd, &at->set.cemode, 3, "(0-3)");
}

void
sim_at_net_event (SimAt *at, const SimEvent *event)
{
  switch (event->kind) {
  case SIM_EVENT_SIGNAL: report_indicators (at); break;
  case SIM_EVENT_REGISTRATION:
    report_registration (at, event->domain);
    report_indicators (at);
    break;
  case SIM_EVENT_OPERATOR:
  case SIM_EVENT_ACCESS_TECH:
    /* With n=2 a cell or technology change is reported while registered. */
    for (guint d = 0; d < SIM_N_DOMAINS; d++) {
      if (at->set.reg_n[d] == 2 && domain_registered (at, (SimDomain)d))
        report_registration (at, (SimDomain)d);
    }
    break;
  case SIM_EVENT_POWER:
  case SIM_EVENT_SIM:
  case SIM_EVENT_CONTEXT:
  case SIM_EVENT_ATTACH:
  case SIM_EVENT_SMS_RECEIVED:
  case SIM_EVENT_SMS_STATUS_REPORT:
  case SIM_EVENT_RING:
  case SIM_EVENT_CALL_DROPPED: break;
  }
}

/* --- +COPS ------------------------------------------------------------------ */

static char *
operator_in_format (SimAt *at, const char *code, const char *long_name, const char *short_name)
{
  switch (at->set.cops_format) {
  case 0: return sim_at_text (at, long_name);
  case 1: return sim_at_text (at, short_name);
  default: return g_strdup (code);
  }
}

static SimAtStatus
cops_read (SimAt *at)
{
  SimModel *model = at->model;
  const SimOperator *op = NULL;
  g_autofree char *name = NULL;

  if (!sim_model_is_registered (model)) {
    sim_at_reply (at, "+COPS: %u", model->net.select_mode);
    return SIM_AT_OK;
  }
  for (guint i = 0; i < model->net.available->len && !op; i++) {
    const SimOperator *candidate = g_ptr_array_index (model->net.available, i);

    if (g_strcmp0 (candidate->code, model->net.operator_code) == 0)
      op = candidate;
  }
  name = operator_in_format (at, model->net.operator_code, model->net.operator_name,
                             op ? op->short_name : model->net.operator_name);
  sim_at_reply (at, "+COPS: %u,%u,\"%s\",%u", model->net.select_mode, at->set.cops_format, name,
                sim_tech_act (model->net.tech));
  return SIM_AT_OK;
}

static SimAtStatus
cops_scan_finish (SimAt *at)
{
  GPtrArray *available = at->model->net.available;
  g_autoptr (GString) list = g_string_new ("+COPS: ");

  if (at->model->cfun != 1)
    return sim_at_cme (at, SIM_ERROR_NO_NETWORK);
  for (guint i = 0; i < available->len; i++) {
    const SimOperator *op = g_ptr_array_index (available, i);
    g_autofree char *long_name = sim_at_text (at, op->long_name);
    g_autofree char *short_name = sim_at_text (at, op->short_name);

    g_string_append_printf (list, "(%u,\"%s\",\"%s\",\"%s\",%u),", sim_model_operator_status (at->model, op),
                            long_name, short_name, op->code, sim_tech_act (op->tech));
  }
  g_string_append (list, ",(0-4),(0-2)");
  sim_at_reply_line (at, list->str);
  return SIM_AT_OK;
}

static SimAtStatus
cops_set (SimAt *at, const SimAtCommand *cmd)
{
  g_autoptr (GError) error = NULL;
  guint mode, format = at->set.cops_format, act;
  const char *oper = sim_at_arg (cmd, 2);

  if (!sim_at_arg_uint (cmd, 0, 4, &mode) || !sim_at_arg_uint_or (cmd, 1, 2, format, &format)
      || !sim_at_arg_uint_or (cmd, 3, 13, 0, &act))
    return bad_parameters (at);
  if (mode == 3) {
    at->set.cops_format = format;
    return SIM_AT_OK;
  }
  /* Mode 4 is manual with automatic fallback; the simulator treats it as
   * manual. Only numeric operator names are understood. */
  if ((mode == 1 || mode == 4) && (!oper || format != 2))
    return bad_parameters (at);
  at->set.cops_format = format;
  if (!sim_model_select_operator (at->model, mode == 4 ? SIM_SELECT_MANUAL : (SimSelectMode)mode, oper,
                                  &error))
    return sim_at_cme_error (at, error);
  return SIM_AT_OK;
}

static SimAtStatus
handle_cops (SimAt *at, const SimAtCommand *cmd)
{
  switch (cmd->mode) {
  case SIM_AT_READ: return cops_read (at);
  case SIM_AT_TEST: return sim_at_defer (at, at->options.cops_scan_delay_ms, cops_scan_finish);
  case SIM_AT_SET: return cops_set (at, cmd);
  case SIM_AT_EXEC: break;
  }
  return bad_parameters (at);
}

/* --- signal ----------------------------------------------------------------- */

static SimAtStatus
handle_csq (SimAt *at, const SimAtCommand *cmd)
{
  guint rssi = sim_model_current_rssi (at->model);

  if (cmd->mode == SIM_AT_TEST) {
    sim_at_reply (at, "+CSQ: (0-31,99),(0-7,99)");
    return SIM_AT_OK;
  }
  if (cmd->mode != SIM_AT_EXEC)
    return bad_parameters (at);
  sim_at_reply (at, "+CSQ: %u,%u", rssi, rssi == 99 ? 99 : at->model->net.ber);
  return SIM_AT_OK;
}

/* +CESQ values derived from the +CSQ level (dBm = -113 + 2 * rssi), in the
 * fields of the current technology; the others are "not known". */
static SimAtStatus
handle_cesq (SimAt *at, const SimAtCommand *cmd)
{
  guint rssi = sim_model_current_rssi (at->model);
  int dbm = -113 + 2 * (int)rssi;

  if (cmd->mode == SIM_AT_TEST) {
    sim_at_reply (at, "+CESQ: (0-63,99),(0-7,99),(0-96,255),(0-49,255),(0-34,255),(0-97,255)");
    return SIM_AT_OK;
  }
  if (cmd->mode != SIM_AT_EXEC)
    return bad_parameters (at);
  if (rssi == 99) {
    sim_at_reply (at, "+CESQ: 99,99,255,255,255,255");
    return SIM_AT_OK;
  }
  switch (at->model->net.tech) {
  case SIM_TECH_GSM:
  case SIM_TECH_GPRS:
  case SIM_TECH_EDGE:
    sim_at_reply (at, "+CESQ: %d,%u,255,255,255,255", CLAMP (dbm + 111, 0, 63), at->model->net.ber);
    break;
  case SIM_TECH_UMTS:
  case SIM_TECH_HSDPA:
  case SIM_TECH_HSUPA:
  case SIM_TECH_HSPA: sim_at_reply (at, "+CESQ: 99,99,%d,30,255,255", CLAMP (dbm + 121, 0, 96)); break;
  case SIM_TECH_LTE:
  case SIM_TECH_5GNR:
    /* RSRP sits well below RSSI; -10 dB RSRQ is a typical cell. */
    sim_at_reply (at, "+CESQ: 99,99,255,255,20,%d", CLAMP (dbm - 17 + 141, 0, 97));
    break;
  }
  return SIM_AT_OK;
}

const SimAtEntry sim_at_net_commands[] = {
  { "+CREG", handle_reg },  { "+CGREG", handle_reg },     { "+CEREG", handle_reg }, { "+C5GREG", handle_reg },
  { "+COPS", handle_cops }, { "+CSQ", handle_csq },       { "+CESQ", handle_cesq }, { "+CIND", handle_cind },
  { "+CMER", handle_cmer }, { "+CEMODE", handle_cemode }, { NULL, NULL },
};
