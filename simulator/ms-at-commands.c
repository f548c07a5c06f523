/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The AT commands the simulated modem answers, one small handler each,
 * in 27.007/27.005 syntax. A handler reads and changes the model, appends
 * its information text and returns MS_AT_OK, MS_AT_ERROR or a +CME code. */
#include "ms-at.h"

#include <stdlib.h>
#include <string.h>

typedef int (*Handler) (MsAt *self, const char *args, GString *out);

#define LINE(out, ...) g_string_append_printf ((out), "\r\n" __VA_ARGS__), g_string_append ((out), "\r\n")

/* Splits "1,2,\"x\"" into unquoted fields. */
static GStrv
fields (const char *args)
{
  g_auto (GStrv) parts = g_strsplit (args, ",", -1);

  for (guint i = 0; parts[i]; i++) {
    g_strstrip (parts[i]);
    if (parts[i][0] == '"') {
      gsize len = strlen (parts[i]);
      memmove (parts[i], parts[i] + 1, len);
      if (len > 1 && parts[i][len - 2] == '"')
        parts[i][len - 2] = '\0';
    }
  }
  return g_steal_pointer (&parts);
}

static gboolean
is_query (const char *args)
{
  return g_str_equal (args, "?");
}

static gboolean
is_test (const char *args)
{
  return g_str_equal (args, "=?");
}

/* --- identity -------------------------------------------------------------- */

static int
cmd_manufacturer (MsAt *self, const char *args, GString *out)
{
  LINE (out, "%s", self->model->manufacturer ? self->model->manufacturer : "");
  return MS_AT_OK;
}

static int
cmd_model (MsAt *self, const char *args, GString *out)
{
  LINE (out, "%s", self->model->model ? self->model->model : "");
  return MS_AT_OK;
}

static int
cmd_revision (MsAt *self, const char *args, GString *out)
{
  LINE (out, "%s", self->model->revision ? self->model->revision : "");
  return MS_AT_OK;
}

static int
cmd_imei (MsAt *self, const char *args, GString *out)
{
  LINE (out, "%s", self->model->imei ? self->model->imei : "");
  return MS_AT_OK;
}

static int
cmd_gcap (MsAt *self, const char *args, GString *out)
{
  LINE (out, "+GCAP: +CGSM,+DS,+ES");
  return MS_AT_OK;
}

static int
cmd_ws46 (MsAt *self, const char *args, GString *out)
{
  if (is_test (args))
    LINE (out, "+WS46: (12,22,25,28,29,30,31)");
  else if (is_query (args))
    LINE (out, "+WS46: 25");
  return MS_AT_OK;
}

static int
cmd_cmee (MsAt *self, const char *args, GString *out)
{
  if (is_query (args))
    LINE (out, "+CMEE: %u", self->cmee);
  else if (is_test (args))
    LINE (out, "+CMEE: (0-2)");
  else if (args[0] == '=' && args[1] >= '0' && args[1] <= '2')
    self->cmee = (guint) (args[1] - '0');
  else
    return MS_AT_ERROR;
  return MS_AT_OK;
}

/* --- power and SIM --------------------------------------------------------- */

static int
cmd_cfun (MsAt *self, const char *args, GString *out)
{
  guint64 fun;
  g_auto (GStrv) f = NULL;

  if (is_query (args)) {
    LINE (out, "+CFUN: %u", self->model->cfun);
    return MS_AT_OK;
  }
  if (is_test (args)) {
    LINE (out, "+CFUN: (0,1,4),(0-1)");
    return MS_AT_OK;
  }
  f = fields (args + 1);
  if (args[0] != '=' || !g_ascii_string_to_unsigned (f[0], 10, 0, 4, &fun, NULL) || fun == 2 || fun == 3)
    return 4;
  ms_model_set_cfun (self->model, (guint) fun);
  return MS_AT_OK;
}

