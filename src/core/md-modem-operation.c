/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The per-modem operation queue: a FIFO whose head runs, preemption of
 * connects by disables and disconnects, and refusal after the device
 * vanished. The rules are stated in md-modem-operation.h. */
#include "md-modem-operation.h"

#include "md-errors.h"
#include "md-log.h"
#include "md-modem-private.h"

struct _MdOperation {
  guint id;
  MdOperationKind kind;
  const MdOperationSpec *spec; /* NULL for md_modem_operation_try_begin */
  gpointer data;
  GDestroyNotify data_free;
  GCancellable *cancellable;
  GCancellable *caller_cancellable;
  gulong caller_handler;
  GTask *task; /* the caller's answer; NULL for try_begin */
  gboolean running;
};

struct _MdOperationQueue {
  MdModem *modem; /* not a reference: the modem owns the queue */
  GQueue operations;
  guint next_id;
  gboolean closed;
  guint next_source; /* starts the next operation */
};

static const char *
kind_name (MdOperationKind kind)
{
  switch (kind) {
  case MD_OPERATION_ENABLE: return "enable";
  case MD_OPERATION_DISABLE: return "disable";
  case MD_OPERATION_POWER: return "power";
  case MD_OPERATION_MODES: return "modes";
  case MD_OPERATION_BANDS: return "bands";
  case MD_OPERATION_CONNECT: return "connect";
  case MD_OPERATION_DISCONNECT: return "disconnect";
  case MD_OPERATION_DELETE_BEARER: return "delete-bearer";
  case MD_OPERATION_REGISTER: return "register";
  case MD_OPERATION_SIM: return "sim";
  case MD_OPERATION_POLL: return "poll";
  case MD_OPERATION_CARD_CHECK: return "card-check";
  }
  return "unknown";
}

/* Whether an operation of this kind ends the connects before it. */
static gboolean
kind_preempts_connects (MdOperationKind kind)
{
  switch (kind) {
  case MD_OPERATION_DISABLE:
  case MD_OPERATION_DISCONNECT:
  case MD_OPERATION_DELETE_BEARER: return TRUE;
  case MD_OPERATION_ENABLE:
  case MD_OPERATION_POWER:
  case MD_OPERATION_MODES:
  case MD_OPERATION_BANDS:
  case MD_OPERATION_CONNECT:
  case MD_OPERATION_REGISTER:
  case MD_OPERATION_SIM:
  case MD_OPERATION_POLL:
  case MD_OPERATION_CARD_CHECK: return FALSE;
  }
  return FALSE;
}

MdOperationQueue *
md_operation_queue_new (MdModem *modem)
{
  MdOperationQueue *queue = g_new0 (MdOperationQueue, 1);

  queue->modem = modem;
  g_queue_init (&queue->operations);
  return queue;
}

static void
operation_free (MdOperation *op)
{
  if (op->caller_handler)
    g_cancellable_disconnect (op->caller_cancellable, op->caller_handler);
  g_clear_object (&op->caller_cancellable);
  if (op->data_free)
    op->data_free (op->data);
  g_clear_object (&op->cancellable);
  g_clear_object (&op->task);
  g_free (op);
}

void
md_operation_queue_free (MdOperationQueue *queue)
{
  /* Every queued operation holds its caller's task, which holds the modem:
   * a modem being finalized has none left. */
  g_warn_if_fail (g_queue_is_empty (&queue->operations));
  g_free (queue);
}

static MdOperationQueue *
queue_of (MdModem *self)
{
  return self->operations;
}

static MdOperation *
operation_new (MdOperationQueue *queue, MdOperationKind kind)
{
  MdOperation *op = g_new0 (MdOperation, 1);

  op->id = queue->next_id++;
  op->kind = kind;
  op->cancellable = g_cancellable_new ();
  return op;
}

/* Answers a waiting operation's caller without running it. */
static void
fail_waiting (MdOperationQueue *queue, MdOperation *op, GError *error)
{
  md_log_debug (md_modem_get_log_name (queue->modem), "operation %u (%s): %s", op->id, kind_name (op->kind),
                error->message);
  g_queue_remove (&queue->operations, op);
  g_task_return_error (op->task, error);
  g_clear_object (&op->task);
  operation_free (op);
}

static void body_done (GObject *source, GAsyncResult *result, gpointer user_data);

static void
run_head (MdOperationQueue *queue)
{
  MdOperation *op = g_queue_peek_head (&queue->operations);

  if (!op || op->running)
    return;
  op->running = TRUE;
  md_log_debug (md_modem_get_log_name (queue->modem), "operation %u (%s) starts", op->id,
                kind_name (op->kind));
  op->spec->body (queue->modem, op, body_done, op);
}

static void
body_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  MdOperation *op = user_data;
  MdModem *self = MD_MODEM (source);
  GError *error = NULL;
  g_autoptr (GTask) task = g_steal_pointer (&op->task);

  /* Keeps the modem alive until the next operation has started. */
  g_object_ref (self);

  if (op->spec->returns_object) {
    gpointer object = g_task_propagate_pointer (G_TASK (result), &error);

    if (object)
      g_task_return_pointer (task, object, g_object_unref);
    else
      g_task_return_error (task, error);
  } else if (g_task_propagate_boolean (G_TASK (result), &error)) {
    g_task_return_boolean (task, TRUE);
  } else {
    g_task_return_error (task, error);
  }
  md_modem_operation_end (self, op);
  g_object_unref (self);
}

