/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Network ops over AT: registration reports (+CREG/+CGREG/+CEREG/+C5GREG,
 * unsolicited and polled), operator (+COPS?), selection (+COPS=0/1), scan
 * (+COPS=?) and signal (+CSQ). */
#include "md-at-ops.h"

#include "md-at-3gpp.h"
#include "md-at-op.h"
#include "md-at-quote.h"
#include "md-errors.h"
#include "md-log.h"

/* Registering and scanning wait on the network, not the modem. */
#define REGISTER_TIMEOUT_MS 120000

static const char *const registration_prefixes[] = { "+CREG:", "+CGREG:", "+CEREG:", "+C5GREG:", NULL };

static void
feed_registration (MdModem *modem, const char *line)
{
  MdAtRegistration reg;
  MdCellLocation location = { 0 };
  g_autoptr (GError) error = NULL;

  if (!md_at_parse_registration (line, &reg, &error)) {
    md_log_debug (md_modem_get_log_name (modem), "ignoring registration report: %s", error->message);
    return;
  }
  if (reg.has_location) {
    if (reg.domain == MD_AT_REG_CS || reg.domain == MD_AT_REG_PS)
      location.lac = reg.lac;
    else
      location.tac = reg.lac;
    location.cell_id = reg.cell_id;
  }
  /* MdAtRegDomain and MdRegDomain list the domains in the same order. */
  md_modem_update_registration (modem, (MdRegDomain)reg.domain, reg.state,
                                reg.has_location ? &location : NULL, reg.access_technology);
}

static void
registration_report (MdAtPort *port, const char *line, gpointer user_data)
{
  GWeakRef *modem_ref = user_data;
  g_autoptr (MdModem) modem = g_weak_ref_get (modem_ref);

  if (modem)
    feed_registration (modem, line);
}

static void
at_setup_unsolicited (MdModem *modem, GTask *task)
{
  GError *error = NULL;
  MdAtPort *port = md_at_modem_control_port (modem, &error);

  if (!port) {
    g_task_return_error (task, error);
    g_object_unref (task);
    return;
  }
  for (guint i = 0; registration_prefixes[i]; i++)
    md_at_port_add_unsolicited_handler (port, registration_prefixes[i], registration_report,
                                        md_at_weak_ref_new (modem), md_at_weak_ref_free);
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static const char *const enable_commands[] = { "AT+CREG=2", "AT+CGREG=2", "AT+CEREG=2", NULL };
static const char *const disable_commands[] = { "AT+CREG=0", "AT+CGREG=0", "AT+CEREG=0", NULL };
static const char *const poll_commands[] = { "AT+CREG?", "AT+CGREG?", "AT+CEREG?", NULL };

static void
at_enable_unsolicited (MdModem *modem, GTask *task)
{
  md_at_op_sequence (modem, task, enable_commands, MD_AT_TIMEOUT_SHORT_MS, FALSE, NULL, NULL);
}

static void
at_disable_unsolicited (MdModem *modem, GTask *task)
{
  md_at_op_sequence (modem, task, disable_commands, MD_AT_TIMEOUT_SHORT_MS, FALSE, NULL, NULL);
}

static void
poll_response (MdModem *modem, guint index, const char *response, gpointer data)
{
  g_auto (GStrv) lines = g_strsplit_set (response, "\r\n", -1);

  for (guint i = 0; lines[i]; i++) {
    if (*lines[i])
      feed_registration (modem, lines[i]);
  }
}

static void
at_poll_registration (MdModem *modem, GTask *task)
{
  md_at_op_sequence (modem, task, poll_commands, MD_AT_TIMEOUT_SHORT_MS, FALSE, poll_response, NULL);
}

/* Operator: the numeric code, then the long name, each with its +COPS=3. */
static const char *const operator_commands[] = { "AT+COPS=3,2", "AT+COPS?", "AT+COPS=3,0", "AT+COPS?", NULL };

typedef struct {
  MdNetwork *network;
} OperatorContext;

static void
operator_context_free (gpointer data)
{
  OperatorContext *ctx = data;

  md_network_free (ctx->network);
  g_free (ctx);
}

static void
operator_response (MdModem *modem, guint index, const char *response, gpointer data)
{
  MdNetwork *network = ((OperatorContext *)data)->network;
  g_autofree char *name = NULL;
  guint format = 0;
  guint32 act = 0;

  if (index != 1 && index != 3)
    return;
  if (!md_at_parse_cops_query (response, &format, &name, &act, NULL) || !name)
    return;
  if (index == 1 && format == 2) {
    g_free (network->code);
    network->code = g_steal_pointer (&name);
  } else if (index == 3 && format != 2) {
    g_free (network->long_name);
    network->long_name = g_steal_pointer (&name);
  }
  if (act)
    network->access_technology = act;
}

static void
operator_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  OperatorContext *ctx = g_task_get_task_data (task);
  MdNetwork *network = ctx->network;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error)) {
    g_task_return_error (task, error);
    return;
  }
  if (!network->code && !network->long_name) {
    g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "No current operator");
    return;
  }
  g_task_return_pointer (task, g_steal_pointer (&ctx->network), (GDestroyNotify)md_network_free);
}

