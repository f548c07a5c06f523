/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Enabling messaging over the modem's SMS ops: indications, the storages
 * and the default one, then every readable storage listed and its parts
 * taken a batch per main loop iteration. With ops whose requests overlap,
 * the storages come first and the indications, the default storage and
 * every list are then sent at once; the parts are taken in storage order
 * all the same. */
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
  /* Overlapping requests: each storage's list as answered, the requests
   * not answered yet, and the first error that ends the enable. */
  GPtrArray *lists[MD_SMS_STORAGE_TA + 1];
  guint in_flight;
  GError *fatal;
} SmsEnableContext;

/* One of the overlapping requests. */
typedef struct {
  GTask *task;
  SmsEnableStep step; /* INDICATIONS, DEFAULT_STORAGE or LIST */
  MdSmsStorage storage;
} OverlapRequest;

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
  for (guint i = 0; i < G_N_ELEMENTS (ctx->lists); i++)
    g_clear_pointer (&ctx->lists[i], g_ptr_array_unref);
  g_clear_error (&ctx->fatal);
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

/* Takes parts (may be NULL) from the LIST step, a batch per iteration;
 * FALSE when there is nothing to take. */
static gboolean
take_listed (GTask *task, GPtrArray *parts)
{
  SmsEnableContext *ctx = g_task_get_task_data (task);

  if (!parts || parts->len == 0) {
    g_clear_pointer (&parts, g_ptr_array_unref);
    return FALSE;
  }
  /* The same priority as D-Bus calls, so neither starves the other. */
  g_ptr_array_set_free_func (parts, NULL);
  ctx->listed = parts;
  ctx->next_listed = 0;
  g_idle_add_full (G_PRIORITY_DEFAULT, take_listed_batch, task, NULL);
  return TRUE;
}

/* An error that ends the enable: the indications', or the modem not
 * answering at all. Any other is logged and the enable goes on. */
static gboolean
is_fatal (SmsEnableStep step, const GError *error)
{
  return step == SMS_ENABLE_STEP_INDICATIONS || md_error_is_no_answer (error);
}

/* An error (may be NULL) that does not end the enable: logged, freed. */
static void
drop_error (MdModem *self, GError *error)
{
  if (!error)
    return;
  md_log_debug (md_modem_get_log_name (self), "messaging: %s", error->message);
  g_error_free (error);
}

static void
store_storages (MdModem *self, gssize storages)
{
  self->sms_read_storages = (guint32)storages & 0xffff;
  self->sms_storages = ((guint32)storages >> 16) ? ((guint32)storages >> 16) : self->sms_read_storages;
  self->sms_default_storage = choose_default_storage (self->sms_storages);
  md_modem_emit_changed (self);
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
    if (!error)
      store_storages (self, storages);
    break;
  case SMS_ENABLE_STEP_LIST:
    parts = g_task_propagate_pointer (G_TASK (result), &error);
    if (take_listed (task, g_steal_pointer (&parts)))
      return;
    break;
  case SMS_ENABLE_STEP_DONE: break;
  }
  if (error && is_fatal (ctx->step, error)) {
    g_task_return_error (task, error);
    g_object_unref (task);
    return;
  }
  drop_error (self, error);
  if (ctx->step == SMS_ENABLE_STEP_LIST)
    ctx->listing++;
  else
    ctx->step++;
  sms_enable_step (task);
}

/* The task a step's op answers into: made only for an op that runs, so
 * no task is dropped without its result. */
static GTask *
step_task (GTask *task)
{
  return g_task_new (g_task_get_source_object (task), g_task_get_cancellable (task), sms_enable_ready, task);
}

static void
sms_enable_step (GTask *task)
{
  MdModem *self = g_task_get_source_object (task);
  SmsEnableContext *ctx = g_task_get_task_data (task);
  const MdModemSmsOps *ops = md_modem_get_ops (self)->sms;
  GTask *skipped;

  switch (ctx->step) {
  case SMS_ENABLE_STEP_INDICATIONS:
    if (ops->enable) {
      ops->enable (self, step_task (task));
      return;
    }
    break;
  case SMS_ENABLE_STEP_STORAGES:
    if (ops->load_storages) {
      ops->load_storages (self, step_task (task));
      return;
    }
    break;
  case SMS_ENABLE_STEP_DEFAULT_STORAGE:
    if (ops->set_default_storage && self->sms_default_storage != MD_SMS_STORAGE_UNKNOWN) {
      ops->set_default_storage (self, self->sms_default_storage, step_task (task));
      return;
    }
    break;
  case SMS_ENABLE_STEP_LIST:
    while (ctx->listing <= MD_SMS_STORAGE_TA && !(self->sms_read_storages & (1u << ctx->listing)))
      ctx->listing++;
    if (ops->requests_overlap && ctx->listing <= MD_SMS_STORAGE_TA) {
      /* Listed already (sms_enable_overlapping). */
      if (take_listed (task, g_steal_pointer (&ctx->lists[ctx->listing])))
        return;
      ctx->listing++;
      sms_enable_step (task);
      return;
    }
    if (ops->list && ctx->listing <= MD_SMS_STORAGE_TA) {
      ops->list (self, ctx->listing, step_task (task));
      return;
    }
    ctx->step = SMS_ENABLE_STEP_DONE;
    sms_enable_step (task);
    return;
  case SMS_ENABLE_STEP_DONE:
    g_task_return_boolean (task, TRUE);
    g_object_unref (task);
    return;
  }
  /* An op the driver lacks: the step is done, answered as by the op. */
  skipped = step_task (task);
  g_task_return_pointer (skipped, NULL, NULL);
  g_object_unref (skipped);
}

