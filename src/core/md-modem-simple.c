/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Simple.Connect as one flow: unlock with the given PIN, enable, register
 * (in the given operator or automatically), wait for registration, then
 * reuse a matching bearer or create one, and connect it. */
#include "md-modem-connect.h"

#include "md-errors.h"
#include "md-log.h"
#include "md-modem-enable.h"
#include "md-modem-poll.h"
#include "md-modem-unlock.h"

#define REGISTRATION_CHECK_MS 500

/* How long Simple.Connect waits for a modem that is still searching. */
#define REGISTRATION_TIMEOUT_SECONDS 60

typedef enum {
  SIMPLE_STEP_UNLOCK,
  SIMPLE_STEP_ENABLE,
  SIMPLE_STEP_REGISTER,
  SIMPLE_STEP_WAIT_REGISTRATION,
  SIMPLE_STEP_BEARER,
  SIMPLE_STEP_CONNECT,
  SIMPLE_STEP_LAST,
} SimpleStep;

typedef struct {
  SimpleStep step;
  MdSimpleConnectRequest *request;
  MdBearer *bearer;
  gint64 registration_deadline;
  guint wait_source;
} SimpleContext;

void
md_simple_connect_request_free (MdSimpleConnectRequest *request)
{
  if (!request)
    return;
  md_bearer_settings_free (request->bearer);
  g_free (request->pin);
  g_free (request->operator_id);
  g_free (request);
}

static void
simple_context_free (gpointer data)
{
  SimpleContext *ctx = data;

  g_clear_handle_id (&ctx->wait_source, g_source_remove);
  md_simple_connect_request_free (ctx->request);
  g_clear_object (&ctx->bearer);
  g_free (ctx);
}

static void simple_step (GTask *task);

static void
fail (GTask *task, GError *error)
{
  g_task_return_error (task, error);
  g_object_unref (task);
}

static void
advance (GTask *task)
{
  SimpleContext *ctx = g_task_get_task_data (task);

  ctx->step++;
  simple_step (task);
}

static void
unlock_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GError *error = NULL;

  if (!md_modem_sim_action_finish (MD_MODEM (source), result, &error)) {
    fail (user_data, error);
    return;
  }
  advance (user_data);
}

static void
enable_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GError *error = NULL;

  if (!md_modem_enable_finish (MD_MODEM (source), result, &error)) {
    fail (user_data, error);
    return;
  }
  advance (user_data);
}

static void
register_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error)) {
    fail (user_data, error);
    return;
  }
  advance (user_data);
}

static void
connect_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  SimpleContext *ctx = g_task_get_task_data (task);
  GError *error = NULL;

  if (!md_modem_connect_bearer_finish (MD_MODEM (source), result, &error)) {
    fail (task, error);
    return;
  }
  g_task_return_pointer (task, g_steal_pointer (&ctx->bearer), g_object_unref);
  g_object_unref (task);
}

static void poll_ready (GObject *source, GAsyncResult *result, gpointer user_data);

static gboolean
wait_registration_tick (gpointer user_data)
{
  GTask *task = user_data;
  SimpleContext *ctx = g_task_get_task_data (task);

  ctx->wait_source = 0;
  md_modem_poll_now_async (g_task_get_source_object (task), g_task_get_cancellable (task), poll_ready, task);
  return G_SOURCE_REMOVE;
}

static void
wait_registration (GTask *task)
{
  MdModem *self = g_task_get_source_object (task);
  SimpleContext *ctx = g_task_get_task_data (task);

  if (md_modem_is_registered (self)) {
    advance (task);
    return;
  }
  if (md_modem_has_vanished (self)) {
    fail (task, g_error_new (MD_CORE_ERROR, MD_CORE_ERROR_ABORTED, "The device vanished"));
    return;
  }
  /* A network that refused us will not take us a second later. */
  if (md_modem_get_registration_state (self) == MD_MODEM_3GPP_REGISTRATION_STATE_DENIED) {
    fail (task, g_error_new (MD_MOBILE_EQUIPMENT_ERROR, MD_MOBILE_EQUIPMENT_ERROR_NETWORK_NOT_ALLOWED,
                             "The network denied registration"));
    return;
  }
  if (g_get_monotonic_time () >= ctx->registration_deadline) {
    fail (task, g_error_new (MD_MOBILE_EQUIPMENT_ERROR, MD_MOBILE_EQUIPMENT_ERROR_NO_NETWORK,
                             "The modem did not register within %u seconds", REGISTRATION_TIMEOUT_SECONDS));
    return;
  }
  ctx->wait_source = g_timeout_add (REGISTRATION_CHECK_MS, wait_registration_tick, task);
}

