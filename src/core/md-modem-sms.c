/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Messaging flows over the modem's SMS ops: create, delete, send and
 * store (enabling is md-modem-sms-enable.c's). Which part joins which
 * message is md-sms-list.c's; the bytes are the driver's. */
#include "md-modem-sms.h"

#include "md-errors.h"
#include "md-log.h"
#include "md-modem-private.h"
#include "md-modem-sms-parts.h"
#include "md-object-ids.h"

gboolean
md_modem_has_messaging (MdModem *self)
{
  return md_modem_get_ops (self)->sms != NULL;
}

void
md_sms_task_return_no_storage (GTask *task)
{
  g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED, "No such SMS storage");
  g_object_unref (task);
}

MdSmsList *
md_modem_get_sms_list (MdModem *self)
{
  if (!self->sms_list)
    self->sms_list = md_sms_list_new (md_modem_get_log_name (self));
  return self->sms_list;
}

guint32
md_modem_get_sms_storages (MdModem *self)
{
  return self->sms_storages;
}

MdSmsStorage
md_modem_get_sms_default_storage (MdModem *self)
{
  return self->sms_default_storage;
}

void
md_modem_sms_take_part (MdModem *self, MdSmsEntry *part)
{
  md_sms_list_take_part (md_modem_get_sms_list (self), part);
}

/* --- Create, Delete, Send, Store ----------------------------------------- */

static gboolean
check_enabled (MdModem *self, GError **error)
{
  if (md_modem_get_state (self) >= MD_MODEM_STATE_ENABLED)
    return TRUE;
  g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_WRONG_STATE, "The modem is not enabled");
  return FALSE;
}

MdSms *
md_modem_sms_create (MdModem *self, const MdSmsRequest *submit, GError **error)
{
  g_autoptr (MdSms) sms = NULL;

  if (!check_enabled (self, error))
    return NULL;
  sms = md_sms_new_submit (md_object_id_next (MD_OBJECT_SMS), md_modem_get_log_name (self), submit);
  md_log_info (md_modem_get_log_name (self), "SMS %u created for %s", md_sms_get_id (sms),
               md_log_personal (submit->number));
  md_sms_list_add (md_modem_get_sms_list (self), sms);
  return sms;
}

typedef struct {
  MdSms *sms;
  MdSmsState before;
  MdSmsStorage storage;
  guint next_part; /* Delete: the part removed next */
} SmsCallContext;

static void
sms_call_context_free (SmsCallContext *ctx)
{
  g_object_unref (ctx->sms);
  g_free (ctx);
}

static GTask *
sms_call_new (MdModem *self, MdSms *sms, GCancellable *cancellable, GAsyncReadyCallback callback,
              gpointer user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  SmsCallContext *ctx = g_new0 (SmsCallContext, 1);

  ctx->sms = g_object_ref (sms);
  ctx->before = md_sms_get_state (sms);
  g_task_set_task_data (task, ctx, (GDestroyNotify)sms_call_context_free);
  return task;
}

static gboolean
check_call (MdModem *self, GTask *task, gboolean needs_op, const char *what)
{
  GError *error = NULL;

  if (!check_enabled (self, &error)) {
    g_task_return_error (task, error);
  } else if (!needs_op) {
    g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED, "The modem cannot %s messages",
                             what);
  } else {
    return TRUE;
  }
  g_object_unref (task);
  return FALSE;
}

static void delete_next (GTask *task);

static void
delete_part_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error)) {
    g_task_return_error (task, error);
    g_object_unref (task);
    return;
  }
  delete_next (task);
}

static void
delete_next (GTask *task)
{
  MdModem *self = g_task_get_source_object (task);
  SmsCallContext *ctx = g_task_get_task_data (task);
  GPtrArray *parts = md_sms_get_parts (ctx->sms);
  const MdModemSmsOps *ops = md_modem_get_ops (self)->sms;

  while (ctx->next_part < parts->len) {
    const MdSmsEntry *part = g_ptr_array_index (parts, ctx->next_part++);

    if (part->index == MD_SMS_NO_INDEX || part->storage == MD_SMS_STORAGE_UNKNOWN)
      continue;
    ops->delete_part (self, part->storage, part->index, g_task_new (self, NULL, delete_part_ready, task));
    return;
  }
  md_log_info (md_modem_get_log_name (self), "SMS %u deleted", md_sms_get_id (ctx->sms));
  md_sms_list_remove (md_modem_get_sms_list (self), ctx->sms);
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

void
md_modem_sms_delete_async (MdModem *self, MdSms *sms, GCancellable *cancellable, GAsyncReadyCallback callback,
                           gpointer user_data)
{
  GTask *task = sms_call_new (self, sms, cancellable, callback, user_data);
  const MdModemSmsOps *ops = md_modem_get_ops (self)->sms;

  if (!check_call (self, task, ops && ops->delete_part, "delete"))
    return;
  delete_next (task);
}

static MdSmsRequest *
submit_of (MdSms *sms)
{
  MdSmsRequest *submit = g_new0 (MdSmsRequest, 1);
  GBytes *data = md_sms_get_data (sms);

  submit->number = g_strdup (md_sms_get_number (sms));
  submit->text = data ? NULL : g_strdup (md_sms_get_text (sms));
  submit->data = data ? g_bytes_ref (data) : NULL;
  submit->smsc = *md_sms_get_smsc (sms) ? g_strdup (md_sms_get_smsc (sms)) : NULL;
  submit->validity_relative = md_sms_get_validity_relative (sms);
  submit->class = md_sms_get_class (sms);
  submit->delivery_report_request = md_sms_get_delivery_report_request (sms);
  submit->storage = md_sms_get_storage (sms);
  return submit;
}

static void
send_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SmsCallContext *ctx = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr (GArray) references = md_modem_sms_parts_finish (MD_MODEM (source), result, &error);

  if (!references) {
    md_log_warn (md_modem_get_log_name (MD_MODEM (source)), "SMS %u not sent: %s", md_sms_get_id (ctx->sms),
                 error->message);
    md_sms_set_state (ctx->sms, ctx->before);
    g_task_return_error (task, error);
    return;
  }
  md_log_info (md_modem_get_log_name (MD_MODEM (source)), "SMS %u sent in %u part(s)",
               md_sms_get_id (ctx->sms), references->len);
  md_sms_set_sent (ctx->sms, (const guint *)references->data, references->len);
  g_task_return_boolean (task, TRUE);
}

