/* SPDX-License-Identifier: GPL-2.0-or-later */
/* SIM AT commands: lock and unlock (+CPIN), retries (+CPINR, +CSIM queries),
 * the SIM PIN facility (+CLCK="SC"), PIN change (+CPWD), identity (+CCID,
 * +ICCID, +CIMI, +CNUM), the few elementary files clients read (+CRSM) and
 * the empty preferred operator list (+CPOL, +CPLS). */
#include "sim-at-private.h"

#include <string.h>

/* Elementary file ids (TS 51.011 / 31.102) and status words. */
#define EF_ICCID         0x2FE2
#define EF_SPN           0x6F46
#define EF_AD            0x6FAD
#define EF_ECC           0x6FB7
#define CRSM_READ_BINARY 176

static SimAtStatus
bad_parameters (SimAt *at)
{
  return sim_at_cme (at, SIM_ERROR_INCORRECT_PARAMETERS);
}

/* The ICCID and +CRSM to EF_ICCID work with a locked card; only a missing
 * or blocked one refuses them. */
static gboolean
card_readable (SimAt *at, SimAtStatus *status)
{
  switch (at->model->sim.lock) {
  case SIM_LOCK_READY:
  case SIM_LOCK_PIN:
  case SIM_LOCK_PUK: return TRUE;
  case SIM_LOCK_BLOCKED: *status = sim_at_cme (at, SIM_ERROR_SIM_FAILURE); return FALSE;
  case SIM_LOCK_ABSENT: *status = sim_at_cme (at, SIM_ERROR_SIM_NOT_INSERTED); return FALSE;
  }
  return FALSE;
}

static gboolean
card_ready (SimAt *at, SimAtStatus *status)
{
  g_autoptr (GError) error = NULL;

  if (sim_model_check_sim_ready (at->model, &error))
    return TRUE;
  *status = sim_at_cme_error (at, error);
  return FALSE;
}

static SimAtStatus
handle_cpin (SimAt *at, const SimAtCommand *cmd)
{
  g_autoptr (GError) error = NULL;
  SimAtStatus status;
  gboolean ok;

  switch (cmd->mode) {
  case SIM_AT_READ:
    switch (at->model->sim.lock) {
    case SIM_LOCK_READY: sim_at_reply (at, "+CPIN: READY"); return SIM_AT_OK;
    case SIM_LOCK_PIN: sim_at_reply (at, "+CPIN: SIM PIN"); return SIM_AT_OK;
    case SIM_LOCK_PUK: sim_at_reply (at, "+CPIN: SIM PUK"); return SIM_AT_OK;
    case SIM_LOCK_BLOCKED:
    case SIM_LOCK_ABSENT: card_readable (at, &status); return status;
    }
    break;
  case SIM_AT_TEST: return SIM_AT_OK;
  case SIM_AT_SET:
    if (sim_at_n_args (cmd) == 1)
      ok = sim_model_enter_pin (at->model, sim_at_arg (cmd, 0), &error);
    else if (sim_at_n_args (cmd) == 2)
      ok = sim_model_enter_puk (at->model, sim_at_arg (cmd, 0), sim_at_arg (cmd, 1), &error);
    else
      return bad_parameters (at);
    return ok ? SIM_AT_OK : sim_at_cme_error (at, error);
  case SIM_AT_EXEC: break;
  }
  return bad_parameters (at);
}

static void
reply_retries (SimAt *at, const char *name, guint left, guint max, const char *pattern)
{
  if (!pattern || g_pattern_match_simple (pattern, name))
    sim_at_reply (at, "+CPINR: %s,%u,%u", name, left, max);
}

static SimAtStatus
handle_cpinr (SimAt *at, const SimAtCommand *cmd)
{
  const SimCard *card = &at->model->sim;
  const char *pattern = NULL;
  SimAtStatus status;

  if (cmd->mode == SIM_AT_TEST)
    return SIM_AT_OK;
  if (cmd->mode == SIM_AT_SET)
    pattern = sim_at_arg (cmd, 0);
  else if (cmd->mode != SIM_AT_EXEC)
    return bad_parameters (at);
  if (!card_readable (at, &status))
    return status;
  reply_retries (at, "SIM PIN", card->pin_retries, card->pin_max, pattern);
  reply_retries (at, "SIM PUK", card->puk_retries, card->puk_max, pattern);
  /* PIN2 is not simulated; it reports untouched counters as cards do. */
  reply_retries (at, "SIM PIN2", 3, 3, pattern);
  reply_retries (at, "SIM PUK2", 10, 10, pattern);
  return SIM_AT_OK;
}