static int
cmd_cpin (MsAt *self, const char *args, GString *out)
{
  MsModel *m = self->model;
  static const char *const states[] = { "READY", "SIM PIN", "SIM PUK", NULL };
  g_auto (GStrv) f = NULL;
  guint error;

  if (!m->sim_present)
    return 10;
  if (is_query (args)) {
    if (m->lock == MS_LOCK_BLOCKED)
      return 13;
    LINE (out, "+CPIN: %s", states[m->lock]);
    return MS_AT_OK;
  }
  if (args[0] != '=')
    return MS_AT_ERROR;
  f = fields (args + 1);
  error = f[1] ? ms_model_enter_puk (m, f[0], f[1]) : ms_model_enter_pin (m, f[0]);
  return error ? (int) error : MS_AT_OK;
}

static int
cmd_cpinr (MsAt *self, const char *args, GString *out)
{
  if (!self->model->sim_present)
    return 10;
  LINE (out, "+CPINR: SIM PIN,%u,3", self->model->pin_retries);
  LINE (out, "+CPINR: SIM PUK,%u,10", self->model->puk_retries);
  return MS_AT_OK;
}

static int
cmd_clck (MsAt *self, const char *args, GString *out)
{
  g_auto (GStrv) f = NULL;
  guint error;

  if (is_test (args)) {
    LINE (out, "+CLCK: (\"SC\",\"PN\")");
    return MS_AT_OK;
  }
  f = fields (args[0] == '=' ? args + 1 : args);
  if (g_strv_length (f) < 2 || g_ascii_strcasecmp (f[0], "SC") != 0)
    return 4;
  if (!self->model->sim_present)
    return 10;
  if (g_str_equal (f[1], "2")) {
    LINE (out, "+CLCK: %d", self->model->pin_enabled ? 1 : 0);
    return MS_AT_OK;
  }
  if (!f[2])
    return 4;
  error = ms_model_set_pin_enabled (self->model, f[2], g_str_equal (f[1], "1"));
  return error ? (int) error : MS_AT_OK;
}

static int
cmd_cpwd (MsAt *self, const char *args, GString *out)
{
  g_auto (GStrv) f = fields (args[0] == '=' ? args + 1 : args);
  guint error;

  if (g_strv_length (f) < 3 || g_ascii_strcasecmp (f[0], "SC") != 0)
    return 4;
  error = ms_model_change_pin (self->model, f[1], f[2]);
  return error ? (int) error : MS_AT_OK;
}

static int
require_ready_sim (MsModel *m)
{
  if (!m->sim_present)
    return 10;
  if (m->lock == MS_LOCK_PIN)
    return 11;
  if (m->lock != MS_LOCK_NONE)
    return 12;
  return MS_AT_OK;
}

static int
cmd_ccid (MsAt *self, const char *args, GString *out)
{
  int ready = require_ready_sim (self->model);

  if (ready != MS_AT_OK)
    return ready;
  LINE (out, "+CCID: %s", self->model->iccid ? self->model->iccid : "");
  return MS_AT_OK;
}

static int
cmd_crsm (MsAt *self, const char *args, GString *out)
{
  g_auto (GStrv) f = fields (args[0] == '=' ? args + 1 : args);
  const char *iccid = self->model->iccid ? self->model->iccid : "";
  GString *hex = g_string_new (NULL);
  int ready = require_ready_sim (self->model);

  if (ready != MS_AT_OK || g_strv_length (f) < 2 || !g_str_equal (f[1], "12258")) {
    g_string_free (hex, TRUE);
    return ready != MS_AT_OK ? ready : 4;
  }
  /* EF_ICCID: BCD digits with each byte's nibbles swapped, F padded. */
  for (gsize i = 0; i < 20; i += 2) {
    char a = i < strlen (iccid) ? iccid[i] : 'F';
    char b = i + 1 < strlen (iccid) ? iccid[i + 1] : 'F';

    g_string_append_c (hex, b);
    g_string_append_c (hex, a);
  }
  LINE (out, "+CRSM: 144,0,\"%s\"", hex->str);
  g_string_free (hex, TRUE);
  return MS_AT_OK;
}

static int
cmd_cimi (MsAt *self, const char *args, GString *out)
{
  int ready = require_ready_sim (self->model);

  if (ready != MS_AT_OK)
    return ready;
  LINE (out, "%s", self->model->imsi ? self->model->imsi : "");
  return MS_AT_OK;
}

