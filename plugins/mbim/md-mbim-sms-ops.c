/* SPDX-License-Identifier: GPL-2.0-or-later */
/* SMS ops over the MBIM SMS service (PDU format): Configuration says the
 * store is ready, Read lists or reads one message, Delete, Send (one
 * request per part), and the Message Store Status and Read indications
 * bring new messages. MBIM has one message store, published as "MT" as
 * ModemManager does; it has no way to write a message, so Store is not
 * offered. PDUs are decoded and encoded by src/parse; core hands the parts
 * to Send one at a time. */
#include "md-errors.h"
#include "md-log.h"
#include "md-mbim-arrays.h"
#include "md-mbim-ops.h"
#include "md-sms-pdu-entry.h"

#define SMS_STORAGE MD_SMS_STORAGE_MT

static MdSmsState
state_of_status (MbimSmsStatus status)
{
  switch (status) {
  case MBIM_SMS_STATUS_NEW:
  case MBIM_SMS_STATUS_OLD: return MD_SMS_STATE_RECEIVED;
  case MBIM_SMS_STATUS_DRAFT: return MD_SMS_STATE_STORED;
  case MBIM_SMS_STATUS_SENT: return MD_SMS_STATE_SENT;
  }
  return MD_SMS_STATE_UNKNOWN;
}

/* The records of a Read answer or indication as entries (undecodable ones
 * logged and left out); NULL after setting error for a malformed message. */
static GPtrArray *
records_to_entries (MdModem *modem, MbimMessage *message, gboolean notification, GError **error)
{
  g_autoptr (MbimSmsPduReadRecordArray) records = NULL;
  GError *parse_error = NULL;
  guint32 count = 0;
  GPtrArray *entries;
  gboolean ok;

  if (!md_mbim_check_sms_read (message, error))
    return NULL;
  ok = notification
         ? mbim_message_sms_read_notification_parse (message, NULL, &count, &records, NULL, &parse_error)
         : mbim_message_sms_read_response_parse (message, NULL, &count, &records, NULL, &parse_error);
  if (!ok) {
    *error = md_mbim_protocol_error (parse_error, "Invalid SMS read answer");
    return NULL;
  }
  entries = g_ptr_array_new_with_free_func ((GDestroyNotify)md_sms_entry_free);
  for (guint32 i = 0; records && i < count && records[i]; i++) {
    const MbimSmsPduReadRecord *record = records[i];
    MdSmsEntry *entry
      = md_sms_entry_from_pdu (modem, record->pdu_data, record->pdu_data_size, SMS_STORAGE,
                               record->message_index, state_of_status (record->message_status));

    if (entry)
      g_ptr_array_add (entries, entry);
  }
  return entries;
}

/* --- enable, storages ------------------------------------------------------ */

static void
parse_configuration (MdModem *modem, MbimMessage *response, GTask *task)
{
  MbimSmsStorageState state = MBIM_SMS_STORAGE_STATE_NOT_INITIALIZED;
  MbimSmsFormat format = MBIM_SMS_FORMAT_PDU;
  GError *error = NULL;

  if (!mbim_message_sms_configuration_response_parse (response, &state, &format, NULL, NULL, NULL, &error)) {
    g_task_return_error (task, md_mbim_protocol_error (error, "Invalid SMS configuration"));
    return;
  }
  if (state != MBIM_SMS_STORAGE_STATE_INITIALIZED || format != MBIM_SMS_FORMAT_PDU) {
    g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_WRONG_STATE,
                             "The SMS store is not ready in PDU format");
    return;
  }
  g_task_return_boolean (task, TRUE);
}

static void
mbim_enable (MdModem *modem, GTask *task)
{
  GError *error = NULL;
  MbimMessage *request = mbim_message_sms_configuration_query_new (&error);

  md_mbim_op (modem, task, request, error, MD_MBIM_TIMEOUT_S, parse_configuration);
}

static void
mbim_load_storages (MdModem *modem, GTask *task)
{
  g_task_return_int (task, 1 << SMS_STORAGE);
  g_object_unref (task);
}

/* --- list, read, delete ---------------------------------------------------- */

static void
parse_list (MdModem *modem, MbimMessage *response, GTask *task)
{
  GError *error = NULL;
  GPtrArray *entries = records_to_entries (modem, response, FALSE, &error);

  if (!entries)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, entries, (GDestroyNotify)g_ptr_array_unref);
}

static void
mbim_list (MdModem *modem, MdSmsStorage storage, GTask *task)
{
  GError *error = NULL;
  MbimMessage *request = mbim_message_sms_read_query_new (MBIM_SMS_FORMAT_PDU, MBIM_SMS_FLAG_ALL, 0, &error);

  md_mbim_op (modem, task, request, error, MD_MBIM_TIMEOUT_S, parse_list);
}

