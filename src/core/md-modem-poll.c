/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The poller: a timer per enabled modem and a one-shot poll flow that asks
 * the netreg ops for registration, operator, signal and access technology,
 * the bearer ops whether each connected bearer is still up, and for the
 * traffic. Unsolicited reports update the same values between polls. */
#include "md-modem-poll.h"

#include "md-errors.h"
#include "md-log.h"
#include "md-modem-connect.h"
#include "md-modem-private.h"

typedef enum {
  POLL_STEP_REGISTRATION,
  POLL_STEP_OPERATOR,
  POLL_STEP_SIGNAL,
  POLL_STEP_ACCESS_TECHNOLOGY,
  POLL_STEP_CONNECTIONS,
  POLL_STEP_TRAFFIC,
  POLL_STEP_LAST,
} PollStep;

void
md_modem_poll_set_interval (MdModem *self, guint seconds)
{
  self->poll_interval_s = MAX (seconds, 1);
}

typedef struct {
  PollStep step;
  GError *no_answer; /* the first step the modem did not answer */
  guint next_bearer; /* CONNECTIONS: the index of the bearer checked next */
} PollContext;

static void
poll_context_free (gpointer data)
{
  PollContext *ctx = data;

  g_clear_error (&ctx->no_answer);
  g_free (ctx);
}

guint
md_modem_poll_get_interval (MdModem *self)
{
  return self->poll_interval_s;
}

static void poll_step (GTask *task);

static void
advance (GTask *task)
{
  PollContext *ctx = g_task_get_task_data (task);

  ctx->step++;
  poll_step (task);
}

/* Values a modem lacks are left alone; silence is remembered and ends the
 * poll with an error, so a flow relying on it knows the modem is mute. */
static void
note_error (GTask *task, MdModem *self, const char *what, const GError *error)
{
  PollContext *ctx = g_task_get_task_data (task);

  md_log_debug (md_modem_get_log_name (self), "%s poll: %s", what, error->message);
  if (md_error_is_no_answer (error) && !ctx->no_answer)
    ctx->no_answer = g_error_copy (error);
}

static void
registration_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    note_error (user_data, MD_MODEM (source), "registration", error);
  advance (user_data);
}

static void
operator_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MdNetwork) network = g_task_propagate_pointer (G_TASK (result), &error);

  if (error)
    note_error (user_data, MD_MODEM (source), "operator", error);
  if (network)
    md_modem_set_operator (MD_MODEM (source), network->code, network->long_name);
  advance (user_data);
}

static void
signal_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  gssize quality = g_task_propagate_int (G_TASK (result), &error);

  /* A modem that cannot answer now (its only AT port carries a PPP call)
   * keeps its last value, which only stops being recent with time, as in
   * ModemManager. */
  if (error) {
    note_error (user_data, MD_MODEM (source), "signal", error);
    md_modem_age_signal_quality (MD_MODEM (source));
  } else
    md_modem_set_signal_quality (MD_MODEM (source), (guint)quality, TRUE);
  advance (user_data);
}

static void
access_technology_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  gssize act = g_task_propagate_int (G_TASK (result), &error);

  if (error)
    note_error (user_data, MD_MODEM (source), "access technology", error);
  if (!error && md_modem_is_registered (MD_MODEM (source)))
    md_modem_set_access_technologies (MD_MODEM (source), (guint32)act);
  advance (user_data);
}

static void
traffic_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree MdTraffic *traffic = g_task_propagate_pointer (G_TASK (result), &error);

  if (traffic)
    md_modem_apply_traffic (MD_MODEM (source), traffic);
  else
    note_error (user_data, MD_MODEM (source), "traffic", error);
  advance (user_data);
}

static void check_next_connection (GTask *task);