void
md_modem_sms_send_async (MdModem *self, MdSms *sms, GCancellable *cancellable, GAsyncReadyCallback callback,
                         gpointer user_data)
{
  GTask *task = sms_call_new (self, sms, cancellable, callback, user_data);
  const MdModemSmsOps *ops = md_modem_get_ops (self)->sms;
  g_autoptr (MdSmsRequest) submit = NULL;
  g_autoptr (GArray) indexes = NULL;

  if (!check_call (self, task, ops && ops->encode && ops->send_part, "send"))
    return;
  switch (md_sms_get_state (sms)) {
  case MD_SMS_STATE_UNKNOWN:
  case MD_SMS_STATE_STORED: break;
  case MD_SMS_STATE_RECEIVING:
  case MD_SMS_STATE_RECEIVED:
    g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_FAILED,
                             "This SMS was received: it cannot be sent");
    g_object_unref (task);
    return;
  case MD_SMS_STATE_SENDING:
    g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_IN_PROGRESS, "This SMS is being sent");
    g_object_unref (task);
    return;
  case MD_SMS_STATE_SENT:
    g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "This SMS was already sent");
    g_object_unref (task);
    return;
  }
  if (md_sms_get_pdu_type (sms) != MD_SMS_PDU_TYPE_SUBMIT) {
    g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "Only a SUBMIT message can be sent");
    g_object_unref (task);
    return;
  }
  submit = submit_of (sms);
  indexes = md_modem_sms_stored_indexes (sms);
  md_sms_set_state (sms, MD_SMS_STATE_SENDING);
  if (ops->send_stored && indexes)
    md_modem_sms_parts_send_stored_async (self, submit, md_sms_get_storage (sms),
                                          (const guint *)indexes->data, indexes->len, cancellable, send_ready,
                                          task);
  else
    md_modem_sms_parts_async (self, submit, FALSE, MD_SMS_STORAGE_UNKNOWN, cancellable, send_ready, task);
}

static void
store_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SmsCallContext *ctx = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr (GArray) indexes = md_modem_sms_parts_finish (MD_MODEM (source), result, &error);

  if (!indexes) {
    g_task_return_error (task, error);
    return;
  }
  md_log_info (md_modem_get_log_name (MD_MODEM (source)), "SMS %u stored in %u part(s)",
               md_sms_get_id (ctx->sms), indexes->len);
  md_sms_set_stored (ctx->sms, ctx->storage, (const guint *)indexes->data, indexes->len);
  g_task_return_boolean (task, TRUE);
}

void
md_modem_sms_store_async (MdModem *self, MdSms *sms, MdSmsStorage storage, GCancellable *cancellable,
                          GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task = sms_call_new (self, sms, cancellable, callback, user_data);
  SmsCallContext *ctx = g_task_get_task_data (task);
  const MdModemSmsOps *ops = md_modem_get_ops (self)->sms;
  g_autoptr (MdSmsRequest) submit = NULL;

  if (!check_call (self, task, ops && ops->encode && ops->store_part, "store"))
    return;
  ctx->storage = storage != MD_SMS_STORAGE_UNKNOWN ? storage : self->sms_default_storage;
  if (md_sms_get_state (sms) == MD_SMS_STATE_STORED && md_sms_get_storage (sms) == ctx->storage) {
    g_task_return_boolean (task, TRUE);
    g_object_unref (task);
    return;
  }
  if (md_sms_get_state (sms) != MD_SMS_STATE_UNKNOWN) {
    g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_FAILED,
                             "Only a message not yet stored or sent can be stored");
    g_object_unref (task);
    return;
  }
  if (ctx->storage == MD_SMS_STORAGE_UNKNOWN || !(self->sms_storages & (1u << ctx->storage))) {
    g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED,
                             "The modem cannot store messages there");
    g_object_unref (task);
    return;
  }
  submit = submit_of (sms);
  md_modem_sms_parts_async (self, submit, TRUE, ctx->storage, cancellable, store_ready, task);
}

gboolean
md_modem_sms_finish (MdModem *self, GAsyncResult *result, GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
