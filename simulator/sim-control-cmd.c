/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The control commands: each line is a verb and its arguments, run against
 * the model, the AT and MBIM sessions or their transports, answered with
 * one reply line.
 * The socket serving lives in sim-control.c. */
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

/* "no-carrier [session] [silent]": the network ends one data session (its
 * QMI client, on whichever port, gets the indication), else every call.
 * With "silent" the sessions end without the QMI or MBIM indication, as
 * on a modem that does not report the drop. */
static char *
do_no_carrier (const SimControlTarget *t, const char *args)
{
  g_auto (GStrv) words = g_strsplit_set (args, " ", 0);
  const char *session = NULL;
  gboolean silent = FALSE;
  gboolean dropped = FALSE;
  guint64 id = 0;
  char *reply;

  for (guint i = 0; words[i]; i++) {
    if (!*words[i])
      continue;
    if (strcmp (words[i], "silent") == 0 && !silent)
      silent = TRUE;
    else if (!session)
      session = words[i];
    else
      return g_strdup ("ERROR expected [session] [silent]");
  }
  if (session
      && (!g_ascii_string_to_unsigned (session, 10, 0, G_MAXUINT, &id, NULL)
          || !sim_model_find_session (t->model, (guint)id)))
    return g_strdup ("ERROR no such data session");
  t->model->drops_unreported = silent;
  if (session) {
    sim_model_deactivate_session (t->model, (guint)id, NULL);
    reply = g_strdup ("OK");
  } else {
    /* The network ends the AT data call and every data session. */
    dropped = sim_model_drop_call (t->model);
    dropped = sim_model_drop_sessions (t->model) > 0 || dropped;
    reply = g_strdup (dropped ? "OK" : "ERROR no data call");
  }
  t->model->drops_unreported = FALSE;
  return reply;
}

static char *
do_get (const SimControlTarget *t, const char *args)
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

/* "register <state> [mccmnc [name with spaces]]" */
static char *
do_register (const SimControlTarget *t, const char *args)
{
  g_auto (GStrv) parts = g_strsplit (args, " ", 3);
  SimRegState state;

  if (!parts[0] || !sim_reg_state_from_name (parts[0], &state))
    return g_strdup ("ERROR expected idle|home|searching|denied|roaming|unknown");
  if (parts[1] && !sim_pin_is_valid (parts[1], 5, 6))
    return g_strdup ("ERROR the operator code is 5 or 6 digits");
  if (parts[1])
    sim_model_set_network_operator (t->model, parts[1], parts[2]);
  sim_model_set_network_registration (t->model, state);
  return g_strdup ("OK");
}

static char *
do_signal (const SimControlTarget *t, const char *args)
{
  g_autoptr (GError) error = NULL;
  guint64 rssi;

  if (!g_ascii_string_to_unsigned (args, 10, 0, 99, &rssi, NULL)
      || !sim_model_set_signal (t->model, (guint)rssi, &error))
    return g_strdup ("ERROR expected 0-31 or 99");
  return g_strdup ("OK");
}

/* "traffic RX TX": octets the data sessions received and sent meanwhile. */
static char *
do_traffic (const SimControlTarget *t, const char *args)
{
  g_auto (GStrv) parts = g_strsplit (args, " ", -1);
  guint64 rx, tx;

  if (g_strv_length (parts) != 2 || !g_ascii_string_to_unsigned (parts[0], 10, 0, G_MAXUINT32, &rx, NULL)
      || !g_ascii_string_to_unsigned (parts[1], 10, 0, G_MAXUINT32, &tx, NULL))
    return g_strdup ("ERROR expected RX TX octets");
  t->model->rx_octets += rx;
  t->model->tx_octets += tx;
  return g_strdup ("OK");
}

/* "timezone <minutes> <dst-hours>": the network's NITZ report. */
static char *
do_timezone (const SimControlTarget *t, const char *args)
{
  g_auto (GStrv) parts = g_strsplit (args, " ", -1);
  gint64 minutes;
  guint64 dst;

  if (g_strv_length (parts) != 2 || !g_ascii_string_to_signed (parts[0], 10, -840, 840, &minutes, NULL)
      || !g_ascii_string_to_unsigned (parts[1], 10, 0, 2, &dst, NULL)
      || !sim_model_set_timezone (t->model, (int)minutes, (int)dst, NULL))
    return g_strdup ("ERROR expected <minutes (multiple of 15)> <dst hours 0-2>");
  return g_strdup ("OK");
}