static SimAtStatus
handle_clck (SimAt *at, const SimAtCommand *cmd)
{
  static const char *const others[] = { "FD", "PN", "PU", "PP", "PC", NULL };
  g_autoptr (GError) error = NULL;
  const char *facility = sim_at_arg (cmd, 0);
  SimAtStatus status;
  guint mode;

  if (cmd->mode == SIM_AT_TEST) {
    sim_at_reply (at, "+CLCK: (\"SC\",\"FD\",\"PN\",\"PU\",\"PP\",\"PC\")");
    return SIM_AT_OK;
  }
  if (cmd->mode != SIM_AT_SET || !facility || !sim_at_arg_uint (cmd, 1, 2, &mode))
    return bad_parameters (at);
  if (g_strv_contains (others, facility)) {
    /* Fixed dialling and personalisation locks exist but are all off. */
    if (mode != 2)
      return sim_at_cme (at, SIM_ERROR_NOT_ALLOWED);
    if (!card_ready (at, &status))
      return status;
    sim_at_reply (at, "+CLCK: 0");
    return SIM_AT_OK;
  }
  if (strcmp (facility, "SC") != 0)
    return sim_at_cme (at, SIM_ERROR_NOT_SUPPORTED);
  if (mode == 2) {
    if (!card_ready (at, &status))
      return status;
    sim_at_reply (at, "+CLCK: %d", at->model->sim.pin_enabled ? 1 : 0);
    return SIM_AT_OK;
  }
  if (!sim_at_arg (cmd, 2))
    return bad_parameters (at);
  if (!sim_model_set_pin_enabled (at->model, mode == 1, sim_at_arg (cmd, 2), &error))
    return sim_at_cme_error (at, error);
  return SIM_AT_OK;
}

static SimAtStatus
handle_cpwd (SimAt *at, const SimAtCommand *cmd)
{
  g_autoptr (GError) error = NULL;
  const char *facility = sim_at_arg (cmd, 0);

  if (cmd->mode == SIM_AT_TEST) {
    sim_at_reply (at, "+CPWD: (\"SC\",8),(\"P2\",8)");
    return SIM_AT_OK;
  }
  if (cmd->mode != SIM_AT_SET || sim_at_n_args (cmd) != 3)
    return bad_parameters (at);
  if (g_strcmp0 (facility, "SC") != 0)
    return sim_at_cme (at, SIM_ERROR_NOT_SUPPORTED);
  if (!sim_model_change_pin (at->model, sim_at_arg (cmd, 1), sim_at_arg (cmd, 2), &error))
    return sim_at_cme_error (at, error);
  return SIM_AT_OK;
}

static SimAtStatus
handle_iccid (SimAt *at, const SimAtCommand *cmd)
{
  SimAtStatus status;

  if (cmd->mode == SIM_AT_TEST)
    return SIM_AT_OK;
  if (cmd->mode != SIM_AT_EXEC && cmd->mode != SIM_AT_READ)
    return bad_parameters (at);
  if (!card_readable (at, &status))
    return status;
  sim_at_reply (at, "%s: %s", cmd->name, at->model->sim.iccid);
  return SIM_AT_OK;
}

static SimAtStatus
handle_cimi (SimAt *at, const SimAtCommand *cmd)
{
  SimAtStatus status;

  if (cmd->mode == SIM_AT_TEST)
    return SIM_AT_OK;
  if (cmd->mode != SIM_AT_EXEC)
    return bad_parameters (at);
  if (!card_ready (at, &status))
    return status;
  sim_at_reply (at, "%s", at->model->sim.imsi);
  return SIM_AT_OK;
}

static SimAtStatus
handle_cnum (SimAt *at, const SimAtCommand *cmd)
{
  SimAtStatus status;

  if (cmd->mode == SIM_AT_TEST)
    return SIM_AT_OK;
  if (cmd->mode != SIM_AT_EXEC)
    return bad_parameters (at);
  if (!card_ready (at, &status))
    return status;
  for (guint i = 0; at->model->sim.own_numbers[i]; i++) {
    const char *number = at->model->sim.own_numbers[i];

    /* 145: international number with '+', 129: national/unknown. */
    sim_at_reply (at, "+CNUM: \"\",\"%s\",%d", number, number[0] == '+' ? 145 : 129);
  }
  return SIM_AT_OK;
}

/* BCD with the nibbles of each byte swapped, padded with F (TS 11.11). */
static char *
swapped_bcd (const char *digits, gsize bytes)
{
  GString *out = g_string_new (NULL);
  gsize len = strlen (digits);

  for (gsize i = 0; i < bytes * 2; i += 2) {
    g_string_append_c (out, i + 1 < len ? digits[i + 1] : 'F');
    g_string_append_c (out, i < len ? digits[i] : 'F');
  }
  return g_string_free (out, FALSE);
}

static char *
spn_file (const char *spn, gsize bytes)
{
  GString *out = g_string_new ("01");
  gsize len = strlen (spn);

  for (gsize i = 0; i + 1 < bytes; i++)
    g_string_append_printf (out, "%02X", i < len ? (guint8)spn[i] : 0xFF);
  return g_string_free (out, FALSE);
}

/* Only READ BINARY of the files clients use; everything else answers with
 * the status words a card gives (6A82 file not found, 6D00 bad command). */
