/* SPDX-License-Identifier: GPL-2.0-or-later */
/* General AT commands: V.250 settings (E, V, Q, Z, &F, S-registers), identity
 * (ATI, +CGMI, +CGMM, +CGMR, +CGSN, +GCAP), +CMEE, power (+CFUN), +WS46,
 * character set (+CSCS), clock (+CCLK, +CTZU, +CTZR), flow control (+IFC)
 * and the command list (+CLAC). */
#include "sim-at-private.h"

#include <stdio.h>
#include <string.h>

static SimAtStatus
bad_parameters (SimAt *at)
{
  return sim_at_cme (at, SIM_ERROR_INCORRECT_PARAMETERS);
}

/* A basic flag command: "E", "E0", "E1". */
static gboolean
flag_value (const SimAtCommand *cmd, guint *out)
{
  return cmd->mode == SIM_AT_EXEC && sim_at_arg_uint_or (cmd, 0, 1, 0, out);
}

static SimAtStatus
handle_echo (SimAt *at, const SimAtCommand *cmd)
{
  guint value;

  if (!flag_value (cmd, &value))
    return bad_parameters (at);
  at->set.echo = value;
  return SIM_AT_OK;
}

static SimAtStatus
handle_verbose (SimAt *at, const SimAtCommand *cmd)
{
  guint value;

  if (!flag_value (cmd, &value))
    return bad_parameters (at);
  at->set.verbose = value;
  return SIM_AT_OK;
}

static SimAtStatus
handle_quiet (SimAt *at, const SimAtCommand *cmd)
{
  guint value;

  if (!flag_value (cmd, &value))
    return bad_parameters (at);
  at->set.quiet = value;
  return SIM_AT_OK;
}

static SimAtStatus
handle_reset (SimAt *at, const SimAtCommand *cmd)
{
  guint profile;

  if (!sim_at_arg_uint_or (cmd, 0, 0, 0, &profile))
    return bad_parameters (at);
  sim_at_settings_reset (at);
  return SIM_AT_OK;
}

/* Commands about speakers, DCD/DTR behaviour and profiles: nothing to
 * simulate, but real modems accept them and clients send them. */
static SimAtStatus
handle_accepted (SimAt *at, const SimAtCommand *cmd)
{
  guint value;

  if (!sim_at_arg_uint_or (cmd, 0, 9, 0, &value))
    return bad_parameters (at);
  return SIM_AT_OK;
}

static SimAtStatus
handle_info (SimAt *at, const SimAtCommand *cmd)
{
  guint value;

  if (!sim_at_arg_uint_or (cmd, 0, 9, 0, &value))
    return bad_parameters (at);
  if (value == 1 && at->model->identity.ati1) {
    g_auto (GStrv) lines = g_strsplit (at->model->identity.ati1, "\n", -1);

    for (guint i = 0; lines[i]; i++)
      sim_at_reply (at, "%s", lines[i]);
    return SIM_AT_OK;
  }
  sim_at_reply (at, "%s", at->model->identity.manufacturer);
  sim_at_reply (at, "%s", at->model->identity.model);
  sim_at_reply (at, "Revision: %s", at->model->identity.revision);
  return SIM_AT_OK;
}

static SimAtStatus
handle_s_register (SimAt *at, const SimAtCommand *cmd)
{
  guint reg, value;

  if (!sim_at_arg_uint (cmd, 0, G_N_ELEMENTS (at->set.sreg) - 1, &reg))
    return bad_parameters (at);
  if (cmd->mode == SIM_AT_READ) {
    sim_at_reply (at, "%03u", at->set.sreg[reg]);
    return SIM_AT_OK;
  }
  if (!sim_at_arg_uint (cmd, 1, 255, &value))
    return bad_parameters (at);
  at->set.sreg[reg] = value;
  return SIM_AT_OK;
}

static SimAtStatus
handle_cmee (SimAt *at, const SimAtCommand *cmd)
{
  switch (cmd->mode) {
  case SIM_AT_READ: sim_at_reply (at, "+CMEE: %u", at->set.cmee); return SIM_AT_OK;
  case SIM_AT_TEST: sim_at_reply (at, "+CMEE: (0-2)"); return SIM_AT_OK;
  case SIM_AT_SET:
  case SIM_AT_EXEC:
    if (!sim_at_arg_uint_or (cmd, 0, 2, 0, &at->set.cmee))
      return bad_parameters (at);
    return SIM_AT_OK;
  }
  return bad_parameters (at);
}

static const struct {
  const char *name;
  gsize offset;
} identity_fields[] = {
  { "+CGMI", G_STRUCT_OFFSET (SimIdentity, manufacturer) },
  { "+GMI", G_STRUCT_OFFSET (SimIdentity, manufacturer) },
  { "+CGMM", G_STRUCT_OFFSET (SimIdentity, model) },
  { "+GMM", G_STRUCT_OFFSET (SimIdentity, model) },
  { "+CGMR", G_STRUCT_OFFSET (SimIdentity, revision) },
  { "+GMR", G_STRUCT_OFFSET (SimIdentity, revision) },
  { "+CGSN", G_STRUCT_OFFSET (SimIdentity, imei) },
  { "+GSN", G_STRUCT_OFFSET (SimIdentity, imei) },
};

