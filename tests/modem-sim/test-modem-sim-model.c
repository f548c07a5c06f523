/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of the protocol-neutral modem model (simulator/sim-model*.c):
 * PIN/PUK rules and retry counters, registration following power and the
 * SIM lock, operator selection errors, and the events subscribers get. */
#include <glib.h>

#include "sim-model.h"

typedef struct {
  SimModel *model;
  GArray *events;    /* SimEvent */
  guint subscription;
} Fixture;

static void
record_event (const SimEvent *event, gpointer user_data)
{
  Fixture *fx = user_data;

  g_array_append_val (fx->events, *event);
}

/* A model as a scenario would leave it: radio on, SIM without PIN, home
 * network on LTE, a forbidden and an available foreign operator. */
static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  GPtrArray *available;

  fx->model = sim_model_new ();
  available = fx->model->net.available;
  g_ptr_array_add (available, sim_operator_new ("26201", "Telekom.de", "TDG", SIM_TECH_LTE, SIM_OPERATOR_CURRENT));
  g_ptr_array_add (available, sim_operator_new ("26202", "Vodafone.de", NULL, SIM_TECH_LTE, SIM_OPERATOR_AVAILABLE));
  g_ptr_array_add (available, sim_operator_new ("26203", "o2 - de", "o2", SIM_TECH_UMTS, SIM_OPERATOR_FORBIDDEN));
  fx->events = g_array_new (FALSE, FALSE, sizeof (SimEvent));
  fx->subscription = sim_model_subscribe (fx->model, record_event, fx);
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  sim_model_unsubscribe (fx->model, fx->subscription);
  g_clear_pointer (&fx->model, sim_model_free);
  g_array_unref (fx->events);
}

static guint
count_events (Fixture *fx, SimEventKind kind)
{
  guint n = 0;

  for (guint i = 0; i < fx->events->len; i++)
    n += g_array_index (fx->events, SimEvent, i).kind == kind;
  return n;
}

static gboolean
has_registration_event (Fixture *fx, SimDomain domain)
{
  for (guint i = 0; i < fx->events->len; i++) {
    const SimEvent *e = &g_array_index (fx->events, SimEvent, i);

    if (e->kind == SIM_EVENT_REGISTRATION && e->domain == domain)
      return TRUE;
  }
  return FALSE;
}

static void
start_pin_locked (Fixture *fx)
{
  fx->model->sim.pin_enabled = TRUE;
  sim_model_start (fx->model);
  g_assert_cmpint (fx->model->sim.lock, ==, SIM_LOCK_PIN);
  g_array_set_size (fx->events, 0);
}

static void
enter_wrong_pins (Fixture *fx, guint n)
{
  for (guint i = 0; i < n; i++) {
    g_autoptr(GError) error = NULL;

    g_assert_false (sim_model_enter_pin (fx->model, "0000", &error));
    g_assert_error (error, SIM_ERROR, SIM_ERROR_INCORRECT_PASSWORD);
  }
}

static void
test_pin_wrong_decrements (Fixture *fx, gconstpointer data)
{
  start_pin_locked (fx);
  enter_wrong_pins (fx, 1);
  g_assert_cmpuint (fx->model->sim.pin_retries, ==, 2);
  g_assert_cmpint (fx->model->sim.lock, ==, SIM_LOCK_PIN);
  g_assert_cmpuint (count_events (fx, SIM_EVENT_SIM), ==, 1);
  /* A right PIN restores the counter and unlocks. */
  g_assert_true (sim_model_enter_pin (fx->model, "1234", NULL));
  g_assert_cmpuint (fx->model->sim.pin_retries, ==, 3);
  g_assert_cmpint (fx->model->sim.lock, ==, SIM_LOCK_READY);
  g_assert_true (sim_model_check_sim_ready (fx->model, NULL));
}

