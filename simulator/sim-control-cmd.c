/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The control commands: each line is a verb and its arguments, run against
 * the model, the AT and MBIM sessions or their transports, answered with
 * one reply line. "get" is sim-control-get.c's; the socket serving lives in
 * sim-control.c. */
#include "sim-control.h"

#include <string.h>

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

/* "sim remove|insert" */
static char *
do_sim (const SimControlTarget *t, const char *args)
{
  g_autoptr (GError) error = NULL;

  if (strcmp (args, "remove") != 0 && strcmp (args, "insert") != 0)
    return g_strdup ("ERROR expected remove or insert");
  if (!sim_model_set_card_present (t->model, args[0] == 'i', &error))
    return g_strdup_printf ("ERROR %s", error->message);
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
  if (strcmp (copy, "sim") == 0)
    return do_sim (t, args);
  if (strcmp (copy, "reset") == 0) {
    if (*args)
      return g_strdup ("ERROR reset takes no argument");
    /* The front ends first, so the model's events reach them reset. */
    if (t->at)
      sim_at_restart (t->at);
    if (t->mbim)
      sim_mbim_restart (t->mbim);
    sim_model_restart (t->model);
    return g_strdup ("OK");
  }
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
    return sim_control_get (t, args);
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