/* Takes the matching operations out of the queue before answering any and
 * cancels the running one last: an answer or a cancel handler may queue
 * or end operations. */
static void
fail_matching (MdOperationQueue *queue, MdOperation *except, gboolean connects_only, const char *message)
{
  GSList *failed = NULL;
  g_autoptr (GCancellable) running = NULL;
  GList *next;

  for (GList *l = queue->operations.head; l; l = next) {
    MdOperation *op = l->data;

    next = l->next;
    if (op == except || (connects_only && op->kind != MD_OPERATION_CONNECT))
      continue;
    if (op->running) {
      running = g_object_ref (op->cancellable);
      continue;
    }
    g_queue_delete_link (&queue->operations, l);
    failed = g_slist_prepend (failed, op);
  }
  failed = g_slist_reverse (failed);
  for (GSList *l = failed; l; l = l->next)
    fail_waiting (queue, l->data,
                  g_error_new_literal (
                    MD_CORE_ERROR, connects_only ? MD_CORE_ERROR_CANCELLED : MD_CORE_ERROR_ABORTED, message));
  g_slist_free (failed);
  if (running)
    g_cancellable_cancel (running);
}

static void
caller_cancelled (GCancellable *caller, gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

void
md_modem_operation_run (MdModem *self, const MdOperationSpec *spec, gpointer data, GDestroyNotify data_free,
                        GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  MdOperationQueue *queue = queue_of (self);
  MdOperation *op = operation_new (queue, spec->kind);

  op->spec = spec;
  op->data = data;
  op->data_free = data_free;
  op->task = g_task_new (self, NULL, callback, user_data);
  if (cancellable) {
    op->caller_cancellable = g_object_ref (cancellable);
    op->caller_handler
      = g_cancellable_connect (cancellable, G_CALLBACK (caller_cancelled), op->cancellable, NULL);
  }
  g_queue_push_tail (&queue->operations, op);
  if (queue->closed) {
    fail_waiting (queue, op, g_error_new (MD_CORE_ERROR, MD_CORE_ERROR_ABORTED, "The device vanished"));
    return;
  }
  md_log_debug (md_modem_get_log_name (self), "operation %u (%s) queued behind %u", op->id,
                kind_name (spec->kind), g_queue_get_length (&queue->operations) - 1);
  if (kind_preempts_connects (spec->kind)) {
    g_autofree char *message
      = g_strdup_printf ("The connection was cancelled by a %s", kind_name (spec->kind));

    fail_matching (queue, op, TRUE, message);
  }
  run_head (queue);
}

MdOperation *
md_modem_operation_try_begin (MdModem *self, MdOperationKind kind)
{
  MdOperationQueue *queue = queue_of (self);
  MdOperation *op;

  if (queue->closed || !g_queue_is_empty (&queue->operations))
    return NULL;
  op = operation_new (queue, kind);
  op->running = TRUE;
  g_queue_push_tail (&queue->operations, op);
  return op;
}

static gboolean
run_next (gpointer user_data)
{
  MdModem *self = user_data;
  MdOperationQueue *queue = queue_of (self);

  queue->next_source = 0;
  run_head (queue);
  return G_SOURCE_REMOVE;
}

/* The next operation starts from the main loop, not from inside the end of
 * this one: whatever ended it (a port that closed, say) finishes first, so
 * a device that vanished is known before anything else runs. */
void
md_modem_operation_end (MdModem *self, MdOperation *op)
{
  MdOperationQueue *queue = queue_of (self);

  g_return_if_fail (op == g_queue_peek_head (&queue->operations) && op->running);
  md_log_debug (md_modem_get_log_name (self), "operation %u (%s) ends", op->id, kind_name (op->kind));
  g_queue_pop_head (&queue->operations);
  operation_free (op);
  if (!g_queue_is_empty (&queue->operations) && !queue->next_source)
    queue->next_source = g_idle_add_full (G_PRIORITY_DEFAULT, run_next, g_object_ref (self), g_object_unref);
}

void
md_modem_operations_abort (MdModem *self)
{
  MdOperationQueue *queue = queue_of (self);

  queue->closed = TRUE;
  fail_matching (queue, NULL, FALSE, "The device vanished");
}

guint
md_modem_operations_pending (MdModem *self)
{
  return g_queue_get_length (&queue_of (self)->operations);
}

MdOperationKind
md_operation_get_kind (MdOperation *op)
{
  return op->kind;
}

gpointer
md_operation_get_data (MdOperation *op)
{
  return op->data;
}

gpointer
md_operation_steal_data (MdOperation *op)
{
  op->data_free = NULL;
  return g_steal_pointer (&op->data);
}

GCancellable *
md_operation_get_cancellable (MdOperation *op)
{
  return op->cancellable;
}