static SimAtStatus
handle_identity (SimAt *at, const SimAtCommand *cmd)
{
  if (cmd->mode == SIM_AT_TEST)
    return SIM_AT_OK;
  if (cmd->mode != SIM_AT_EXEC)
    return bad_parameters (at);
  for (guint i = 0; i < G_N_ELEMENTS (identity_fields); i++) {
    if (strcmp (cmd->name, identity_fields[i].name) == 0) {
      const char *value = G_STRUCT_MEMBER (const char *, &at->model->identity, identity_fields[i].offset);

      sim_at_reply (at, "%s", value ? value : "");
      return SIM_AT_OK;
    }
  }
  return sim_at_cme (at, SIM_ERROR_NOT_SUPPORTED);
}

static SimAtStatus
handle_gcap (SimAt *at, const SimAtCommand *cmd)
{
  if (cmd->mode == SIM_AT_TEST)
    return SIM_AT_OK;
  if (cmd->mode != SIM_AT_EXEC)
    return bad_parameters (at);
  sim_at_reply (at, "+GCAP: +CGSM,+DS,+ES");
  return SIM_AT_OK;
}

static SimAtStatus
handle_ws46 (SimAt *at, const SimAtCommand *cmd)
{
  /* GERAN, UTRAN, 3GPP systems, E-UTRAN and their pairs (27.007 +WS46). */
  static const guint modes[] = { 12, 22, 25, 28, 29, 30, 31 };
  guint value;

  switch (cmd->mode) {
  case SIM_AT_READ: sim_at_reply (at, "+WS46: %u", at->set.ws46); return SIM_AT_OK;
  case SIM_AT_TEST: sim_at_reply (at, "+WS46: (12,22,25,28,29,30,31)"); return SIM_AT_OK;
  case SIM_AT_SET:
    if (!sim_at_arg_uint (cmd, 0, 255, &value))
      return bad_parameters (at);
    for (guint i = 0; i < G_N_ELEMENTS (modes); i++) {
      if (modes[i] == value) {
        at->set.ws46 = value;
        return SIM_AT_OK;
      }
    }
    return sim_at_cme (at, SIM_ERROR_NOT_SUPPORTED);
  case SIM_AT_EXEC: break;
  }
  return bad_parameters (at);
}

static SimAtStatus
handle_cfun (SimAt *at, const SimAtCommand *cmd)
{
  g_autoptr (GError) error = NULL;
  guint fun, reset;

  switch (cmd->mode) {
  case SIM_AT_READ: sim_at_reply (at, "+CFUN: %u", at->model->cfun); return SIM_AT_OK;
  case SIM_AT_TEST: sim_at_reply (at, "+CFUN: (0,1,4),(0-1)"); return SIM_AT_OK;
  case SIM_AT_SET:
    if (!sim_at_arg_uint (cmd, 0, 255, &fun) || !sim_at_arg_uint_or (cmd, 1, 1, 0, &reset))
      return bad_parameters (at);
    if (!sim_model_set_cfun (at->model, fun, &error))
      return sim_at_cme_error (at, error);
    return SIM_AT_OK;
  case SIM_AT_EXEC: break;
  }
  return bad_parameters (at);
}

static SimAtStatus
handle_cscs (SimAt *at, const SimAtCommand *cmd)
{
  static const char *const sets[] = { "IRA", "GSM", "UCS2", NULL };
  const char *value;

  switch (cmd->mode) {
  case SIM_AT_READ: sim_at_reply (at, "+CSCS: \"%s\"", at->set.cscs); return SIM_AT_OK;
  case SIM_AT_TEST: sim_at_reply (at, "+CSCS: (\"IRA\",\"GSM\",\"UCS2\")"); return SIM_AT_OK;
  case SIM_AT_SET:
    value = sim_at_arg (cmd, 0);
    if (!value || !g_strv_contains (sets, value))
      return bad_parameters (at);
    g_free (at->set.cscs);
    at->set.cscs = g_strdup (value);
    return SIM_AT_OK;
  case SIM_AT_EXEC: break;
  }
  return bad_parameters (at);
}

/* 27.007 time: "yy/MM/dd,hh:mm:ss±zz", zz in quarters of an hour. */
static SimAtStatus
set_clock (SimAt *at, const char *text)
{
  int y, mo, d, h, mi, s, zone = 0;
  char sign = '+';
  g_autoptr (GTimeZone) tz = NULL;
  g_autoptr (GDateTime) time = NULL;

  if (!text || sscanf (text, "%d/%d/%d,%d:%d:%d%c%d", &y, &mo, &d, &h, &mi, &s, &sign, &zone) < 6
      || (sign != '+' && sign != '-') || zone > 56)
    return bad_parameters (at);
  tz = g_time_zone_new_offset ((sign == '-' ? -1 : 1) * zone * 15 * 60);
  time = g_date_time_new (tz, 2000 + y, mo, d, h, mi, s);
  if (!time)
    return bad_parameters (at);
  sim_model_set_clock (at->model, time);
  return SIM_AT_OK;
}

