/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The control socket's "get <key> [arg]" verb: the model's and the
 * sessions' values as one reply line, the command histories by index, the
 * data sessions' addresses and each QMI port's data format. The other
 * verbs are sim-control-cmd.c's. */
#include "sim-control.h"

#include <string.h>

typedef char *(*GetFunc) (const SimControlTarget *t);

static char *
get_bool (gboolean value)
{
  return g_strdup (value ? "1" : "0");
}

static char *
get_manufacturer (const SimControlTarget *t)
{
  return g_strdup (t->model->identity.manufacturer);
}
static char *
get_model (const SimControlTarget *t)
{
  return g_strdup (t->model->identity.model);
}
static char *
get_revision (const SimControlTarget *t)
{
  return g_strdup (t->model->identity.revision);
}
static char *
get_imei (const SimControlTarget *t)
{
  return g_strdup (t->model->identity.imei);
}
static char *
get_iccid (const SimControlTarget *t)
{
  return g_strdup (t->model->sim.iccid);
}
static char *
get_imsi (const SimControlTarget *t)
{
  return g_strdup (t->model->sim.imsi);
}
static char *
get_spn (const SimControlTarget *t)
{
  return g_strdup (t->model->sim.spn ? t->model->sim.spn : "");
}
static char *
get_pin (const SimControlTarget *t)
{
  return g_strdup (t->model->sim.pin);
}
static char *
get_puk (const SimControlTarget *t)
{
  return g_strdup (t->model->sim.puk);
}
static char *
get_pin_retries (const SimControlTarget *t)
{
  return g_strdup_printf ("%u", t->model->sim.pin_retries);
}
static char *
get_puk_retries (const SimControlTarget *t)
{
  return g_strdup_printf ("%u", t->model->sim.puk_retries);
}
static char *
get_sim_lock (const SimControlTarget *t)
{
  return g_strdup (sim_lock_state_name (t->model->sim.lock));
}
static char *
get_pin_enabled (const SimControlTarget *t)
{
  return get_bool (t->model->sim.pin_enabled);
}
static char *
get_cfun (const SimControlTarget *t)
{
  return g_strdup_printf ("%u", t->model->cfun);
}
static char *
get_operator_code (const SimControlTarget *t)
{
  return g_strdup (t->model->net.operator_code);
}
static char *
get_operator_name (const SimControlTarget *t)
{
  return g_strdup (t->model->net.operator_name);
}
static char *
get_tech (const SimControlTarget *t)
{
  return g_strdup (sim_tech_name (t->model->net.tech));
}
static char *
get_signal (const SimControlTarget *t)
{
  return g_strdup_printf ("%u", t->model->net.rssi);
}
static char *
get_select_mode (const SimControlTarget *t)
{
  return g_strdup_printf ("%u", t->model->net.select_mode);
}
static char *
get_data_mode (const SimControlTarget *t)
{
  return get_bool (t->at && sim_at_in_data_mode (t->at));
}
static char *
get_call_cid (const SimControlTarget *t)
{
  return g_strdup_printf ("%u", t->model->call_cid);
}
static char *
get_last_command (const SimControlTarget *t)
{
  return t->at ? g_strdup (sim_at_get_last_command (t->at)) : NULL;
}
static char *
get_echo (const SimControlTarget *t)
{
  return t->at ? get_bool (sim_at_get_echo (t->at)) : NULL;
}
static char *
get_cmee (const SimControlTarget *t)
{
  return t->at ? g_strdup_printf ("%u", sim_at_get_cmee (t->at)) : NULL;
}
/* 1 when every front end there is muted. */
static char *
get_muted (const SimControlTarget *t)
{
  return get_bool ((!t->at || sim_at_get_muted (t->at)) && (!t->mbim || sim_mbim_get_muted (t->mbim))
                   && (!t->qmi || sim_qmi_get_muted (t->qmi)));
}
static char *
get_sms_count (const SimControlTarget *t)
{
  return g_strdup_printf ("%u", t->model->sms->len);
}
/* The model's stored messages as "<index>:<status>" (unread, read, unsent,
 * sent), comma-separated, by index. */
