/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A registration report whose protocol names no operator (AT's +CREG and
 * kin): the core publishes the new home or roaming state only once it has
 * read the operator again, as ModemManager does, so nobody sees the new
 * state with the old operator. Fake ops whose operator read the test
 * answers by hand. */
#include "md-modem-enable.h"
#include "md-modem.h"

typedef struct {
  GTask *operator_read; /* the read in flight, answered by the test */
  guint operator_reads;
} Fake;

static Fake fake;

static void
fake_set_power (MdModem *modem, MdModemPowerState state, GTask *task)
{
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
fake_poll_registration (MdModem *modem, GTask *task)
{
  md_modem_update_registration (modem, MD_REG_DOMAIN_PS, MD_MODEM_3GPP_REGISTRATION_STATE_SEARCHING, NULL, 0);
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
fake_load_operator (MdModem *modem, GTask *task)
{
  g_assert_null (fake.operator_read);
  fake.operator_reads++;
  fake.operator_read = task;
}

static const MdModemPowerOps fake_power = { .set_power_state = fake_set_power };
static const MdModemNetregOps fake_netreg
  = { .poll_registration = fake_poll_registration, .load_operator = fake_load_operator };
static const MdModemOps fake_ops = { .power = &fake_power, .netreg = &fake_netreg };

static void
settle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
enable_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_assert_true (md_modem_enable_finish (MD_MODEM (source), result, NULL));
  *(gboolean *)user_data = TRUE;
}

/* An enabled modem, searching. */
static MdModem *
new_enabled_modem (void)
{
  MdModem *modem = md_modem_new (0, "uid", "test", NULL, &fake_ops);
  gboolean done = FALSE;

  memset (&fake, 0, sizeof fake);
  md_modem_set_state (modem, MD_MODEM_STATE_INITIALIZING, MD_MODEM_STATE_CHANGE_REASON_UNKNOWN);
  md_modem_set_state (modem, MD_MODEM_STATE_DISABLED, MD_MODEM_STATE_CHANGE_REASON_UNKNOWN);
  md_modem_enable_async (modem, TRUE, NULL, enable_ready, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  settle ();
  g_assert_cmpint (md_modem_get_state (modem), ==, MD_MODEM_STATE_SEARCHING);
  return modem;
}

static void
answer_operator (const char *code, const char *name)
{
  GTask *task = g_steal_pointer (&fake.operator_read);
  MdNetwork *network = g_new0 (MdNetwork, 1);

  g_assert_nonnull (task);
  network->code = g_strdup (code);
  network->long_name = g_strdup (name);
  g_task_return_pointer (task, network, (GDestroyNotify)md_network_free);
  g_object_unref (task);
  settle ();
}

static void
fail_operator (void)
{
  GTask *task = g_steal_pointer (&fake.operator_read);

  g_assert_nonnull (task);
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY, "the port is busy");
  g_object_unref (task);
  settle ();
}

static void
report (MdModem *modem, MdModem3gppRegistrationState state)
{
  md_modem_update_registration (modem, MD_REG_DOMAIN_PS, state, NULL, 0);
  settle ();
}

static void
test_home_waits_for_the_operator (void)
{
  g_autoptr (MdModem) modem = new_enabled_modem ();

  report (modem, MD_MODEM_3GPP_REGISTRATION_STATE_HOME);
  g_assert_cmpuint (fake.operator_reads, ==, 1);
  g_assert_cmpint (md_modem_get_registration_state (modem), ==, MD_MODEM_3GPP_REGISTRATION_STATE_SEARCHING);
  g_assert_cmpint (md_modem_get_state (modem), ==, MD_MODEM_STATE_SEARCHING);
  answer_operator ("26201", "Telekom.de");
  g_assert_cmpint (md_modem_get_registration_state (modem), ==, MD_MODEM_3GPP_REGISTRATION_STATE_HOME);
  g_assert_cmpint (md_modem_get_state (modem), ==, MD_MODEM_STATE_REGISTERED);
  g_assert_cmpstr (md_modem_get_operator_code (modem), ==, "26201");
  g_assert_cmpstr (md_modem_get_operator_name (modem), ==, "Telekom.de");
}

static void
test_roaming_replaces_the_operator_first (void)
{
  g_autoptr (MdModem) modem = new_enabled_modem ();

  report (modem, MD_MODEM_3GPP_REGISTRATION_STATE_HOME);
  answer_operator ("26201", "Telekom.de");
  report (modem, MD_MODEM_3GPP_REGISTRATION_STATE_ROAMING);
  g_assert_cmpint (md_modem_get_registration_state (modem), ==, MD_MODEM_3GPP_REGISTRATION_STATE_HOME);
  g_assert_cmpstr (md_modem_get_operator_code (modem), ==, "26201");
  answer_operator ("26202", "Vodafone.de");
  g_assert_cmpint (md_modem_get_registration_state (modem), ==, MD_MODEM_3GPP_REGISTRATION_STATE_ROAMING);
  g_assert_cmpstr (md_modem_get_operator_code (modem), ==, "26202");
  /* The same state again reads nothing. */
  report (modem, MD_MODEM_3GPP_REGISTRATION_STATE_ROAMING);
  g_assert_cmpuint (fake.operator_reads, ==, 2);
}

/* A loss of registration is published at once, also while a read runs;
 * the read's answer then publishes what the reports say by then. */
static void
test_loss_is_published_at_once (void)
{
  g_autoptr (MdModem) modem = new_enabled_modem ();

  report (modem, MD_MODEM_3GPP_REGISTRATION_STATE_HOME);
  report (modem, MD_MODEM_3GPP_REGISTRATION_STATE_DENIED);
  g_assert_cmpint (md_modem_get_registration_state (modem), ==, MD_MODEM_3GPP_REGISTRATION_STATE_DENIED);
  g_assert_cmpint (md_modem_get_state (modem), ==, MD_MODEM_STATE_ENABLED);
  answer_operator ("26201", "Telekom.de");
  g_assert_cmpint (md_modem_get_registration_state (modem), ==, MD_MODEM_3GPP_REGISTRATION_STATE_DENIED);
  g_assert_null (md_modem_get_operator_code (modem));
  /* Registered again while the read ran: one more read. */
  report (modem, MD_MODEM_3GPP_REGISTRATION_STATE_HOME);
  g_assert_cmpuint (fake.operator_reads, ==, 2);
  answer_operator ("26201", "Telekom.de");
  g_assert_cmpint (md_modem_get_state (modem), ==, MD_MODEM_STATE_REGISTERED);
}

/* A modem that cannot read the operator now (its only AT port carries a
 * call) still shows the registration. */
static void
test_failed_read_still_publishes (void)
{
  g_autoptr (MdModem) modem = new_enabled_modem ();

  report (modem, MD_MODEM_3GPP_REGISTRATION_STATE_ROAMING);
  fail_operator ();
  g_assert_cmpint (md_modem_get_registration_state (modem), ==, MD_MODEM_3GPP_REGISTRATION_STATE_ROAMING);
  g_assert_cmpint (md_modem_get_state (modem), ==, MD_MODEM_STATE_REGISTERED);
}

/* Disabled while the read runs: its answer publishes nothing. */
static void
test_disable_drops_the_held_state (void)
{
  g_autoptr (MdModem) modem = new_enabled_modem ();
  gboolean done = FALSE;

  report (modem, MD_MODEM_3GPP_REGISTRATION_STATE_HOME);
  md_modem_enable_async (modem, FALSE, NULL, enable_ready, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  answer_operator ("26201", "Telekom.de");
  g_assert_cmpint (md_modem_get_state (modem), ==, MD_MODEM_STATE_DISABLED);
  g_assert_cmpint (md_modem_get_registration_state (modem), !=, MD_MODEM_3GPP_REGISTRATION_STATE_HOME);
  g_assert_null (md_modem_get_operator_code (modem));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/registration/home-waits-for-the-operator", test_home_waits_for_the_operator);
  g_test_add_func ("/registration/roaming-replaces-the-operator-first",
                   test_roaming_replaces_the_operator_first);
  g_test_add_func ("/registration/loss-is-published-at-once", test_loss_is_published_at_once);
  g_test_add_func ("/registration/failed-read-still-publishes", test_failed_read_still_publishes);
  g_test_add_func ("/registration/disable-drops-the-held-state", test_disable_drops_the_held_state);
  return g_test_run ();
}
