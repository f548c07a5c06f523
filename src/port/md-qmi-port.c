/* SPDX-License-Identifier: GPL-2.0-or-later */
/* MdQmiPort: QmiDevice plus the bookkeeping that makes a vanished device
 * fail its pending requests exactly once. Every request task sits in
 * self->pending until either libqmi answers or the port closes; whichever
 * comes first completes it. Clients are kept per service in self->slots. */
#include "md-qmi-port.h"

#include "md-errors.h"
#include "md-log.h"
#include "md-port-open.h"
#include "md-port.h"

#define CLIENT_TIMEOUT_S 10
#define CLOSE_TIMEOUT_S  1

typedef struct {
  GTask *task; /* owned */
  GCancellable *cancellable;
  GCancellable *outer; /* the task's, owned; NULL when it has none */
  gulong outer_id;
} Pending;

/* One service's client, or the callers waiting while it is allocated. */
typedef struct {
  QmiClient *client;
  GList *waiters; /* GTask*, owned */
  gboolean allocating;
} ClientSlot;

struct _MdQmiPort {
  GObject parent;
  char *device_path;
  char *name;
  QmiDevice *device;
  gulong removed_id;
  GHashTable *slots; /* QmiService -> ClientSlot* */
  GList *pending;    /* Pending* */
  gboolean closed_emitted;
  gboolean use_proxy;
  gboolean over_mbim; /* QMI over MBIM: libqmi sends QMUX in MBIM QMI_MSG commands */
  guint generation;   /* bumped on every close: late allocations are dropped */
};

static void md_qmi_port_face_init (MdPortInterface *iface);

G_DEFINE_TYPE_WITH_CODE (MdQmiPort, md_qmi_port, G_TYPE_OBJECT,
                         G_IMPLEMENT_INTERFACE (MD_TYPE_PORT, md_qmi_port_face_init))

enum { SIGNAL_CLIENT_ALLOCATED, SIGNAL_CLOSED, N_SIGNALS };
static guint signals[N_SIGNALS];

MdQmiPort *
md_qmi_port_new (const char *device, gboolean use_proxy)
{
  MdQmiPort *self = g_object_new (MD_TYPE_QMI_PORT, NULL);

  self->device_path = g_strdup (device);
  self->use_proxy = use_proxy;
  self->name = md_port_name_for_device (device);
  return self;
}

MdQmiPort *
md_qmi_port_new_over_mbim (const char *device, gboolean use_proxy)
{
  MdQmiPort *self = md_qmi_port_new (device, use_proxy);

  self->over_mbim = TRUE;
  return self;
}

gboolean
md_qmi_port_is_over_mbim (MdQmiPort *self)
{
  return self->over_mbim;
}

const char *
md_qmi_port_get_device (MdQmiPort *self)
{
  return self->device_path;
}

const char *
md_qmi_port_get_name (MdQmiPort *self)
{
  return self->name;
}

gboolean
md_qmi_port_is_open (MdQmiPort *self)
{
  return self->device && qmi_device_is_open (self->device);
}

/* --- errors -------------------------------------------------------------- */

GError *
md_qmi_port_transport_error (MdQmiPort *self, const GError *error, const char *what)
{
  if (error->domain == QMI_PROTOCOL_ERROR)
    return NULL;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_new (MD_CORE_ERROR, MD_CORE_ERROR_CANCELLED, "%s cancelled", what);
  if (g_error_matches (error, QMI_CORE_ERROR, QMI_CORE_ERROR_TIMEOUT))
    return g_error_new (MD_SERIAL_ERROR, MD_SERIAL_ERROR_RESPONSE_TIMEOUT, "%s: %s did not answer in time",
                        what, self->name);
  if (g_error_matches (error, QMI_CORE_ERROR, QMI_CORE_ERROR_WRONG_STATE))
    return g_error_new (MD_SERIAL_ERROR, MD_SERIAL_ERROR_NOT_OPEN, "%s: %s is not open", what, self->name);
  if (g_error_matches (error, QMI_CORE_ERROR, QMI_CORE_ERROR_UNSUPPORTED))
    return g_error_new (MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED, "%s: not supported by %s", what,
                        self->name);
  return g_error_new (MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "%s on %s failed: %s", what, self->name,
                      error->message);
}

/* --- pending requests ------------------------------------------------------ */

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

static void
fail_pending (MdQmiPort *self, const char *why)
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

static void
slot_free (ClientSlot *slot)
{
  g_clear_object (&slot->client);
  g_list_free_full (slot->waiters, g_object_unref);
  g_free (slot);
}