static char *
get_sms_status (const SimControlTarget *t)
{
  static const char *const names[] = { "unread", "read", "unsent", "sent" };
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < t->model->sms->len; i++) {
    const SimSms *sms = g_ptr_array_index (t->model->sms, i);

    g_string_append_printf (text, "%s%u:%s", i ? "," : "", sms->index,
                            sms->status < G_N_ELEMENTS (names) ? names[sms->status] : "?");
  }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The PDUs sent so far, oldest first, one per line after the count. */
static char *
get_sms_sent (const SimControlTarget *t)
{
  g_autoptr (GString) text = g_string_new (NULL);

  g_string_append_printf (text, "%u", t->model->sms_sent->len);
  for (guint i = 0; i < t->model->sms_sent->len; i++)
    g_string_append_printf (text, " %s", (const char *)g_ptr_array_index (t->model->sms_sent, i));
  return g_string_free (g_steal_pointer (&text), FALSE);
}
static char *
get_data_bytes (const SimControlTarget *t)
{
  return t->at ? g_strdup_printf ("%" G_GUINT64_FORMAT, sim_at_get_data_bytes (t->at)) : NULL;
}
static char *
get_own_numbers (const SimControlTarget *t)
{
  return g_strjoinv (",", t->model->sim.own_numbers);
}

/* --- MBIM and data sessions --- */
static char *
get_mbim_open (const SimControlTarget *t)
{
  return t->mbim ? get_bool (sim_mbim_is_open (t->mbim)) : NULL;
}
static char *
get_qmi_clients (const SimControlTarget *t)
{
  return t->qmi ? g_strdup_printf ("%u", sim_qmi_get_client_count (t->qmi)) : NULL;
}
static char *
get_wda_endpoint (const SimControlTarget *t)
{
  return t->qmi ? g_strdup (sim_qmi_get_wda_endpoint (t->qmi)) : NULL;
}

static char *
get_qmi_mux_endpoints (const SimControlTarget *t)
{
  return t->qmi ? sim_qmi_get_mux_endpoints (t->qmi) : NULL;
}

static char *
get_qmi_mux_ids (const SimControlTarget *t)
{
  return t->qmi ? sim_qmi_get_mux_ids (t->qmi) : NULL;
}

static char *
get_data_format (const SimControlTarget *t)
{
  return sim_model_data_format_string (t->model);
}

static char *
get_allowed_modes (const SimControlTarget *t)
{
  return sim_model_allowed_modes_string (t->model);
}

static char *
get_mbim_max_transfer (const SimControlTarget *t)
{
  return t->mbim ? g_strdup_printf ("%u", sim_mbim_get_max_transfer (t->mbim)) : NULL;
}
static char *
get_mbim_last_command (const SimControlTarget *t)
{
  return t->mbim ? g_strdup (sim_mbim_get_last_command (t->mbim)) : NULL;
}
static char *
get_max_sessions (const SimControlTarget *t)
{
  return g_strdup_printf ("%u", t->model->max_sessions);
}
/* "0,1": the ids of the active sessions. */
static char *
get_sessions (const SimControlTarget *t)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < t->model->sessions->len; i++) {
    const SimSession *session = g_ptr_array_index (t->model->sessions, i);

    g_string_append_printf (out, "%s%u", i ? "," : "", session->id);
  }
  return g_string_free (out, FALSE);
}
static char *
get_ipv4_prefix (const SimControlTarget *t)
{
  return g_strdup_printf ("%u", t->model->ipv4_prefix);
}
static char *
get_ipv4_gateway (const SimControlTarget *t)
{
  return g_strdup (t->model->ipv4_gateway ? t->model->ipv4_gateway : "");
}
static char *
get_ipv4_dns (const SimControlTarget *t)
{
  return g_strjoinv (",", t->model->ipv4_dns);
}
static char *
get_ipv4_mtu (const SimControlTarget *t)
{
  return g_strdup_printf ("%u", t->model->ipv4_mtu);
}
static char *
get_ipv6_prefix (const SimControlTarget *t)
{
  return g_strdup_printf ("%u", t->model->ipv6_prefix);
}
static char *
get_ipv6_gateway (const SimControlTarget *t)
{
  return g_strdup (t->model->ipv6_gateway ? t->model->ipv6_gateway : "");
}
static char *
get_ipv6_dns (const SimControlTarget *t)
{
  return g_strjoinv (",", t->model->ipv6_dns);
}
static char *
get_ipv6_mtu (const SimControlTarget *t)
{
  return g_strdup_printf ("%u", t->model->ipv6_mtu);
}

