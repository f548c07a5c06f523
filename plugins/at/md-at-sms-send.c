/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Sending (+CMGS) and storing (+CMGW) in PDU mode: the message is encoded
 * and split by src/parse, and each part goes out through the AT port's
 * "> " prompt flow. The caller's number and text only ever travel inside
 * the hex PDU, never as command text. */
#include "md-at-sms-private.h"

#include "md-at-op.h"
#include "md-at-sms.h"
#include "md-errors.h"
#include "md-hex.h"
#include "md-log.h"
#include "md-sms-pdu-entry.h"

typedef struct {
  GPtrArray *pdus; /* MdSmsPdu* */
  guint next;
  gboolean store;
  GArray *results; /* guint: message references or indexes */
} PartsContext;

static void
parts_context_free (PartsContext *ctx)
{
  g_ptr_array_unref (ctx->pdus);
  g_array_unref (ctx->results);
  g_free (ctx);
}

static void send_next (GTask *task);

static void
part_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  PartsContext *ctx = g_task_get_task_data (task);
  GError *error = NULL;
  g_autofree char *response = md_at_port_command_with_payload_finish (MD_AT_PORT (source), result, &error);
  guint value;

  if (response
      && !md_at_parse_sms_number (response, ctx->store ? "+CMGW:" : "+CMGS:", ctx->store ? G_MAXUINT16 : 255,
                                  &value, &error))
    g_clear_pointer (&response, g_free);
  if (!response) {
    g_task_return_error (task, error);
    g_object_unref (task);
    return;
  }
  g_array_append_val (ctx->results, value);
  send_next (task);
}

static void
send_next (GTask *task)
{
  PartsContext *ctx = g_task_get_task_data (task);
  MdModem *modem = g_task_get_source_object (task);
  GError *error = NULL;
  MdAtPort *port;
  const MdSmsPdu *pdu;
  g_autofree char *command = NULL, *hex = NULL;
  gsize size;
  const guint8 *bytes;

  if (ctx->next == ctx->pdus->len) {
    g_task_return_pointer (task, g_array_ref (ctx->results), (GDestroyNotify)g_array_unref);
    g_object_unref (task);
    return;
  }
  port = md_at_modem_control_port (modem, &error);
  if (!port) {
    g_task_return_error (task, error);
    g_object_unref (task);
    return;
  }
  pdu = g_ptr_array_index (ctx->pdus, ctx->next++);
  bytes = g_bytes_get_data (pdu->pdu, &size);
  hex = md_hex_encode (bytes, size);
  /* Stored parts are "STO UNSENT" (2). */
  command = ctx->store ? g_strdup_printf ("AT+CMGW=%u,2", pdu->tpdu_len)
                       : g_strdup_printf ("AT+CMGS=%u", pdu->tpdu_len);
  md_at_port_command_with_payload (port, command, hex, MD_AT_SMS_SEND_TIMEOUT_MS,
                                   g_task_get_cancellable (task), part_ready, task);
}

/* The task's context with every part encoded; FALSE after failing task. */
static gboolean
prepare_parts (MdModem *modem, const MdSmsRequest *request, gboolean store, GTask *task)
{
  GError *error = NULL;
  GPtrArray *pdus = md_sms_request_encode (request, &error);
  PartsContext *ctx;

  if (!pdus) {
    g_task_return_error (task, error);
    g_object_unref (task);
    return FALSE;
  }
  ctx = g_new0 (PartsContext, 1);
  ctx->pdus = pdus;
  ctx->store = store;
  ctx->results = g_array_new (FALSE, FALSE, sizeof (guint));
  g_task_set_task_data (task, ctx, (GDestroyNotify)parts_context_free);
  md_log_debug (md_modem_get_log_name (modem), "SMS to %s in %u part(s)", md_log_personal (request->number),
                pdus->len);
  return TRUE;
}

void
md_at_sms_send (MdModem *modem, const MdSmsRequest *request, GTask *task)
{
  if (prepare_parts (modem, request, FALSE, task))
    send_next (task);
}

static void
store_select_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  GError *error = NULL;
  g_autofree char *response = md_at_modem_command_finish (MD_MODEM (source), result, &error);

  if (!response) {
    g_task_return_error (task, error);
    g_object_unref (task);
    return;
  }
  send_next (task);
}

/* +CMGW writes into <mem2>: name storage there first. */
void
md_at_sms_store (MdModem *modem, const MdSmsRequest *request, MdSmsStorage storage, GTask *task)
{
  const char *name = md_at_sms_storage_name (storage);
  g_autofree char *command = NULL;

  if (!name) {
    g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED, "No such SMS storage");
    g_object_unref (task);
    return;
  }
  if (!prepare_parts (modem, request, TRUE, task))
    return;
  command = g_strdup_printf ("AT+CPMS=\"%s\",\"%s\"", name, name);
  md_at_modem_command (modem, command, MD_AT_TIMEOUT_SHORT_MS, g_task_get_cancellable (task),
                       store_select_ready, task);
}
