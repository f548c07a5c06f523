/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The USSD session in the core: its state, the call waiting for the
 * network's answer (one at a time) and what the network sent on its own.
 * Sending is the driver's ussd op; answers arrive as reports. */
#include "md-modem-ussd.h"

#include "md-errors.h"
#include "md-log.h"
#include "md-modem-private.h"

struct _MdModemUssdState {
  MdModem3gppUssdSessionState state;
  char *notification;
  char *request;
  GTask *pending; /* Initiate / Respond waiting for the answer */
  guint timeout;
};

static GTask *take_pending (MdModem *self);

/* A modem that went away answers no more: the waiting call ends now
 * rather than at its timeout. */
static void
modem_vanished (MdModem *self, gpointer user_data)
{
  g_autoptr (GTask) pending = take_pending (self);

  self->ussd->state = MD_MODEM_3GPP_USSD_SESSION_STATE_IDLE;
  if (pending)
    g_task_return_new_error (pending, MD_CORE_ERROR, MD_CORE_ERROR_ABORTED, "The modem went away");
}

static MdModemUssdState *
ussd_state (MdModem *self)
{
  if (!self->ussd) {
    self->ussd = g_new0 (MdModemUssdState, 1);
    self->ussd->state = MD_MODEM_3GPP_USSD_SESSION_STATE_IDLE;
    g_signal_connect (self, "vanished", G_CALLBACK (modem_vanished), NULL);
  }
  return self->ussd;
}

gboolean
md_modem_has_ussd (MdModem *self)
{
  const MdModemUssdOps *ops = md_modem_get_ops (self)->ussd;

  return ops && ops->send && ops->cancel;
}

MdModem3gppUssdSessionState
md_modem_ussd_get_state (MdModem *self)
{
  return ussd_state (self)->state;
}

const char *
md_modem_ussd_get_network_notification (MdModem *self)
{
  const char *text = ussd_state (self)->notification;

  return text ? text : "";
}

const char *
md_modem_ussd_get_network_request (MdModem *self)
{
  const char *text = ussd_state (self)->request;

  return text ? text : "";
}

static void
set_state (MdModem *self, MdModem3gppUssdSessionState state)
{
  MdModemUssdState *ussd = ussd_state (self);

  if (ussd->state == state)
    return;
  ussd->state = state;
  md_modem_emit_changed (self);
}

/* Takes the waiting call, if any, with its timer stopped. */
static GTask *
take_pending (MdModem *self)
{
  MdModemUssdState *ussd = ussd_state (self);

  g_clear_handle_id (&ussd->timeout, g_source_remove);
  return g_steal_pointer (&ussd->pending);
}

static void
replace_text (char **field, const char *text)
{
  g_free (*field);
  *field = g_strdup (text ? text : "");
}

void
md_modem_ussd_report (MdModem *self, MdUssdReport report, const char *text)
{
  MdModemUssdState *ussd = ussd_state (self);
  g_autoptr (GTask) pending = take_pending (self);

  md_log_debug (self->log_name, "USSD report %d%s", report, pending ? " (the answer)" : "");
  switch (report) {
  case MD_USSD_REPORT_DONE:
  case MD_USSD_REPORT_ACTION_REQUIRED:
    set_state (self, report == MD_USSD_REPORT_DONE ? MD_MODEM_3GPP_USSD_SESSION_STATE_IDLE
                                                   : MD_MODEM_3GPP_USSD_SESSION_STATE_USER_RESPONSE);
    if (pending) {
      g_task_return_pointer (pending, g_strdup (text ? text : ""), g_free);
      return;
    }
    replace_text (report == MD_USSD_REPORT_DONE ? &ussd->notification : &ussd->request, text);
    md_modem_emit_changed (self);
    return;
  case MD_USSD_REPORT_TERMINATED:
  case MD_USSD_REPORT_FAILED:
    set_state (self, MD_MODEM_3GPP_USSD_SESSION_STATE_IDLE);
    if (pending)
      g_task_return_new_error (pending, MD_CORE_ERROR, MD_CORE_ERROR_FAILED,
                               report == MD_USSD_REPORT_TERMINATED
                                 ? "The network ended the USSD session"
                                 : "The network could not serve the USSD request");
    return;
  }
}

