/* SPDX-License-Identifier: GPL-2.0-or-later */
/* MdMbimPort: MbimDevice plus the bookkeeping that makes a vanished device
 * fail its pending requests exactly once. Every request task sits in
 * self->pending until either libmbim answers or the port closes; whichever
 * comes first completes it. */
#include "md-mbim-port.h"

#include "md-errors.h"
#include "md-log.h"
#include "md-port-closing.h"
#include "md-port-open.h"
#include "md-port.h"

struct _MdMbimPort {
  GObject parent;
  char *device_path;
  char *name;
  MbimDevice *device;
  gulong indication_id;
  gulong removed_id;
  gulong error_id;
  GList *pending; /* GTask*, owned by the list */
  gboolean closed_emitted;
  gboolean session_lost; /* "session-lost" emitted for this device */
  gboolean use_proxy;
};

static void md_mbim_port_face_init (MdPortInterface *iface);

G_DEFINE_TYPE_WITH_CODE (MdMbimPort, md_mbim_port, G_TYPE_OBJECT,
                         G_IMPLEMENT_INTERFACE (MD_TYPE_PORT, md_mbim_port_face_init))

enum { SIGNAL_INDICATION, SIGNAL_CLOSED, SIGNAL_SESSION_LOST, N_SIGNALS };
static guint signals[N_SIGNALS];

MdMbimPort *
md_mbim_port_new (const char *device, gboolean use_proxy)
{
  MdMbimPort *self = g_object_new (MD_TYPE_MBIM_PORT, NULL);

  self->device_path = g_strdup (device);
  self->use_proxy = use_proxy;
  self->name = md_port_name_for_device (device);
  return self;
}

gboolean
md_mbim_port_get_use_proxy (MdMbimPort *self)
{
  return self->use_proxy;
}

const char *
md_mbim_port_get_device (MdMbimPort *self)
{
  return self->device_path;
}

const char *
md_mbim_port_get_name (MdMbimPort *self)
{
  return self->name;
}

gboolean
md_mbim_port_is_open (MdMbimPort *self)
{
  return self->device && mbim_device_is_open (self->device);
}

/* --- errors -------------------------------------------------------------- */

/* libmbim's transport errors in our vocabulary; anything else keeps its
 * message under MD_CORE_ERROR_FAILED. */
static GError *
transport_error (MdMbimPort *self, const GError *error, const char *what)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_new (MD_CORE_ERROR, MD_CORE_ERROR_CANCELLED, "%s cancelled", what);
  if (g_error_matches (error, MBIM_CORE_ERROR, MBIM_CORE_ERROR_TIMEOUT))
    return g_error_new (MD_SERIAL_ERROR, MD_SERIAL_ERROR_RESPONSE_TIMEOUT, "%s: %s did not answer in time",
                        what, self->name);
  if (g_error_matches (error, MBIM_CORE_ERROR, MBIM_CORE_ERROR_WRONG_STATE)
      || g_error_matches (error, MBIM_PROTOCOL_ERROR, MBIM_PROTOCOL_ERROR_NOT_OPENED))
    return g_error_new (MD_SERIAL_ERROR, MD_SERIAL_ERROR_NOT_OPEN, "%s: %s is not open", what, self->name);
  return g_error_new (MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "%s on %s failed: %s", what, self->name,
                      error->message);
}

/* --- pending requests ------------------------------------------------------ */

static gboolean
pending_take (MdMbimPort *self, GTask *task)
{
  GList *link = g_list_find (self->pending, task);

  if (!link)
    return FALSE;
  self->pending = g_list_delete_link (self->pending, link);
  return TRUE;
}

static void
fail_pending (MdMbimPort *self, const char *why)
{
  GList *pending = g_steal_pointer (&self->pending);

  for (GList *l = pending; l; l = l->next) {
    GTask *task = l->data;

    g_task_return_new_error (task, MD_SERIAL_ERROR, MD_SERIAL_ERROR_NOT_OPEN, "%s %s", self->name, why);
    g_object_unref (task);
  }
  g_list_free (pending);
}

/* --- device lifetime ------------------------------------------------------ */

static void
drop_device (MdMbimPort *self)
{
  if (!self->device)
    return;
  g_clear_signal_handler (&self->indication_id, self->device);
  g_clear_signal_handler (&self->removed_id, self->device);
  g_clear_signal_handler (&self->error_id, self->device);
  g_clear_object (&self->device);
}

static void
device_indication (MbimDevice *device, MbimMessage *message, gpointer user_data)
{
  MdMbimPort *self = user_data;

  g_signal_emit (self, signals[SIGNAL_INDICATION], 0, message);
}

