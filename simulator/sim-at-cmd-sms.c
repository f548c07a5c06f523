/* SPDX-License-Identifier: GPL-2.0-or-later */
/* SMS AT commands (27.005) over the model's "SM" storage, in PDU mode:
 * format (+CMGF), service (+CSMS), storage (+CPMS), indications (+CNMI and
 * the +CMTI/+CMT they cause, and +CDS for status reports) with their
 * acknowledgement in service 1 (+CNMA), list (+CMGL),
 * read (+CMGR), delete (+CMGD), send (+CMGS) and write (+CMGW) after the
 * "> " prompt, send from storage (+CMSS), and the service centre (+CSCA). Text mode is accepted but
 * not listed. */
#include "sim-at-private.h"

#include <string.h>

static SimAtStatus
bad_parameters (SimAt *at)
{
  return sim_at_cms (at, 304);
}

/* The <length> of 27.005 PDU mode counts TPDU octets, without the SMSC. */
static guint
tpdu_length (const char *pdu)
{
  guint smsc = (g_ascii_xdigit_value (pdu[0]) << 4) | g_ascii_xdigit_value (pdu[1]);

  return (guint)strlen (pdu) / 2 - 1 - smsc;
}

static gboolean
storage_ready (SimAt *at, SimAtStatus *status)
{
  g_autoptr (GError) error = NULL;

  if (sim_model_check_sim_ready (at->model, &error))
    return TRUE;
  *status = sim_at_cms_error (at, error);
  return FALSE;
}

static SimAtStatus
handle_cmgf (SimAt *at, const SimAtCommand *cmd)
{
  switch (cmd->mode) {
  case SIM_AT_READ: sim_at_reply (at, "+CMGF: %u", at->set.cmgf); return SIM_AT_OK;
  case SIM_AT_TEST: sim_at_reply (at, "+CMGF: (0,1)"); return SIM_AT_OK;
  case SIM_AT_SET:
  case SIM_AT_EXEC:
    if (!sim_at_arg_uint_or (cmd, 0, 1, 0, &at->set.cmgf))
      return bad_parameters (at);
    return SIM_AT_OK;
  }
  return bad_parameters (at);
}

static SimAtStatus
handle_csms (SimAt *at, const SimAtCommand *cmd)
{
  guint service;

  switch (cmd->mode) {
  case SIM_AT_READ: sim_at_reply (at, "+CSMS: %u,1,1,1", at->set.csms); return SIM_AT_OK;
  case SIM_AT_TEST: sim_at_reply (at, "+CSMS: (0,1)"); return SIM_AT_OK;
  case SIM_AT_SET:
    if (!sim_at_arg_uint (cmd, 0, 1, &service))
      return bad_parameters (at);
    at->set.csms = service;
    at->set.cnma_owed = FALSE;
    sim_at_reply (at, "+CSMS: 1,1,1");
    return SIM_AT_OK;
  case SIM_AT_EXEC: break;
  }
  return bad_parameters (at);
}

/* A storage of [sms] storages other than "SM": it exists and stays empty. */
static gboolean
is_other_storage (SimAt *at, const char *name)
{
  g_autofree char *quoted = g_strdup_printf ("\"%s\"", name);

  return at->model->sms_storages && strlen (name) == 2 && strstr (at->model->sms_storages, quoted);
}

static SimAtStatus
handle_cpms (SimAt *at, const SimAtCommand *cmd)
{
  guint used = at->model->sms->len, total = at->model->sms_capacity;
  SimAtStatus status;

  switch (cmd->mode) {
  case SIM_AT_READ:
    if (!storage_ready (at, &status))
      return status;
    sim_at_reply (at, "+CPMS: \"SM\",%u,%u,\"SM\",%u,%u,\"SM\",%u,%u", used, total, used, total, used, total);
    return SIM_AT_OK;
  case SIM_AT_TEST:
    sim_at_reply (at, "+CPMS: %s",
                  at->model->sms_storages ? at->model->sms_storages : "(\"SM\"),(\"SM\"),(\"SM\")");
    return SIM_AT_OK;
  case SIM_AT_SET:
    if (!storage_ready (at, &status))
      return status;
    for (guint i = 0; i < sim_at_n_args (cmd); i++) {
      if (g_ascii_strcasecmp (sim_at_arg (cmd, i), "SM") != 0 && !is_other_storage (at, sim_at_arg (cmd, i)))
        return sim_at_cms (at, 302);
    }
    at->set.mem1_other = sim_at_n_args (cmd) > 0 && g_ascii_strcasecmp (sim_at_arg (cmd, 0), "SM") != 0;
    if (at->set.mem1_other)
      used = 0;
    sim_at_reply (at, "+CPMS: %u,%u,%u,%u,%u,%u", used, total, used, total, used, total);
    return SIM_AT_OK;
  case SIM_AT_EXEC: break;
  }
  return bad_parameters (at);
}

