/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The enable flow over fake ops whose completion the test controls: the
 * first registration poll runs beside the messaging step (both in flight
 * at once), the flow goes on only when both answered, and a branch whose
 * modem stopped answering fails the flow once the other is done too. */
#include "md-errors.h"
#include "md-modem-enable.h"
#include "md-sms.h"

typedef struct {
  GTask *poll; /* a registration poll the test has not answered yet */
  GTask *list; /* a message listing the test has not answered yet */
  gboolean both_in_flight;
} Fake;

static Fake fake;

static void
note_in_flight (void)
{
  if (fake.poll && fake.list)
    fake.both_in_flight = TRUE;
}

static void
answer (GTask *task)
{
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
fake_set_power (MdModem *modem, MdModemPowerState state, GTask *task)
{
  answer (task);
}

static void
fake_poll (MdModem *modem, GTask *task)
{
  fake.poll = task;
  note_in_flight ();
}

static void
fake_sms_enable (MdModem *modem, GTask *task)
{
  answer (task);
}

static void
fake_storages (MdModem *modem, GTask *task)
{
  g_task_return_int (task, 1 << MD_SMS_STORAGE_SM);
  g_object_unref (task);
}

static void
fake_set_default (MdModem *modem, MdSmsStorage storage, GTask *task)
{
  answer (task);
}

static void
fake_list (MdModem *modem, MdSmsStorage storage, GTask *task)
{
  fake.list = task;
  note_in_flight ();
}

static const MdModemPowerOps power_ops = { .set_power_state = fake_set_power };
static const MdModemNetregOps netreg_ops = { .poll_registration = fake_poll };
static const MdModemSmsOps sms_ops = {
  .enable = fake_sms_enable,
  .load_storages = fake_storages,
  .set_default_storage = fake_set_default,
  .list = fake_list,
};
static const MdModemOps ops = { .power = &power_ops, .netreg = &netreg_ops, .sms = &sms_ops };

static MdModem *
new_disabled_modem (void)
{
  MdModem *modem = md_modem_new (0, "uid", "test", NULL, &ops);

  memset (&fake, 0, sizeof fake);
  md_modem_set_state (modem, MD_MODEM_STATE_INITIALIZING, MD_MODEM_STATE_CHANGE_REASON_UNKNOWN);
  md_modem_set_state (modem, MD_MODEM_STATE_DISABLED, MD_MODEM_STATE_CHANGE_REASON_UNKNOWN);
  return modem;
}

static void
on_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

/* Runs the main loop until both branches are in flight; a flow that runs
 * them one after the other never gets there and fails here. */
static void
wait_both_in_flight (void)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!fake.both_in_flight) {
    g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    g_main_context_iteration (NULL, FALSE);
    g_usleep (1000);
  }
}

static void
settle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
answer_list (void)
{
  GPtrArray *none = g_ptr_array_new ();

  g_task_return_pointer (g_steal_pointer (&fake.list), none, (GDestroyNotify)g_ptr_array_unref);
}

static void
test_poll_beside_messaging (void)
{
  g_autoptr (MdModem) modem = new_disabled_modem ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GTask *list;

  md_modem_enable_async (modem, TRUE, NULL, on_done, &result);
  wait_both_in_flight ();
  list = fake.list;
  answer_list ();
  g_object_unref (list);
  settle ();
  g_assert_null (result); /* the poll still runs */
  answer (g_steal_pointer (&fake.poll));
  while (!result)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (md_modem_enable_finish (modem, result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (md_modem_get_state (modem), >=, MD_MODEM_STATE_ENABLED);
}

static void
test_silent_branch_fails_after_both (void)
{
  g_autoptr (MdModem) modem = new_disabled_modem ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GTask *list;

  md_modem_enable_async (modem, TRUE, NULL, on_done, &result);
  wait_both_in_flight ();
  g_task_return_new_error (fake.poll, MD_SERIAL_ERROR, MD_SERIAL_ERROR_RESPONSE_TIMEOUT, "no answer");
  g_clear_object (&fake.poll);
  settle ();
  g_assert_null (result); /* the listing still runs */
  list = fake.list;
  answer_list ();
  g_object_unref (list);
  while (!result)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (md_modem_enable_finish (modem, result, &error));
  g_assert_error (error, MD_SERIAL_ERROR, MD_SERIAL_ERROR_RESPONSE_TIMEOUT);
  g_assert_cmpint (md_modem_get_state (modem), ==, MD_MODEM_STATE_DISABLED);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/modem-enable/poll-beside-messaging", test_poll_beside_messaging);
  g_test_add_func ("/modem-enable/silent-branch-fails-after-both", test_silent_branch_fails_after_both);
  return g_test_run ();
}
