/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Enabling messaging over the modem's SMS ops: indications, the storages
 * and the default one, then every readable storage listed and its parts
 * taken a batch per main loop iteration. */
#include "md-modem-sms.h"

#include "md-errors.h"
#include "md-log.h"
#include "md-modem-private.h"

typedef enum {
  SMS_ENABLE_STEP_INDICATIONS,
  SMS_ENABLE_STEP_STORAGES,
  SMS_ENABLE_STEP_DEFAULT_STORAGE,
  SMS_ENABLE_STEP_LIST,
  SMS_ENABLE_STEP_DONE,
} SmsEnableStep;

typedef struct {
  SmsEnableStep step;
  MdSmsStorage listing; /* the storage the LIST step reads next */
  GPtrArray *listed;    /* MdSmsEntry*: parts of that storage not yet taken */
  guint next_listed;
} SmsEnableContext;

/* Listed parts taken per main loop iteration. Taking a part searches the
 * list and exports a D-Bus object, so a SIM with a thousand messages taken
 * at once would hold every other modem's calls for that long; between
 * batches the loop serves them. */
#define SMS_LIST_BATCH 32

static void sms_enable_step (GTask *task);

/* ctx->listed owns only the parts from next_listed on. */
static void
drop_listed (SmsEnableContext *ctx)
{
  for (guint i = ctx->next_listed; ctx->listed && i < ctx->listed->len; i++)
    md_sms_entry_free (g_ptr_array_index (ctx->listed, i));
  g_clear_pointer (&ctx->listed, g_ptr_array_unref);
}

static void
sms_enable_context_free (SmsEnableContext *ctx)
{
  drop_listed (ctx);
  g_free (ctx);
}

static gboolean
take_listed_batch (gpointer user_data)
{
  GTask *task = user_data;
  SmsEnableContext *ctx = g_task_get_task_data (task);
  MdModem *self = g_task_get_source_object (task);
  guint end = MIN (ctx->next_listed + SMS_LIST_BATCH, ctx->listed->len);

  for (; ctx->next_listed < end; ctx->next_listed++)
    md_modem_sms_take_part (self, g_ptr_array_index (ctx->listed, ctx->next_listed));
  if (ctx->next_listed < ctx->listed->len)
    return G_SOURCE_CONTINUE;
  drop_listed (ctx);
  ctx->listing++;
  sms_enable_step (task);
  return G_SOURCE_REMOVE;
}

/* ME (the modem's own memory) when there is one, as ModemManager prefers;
 * else the SIM. */
static MdSmsStorage
choose_default_storage (guint32 storages)
{
  if (storages & (1u << MD_SMS_STORAGE_ME))
    return MD_SMS_STORAGE_ME;
  if (storages & (1u << MD_SMS_STORAGE_SM))
    return MD_SMS_STORAGE_SM;
  for (guint s = MD_SMS_STORAGE_SM; s <= MD_SMS_STORAGE_TA; s++) {
    if (storages & (1u << s))
      return s;
  }
  return MD_SMS_STORAGE_UNKNOWN;
}

static void
sms_enable_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  MdModem *self = MD_MODEM (source);
  SmsEnableContext *ctx = g_task_get_task_data (task);
  GError *error = NULL;
  gssize storages;
  g_autoptr (GPtrArray) parts = NULL;

  switch (ctx->step) {
  case SMS_ENABLE_STEP_INDICATIONS:
  case SMS_ENABLE_STEP_DEFAULT_STORAGE: g_task_propagate_boolean (G_TASK (result), &error); break;
  case SMS_ENABLE_STEP_STORAGES:
    storages = g_task_propagate_int (G_TASK (result), &error);
    if (!error) {
      self->sms_read_storages = (guint32)storages & 0xffff;
      self->sms_storages = ((guint32)storages >> 16) ? ((guint32)storages >> 16) : self->sms_read_storages;
      self->sms_default_storage = choose_default_storage (self->sms_storages);
      md_modem_emit_changed (self);
    }
    break;
  case SMS_ENABLE_STEP_LIST:
    parts = g_task_propagate_pointer (G_TASK (result), &error);
    if (parts && parts->len > 0) {
      /* The same priority as D-Bus calls, so neither starves the other. */
      g_ptr_array_set_free_func (parts, NULL);
      ctx->listed = g_steal_pointer (&parts);
      ctx->next_listed = 0;
      g_idle_add_full (G_PRIORITY_DEFAULT, take_listed_batch, task, NULL);
      return;
    }
    break;
  case SMS_ENABLE_STEP_DONE: break;
  }
  if (error && (ctx->step == SMS_ENABLE_STEP_INDICATIONS || md_error_is_no_answer (error))) {
    g_task_return_error (task, error);
    g_object_unref (task);
    return;
  }
  if (error) {
    md_log_debug (md_modem_get_log_name (self), "messaging: %s", error->message);
    g_error_free (error);
  }
  if (ctx->step == SMS_ENABLE_STEP_LIST)
    ctx->listing++;
  else
    ctx->step++;
  sms_enable_step (task);
}

static void
sms_enable_step (GTask *task)
{
  MdModem *self = g_task_get_source_object (task);
  SmsEnableContext *ctx = g_task_get_task_data (task);
  const MdModemSmsOps *ops = md_modem_get_ops (self)->sms;
  GTask *sub = g_task_new (self, g_task_get_cancellable (task), sms_enable_ready, task);

  switch (ctx->step) {
  case SMS_ENABLE_STEP_INDICATIONS:
    if (ops->enable) {
      ops->enable (self, sub);
      return;
    }
    break;
  case SMS_ENABLE_STEP_STORAGES:
    if (ops->load_storages) {
      ops->load_storages (self, sub);
      return;
    }
    break;
  case SMS_ENABLE_STEP_DEFAULT_STORAGE:
    if (ops->set_default_storage && self->sms_default_storage != MD_SMS_STORAGE_UNKNOWN) {
      ops->set_default_storage (self, self->sms_default_storage, sub);
      return;
    }
    break;
  case SMS_ENABLE_STEP_LIST:
    while (ctx->listing <= MD_SMS_STORAGE_TA && !(self->sms_read_storages & (1u << ctx->listing)))
      ctx->listing++;
    if (ops->list && ctx->listing <= MD_SMS_STORAGE_TA) {
      ops->list (self, ctx->listing, sub);
      return;
    }
    g_object_unref (sub);
    ctx->step = SMS_ENABLE_STEP_DONE;
    sms_enable_step (task);
    return;
  case SMS_ENABLE_STEP_DONE:
    g_object_unref (sub);
    g_task_return_boolean (task, TRUE);
    g_object_unref (task);
    return;
  }
  /* An op the driver lacks: the step is done. */
  g_task_return_pointer (sub, NULL, NULL);
  g_object_unref (sub);
}

void
md_modem_sms_enable_async (MdModem *self, gboolean enable, GCancellable *cancellable,
                           GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  const MdModemSmsOps *ops = md_modem_get_ops (self)->sms;
  SmsEnableContext *ctx;

  if (!ops || (!enable && !ops->disable)) {
    g_task_return_boolean (task, TRUE);
    g_object_unref (task);
    return;
  }
  if (!enable) {
    ops->disable (self, task);
    return;
  }
  ctx = g_new0 (SmsEnableContext, 1);
  ctx->listing = MD_SMS_STORAGE_SM;
  g_task_set_task_data (task, ctx, (GDestroyNotify)sms_enable_context_free);
  sms_enable_step (task);
}

gboolean
md_modem_sms_enable_finish (MdModem *self, GAsyncResult *result, GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