static SimAtStatus
handle_cnmi (SimAt *at, const SimAtCommand *cmd)
{
  static const guint max[5] = { 2, 3, 3, 2, 1 };
  guint values[5];

  switch (cmd->mode) {
  case SIM_AT_READ:
    sim_at_reply (at, "+CNMI: %u,%u,%u,%u,%u", at->set.cnmi[0], at->set.cnmi[1], at->set.cnmi[2],
                  at->set.cnmi[3], at->set.cnmi[4]);
    return SIM_AT_OK;
  case SIM_AT_TEST: sim_at_reply (at, "+CNMI: (0-2),(0-3),(0,2),(0-2),(0,1)"); return SIM_AT_OK;
  case SIM_AT_SET:
    for (guint i = 0; i < G_N_ELEMENTS (values); i++) {
      if (!sim_at_arg_uint_or (cmd, i, max[i], at->set.cnmi[i], &values[i]))
        return bad_parameters (at);
    }
    memcpy (at->set.cnmi, values, sizeof values);
    return SIM_AT_OK;
  case SIM_AT_EXEC: break;
  }
  return bad_parameters (at);
}

/* +CNMA[=<n>] in PDU mode, without a PDU of our own: 0 and 1 are RP-ACK, 2
 * RP-ERROR. Only a routed message in service 1 can be acknowledged. */
static SimAtStatus
handle_cnma (SimAt *at, const SimAtCommand *cmd)
{
  guint n;

  switch (cmd->mode) {
  case SIM_AT_TEST: sim_at_reply (at, "+CNMA: (0-2)"); return SIM_AT_OK;
  case SIM_AT_READ: return bad_parameters (at);
  case SIM_AT_SET:
  case SIM_AT_EXEC:
    if (!sim_at_arg_uint_or (cmd, 0, 2, 0, &n) || sim_at_n_args (cmd) > 1)
      return bad_parameters (at);
    if (at->set.csms != 1 || !at->set.cnma_owed)
      return sim_at_cms (at, 340);
    at->set.cnma_owed = FALSE;
    return SIM_AT_OK;
  }
  return bad_parameters (at);
}

/* A routed message (+CMT, +CDS) may go out. In service 1 one still waiting
 * for its +CNMA stands for one whose acknowledgement timed out: as 27.005
 * 3.4.4 says, the modem then turns routing off (+CNMI <mt> and <ds> 0), so
 * this and later messages are only stored. */
static gboolean
may_route (SimAt *at)
{
  if (at->set.csms != 1)
    return TRUE;
  if (at->set.cnma_owed) {
    at->set.cnmi[1] = 0;
    at->set.cnmi[3] = 0;
    return FALSE;
  }
  at->set.cnma_owed = TRUE;
  return TRUE;
}

static SimAtStatus
handle_cmgl (SimAt *at, const SimAtCommand *cmd)
{
  SimAtStatus status;
  guint wanted;

  if (cmd->mode == SIM_AT_TEST) {
    sim_at_reply (at, "+CMGL: (0-4)");
    return SIM_AT_OK;
  }
  if (at->set.cmgf != 0)
    return sim_at_cms (at, 303);
  if ((cmd->mode != SIM_AT_SET && cmd->mode != SIM_AT_EXEC) || !sim_at_arg_uint_or (cmd, 0, 4, 0, &wanted))
    return bad_parameters (at);
  if (!storage_ready (at, &status))
    return status;
  for (guint i = 0; !at->set.mem1_other && i < at->model->sms->len; i++) {
    SimSms *sms = g_ptr_array_index (at->model->sms, i);

    if (wanted != 4 && sms->status != wanted)
      continue;
    sim_at_reply (at, "+CMGL: %u,%u,,%u", sms->index, sms->status, tpdu_length (sms->pdu));
    sim_at_reply_line (at, sms->pdu);
    /* Listing a received message marks it read, as 27.005 says. */
    sim_model_mark_sms_read (at->model, sms);
  }
  return SIM_AT_OK;
}