static void
connection_checked (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  g_autoptr (GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    note_error (task, MD_MODEM (source), "connection", error);
  check_next_connection (task);
}

/* Each connected bearer in turn; a modem that did not answer is not asked
 * about the rest. */
static void
check_next_connection (GTask *task)
{
  MdModem *self = g_task_get_source_object (task);
  PollContext *ctx = g_task_get_task_data (task);
  GPtrArray *bearers = md_modem_get_bearers (self);

  while (!ctx->no_answer && !md_modem_has_vanished (self) && ctx->next_bearer < bearers->len) {
    MdBearer *bearer = g_ptr_array_index (bearers, ctx->next_bearer++);

    if (md_bearer_is_connected (bearer)) {
      md_modem_get_ops (self)->bearer->check_connection (
        self, bearer, g_task_new (self, g_task_get_cancellable (task), connection_checked, task));
      return;
    }
  }
  advance (task);
}

static gboolean
any_bearer_connected (MdModem *self)
{
  GPtrArray *bearers = md_modem_get_bearers (self);

  for (guint i = 0; i < bearers->len; i++) {
    if (md_bearer_is_connected (g_ptr_array_index (bearers, i)))
      return TRUE;
  }
  return FALSE;
}

static MdModemOp
step_op (MdModem *self, PollStep step, GAsyncReadyCallback *ready)
{
  const MdModemNetregOps *ops = md_modem_get_ops (self)->netreg;
  const MdModemBearerOps *bearer_ops = md_modem_get_ops (self)->bearer;

  if (step == POLL_STEP_TRAFFIC) {
    *ready = traffic_ready;
    return bearer_ops && any_bearer_connected (self) ? bearer_ops->load_traffic : NULL;
  }
  if (!ops)
    return NULL;
  switch (step) {
  case POLL_STEP_REGISTRATION: *ready = registration_ready; return ops->poll_registration;
  case POLL_STEP_OPERATOR:
    *ready = operator_ready;
    return md_modem_is_registered (self) ? ops->load_operator : NULL;
  case POLL_STEP_SIGNAL: *ready = signal_ready; return ops->load_signal_quality;
  case POLL_STEP_ACCESS_TECHNOLOGY: *ready = access_technology_ready; return ops->load_access_technologies;
  case POLL_STEP_CONNECTIONS:
  case POLL_STEP_TRAFFIC:
  case POLL_STEP_LAST: break;
  }
  return NULL;
}

static void
poll_step (GTask *task)
{
  MdModem *self = g_task_get_source_object (task);
  PollContext *ctx = g_task_get_task_data (task);

  /* A modem that left one query unanswered is not asked the rest. */
  while (ctx->step < POLL_STEP_LAST && !md_modem_has_vanished (self) && !ctx->no_answer) {
    GAsyncReadyCallback ready = NULL;
    MdModemOp op;

    if (ctx->step == POLL_STEP_CONNECTIONS) {
      const MdModemBearerOps *bearer_ops = md_modem_get_ops (self)->bearer;

      if (bearer_ops && bearer_ops->check_connection) {
        check_next_connection (task);
        return;
      }
      ctx->step++;
      continue;
    }
    op = step_op (self, ctx->step, &ready);

    if (op) {
      op (self, g_task_new (self, g_task_get_cancellable (task), ready, task));
      return;
    }
    ctx->step++;
  }
  if (md_modem_has_vanished (self))
    g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_ABORTED, "The device vanished");
  else if (ctx->no_answer)
    g_task_return_error (task, g_steal_pointer (&ctx->no_answer));
  else
    g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

void
md_modem_poll_now_async (MdModem *self, GCancellable *cancellable, GAsyncReadyCallback callback,
                         gpointer user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_task_data (task, g_new0 (PollContext, 1), poll_context_free);
  poll_step (task);
}

gboolean
md_modem_poll_now_finish (MdModem *self, GAsyncResult *result, GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
timer_poll_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  md_modem_poll_now_finish (MD_MODEM (source), result, NULL);
  md_modem_operation_end (MD_MODEM (source), user_data);
}

/* The timer's poll is an operation of its own, so it never interleaves
 * with a disable; while another operation runs the tick is skipped. */
static gboolean
poll_timeout (gpointer user_data)
{
  MdModem *self = user_data;
  MdOperation *op = md_modem_operation_try_begin (self, MD_OPERATION_POLL);

  if (op)
    md_modem_poll_now_async (self, NULL, timer_poll_ready, op);
  return G_SOURCE_CONTINUE;
}

void
md_modem_poll_kick (MdModem *self)
{
  if (self->poll_source)
    poll_timeout (self);
}

void
md_modem_poll_start (MdModem *self)
{
  if (self->poll_source)
    return;
  self->poll_source = g_timeout_add_seconds (self->poll_interval_s, poll_timeout, self);
}

void
md_modem_poll_stop (MdModem *self)
{
  g_clear_handle_id (&self->poll_source, g_source_remove);
}