static void
device_removed (MbimDevice *device, gpointer user_data)
{
  MdMbimPort *self = user_data;
  g_autoptr (GError) error
    = g_error_new (MD_SERIAL_ERROR, MD_SERIAL_ERROR_NOT_OPEN, "%s went away", self->name);

  /* A "closed" handler may drop the last reference to the port. */
  g_object_ref (self);
  md_log_info (self->name, "device removed");
  fail_pending (self, "went away");
  g_autoptr (MbimDevice) gone = g_object_ref (self->device);
  drop_device (self);
  mbim_device_close_force (gone, NULL);
  if (!self->closed_emitted) {
    self->closed_emitted = TRUE;
    g_signal_emit (self, signals[SIGNAL_CLOSED], 0, error);
    md_port_emit_vanished (MD_PORT (self), error);
  }
  g_object_unref (self);
}

static void
device_error (MbimDevice *device, GError *error, gpointer user_data)
{
  MdMbimPort *self = user_data;

  md_log_warn (self->name, "device error: %s", error ? error->message : "unknown");
  /* The function closed by itself: the modem restarted without leaving the
   * bus (a reset-resume), or another host opened it again. */
  if (g_error_matches (error, MBIM_PROTOCOL_ERROR, MBIM_PROTOCOL_ERROR_NOT_OPENED) && !self->session_lost) {
    self->session_lost = TRUE;
    g_signal_emit (self, signals[SIGNAL_SESSION_LOST], 0);
  }
}

/* --- open ----------------------------------------------------------------- */

typedef struct {
  guint timeout_s;
} OpenContext;

static void
open_full_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  MdMbimPort *self = g_task_get_source_object (task);
  g_autoptr (GError) error = NULL;

  if (!mbim_device_open_full_finish (MBIM_DEVICE (source), result, &error)) {
    GError *mapped = transport_error (self, error, "MBIM open");

    if (mapped->domain == MD_CORE_ERROR && mapped->code == MD_CORE_ERROR_FAILED)
      mapped->domain = MD_SERIAL_ERROR, mapped->code = MD_SERIAL_ERROR_OPEN_FAILED;
    drop_device (self);
    g_task_return_error (task, mapped);
    return;
  }
  md_log_debug (self->name, "MBIM session open%s", self->use_proxy ? " (via proxy)" : "");
  g_task_return_boolean (task, TRUE);
}

static void
device_new_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  MdMbimPort *self = g_task_get_source_object (task);
  OpenContext *ctx = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  MbimDevice *device = mbim_device_new_finish (result, &error);
  MbimDeviceOpenFlags flags = self->use_proxy ? MBIM_DEVICE_OPEN_FLAGS_PROXY : MBIM_DEVICE_OPEN_FLAGS_NONE;
  GCancellable *cancellable;

  if (!device) {
    g_task_return_new_error (task, MD_SERIAL_ERROR, MD_SERIAL_ERROR_OPEN_FAILED,
                             "Cannot use %s as MBIM port: %s", self->device_path, error->message);
    return;
  }
  drop_device (self);
  self->device = device;
  self->closed_emitted = FALSE;
  self->session_lost = FALSE;
  self->indication_id
    = g_signal_connect (device, MBIM_DEVICE_SIGNAL_INDICATE_STATUS, G_CALLBACK (device_indication), self);
  self->removed_id = g_signal_connect (device, MBIM_DEVICE_SIGNAL_REMOVED, G_CALLBACK (device_removed), self);
  self->error_id = g_signal_connect (device, MBIM_DEVICE_SIGNAL_ERROR, G_CALLBACK (device_error), self);
  cancellable = g_task_get_cancellable (task);
  mbim_device_open_full (device, flags, ctx->timeout_s, cancellable, open_full_ready,
                         g_steal_pointer (&task));
}

/* Once the device's previous session is closed (md-port-closing.h). */
static void
open_after_closes (GTask *task)
{
  MdMbimPort *self = g_task_get_source_object (task);
  g_autoptr (GFile) file = g_file_new_for_path (self->device_path);

  mbim_device_new (file, g_task_get_cancellable (task), device_new_ready, task);
}