static SimAtStatus
handle_cmgr (SimAt *at, const SimAtCommand *cmd)
{
  SimAtStatus status;
  SimSms *sms;
  guint index;

  if (cmd->mode == SIM_AT_TEST)
    return SIM_AT_OK;
  if (at->set.cmgf != 0)
    return sim_at_cms (at, 303);
  if (cmd->mode != SIM_AT_SET || !sim_at_arg_uint (cmd, 0, 65535, &index))
    return bad_parameters (at);
  if (!storage_ready (at, &status))
    return status;
  sms = at->set.mem1_other ? NULL : sim_model_find_sms (at->model, index);
  if (!sms)
    return sim_at_cms (at, 321);
  sim_at_reply (at, "+CMGR: %u,,%u", sms->status, tpdu_length (sms->pdu));
  sim_at_reply_line (at, sms->pdu);
  sim_model_mark_sms_read (at->model, sms);
  return SIM_AT_OK;
}

/* <delflag> 1-4 deletes by status: read; read and sent; read, sent and
 * unsent; everything. */
static void
delete_by_flag (SimAt *at, guint flag)
{
  for (guint i = at->model->sms->len; i > 0; i--) {
    SimSms *sms = g_ptr_array_index (at->model->sms, i - 1);
    gboolean drop = flag == 4 || sms->status == SIM_SMS_READ || (flag >= 2 && sms->status == SIM_SMS_SENT)
                    || (flag >= 3 && sms->status == SIM_SMS_UNSENT);

    if (drop)
      sim_model_delete_sms (at->model, sms->index, NULL);
  }
}

static SimAtStatus
handle_cmgd (SimAt *at, const SimAtCommand *cmd)
{
  g_autoptr (GError) error = NULL;
  SimAtStatus status;
  guint index, flag;

  if (cmd->mode == SIM_AT_TEST) {
    sim_at_reply (at, "+CMGD: (1-%u),(0-4)", at->model->sms_capacity);
    return SIM_AT_OK;
  }
  if (cmd->mode != SIM_AT_SET || !sim_at_arg_uint_or (cmd, 0, 65535, 0, &index)
      || !sim_at_arg_uint_or (cmd, 1, 4, 0, &flag))
    return bad_parameters (at);
  if (!storage_ready (at, &status))
    return status;
  if (flag > 0) {
    delete_by_flag (at, flag);
    return SIM_AT_OK;
  }
  if (!sim_model_delete_sms (at->model, index, &error))
    return sim_at_cms_error (at, error);
  return SIM_AT_OK;
}

static SimAtStatus
cmgs_payload (SimAt *at, const char *payload)
{
  g_autoptr (GError) error = NULL;
  guint reference;

  if (!sim_model_send_sms (at->model, payload, &reference, &error))
    return sim_at_cms (at, 304);
  sim_at_reply (at, "+CMGS: %u", reference);
  return SIM_AT_OK;
}

static SimAtStatus
cmgw_payload (SimAt *at, const char *payload)
{
  g_autoptr (GError) error = NULL;
  guint index = sim_model_store_sms (at->model, (SimSmsStatus)at->prompt_arg, payload, &error);

  if (!index)
    return sim_at_cms_error (at, error);
  sim_at_reply (at, "+CMGW: %u", index);
  return SIM_AT_OK;
}

