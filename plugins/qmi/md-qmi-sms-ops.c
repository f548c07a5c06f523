/* SPDX-License-Identifier: GPL-2.0-or-later */
/* SMS ops over QMI WMS (3GPP point-to-point PDUs, SMSC field first): Set
 * Event Report at enable, Set Routes to the default storage, List Messages
 * + Raw Read per storage (UIM as "sm", NV as "me", as ModemManager maps
 * them; a message read while tagged MT_NOT_READ is tagged MT_READ with
 * Modify Tag), Delete, Raw Send / Raw Write per part, Send From Memory
 * Storage for a stored message's parts, and the Event Report
 * indication: a stored message is read and handed to core, a routed status
 * report decoded as it comes. PDUs go through src/parse's codec only. */
#include "md-errors.h"
#include "md-log.h"
#include "md-modem-sms.h"
#include "md-qmi-ops.h"
#include "md-sms-pdu-entry.h"

MD_QMI_REQUEST_IN (wms_event_report, QMI_SERVICE_WMS, QMI_CLIENT_WMS, wms_set_event_report,
                   "WMS Set Event Report");
MD_QMI_REQUEST_IN (wms_routes, QMI_SERVICE_WMS, QMI_CLIENT_WMS, wms_set_routes, "WMS Set Routes");
MD_QMI_REQUEST_IN (wms_list, QMI_SERVICE_WMS, QMI_CLIENT_WMS, wms_list_messages, "WMS List Messages");
MD_QMI_REQUEST_IN (wms_read, QMI_SERVICE_WMS, QMI_CLIENT_WMS, wms_raw_read, "WMS Raw Read");
MD_QMI_REQUEST_IN (wms_modify_tag, QMI_SERVICE_WMS, QMI_CLIENT_WMS, wms_modify_tag, "WMS Modify Tag");
MD_QMI_REQUEST_IN (wms_delete, QMI_SERVICE_WMS, QMI_CLIENT_WMS, wms_delete, "WMS Delete");
MD_QMI_REQUEST_IN (wms_send, QMI_SERVICE_WMS, QMI_CLIENT_WMS, wms_raw_send, "WMS Raw Send");
MD_QMI_REQUEST_IN (wms_send_stored, QMI_SERVICE_WMS, QMI_CLIENT_WMS, wms_send_from_memory_storage,
                   "WMS Send From Memory Storage");
MD_QMI_REQUEST_IN (wms_write, QMI_SERVICE_WMS, QMI_CLIENT_WMS, wms_raw_write, "WMS Raw Write");

static gboolean
qmi_storage (MdSmsStorage storage, QmiWmsStorageType *out)
{
  switch (storage) {
  case MD_SMS_STORAGE_SM: *out = QMI_WMS_STORAGE_TYPE_UIM; return TRUE;
  case MD_SMS_STORAGE_ME: *out = QMI_WMS_STORAGE_TYPE_NV; return TRUE;
  case MD_SMS_STORAGE_UNKNOWN:
  case MD_SMS_STORAGE_MT:
  case MD_SMS_STORAGE_SR:
  case MD_SMS_STORAGE_BM:
  case MD_SMS_STORAGE_TA: break;
  }
  return FALSE;
}

static MdSmsStorage
storage_of (QmiWmsStorageType storage)
{
  switch (storage) {
  case QMI_WMS_STORAGE_TYPE_UIM: return MD_SMS_STORAGE_SM;
  case QMI_WMS_STORAGE_TYPE_NV: return MD_SMS_STORAGE_ME;
  case QMI_WMS_STORAGE_TYPE_NONE: break;
  }
  return MD_SMS_STORAGE_UNKNOWN;
}

static MdSmsState
state_of_tag (QmiWmsMessageTagType tag)
{
  switch (tag) {
  case QMI_WMS_MESSAGE_TAG_TYPE_MT_READ:
  case QMI_WMS_MESSAGE_TAG_TYPE_MT_NOT_READ: return MD_SMS_STATE_RECEIVED;
  case QMI_WMS_MESSAGE_TAG_TYPE_MO_SENT: return MD_SMS_STATE_SENT;
  case QMI_WMS_MESSAGE_TAG_TYPE_MO_NOT_SENT: return MD_SMS_STATE_STORED;
  }
  return MD_SMS_STATE_UNKNOWN;
}