static void
test_pin_three_wrong_puk (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  start_pin_locked (fx);
  enter_wrong_pins (fx, 3);
  g_assert_cmpuint (fx->model->sim.pin_retries, ==, 0);
  g_assert_cmpint (fx->model->sim.lock, ==, SIM_LOCK_PUK);
  g_assert_cmpuint (count_events (fx, SIM_EVENT_SIM), ==, 3);
  /* Even the right PIN is refused now. */
  g_assert_false (sim_model_enter_pin (fx->model, "1234", &error));
  g_assert_error (error, SIM_ERROR, SIM_ERROR_SIM_PUK_REQUIRED);
  g_clear_error (&error);
  g_assert_false (sim_model_check_sim_ready (fx->model, &error));
  g_assert_error (error, SIM_ERROR, SIM_ERROR_SIM_PUK_REQUIRED);
}

static void
test_puk_wrong_then_blocked (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  start_pin_locked (fx);
  enter_wrong_pins (fx, 3);
  g_assert_false (sim_model_enter_puk (fx->model, "00000000", "4321", &error));
  g_assert_error (error, SIM_ERROR, SIM_ERROR_INCORRECT_PASSWORD);
  g_clear_error (&error);
  g_assert_cmpuint (fx->model->sim.puk_retries, ==, 9);
  g_assert_cmpint (fx->model->sim.lock, ==, SIM_LOCK_PUK);
  for (guint i = 0; i < 9; i++)
    g_assert_false (sim_model_enter_puk (fx->model, "00000000", "4321", NULL));
  g_assert_cmpuint (fx->model->sim.puk_retries, ==, 0);
  g_assert_cmpint (fx->model->sim.lock, ==, SIM_LOCK_BLOCKED);
  /* Blocked for good: even the right PUK fails, as a SIM failure. */
  g_assert_false (sim_model_enter_puk (fx->model, "12345678", "4321", &error));
  g_assert_error (error, SIM_ERROR, SIM_ERROR_SIM_FAILURE);
}

static void
test_puk_correct_sets_pin (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  start_pin_locked (fx);
  enter_wrong_pins (fx, 3);
  g_assert_false (sim_model_enter_puk (fx->model, "00000000", "4321", NULL));
  /* A malformed new PIN costs no PUK retry. */
  g_assert_false (sim_model_enter_puk (fx->model, "12345678", "12", &error));
  g_assert_error (error, SIM_ERROR, SIM_ERROR_INCORRECT_PARAMETERS);
  g_assert_cmpuint (fx->model->sim.puk_retries, ==, 9);
  g_assert_true (sim_model_enter_puk (fx->model, "12345678", "4321", NULL));
  g_assert_cmpint (fx->model->sim.lock, ==, SIM_LOCK_READY);
  g_assert_cmpstr (fx->model->sim.pin, ==, "4321");
  g_assert_cmpuint (fx->model->sim.pin_retries, ==, fx->model->sim.pin_max);
  g_assert_cmpuint (fx->model->sim.puk_retries, ==, fx->model->sim.puk_max);
  /* The new PIN is the one the card checks from now on. */
  g_assert_false (sim_model_change_pin (fx->model, "1234", "5678", NULL));
  g_assert_true (sim_model_change_pin (fx->model, "4321", "5678", NULL));
}

static void
test_pin_facility (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  sim_model_start (fx->model);
  g_assert_false (sim_model_change_pin (fx->model, "1234", "5678", &error));
  g_assert_error (error, SIM_ERROR, SIM_ERROR_NOT_ALLOWED);
  g_assert_true (sim_model_set_pin_enabled (fx->model, TRUE, "1234", NULL));
  g_assert_true (fx->model->sim.pin_enabled);
  g_assert_false (sim_model_set_pin_enabled (fx->model, FALSE, "9999", NULL));
  g_assert_cmpuint (fx->model->sim.pin_retries, ==, 2);
  g_assert_true (fx->model->sim.pin_enabled);
}