static SimAtStatus
handle_crsm (SimAt *at, const SimAtCommand *cmd)
{
  g_autofree char *data = NULL;
  SimAtStatus status;
  guint command, file, p1, p2, length;

  if (cmd->mode == SIM_AT_TEST)
    return SIM_AT_OK;
  if (cmd->mode != SIM_AT_SET || !sim_at_arg_uint (cmd, 0, 255, &command)
      || !sim_at_arg_uint_or (cmd, 1, 0xFFFF, 0, &file) || !sim_at_arg_uint_or (cmd, 2, 255, 0, &p1)
      || !sim_at_arg_uint_or (cmd, 3, 255, 0, &p2) || !sim_at_arg_uint_or (cmd, 4, 255, 0, &length))
    return bad_parameters (at);
  if (!card_readable (at, &status))
    return status;
  if (command != CRSM_READ_BINARY) {
    sim_at_reply (at, "+CRSM: 109,0");
    return SIM_AT_OK;
  }
  if (file == EF_ICCID)
    data = swapped_bcd (at->model->sim.iccid, 10);
  else if (at->model->sim.lock != SIM_LOCK_READY)
    return card_ready (at, &status) ? SIM_AT_OK : status;
  else if (file == EF_SPN && at->model->sim.spn)
    data = spn_file (at->model->sim.spn, 17);
  else if (file == EF_AD)
    data = g_strdup_printf ("000000%02X", at->model->sim.mnc_length);
  else if (file == EF_ECC)
    /* GSM format: three BCD bytes per number, here 112 and 911. */
    data = g_strdup ("11F2FF19F1FFFFFFFFFFFFFFFFFFFF");
  if (!data) {
    sim_at_reply (at, "+CRSM: 106,130");
    return SIM_AT_OK;
  }
  if (length > 0 && length * 2 < strlen (data))
    data[length * 2] = '\0';
  sim_at_reply (at, "+CRSM: 144,0,\"%s\"", data);
  return SIM_AT_OK;
}

/* Generic SIM access: only the retry queries clients send, a VERIFY (0x20)
 * or UNBLOCK (0x2C) without data, answered by the card with 63Cx, x being
 * the tries left (ISO 7816-4). Anything else is "instruction not
 * supported" (6D00). */
static SimAtStatus
handle_csim (SimAt *at, const SimAtCommand *cmd)
{
  const SimCard *card = &at->model->sim;
  const char *apdu = sim_at_arg (cmd, 1);
  g_autofree char *upper = NULL;
  SimAtStatus status;
  gboolean known = TRUE;
  guint left = 0;

  if (cmd->mode == SIM_AT_TEST)
    return SIM_AT_OK;
  if (cmd->mode != SIM_AT_SET || !apdu)
    return bad_parameters (at);
  if (!card_readable (at, &status))
    return status;
  upper = g_ascii_strup (apdu, -1);
  if (g_str_has_prefix (upper, "00200001"))
    left = card->pin_retries;
  else if (g_str_has_prefix (upper, "002C0001"))
    left = card->puk_retries;
  else if (g_str_has_prefix (upper, "00200081"))
    left = 3;
  else if (g_str_has_prefix (upper, "002C0081"))
    left = 10;
  else
    known = FALSE;
  /* Ten hex digits: the header and an empty Lc, nothing to verify. */
  if (!known || strlen (upper) > 10)
    sim_at_reply (at, "+CSIM: 4,\"6D00\"");
  else
    sim_at_reply (at, "+CSIM: 4,\"63C%X\"", MIN (left, 15));
  return SIM_AT_OK;
}

static SimAtStatus
handle_cpol (SimAt *at, const SimAtCommand *cmd)
{
  SimAtStatus status;

  switch (cmd->mode) {
  case SIM_AT_READ: return card_ready (at, &status) ? SIM_AT_OK : status;
  case SIM_AT_TEST: sim_at_reply (at, "+CPOL: (1-20),(0-2)"); return SIM_AT_OK;
  case SIM_AT_SET:
    /* Only "+CPOL=,<format>": the list stays empty. */
    if (sim_at_n_args (cmd) != 2 || g_strcmp0 (sim_at_arg (cmd, 0), "") != 0
        || !sim_at_arg_uint (cmd, 1, 2, &at->set.cpol_format))
      return sim_at_cme (at, SIM_ERROR_NOT_ALLOWED);
    return SIM_AT_OK;
  case SIM_AT_EXEC: break;
  }
  return bad_parameters (at);
}

static SimAtStatus
handle_cpls (SimAt *at, const SimAtCommand *cmd)
{
  guint list = 0;

  return sim_at_setting (at, cmd, &list, 0, "(0)");
}

const SimAtEntry sim_at_sim_commands[] = {
  { "+CPIN", handle_cpin }, { "+CPINR", handle_cpinr }, { "+CLCK", handle_clck },
  { "+CPWD", handle_cpwd }, { "+CCID", handle_iccid },  { "+ICCID", handle_iccid },
  { "+CIMI", handle_cimi }, { "+CNUM", handle_cnum },   { "+CRSM", handle_crsm },
  { "+CSIM", handle_csim }, { "+CPOL", handle_cpol },   { "+CPLS", handle_cpls },
  { NULL, NULL },
};