static void
poll_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  md_modem_poll_now_finish (MD_MODEM (source), result, NULL);
  wait_registration (user_data);
}

static gboolean
settings_match (const MdBearerSettings *a, const MdBearerSettings *b)
{
  return g_strcmp0 (a->apn, b->apn) == 0 && a->ip_type == b->ip_type && g_strcmp0 (a->user, b->user) == 0
         && g_strcmp0 (a->password, b->password) == 0 && a->allowed_auth == b->allowed_auth
         && a->allow_roaming == b->allow_roaming && g_strcmp0 (a->number, b->number) == 0;
}

/* Reuses a bearer with the same settings, as ModemManager does, so repeated
 * connects do not pile up bearers. */
static MdBearer *
find_or_create_bearer (MdModem *self, SimpleContext *ctx, GError **error)
{
  GPtrArray *bearers = md_modem_get_bearers (self);

  for (guint i = 0; i < bearers->len; i++) {
    MdBearer *bearer = g_ptr_array_index (bearers, i);

    if (settings_match (md_bearer_get_settings (bearer), ctx->request->bearer))
      return g_object_ref (bearer);
  }
  if (bearers->len >= md_modem_get_max_bearers (self)) {
    for (guint i = 0; i < bearers->len; i++) {
      MdBearer *bearer = g_ptr_array_index (bearers, i);

      /* An idle bearer with other settings makes room for the new one. */
      if (!md_bearer_is_connected (bearer)) {
        md_modem_remove_bearer (self, bearer);
        break;
      }
    }
  }
  {
    MdBearer *bearer = md_modem_create_bearer (self, g_steal_pointer (&ctx->request->bearer), error);
    return bearer ? g_object_ref (bearer) : NULL;
  }
}

static void
step_unlock (MdModem *self, GTask *task, SimpleContext *ctx)
{
  if (md_modem_get_state (self) != MD_MODEM_STATE_LOCKED) {
    advance (task);
    return;
  }
  if (!ctx->request->pin) {
    fail (task, g_error_new (MD_MOBILE_EQUIPMENT_ERROR,
                             md_modem_get_unlock_required (self) == MD_MODEM_LOCK_SIM_PUK
                               ? MD_MOBILE_EQUIPMENT_ERROR_SIM_PUK
                               : MD_MOBILE_EQUIPMENT_ERROR_SIM_PIN,
                             "The SIM is locked and no PIN was given"));
    return;
  }
  md_modem_send_pin_async (self, ctx->request->pin, g_task_get_cancellable (task), unlock_ready, task);
}

static void
simple_step (GTask *task)
{
  MdModem *self = g_task_get_source_object (task);
  SimpleContext *ctx = g_task_get_task_data (task);
  const MdModemNetregOps *netreg = md_modem_get_ops (self)->netreg;
  GError *error = NULL;

  switch (ctx->step) {
  case SIMPLE_STEP_UNLOCK: step_unlock (self, task, ctx); return;
  case SIMPLE_STEP_ENABLE:
    md_modem_enable_async (self, TRUE, g_task_get_cancellable (task), enable_ready, task);
    return;
  case SIMPLE_STEP_REGISTER:
    if (ctx->request->operator_id && *ctx->request->operator_id && netreg && netreg->register_network) {
      netreg->register_network (self, ctx->request->operator_id,
                                g_task_new (self, g_task_get_cancellable (task), register_ready, task));
      return;
    }
    advance (task);
    return;
  case SIMPLE_STEP_WAIT_REGISTRATION:
    ctx->registration_deadline = g_get_monotonic_time () + REGISTRATION_TIMEOUT_SECONDS * G_USEC_PER_SEC;
    wait_registration (task);
    return;
  case SIMPLE_STEP_BEARER:
    ctx->bearer = find_or_create_bearer (self, ctx, &error);
    if (!ctx->bearer) {
      fail (task, error);
      return;
    }
    advance (task);
    return;
  case SIMPLE_STEP_CONNECT:
    if (md_bearer_is_connected (ctx->bearer)) {
      advance (task);
      return;
    }
    md_modem_connect_bearer_async (self, ctx->bearer, g_task_get_cancellable (task), connect_ready, task);
    return;
  case SIMPLE_STEP_LAST:
    g_task_return_pointer (task, g_steal_pointer (&ctx->bearer), g_object_unref);
    g_object_unref (task);
    return;
  }
}

void
md_modem_simple_connect_async (MdModem *self, MdSimpleConnectRequest *request, GCancellable *cancellable,
                               GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  SimpleContext *ctx = g_new0 (SimpleContext, 1);

  ctx->request = request;
  g_task_set_task_data (task, ctx, simple_context_free);
  simple_step (task);
}

MdBearer *
md_modem_simple_connect_finish (MdModem *self, GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