/* One overlapping request answered; after the last, the parts are taken
 * storage by storage as the LIST step does. */
static void
overlap_answered (GTask *task)
{
  SmsEnableContext *ctx = g_task_get_task_data (task);

  if (--ctx->in_flight > 0)
    return;
  if (ctx->fatal) {
    g_task_return_error (task, g_steal_pointer (&ctx->fatal));
    g_object_unref (task);
    return;
  }
  ctx->step = SMS_ENABLE_STEP_LIST;
  sms_enable_step (task);
}

static void
overlap_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  OverlapRequest *request = user_data;
  GTask *task = request->task;
  SmsEnableContext *ctx = g_task_get_task_data (task);
  GError *error = NULL;

  if (request->step == SMS_ENABLE_STEP_LIST)
    ctx->lists[request->storage] = g_task_propagate_pointer (G_TASK (result), &error);
  else
    g_task_propagate_boolean (G_TASK (result), &error);
  if (error && is_fatal (request->step, error) && !ctx->fatal)
    ctx->fatal = g_steal_pointer (&error);
  drop_error (MD_MODEM (source), error);
  g_free (request);
  overlap_answered (task);
}

static GTask *
overlap_request (GTask *task, SmsEnableStep step, MdSmsStorage storage)
{
  SmsEnableContext *ctx = g_task_get_task_data (task);
  OverlapRequest *request = g_new0 (OverlapRequest, 1);

  request->task = task;
  request->step = step;
  request->storage = storage;
  ctx->in_flight++;
  return g_task_new (g_task_get_source_object (task), g_task_get_cancellable (task), overlap_ready, request);
}

/* The storages known: the indications, the default storage and every
 * readable storage's list go out at once. in_flight counts one for this
 * function too, so an op answering at once does not end the round early. */
static void
send_overlapping (GTask *task)
{
  MdModem *self = g_task_get_source_object (task);
  SmsEnableContext *ctx = g_task_get_task_data (task);
  const MdModemSmsOps *ops = md_modem_get_ops (self)->sms;

  ctx->in_flight++;

  if (ops->enable)
    ops->enable (self, overlap_request (task, SMS_ENABLE_STEP_INDICATIONS, MD_SMS_STORAGE_UNKNOWN));
  if (ops->set_default_storage && self->sms_default_storage != MD_SMS_STORAGE_UNKNOWN)
    ops->set_default_storage (
      self, self->sms_default_storage,
      overlap_request (task, SMS_ENABLE_STEP_DEFAULT_STORAGE, MD_SMS_STORAGE_UNKNOWN));
  for (MdSmsStorage storage = MD_SMS_STORAGE_SM; ops->list && storage <= MD_SMS_STORAGE_TA; storage++) {
    if (self->sms_read_storages & (1u << storage))
      ops->list (self, storage, overlap_request (task, SMS_ENABLE_STEP_LIST, storage));
  }
  overlap_answered (task);
}

static void
overlap_storages_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  GError *error = NULL;
  gssize storages = g_task_propagate_int (G_TASK (result), &error);

  if (error && is_fatal (SMS_ENABLE_STEP_STORAGES, error)) {
    g_task_return_error (task, error);
    g_object_unref (task);
    return;
  }
  if (!error)
    store_storages (MD_MODEM (source), storages);
  drop_error (MD_MODEM (source), error);
  send_overlapping (task);
}

/* Ops whose requests overlap: the storages first, then the rest at once. */
static void
sms_enable_overlapping (GTask *task)
{
  MdModem *self = g_task_get_source_object (task);
  const MdModemSmsOps *ops = md_modem_get_ops (self)->sms;

  if (!ops->load_storages) {
    send_overlapping (task);
    return;
  }
  ops->load_storages (self, g_task_new (self, g_task_get_cancellable (task), overlap_storages_ready, task));
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
  if (ops->requests_overlap)
    sms_enable_overlapping (task);
  else
    sms_enable_step (task);
}

gboolean
md_modem_sms_enable_finish (MdModem *self, GAsyncResult *result, GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