static void
test_sim_absent (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  fx->model->sim.present = FALSE;
  sim_model_start (fx->model);
  g_assert_cmpint (fx->model->sim.lock, ==, SIM_LOCK_ABSENT);
  g_assert_false (sim_model_check_sim_ready (fx->model, &error));
  g_assert_error (error, SIM_ERROR, SIM_ERROR_SIM_NOT_INSERTED);
  g_clear_error (&error);
  g_assert_false (sim_model_enter_pin (fx->model, "1234", &error));
  g_assert_error (error, SIM_ERROR, SIM_ERROR_SIM_NOT_INSERTED);
  g_assert_cmpint (sim_model_get_registration (fx->model), ==, SIM_REG_IDLE);
}

static void
test_registration_follows_cfun (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  fx->model->cfun = 4;
  sim_model_start (fx->model);
  for (guint d = 0; d < SIM_N_DOMAINS; d++)
    g_assert_cmpint (fx->model->reg[d], ==, SIM_REG_IDLE);
  g_assert_cmpuint (sim_model_current_rssi (fx->model), ==, 99);

  g_assert_true (sim_model_set_cfun (fx->model, 1, NULL));
  g_assert_cmpint (fx->model->reg[SIM_DOMAIN_CS], ==, SIM_REG_HOME);
  g_assert_cmpint (fx->model->reg[SIM_DOMAIN_PS], ==, SIM_REG_HOME);
  g_assert_cmpint (fx->model->reg[SIM_DOMAIN_EPS], ==, SIM_REG_HOME);
  /* Not on 5G: that domain stays idle. */
  g_assert_cmpint (fx->model->reg[SIM_DOMAIN_5GS], ==, SIM_REG_IDLE);
  g_assert_true (sim_model_is_registered (fx->model));
  g_assert_cmpuint (sim_model_current_rssi (fx->model), ==, 20);
  g_assert_cmpuint (count_events (fx, SIM_EVENT_POWER), ==, 1);
  g_assert_true (has_registration_event (fx, SIM_DOMAIN_CS));
  g_assert_true (has_registration_event (fx, SIM_DOMAIN_EPS));
  g_assert_false (has_registration_event (fx, SIM_DOMAIN_5GS));

  g_array_set_size (fx->events, 0);
  g_assert_true (sim_model_set_cfun (fx->model, 4, NULL));
  g_assert_cmpint (sim_model_get_registration (fx->model), ==, SIM_REG_IDLE);
  g_assert_true (has_registration_event (fx, SIM_DOMAIN_CS));

  g_assert_false (sim_model_set_cfun (fx->model, 2, &error));
  g_assert_error (error, SIM_ERROR, SIM_ERROR_NOT_SUPPORTED);
  g_assert_cmpuint (fx->model->cfun, ==, 4);
}

static void
test_registration_waits_for_pin (Fixture *fx, gconstpointer data)
{
  start_pin_locked (fx);
  g_assert_cmpint (sim_model_get_registration (fx->model), ==, SIM_REG_IDLE);
  g_assert_true (sim_model_enter_pin (fx->model, "1234", NULL));
  g_assert_cmpint (sim_model_get_registration (fx->model), ==, SIM_REG_HOME);
  g_assert_true (has_registration_event (fx, SIM_DOMAIN_CS));
}

static void
test_registration_network_changes (Fixture *fx, gconstpointer data)
{
  sim_model_start (fx->model);
  sim_model_set_network_registration (fx->model, SIM_REG_ROAMING);
  g_assert_cmpint (fx->model->reg[SIM_DOMAIN_CS], ==, SIM_REG_ROAMING);
  g_assert_true (has_registration_event (fx, SIM_DOMAIN_PS));
  sim_model_set_network_registration (fx->model, SIM_REG_DENIED);
  g_assert_cmpint (sim_model_get_registration (fx->model), ==, SIM_REG_DENIED);
  g_assert_false (sim_model_is_registered (fx->model));

  /* Leaving LTE drops EPS registration but keeps CS and PS. */
  sim_model_set_network_registration (fx->model, SIM_REG_HOME);
  g_array_set_size (fx->events, 0);
  sim_model_set_tech (fx->model, SIM_TECH_UMTS);
  g_assert_cmpuint (count_events (fx, SIM_EVENT_ACCESS_TECH), ==, 1);
  g_assert_cmpint (fx->model->reg[SIM_DOMAIN_EPS], ==, SIM_REG_IDLE);
  g_assert_cmpint (fx->model->reg[SIM_DOMAIN_PS], ==, SIM_REG_HOME);
}