static gboolean
no_storage (MdSmsStorage storage, QmiWmsStorageType *out, GTask *task)
{
  if (qmi_storage (storage, out))
    return FALSE;
  md_sms_task_return_no_storage (task);
  return TRUE;
}

static void
parse_nothing (MdModem *modem, gpointer output, GTask *task)
{
  g_task_return_boolean (task, TRUE);
}

/* --- enable, storages ------------------------------------------------------ */

static void
set_event_report (MdModem *modem, gboolean enable, GTask *task)
{
  QmiMessageWmsSetEventReportInput *input = qmi_message_wms_set_event_report_input_new ();

  qmi_message_wms_set_event_report_input_set_new_mt_message_indicator (input, enable, NULL);
  md_qmi_op (modem, &wms_event_report, input, 0, task, parse_nothing);
}

static void
qmi_enable (MdModem *modem, GTask *task)
{
  set_event_report (modem, TRUE, task);
}

static void
qmi_disable (MdModem *modem, GTask *task)
{
  set_event_report (modem, FALSE, task);
}

static void
qmi_load_storages (MdModem *modem, GTask *task)
{
  g_task_return_int (task, 1 << MD_SMS_STORAGE_SM | 1 << MD_SMS_STORAGE_ME);
  g_object_unref (task);
}

/* New messages of every class are stored in storage and announced; status
 * reports come to us directly, as ModemManager routes them. */
static void
qmi_set_default_storage (MdModem *modem, MdSmsStorage storage, GTask *task)
{
  static const QmiWmsMessageClass classes[]
    = { QMI_WMS_MESSAGE_CLASS_0, QMI_WMS_MESSAGE_CLASS_1, QMI_WMS_MESSAGE_CLASS_2, QMI_WMS_MESSAGE_CLASS_3,
        QMI_WMS_MESSAGE_CLASS_NONE };
  QmiWmsStorageType qmi;
  QmiMessageWmsSetRoutesInput *input;
  g_autoptr (GArray) routes = NULL;

  if (no_storage (storage, &qmi, task))
    return;
  routes = g_array_new (FALSE, TRUE, sizeof (QmiMessageWmsSetRoutesInputRouteListElement));
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++) {
    QmiMessageWmsSetRoutesInputRouteListElement route = {
      .message_type = QMI_WMS_MESSAGE_TYPE_POINT_TO_POINT,
      .message_class = classes[i],
      .storage = qmi,
      .receipt_action = QMI_WMS_RECEIPT_ACTION_STORE_AND_NOTIFY,
    };

    g_array_append_val (routes, route);
  }
  input = qmi_message_wms_set_routes_input_new ();
  qmi_message_wms_set_routes_input_set_route_list (input, routes, NULL);
  qmi_message_wms_set_routes_input_set_transfer_status_report (input, QMI_WMS_TRANSFER_INDICATION_CLIENT,
                                                               NULL);
  md_qmi_op (modem, &wms_routes, input, 0, task, parse_nothing);
}

/* --- read, list, delete ---------------------------------------------------- */

static void
mark_read_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    md_log_debug (md_modem_get_log_name (MD_MODEM (source)), "marking a message read failed: %s",
                  error->message);
}

/* Reading a message does not change its tag on WMS (AT modems mark a
 * message read by +CMGR/+CMGL themselves): once we have it, the SIM or NV
 * store should no longer call it new. Nobody waits for the answer. */
static void
mark_read (MdModem *modem, QmiWmsStorageType storage, guint index)
{
  QmiMessageWmsModifyTagInput *input = qmi_message_wms_modify_tag_input_new ();

  qmi_message_wms_modify_tag_input_set_message_tag (input, storage, index, QMI_WMS_MESSAGE_TAG_TYPE_MT_READ,
                                                    NULL);
  qmi_message_wms_modify_tag_input_set_message_mode (input, QMI_WMS_MESSAGE_MODE_GSM_WCDMA, NULL);
  md_qmi_op (modem, &wms_modify_tag, input, 0, g_task_new (modem, NULL, mark_read_ready, NULL),
             parse_nothing);
}