/* "ussd <notify|request|end> [text]": the network sends a USSD message. */
static char *
do_ussd (const SimControlTarget *t, const char *args)
{
  g_autofree char *kind = g_strndup (args, strcspn (args, " "));
  const char *text = args + strlen (kind);
  SimUssdStatus status;

  while (*text == ' ')
    text++;
  if (strcmp (kind, "notify") == 0)
    status = SIM_USSD_DONE;
  else if (strcmp (kind, "request") == 0)
    status = SIM_USSD_ACTION_REQUIRED;
  else if (strcmp (kind, "end") == 0)
    status = SIM_USSD_TERMINATED;
  else
    return g_strdup ("ERROR expected notify|request|end [text]");
  if (strchr (text, '"'))
    return g_strdup ("ERROR the text may not hold quotes");
  sim_model_ussd_network (t->model, status, status == SIM_USSD_TERMINATED || !*text ? NULL : text);
  return g_strdup ("OK");
}

static char *
do_tech (const SimControlTarget *t, const char *args)
{
  SimTech tech;

  if (!sim_tech_from_name (args, &tech))
    return g_strdup ("ERROR expected gsm|gprs|edge|umts|hsdpa|hsupa|hspa|lte|5gnr");
  sim_model_set_tech (t->model, tech);
  return g_strdup ("OK");
}

static char *
do_sms (const SimControlTarget *t, const char *args)
{
  g_autoptr (GError) error = NULL;
  guint index = sim_model_receive_sms (t->model, args, &error);

  if (!index)
    return g_strdup_printf ("ERROR %s", error->message);
  return g_strdup_printf ("OK %u", index);
}

/* sms-fill N / sms-burst N [gap-ms]: OK and the storage entries used. */
static char *
do_sms_generated (const SimControlTarget *t, const char *args, gboolean burst)
{
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) words = g_strsplit (args, " ", 0);
  guint n_words = g_strv_length (words);
  guint64 n = 0, gap = 0;
  guint entries;

  if (n_words < 1 || n_words > (burst ? 2u : 1u)
      || !g_ascii_string_to_unsigned (words[0], 10, 1, 10000, &n, NULL)
      || (n_words == 2 && !g_ascii_string_to_unsigned (words[1], 10, 0, 10000, &gap, NULL)))
    return g_strdup (burst ? "ERROR expected a count of 1-10000 and a gap of 0-10000 ms"
                           : "ERROR expected a count of 1-10000");
  entries = burst ? sim_model_burst_sms (t->model, (guint)n, (guint)gap, &error)
                  : sim_model_fill_sms (t->model, (guint)n, &error);
  if (!entries)
    return g_strdup_printf ("ERROR %s", error->message);
  return g_strdup_printf ("OK %u", entries);
}

static char *
do_status_report (const SimControlTarget *t, const char *args)
{
  g_autoptr (GError) error = NULL;

  if (!sim_model_status_report (t->model, args, &error))
    return g_strdup_printf ("ERROR %s", error->message);
  return g_strdup ("OK");
}

static char *
do_garbage (const SimControlTarget *t, const char *args)
{
  g_autoptr (GString) bytes = g_string_new (NULL);
  gsize len;

  /* Spaces between bytes are allowed: "0d 0a ff". */
  for (const char *p = args; *p; p++) {
    if (*p != ' ')
      g_string_append_c (bytes, *p);
  }
  len = bytes->len;
  if (len == 0 || len % 2 != 0)
    return g_strdup ("ERROR expected hex bytes");
  for (gsize i = 0; i < len; i += 2) {
    int hi = g_ascii_xdigit_value (bytes->str[i]), lo = g_ascii_xdigit_value (bytes->str[i + 1]);

    if (hi < 0 || lo < 0)
      return g_strdup ("ERROR expected hex bytes");
    bytes->str[i / 2] = (char)(hi << 4 | lo);
  }
  if (!t->at)
    return g_strdup ("ERROR no AT port");
  sim_at_send_raw (t->at, bytes->str, len / 2);
  return g_strdup ("OK");
}