static void
slot_answer (ClientSlot *slot, const GError *error)
{
  GList *waiters = g_steal_pointer (&slot->waiters);

  for (GList *l = waiters; l; l = l->next) {
    if (error)
      g_task_return_error (l->data, g_error_copy (error));
    else
      g_task_return_pointer (l->data, g_object_ref (slot->client), g_object_unref);
  }
  g_list_free_full (waiters, g_object_unref);
}

static void
fail_waiters (MdQmiPort *self, const char *why)
{
  GHashTableIter iter;
  ClientSlot *slot;
  g_autoptr (GError) error
    = g_error_new (MD_SERIAL_ERROR, MD_SERIAL_ERROR_NOT_OPEN, "%s %s", self->name, why);

  g_hash_table_iter_init (&iter, self->slots);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&slot))
    slot_answer (slot, error);
}

typedef struct {
  MdQmiPort *self; /* a reference */
  QmiService service;
  guint generation;
} AllocContext;

static void
allocate_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  AllocContext *ctx = user_data;
  MdQmiPort *self = ctx->self;
  g_autoptr (GError) error = NULL;
  g_autoptr (QmiClient) client = qmi_device_allocate_client_finish (QMI_DEVICE (source), result, &error);
  ClientSlot *slot = g_hash_table_lookup (self->slots, GUINT_TO_POINTER (ctx->service));

  if (ctx->generation != self->generation || !slot) {
    /* The port closed meanwhile; its waiters were answered then. */
    if (client)
      qmi_device_release_client (QMI_DEVICE (source), client, QMI_DEVICE_RELEASE_CLIENT_FLAGS_RELEASE_CID,
                                 CLOSE_TIMEOUT_S, NULL, NULL, NULL);
  } else if (!client) {
    g_autoptr (GError) mapped = md_qmi_port_transport_error (self, error, "QMI client allocation");

    slot->allocating = FALSE;
    if (!mapped)
      mapped = g_error_new (MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED, "%s refused a %s client: %s",
                            self->name, qmi_service_get_string (ctx->service), error->message);
    md_log_debug (self->name, "no %s client: %s", qmi_service_get_string (ctx->service), mapped->message);
    slot_answer (slot, mapped);
  } else {
    slot->allocating = FALSE;
    slot->client = g_steal_pointer (&client);
    md_log_debug (self->name, "%s client %u allocated", qmi_service_get_string (ctx->service),
                  qmi_client_get_cid (slot->client));
    g_signal_emit (self, signals[SIGNAL_CLIENT_ALLOCATED], 0, slot->client);
    slot_answer (slot, NULL);
  }
  g_object_unref (ctx->self);
  g_free (ctx);
}

void
md_qmi_port_get_client_async (MdQmiPort *self, QmiService service, GCancellable *cancellable,
                              GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  ClientSlot *slot;
  AllocContext *ctx;

  if (!md_qmi_port_is_open (self)) {
    g_task_return_new_error (task, MD_SERIAL_ERROR, MD_SERIAL_ERROR_NOT_OPEN, "%s is not open", self->name);
    g_object_unref (task);
    return;
  }
  slot = g_hash_table_lookup (self->slots, GUINT_TO_POINTER (service));
  if (!slot) {
    slot = g_new0 (ClientSlot, 1);
    g_hash_table_insert (self->slots, GUINT_TO_POINTER (service), slot);
  }
  if (slot->client) {
    g_task_return_pointer (task, g_object_ref (slot->client), g_object_unref);
    g_object_unref (task);
    return;
  }
  slot->waiters = g_list_append (slot->waiters, task);
  if (slot->allocating)
    return;
  slot->allocating = TRUE;
  ctx = g_new0 (AllocContext, 1);
  ctx->self = g_object_ref (self);
  ctx->service = service;
  ctx->generation = self->generation;
  qmi_device_allocate_client (self->device, service, QMI_CID_NONE, CLIENT_TIMEOUT_S, NULL, allocate_ready,
                              ctx);
}

QmiClient *
md_qmi_port_get_client_finish (MdQmiPort *self, GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

QmiClient *
md_qmi_port_peek_client (MdQmiPort *self, QmiService service)
{
  ClientSlot *slot = g_hash_table_lookup (self->slots, GUINT_TO_POINTER (service));

  return slot ? slot->client : NULL;
}

/* --- device lifetime ------------------------------------------------------ */

/* Releases the clients, then closes the device; the device stays alive
 * through the callbacks' references. */
typedef struct {
  QmiDevice *device;
  guint outstanding;
} CloseContext;

static void
close_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;

  qmi_device_close_finish (QMI_DEVICE (source), result, &error);
}