static void
at_load_operator (MdModem *modem, GTask *task)
{
  OperatorContext *ctx = g_new0 (OperatorContext, 1);
  GTask *sequence = g_task_new (modem, g_task_get_cancellable (task), operator_ready, task);

  ctx->network = g_new0 (MdNetwork, 1);
  g_task_set_task_data (task, ctx, operator_context_free);
  md_at_op_sequence (modem, sequence, operator_commands, MD_AT_TIMEOUT_SHORT_MS, FALSE, operator_response,
                     ctx);
}

static void
at_register_network (MdModem *modem, const char *operator_id, GTask *task)
{
  GError *error = NULL;
  g_autofree char *quoted = NULL;
  g_autofree char *command = NULL;

  if (!operator_id || !*operator_id) {
    md_at_op_boolean (modem, task, "AT+COPS=0", REGISTER_TIMEOUT_MS);
    return;
  }
  quoted = md_at_quote (operator_id, &error);
  if (!quoted) {
    g_task_return_error (task, error);
    g_object_unref (task);
    return;
  }
  command = g_strconcat ("AT+COPS=1,2,", quoted, NULL);
  md_at_op_boolean (modem, task, command, REGISTER_TIMEOUT_MS);
}

static MdModem3gppNetworkAvailability
availability_from_status (guint status)
{
  switch (status) {
  case 1: return MD_MODEM_3GPP_NETWORK_AVAILABILITY_AVAILABLE;
  case 2: return MD_MODEM_3GPP_NETWORK_AVAILABILITY_CURRENT;
  case 3: return MD_MODEM_3GPP_NETWORK_AVAILABILITY_FORBIDDEN;
  default: return MD_MODEM_3GPP_NETWORK_AVAILABILITY_UNKNOWN;
  }
}

static gpointer
parse_scan (const char *response, GError **error)
{
  g_autoptr (GPtrArray) found = md_at_parse_cops_test (response, error);
  GPtrArray *networks;

  if (!found)
    return NULL;
  networks = g_ptr_array_new_with_free_func ((GDestroyNotify)md_network_free);
  for (guint i = 0; i < found->len; i++) {
    MdAtNetwork *at = g_ptr_array_index (found, i);
    MdNetwork *network = g_new0 (MdNetwork, 1);

    network->code = g_strdup (at->code);
    network->long_name = g_strdup (at->long_name);
    network->short_name = g_strdup (at->short_name);
    network->availability = availability_from_status (at->status);
    network->access_technology = at->access_technology;
    g_ptr_array_add (networks, network);
  }
  return networks;
}

static void
at_scan (MdModem *modem, GTask *task)
{
  md_at_op_pointer (modem, task, "AT+COPS=?", MD_AT_TIMEOUT_SCAN_MS, parse_scan,
                    (GDestroyNotify)g_ptr_array_unref);
}

static gboolean
parse_csq (const char *response, gssize *out, GError **error)
{
  guint percent;

  if (!md_at_parse_csq (response, &percent, error))
    return FALSE;
  *out = percent;
  return TRUE;
}

static void
at_load_signal_quality (MdModem *modem, GTask *task)
{
  md_at_op_int (modem, task, "AT+CSQ", MD_AT_TIMEOUT_SHORT_MS, parse_csq);
}

/* +CREG=2 / +CEREG=2 (enable_unsolicited) bring LAC/TAC and cell id with
 * every registration report: that is the 3GPP location. */
const MdModemLocationOps md_at_location_ops = {
  .sources = MD_MODEM_LOCATION_SOURCE_3GPP_LAC_CI,
};

const MdModemNetregOps md_at_netreg_ops = {
  .setup_unsolicited = at_setup_unsolicited,
  .enable_unsolicited = at_enable_unsolicited,
  .disable_unsolicited = at_disable_unsolicited,
  .poll_registration = at_poll_registration,
  .load_operator = at_load_operator,
  .register_network = at_register_network,
  .scan = at_scan,
  .load_signal_quality = at_load_signal_quality,
};
