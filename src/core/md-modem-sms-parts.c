/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Sending or storing a message part by part: the driver encodes the message
 * into parts core never looks into, and sends or stores one part per call
 * (or sends the parts a storage holds, by index); this loop orders the
 * calls and collects what each answered. */
#include "md-modem-sms-parts.h"

#include "md-errors.h"
#include "md-log.h"
#include "md-modem-ops.h"

typedef struct {
  GPtrArray *parts; /* the driver's values, opaque here */
  guint next;
  gboolean store;
  MdSmsStorage storage;
  GArray *stored;  /* guint: the indexes to send from storage; NULL: parts */
  GArray *results; /* guint */
} PartsContext;

static void
parts_context_free (PartsContext *ctx)
{
  g_ptr_array_unref (ctx->parts);
  g_clear_pointer (&ctx->stored, g_array_unref);
  g_array_unref (ctx->results);
  g_free (ctx);
}

static void parts_next (GTask *task);

static void
part_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  PartsContext *ctx = g_task_get_task_data (task);
  GError *error = NULL;
  gssize value = g_task_propagate_int (G_TASK (result), &error);
  guint one = (guint)value;

  /* A modem that cannot send from its storage (it answered, refusing)
   * gets the message itself, unless a part already went out. */
  if (error && ctx->stored && ctx->next == 1
      && (error->domain == MD_MESSAGE_ERROR || error->domain == MD_MOBILE_EQUIPMENT_ERROR
          || g_error_matches (error, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED))) {
    md_log_debug (md_modem_get_log_name (MD_MODEM (source)),
                  "sending from storage refused (%s): sending the PDU", error->message);
    g_clear_error (&error);
    g_clear_pointer (&ctx->stored, g_array_unref);
    ctx->next = 0;
    parts_next (task);
    return;
  }
  if (error) {
    g_task_return_error (task, error);
    g_object_unref (task);
    return;
  }
  g_array_append_val (ctx->results, one);
  parts_next (task);
}

static void
parts_next (GTask *task)
{
  PartsContext *ctx = g_task_get_task_data (task);
  MdModem *self = g_task_get_source_object (task);
  const MdModemSmsOps *ops = md_modem_get_ops (self)->sms;
  gconstpointer part;
  GTask *sub;

  if (ctx->next == (ctx->stored ? ctx->stored->len : ctx->parts->len)) {
    g_task_return_pointer (task, g_array_ref (ctx->results), (GDestroyNotify)g_array_unref);
    g_object_unref (task);
    return;
  }
  /* A task of its own per part: the op may keep state in its task data. */
  sub = g_task_new (self, g_task_get_cancellable (task), part_ready, task);
  if (ctx->stored) {
    ops->send_stored (self, ctx->storage, g_array_index (ctx->stored, guint, ctx->next++), sub);
    return;
  }
  part = g_ptr_array_index (ctx->parts, ctx->next++);
  if (ctx->store)
    ops->store_part (self, part, ctx->storage, sub);
  else
    ops->send_part (self, part, sub);
}

static void
store_begin_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error)) {
    g_task_return_error (task, error);
    g_object_unref (task);
    return;
  }
  parts_next (task);
}

static PartsContext *
parts_start (MdModem *self, GTask *task, const MdSmsRequest *submit)
{
  const MdModemSmsOps *ops = md_modem_get_ops (self)->sms;
  GError *error = NULL;
  GPtrArray *parts = ops->encode (submit, &error);
  PartsContext *ctx;

  if (!parts) {
    g_task_return_error (task, error);
    g_object_unref (task);
    return NULL;
  }
  ctx = g_new0 (PartsContext, 1);
  ctx->parts = parts;
  ctx->results = g_array_new (FALSE, FALSE, sizeof (guint));
  g_task_set_task_data (task, ctx, (GDestroyNotify)parts_context_free);
  md_log_debug (md_modem_get_log_name (self), "SMS to %s in %u part(s)", md_log_personal (submit->number),
                parts->len);
  return ctx;
}

void
md_modem_sms_parts_async (MdModem *self, const MdSmsRequest *submit, gboolean store, MdSmsStorage storage,
                          GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  const MdModemSmsOps *ops = md_modem_get_ops (self)->sms;
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  PartsContext *ctx = parts_start (self, task, submit);

  if (!ctx)
    return;
  ctx->store = store;
  ctx->storage = storage;
  if (store && ops->store_begin)
    ops->store_begin (self, storage, g_task_new (self, cancellable, store_begin_ready, task));
  else
    parts_next (task);
}

void
md_modem_sms_parts_send_stored_async (MdModem *self, const MdSmsRequest *submit, MdSmsStorage storage,
                                      const guint *indexes, guint n_indexes, GCancellable *cancellable,
                                      GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  PartsContext *ctx = parts_start (self, task, submit);

  if (!ctx)
    return;
  ctx->storage = storage;
  ctx->stored = g_array_sized_new (FALSE, FALSE, sizeof (guint), n_indexes);
  g_array_append_vals (ctx->stored, indexes, n_indexes);
  md_log_debug (md_modem_get_log_name (self), "sending the %u part(s) from storage", n_indexes);
  parts_next (task);
}

GArray *
md_modem_sms_stored_indexes (MdSms *sms)
{
  GPtrArray *parts = md_sms_get_parts (sms);
  g_autoptr (GArray) indexes = NULL;

  if (md_sms_get_state (sms) != MD_SMS_STATE_STORED || md_sms_get_storage (sms) == MD_SMS_STORAGE_UNKNOWN
      || !md_sms_is_complete (sms) || parts->len == 0)
    return NULL;
  indexes = g_array_sized_new (FALSE, FALSE, sizeof (guint), parts->len);
  for (guint i = 0; i < parts->len; i++) {
    const MdSmsEntry *part = g_ptr_array_index (parts, i);

    if (part->index == MD_SMS_NO_INDEX || part->storage != md_sms_get_storage (sms))
      return NULL;
    g_array_append_val (indexes, part->index);
  }
  return g_steal_pointer (&indexes);
}

GArray *
md_modem_sms_parts_finish (MdModem *self, GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
