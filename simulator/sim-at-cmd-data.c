/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Packet data AT commands: contexts (+CGDCONT, +CGAUTH), attach (+CGATT),
 * activation (+CGACT), addresses (+CGPADDR), events (+CGEREP) and the PPP
 * call: ATD*99***<cid># answers CONNECT and puts the port in data mode;
 * ATH hangs up, ATO goes back online after an escape. */
#include "sim-at-private.h"

#include <string.h>

static SimAtStatus
bad_parameters (SimAt *at)
{
  return sim_at_cme (at, SIM_ERROR_INCORRECT_PARAMETERS);
}

static SimAtStatus
cgdcont_set (SimAt *at, const SimAtCommand *cmd)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *type = NULL;
  guint cid;
  gboolean ok;

  if (!sim_at_arg_uint (cmd, 0, 255, &cid))
    return bad_parameters (at);
  if (sim_at_n_args (cmd) == 1) {
    ok = sim_model_undefine_context (at->model, cid, &error);
  } else {
    type = g_ascii_strup (sim_at_arg (cmd, 1), -1);
    ok = sim_model_define_context (at->model, cid, type, sim_at_arg (cmd, 2), &error);
  }
  return ok ? SIM_AT_OK : sim_at_cme_error (at, error);
}

static SimAtStatus
handle_cgdcont (SimAt *at, const SimAtCommand *cmd)
{
  static const char *const types[] = { "IP", "IPV6", "IPV4V6" };

  switch (cmd->mode) {
  case SIM_AT_READ:
    for (guint i = 0; i < at->model->contexts->len; i++) {
      const SimContext *ctx = g_ptr_array_index (at->model->contexts, i);

      sim_at_reply (at, "+CGDCONT: %u,\"%s\",\"%s\",\"\",0,0", ctx->cid, ctx->type, ctx->apn);
    }
    return SIM_AT_OK;
  case SIM_AT_TEST:
    for (guint i = 0; i < G_N_ELEMENTS (types); i++)
      sim_at_reply (at, "+CGDCONT: (1-%u),\"%s\",,,(0-2),(0-4)", at->model->max_cid, types[i]);
    return SIM_AT_OK;
  case SIM_AT_SET: return cgdcont_set (at, cmd);
  case SIM_AT_EXEC: break;
  }
  return bad_parameters (at);
}

/* Credentials are accepted and forgotten: the simulated network lets
 * everyone in. */
static SimAtStatus
handle_cgauth (SimAt *at, const SimAtCommand *cmd)
{
  guint cid, protocol;

  switch (cmd->mode) {
  case SIM_AT_TEST: sim_at_reply (at, "+CGAUTH: (1-%u),(0-2),,", at->model->max_cid); return SIM_AT_OK;
  case SIM_AT_READ: return SIM_AT_OK;
  case SIM_AT_SET:
    if (!sim_at_arg_uint (cmd, 0, at->model->max_cid, &cid) || !sim_at_arg_uint_or (cmd, 1, 3, 0, &protocol))
      return bad_parameters (at);
    return SIM_AT_OK;
  case SIM_AT_EXEC: break;
  }
  return bad_parameters (at);
}

static gboolean
packet_attached (SimAt *at)
{
  for (SimDomain d = SIM_DOMAIN_PS; d < SIM_N_DOMAINS; d++) {
    if (at->model->reg[d] == SIM_REG_HOME || at->model->reg[d] == SIM_REG_ROAMING)
      return TRUE;
  }
  return FALSE;
}

static SimAtStatus
handle_cgatt (SimAt *at, const SimAtCommand *cmd)
{
  g_autoptr (GError) error = NULL;
  guint state;

  switch (cmd->mode) {
  case SIM_AT_READ: sim_at_reply (at, "+CGATT: %d", packet_attached (at) ? 1 : 0); return SIM_AT_OK;
  case SIM_AT_TEST: sim_at_reply (at, "+CGATT: (0,1)"); return SIM_AT_OK;
  case SIM_AT_SET:
    if (!sim_at_arg_uint (cmd, 0, 1, &state))
      return bad_parameters (at);
    if (!sim_model_set_attached (at->model, state == 1, &error))
      return sim_at_cme_error (at, error);
    return SIM_AT_OK;
  case SIM_AT_EXEC: break;
  }
  return bad_parameters (at);
}