static gboolean
answer_timeout (gpointer user_data)
{
  MdModem *self = user_data;
  g_autoptr (GTask) pending = NULL;

  ussd_state (self)->timeout = 0;
  pending = g_steal_pointer (&ussd_state (self)->pending);
  set_state (self, MD_MODEM_3GPP_USSD_SESSION_STATE_IDLE);
  if (pending)
    g_task_return_new_error (pending, MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "No USSD answer from the network");
  return G_SOURCE_REMOVE;
}

static void
send_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  MdModem *self = MD_MODEM (source);
  GTask *task = user_data; /* the call; the pending slot holds it */
  MdModemUssdState *ussd = ussd_state (self);
  GError *error = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error)) {
    /* The modem took it; the answer may already have come. */
    if (ussd->pending == task && !ussd->timeout)
      ussd->timeout = g_timeout_add_seconds (MD_USSD_ANSWER_TIMEOUT_S, answer_timeout, self);
    return;
  }
  if (ussd->pending != task) {
    g_error_free (error);
    return;
  }
  g_autoptr (GTask) pending = take_pending (self);
  set_state (self, MD_MODEM_3GPP_USSD_SESSION_STATE_IDLE);
  g_task_return_error (pending, error);
}

void
md_modem_ussd_send_async (MdModem *self, gboolean respond, const char *text, GAsyncReadyCallback callback,
                          gpointer user_data)
{
  MdModemUssdState *ussd = ussd_state (self);
  GTask *task = g_task_new (self, NULL, callback, user_data);
  MdModem3gppUssdSessionState needed
    = respond ? MD_MODEM_3GPP_USSD_SESSION_STATE_USER_RESPONSE : MD_MODEM_3GPP_USSD_SESSION_STATE_IDLE;

  if (!md_modem_has_ussd (self)) {
    g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED, "The modem has no USSD");
    g_object_unref (task);
    return;
  }
  if (md_modem_get_state (self) < MD_MODEM_STATE_ENABLED) {
    g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_WRONG_STATE, "USSD needs the modem enabled");
    g_object_unref (task);
    return;
  }
  if (ussd->pending || ussd->state != needed) {
    g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_WRONG_STATE,
                             respond ? "No USSD request from the network to respond to"
                                     : "A USSD session is already in progress");
    g_object_unref (task);
    return;
  }
  ussd->pending = task;
  if (respond)
    g_clear_pointer (&ussd->request, g_free);
  set_state (self, MD_MODEM_3GPP_USSD_SESSION_STATE_ACTIVE);
  md_modem_get_ops (self)->ussd->send (self, text, g_task_new (self, NULL, send_ready, task));
}

char *
md_modem_ussd_send_finish (MdModem *self, GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
cancel_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error)) {
    g_task_return_error (task, error);
    return;
  }
  g_task_return_boolean (task, TRUE);
}

void
md_modem_ussd_cancel_async (MdModem *self, GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task = g_task_new (self, NULL, callback, user_data);
  g_autoptr (GTask) pending = NULL;

  if (!md_modem_has_ussd (self)) {
    g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED, "The modem has no USSD");
    g_object_unref (task);
    return;
  }
  pending = take_pending (self);
  if (pending)
    g_task_return_new_error (pending, MD_CORE_ERROR, MD_CORE_ERROR_CANCELLED, "USSD session cancelled");
  set_state (self, MD_MODEM_3GPP_USSD_SESSION_STATE_IDLE);
  md_modem_get_ops (self)->ussd->cancel (self, g_task_new (self, NULL, cancel_ready, task));
}

gboolean
md_modem_ussd_cancel_finish (MdModem *self, GAsyncResult *result, GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
md_modem_private_finalize_ussd (MdModem *self)
{
  if (!self->ussd)
    return;
  /* A waiting call holds the modem, so none is left here. */
  g_clear_handle_id (&self->ussd->timeout, g_source_remove);
  g_free (self->ussd->notification);
  g_free (self->ussd->request);
  g_clear_pointer (&self->ussd, g_free);
}