static void
close_step (CloseContext *ctx)
{
  if (--ctx->outstanding > 0)
    return;
  if (qmi_device_is_open (ctx->device))
    qmi_device_close_async (ctx->device, CLOSE_TIMEOUT_S, NULL, close_done, NULL);
  g_object_unref (ctx->device);
  g_free (ctx);
}

static void
release_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;

  qmi_device_release_client_finish (QMI_DEVICE (source), result, &error);
  close_step (user_data);
}

/* Drops the device and every client; gone: the device is no more, so
 * nothing is sent to it. */
static void
drop_device (MdQmiPort *self, gboolean gone)
{
  g_autoptr (GHashTable) slots = NULL;
  CloseContext *ctx;
  GHashTableIter iter;
  ClientSlot *slot;

  self->generation++;
  if (!self->device)
    return;
  g_clear_signal_handler (&self->removed_id, self->device);
  slots = g_steal_pointer (&self->slots);
  self->slots = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, (GDestroyNotify)slot_free);
  ctx = g_new0 (CloseContext, 1);
  ctx->device = g_steal_pointer (&self->device);
  ctx->outstanding = 1;
  g_hash_table_iter_init (&iter, slots);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&slot)) {
    if (!slot->client)
      continue;
    if (gone || !qmi_device_is_open (ctx->device))
      continue;
    ctx->outstanding++;
    qmi_device_release_client (ctx->device, slot->client, QMI_DEVICE_RELEASE_CLIENT_FLAGS_RELEASE_CID,
                               CLOSE_TIMEOUT_S, NULL, release_done, ctx);
  }
  if (gone && qmi_device_is_open (ctx->device)) {
    /* Nothing left to talk to: close without waiting for answers. */
    qmi_device_close_async (ctx->device, 0, NULL, close_done, NULL);
  }
  close_step (ctx);
}

static void
device_removed (QmiDevice *device, gpointer user_data)
{
  MdQmiPort *self = user_data;
  g_autoptr (GError) error
    = g_error_new (MD_SERIAL_ERROR, MD_SERIAL_ERROR_NOT_OPEN, "%s went away", self->name);

  /* A "closed" handler may drop the last reference to the port. */
  g_object_ref (self);
  md_log_info (self->name, "device removed");
  fail_pending (self, "went away");
  fail_waiters (self, "went away");
  drop_device (self, TRUE);
  if (!self->closed_emitted) {
    self->closed_emitted = TRUE;
    g_signal_emit (self, signals[SIGNAL_CLOSED], 0, error);
    md_port_emit_vanished (MD_PORT (self), error);
  }
  g_object_unref (self);
}

/* --- open ----------------------------------------------------------------- */

typedef struct {
  guint timeout_s;
} OpenContext;

static void
open_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  MdQmiPort *self = g_task_get_source_object (task);
  g_autoptr (GError) error = NULL;
  GError *mapped;

  if (qmi_device_open_finish (QMI_DEVICE (source), result, &error)) {
    md_log_debug (self->name, "QMI device open%s%s", self->over_mbim ? " over MBIM" : "",
                  self->use_proxy ? (self->over_mbim ? " (via mbim-proxy)" : " (via proxy)") : "");
    g_task_return_boolean (task, TRUE);
    return;
  }
  mapped = md_qmi_port_transport_error (self, error, "QMI open");
  if (!mapped)
    mapped = g_error_new (MD_SERIAL_ERROR, MD_SERIAL_ERROR_OPEN_FAILED, "QMI open on %s failed: %s",
                          self->name, error->message);
  else if (mapped->domain == MD_CORE_ERROR && mapped->code != MD_CORE_ERROR_CANCELLED)
    mapped->domain = MD_SERIAL_ERROR, mapped->code = MD_SERIAL_ERROR_OPEN_FAILED;
  if (self->device == QMI_DEVICE (source))
    drop_device (self, TRUE);
  g_task_return_error (task, mapped);
}

