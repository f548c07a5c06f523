/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of the simulator's protocol-neutral model: PIN/PUK retry
 * logic, registration per domain and the events it emits, operator
 * selection, the data call and the SMS store. */
#include "sim-model.h"

typedef struct {
  SimModel *model;
  GArray *events; /* SimEvent */
} Fixture;

static void
record_event (const SimEvent *event, gpointer user_data)
{
  Fixture *f = user_data;

  g_array_append_val (f->events, *event);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->model = sim_model_new ();
  g_ptr_array_add (f->model->net.available,
                   sim_operator_new ("26201", "Telekom.de", "TDG", SIM_TECH_LTE, SIM_OPERATOR_AVAILABLE));
  g_ptr_array_add (f->model->net.available,
                   sim_operator_new ("26202", "Vodafone.de", NULL, SIM_TECH_UMTS, SIM_OPERATOR_AVAILABLE));
  g_ptr_array_add (f->model->net.available,
                   sim_operator_new ("26203", "o2", NULL, SIM_TECH_UMTS, SIM_OPERATOR_FORBIDDEN));
  f->events = g_array_new (FALSE, FALSE, sizeof (SimEvent));
  sim_model_subscribe (f->model, record_event, f);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  sim_model_free (f->model);
  g_array_unref (f->events);
}

static guint
count_events (Fixture *f, SimEventKind kind)
{
  guint n = 0;

  for (guint i = 0; i < f->events->len; i++)
    n += g_array_index (f->events, SimEvent, i).kind == kind;
  return n;
}

static gboolean
has_registration_event (Fixture *f, SimDomain domain)
{
  for (guint i = 0; i < f->events->len; i++) {
    SimEvent *e = &g_array_index (f->events, SimEvent, i);

    if (e->kind == SIM_EVENT_REGISTRATION && e->domain == domain)
      return TRUE;
  }
  return FALSE;
}

static void
start_locked (Fixture *f)
{
  f->model->sim.pin_enabled = TRUE;
  sim_model_start (f->model);
  g_array_set_size (f->events, 0);
}

static void
test_pin_unlocks (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  start_locked (f);
  g_assert_cmpint (f->model->sim.lock, ==, SIM_LOCK_PIN);
  g_assert_cmpint (f->model->reg[SIM_DOMAIN_CS], ==, SIM_REG_IDLE);
  g_assert_true (sim_model_enter_pin (f->model, "1234", &error));
  g_assert_no_error (error);
  g_assert_cmpint (f->model->sim.lock, ==, SIM_LOCK_READY);
  g_assert_cmpuint (f->model->sim.pin_retries, ==, 3);
  /* Unlocking lets the modem register, and says so. */
  g_assert_cmpint (f->model->reg[SIM_DOMAIN_CS], ==, SIM_REG_HOME);
  g_assert_true (has_registration_event (f, SIM_DOMAIN_CS));
  g_assert_true (has_registration_event (f, SIM_DOMAIN_EPS));
  g_assert_cmpuint (count_events (f, SIM_EVENT_SIM), ==, 1);
  /* No PIN is pending any more. */
  g_assert_false (sim_model_enter_pin (f->model, "1234", &error));
  g_assert_error (error, SIM_ERROR, SIM_ERROR_NOT_ALLOWED);
}

static void
test_wrong_pins_need_puk (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  start_locked (f);
  for (guint left = 2; left > 0; left--) {
    g_assert_false (sim_model_enter_pin (f->model, "0000", &error));
    g_assert_error (error, SIM_ERROR, SIM_ERROR_INCORRECT_PASSWORD);
    g_clear_error (&error);
    g_assert_cmpuint (f->model->sim.pin_retries, ==, left);
    g_assert_cmpint (f->model->sim.lock, ==, SIM_LOCK_PIN);
  }
  g_assert_false (sim_model_enter_pin (f->model, "0000", &error));
  g_clear_error (&error);
  g_assert_cmpint (f->model->sim.lock, ==, SIM_LOCK_PUK);
  /* The right PIN no longer helps. */
  g_assert_false (sim_model_enter_pin (f->model, "1234", &error));
  g_assert_error (error, SIM_ERROR, SIM_ERROR_SIM_PUK_REQUIRED);
  g_clear_error (&error);
  /* A malformed new PIN costs no PUK retry. */
  g_assert_false (sim_model_enter_puk (f->model, "12345678", "12", &error));
  g_assert_error (error, SIM_ERROR, SIM_ERROR_INCORRECT_PARAMETERS);
  g_clear_error (&error);
  g_assert_cmpuint (f->model->sim.puk_retries, ==, 10);
  g_assert_true (sim_model_enter_puk (f->model, "12345678", "4321", &error));
  g_assert_no_error (error);
  g_assert_cmpint (f->model->sim.lock, ==, SIM_LOCK_READY);
  g_assert_cmpstr (f->model->sim.pin, ==, "4321");
  g_assert_cmpuint (f->model->sim.pin_retries, ==, 3);
}

