/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The core modem: state transitions, primary port choice, and the
 * initialization flow driven through fake ops. */
#include "md-errors.h"
#include "md-modem-init.h"

typedef struct {
  GMainLoop *loop;
  gboolean ok;
  GError *error;
  GArray *states; /* new states seen, in order */
} Fixture;

static void
on_state_changed (MdModem *modem, gint old_state, gint new_state, guint reason, gpointer user_data)
{
  Fixture *fx = user_data;

  g_array_append_val (fx->states, new_state);
}

static void
test_transitions (void)
{
  g_assert_true (md_modem_state_transition_valid (MD_MODEM_STATE_UNKNOWN, MD_MODEM_STATE_INITIALIZING));
  g_assert_true (md_modem_state_transition_valid (MD_MODEM_STATE_INITIALIZING, MD_MODEM_STATE_LOCKED));
  g_assert_true (md_modem_state_transition_valid (MD_MODEM_STATE_LOCKED, MD_MODEM_STATE_DISABLED));
  g_assert_true (md_modem_state_transition_valid (MD_MODEM_STATE_ENABLED, MD_MODEM_STATE_FAILED));
  g_assert_false (md_modem_state_transition_valid (MD_MODEM_STATE_INITIALIZING, MD_MODEM_STATE_CONNECTED));
  g_assert_false (md_modem_state_transition_valid (MD_MODEM_STATE_LOCKED, MD_MODEM_STATE_ENABLED));
  g_assert_false (md_modem_state_transition_valid (MD_MODEM_STATE_FAILED, MD_MODEM_STATE_ENABLED));
  g_assert_false (md_modem_state_transition_valid (MD_MODEM_STATE_ENABLED, MD_MODEM_STATE_UNKNOWN));
}

static void
test_refused_transition_keeps_state (void)
{
  g_autoptr (MdModem) modem = md_modem_new (0, "uid", "test", NULL, &(MdModemOps){ 0 });

  md_modem_set_state (modem, MD_MODEM_STATE_INITIALIZING, MD_MODEM_STATE_CHANGE_REASON_UNKNOWN);
  md_modem_set_state (modem, MD_MODEM_STATE_CONNECTED, MD_MODEM_STATE_CHANGE_REASON_UNKNOWN);
  g_assert_cmpint (md_modem_get_state (modem), ==, MD_MODEM_STATE_INITIALIZING);
}

static void
test_primary_port_prefers_control_protocols (void)
{
  g_autoptr (MdModem) modem = md_modem_new (3, "uid", "test", NULL, &(MdModemOps){ 0 });
  guint n = 0;

  g_assert_cmpstr (md_modem_get_log_name (modem), ==, "modem3");
  md_modem_add_port (modem, "wwan0", MD_MODEM_PORT_TYPE_NET);
  g_assert_null (md_modem_get_primary_port (modem));
  md_modem_add_port (modem, "ttyUSB2", MD_MODEM_PORT_TYPE_AT);
  g_assert_cmpstr (md_modem_get_primary_port (modem), ==, "ttyUSB2");
  md_modem_add_port (modem, "ttyUSB3", MD_MODEM_PORT_TYPE_AT);
  g_assert_cmpstr (md_modem_get_primary_port (modem), ==, "ttyUSB2");
  md_modem_add_port (modem, "cdc-wdm0", MD_MODEM_PORT_TYPE_MBIM);
  g_assert_cmpstr (md_modem_get_primary_port (modem), ==, "cdc-wdm0");
  md_modem_get_ports (modem, &n);
  g_assert_cmpuint (n, ==, 4);
}