static void
device_new_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  MdQmiPort *self = g_task_get_source_object (task);
  OpenContext *ctx = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  GObject *object = g_async_initable_new_finish (G_ASYNC_INITABLE (source), result, &error);
  QmiDeviceOpenFlags flags = QMI_DEVICE_OPEN_FLAGS_NONE;
  GCancellable *cancellable;

  if (!object) {
    g_task_return_new_error (task, MD_SERIAL_ERROR, MD_SERIAL_ERROR_OPEN_FAILED,
                             "Cannot use %s as QMI port: %s", self->device_path, error->message);
    return;
  }
  drop_device (self, TRUE);
  self->device = QMI_DEVICE (object);
  self->closed_emitted = FALSE;
  self->removed_id
    = g_signal_connect (self->device, QMI_DEVICE_SIGNAL_REMOVED, G_CALLBACK (device_removed), self);
  /* Explicit QMI or MBIM mode: "auto" asks the kernel driver, which a pty
   * lacks. Over MBIM the function is shared with the MBIM port's own
   * session (through mbim-proxy), and a CTL Sync would release the client
   * ids of every other QMI user on it, so there is no sync; libqmi then
   * uses mbim-proxy instead of qmi-proxy for the PROXY flag. */
  if (self->over_mbim)
    flags |= QMI_DEVICE_OPEN_FLAGS_MBIM;
  else
    flags |= QMI_DEVICE_OPEN_FLAGS_SYNC;
  if (self->use_proxy)
    flags |= QMI_DEVICE_OPEN_FLAGS_PROXY;
  cancellable = g_task_get_cancellable (task);
  qmi_device_open (self->device, flags, ctx->timeout_s, cancellable, open_ready, g_steal_pointer (&task));
}

void
md_qmi_port_open_async (MdQmiPort *self, guint timeout_s, GCancellable *cancellable,
                        GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr (GFile) file = g_file_new_for_path (self->device_path);
  OpenContext *ctx = g_new0 (OpenContext, 1);

  ctx->timeout_s = timeout_s ? timeout_s : 5;
  g_task_set_task_data (task, ctx, g_free);
  if (md_qmi_port_is_open (self)) {
    g_task_return_boolean (task, TRUE);
    return;
  }
  if (!g_file_test (self->device_path, G_FILE_TEST_EXISTS)) {
    g_task_return_new_error (task, MD_SERIAL_ERROR, MD_SERIAL_ERROR_OPEN_FAILED_NO_DEVICE,
                             "%s does not exist", self->device_path);
    return;
  }
  /* No file check: a pty or an emulated node is not a usbmisc/wwan device,
   * and libqmi would warn about the unknown transport. */
  g_async_initable_new_async (QMI_TYPE_DEVICE, G_PRIORITY_DEFAULT, cancellable, device_new_ready,
                              g_steal_pointer (&task), QMI_DEVICE_FILE, file, QMI_DEVICE_NO_FILE_CHECK, TRUE,
                              NULL);
}

gboolean
md_qmi_port_open_finish (MdQmiPort *self, GAsyncResult *result, GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* --- close ---------------------------------------------------------------- */

void
md_qmi_port_close (MdQmiPort *self)
{
  fail_pending (self, "was closed");
  fail_waiters (self, "was closed");
  drop_device (self, FALSE);
}

/* --- GObject -------------------------------------------------------------- */

static void
md_qmi_port_dispose (GObject *object)
{
  MdQmiPort *self = MD_QMI_PORT (object);

  if (self->slots)
    md_qmi_port_close (self);
  G_OBJECT_CLASS (md_qmi_port_parent_class)->dispose (object);
}

static void
md_qmi_port_finalize (GObject *object)
{
  MdQmiPort *self = MD_QMI_PORT (object);

  g_clear_pointer (&self->slots, g_hash_table_unref);
  g_free (self->device_path);
  g_free (self->name);
  G_OBJECT_CLASS (md_qmi_port_parent_class)->finalize (object);
}

static void
md_qmi_port_class_init (MdQmiPortClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = md_qmi_port_dispose;
  object_class->finalize = md_qmi_port_finalize;
  signals[SIGNAL_CLIENT_ALLOCATED]
    = g_signal_new ("client-allocated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                    G_TYPE_NONE, 1, QMI_TYPE_CLIENT);
  signals[SIGNAL_CLOSED] = g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                         NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
md_qmi_port_init (MdQmiPort *self)
{
  self->slots = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, (GDestroyNotify)slot_free);
}

/* --- the common port face -------------------------------------------------- */

static const char *
face_get_name (MdPort *port)
{
  return md_qmi_port_get_name (MD_QMI_PORT (port));
}

static const char *
face_get_device (MdPort *port)
{
  return md_qmi_port_get_device (MD_QMI_PORT (port));
}

static MdModemPortType
face_get_kind (MdPort *port)
{
  return MD_MODEM_PORT_TYPE_QMI;
}

static void
face_close (MdPort *port)
{
  md_qmi_port_close (MD_QMI_PORT (port));
}

static void
md_qmi_port_face_init (MdPortInterface *iface)
{
  iface->get_name = face_get_name;
  iface->get_device = face_get_device;
  iface->get_kind = face_get_kind;
  iface->close = face_close;
}