static void
test_wrong_puks_block (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->model->sim.pin_enabled = TRUE;
  f->model->sim.pin_retries = 0;
  f->model->sim.puk_retries = 2;
  sim_model_start (f->model);
  g_assert_cmpint (f->model->sim.lock, ==, SIM_LOCK_PUK);
  g_assert_false (sim_model_enter_puk (f->model, "00000000", "1111", &error));
  g_assert_error (error, SIM_ERROR, SIM_ERROR_INCORRECT_PASSWORD);
  g_clear_error (&error);
  g_assert_cmpint (f->model->sim.lock, ==, SIM_LOCK_PUK);
  g_assert_false (sim_model_enter_puk (f->model, "00000000", "1111", &error));
  g_clear_error (&error);
  g_assert_cmpint (f->model->sim.lock, ==, SIM_LOCK_BLOCKED);
  g_assert_false (sim_model_enter_puk (f->model, "12345678", "1111", &error));
  g_assert_error (error, SIM_ERROR, SIM_ERROR_SIM_FAILURE);
}

static void
test_pin_lock_and_change (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  sim_model_start (f->model);
  /* Changing needs the PIN in use. */
  g_assert_false (sim_model_change_pin (f->model, "1234", "5678", &error));
  g_assert_error (error, SIM_ERROR, SIM_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  g_assert_false (sim_model_set_pin_enabled (f->model, TRUE, "9999", &error));
  g_assert_error (error, SIM_ERROR, SIM_ERROR_INCORRECT_PASSWORD);
  g_clear_error (&error);
  g_assert_cmpuint (f->model->sim.pin_retries, ==, 2);
  g_assert_true (sim_model_set_pin_enabled (f->model, TRUE, "1234", &error));
  g_assert_true (f->model->sim.pin_enabled);
  g_assert_cmpuint (f->model->sim.pin_retries, ==, 3);
  g_assert_true (sim_model_change_pin (f->model, "1234", "5678", &error));
  g_assert_cmpstr (f->model->sim.pin, ==, "5678");
  g_assert_no_error (error);
}

static void
test_no_sim (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->model->sim.present = FALSE;
  sim_model_start (f->model);
  g_assert_cmpint (f->model->sim.lock, ==, SIM_LOCK_ABSENT);
  g_assert_false (sim_model_check_sim_ready (f->model, &error));
  g_assert_error (error, SIM_ERROR, SIM_ERROR_SIM_NOT_INSERTED);
  g_assert_false (sim_model_is_registered (f->model));
}

static void
test_registration_follows_power (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->model->cfun = 4;
  sim_model_start (f->model);
  g_assert_cmpint (sim_model_get_registration (f->model), ==, SIM_REG_IDLE);
  g_assert_cmpuint (sim_model_current_rssi (f->model), ==, 99);
  g_assert_true (sim_model_set_cfun (f->model, 1, &error));
  g_assert_cmpuint (count_events (f, SIM_EVENT_POWER), ==, 1);
  /* LTE: every domain but 5GS registers. */
  g_assert_cmpint (f->model->reg[SIM_DOMAIN_CS], ==, SIM_REG_HOME);
  g_assert_cmpint (f->model->reg[SIM_DOMAIN_PS], ==, SIM_REG_HOME);
  g_assert_cmpint (f->model->reg[SIM_DOMAIN_EPS], ==, SIM_REG_HOME);
  g_assert_cmpint (f->model->reg[SIM_DOMAIN_5GS], ==, SIM_REG_IDLE);
  g_assert_cmpuint (count_events (f, SIM_EVENT_REGISTRATION), ==, 3);
  g_assert_false (sim_model_set_cfun (f->model, 2, &error));
  g_assert_error (error, SIM_ERROR, SIM_ERROR_NOT_SUPPORTED);
}

static void
test_registration_delay (Fixture *f, gconstpointer data)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND;

  f->model->cfun = 4;
  f->model->net.registration_delay_ms = 20;
  sim_model_start (f->model);
  g_assert_true (sim_model_set_cfun (f->model, 1, NULL));
  /* The radio is on but the network takes its time. */
  g_assert_cmpint (sim_model_get_registration (f->model), ==, SIM_REG_SEARCHING);
  while (sim_model_get_registration (f->model) != SIM_REG_HOME) {
    g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    g_main_context_iteration (NULL, TRUE);
  }
  g_assert_cmpint (f->model->reg[SIM_DOMAIN_EPS], ==, SIM_REG_HOME);
}