static void
parse_read (MdModem *modem, gpointer output, GTask *task)
{
  /* md_qmi_op owns the task data; the read's place rides beside it. */
  MdSmsStorage storage = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (task), "md-sms-storage"));
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (task), "md-sms-index"));
  QmiWmsMessageTagType tag = QMI_WMS_MESSAGE_TAG_TYPE_MT_READ;
  QmiWmsMessageFormat format = QMI_WMS_MESSAGE_FORMAT_CDMA;
  GArray *data = NULL;
  MdSmsEntry *entry = NULL;

  if (qmi_message_wms_raw_read_output_get_raw_message_data (output, &tag, &format, &data, NULL)
      && format == QMI_WMS_MESSAGE_FORMAT_GSM_WCDMA_POINT_TO_POINT && data)
    entry = md_sms_entry_from_pdu (modem, (const guint8 *)data->data, data->len, storage, index,
                                   state_of_tag (tag));
  if (!entry) {
    g_task_return_new_error (task, MD_MESSAGE_ERROR, MD_MESSAGE_ERROR_INVALID_PDU_PARAMETER,
                             "The stored message could not be read");
    return;
  }
  if (tag == QMI_WMS_MESSAGE_TAG_TYPE_MT_NOT_READ) {
    QmiWmsStorageType qmi;

    if (qmi_storage (storage, &qmi))
      mark_read (modem, qmi, index);
  }
  g_task_return_pointer (task, entry, (GDestroyNotify)md_sms_entry_free);
}

static void
qmi_read (MdModem *modem, MdSmsStorage storage, guint index, GTask *task)
{
  QmiMessageWmsRawReadInput *input;
  QmiWmsStorageType qmi;

  if (no_storage (storage, &qmi, task))
    return;
  g_object_set_data (G_OBJECT (task), "md-sms-storage", GUINT_TO_POINTER (storage));
  g_object_set_data (G_OBJECT (task), "md-sms-index", GUINT_TO_POINTER (index));
  input = qmi_message_wms_raw_read_input_new ();
  qmi_message_wms_raw_read_input_set_message_memory_storage_id (input, qmi, index, NULL);
  qmi_message_wms_raw_read_input_set_message_mode (input, QMI_WMS_MESSAGE_MODE_GSM_WCDMA, NULL);
  md_qmi_op (modem, &wms_read, input, 0, task, parse_read);
}

typedef struct {
  MdSmsStorage storage;
  GArray *indexes; /* guint32 */
  guint next;
  GPtrArray *entries;
} ListContext;

static void
list_context_free (ListContext *ctx)
{
  g_clear_pointer (&ctx->indexes, g_array_unref);
  g_ptr_array_unref (ctx->entries);
  g_free (ctx);
}

static void list_next (GTask *task);

static void
list_read_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  ListContext *ctx = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  MdSmsEntry *entry = g_task_propagate_pointer (G_TASK (result), &error);

  /* A message that cannot be read is left out, as AT listing does. */
  if (entry)
    g_ptr_array_add (ctx->entries, entry);
  else
    md_log_debug (md_modem_get_log_name (MD_MODEM (source)), "stored message %u left out: %s",
                  g_array_index (ctx->indexes, guint32, ctx->next - 1), error->message);
  list_next (task);
}

static void
list_next (GTask *task)
{
  ListContext *ctx = g_task_get_task_data (task);
  MdModem *modem = g_task_get_source_object (task);
  guint32 index;

  if (ctx->next == ctx->indexes->len) {
    g_task_return_pointer (task, g_ptr_array_ref (ctx->entries), (GDestroyNotify)g_ptr_array_unref);
    g_object_unref (task);
    return;
  }
  index = g_array_index (ctx->indexes, guint32, ctx->next++);
  qmi_read (modem, ctx->storage, index,
            g_task_new (modem, g_task_get_cancellable (task), list_read_ready, task));
}

/* The indexes listed, as a GArray of guint32. */
static void
parse_list (MdModem *modem, gpointer output, GTask *task)
{
  GArray *indexes = g_array_new (FALSE, FALSE, sizeof (guint32));
  GArray *list = NULL;

  qmi_message_wms_list_messages_output_get_message_list (output, &list, NULL);
  for (guint i = 0; list && i < list->len; i++) {
    QmiMessageWmsListMessagesOutputMessageListElement *one
      = &g_array_index (list, QmiMessageWmsListMessagesOutputMessageListElement, i);

    g_array_append_val (indexes, one->memory_index);
  }
  g_task_return_pointer (task, indexes, (GDestroyNotify)g_array_unref);
}