static SimAtStatus
cgact_set (SimAt *at, const SimAtCommand *cmd)
{
  g_autoptr (GError) error = NULL;
  guint state, cid;

  if (!sim_at_arg_uint (cmd, 0, 1, &state))
    return bad_parameters (at);
  if (sim_at_n_args (cmd) == 1) {
    /* No cid: every defined context. */
    for (guint i = 0; i < at->model->contexts->len; i++) {
      const SimContext *ctx = g_ptr_array_index (at->model->contexts, i);

      if (!sim_model_set_context_active (at->model, ctx->cid, state, &error))
        return sim_at_cme_error (at, error);
    }
    return SIM_AT_OK;
  }
  for (guint i = 1; i < sim_at_n_args (cmd); i++) {
    if (!sim_at_arg_uint (cmd, i, 255, &cid))
      return bad_parameters (at);
    if (!sim_model_set_context_active (at->model, cid, state, &error))
      return sim_at_cme_error (at, error);
  }
  return SIM_AT_OK;
}

static SimAtStatus
handle_cgact (SimAt *at, const SimAtCommand *cmd)
{
  switch (cmd->mode) {
  case SIM_AT_READ:
    for (guint i = 0; i < at->model->contexts->len; i++) {
      const SimContext *ctx = g_ptr_array_index (at->model->contexts, i);

      sim_at_reply (at, "+CGACT: %u,%d", ctx->cid, ctx->active ? 1 : 0);
    }
    return SIM_AT_OK;
  case SIM_AT_TEST: sim_at_reply (at, "+CGACT: (0,1)"); return SIM_AT_OK;
  case SIM_AT_SET: return cgact_set (at, cmd);
  case SIM_AT_EXEC: break;
  }
  return bad_parameters (at);
}

static void
reply_address (SimAt *at, const SimContext *ctx)
{
  const char *v4 = at->model->ipv4_address;
  const char *v6 = at->model->ipv6_address;

  if (!ctx->active)
    sim_at_reply (at, "+CGPADDR: %u", ctx->cid);
  else if (strcmp (ctx->type, "IP") == 0)
    sim_at_reply (at, "+CGPADDR: %u,\"%s\"", ctx->cid, v4);
  else if (strcmp (ctx->type, "IPV6") == 0)
    sim_at_reply (at, "+CGPADDR: %u,\"%s\"", ctx->cid, v6);
  else
    sim_at_reply (at, "+CGPADDR: %u,\"%s\",\"%s\"", ctx->cid, v4, v6);
}

static SimAtStatus
handle_cgpaddr (SimAt *at, const SimAtCommand *cmd)
{
  GPtrArray *contexts = at->model->contexts;
  guint cid;

  if (cmd->mode == SIM_AT_TEST) {
    g_autoptr (GString) cids = g_string_new ("+CGPADDR: (");

    for (guint i = 0; i < contexts->len; i++)
      g_string_append_printf (cids, "%s%u", i ? "," : "",
                              ((SimContext *)g_ptr_array_index (contexts, i))->cid);
    g_string_append_c (cids, ')');
    sim_at_reply_line (at, cids->str);
    return SIM_AT_OK;
  }
  if (cmd->mode == SIM_AT_EXEC) {
    for (guint i = 0; i < contexts->len; i++)
      reply_address (at, g_ptr_array_index (contexts, i));
    return SIM_AT_OK;
  }
  if (cmd->mode != SIM_AT_SET)
    return bad_parameters (at);
  for (guint i = 0; i < sim_at_n_args (cmd); i++) {
    const SimContext *ctx;

    if (!sim_at_arg_uint (cmd, i, 255, &cid))
      return bad_parameters (at);
    ctx = sim_model_find_context (at->model, cid);
    if (ctx)
      reply_address (at, ctx);
  }
  return SIM_AT_OK;
}

