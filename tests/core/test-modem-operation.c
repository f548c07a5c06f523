/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The per-modem operation queue: FIFO order, the poller's skipped turns,
 * preemption of connects, refusal after the device vanished, and the real
 * flows (connect, delete, disable, Simple.Connect) racing each other over
 * fake ops whose completion the test controls; Simple.Connect's wait for
 * registration (its timeout, a late registration) and when the bearer it
 * creates is announced; the poll's check of connected bearers. */
#include <string.h>

#include "md-errors.h"
#include "md-modem-connect.h"
#include "md-modem-enable.h"
#include "md-modem-operation.h"
#include "md-modem-poll.h"

/* --- fake ops ------------------------------------------------------------ */

typedef struct {
  MdModem3gppRegistrationState network; /* what poll_registration reports */
  gboolean hold_connect;                /* keep connects pending */
  GTask *pending_connect;
  MdBearer *pending_bearer;
  guint connects;
  guint disconnects;
  MdModemPowerState last_power;
  guint added;              /* "bearer-added" signals */
  guint removed;            /* "bearer-removed" signals */
  guint added_at_connect;   /* added when the connect op began */
  MdModemState added_state; /* the modem's state at the last "bearer-added" */
  GPtrArray *checked;       /* MdBearer* (borrowed) check_connection was asked about */
  gboolean connection_gone; /* check_connection finds the connection gone */
} Fake;

static Fake fake;