static void
list_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  ListContext *ctx = g_task_get_task_data (task);
  GError *error = NULL;

  ctx->indexes = g_task_propagate_pointer (G_TASK (result), &error);
  if (!ctx->indexes) {
    g_task_return_error (task, error);
    g_object_unref (task);
    return;
  }
  list_next (task);
}

static void
qmi_list (MdModem *modem, MdSmsStorage storage, GTask *task)
{
  QmiMessageWmsListMessagesInput *input;
  QmiWmsStorageType qmi;
  ListContext *ctx;

  if (no_storage (storage, &qmi, task))
    return;
  ctx = g_new0 (ListContext, 1);
  ctx->storage = storage;
  ctx->entries = g_ptr_array_new_with_free_func ((GDestroyNotify)md_sms_entry_free);
  g_task_set_task_data (task, ctx, (GDestroyNotify)list_context_free);
  input = qmi_message_wms_list_messages_input_new ();
  qmi_message_wms_list_messages_input_set_storage_type (input, qmi, NULL);
  qmi_message_wms_list_messages_input_set_message_mode (input, QMI_WMS_MESSAGE_MODE_GSM_WCDMA, NULL);
  md_qmi_op (modem, &wms_list, input, 0, g_task_new (modem, g_task_get_cancellable (task), list_ready, task),
             parse_list);
}

static void
qmi_delete_part (MdModem *modem, MdSmsStorage storage, guint index, GTask *task)
{
  QmiMessageWmsDeleteInput *input;
  QmiWmsStorageType qmi;

  if (no_storage (storage, &qmi, task))
    return;
  input = qmi_message_wms_delete_input_new ();
  qmi_message_wms_delete_input_set_memory_storage (input, qmi, NULL);
  qmi_message_wms_delete_input_set_memory_index (input, index, NULL);
  qmi_message_wms_delete_input_set_message_mode (input, QMI_WMS_MESSAGE_MODE_GSM_WCDMA, NULL);
  md_qmi_op (modem, &wms_delete, input, 0, task, parse_nothing);
}

/* --- send, store ----------------------------------------------------------- */

/* Core hands over one part at a time (an MdSmsPdu* of md_sms_request_encode);
 * each answer gives its message reference (or index). */

static void
parse_sent (MdModem *modem, gpointer output, GTask *task)
{
  guint16 reference = 0;

  qmi_message_wms_raw_send_output_get_message_id (output, &reference, NULL);
  g_task_return_int (task, reference);
}

static void
parse_written (MdModem *modem, gpointer output, GTask *task)
{
  guint32 index = 0;

  if (!qmi_message_wms_raw_write_output_get_memory_index (output, &index, NULL))
    g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "The modem gave no storage index");
  else
    g_task_return_int (task, index);
}

static GArray *
raw_of (gconstpointer part)
{
  const MdSmsPdu *pdu = part;
  gsize size;
  const guint8 *bytes = g_bytes_get_data (pdu->pdu, &size);
  GArray *raw = g_array_sized_new (FALSE, FALSE, 1, (guint)size);

  g_array_append_vals (raw, bytes, (guint)size);
  return raw;
}

static void
qmi_send_part (MdModem *modem, gconstpointer part, GTask *task)
{
  g_autoptr (GArray) raw = raw_of (part);
  QmiMessageWmsRawSendInput *input = qmi_message_wms_raw_send_input_new ();

  qmi_message_wms_raw_send_input_set_raw_message_data (input, QMI_WMS_MESSAGE_FORMAT_GSM_WCDMA_POINT_TO_POINT,
                                                       raw, NULL);
  md_qmi_op (modem, &wms_send, input, MD_QMI_TIMEOUT_NETWORK_S, task, parse_sent);
}

static void
parse_stored_sent (MdModem *modem, gpointer output, GTask *task)
{
  guint16 reference = 0;

  qmi_message_wms_send_from_memory_storage_output_get_message_id (output, &reference, NULL);
  g_task_return_int (task, reference);
}