/* +CMGS=<length> and +CMGW=<length>[,<stat>]: the PDU follows the prompt. */
static SimAtStatus
handle_cmgs_cmgw (SimAt *at, const SimAtCommand *cmd, gboolean write)
{
  SimAtStatus status;
  guint length;

  if (cmd->mode == SIM_AT_TEST)
    return SIM_AT_OK;
  if (at->set.cmgf != 0)
    return sim_at_cms (at, 303);
  if (cmd->mode != SIM_AT_SET || !sim_at_arg_uint (cmd, 0, 255, &length) || length == 0
      || !sim_at_arg_uint_or (cmd, 1, 3, SIM_SMS_UNSENT, &at->prompt_arg))
    return bad_parameters (at);
  if (!storage_ready (at, &status))
    return status;
  return sim_at_prompt (at, write ? cmgw_payload : cmgs_payload);
}

static SimAtStatus
handle_cmgs (SimAt *at, const SimAtCommand *cmd)
{
  return handle_cmgs_cmgw (at, cmd, FALSE);
}

static SimAtStatus
handle_cmgw (SimAt *at, const SimAtCommand *cmd)
{
  return handle_cmgs_cmgw (at, cmd, TRUE);
}

/* +CMSS=<index>[,<da>[,<toda>]]: sends the stored SMS-SUBMIT (recorded as
 * sent, "STO SENT" now); another recipient is not modelled. */
static SimAtStatus
handle_cmss (SimAt *at, const SimAtCommand *cmd)
{
  SimAtStatus status;
  SimSms *sms;
  guint index, reference;

  if (cmd->mode == SIM_AT_TEST)
    return SIM_AT_OK;
  if (cmd->mode != SIM_AT_SET || !sim_at_arg_uint (cmd, 0, 65535, &index) || sim_at_n_args (cmd) > 1)
    return bad_parameters (at);
  if (!storage_ready (at, &status))
    return status;
  sms = sim_model_find_sms (at->model, index);
  if (!sms)
    return sim_at_cms (at, 321);
  if (!sim_model_send_sms (at->model, sms->pdu, &reference, NULL))
    return sim_at_cms (at, 304);
  sms->status = SIM_SMS_SENT;
  sim_at_reply (at, "+CMSS: %u", reference);
  return SIM_AT_OK;
}

static SimAtStatus
handle_csca (SimAt *at, const SimAtCommand *cmd)
{
  switch (cmd->mode) {
  case SIM_AT_READ: sim_at_reply (at, "+CSCA: \"+491710760000\",145"); return SIM_AT_OK;
  case SIM_AT_TEST:
  case SIM_AT_SET: return SIM_AT_OK;
  case SIM_AT_EXEC: break;
  }
  return bad_parameters (at);
}

void
sim_at_sms_event (SimAt *at, const SimEvent *event)
{
  SimSms *sms;
  guint mt;

  if (event->kind == SIM_EVENT_SMS_STATUS_REPORT) {
    /* <ds> 1 routes reports as "+CDS: <length>" and the PDU. */
    if (at->set.cnmi[3] != 0 && at->model->sms_status_report && may_route (at))
      sim_at_urc (at, "+CDS: %u\r\n%s", tpdu_length (at->model->sms_status_report),
                  at->model->sms_status_report);
    return;
  }
  sms = sim_model_find_sms (at->model, event->index);
  if (!sms)
    return;
  /* [commands] sms-routed: routed whatever <mt> asks, as modems do with
   * class 0 messages. */
  mt = at->options.sms_routed && at->set.cnmi[1] != 0 ? 2 : at->set.cnmi[1];
  switch (mt) {
  case 1: sim_at_urc (at, "+CMTI: \"SM\",%u", sms->index); break;
  case 2:
  case 3:
    /* Routed to the terminal, in PDU mode "+CMT: ,<length>" and the PDU. */
    if (may_route (at))
      sim_at_urc (at, "+CMT: ,%u\r\n%s", tpdu_length (sms->pdu), sms->pdu);
    break;
  default: break;
  }
}

const SimAtEntry sim_at_sms_commands[] = {
  { "+CMGF", handle_cmgf }, { "+CSMS", handle_csms }, { "+CPMS", handle_cpms }, { "+CNMI", handle_cnmi },
  { "+CMGL", handle_cmgl }, { "+CMGR", handle_cmgr }, { "+CMGD", handle_cmgd }, { "+CMGS", handle_cmgs },
  { "+CMGW", handle_cmgw }, { "+CSCA", handle_csca }, { "+CNMA", handle_cnma }, { "+CMSS", handle_cmss },
  { NULL, NULL },
};