static char *
get_registration (const SimControlTarget *t)
{
  return g_strdup (sim_reg_state_name (sim_model_get_registration (t->model)));
}

static char *
get_reg_cs (const SimControlTarget *t)
{
  return g_strdup (sim_reg_state_name (t->model->reg[SIM_DOMAIN_CS]));
}
static char *
get_reg_ps (const SimControlTarget *t)
{
  return g_strdup (sim_reg_state_name (t->model->reg[SIM_DOMAIN_PS]));
}
static char *
get_reg_eps (const SimControlTarget *t)
{
  return g_strdup (sim_reg_state_name (t->model->reg[SIM_DOMAIN_EPS]));
}
static char *
get_reg_5gs (const SimControlTarget *t)
{
  return g_strdup (sim_reg_state_name (t->model->reg[SIM_DOMAIN_5GS]));
}

/* "1:IP:internet:active,2:IPV6:ims:inactive" */
static char *
get_contexts (const SimControlTarget *t)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < t->model->contexts->len; i++) {
    const SimContext *ctx = g_ptr_array_index (t->model->contexts, i);

    g_string_append_printf (out, "%s%u:%s:%s:%s", i ? "," : "", ctx->cid, ctx->type, ctx->apn,
                            ctx->active ? "active" : "inactive");
  }
  return g_string_free (out, FALSE);
}

static const struct {
  const char *key;
  GetFunc get;
} getters[] = {
  { "manufacturer", get_manufacturer },
  { "model", get_model },
  { "revision", get_revision },
  { "imei", get_imei },
  { "iccid", get_iccid },
  { "imsi", get_imsi },
  { "spn", get_spn },
  { "pin", get_pin },
  { "puk", get_puk },
  { "pin-retries", get_pin_retries },
  { "puk-retries", get_puk_retries },
  { "sim-lock", get_sim_lock },
  { "pin-enabled", get_pin_enabled },
  { "cfun", get_cfun },
  { "registration", get_registration },
  { "registration-cs", get_reg_cs },
  { "registration-ps", get_reg_ps },
  { "registration-eps", get_reg_eps },
  { "registration-5gs", get_reg_5gs },
  { "operator-code", get_operator_code },
  { "operator-name", get_operator_name },
  { "access-technology", get_tech },
  { "signal", get_signal },
  { "select-mode", get_select_mode },
  { "contexts", get_contexts },
  { "data-mode", get_data_mode },
  { "call-cid", get_call_cid },
  { "data-bytes", get_data_bytes },
  { "last-command", get_last_command },
  { "echo", get_echo },
  { "cmee", get_cmee },
  { "muted", get_muted },
  { "sms-count", get_sms_count },
  { "sms-sent", get_sms_sent },
  { "sms-status", get_sms_status },
  { "own-numbers", get_own_numbers },
  { "mbim-open", get_mbim_open },
  { "mbim-max-transfer", get_mbim_max_transfer },
  { "qmi-clients", get_qmi_clients },
  { "qmi-mux-ids", get_qmi_mux_ids },
  { "qmi-mux-endpoints", get_qmi_mux_endpoints },
  { "wda-endpoint", get_wda_endpoint },
  { "data-format", get_data_format },
  { "allowed-modes", get_allowed_modes },
  { "mbim-last-command", get_mbim_last_command },
  { "max-sessions", get_max_sessions },
  { "sessions", get_sessions },
  { "ipv4-prefix", get_ipv4_prefix },
  { "ipv4-gateway", get_ipv4_gateway },
  { "ipv4-dns", get_ipv4_dns },
  { "ipv4-mtu", get_ipv4_mtu },
  { "ipv6-prefix", get_ipv6_prefix },
  { "ipv6-gateway", get_ipv6_gateway },
  { "ipv6-dns", get_ipv6_dns },
  { "ipv6-mtu", get_ipv6_mtu },
};