/* Packet domain event reporting is kept but no +CGEV is ever sent. */
static SimAtStatus
handle_cgerep (SimAt *at, const SimAtCommand *cmd)
{
  guint buffer;

  if (cmd->mode == SIM_AT_READ) {
    sim_at_reply (at, "+CGEREP: %u,0", at->set.cgerep);
    return SIM_AT_OK;
  }
  if (cmd->mode == SIM_AT_SET && !sim_at_arg_uint_or (cmd, 1, 1, 0, &buffer))
    return bad_parameters (at);
  return sim_at_setting (at, cmd, &at->set.cgerep, 2, "(0-2),(0,1)");
}

/* --- the call --------------------------------------------------------------- */

/* "*99#", "*99***3#", "*99*<addr>*<L2P>*<cid>#" (27.007 10.2.1.1), with an
 * optional T or P dialling modifier in front. Returns FALSE for anything
 * that is not a packet data call. */
static gboolean
parse_gprs_dial (const char *dial, guint *out_cid)
{
  g_auto (GStrv) fields = NULL;
  g_autofree char *text = g_strstrip (g_ascii_strup (dial, -1));
  const char *p = text;
  gsize len;

  if (*p == 'T' || *p == 'P')
    p++;
  len = strlen (p);
  if (!g_str_has_prefix (p, "*99") || len < 4 || p[len - 1] != '#')
    return FALSE;
  fields = g_strsplit (p + 1, "*", -1);
  *out_cid = 0;
  if (g_strv_length (fields) >= 4) {
    char *last = fields[3];
    guint64 cid;

    last[strcspn (last, "#")] = '\0';
    if (*last && !g_ascii_string_to_unsigned (last, 10, 1, 255, &cid, NULL))
      return FALSE;
    *out_cid = *last ? (guint)cid : 0;
  }
  return TRUE;
}

static SimAtStatus
handle_dial (SimAt *at, const SimAtCommand *cmd)
{
  g_autoptr (GError) error = NULL;
  guint cid;

  if (at->state != SIM_AT_STATE_COMMAND)
    return sim_at_cme (at, SIM_ERROR_NOT_ALLOWED);
  /* Voice and circuit-switched data calls never get an answer here. */
  if (!parse_gprs_dial (sim_at_arg (cmd, 0), &cid))
    return SIM_AT_NO_CARRIER;
  if (!sim_model_start_call (at->model, cid, &error)) {
    g_debug ("dial refused: %s", error->message);
    return SIM_AT_NO_CARRIER;
  }
  return SIM_AT_CONNECT;
}

static SimAtStatus
handle_hangup (SimAt *at, const SimAtCommand *cmd)
{
  guint value;

  if (!sim_at_arg_uint_or (cmd, 0, 0, 0, &value))
    return bad_parameters (at);
  if (at->state != SIM_AT_STATE_COMMAND || at->model->call_cid)
    sim_at_end_call (at);
  return SIM_AT_OK;
}

static SimAtStatus
handle_online (SimAt *at, const SimAtCommand *cmd)
{
  if (at->state != SIM_AT_STATE_ONLINE_COMMAND || !at->model->call_cid)
    return SIM_AT_NO_CARRIER;
  return SIM_AT_CONNECT;
}

static SimAtStatus
handle_answer (SimAt *at, const SimAtCommand *cmd)
{
  return SIM_AT_NO_CARRIER;
}

const SimAtEntry sim_at_data_commands[] = {
  { "+CGDCONT", handle_cgdcont },
  { "+CGAUTH", handle_cgauth },
  { "+CGATT", handle_cgatt },
  { "+CGACT", handle_cgact },
  { "+CGPADDR", handle_cgpaddr },
  { "+CGEREP", handle_cgerep },
  { "D", handle_dial },
  { "H", handle_hangup },
  { "O", handle_online },
  { "A", handle_answer },
  { NULL, NULL },
};
