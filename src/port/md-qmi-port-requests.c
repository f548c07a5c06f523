/* SPDX-License-Identifier: GPL-2.0-or-later */
/* MdQmiPort's requests and clients: every request task sits in
 * self->pending until either libqmi answers or the port closes, whichever
 * comes first completing it; one client per service and instance is
 * kept in self->slots, allocated once for all callers that ask meanwhile.
 * A caller that cancels its wait is answered at once; the allocation goes
 * on for the others and for later callers. */
#include "md-errors.h"
#include "md-log.h"
#include "md-qmi-port-private.h"

typedef struct {
  GTask *task; /* owned */
  GCancellable *cancellable;
  GCancellable *outer; /* the task's, owned; NULL when it has none */
  gulong outer_id;
} Pending;

static void
pending_free (Pending *pending)
{
  if (pending->outer) {
    g_cancellable_disconnect (pending->outer, pending->outer_id);
    g_object_unref (pending->outer);
  }
  g_object_unref (pending->task);
  g_object_unref (pending->cancellable);
  g_free (pending);
}

GCancellable *
md_qmi_port_request_begin (MdQmiPort *self, GTask *task)
{
  Pending *pending = g_new0 (Pending, 1);
  GCancellable *outer = g_task_get_cancellable (task);

  pending->task = g_object_ref (task);
  pending->cancellable = g_cancellable_new ();
  /* The caller's cancellation reaches libqmi through our cancellable. */
  if (outer) {
    pending->outer = g_object_ref (outer);
    pending->outer_id = g_cancellable_connect (outer, G_CALLBACK (g_cancellable_cancel),
                                               g_object_ref (pending->cancellable), g_object_unref);
  }
  self->pending = g_list_append (self->pending, pending);
  return pending->cancellable;
}

gboolean
md_qmi_port_request_end (MdQmiPort *self, GTask *task)
{
  for (GList *l = self->pending; l; l = l->next) {
    Pending *pending = l->data;

    if (pending->task == task) {
      self->pending = g_list_delete_link (self->pending, l);
      pending_free (pending);
      return TRUE;
    }
  }
  return FALSE;
}

void
md_qmi_port_fail_pending (MdQmiPort *self, const char *why)
{
  GList *pending = g_steal_pointer (&self->pending);

  for (GList *l = pending; l; l = l->next) {
    Pending *p = l->data;

    g_task_return_new_error (p->task, MD_SERIAL_ERROR, MD_SERIAL_ERROR_NOT_OPEN, "%s %s", self->name, why);
    g_cancellable_cancel (p->cancellable);
  }
  g_list_free_full (pending, (GDestroyNotify)pending_free);
}

/* --- clients --------------------------------------------------------------- */

/* A caller waiting for a slot's client. */
typedef struct {
  GTask *task;     /* owned */
  GSource *cancel; /* owned; NULL when the task has no cancellable */
  ClientSlot *slot;
} Waiter;

static void
waiter_free (Waiter *waiter)
{
  if (waiter->cancel) {
    g_source_destroy (waiter->cancel);
    g_source_unref (waiter->cancel);
  }
  g_object_unref (waiter->task);
  g_free (waiter);
}

/* Runs from the main context, not inside g_cancellable_cancel (). */
static gboolean
waiter_cancelled (GCancellable *cancellable, gpointer user_data)
{
  Waiter *waiter = user_data;

  waiter->slot->waiters = g_list_remove (waiter->slot->waiters, waiter);
  g_task_return_new_error (waiter->task, MD_CORE_ERROR, MD_CORE_ERROR_CANCELLED,
                           "QMI client allocation cancelled");
  g_clear_pointer (&waiter->cancel, g_source_unref); /* removed by returning */
  waiter_free (waiter);
  return G_SOURCE_REMOVE;
}

static void
slot_add_waiter (ClientSlot *slot, GTask *task)
{
  Waiter *waiter = g_new0 (Waiter, 1);
  GCancellable *cancellable = g_task_get_cancellable (task);

  waiter->task = task;
  waiter->slot = slot;
  if (cancellable) {
    waiter->cancel = g_cancellable_source_new (cancellable);
    g_source_set_callback (waiter->cancel, G_SOURCE_FUNC (waiter_cancelled), waiter, NULL);
    g_source_attach (waiter->cancel, g_main_context_get_thread_default ());
  }
  slot->waiters = g_list_append (slot->waiters, waiter);
}

void
md_qmi_port_slot_free (gpointer data)
{
  ClientSlot *slot = data;

  g_clear_object (&slot->client);
  g_clear_error (&slot->refused);
  g_list_free_full (slot->waiters, (GDestroyNotify)waiter_free);
  g_free (slot);
}

static void
slot_answer (ClientSlot *slot, const GError *error)
{
  GList *waiters = g_steal_pointer (&slot->waiters);

  for (GList *l = waiters; l; l = l->next) {
    Waiter *waiter = l->data;

    if (error)
      g_task_return_error (waiter->task, g_error_copy (error));
    else
      g_task_return_pointer (waiter->task, g_object_ref (slot->client), g_object_unref);
  }
  g_list_free_full (waiters, (GDestroyNotify)waiter_free);
}