static void
fake_set_power (MdModem *modem, MdModemPowerState state, GTask *task)
{
  fake.last_power = state;
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
fake_poll_registration (MdModem *modem, GTask *task)
{
  md_modem_update_registration (modem, MD_REG_DOMAIN_PS, fake.network, NULL, 0);
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
finish_connect (MdBearer *bearer, GTask *task)
{
  md_bearer_set_connected (bearer, "ppp0", md_ip_config_new (MD_BEARER_IP_METHOD_PPP), NULL);
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
fake_connect (MdModem *modem, MdBearer *bearer, GCancellable *cancellable, GTask *task)
{
  fake.connects++;
  fake.added_at_connect = fake.added;
  if (fake.hold_connect) {
    fake.pending_connect = task;
    fake.pending_bearer = bearer;
    return;
  }
  finish_connect (bearer, task);
}

static void
release_connect (void)
{
  g_assert_nonnull (fake.pending_connect);
  finish_connect (fake.pending_bearer, g_steal_pointer (&fake.pending_connect));
}

static void
fake_disconnect (MdModem *modem, MdBearer *bearer, GTask *task)
{
  fake.disconnects++;
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

/* The modem's answer to the poll's question; a connection it says is gone
 * is dropped, as the op's contract asks. */
static void
fake_check_connection (MdModem *modem, MdBearer *bearer, GTask *task)
{
  g_ptr_array_add (fake.checked, bearer);
  if (fake.connection_gone) {
    g_autoptr (GError) reason = g_error_new (MD_CONNECTION_ERROR, MD_CONNECTION_ERROR_NO_CARRIER, "gone");

    md_modem_bearer_dropped (modem, bearer, reason);
  }
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static const MdModemPowerOps fake_power = { .set_power_state = fake_set_power };
static const MdModemNetregOps fake_netreg = { .poll_registration = fake_poll_registration };
static const MdModemBearerOps fake_bearer
  = { .connect = fake_connect, .disconnect = fake_disconnect, .check_connection = fake_check_connection };
static const MdModemOps fake_ops = { .power = &fake_power, .netreg = &fake_netreg, .bearer = &fake_bearer };

/* --- results -------------------------------------------------------------- */

typedef struct {
  gboolean done;
  gboolean ok;
  GError *error;
  GObject *object;
  guint order; /* when it finished, counting from 1 */
} Result;

static guint finished;

static void
result_clear (Result *r)
{
  g_clear_error (&r->error);
  g_clear_object (&r->object);
}

static void
boolean_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Result *r = user_data;

  r->ok = g_task_propagate_boolean (G_TASK (result), &r->error);
  r->done = TRUE;
  r->order = ++finished;
}

static void
simple_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Result *r = user_data;

  r->object = G_OBJECT (md_modem_simple_connect_finish (MD_MODEM (source), result, &r->error));
  r->ok = r->object != NULL;
  r->done = TRUE;
  r->order = ++finished;
}

/* Runs the main loop until r is done; fails after a generous limit. */
static void
wait_done (Result *r)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!r->done) {
    g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    g_main_context_iteration (NULL, TRUE);
  }
}

/* Lets every ready source run. */
static void
settle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
on_bearer_added (MdModem *modem, MdBearer *bearer, gpointer user_data)
{
  g_assert_true (g_ptr_array_find (md_modem_get_bearers (modem), bearer, NULL));
  fake.added++;
  fake.added_state = md_modem_get_state (modem);
}

static void
on_bearer_removed (MdModem *modem, MdBearer *bearer, gpointer user_data)
{
  fake.removed++;
}

static MdModem *
new_modem (MdModemState state)
{
  MdModem *modem = md_modem_new (0, "uid", "test", NULL, &fake_ops);

  g_clear_pointer (&fake.checked, g_ptr_array_unref);
  memset (&fake, 0, sizeof fake);
  fake.checked = g_ptr_array_new ();
  g_signal_connect (modem, "bearer-added", G_CALLBACK (on_bearer_added), NULL);
  g_signal_connect (modem, "bearer-removed", G_CALLBACK (on_bearer_removed), NULL);
  finished = 0;
  fake.network = MD_MODEM_3GPP_REGISTRATION_STATE_HOME;
  md_modem_set_state (modem, MD_MODEM_STATE_INITIALIZING, MD_MODEM_STATE_CHANGE_REASON_UNKNOWN);
  md_modem_set_state (modem, MD_MODEM_STATE_DISABLED, MD_MODEM_STATE_CHANGE_REASON_UNKNOWN);
  if (state >= MD_MODEM_STATE_ENABLED) {
    Result r = { 0 };

    md_modem_enable_async (modem, TRUE, NULL, boolean_ready, &r);
    wait_done (&r);
    g_assert_no_error (r.error);
    finished = 0;
  }
  return modem;
}

static MdBearer *
add_bearer (MdModem *modem, const char *apn)
{
  MdBearerSettings *settings = md_bearer_settings_new ();
  g_autoptr (GError) error = NULL;
  MdBearer *bearer;

  settings->apn = g_strdup (apn);
  bearer = md_modem_create_bearer (modem, settings, &error);
  g_assert_no_error (error);
  return bearer;
}

/* --- a bare body the test completes by hand ------------------------------ */

typedef struct {
  gboolean started;
  GTask *task;
} Held;

static void
held_body (MdModem *self, MdOperation *op, GAsyncReadyCallback done, gpointer done_data)
{
  Held *held = md_operation_get_data (op);

  held->started = TRUE;
  held->task = g_task_new (self, NULL, done, done_data);
}

static void
held_finish (Held *held)
{
  g_assert_nonnull (held->task);
  g_task_return_boolean (held->task, TRUE);
  g_clear_object (&held->task);
}

static const MdOperationSpec held_enable = { MD_OPERATION_ENABLE, held_body, FALSE };
static const MdOperationSpec held_connect = { MD_OPERATION_CONNECT, held_body, FALSE };
static const MdOperationSpec held_disable = { MD_OPERATION_DISABLE, held_body, FALSE };

static void
test_fifo (void)
{
  g_autoptr (MdModem) modem = new_modem (MD_MODEM_STATE_DISABLED);
  Held a = { 0 }, b = { 0 };
  Result ra = { 0 }, rb = { 0 };

  md_modem_operation_run (modem, &held_enable, &a, NULL, NULL, boolean_ready, &ra);
  md_modem_operation_run (modem, &held_enable, &b, NULL, NULL, boolean_ready, &rb);
  settle ();
  g_assert_true (a.started);
  g_assert_false (b.started);
  g_assert_cmpuint (md_modem_operations_pending (modem), ==, 2);
  held_finish (&a);
  wait_done (&ra);
  g_assert_true (ra.ok);
  /* The next one starts from the main loop, after the first one's end. */
  g_assert_false (b.started);
  settle ();
  g_assert_true (b.started);
  held_finish (&b);
  wait_done (&rb);
  g_assert_cmpuint (ra.order, <, rb.order);
  g_assert_cmpuint (md_modem_operations_pending (modem), ==, 0);
}

static void
test_try_begin_skips_when_busy (void)
{
  g_autoptr (MdModem) modem = new_modem (MD_MODEM_STATE_DISABLED);
  Held a = { 0 };
  Result ra = { 0 };
  MdOperation *poll;

  md_modem_operation_run (modem, &held_enable, &a, NULL, NULL, boolean_ready, &ra);
  g_assert_null (md_modem_operation_try_begin (modem, MD_OPERATION_POLL));
  held_finish (&a);
  wait_done (&ra);
  poll = md_modem_operation_try_begin (modem, MD_OPERATION_POLL);
  g_assert_nonnull (poll);
  /* An operation queued while the poll runs waits for it. */
  a.started = FALSE;
  md_modem_operation_run (modem, &held_enable, &a, NULL, NULL, boolean_ready, &ra);
  settle ();
  g_assert_false (a.started);
  md_modem_operation_end (modem, poll);
  settle ();
  g_assert_true (a.started);
  held_finish (&a);
  settle ();
}

static void
test_disable_cancels_connects (void)
{
  g_autoptr (MdModem) modem = new_modem (MD_MODEM_STATE_DISABLED);
  Held running = { 0 }, waiting = { 0 }, disable = { 0 };
  Result rr = { 0 }, rw = { 0 }, rd = { 0 };

  md_modem_operation_run (modem, &held_connect, &running, NULL, NULL, boolean_ready, &rr);
  md_modem_operation_run (modem, &held_connect, &waiting, NULL, NULL, boolean_ready, &rw);
  md_modem_operation_run (modem, &held_disable, &disable, NULL, NULL, boolean_ready, &rd);
  /* The waiting connect is answered at once, without running. */
  wait_done (&rw);
  g_assert_error (rw.error, MD_CORE_ERROR, MD_CORE_ERROR_CANCELLED);
  g_assert_false (waiting.started);
  /* The running one is told through its cancellable and ends first. */
  g_assert_true (running.started);
  g_assert_false (disable.started);
  held_finish (&running);
  wait_done (&rr);
  settle ();
  g_assert_true (disable.started);
  held_finish (&disable);
  wait_done (&rd);
  g_assert_true (rd.ok);
  result_clear (&rw);
}

static void
check_cancellable_body (MdModem *self, MdOperation *op, GAsyncReadyCallback done, gpointer done_data)
{
  gboolean *cancelled = md_operation_get_data (op);
  GTask *task = g_task_new (self, NULL, done, done_data);

  *cancelled = g_cancellable_is_cancelled (md_operation_get_cancellable (op));
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
test_enable_does_not_cancel_connects (void)
{
  static const MdOperationSpec connect = { MD_OPERATION_CONNECT, check_cancellable_body, FALSE };
  g_autoptr (MdModem) modem = new_modem (MD_MODEM_STATE_DISABLED);
  Held first = { 0 }, third = { 0 };
  gboolean cancelled = TRUE;
  Result r1 = { 0 }, r2 = { 0 }, r3 = { 0 };

  md_modem_operation_run (modem, &held_enable, &first, NULL, NULL, boolean_ready, &r1);
  md_modem_operation_run (modem, &connect, &cancelled, NULL, NULL, boolean_ready, &r2);
  md_modem_operation_run (modem, &held_enable, &third, NULL, NULL, boolean_ready, &r3);
  held_finish (&first);
  wait_done (&r2);
  g_assert_true (r2.ok);
  g_assert_false (cancelled);
  settle ();
  g_assert_true (third.started);
  held_finish (&third);
  wait_done (&r3);
}

static void
test_vanished_aborts_waiting (void)
{
  g_autoptr (MdModem) modem = new_modem (MD_MODEM_STATE_DISABLED);
  Held running = { 0 }, waiting = { 0 };
  Result rr = { 0 }, rw = { 0 }, rn = { 0 };

  md_modem_operation_run (modem, &held_enable, &running, NULL, NULL, boolean_ready, &rr);
  md_modem_operation_run (modem, &held_enable, &waiting, NULL, NULL, boolean_ready, &rw);
  md_modem_vanished (modem);
  wait_done (&rw);
  g_assert_error (rw.error, MD_CORE_ERROR, MD_CORE_ERROR_ABORTED);
  md_modem_operation_run (modem, &held_enable, &(Held){ 0 }, NULL, NULL, boolean_ready, &rn);
  wait_done (&rn);
  g_assert_error (rn.error, MD_CORE_ERROR, MD_CORE_ERROR_ABORTED);
  g_assert_null (md_modem_operation_try_begin (modem, MD_OPERATION_POLL));
  /* The running one ends on its own. */
  g_assert_false (rr.done);
  held_finish (&running);
  wait_done (&rr);
  g_assert_true (rr.ok);
  g_assert_false (waiting.started);
  result_clear (&rw);
  result_clear (&rn);
}

/* The device goes away while an operation runs: its port fails the
 * operation first and reports the loss right after, in one go. What waited
 * is answered as aborted and never runs. */
static void
test_vanish_while_running_aborts_the_rest (void)
{
  g_autoptr (MdModem) modem = new_modem (MD_MODEM_STATE_DISABLED);
  Held running = { 0 }, waiting = { 0 };
  Result rr = { 0 }, rw = { 0 };

  md_modem_operation_run (modem, &held_enable, &running, NULL, NULL, boolean_ready, &rr);
  md_modem_operation_run (modem, &held_enable, &waiting, NULL, NULL, boolean_ready, &rw);
  settle ();
  g_task_return_new_error (running.task, MD_SERIAL_ERROR, MD_SERIAL_ERROR_NOT_OPEN, "port closed");
  g_clear_object (&running.task);
  md_modem_vanished (modem);
  wait_done (&rw);
  wait_done (&rr);
  settle ();
  g_assert_error (rr.error, MD_SERIAL_ERROR, MD_SERIAL_ERROR_NOT_OPEN);
  g_assert_error (rw.error, MD_CORE_ERROR, MD_CORE_ERROR_ABORTED);
  g_assert_false (waiting.started);
  g_assert_cmpuint (md_modem_operations_pending (modem), ==, 0);
  result_clear (&rr);
  result_clear (&rw);
}

/* --- the real flows over the fake ops -------------------------------------- */

static void
test_delete_waits_for_connect (void)
{
  g_autoptr (MdModem) modem = new_modem (MD_MODEM_STATE_REGISTERED);
  g_autoptr (MdBearer) bearer = g_object_ref (add_bearer (modem, "internet"));
  Result connect = { 0 }, del = { 0 };

  fake.hold_connect = TRUE;
  md_modem_connect_bearer_async (modem, bearer, NULL, boolean_ready, &connect);
  settle ();
  g_assert_nonnull (fake.pending_connect);
  md_modem_delete_bearer_async (modem, bearer, boolean_ready, &del);
  settle ();
  /* The dial already sent is not abandoned: the delete waits for it. */
  g_assert_false (del.done);
  g_assert_cmpuint (fake.disconnects, ==, 0);
  g_assert_cmpuint (md_modem_get_bearers (modem)->len, ==, 1);
  release_connect ();
  wait_done (&del);
  g_assert_true (connect.ok);
  g_assert_true (del.ok);
  /* ... and then hangs it up before the bearer goes. */
  g_assert_cmpuint (fake.disconnects, ==, 1);
  g_assert_false (md_bearer_is_connected (bearer));
  g_assert_cmpuint (md_modem_get_bearers (modem)->len, ==, 0);
  g_assert_cmpint (md_modem_get_state (modem), ==, MD_MODEM_STATE_REGISTERED);
}

static void
test_connect_after_delete_fails (void)
{
  g_autoptr (MdModem) modem = new_modem (MD_MODEM_STATE_REGISTERED);
  g_autoptr (MdBearer) bearer = g_object_ref (add_bearer (modem, "internet"));
  Result del = { 0 }, connect = { 0 };

  md_modem_delete_bearer_async (modem, bearer, boolean_ready, &del);
  md_modem_connect_bearer_async (modem, bearer, NULL, boolean_ready, &connect);
  wait_done (&connect);
  g_assert_true (del.ok);
  g_assert_error (connect.error, MD_CORE_ERROR, MD_CORE_ERROR_NOT_FOUND);
  g_assert_cmpuint (fake.connects, ==, 0);
  result_clear (&connect);
}

/* The poll asks check_connection about each connected bearer and about
 * no other; a connection the modem says is gone ends up disconnected and
 * the modem back to registered. */
static void
test_poll_checks_connections (void)
{
  g_autoptr (MdModem) modem = new_modem (MD_MODEM_STATE_REGISTERED);
  MdBearer *idle;
  MdBearer *connected;
  Result connect = { 0 }, poll = { 0 }, again = { 0 };

  md_modem_set_max_bearers (modem, 2);
  idle = add_bearer (modem, "idle");
  connected = add_bearer (modem, "internet");

  md_modem_connect_bearer_async (modem, connected, NULL, boolean_ready, &connect);
  wait_done (&connect);
  g_assert_true (connect.ok);
  g_assert_cmpint (md_modem_get_state (modem), ==, MD_MODEM_STATE_CONNECTED);

  md_modem_poll_now_async (modem, NULL, boolean_ready, &poll);
  wait_done (&poll);
  g_assert_true (poll.ok);
  g_assert_cmpuint (fake.checked->len, ==, 1);
  g_assert_true (g_ptr_array_index (fake.checked, 0) == connected);
  g_assert_false (g_ptr_array_find (fake.checked, idle, NULL));
  g_assert_true (md_bearer_is_connected (connected));

  fake.connection_gone = TRUE;
  md_modem_poll_now_async (modem, NULL, boolean_ready, &again);
  wait_done (&again);
  g_assert_true (again.ok);
  g_assert_cmpuint (fake.checked->len, ==, 2);
  g_assert_false (md_bearer_is_connected (connected));
  g_assert_cmpint (md_modem_get_state (modem), ==, MD_MODEM_STATE_REGISTERED);
}

static MdSimpleConnectRequest *
simple_request (const char *apn)
{
  MdSimpleConnectRequest *request = g_new0 (MdSimpleConnectRequest, 1);

  request->bearer = md_bearer_settings_new ();
  request->bearer->apn = g_strdup (apn);
  return request;
}

static void
test_simple_connect_runs_its_steps (void)
{
  g_autoptr (MdModem) modem = new_modem (MD_MODEM_STATE_DISABLED);
  Result r = { 0 };

  /* Enable and connect inside the operation must not wait on it. */
  md_modem_simple_connect_async (modem, simple_request ("internet"), NULL, simple_ready, &r);
  wait_done (&r);
  g_assert_no_error (r.error);
  g_assert_true (md_bearer_is_connected (MD_BEARER (r.object)));
  g_assert_cmpint (md_modem_get_state (modem), ==, MD_MODEM_STATE_CONNECTED);
  g_assert_cmpuint (md_modem_operations_pending (modem), ==, 0);
  result_clear (&r);
}

static void
test_disable_stops_simple_connect_waiting (void)
{
  g_autoptr (MdModem) modem = new_modem (MD_MODEM_STATE_DISABLED);
  Result connect = { 0 }, disable = { 0 };

  fake.network = MD_MODEM_3GPP_REGISTRATION_STATE_SEARCHING;
  md_modem_simple_connect_async (modem, simple_request ("internet"), NULL, simple_ready, &connect);
  settle ();
  g_assert_cmpint (md_modem_get_state (modem), ==, MD_MODEM_STATE_SEARCHING);
  md_modem_enable_async (modem, FALSE, NULL, boolean_ready, &disable);
  wait_done (&disable);
  g_assert_true (connect.done);
  g_assert_error (connect.error, MD_CORE_ERROR, MD_CORE_ERROR_CANCELLED);
  g_assert_cmpuint (connect.order, <, disable.order);
  g_assert_true (disable.ok);
  g_assert_cmpuint (fake.connects, ==, 0);
  g_assert_cmpint (md_modem_get_state (modem), ==, MD_MODEM_STATE_DISABLED);
  g_assert_cmpint (fake.last_power, ==, MD_MODEM_POWER_STATE_LOW);
  result_clear (&connect);
}

/* A modem that stays searching: Simple.Connect answers NetworkTimeout
 * once the registration timeout passed (1 s here), as ModemManager does
 * after its 60 s, and the modem is left as it was. */
static void
test_simple_connect_registration_timeout (void)
{
  g_autoptr (MdModem) modem = new_modem (MD_MODEM_STATE_DISABLED);
  Result connect = { 0 };

  fake.network = MD_MODEM_3GPP_REGISTRATION_STATE_SEARCHING;
  md_modem_set_registration_timeout (modem, 1);
  md_modem_simple_connect_async (modem, simple_request ("internet"), NULL, simple_ready, &connect);
  wait_done (&connect);
  g_assert_error (connect.error, MD_MOBILE_EQUIPMENT_ERROR, MD_MOBILE_EQUIPMENT_ERROR_NETWORK_TIMEOUT);
  g_assert_cmpuint (fake.connects, ==, 0);
  g_assert_cmpint (md_modem_get_state (modem), ==, MD_MODEM_STATE_SEARCHING);
  g_assert_cmpuint (md_modem_operations_pending (modem), ==, 0);
  result_clear (&connect);
}

/* Registration that comes while Simple.Connect waits lets it go on at once
 * (a report, not a poll: the poll interval is far away). */
static void
test_simple_connect_registers_late (void)
{
  g_autoptr (MdModem) modem = new_modem (MD_MODEM_STATE_DISABLED);
  Result connect = { 0 };

  fake.network = MD_MODEM_3GPP_REGISTRATION_STATE_SEARCHING;
  md_modem_simple_connect_async (modem, simple_request ("internet"), NULL, simple_ready, &connect);
  settle ();
  g_assert_false (connect.done);
  g_assert_cmpint (md_modem_get_state (modem), ==, MD_MODEM_STATE_SEARCHING);
  md_modem_update_registration (modem, MD_REG_DOMAIN_PS, MD_MODEM_3GPP_REGISTRATION_STATE_HOME, NULL, 0);
  wait_done (&connect);
  g_assert_no_error (connect.error);
  g_assert_cmpuint (fake.connects, ==, 1);
  g_assert_cmpint (md_modem_get_state (modem), ==, MD_MODEM_STATE_CONNECTED);
  result_clear (&connect);
}

static void
test_disable_during_dial_hangs_up (void)
{
  g_autoptr (MdModem) modem = new_modem (MD_MODEM_STATE_DISABLED);
  Result connect = { 0 }, disable = { 0 };
  g_autoptr (MdBearer) bearer = NULL;

  fake.hold_connect = TRUE;
  md_modem_simple_connect_async (modem, simple_request ("internet"), NULL, simple_ready, &connect);
  settle ();
  g_assert_nonnull (fake.pending_connect);
  bearer = g_object_ref (fake.pending_bearer);
  md_modem_enable_async (modem, FALSE, NULL, boolean_ready, &disable);
  settle ();
  g_assert_false (disable.done);
  g_assert_cmpint (fake.last_power, ==, MD_MODEM_POWER_STATE_ON);
  release_connect ();
  wait_done (&disable);
  g_assert_true (connect.ok);
  g_assert_true (disable.ok);
  /* Never "disabled" with a call up: the disable hung the dial up. */
  g_assert_cmpuint (fake.disconnects, ==, 1);
  g_assert_false (md_bearer_is_connected (bearer));
  g_assert_cmpint (md_modem_get_state (modem), ==, MD_MODEM_STATE_DISABLED);
  g_assert_cmpint (fake.last_power, ==, MD_MODEM_POWER_STATE_LOW);
  result_clear (&connect);
}

/* The bearer Simple.Connect creates is announced ("bearer-added", so
 * exported) after the connect op began and before the CONNECTING state:
 * the modem works on the first requests meanwhile. */
static void
test_simple_connect_announces_after_the_first_requests (void)
{
  g_autoptr (MdModem) modem = new_modem (MD_MODEM_STATE_DISABLED);
  Result r = { 0 };

  md_modem_simple_connect_async (modem, simple_request ("internet"), NULL, simple_ready, &r);
  wait_done (&r);
  g_assert_no_error (r.error);
  g_assert_cmpuint (fake.connects, ==, 1);
  g_assert_cmpuint (fake.added_at_connect, ==, 0);
  g_assert_cmpuint (fake.added, ==, 1);
  g_assert_cmpint (fake.added_state, ==, MD_MODEM_STATE_REGISTERED);
  g_assert_cmpuint (md_modem_get_bearers (modem)->len, ==, 1);
  result_clear (&r);
}

/* Refused to connect (roaming, the bearer forbids it), the bearer
 * Simple.Connect created stays, announced, as a created one does. */
static void
test_simple_connect_refused_announces_its_bearer (void)
{
  g_autoptr (MdModem) modem = new_modem (MD_MODEM_STATE_DISABLED);
  MdSimpleConnectRequest *request = simple_request ("internet");
  Result r = { 0 };

  fake.network = MD_MODEM_3GPP_REGISTRATION_STATE_ROAMING;
  request->bearer->allow_roaming = FALSE;
  md_modem_simple_connect_async (modem, request, NULL, simple_ready, &r);
  wait_done (&r);
  g_assert_error (r.error, MD_CORE_ERROR, MD_CORE_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (fake.connects, ==, 0);
  g_assert_cmpuint (fake.added, ==, 1);
  g_assert_cmpuint (md_modem_get_bearers (modem)->len, ==, 1);
  result_clear (&r);
}

/* A held bearer is in the list unannounced; removed, it leaves without a
 * signal, and announcing it afterwards does nothing. */
static void
test_held_bearer (void)
{
  g_autoptr (MdModem) modem = new_modem (MD_MODEM_STATE_DISABLED);
  g_autoptr (MdBearer) bearer = md_bearer_new (1, "test", md_bearer_settings_new ());
  g_autoptr (MdBearer) other = md_bearer_new (2, "test", md_bearer_settings_new ());

  md_modem_hold_bearer (modem, bearer);
  g_assert_cmpuint (md_modem_get_bearers (modem)->len, ==, 1);
  g_assert_cmpuint (fake.added, ==, 0);
  md_modem_remove_bearer (modem, bearer);
  g_assert_cmpuint (md_modem_get_bearers (modem)->len, ==, 0);
  md_modem_announce_bearer (modem, bearer);
  g_assert_cmpuint (fake.added, ==, 0);
  g_assert_cmpuint (fake.removed, ==, 0);

  md_modem_hold_bearer (modem, bearer);
  md_modem_announce_bearer (modem, bearer);
  md_modem_announce_bearer (modem, bearer);
  g_assert_cmpuint (fake.added, ==, 1);
  md_modem_remove_bearer (modem, bearer);
  g_assert_cmpuint (fake.removed, ==, 1);

  /* Holding a second announces the first. */
  md_modem_hold_bearer (modem, bearer);
  md_modem_hold_bearer (modem, other);
  g_assert_cmpuint (fake.added, ==, 2);
  md_modem_announce_bearer (modem, other);
  g_assert_cmpuint (fake.added, ==, 3);
  g_assert_cmpuint (md_modem_get_bearers (modem)->len, ==, 2);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/operation/fifo", test_fifo);
  g_test_add_func ("/operation/try-begin-skips-when-busy", test_try_begin_skips_when_busy);
  g_test_add_func ("/operation/disable-cancels-connects", test_disable_cancels_connects);
  g_test_add_func ("/operation/enable-does-not-cancel-connects", test_enable_does_not_cancel_connects);
  g_test_add_func ("/operation/vanished-aborts-waiting", test_vanished_aborts_waiting);
  g_test_add_func ("/operation/vanish-while-running-aborts-the-rest",
                   test_vanish_while_running_aborts_the_rest);
  g_test_add_func ("/operation/delete-waits-for-connect", test_delete_waits_for_connect);
  g_test_add_func ("/operation/connect-after-delete-fails", test_connect_after_delete_fails);
  g_test_add_func ("/operation/simple-connect-runs-its-steps", test_simple_connect_runs_its_steps);
  g_test_add_func ("/operation/disable-stops-simple-connect-waiting",
                   test_disable_stops_simple_connect_waiting);
  g_test_add_func ("/operation/simple-connect-registration-timeout",
                   test_simple_connect_registration_timeout);
  g_test_add_func ("/operation/simple-connect-registers-late", test_simple_connect_registers_late);
  g_test_add_func ("/operation/disable-during-dial-hangs-up", test_disable_during_dial_hangs_up);
  g_test_add_func ("/operation/simple-connect-announces-after-the-first-requests",
                   test_simple_connect_announces_after_the_first_requests);
  g_test_add_func ("/operation/simple-connect-refused-announces-its-bearer",
                   test_simple_connect_refused_announces_its_bearer);
  g_test_add_func ("/operation/held-bearer", test_held_bearer);
  g_test_add_func ("/operation/poll-checks-connections", test_poll_checks_connections);
  status = g_test_run ();
  g_clear_pointer (&fake.checked, g_ptr_array_unref);
  return status;
}