static int
cmd_cnum (MsAt *self, const char *args, GString *out)
{
  for (guint i = 0; self->model->own_numbers[i]; i++)
    LINE (out, "+CNUM: \"\",\"%s\",%d", self->model->own_numbers[i],
          self->model->own_numbers[i][0] == '+' ? 145 : 129);
  return MS_AT_OK;
}

/* --- network ---------------------------------------------------------------- */

static int
cmd_reg (MsAt *self, guint domain, const char *args, GString *out)
{
  if (is_query (args)) {
    g_autofree char *line = ms_at_registration_line (self, domain, self->reg_n[domain], TRUE);

    LINE (out, "%s", line);
    return MS_AT_OK;
  }
  if (is_test (args)) {
    LINE (out, "%s: (0-2)", domain == 0 ? "+CREG" : domain == 1 ? "+CGREG" : "+CEREG");
    return MS_AT_OK;
  }
  if (args[0] != '=' || args[1] < '0' || args[1] > '2' || args[2])
    return 4;
  self->reg_n[domain] = (guint) (args[1] - '0');
  return MS_AT_OK;
}

static int
cmd_creg (MsAt *self, const char *args, GString *out)
{
  return cmd_reg (self, 0, args, out);
}

static int
cmd_cgreg (MsAt *self, const char *args, GString *out)
{
  return cmd_reg (self, 1, args, out);
}

static int
cmd_cereg (MsAt *self, const char *args, GString *out)
{
  return cmd_reg (self, 2, args, out);
}

static void
append_scan (MsAt *self, GString *out)
{
  GString *line = g_string_new ("+COPS: ");

  for (guint i = 0; i < self->model->operators->len; i++) {
    MsOperator *op = g_ptr_array_index (self->model->operators, i);

    g_string_append_printf (line, "(%u,\"%s\",\"%s\",\"%s\",%u),", op->status, op->long_name, op->short_name,
                            op->code, op->act);
  }
  g_string_append (line, ",(0-4),(0-2)");
  LINE (out, "%s", line->str);
  g_string_free (line, TRUE);
}

static gboolean
scan_done (gpointer user_data)
{
  MsAt *self = user_data;
  g_autoptr(GString) out = g_string_new (NULL);

  self->delayed_source = 0;
  append_scan (self, out);
  ms_at_send (self, out->str);
  ms_at_send_final (self, MS_AT_OK);
  return G_SOURCE_REMOVE;
}

static int
cmd_cops (MsAt *self, const char *args, GString *out)
{
  MsModel *m = self->model;
  MsRegistration reg = ms_model_current_registration (m);
  g_auto (GStrv) f = NULL;
  guint error;

  if (is_test (args)) {
    if (m->cfun != 1)
      return 30;
    if (m->cops_scan_delay_ms) {
      self->delayed_source = g_timeout_add (m->cops_scan_delay_ms, scan_done, self);
      return MS_AT_NONE;
    }
    append_scan (self, out);
    return MS_AT_OK;
  }
  if (is_query (args)) {
    if (reg == MS_REG_HOME || reg == MS_REG_ROAMING)
      LINE (out, "+COPS: %d,%u,\"%s\",%u", m->manual_selection ? 1 : 0, self->cops_format,
            self->cops_format == 2 ? m->operator_code : m->operator_name, m->act);
    else
      LINE (out, "+COPS: %d", m->manual_selection ? 1 : 0);
    return MS_AT_OK;
  }
  f = fields (args + 1);
  if (g_str_equal (f[0], "0")) {
    m->manual_selection = FALSE;
    return MS_AT_OK;
  }
  if (g_str_equal (f[0], "2")) {
    ms_model_set_registration (m, MS_REG_IDLE, NULL, NULL);
    return MS_AT_OK;
  }
  if (g_str_equal (f[0], "3") && f[1]) {
    self->cops_format = (guint) atoi (f[1]);
    return MS_AT_OK;
  }
  if (g_str_equal (f[0], "1") && f[1] && f[2]) {
    error = ms_model_select_operator (m, f[2]);
    return error ? (int) error : MS_AT_OK;
  }
  return 4;
}

static int
cmd_csq (MsAt *self, const char *args, GString *out)
{
  LINE (out, "+CSQ: %u,99", self->model->cfun == 1 ? self->model->rssi : 99);
  return MS_AT_OK;
}

/* --- data -------------------------------------------------------------------- */