/* A part already in storage goes out as it is, as ModemManager sends a
 * stored message. */
static void
qmi_send_stored (MdModem *modem, MdSmsStorage storage, guint index, GTask *task)
{
  QmiMessageWmsSendFromMemoryStorageInput *input;
  QmiWmsStorageType qmi;

  if (no_storage (storage, &qmi, task))
    return;
  input = qmi_message_wms_send_from_memory_storage_input_new ();
  qmi_message_wms_send_from_memory_storage_input_set_information (input, qmi, index,
                                                                  QMI_WMS_MESSAGE_MODE_GSM_WCDMA, NULL);
  md_qmi_op (modem, &wms_send_stored, input, MD_QMI_TIMEOUT_NETWORK_S, task, parse_stored_sent);
}

static void
qmi_store_part (MdModem *modem, gconstpointer part, MdSmsStorage storage, GTask *task)
{
  g_autoptr (GArray) raw = NULL;
  QmiMessageWmsRawWriteInput *input;
  QmiWmsStorageType qmi;

  if (no_storage (storage, &qmi, task))
    return;
  raw = raw_of (part);
  input = qmi_message_wms_raw_write_input_new ();
  qmi_message_wms_raw_write_input_set_raw_message_data (
    input, qmi, QMI_WMS_MESSAGE_FORMAT_GSM_WCDMA_POINT_TO_POINT, raw, NULL);
  md_qmi_op (modem, &wms_write, input, 0, task, parse_written);
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

static void
event_report (QmiClientWms *client, QmiIndicationWmsEventReportOutput *output, gpointer user_data)
{
  MdModem *modem = user_data;
  QmiWmsStorageType storage = QMI_WMS_STORAGE_TYPE_NONE;
  QmiWmsMessageFormat format = QMI_WMS_MESSAGE_FORMAT_CDMA;
  guint32 index = 0;
  GArray *data = NULL;
  MdSmsEntry *entry;

  /* Messages come only once the modem was enabled (the store is ready). */
  if (md_modem_get_state (modem) < MD_MODEM_STATE_ENABLED)
    return;
  if (qmi_indication_wms_event_report_output_get_mt_message (output, &storage, &index, NULL)) {
    if (storage_of (storage) == MD_SMS_STORAGE_UNKNOWN) {
      md_log_debug (md_modem_get_log_name (modem), "ignoring a message in storage %u", storage);
      return;
    }
    qmi_read (modem, storage_of (storage), index, g_task_new (modem, NULL, new_message_read, NULL));
    return;
  }
  if (qmi_indication_wms_event_report_output_get_transfer_route_mt_message (output, NULL, NULL, &format,
                                                                            &data, NULL)
      && format == QMI_WMS_MESSAGE_FORMAT_GSM_WCDMA_POINT_TO_POINT && data) {
    entry = md_sms_entry_from_pdu (modem, (const guint8 *)data->data, data->len, MD_SMS_STORAGE_UNKNOWN,
                                   MD_SMS_NO_INDEX, MD_SMS_STATE_RECEIVED);
    if (entry)
      md_modem_sms_take_part (modem, entry);
    return;
  }
  md_log_debug (md_modem_get_log_name (modem), "ignored WMS event report");
}

void
md_qmi_sms_client_allocated (MdModem *modem, QmiClient *client)
{
  if (!QMI_IS_CLIENT_WMS (client))
    return;
  g_signal_connect_object (client, "event-report", G_CALLBACK (event_report), modem, 0);
}

const MdModemSmsOps md_qmi_sms_ops = {
  .enable = qmi_enable,
  .disable = qmi_disable,
  .load_storages = qmi_load_storages,
  .set_default_storage = qmi_set_default_storage,
  .list = qmi_list,
  .read = qmi_read,
  .delete_part = qmi_delete_part,
  .encode = md_sms_request_encode,
  .send_part = qmi_send_part,
  .send_stored = qmi_send_stored,
  .store_part = qmi_store_part,
  /* WMS answers each request by its transaction id: Set Event Report, Set
   * Routes and both List Messages go out together at enable. */
  .requests_overlap = TRUE,
};