static gboolean
flag_timeout (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
test_registration_delay (Fixture *fx, gconstpointer data)
{
  gboolean timed_out = FALSE;
  guint timeout;

  fx->model->cfun = 4;
  fx->model->net.registration_delay_ms = 30;
  sim_model_start (fx->model);
  g_assert_true (sim_model_set_cfun (fx->model, 1, NULL));
  g_assert_cmpint (fx->model->reg[SIM_DOMAIN_CS], ==, SIM_REG_SEARCHING);
  timeout = g_timeout_add_seconds (10, flag_timeout, &timed_out);
  while (!timed_out && fx->model->reg[SIM_DOMAIN_CS] != SIM_REG_HOME)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout);
  g_assert_cmpint (fx->model->reg[SIM_DOMAIN_CS], ==, SIM_REG_HOME);
}

static void
test_select_operator_errors (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  sim_model_start (fx->model);
  /* 27.007: +CME ERROR 32 "network not allowed", 30 "no network service". */
  g_assert_cmpint (SIM_ERROR_NETWORK_NOT_ALLOWED, ==, 32);
  g_assert_cmpint (SIM_ERROR_NO_NETWORK, ==, 30);
  g_assert_false (sim_model_select_operator (fx->model, SIM_SELECT_MANUAL, "26203", &error));
  g_assert_error (error, SIM_ERROR, SIM_ERROR_NETWORK_NOT_ALLOWED);
  g_clear_error (&error);
  g_assert_false (sim_model_select_operator (fx->model, SIM_SELECT_MANUAL, "99999", &error));
  g_assert_error (error, SIM_ERROR, SIM_ERROR_NO_NETWORK);
  g_clear_error (&error);
  /* Nothing changed on failure. */
  g_assert_cmpint (fx->model->net.select_mode, ==, SIM_SELECT_AUTOMATIC);
  g_assert_cmpstr (fx->model->net.operator_code, ==, "26201");
  /* With the radio off no network can be found at all. */
  g_assert_true (sim_model_set_cfun (fx->model, 4, NULL));
  g_assert_false (sim_model_select_operator (fx->model, SIM_SELECT_MANUAL, "26202", &error));
  g_assert_error (error, SIM_ERROR, SIM_ERROR_NO_NETWORK);
}

static void
test_select_operator_manual (Fixture *fx, gconstpointer data)
{
  sim_model_start (fx->model);
  g_assert_true (sim_model_select_operator (fx->model, SIM_SELECT_MANUAL, "26202", NULL));
  g_assert_cmpstr (fx->model->net.operator_code, ==, "26202");
  g_assert_cmpstr (fx->model->net.operator_name, ==, "Vodafone.de");
  g_assert_cmpuint (count_events (fx, SIM_EVENT_OPERATOR), ==, 1);
  /* A network other than the SIM's own (IMSI 26201...) means roaming. */
  g_assert_cmpint (sim_model_get_registration (fx->model), ==, SIM_REG_ROAMING);

  g_assert_true (sim_model_select_operator (fx->model, SIM_SELECT_AUTOMATIC, NULL, NULL));
  g_assert_cmpstr (fx->model->net.operator_code, ==, "26201");
  g_assert_cmpint (sim_model_get_registration (fx->model), ==, SIM_REG_HOME);

  g_assert_true (sim_model_select_operator (fx->model, SIM_SELECT_DEREGISTER, NULL, NULL));
  g_assert_cmpint (sim_model_get_registration (fx->model), ==, SIM_REG_IDLE);
}

static void
test_signal (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  sim_model_start (fx->model);
  g_assert_false (sim_model_set_signal (fx->model, 40, &error));
  g_assert_error (error, SIM_ERROR, SIM_ERROR_INCORRECT_PARAMETERS);
  g_assert_true (sim_model_set_signal (fx->model, 10, NULL));
  g_assert_true (sim_model_set_signal (fx->model, 10, NULL));
  /* Only a change is an event. */
  g_assert_cmpuint (count_events (fx, SIM_EVENT_SIGNAL), ==, 1);
  g_assert_cmpuint (sim_model_current_rssi (fx->model), ==, 10);
}