static int
cmd_cgdcont (MsAt *self, const char *args, GString *out)
{
  GHashTableIter iter;
  gpointer key, value;
  g_auto (GStrv) f = NULL;
  guint64 cid;

  if (is_test (args)) {
    LINE (out, "+CGDCONT: (1-16),\"IP\",,,(0-2),(0-4)");
    LINE (out, "+CGDCONT: (1-16),\"IPV6\",,,(0-2),(0-4)");
    LINE (out, "+CGDCONT: (1-16),\"IPV4V6\",,,(0-2),(0-4)");
    return MS_AT_OK;
  }
  if (is_query (args)) {
    g_hash_table_iter_init (&iter, self->model->contexts);
    while (g_hash_table_iter_next (&iter, &key, &value)) {
      g_auto (GStrv) ctx = g_strsplit (value, ",", 2);
      LINE (out, "+CGDCONT: %u,\"%s\",\"%s\",\"0.0.0.0\",0,0", GPOINTER_TO_UINT (key), ctx[0], ctx[1]);
    }
    return MS_AT_OK;
  }
  f = fields (args + 1);
  if (!g_ascii_string_to_unsigned (f[0], 10, 1, 16, &cid, NULL))
    return 4;
  if (!f[1]) {
    g_hash_table_remove (self->model->contexts, GUINT_TO_POINTER (cid));
    return MS_AT_OK;
  }
  if (!g_str_equal (f[1], "IP") && !g_str_equal (f[1], "IPV6") && !g_str_equal (f[1], "IPV4V6"))
    return 4;
  g_hash_table_insert (self->model->contexts, GUINT_TO_POINTER (cid),
                       g_strdup_printf ("%s,%s", f[1], f[2] ? f[2] : ""));
  return MS_AT_OK;
}

static int
cmd_ok (MsAt *self, const char *args, GString *out)
{
  return MS_AT_OK;
}

static int
cmd_cgatt (MsAt *self, const char *args, GString *out)
{
  MsRegistration reg = ms_model_current_registration (self->model);

  if (is_query (args))
    LINE (out, "+CGATT: %d", reg == MS_REG_HOME || reg == MS_REG_ROAMING);
  return MS_AT_OK;
}

static int
dial (MsAt *self, const char *number)
{
  MsRegistration reg = ms_model_current_registration (self->model);

  if (!g_str_has_prefix (number, "*99"))
    return MS_AT_ERROR;
  if (reg != MS_REG_HOME && reg != MS_REG_ROAMING) {
    ms_at_send_line (self, "NO CARRIER");
    return MS_AT_NONE;
  }
  ms_at_send_line (self, "CONNECT 150000000");
  self->model->data_mode = TRUE;
  self->last_data_us = g_get_monotonic_time ();
  return MS_AT_NONE;
}

/* --- SMS and clock ------------------------------------------------------------ */

static int
cmd_cmgf (MsAt *self, const char *args, GString *out)
{
  if (is_query (args))
    LINE (out, "+CMGF: %u", self->cmgf);
  else if (args[0] == '=' && (args[1] == '0' || args[1] == '1'))
    self->cmgf = (guint) (args[1] - '0');
  else if (!is_test (args))
    return 4;
  return MS_AT_OK;
}

static int
cmd_cmgl (MsAt *self, const char *args, GString *out)
{
  for (guint i = 0; i < self->model->sms->len; i++) {
    const char *pdu = g_ptr_array_index (self->model->sms, i);

    if (!pdu)
      continue;
    LINE (out, "+CMGL: %u,1,,%zu", i, strlen (pdu) / 2 - 8);
    LINE (out, "%s", pdu);
  }
  return MS_AT_OK;
}

static int
cmd_cmgr (MsAt *self, const char *args, GString *out)
{
  guint64 index;
  const char *pdu;

  if (args[0] != '=' || !g_ascii_string_to_unsigned (args + 1, 10, 0, G_MAXUINT, &index, NULL)
      || index >= self->model->sms->len || !(pdu = g_ptr_array_index (self->model->sms, index)))
    return 21;
  LINE (out, "+CMGR: 1,,%zu", strlen (pdu) / 2 - 8);
  LINE (out, "%s", pdu);
  return MS_AT_OK;
}