/* A port that left is no longer listed; the others keep their order. */
static void
test_remove_port (void)
{
  g_autoptr (MdModem) modem = md_modem_new (4, "uid", "test", NULL, &(MdModemOps){ 0 });
  const MdModemPort *ports;
  guint n = 0;

  md_modem_add_port (modem, "ttyUSB0", MD_MODEM_PORT_TYPE_AT);
  md_modem_add_port (modem, "ttyUSB1", MD_MODEM_PORT_TYPE_AT);
  md_modem_add_port (modem, "wwan0", MD_MODEM_PORT_TYPE_NET);
  g_assert_true (md_modem_remove_port (modem, "ttyUSB1"));
  g_assert_false (md_modem_remove_port (modem, "ttyUSB1"));
  ports = md_modem_get_ports (modem, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpstr (ports[0].name, ==, "ttyUSB0");
  g_assert_cmpstr (ports[1].name, ==, "wwan0");
  g_assert_cmpstr (md_modem_get_primary_port (modem), ==, "ttyUSB0");
}

static void
fake_setup_ok (MdModem *modem, GTask *task)
{
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
fake_setup_fails (MdModem *modem, GTask *task)
{
  g_task_return_new_error (task, MD_SERIAL_ERROR, MD_SERIAL_ERROR_RESPONSE_TIMEOUT, "no answer");
  g_object_unref (task);
}

static void
fake_identity (MdModem *modem, GTask *task)
{
  MdModemIdentity *id = g_new0 (MdModemIdentity, 1);

  id->manufacturer = g_strdup ("Acme");
  id->model = g_strdup ("Rocket 5G");
  g_task_return_pointer (task, id, (GDestroyNotify)md_modem_identity_free);
  g_object_unref (task);
}

static void
fake_caps (MdModem *modem, GTask *task)
{
  g_task_return_int (task, MD_MODEM_CAPABILITY_GSM_UMTS | MD_MODEM_CAPABILITY_LTE);
  g_object_unref (task);
}

static void
init_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Fixture *fx = user_data;

  fx->ok = md_modem_initialize_finish (MD_MODEM (source), result, &fx->error);
  g_main_loop_quit (fx->loop);
}

static MdModem *
run_init (Fixture *fx, const MdModemOps *ops)
{
  MdModem *modem = md_modem_new (1, "uid", "test", NULL, ops);

  fx->loop = g_main_loop_new (NULL, FALSE);
  fx->states = g_array_new (FALSE, FALSE, sizeof (gint));
  g_signal_connect (modem, "state-changed", G_CALLBACK (on_state_changed), fx);
  md_modem_initialize_async (modem, NULL, init_ready, fx);
  g_main_loop_run (fx->loop);
  g_main_loop_unref (fx->loop);
  return modem;
}

static void
test_init_reaches_disabled (void)
{
  static const MdModemInitOps init = { fake_setup_ok, fake_identity, fake_caps };
  static const MdModemOps ops = { &init };
  Fixture fx = { 0 };
  g_autoptr (MdModem) modem = run_init (&fx, &ops);

  g_assert_no_error (fx.error);
  g_assert_true (fx.ok);
  g_assert_cmpint (md_modem_get_state (modem), ==, MD_MODEM_STATE_DISABLED);
  g_assert_cmpstr (md_modem_get_identity (modem)->model, ==, "Rocket 5G");
  g_assert_cmpuint (md_modem_get_capabilities (modem), ==,
                    MD_MODEM_CAPABILITY_GSM_UMTS | MD_MODEM_CAPABILITY_LTE);
  g_assert_cmpuint (fx.states->len, ==, 2);
  g_assert_cmpint (g_array_index (fx.states, gint, 0), ==, MD_MODEM_STATE_INITIALIZING);
  g_assert_cmpint (g_array_index (fx.states, gint, 1), ==, MD_MODEM_STATE_DISABLED);
  g_array_unref (fx.states);
}

static void
test_init_failure_ends_failed (void)
{
  static const MdModemInitOps init = { fake_setup_fails, fake_identity, NULL };
  static const MdModemOps ops = { &init };
  Fixture fx = { 0 };
  g_autoptr (MdModem) modem = run_init (&fx, &ops);

  g_assert_no_error (fx.error);
  g_assert_true (fx.ok);
  g_assert_cmpint (md_modem_get_state (modem), ==, MD_MODEM_STATE_FAILED);
  g_assert_cmpint (md_modem_get_failed_reason (modem), ==, MD_MODEM_STATE_FAILED_REASON_UNKNOWN);
  g_array_unref (fx.states);
}

static void
record_change (MdModem *modem, guint change, gpointer user_data)
{
  GArray *changes = user_data;

  g_array_append_val (changes, change);
}

/* The last change since changes was emptied, which must be the only one. */
static guint
only_change (GArray *changes)
{
  guint change;

  g_assert_cmpuint (changes->len, ==, 1);
  change = g_array_index (changes, guint, 0);
  g_array_set_size (changes, 0);
  return change;
}

/* The D-Bus export rebuilds ports, supported capabilities, unlock retries,
 * supported modes and bands only on MD_MODEM_CHANGE_ANY: their setters
 * must say so, and the running values' setters may say less. */
static void
test_change_scope (void)
{
  g_autoptr (MdModem) modem = md_modem_new (0, "uid", "test", NULL, &(MdModemOps){ 0 });
  g_autoptr (GArray) changes = g_array_new (FALSE, FALSE, sizeof (guint));
  GArray *modes = g_array_new (FALSE, TRUE, sizeof (MdModeCombination));
  GArray *bands = g_array_new (FALSE, TRUE, sizeof (guint32));
  GArray *retries = g_array_new (FALSE, TRUE, sizeof (MdUnlockRetry));
  MdModeCombination mode = { MD_MODEM_MODE_4G, MD_MODEM_MODE_NONE };
  guint32 band = MD_MODEM_BAND_EUTRAN_3;
  MdUnlockRetry retry = { MD_MODEM_LOCK_SIM_PIN, 3 };

  g_signal_connect (modem, "changed", G_CALLBACK (record_change), changes);
  md_modem_add_port (modem, "ttyUSB2", MD_MODEM_PORT_TYPE_AT);
  g_assert_cmpuint (only_change (changes), ==, MD_MODEM_CHANGE_ANY);
  md_modem_set_capabilities (modem, MD_MODEM_CAPABILITY_LTE);
  g_assert_cmpuint (only_change (changes), ==, MD_MODEM_CHANGE_ANY);
  g_array_append_val (retries, retry);
  md_modem_take_unlock_retries (modem, retries);
  g_assert_cmpuint (only_change (changes), ==, MD_MODEM_CHANGE_ANY);
  g_array_append_val (modes, mode);
  md_modem_take_supported_modes (modem, modes);
  g_assert_cmpuint (only_change (changes), ==, MD_MODEM_CHANGE_ANY);
  g_array_append_val (bands, band);
  md_modem_take_supported_bands (modem, bands);
  g_assert_cmpuint (only_change (changes), ==, MD_MODEM_CHANGE_ANY);

  md_modem_set_state (modem, MD_MODEM_STATE_DISABLED, MD_MODEM_STATE_CHANGE_REASON_UNKNOWN);
  g_assert_cmpuint (only_change (changes), ==, MD_MODEM_CHANGE_LIVE);
  md_modem_set_signal_quality (modem, 60, TRUE);
  g_assert_cmpuint (only_change (changes), ==, MD_MODEM_CHANGE_LIVE);
  md_modem_set_access_technologies (modem, MD_MODEM_ACCESS_TECHNOLOGY_LTE);
  g_assert_cmpuint (only_change (changes), ==, MD_MODEM_CHANGE_LIVE);
  md_modem_set_operator (modem, "26201", "Telekom");
  g_assert_cmpuint (only_change (changes), ==, MD_MODEM_CHANGE_LIVE);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/modem/transitions", test_transitions);
  g_test_add_func ("/modem/change-scope", test_change_scope);
  g_test_add_func ("/modem/refused-transition", test_refused_transition_keeps_state);
  g_test_add_func ("/modem/primary-port", test_primary_port_prefers_control_protocols);
  g_test_add_func ("/modem/remove-port", test_remove_port);
  g_test_add_func ("/modem/init/disabled", test_init_reaches_disabled);
  g_test_add_func ("/modem/init/failed", test_init_failure_ends_failed);
  return g_test_run ();
}
