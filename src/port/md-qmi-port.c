/* SPDX-License-Identifier: GPL-2.0-or-later */
/* MdQmiPort: the QmiDevice's lifetime (open in QMI mode, close with the
 * clients released, the device vanishing), the port's signals and its
 * common port face. Requests and clients: md-qmi-port-requests.c. */
#include "md-qmi-port-private.h"

#include "md-errors.h"
#include "md-log.h"
#include "md-port-closing.h"
#include "md-port-open.h"
#include "md-port.h"

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

/* --- device lifetime ------------------------------------------------------ */

/* Releases the clients, then closes the device; the device stays alive
 * through the callbacks' references. */
typedef struct {
  QmiDevice *device;
  char *device_path; /* in md-port-closing's table until the close is over */
  guint outstanding;
} CloseContext;

static void
close_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autofree char *device_path = user_data;
  g_autoptr (GError) error = NULL;

  qmi_device_close_finish (QMI_DEVICE (source), result, &error);
  if (device_path)
    md_port_closing_end (device_path);
}

static void
close_step (CloseContext *ctx)
{
  if (--ctx->outstanding > 0)
    return;
  if (qmi_device_is_open (ctx->device))
    qmi_device_close_async (ctx->device, MD_QMI_CLOSE_TIMEOUT_S, NULL, close_done,
                            g_steal_pointer (&ctx->device_path));
  else
    md_port_closing_end (ctx->device_path);
  g_object_unref (ctx->device);
  g_free (ctx->device_path);
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
  self->slots = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, md_qmi_port_slot_free);
  ctx = g_new0 (CloseContext, 1);
  ctx->device = g_steal_pointer (&self->device);
  ctx->device_path = g_strdup (self->device_path);
  ctx->outstanding = 1;
  md_port_closing_begin (ctx->device_path);
  g_hash_table_iter_init (&iter, slots);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&slot)) {
    if (!slot->client)
      continue;
    if (gone || !qmi_device_is_open (ctx->device))
      continue;
    ctx->outstanding++;
    qmi_device_release_client (ctx->device, slot->client, QMI_DEVICE_RELEASE_CLIENT_FLAGS_RELEASE_CID,
                               MD_QMI_CLOSE_TIMEOUT_S, NULL, release_done, ctx);
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
  md_qmi_port_fail_pending (self, "went away");
  md_qmi_port_fail_waiters (self, "went away");
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
  QmiDeviceOpenFlags flags;
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
  /* Explicit QMI mode: "auto" asks the kernel driver, which a pty lacks.
   * Alone on the port, a CTL sync drops the client ids a previous owner
   * left; through the proxy it would drop those of the proxy's other
   * clients (qmicli -p), so the proxy keeps them. Over MBIM (MBIM mode,
   * where PROXY means mbim-proxy) the function is always shared with the
   * MBIM port's own session and other QMI users on it: no sync. */
  flags = self->use_proxy ? QMI_DEVICE_OPEN_FLAGS_PROXY : QMI_DEVICE_OPEN_FLAGS_SYNC;
  if (self->over_mbim)
    flags = (flags & ~QMI_DEVICE_OPEN_FLAGS_SYNC) | QMI_DEVICE_OPEN_FLAGS_MBIM;
  cancellable = g_task_get_cancellable (task);
  qmi_device_open (self->device, flags, ctx->timeout_s, cancellable, open_ready, g_steal_pointer (&task));
}

/* Once the device's previous session is closed (md-port-closing.h). */
static void
open_after_closes (GTask *task)
{
  MdQmiPort *self = g_task_get_source_object (task);
  g_autoptr (GFile) file = g_file_new_for_path (self->device_path);

  /* No file check: a pty or an emulated node is not a usbmisc/wwan device,
   * and libqmi would warn about the unknown transport. */
  g_async_initable_new_async (QMI_TYPE_DEVICE, G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                              device_new_ready, task, QMI_DEVICE_FILE, file, QMI_DEVICE_NO_FILE_CHECK, TRUE,
                              NULL);
}

void
md_qmi_port_open_async (MdQmiPort *self, guint timeout_s, GCancellable *cancellable,
                        GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);
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
  md_port_after_closes (self->device_path, open_after_closes, g_steal_pointer (&task));
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
  md_qmi_port_fail_pending (self, "was closed");
  md_qmi_port_fail_waiters (self, "was closed");
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
  self->slots = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, md_qmi_port_slot_free);
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
