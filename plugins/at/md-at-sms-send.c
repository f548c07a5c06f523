/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Sending (+CMGS) and storing (+CMGW) one part in PDU mode through the AT
 * port's "> " prompt flow, and sending a stored part (+CMSS); core's
 * md-modem-sms-parts.c loops over the parts that src/parse encoded. The
 * caller's number and text only ever travel inside the hex PDU, never as
 * command text. */
#include "md-at-sms-private.h"

#include "md-at-op.h"
#include "md-at-sms.h"
#include "md-errors.h"
#include "md-hex.h"
#include "md-modem-sms.h"

/* Answers task (consumed) with the number response (NULL: error) carries
 * after prefix: a message reference (0-255) for +CMGS and +CMSS, a
 * storage index for +CMGW. */
static void
return_number (GTask *task, const char *response, GError *error, const char *prefix, guint max)
{
  guint value;

  if (response && md_at_parse_sms_number (response, prefix, max, &value, &error))
    g_task_return_int (task, value);
  else
    g_task_return_error (task, error);
  g_object_unref (task);
}

static void
part_ready (GObject *source, GAsyncResult *result, GTask *task, const char *prefix, guint max)
{
  GError *error = NULL;
  g_autofree char *response = md_at_port_command_with_payload_finish (MD_AT_PORT (source), result, &error);

  return_number (task, response, error, prefix, max);
}

static void
sent_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  part_ready (source, result, user_data, "+CMGS:", 255);
}

static void
written_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  part_ready (source, result, user_data, "+CMGW:", G_MAXUINT16);
}

static void
send_or_write (MdModem *modem, const MdSmsPdu *pdu, gboolean store, GTask *task)
{
  GError *error = NULL;
  MdAtPort *port = md_at_modem_control_port (modem, &error);
  g_autofree char *command = NULL, *hex = NULL;
  gsize size;
  const guint8 *bytes;

  if (!port) {
    g_task_return_error (task, error);
    g_object_unref (task);
    return;
  }
  bytes = g_bytes_get_data (pdu->pdu, &size);
  hex = md_hex_encode (bytes, size);
  /* Stored parts are "STO UNSENT" (2). */
  command
    = store ? g_strdup_printf ("AT+CMGW=%u,2", pdu->tpdu_len) : g_strdup_printf ("AT+CMGS=%u", pdu->tpdu_len);
  md_at_port_command_with_payload (port, command, hex, MD_AT_SMS_SEND_TIMEOUT_MS,
                                   g_task_get_cancellable (task), store ? written_ready : sent_ready, task);
}

void
md_at_sms_send_part (MdModem *modem, gconstpointer part, GTask *task)
{
  send_or_write (modem, part, FALSE, task);
}

/* +CMGW writes into <mem2>: name storage there first. */
void
md_at_sms_store_begin (MdModem *modem, MdSmsStorage storage, GTask *task)
{
  g_autofree char *command = md_at_sms_cpms_command (storage, 2);

  if (!command) {
    md_sms_task_return_no_storage (task);
    return;
  }
  md_at_op_boolean (modem, task, command, MD_AT_TIMEOUT_SHORT_MS);
}

void
md_at_sms_store_part (MdModem *modem, gconstpointer part, MdSmsStorage storage, GTask *task)
{
  send_or_write (modem, part, TRUE, task);
}

static void
stored_sent_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GError *error = NULL;
  g_autofree char *response = md_at_modem_command_finish (MD_MODEM (source), result, &error);

  return_number (user_data, response, error, "+CMSS:", 255);
}

static void
stored_select_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  GError *error = NULL;
  g_autofree char *response = md_at_modem_command_finish (MD_MODEM (source), result, &error);
  g_autofree char *command = NULL;

  if (!response) {
    g_task_return_error (task, error);
    g_object_unref (task);
    return;
  }
  command = g_strdup_printf ("AT+CMSS=%u", GPOINTER_TO_UINT (g_task_get_task_data (task)));
  md_at_modem_command (MD_MODEM (source), command, MD_AT_SMS_SEND_TIMEOUT_MS, g_task_get_cancellable (task),
                       stored_sent_ready, task);
}

/* +CMSS sends from <mem2>: name storage there first. */
void
md_at_sms_send_stored (MdModem *modem, MdSmsStorage storage, guint index, GTask *task)
{
  g_autofree char *command = md_at_sms_cpms_command (storage, 2);

  if (!command) {
    md_sms_task_return_no_storage (task);
    return;
  }
  g_task_set_task_data (task, GUINT_TO_POINTER (index), NULL);
  md_at_modem_command (modem, command, MD_AT_TIMEOUT_SHORT_MS, g_task_get_cancellable (task),
                       stored_select_ready, task);
}