static char *
do_mute (const SimControlTarget *t, const char *args)
{
  guint64 answers = 0;

  if (g_str_has_prefix (args, "after ")) {
    if (!g_ascii_string_to_unsigned (args + strlen ("after "), 10, 0, 1000, &answers, NULL))
      return g_strdup ("ERROR expected mute after 0-1000");
    /* Each front end counts the commands it receives. */
    if (t->at)
      sim_at_mute_after (t->at, (guint)answers);
    if (t->mbim)
      sim_mbim_mute_after (t->mbim, (guint)answers);
    if (t->qmi)
      sim_qmi_mute_after (t->qmi, (guint)answers);
    return g_strdup ("OK");
  }
  if (g_strcmp0 (args, "on") != 0 && g_strcmp0 (args, "off") != 0)
    return g_strdup ("ERROR expected on|off|after N");
  /* Every front end at once: the modem as a whole stops answering. */
  if (t->at)
    sim_at_set_muted (t->at, g_strcmp0 (args, "on") == 0);
  if (t->mbim)
    sim_mbim_set_muted (t->mbim, g_strcmp0 (args, "on") == 0);
  if (t->qmi)
    sim_qmi_set_muted (t->qmi, g_strcmp0 (args, "on") == 0);
  for (guint i = 0; t->qmi_extra && i < t->qmi_extra->len; i++)
    sim_qmi_set_muted (g_ptr_array_index (t->qmi_extra, i), g_strcmp0 (args, "on") == 0);
  return g_strdup ("OK");
}

static char *
do_delay (const SimControlTarget *t, const char *args)
{
  guint64 ms = 0;

  if (!g_ascii_string_to_unsigned (args, 10, 0, 10000, &ms, NULL))
    return g_strdup ("ERROR expected a delay of 0-10000 ms");
  if (t->transport)
    sim_transport_set_delay (t->transport, (guint)ms);
  if (t->mbim_transport)
    sim_transport_set_delay (t->mbim_transport, (guint)ms);
  if (t->qmi_transport)
    sim_transport_set_delay (t->qmi_transport, (guint)ms);
  return g_strdup ("OK");
}

char *
sim_control_execute (const SimControlTarget *t, const char *line, SimControlAction *out_action)
{
  g_autofree char *copy = g_strstrip (g_strdup (line));
  char *args = copy + strcspn (copy, " ");

  *out_action = SIM_CONTROL_CONTINUE;
  if (*args)
    *args++ = '\0';
  g_strchug (args);
  if (strcmp (copy, "register") == 0)
    return do_register (t, args);
  if (strcmp (copy, "signal") == 0)
    return do_signal (t, args);
  if (strcmp (copy, "ussd") == 0)
    return do_ussd (t, args);
  if (strcmp (copy, "timezone") == 0)
    return do_timezone (t, args);
  if (strcmp (copy, "access-technology") == 0)
    return do_tech (t, args);
  if (strcmp (copy, "traffic") == 0)
    return do_traffic (t, args);
  if (strcmp (copy, "sms-incoming") == 0)
    return do_sms (t, args);
  if (strcmp (copy, "sms-fill") == 0 || strcmp (copy, "sms-burst") == 0)
    return do_sms_generated (t, args, copy[4] == 'b');
  if (strcmp (copy, "sms-status-report") == 0)
    return do_status_report (t, args);
  if (strcmp (copy, "ring") == 0) {
    sim_model_ring (t->model);
    return g_strdup ("OK");
  }
  if (strcmp (copy, "no-carrier") == 0)
    return do_no_carrier (t, args);
  if (strcmp (copy, "mute") == 0)
    return do_mute (t, args);
  if (strcmp (copy, "delay") == 0)
    return do_delay (t, args);
  if (strcmp (copy, "garbage") == 0)
    return do_garbage (t, args);
  if (strcmp (copy, "unsolicited") == 0) {
    if (!t->at)
      return g_strdup ("ERROR no AT port");
    sim_at_send_unsolicited (t->at, args);
    return g_strdup ("OK");
  }
  if (strcmp (copy, "get") == 0)
    return do_get (t, args);
  if (strcmp (copy, "unplug") == 0 || strcmp (copy, "quit") == 0) {
    /* The port is gone before the client reads OK. */
    if (copy[0] == 'u' && t->transport)
      sim_transport_unplug (t->transport);
    if (copy[0] == 'u' && t->mbim_transport)
      sim_transport_unplug (t->mbim_transport);
    if (copy[0] == 'u' && t->qmi_transport)
      sim_transport_unplug (t->qmi_transport);
    for (guint i = 0; copy[0] == 'u' && t->qmi_extra_transports && i < t->qmi_extra_transports->len; i++)
      sim_transport_unplug (g_ptr_array_index (t->qmi_extra_transports, i));
    *out_action = SIM_CONTROL_QUIT;
    return g_strdup ("OK");
  }
  return g_strdup_printf ("ERROR unknown command '%s'", copy);
}