static void
test_unsubscribe (Fixture *fx, gconstpointer data)
{
  sim_model_start (fx->model);
  sim_model_unsubscribe (fx->model, fx->subscription);
  fx->subscription = 0;
  sim_model_ring (fx->model);
  g_assert_cmpuint (fx->events->len, ==, 0);
}

static void
test_sms_received (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  const char *pdu = "07919471060040F0040C9194710632547600002211121141028004D4F29C0E";
  guint index;

  sim_model_start (fx->model);
  fx->model->sms_capacity = 2;
  index = sim_model_receive_sms (fx->model, pdu, NULL);
  g_assert_cmpuint (index, ==, 1);
  g_assert_cmpuint (count_events (fx, SIM_EVENT_SMS_RECEIVED), ==, 1);
  g_assert_cmpuint (g_array_index (fx->events, SimEvent, 0).index, ==, 1);
  g_assert_cmpint (sim_model_find_sms (fx->model, 1)->status, ==, SIM_SMS_UNREAD);
  g_assert_cmpuint (sim_model_receive_sms (fx->model, pdu, NULL), ==, 2);
  g_assert_cmpuint (sim_model_receive_sms (fx->model, pdu, &error), ==, 0);
  g_assert_error (error, SIM_ERROR, SIM_ERROR_MEMORY_FULL);
  g_clear_error (&error);
  g_assert_cmpuint (sim_model_receive_sms (fx->model, "zz", &error), ==, 0);
  g_assert_error (error, SIM_ERROR, SIM_ERROR_INCORRECT_PARAMETERS);
}

static void
test_data_call_dropped (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  sim_model_start (fx->model);
  g_assert_true (sim_model_define_context (fx->model, 1, "IP", "internet", NULL));
  g_assert_true (sim_model_start_call (fx->model, 0, NULL));
  g_assert_cmpuint (fx->model->call_cid, ==, 1);
  g_assert_true (sim_model_find_context (fx->model, 1)->active);
  g_assert_false (sim_model_start_call (fx->model, 1, &error));
  g_assert_error (error, SIM_ERROR, SIM_ERROR_NOT_ALLOWED);
  /* Losing the network ends the call, as a real network would. */
  g_array_set_size (fx->events, 0);
  sim_model_set_network_registration (fx->model, SIM_REG_SEARCHING);
  g_assert_cmpuint (count_events (fx, SIM_EVENT_CALL_DROPPED), ==, 1);
  g_assert_cmpuint (fx->model->call_cid, ==, 0);
  g_assert_false (sim_model_find_context (fx->model, 1)->active);
  g_assert_false (sim_model_drop_call (fx->model));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add ("/modem-sim/model/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("pin/wrong-decrements", test_pin_wrong_decrements);
  ADD ("pin/three-wrong-puk", test_pin_three_wrong_puk);
  ADD ("pin/puk-wrong-then-blocked", test_puk_wrong_then_blocked);
  ADD ("pin/puk-correct-sets-pin", test_puk_correct_sets_pin);
  ADD ("pin/facility", test_pin_facility);
  ADD ("pin/sim-absent", test_sim_absent);
  ADD ("registration/follows-cfun", test_registration_follows_cfun);
  ADD ("registration/waits-for-pin", test_registration_waits_for_pin);
  ADD ("registration/network-changes", test_registration_network_changes);
  ADD ("registration/delay", test_registration_delay);
  ADD ("operator/select-errors", test_select_operator_errors);
  ADD ("operator/select-manual", test_select_operator_manual);
  ADD ("signal", test_signal);
  ADD ("events/unsubscribe", test_unsubscribe);
  ADD ("sms/received", test_sms_received);
  ADD ("data/call-dropped", test_data_call_dropped);
#undef ADD
  return g_test_run ();
}