void
md_qmi_port_fail_waiters (MdQmiPort *self, const char *why)
{
  GHashTableIter iter;
  ClientSlot *slot;
  g_autoptr (GError) error
    = g_error_new (MD_SERIAL_ERROR, MD_SERIAL_ERROR_NOT_OPEN, "%s %s", self->name, why);

  g_hash_table_iter_init (&iter, self->slots);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&slot))
    slot_answer (slot, error);
}

/* The slots table's key: the service in the low 16 bits, the instance
 * above (QMI services are 8-bit numbers). */
static gpointer
slot_key (QmiService service, guint instance)
{
  return GUINT_TO_POINTER (((guint)service & 0xFFFF) | (instance << 16));
}

typedef struct {
  MdQmiPort *self; /* a reference */
  QmiService service;
  guint instance;
  guint generation;
} AllocContext;

static void
allocate_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  AllocContext *ctx = user_data;
  MdQmiPort *self = ctx->self;
  g_autoptr (GError) error = NULL;
  g_autoptr (QmiClient) client = qmi_device_allocate_client_finish (QMI_DEVICE (source), result, &error);
  ClientSlot *slot = g_hash_table_lookup (self->slots, slot_key (ctx->service, ctx->instance));

  if (ctx->generation != self->generation || !slot) {
    /* The port closed meanwhile; its waiters were answered then. */
    if (client)
      qmi_device_release_client (QMI_DEVICE (source), client, QMI_DEVICE_RELEASE_CLIENT_FLAGS_RELEASE_CID,
                                 MD_QMI_CLOSE_TIMEOUT_S, NULL, NULL, NULL);
  } else if (!client) {
    g_autoptr (GError) mapped = md_qmi_port_transport_error (self, error, "QMI client allocation");

    slot->allocating = FALSE;
    if (!mapped) {
      /* The device answered: it lacks the service (firmware without UIM)
       * and will not grow it, so later callers learn it without asking. */
      mapped = g_error_new (MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED, "%s refused a %s client: %s",
                            self->name, qmi_service_get_string (ctx->service), error->message);
      slot->refused = g_error_copy (mapped);
    }
    md_log_debug (self->name, "no %s client: %s", qmi_service_get_string (ctx->service), mapped->message);
    slot_answer (slot, mapped);
  } else {
    slot->allocating = FALSE;
    slot->client = g_steal_pointer (&client);
    md_log_debug (self->name, "%s client %u allocated (instance %u)", qmi_service_get_string (ctx->service),
                  qmi_client_get_cid (slot->client), ctx->instance);
    g_signal_emit_by_name (self, "client-allocated", slot->client);
    slot_answer (slot, NULL);
  }
  g_object_unref (ctx->self);
  g_free (ctx);
}

void
md_qmi_port_get_client_async (MdQmiPort *self, QmiService service, GCancellable *cancellable,
                              GAsyncReadyCallback callback, gpointer user_data)
{
  md_qmi_port_get_client_instance_async (self, service, 0, cancellable, callback, user_data);
}

void
md_qmi_port_get_client_instance_async (MdQmiPort *self, QmiService service, guint instance,
                                       GCancellable *cancellable, GAsyncReadyCallback callback,
                                       gpointer user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  ClientSlot *slot;
  AllocContext *ctx;

  /* A cancelled wait answers MD_CORE_ERROR_CANCELLED, as a cancelled
   * request does (md_qmi_port_transport_error), not GIO's error. */
  g_task_set_check_cancellable (task, FALSE);

  if (!md_qmi_port_is_open (self)) {
    g_task_return_new_error (task, MD_SERIAL_ERROR, MD_SERIAL_ERROR_NOT_OPEN, "%s is not open", self->name);
    g_object_unref (task);
    return;
  }
  slot = g_hash_table_lookup (self->slots, slot_key (service, instance));
  if (!slot) {
    slot = g_new0 (ClientSlot, 1);
    g_hash_table_insert (self->slots, slot_key (service, instance), slot);
  }
  if (slot->client) {
    g_task_return_pointer (task, g_object_ref (slot->client), g_object_unref);
    g_object_unref (task);
    return;
  }
  if (slot->refused) {
    g_task_return_error (task, g_error_copy (slot->refused));
    g_object_unref (task);
    return;
  }
  slot_add_waiter (slot, task);
  if (slot->allocating)
    return;
  slot->allocating = TRUE;
  ctx = g_new0 (AllocContext, 1);
  ctx->self = g_object_ref (self);
  ctx->service = service;
  ctx->instance = instance;
  ctx->generation = self->generation;
  qmi_device_allocate_client (self->device, service, QMI_CID_NONE, MD_QMI_CLIENT_TIMEOUT_S, NULL,
                              allocate_ready, ctx);
}

QmiClient *
md_qmi_port_get_client_finish (MdQmiPort *self, GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

QmiClient *
md_qmi_port_peek_client (MdQmiPort *self, QmiService service)
{
  return md_qmi_port_peek_client_instance (self, service, 0);
}

QmiClient *
md_qmi_port_peek_client_instance (MdQmiPort *self, QmiService service, guint instance)
{
  ClientSlot *slot = g_hash_table_lookup (self->slots, slot_key (service, instance));

  return slot ? slot->client : NULL;
}