static SimAtStatus
handle_cclk (SimAt *at, const SimAtCommand *cmd)
{
  g_autoptr (GDateTime) now = NULL;
  int quarters;

  switch (cmd->mode) {
  case SIM_AT_READ:
    now = sim_model_get_clock (at->model);
    quarters = (int)(g_date_time_get_utc_offset (now) / (15 * G_TIME_SPAN_MINUTE));
    sim_at_reply (at, "+CCLK: \"%02d/%02d/%02d,%02d:%02d:%02d%c%02d\"", g_date_time_get_year (now) % 100,
                  g_date_time_get_month (now), g_date_time_get_day_of_month (now), g_date_time_get_hour (now),
                  g_date_time_get_minute (now), g_date_time_get_second (now), quarters < 0 ? '-' : '+',
                  ABS (quarters));
    return SIM_AT_OK;
  case SIM_AT_TEST: return SIM_AT_OK;
  case SIM_AT_SET: return set_clock (at, sim_at_arg (cmd, 0));
  case SIM_AT_EXEC: break;
  }
  return bad_parameters (at);
}

void
sim_at_time_event (SimAt *at)
{
  g_autoptr (GDateTime) now = sim_model_get_clock (at->model);
  int quarters = at->model->utc_offset_minutes / 15;
  g_autofree char *line = NULL;

  switch (at->set.ctzr) {
  case 0: break;
  case 1: line = g_strdup_printf ("+CTZV: %+03d", quarters); break;
  default:
    /* 2 and 3 (UTC instead of local time, not told apart here). */
    line = g_strdup_printf ("+CTZE: \"%+03d\",%d,\"%04d/%02d/%02d,%02d:%02d:%02d\"", quarters,
                            at->model->dst_hours, g_date_time_get_year (now), g_date_time_get_month (now),
                            g_date_time_get_day_of_month (now), g_date_time_get_hour (now),
                            g_date_time_get_minute (now), g_date_time_get_second (now));
    break;
  }
  if (line)
    sim_at_send_unsolicited (at, line);
}

static SimAtStatus
handle_ctzu (SimAt *at, const SimAtCommand *cmd)
{
  return sim_at_setting (at, cmd, &at->set.ctzu, 1, "(0,1)");
}

static SimAtStatus
handle_ctzr (SimAt *at, const SimAtCommand *cmd)
{
  return sim_at_setting (at, cmd, &at->set.ctzr, 3, "(0-3)");
}

/* Flow control is meaningless on a pty; the setting is only kept. */
static SimAtStatus
handle_ifc (SimAt *at, const SimAtCommand *cmd)
{
  switch (cmd->mode) {
  case SIM_AT_READ: sim_at_reply (at, "+IFC: %u,%u", at->set.ifc[0], at->set.ifc[1]); return SIM_AT_OK;
  case SIM_AT_TEST: sim_at_reply (at, "+IFC: (0-2),(0-2)"); return SIM_AT_OK;
  case SIM_AT_SET:
  case SIM_AT_EXEC:
    if (!sim_at_arg_uint_or (cmd, 0, 2, 0, &at->set.ifc[0])
        || !sim_at_arg_uint_or (cmd, 1, 2, 0, &at->set.ifc[1]))
      return bad_parameters (at);
    return SIM_AT_OK;
  }
  return bad_parameters (at);
}

static SimAtStatus
handle_clac (SimAt *at, const SimAtCommand *cmd)
{
  if (cmd->mode == SIM_AT_TEST)
    return SIM_AT_OK;
  if (cmd->mode != SIM_AT_EXEC)
    return bad_parameters (at);
  sim_at_list_commands (at);
  return SIM_AT_OK;
}

const SimAtEntry sim_at_basic_commands[] = {
  { "E", handle_echo },         { "V", handle_verbose },      { "Q", handle_quiet },
  { "Z", handle_reset },        { "&F", handle_reset },       { "L", handle_accepted },
  { "M", handle_accepted },     { "X", handle_accepted },     { "&C", handle_accepted },
  { "&D", handle_accepted },    { "&K", handle_accepted },    { "&W", handle_accepted },
  { "I", handle_info },         { "S", handle_s_register },   { "+CMEE", handle_cmee },
  { "+CGMI", handle_identity }, { "+GMI", handle_identity },  { "+CGMM", handle_identity },
  { "+GMM", handle_identity },  { "+CGMR", handle_identity }, { "+GMR", handle_identity },
  { "+CGSN", handle_identity }, { "+GSN", handle_identity },  { "+GCAP", handle_gcap },
  { "+WS46", handle_ws46 },     { "+CFUN", handle_cfun },     { "+CSCS", handle_cscs },
  { "+CCLK", handle_cclk },     { "+CTZU", handle_ctzu },     { "+CTZR", handle_ctzr },
  { "+IFC", handle_ifc },       { "+CLAC", handle_clac },     { NULL, NULL },
};