static void
test_registration_transitions (Fixture *f, gconstpointer data)
{
  sim_model_start (f->model);
  g_assert_cmpint (sim_model_get_registration (f->model), ==, SIM_REG_HOME);
  sim_model_set_network_registration (f->model, SIM_REG_SEARCHING);
  g_assert_cmpint (sim_model_get_registration (f->model), ==, SIM_REG_SEARCHING);
  g_assert_true (has_registration_event (f, SIM_DOMAIN_CS));
  g_assert_true (has_registration_event (f, SIM_DOMAIN_EPS));
  g_array_set_size (f->events, 0);
  /* Setting the same state again is no change and no event. */
  sim_model_set_network_registration (f->model, SIM_REG_SEARCHING);
  g_assert_cmpuint (f->events->len, ==, 0);
  sim_model_set_network_registration (f->model, SIM_REG_ROAMING);
  g_assert_cmpint (f->model->reg[SIM_DOMAIN_PS], ==, SIM_REG_ROAMING);
  g_array_set_size (f->events, 0);
  /* Leaving LTE drops the EPS registration only. */
  sim_model_set_tech (f->model, SIM_TECH_UMTS);
  g_assert_cmpuint (count_events (f, SIM_EVENT_ACCESS_TECH), ==, 1);
  g_assert_cmpint (f->model->reg[SIM_DOMAIN_EPS], ==, SIM_REG_IDLE);
  g_assert_cmpint (f->model->reg[SIM_DOMAIN_CS], ==, SIM_REG_ROAMING);
  g_assert_true (has_registration_event (f, SIM_DOMAIN_EPS));
  g_assert_false (has_registration_event (f, SIM_DOMAIN_CS));
}