void
md_mbim_port_open_async (MdMbimPort *self, guint timeout_s, GCancellable *cancellable,
                         GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);
  OpenContext *ctx = g_new0 (OpenContext, 1);

  ctx->timeout_s = timeout_s ? timeout_s : 5;
  g_task_set_task_data (task, ctx, g_free);
  if (md_mbim_port_is_open (self)) {
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
md_mbim_port_open_finish (MdMbimPort *self, GAsyncResult *result, GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* --- commands ------------------------------------------------------------- */

static void
command_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data; /* the device call's own reference */
  MdMbimPort *self = g_task_get_source_object (task);
  g_autoptr (GError) error = NULL;
  MbimMessage *response = mbim_device_command_finish (MBIM_DEVICE (source), result, &error);

  if (!pending_take (self, task)) {
    /* Already failed because the port closed. */
    g_clear_pointer (&response, mbim_message_unref);
    return;
  }
  /* A FUNCTION_ERROR answers the request in place of COMMAND_DONE. */
  if (response && mbim_message_get_message_type (response) == MBIM_MESSAGE_TYPE_FUNCTION_ERROR) {
    error = mbim_message_error_get_error (response);
    g_clear_pointer (&response, mbim_message_unref);
  }
  if (!response)
    g_task_return_error (task, transport_error (self, error, "MBIM request"));
  else
    g_task_return_pointer (task, response, (GDestroyNotify)mbim_message_unref);
  g_object_unref (task); /* the list's reference */
}

void
md_mbim_port_command (MdMbimPort *self, MbimMessage *request, guint timeout_s, GCancellable *cancellable,
                      GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  if (!md_mbim_port_is_open (self)) {
    g_task_return_new_error (task, MD_SERIAL_ERROR, MD_SERIAL_ERROR_NOT_OPEN, "%s is not open", self->name);
    g_object_unref (task);
    return;
  }
  self->pending = g_list_append (self->pending, task);
  mbim_device_command (self->device, request, timeout_s ? timeout_s : 10, cancellable, command_ready,
                       g_object_ref (task));
}

MbimMessage *
md_mbim_port_command_finish (MdMbimPort *self, GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- close ---------------------------------------------------------------- */

static void
close_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autofree char *device_path = user_data;
  g_autoptr (GError) error = NULL;

  if (!mbim_device_close_finish (MBIM_DEVICE (source), result, &error))
    mbim_device_close_force (MBIM_DEVICE (source), NULL);
  md_port_closing_end (device_path);
}

void
md_mbim_port_close (MdMbimPort *self)
{
  g_autoptr (MbimDevice) device = self->device ? g_object_ref (self->device) : NULL;

  fail_pending (self, "was closed");
  if (!device)
    return;
  drop_device (self);
  if (mbim_device_is_open (device)) {
    md_port_closing_begin (self->device_path);
    mbim_device_close (device, 1, NULL, close_ready, g_strdup (self->device_path));
  } else
    mbim_device_close_force (device, NULL);
}

/* --- GObject -------------------------------------------------------------- */

static void
md_mbim_port_dispose (GObject *object)
{
  MdMbimPort *self = MD_MBIM_PORT (object);

  md_mbim_port_close (self);
  G_OBJECT_CLASS (md_mbim_port_parent_class)->dispose (object);
}

static void
md_mbim_port_finalize (GObject *object)
{
  MdMbimPort *self = MD_MBIM_PORT (object);

  g_free (self->device_path);
  g_free (self->name);
  G_OBJECT_CLASS (md_mbim_port_parent_class)->finalize (object);
}

static void
md_mbim_port_class_init (MdMbimPortClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = md_mbim_port_dispose;
  object_class->finalize = md_mbim_port_finalize;
  signals[SIGNAL_INDICATION] = g_signal_new ("indication", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                             NULL, NULL, NULL, G_TYPE_NONE, 1, MBIM_TYPE_MESSAGE);
  signals[SIGNAL_CLOSED] = g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                         NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
  signals[SIGNAL_SESSION_LOST] = g_signal_new ("session-lost", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                               0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
md_mbim_port_init (MdMbimPort *self)
{
}

/* --- the common port face -------------------------------------------------- */

static const char *
face_get_name (MdPort *port)
{
  return md_mbim_port_get_name (MD_MBIM_PORT (port));
}

static const char *
face_get_device (MdPort *port)
{
  return md_mbim_port_get_device (MD_MBIM_PORT (port));
}

static MdModemPortType
face_get_kind (MdPort *port)
{
  return MD_MODEM_PORT_TYPE_MBIM;
}

static void
face_close (MdPort *port)
{
  md_mbim_port_close (MD_MBIM_PORT (port));
}

static void
md_mbim_port_face_init (MdPortInterface *iface)
{
  iface->get_name = face_get_name;
  iface->get_device = face_get_device;
  iface->get_kind = face_get_kind;
  iface->close = face_close;
}