static void
parse_read (MdModem *modem, MbimMessage *response, GTask *task)
{
  GError *error = NULL;
  g_autoptr (GPtrArray) entries = records_to_entries (modem, response, FALSE, &error);

  if (!entries)
    g_task_return_error (task, error);
  else if (entries->len != 1)
    g_task_return_new_error (task, MD_MESSAGE_ERROR, MD_MESSAGE_ERROR_INVALID_PDU_PARAMETER,
                             "The stored message could not be read");
  else
    g_task_return_pointer (task, g_ptr_array_steal_index (entries, 0), (GDestroyNotify)md_sms_entry_free);
}

static void
mbim_read (MdModem *modem, MdSmsStorage storage, guint index, GTask *task)
{
  GError *error = NULL;
  MbimMessage *request
    = mbim_message_sms_read_query_new (MBIM_SMS_FORMAT_PDU, MBIM_SMS_FLAG_INDEX, index, &error);

  md_mbim_op (modem, task, request, error, MD_MBIM_TIMEOUT_S, parse_read);
}

static void
parse_nothing (MdModem *modem, MbimMessage *response, GTask *task)
{
  g_task_return_boolean (task, TRUE);
}

static void
mbim_delete_part (MdModem *modem, MdSmsStorage storage, guint index, GTask *task)
{
  GError *error = NULL;
  MbimMessage *request = mbim_message_sms_delete_set_new (MBIM_SMS_FLAG_INDEX, index, &error);

  md_mbim_op (modem, task, request, error, MD_MBIM_TIMEOUT_S, parse_nothing);
}

/* --- send ------------------------------------------------------------------ */

static void
parse_sent (MdModem *modem, MbimMessage *response, GTask *task)
{
  GError *error = NULL;
  guint32 reference = 0;

  if (!mbim_message_sms_send_response_parse (response, &reference, &error))
    g_task_return_error (task, md_mbim_protocol_error (error, "Invalid SMS send answer"));
  else
    g_task_return_int (task, reference);
}

/* One part (an MdSmsPdu* of md_sms_request_encode) per Send request. */
static void
mbim_send_part (MdModem *modem, gconstpointer part, GTask *task)
{
  const MdSmsPdu *pdu = part;
  GError *error = NULL;
  MbimSmsPduSendRecord record;
  gsize size;
  MbimMessage *request;

  record.pdu_data = (guint8 *)g_bytes_get_data (pdu->pdu, &size);
  record.pdu_data_size = (guint32)size;
  request = mbim_message_sms_send_set_new (MBIM_SMS_FORMAT_PDU, &record, NULL, &error);
  md_mbim_op (modem, task, request, error, MD_MBIM_TIMEOUT_NETWORK_S, parse_sent);
}

/* --- indications ----------------------------------------------------------- */

static void
new_message_read (GObject *source, GAsyncResult *result, gpointer user_data)
{
  MdModem *modem = MD_MODEM (source);
  g_autoptr (GError) error = NULL;
  MdSmsEntry *entry = g_task_propagate_pointer (G_TASK (result), &error);

  if (!entry) {
    md_log_warn (md_modem_get_log_name (modem), "reading a new message failed: %s", error->message);
    return;
  }
  md_modem_sms_take_part (modem, entry);
}

void
md_mbim_sms_indication (MdModem *modem, MbimMessage *message)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries = NULL;
  MbimSmsStatusFlag flag = MBIM_SMS_STATUS_FLAG_NONE;
  guint32 index = 0;

  /* Messages come only once the modem was enabled (the store is ready). */
  if (md_modem_get_state (modem) < MD_MODEM_STATE_ENABLED)
    return;
  switch ((MbimCidSms)mbim_message_indicate_status_get_cid (message)) {
  case MBIM_CID_SMS_MESSAGE_STORE_STATUS:
    if (!mbim_message_sms_message_store_status_notification_parse (message, &flag, &index, &error)) {
      md_log_debug (md_modem_get_log_name (modem), "ignoring SMS store status: %s", error->message);
      return;
    }
    if (flag & MBIM_SMS_STATUS_FLAG_NEW_MESSAGE)
      mbim_read (modem, SMS_STORAGE, index, g_task_new (modem, NULL, new_message_read, NULL));
    return;
  case MBIM_CID_SMS_READ:
    entries = records_to_entries (modem, message, TRUE, &error);
    if (!entries) {
      md_log_debug (md_modem_get_log_name (modem), "ignoring SMS read indication: %s", error->message);
      return;
    }
    for (guint i = 0; i < entries->len; i++)
      md_modem_sms_take_part (modem, g_ptr_array_steal_index (entries, i--));
    return;
  case MBIM_CID_SMS_UNKNOWN:
  case MBIM_CID_SMS_CONFIGURATION:
  case MBIM_CID_SMS_SEND:
  case MBIM_CID_SMS_DELETE: break;
  }
  md_log_debug (md_modem_get_log_name (modem), "ignored SMS indication");
}

const MdModemSmsOps md_mbim_sms_ops = {
  .enable = mbim_enable,
  .load_storages = mbim_load_storages,
  .list = mbim_list,
  .read = mbim_read,
  .delete_part = mbim_delete_part,
  .encode = md_sms_request_encode,
  .send_part = mbim_send_part,
};