static const SimHistory *
history_of (const SimControlTarget *t, const char *key)
{
  if (g_str_has_prefix (key, "mbim-"))
    return t->mbim ? sim_mbim_get_history (t->mbim) : NULL;
  if (g_str_has_prefix (key, "qmi-"))
    return t->qmi ? sim_qmi_get_history (t->qmi) : NULL;
  return t->at ? sim_at_get_history (t->at) : NULL;
}

/* "[mbim-|qmi-]command-count" and "[mbim-|qmi-]command N": what reached
 * the modem. */
static char *
get_history (const SimControlTarget *t, const char *key, const char *arg)
{
  const SimHistory *history = history_of (t, key);
  g_autofree char *entry = NULL;
  guint64 index;

  if (!history)
    return g_strdup_printf ("ERROR '%s' belongs to a port this modem lacks", key);
  if (g_str_has_suffix (key, "-count"))
    return g_strdup_printf ("OK %" G_GUINT64_FORMAT, sim_history_count (history));
  if (!g_ascii_string_to_unsigned (arg, 10, 0, G_MAXUINT64, &index, NULL))
    return g_strdup ("ERROR expected a command index");
  entry = sim_history_describe (history, index);
  if (!entry)
    return g_strdup_printf ("ERROR no command %" G_GUINT64_FORMAT " (kept: the last %u of %" G_GUINT64_FORMAT
                            ")",
                            index, SIM_HISTORY_KEEP, sim_history_count (history));
  return g_strdup_printf ("OK %s", entry);
}

static const char *const history_keys[]
  = { "command-count", "command", "mbim-command-count", "mbim-command", "qmi-command-count",
      "qmi-command",   NULL };

/* "ipv4-address [session]": session 0 unless given. */
static char *
get_address (const SimControlTarget *t, const char *key, const char *arg)
{
  g_autofree char *address = NULL;
  guint64 id = 0;

  if (*arg && !g_ascii_string_to_unsigned (arg, 10, 0, t->model->max_sessions - 1, &id, NULL))
    return g_strdup_printf ("ERROR expected a session 0-%u", t->model->max_sessions - 1);
  address = sim_model_session_address (t->model, (guint)id, key[3] == '6');
  return g_strdup_printf ("OK %s", address);
}

/* "data-format [port]": QMI port 0 (the model's) unless given. */
static char *
get_port_data_format (const SimControlTarget *t, const char *arg)
{
  guint n_extra = t->qmi_extra ? t->qmi_extra->len : 0;
  g_autofree char *format = NULL;
  guint64 port = 0;

  if (!*arg)
    format = sim_model_data_format_string (t->model);
  else if (!g_ascii_string_to_unsigned (arg, 10, 0, n_extra, &port, NULL))
    return g_strdup_printf ("ERROR expected a QMI port 0-%u", n_extra);
  else
    format = port == 0 ? sim_model_data_format_string (t->model)
                       : sim_qmi_get_data_format (g_ptr_array_index (t->qmi_extra, port - 1));
  return g_strdup_printf ("OK %s", format);
}

char *
sim_control_get (const SimControlTarget *t, const char *args)
{
  g_autofree char *key = g_strdup (args);
  char *arg = key + strcspn (key, " ");

  if (*arg)
    *arg++ = '\0';
  g_strstrip (arg);
  if (strcmp (key, "ipv4-address") == 0 || strcmp (key, "ipv6-address") == 0)
    return get_address (t, key, arg);
  if (strcmp (key, "data-format") == 0 && *arg)
    return get_port_data_format (t, arg);
  if (g_strv_contains (history_keys, key))
    return get_history (t, key, arg);
  for (guint i = 0; i < G_N_ELEMENTS (getters); i++) {
    if (g_strcmp0 (getters[i].key, key) == 0) {
      g_autofree char *value = getters[i].get (t);

      if (!value)
        return g_strdup_printf ("ERROR '%s' belongs to a port this modem lacks", key);
      return g_strdup_printf ("OK %s", value);
    }
  }
  return g_strdup_printf ("ERROR unknown key '%s'", key);
}