static int
cmd_cmgd (MsAt *self, const char *args, GString *out)
{
  guint64 index;

  if (args[0] != '=' || !g_ascii_string_to_unsigned (args + 1, 10, 0, G_MAXUINT, &index, NULL)
      || index >= self->model->sms->len)
    return 21;
  g_free (g_ptr_array_index (self->model->sms, index));
  g_ptr_array_index (self->model->sms, index) = NULL;
  return MS_AT_OK;
}

static int
cmd_cclk (MsAt *self, const char *args, GString *out)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *text = g_date_time_format (now, "%y/%m/%d,%H:%M:%S+00");

  LINE (out, "+CCLK: \"%s\"", text);
  return MS_AT_OK;
}

static const struct {
  const char *name;
  Handler handler;
} commands[] = {
  { "+CGMI", cmd_manufacturer }, { "+GMI", cmd_manufacturer }, { "+CGMM", cmd_model },
  { "+GMM", cmd_model }, { "+CGMR", cmd_revision }, { "+GMR", cmd_revision }, { "+CGSN", cmd_imei },
  { "+GSN", cmd_imei }, { "+GCAP", cmd_gcap }, { "+WS46", cmd_ws46 }, { "+CMEE", cmd_cmee },
  { "+CFUN", cmd_cfun }, { "+CPIN", cmd_cpin }, { "+CPINR", cmd_cpinr }, { "+CLCK", cmd_clck },
  { "+CPWD", cmd_cpwd }, { "+CCID", cmd_ccid }, { "+ICCID", cmd_ccid }, { "+CRSM", cmd_crsm },
  { "+CIMI", cmd_cimi }, { "+CNUM", cmd_cnum }, { "+CREG", cmd_creg }, { "+CGREG", cmd_cgreg },
  { "+CEREG", cmd_cereg }, { "+COPS", cmd_cops }, { "+CSQ", cmd_csq }, { "+CGDCONT", cmd_cgdcont },
  { "+CGATT", cmd_cgatt }, { "+CGACT", cmd_ok }, { "+CGAUTH", cmd_ok }, { "+CMGF", cmd_cmgf },
  { "+CPMS", cmd_ok }, { "+CNMI", cmd_ok }, { "+CSCS", cmd_ok }, { "+CMGL", cmd_cmgl },
  { "+CMGR", cmd_cmgr }, { "+CMGD", cmd_cmgd }, { "+CCLK", cmd_cclk },
};

static int
run_extended (MsAt *self, const char *command, GString *out)
{
  gsize len = strcspn (command, "=?");
  g_autofree char *name = g_ascii_strup (command, (gssize) len);

  if (!ms_model_command_supported (self->model, name))
    return MS_AT_ERROR;
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++) {
    if (g_str_equal (commands[i].name, name))
      return commands[i].handler (self, command + len, out);
  }
  return self->cmee ? 4 : MS_AT_ERROR;
}

/* Basic V.250 commands, possibly run together: "E0V1", "&F", "I", "Z". */
static int
run_basic (MsAt *self, const char *command, GString *out)
{
  for (const char *p = command; *p;) {
    char c = g_ascii_toupper (*p++);
    int digit = g_ascii_isdigit (*p) ? *p++ - '0' : 0;

    switch (c) {
    case 'E': self->echo = digit != 0; break;
    case 'V': case 'Q': case 'X': break;
    case 'Z': ms_at_reset (self); break;
    case '&': if (*p) p++; while (g_ascii_isdigit (*p)) p++; break;
    case 'I':
      LINE (out, "%s", self->model->manufacturer ? self->model->manufacturer : "");
      LINE (out, "%s", self->model->model ? self->model->model : "");
      LINE (out, "Revision: %s", self->model->revision ? self->model->revision : "");
      break;
    case 'H':
      self->model->data_mode = FALSE;
      break;
    case 'D':
      return dial (self, p - (digit ? 1 : 0));
    case 'S': while (*p && *p != ';') p++; break;
    default: return MS_AT_ERROR;
    }
  }
  return MS_AT_OK;
}

int
ms_at_run_command (MsAt *self, const char *command, GString *out)
{
  if (command[0] == '+')
    return run_extended (self, command, out);
  return run_basic (self, command, out);
}