static void
test_operator_selection (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  sim_model_start (f->model);
  g_assert_true (sim_model_select_operator (f->model, SIM_SELECT_MANUAL, "26202", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (f->model->net.operator_code, ==, "26202");
  g_assert_cmpint (f->model->net.tech, ==, SIM_TECH_UMTS);
  /* A foreign network is roaming for this SIM (IMSI 26201...). */
  g_assert_cmpint (sim_model_get_registration (f->model), ==, SIM_REG_ROAMING);
  g_assert_cmpuint (count_events (f, SIM_EVENT_OPERATOR), ==, 1);
  g_assert_false (sim_model_select_operator (f->model, SIM_SELECT_MANUAL, "26203", &error));
  g_assert_error (error, SIM_ERROR, SIM_ERROR_NETWORK_NOT_ALLOWED);
  g_clear_error (&error);
  g_assert_false (sim_model_select_operator (f->model, SIM_SELECT_MANUAL, "99999", &error));
  g_assert_error (error, SIM_ERROR, SIM_ERROR_NO_NETWORK);
  g_clear_error (&error);
  g_assert_true (sim_model_select_operator (f->model, SIM_SELECT_DEREGISTER, NULL, &error));
  g_assert_cmpint (sim_model_get_registration (f->model), ==, SIM_REG_IDLE);
  g_assert_true (sim_model_select_operator (f->model, SIM_SELECT_AUTOMATIC, NULL, &error));
  g_assert_cmpstr (f->model->net.operator_code, ==, "26201");
  g_assert_cmpint (sim_model_get_registration (f->model), ==, SIM_REG_HOME);
}

static void
test_data_call (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  sim_model_start (f->model);
  g_assert_false (sim_model_define_context (f->model, 1, "PPP", "x", &error));
  g_assert_error (error, SIM_ERROR, SIM_ERROR_INCORRECT_PARAMETERS);
  g_clear_error (&error);
  g_assert_true (sim_model_define_context (f->model, 3, "IPV4V6", "internet", &error));
  /* "*99#": the first defined context. */
  g_assert_true (sim_model_start_call (f->model, 0, &error));
  g_assert_cmpuint (f->model->call_cid, ==, 3);
  g_assert_true (sim_model_find_context (f->model, 3)->active);
  g_assert_false (sim_model_start_call (f->model, 3, &error));
  g_assert_error (error, SIM_ERROR, SIM_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  g_assert_false (sim_model_undefine_context (f->model, 3, &error));
  g_clear_error (&error);
  /* Losing the network drops the call. */
  sim_model_set_network_registration (f->model, SIM_REG_DENIED);
  g_assert_cmpuint (count_events (f, SIM_EVENT_CALL_DROPPED), ==, 1);
  g_assert_cmpuint (f->model->call_cid, ==, 0);
  g_assert_false (sim_model_find_context (f->model, 3)->active);
  g_assert_false (sim_model_start_call (f->model, 3, &error));
  g_assert_error (error, SIM_ERROR, SIM_ERROR_NO_NETWORK);
  g_assert_false (sim_model_drop_call (f->model));
}

static void
test_sms_store (Fixture *f, gconstpointer data)
{
  static const char pdu[] = "07911326040000F0040B911346610089F60000208062917314080CC8F71D14969741F977FD07";
  g_autoptr (GError) error = NULL;

  f->model->sms_capacity = 2;
  sim_model_start (f->model);
  g_assert_cmpuint (sim_model_store_sms (f->model, SIM_SMS_READ, pdu, &error), ==, 1);
  g_assert_cmpuint (sim_model_receive_sms (f->model, pdu, &error), ==, 2);
  g_assert_cmpuint (count_events (f, SIM_EVENT_SMS_RECEIVED), ==, 1);
  g_assert_cmpuint (g_array_index (f->events, SimEvent, 0).index, ==, 2);
  g_assert_cmpuint (sim_model_receive_sms (f->model, pdu, &error), ==, 0);
  g_assert_error (error, SIM_ERROR, SIM_ERROR_MEMORY_FULL);
  g_clear_error (&error);
  g_assert_true (sim_model_delete_sms (f->model, 1, &error));
  /* The lowest free index is reused. */
  g_assert_cmpuint (sim_model_store_sms (f->model, SIM_SMS_UNSENT, pdu, &error), ==, 1);
  g_assert_false (sim_model_delete_sms (f->model, 3, &error));
  g_assert_error (error, SIM_ERROR, SIM_ERROR_INVALID_INDEX);
  g_clear_error (&error);
  g_assert_cmpuint (sim_model_store_sms (f->model, SIM_SMS_READ, "0791ZZ", &error), ==, 0);
  g_assert_error (error, SIM_ERROR, SIM_ERROR_INCORRECT_PARAMETERS);
}

static void
test_names (void)
{
  SimRegState state;
  SimTech tech;

  g_assert_true (sim_reg_state_from_name ("roaming", &state));
  g_assert_cmpint (state, ==, SIM_REG_ROAMING);
  g_assert_cmpstr (sim_reg_state_name (SIM_REG_DENIED), ==, "denied");
  g_assert_false (sim_reg_state_from_name ("Home", &state));
  g_assert_true (sim_tech_from_name ("hspa", &tech));
  g_assert_cmpuint (sim_tech_act (tech), ==, 6);
  g_assert_true (sim_tech_from_act (0, &tech));
  g_assert_cmpint (tech, ==, SIM_TECH_GSM);
  g_assert_false (sim_tech_from_name ("6g", &tech));
}

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  ADD ("/sim/model/pin-unlocks", test_pin_unlocks);
  ADD ("/sim/model/wrong-pins-need-puk", test_wrong_pins_need_puk);
  ADD ("/sim/model/wrong-puks-block", test_wrong_puks_block);
  ADD ("/sim/model/pin-lock-and-change", test_pin_lock_and_change);
  ADD ("/sim/model/no-sim", test_no_sim);
  ADD ("/sim/model/registration-follows-power", test_registration_follows_power);
  ADD ("/sim/model/registration-delay", test_registration_delay);
  ADD ("/sim/model/registration-transitions", test_registration_transitions);
  ADD ("/sim/model/operator-selection", test_operator_selection);
  ADD ("/sim/model/data-call", test_data_call);
  ADD ("/sim/model/sms-store", test_sms_store);
  g_test_add_func ("/sim/model/names", test_names);
  return g_test_run ();
}
