/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The messaging flows of md-modem-sms.c through fake SMS ops: the enable
 * step (storages, default storage, every storage listed, a long list taken
 * in batches), Create before and after enable, Send and its states, the
 * parts loop of md-modem-sms-parts.c (each part once in order, the first
 * failure ending it), Store, Delete of stored parts, Send of a stored
 * message by index (send_stored) and its fallback to the parts, storages
 * listed apart from those published; with ops whose requests overlap, the
 * indications, the default storage and both lists in flight at once. */
#include "md-errors.h"
#include "md-modem-sms.h"

typedef struct {
  GArray *listed;  /* MdSmsStorage listed */
  GArray *deleted; /* indexes deleted */
  MdSmsStorage default_storage;
  guint fail_part;      /* the part (from 1) send or store fails; 0: none */
  GPtrArray *parts;     /* char*: the parts sent or stored, in order */
  guint store_begun;    /* store_begin calls */
  guint sim_messages;   /* listed in SM; 0 means 1 */
  guint32 usable;       /* load_storages' usable storages; 0: the same */
  GError *stored_error; /* send_stored fails its first part with it */
} Fake;

static Fake fake;

static void
finish_bool (GTask *task, gboolean ok)
{
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "fake failure");
  g_object_unref (task);
}

static void
fake_enable (MdModem *modem, GTask *task)
{
  finish_bool (task, TRUE);
}

static void
fake_storages (MdModem *modem, GTask *task)
{
  g_task_return_int (task,
                     MD_SMS_STORAGES ((1 << MD_SMS_STORAGE_SM) | (1 << MD_SMS_STORAGE_ME), fake.usable));
  g_object_unref (task);
}

static void
fake_set_default (MdModem *modem, MdSmsStorage storage, GTask *task)
{
  fake.default_storage = storage;
  finish_bool (task, TRUE);
}

/* One received message in each storage, at index 1; fake.sim_messages
 * in SM when set. */
static void
fake_list (MdModem *modem, MdSmsStorage storage, GTask *task)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify)md_sms_entry_free);
  guint n = storage == MD_SMS_STORAGE_SM ? MAX (fake.sim_messages, 1) : 1;

  g_array_append_val (fake.listed, storage);
  for (guint i = 1; i <= n; i++) {
    MdSmsEntry *entry = md_sms_entry_new ();

    entry->index = i;
    entry->storage = storage;
    entry->pdu_type = MD_SMS_PDU_TYPE_DELIVER;
    entry->state = MD_SMS_STATE_RECEIVED;
    entry->number = g_strdup ("+4912345");
    entry->text = g_strdup (storage == MD_SMS_STORAGE_SM ? "on the SIM" : "in the modem");
    g_ptr_array_add (entries, entry);
  }
  g_task_return_pointer (task, entries, (GDestroyNotify)g_ptr_array_unref);
  g_object_unref (task);
}

static void
fake_delete (MdModem *modem, MdSmsStorage storage, guint index, GTask *task)
{
  g_array_append_val (fake.deleted, index);
  finish_bool (task, TRUE);
}

/* One part per character of the text, so a test chooses the part count. */
static GPtrArray *
fake_encode (const MdSmsRequest *request, GError **error)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);

  if (g_str_equal (request->text, "refused")) {
    g_ptr_array_unref (parts);
    g_set_error (error, MD_MESSAGE_ERROR, MD_MESSAGE_ERROR_INVALID_PDU_PARAMETER, "fake refusal");
    return NULL;
  }
  for (const char *c = request->text; *c; c++)
    g_ptr_array_add (parts, g_strndup (c, 1));
  return parts;
}

/* Answers part n (from 0) with first + n, or fails the part fake.fail_part
 * (from 1; 0: none). */
static void
answer_part (GTask *task, gconstpointer part, guint first)
{
  guint n = fake.parts->len;

  g_ptr_array_add (fake.parts, g_strdup (part));
  if (fake.fail_part == n + 1) {
    finish_bool (task, FALSE);
    return;
  }
  g_task_return_int (task, first + n);
  g_object_unref (task);
}

static void
fake_send_part (MdModem *modem, gconstpointer part, GTask *task)
{
  answer_part (task, part, 5);
}

static void
fake_store_begin (MdModem *modem, MdSmsStorage storage, GTask *task)
{
  fake.store_begun++;
  finish_bool (task, TRUE);
}

static void
fake_store_part (MdModem *modem, gconstpointer part, MdSmsStorage storage, GTask *task)
{
  g_assert_cmpuint (fake.store_begun, ==, 1);
  answer_part (task, part, 3);
}

/* Records "#<index>"; answers from 7 on, or fails the first part with
 * fake.stored_error. */
static void
fake_send_stored (MdModem *modem, MdSmsStorage storage, guint index, GTask *task)
{
  g_autofree char *name = g_strdup_printf ("#%u", index);

  if (fake.stored_error) {
    g_ptr_array_add (fake.parts, g_steal_pointer (&name));
    g_task_return_error (task, g_steal_pointer (&fake.stored_error));
    g_object_unref (task);
    return;
  }
  answer_part (task, name, 7);
}

static const MdModemSmsOps sms_ops = {
  .enable = fake_enable,
  .load_storages = fake_storages,
  .set_default_storage = fake_set_default,
  .list = fake_list,
  .delete_part = fake_delete,
  .encode = fake_encode,
  .send_part = fake_send_part,
  .send_stored = fake_send_stored,
  .store_begin = fake_store_begin,
  .store_part = fake_store_part,
};
static const MdModemOps ops = { .sms = &sms_ops };

/* Ops whose requests overlap: each answered from an idle, so a test sees
 * how many were in flight together. */
typedef enum { LATER_ENABLE, LATER_DEFAULT, LATER_LIST } LaterKind;

typedef struct {
  GTask *task;
  LaterKind kind;
  MdSmsStorage storage;
} Later;

static guint in_flight, most_in_flight;
static gboolean fail_enable;

static gboolean
later_answer (gpointer user_data)
{
  Later *later = user_data;

  in_flight--;
  if (later->kind == LATER_LIST)
    fake_list (NULL, later->storage, later->task);
  else
    finish_bool (later->task, later->kind != LATER_ENABLE || !fail_enable);
  g_free (later);
  return G_SOURCE_REMOVE;
}

static void
answer_later (GTask *task, LaterKind kind, MdSmsStorage storage)
{
  Later *later = g_new0 (Later, 1);

  later->task = task;
  later->kind = kind;
  later->storage = storage;
  in_flight++;
  most_in_flight = MAX (most_in_flight, in_flight);
  g_idle_add (later_answer, later);
}

static void
overlap_enable (MdModem *modem, GTask *task)
{
  answer_later (task, LATER_ENABLE, MD_SMS_STORAGE_UNKNOWN);
}

static void
overlap_set_default (MdModem *modem, MdSmsStorage storage, GTask *task)
{
  fake.default_storage = storage;
  answer_later (task, LATER_DEFAULT, storage);
}

static void
overlap_list (MdModem *modem, MdSmsStorage storage, GTask *task)
{
  answer_later (task, LATER_LIST, storage);
}

static const MdModemSmsOps overlap_sms_ops = {
  .enable = overlap_enable,
  .load_storages = fake_storages,
  .set_default_storage = overlap_set_default,
  .list = overlap_list,
  .requests_overlap = TRUE,
};
static const MdModemOps overlap_ops = { .sms = &overlap_sms_ops };

static void
on_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (!*slot)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static MdModem *
new_modem_with (const MdModemOps *modem_ops, gboolean enabled)
{
  MdModem *modem = md_modem_new (0, "uid", "test", NULL, modem_ops);
  static const MdModemState path[] = { MD_MODEM_STATE_INITIALIZING, MD_MODEM_STATE_DISABLED,
                                       MD_MODEM_STATE_ENABLING, MD_MODEM_STATE_ENABLED };

  memset (&fake, 0, sizeof fake);
  fake.listed = g_array_new (FALSE, FALSE, sizeof (MdSmsStorage));
  fake.deleted = g_array_new (FALSE, FALSE, sizeof (guint));
  fake.parts = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < (enabled ? G_N_ELEMENTS (path) : 2); i++)
    md_modem_set_state (modem, path[i], MD_MODEM_STATE_CHANGE_REASON_UNKNOWN);
  return modem;
}

static MdModem *
new_modem (gboolean enabled)
{
  return new_modem_with (&ops, enabled);
}

static void
free_fake (void)
{
  g_array_unref (fake.listed);
  g_array_unref (fake.deleted);
  g_ptr_array_unref (fake.parts);
}

static void
test_enable_loads_storages (void)
{
  g_autoptr (MdModem) modem = new_modem (TRUE);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *all;

  md_modem_sms_enable_async (modem, TRUE, NULL, on_done, &result);
  g_assert_true (md_modem_sms_enable_finish (modem, wait_result (&result), &error));
  g_assert_no_error (error);
  g_assert_cmphex (md_modem_get_sms_storages (modem), ==,
                   (1 << MD_SMS_STORAGE_SM) | (1 << MD_SMS_STORAGE_ME));
  /* ME is preferred, as ModemManager does. */
  g_assert_cmpint (md_modem_get_sms_default_storage (modem), ==, MD_SMS_STORAGE_ME);
  g_assert_cmpint (fake.default_storage, ==, MD_SMS_STORAGE_ME);
  g_assert_cmpuint (fake.listed->len, ==, 2);
  all = md_sms_list_get_all (md_modem_get_sms_list (modem));
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_cmpstr (md_sms_get_text (g_ptr_array_index (all, 0)), ==, "on the SIM");
  g_assert_cmpint (md_sms_get_storage (g_ptr_array_index (all, 1)), ==, MD_SMS_STORAGE_ME);
  /* A second enable lists again and adds nothing. */
  g_clear_object (&result);
  md_modem_sms_enable_async (modem, TRUE, NULL, on_done, &result);
  g_assert_true (md_modem_sms_enable_finish (modem, wait_result (&result), &error));
  g_assert_cmpuint (all->len, ==, 2);
  free_fake ();
}

typedef struct {
  guint ticks;          /* main loop iterations seen by a default-priority source */
  guint added;          /* messages added so far */
  guint last_tick;      /* the tick of the last message added */
  guint in_this_tick;   /* messages added in that tick */
  guint most_in_a_tick; /* the most added in one tick */
  guint ticks_during;   /* ticks between the first and the last added */
  guint first_tick;
} Batches;

static gboolean
tick (gpointer user_data)
{
  ((Batches *)user_data)->ticks++;
  return G_SOURCE_CONTINUE;
}

static void
count_added (MdSmsList *list, MdSms *sms, gboolean received, gpointer user_data)
{
  Batches *b = user_data;

  if (b->added++ == 0)
    b->first_tick = b->ticks;
  b->in_this_tick = b->ticks == b->last_tick && b->added > 1 ? b->in_this_tick + 1 : 1;
  b->last_tick = b->ticks;
  b->most_in_a_tick = MAX (b->most_in_a_tick, b->in_this_tick);
  b->ticks_during = b->ticks - b->first_tick;
}

/* A long list is taken a batch at a time: other sources of the same
 * priority as D-Bus calls run between the batches. */
static void
test_long_list_taken_in_batches (void)
{
  g_autoptr (MdModem) modem = new_modem (TRUE);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  Batches b = { 0 };
  guint ticker;

  fake.sim_messages = 1000;
  g_signal_connect (md_modem_get_sms_list (modem), "added", G_CALLBACK (count_added), &b);
  ticker = g_idle_add_full (G_PRIORITY_DEFAULT, tick, &b, NULL);
  md_modem_sms_enable_async (modem, TRUE, NULL, on_done, &result);
  g_assert_true (md_modem_sms_enable_finish (modem, wait_result (&result), &error));
  g_source_remove (ticker);
  g_assert_no_error (error);
  g_assert_cmpuint (b.added, ==, 1001);
  g_assert_cmpuint (md_sms_list_get_all (md_modem_get_sms_list (modem))->len, ==, 1001);
  g_assert_cmpuint (b.most_in_a_tick, <=, 32);
  g_assert_cmpuint (b.ticks_during, >=, 1000 / 32);
  free_fake ();
}

static void
test_create_needs_enabled (void)
{
  g_autoptr (MdModem) modem = new_modem (FALSE);
  MdSmsRequest request = { .number = "+49123", .text = "x", .class = -1 };
  g_autoptr (GError) error = NULL;

  g_assert_null (md_modem_sms_create (modem, &request, &error));
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_WRONG_STATE);
  g_assert_true (md_modem_has_messaging (modem));
  free_fake ();
}

static gboolean
run_call (MdModem *modem, MdSms *sms, const char *what, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  if (g_str_equal (what, "send"))
    md_modem_sms_send_async (modem, sms, NULL, on_done, &result);
  else if (g_str_equal (what, "store"))
    md_modem_sms_store_async (modem, sms, MD_SMS_STORAGE_UNKNOWN, NULL, on_done, &result);
  else
    md_modem_sms_delete_async (modem, sms, NULL, on_done, &result);
  return md_modem_sms_finish (modem, wait_result (&result), error);
}

static void
test_send_states (void)
{
  g_autoptr (MdModem) modem = new_modem (TRUE);
  MdSmsRequest request = { .number = "+49123", .text = "xy", .class = -1 };
  g_autoptr (GError) error = NULL;
  MdSms *sms = md_modem_sms_create (modem, &request, &error);

  g_assert_no_error (error);
  g_assert_cmpint (md_sms_get_state (sms), ==, MD_SMS_STATE_UNKNOWN);
  fake.fail_part = 1;
  g_assert_false (run_call (modem, sms, "send", &error));
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED);
  g_clear_error (&error);
  /* A failed send leaves the message as it was. */
  g_assert_cmpint (md_sms_get_state (sms), ==, MD_SMS_STATE_UNKNOWN);
  fake.fail_part = 0;
  g_ptr_array_set_size (fake.parts, 0);
  g_assert_true (run_call (modem, sms, "send", &error));
  g_assert_cmpint (md_sms_get_state (sms), ==, MD_SMS_STATE_SENT);
  /* Each part once, in order; each part's reference kept. */
  g_assert_cmpuint (fake.parts->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (fake.parts, 0), ==, "x");
  g_assert_cmpstr (g_ptr_array_index (fake.parts, 1), ==, "y");
  g_assert_cmpuint (md_sms_get_message_reference (sms), ==, 5);
  g_assert_true (md_sms_has_message_reference (sms, 6));
  g_assert_false (run_call (modem, sms, "send", &error));
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED);
  free_fake ();
}

/* A part that fails ends the send: the parts after it never go out. */
static void
test_send_part_fails (void)
{
  g_autoptr (MdModem) modem = new_modem (TRUE);
  MdSmsRequest request = { .number = "+49123", .text = "abc", .class = -1 };
  g_autoptr (GError) error = NULL;
  MdSms *sms = md_modem_sms_create (modem, &request, &error);

  fake.fail_part = 2;
  g_assert_false (run_call (modem, sms, "send", &error));
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED);
  g_assert_cmpuint (fake.parts->len, ==, 2);
  g_assert_cmpint (md_sms_get_state (sms), ==, MD_SMS_STATE_UNKNOWN);
  free_fake ();
}

/* A message the driver cannot encode fails before any part goes out. */
static void
test_send_encode_refused (void)
{
  g_autoptr (MdModem) modem = new_modem (TRUE);
  MdSmsRequest request = { .number = "+49123", .text = "refused", .class = -1 };
  g_autoptr (GError) error = NULL;
  MdSms *sms = md_modem_sms_create (modem, &request, &error);

  g_assert_false (run_call (modem, sms, "send", &error));
  g_assert_error (error, MD_MESSAGE_ERROR, MD_MESSAGE_ERROR_INVALID_PDU_PARAMETER);
  g_assert_cmpuint (fake.parts->len, ==, 0);
  g_assert_cmpint (md_sms_get_state (sms), ==, MD_SMS_STATE_UNKNOWN);
  free_fake ();
}

static void
test_send_received_refused (void)
{
  g_autoptr (MdModem) modem = new_modem (TRUE);
  g_autoptr (GError) error = NULL;
  MdSmsEntry *entry = md_sms_entry_new ();
  MdSms *sms;

  entry->pdu_type = MD_SMS_PDU_TYPE_DELIVER;
  entry->state = MD_SMS_STATE_RECEIVED;
  entry->text = g_strdup ("hi");
  sms = md_sms_list_take_part (md_modem_get_sms_list (modem), entry);
  g_assert_false (run_call (modem, sms, "send", &error));
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED);
  g_assert_cmpint (md_sms_get_state (sms), ==, MD_SMS_STATE_RECEIVED);
  free_fake ();
}

static void
test_store_then_delete (void)
{
  g_autoptr (MdModem) modem = new_modem (TRUE);
  MdSmsRequest request = { .number = "+49123", .text = "xy", .class = -1 };
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (MdSms) sms = NULL;

  md_modem_sms_enable_async (modem, TRUE, NULL, on_done, &result);
  g_assert_true (md_modem_sms_enable_finish (modem, wait_result (&result), &error));
  sms = g_object_ref (md_modem_sms_create (modem, &request, &error));
  g_assert_true (run_call (modem, sms, "store", &error));
  g_assert_no_error (error);
  g_assert_cmpint (md_sms_get_state (sms), ==, MD_SMS_STATE_STORED);
  g_assert_cmpint (md_sms_get_storage (sms), ==, MD_SMS_STORAGE_ME);
  /* The storage readied once, then each part stored in order. */
  g_assert_cmpuint (fake.store_begun, ==, 1);
  g_assert_cmpuint (fake.parts->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (fake.parts, 1), ==, "y");
  /* Stored again where it is: nothing to do. */
  g_assert_true (run_call (modem, sms, "store", &error));
  g_assert_true (run_call (modem, sms, "delete", &error));
  g_assert_cmpuint (fake.deleted->len, ==, 2);
  g_assert_cmpuint (g_array_index (fake.deleted, guint, 0), ==, 3);
  g_assert_cmpuint (g_array_index (fake.deleted, guint, 1), ==, 4);
  g_assert_false (g_ptr_array_find (md_sms_list_get_all (md_modem_get_sms_list (modem)), sms, NULL));
  free_fake ();
}

static MdSms *
stored_message (MdModem *modem, GError **error)
{
  MdSmsRequest request = { .number = "+49123", .text = "xy", .class = -1 };
  g_autoptr (GAsyncResult) result = NULL;
  MdSms *sms;

  md_modem_sms_enable_async (modem, TRUE, NULL, on_done, &result);
  g_assert_true (md_modem_sms_enable_finish (modem, wait_result (&result), error));
  sms = md_modem_sms_create (modem, &request, error);
  g_assert_true (run_call (modem, sms, "store", error));
  g_ptr_array_set_size (fake.parts, 0);
  return sms;
}

/* A stored message goes by index (parts stored at 3 and 4). */
static void
test_send_stored (void)
{
  g_autoptr (MdModem) modem = new_modem (TRUE);
  g_autoptr (GError) error = NULL;
  MdSms *sms = stored_message (modem, &error);

  g_assert_true (run_call (modem, sms, "send", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fake.parts->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (fake.parts, 0), ==, "#3");
  g_assert_cmpstr (g_ptr_array_index (fake.parts, 1), ==, "#4");
  g_assert_cmpint (md_sms_get_state (sms), ==, MD_SMS_STATE_SENT);
  g_assert_true (md_sms_has_message_reference (sms, 7));
  g_assert_true (md_sms_has_message_reference (sms, 8));
  free_fake ();
}

/* The modem refusing the first part from storage: the parts themselves go
 * out. Any other failure fails the send. */
static void
test_send_stored_refused (void)
{
  g_autoptr (MdModem) modem = new_modem (TRUE);
  g_autoptr (GError) error = NULL;
  MdSms *sms = stored_message (modem, &error);

  fake.stored_error = g_error_new (MD_MOBILE_EQUIPMENT_ERROR, MD_MOBILE_EQUIPMENT_ERROR_NOT_SUPPORTED, "no");
  g_assert_true (run_call (modem, sms, "send", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fake.parts->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (fake.parts, 0), ==, "#3");
  g_assert_cmpstr (g_ptr_array_index (fake.parts, 1), ==, "x");
  g_assert_cmpstr (g_ptr_array_index (fake.parts, 2), ==, "y");
  g_assert_cmpint (md_sms_get_state (sms), ==, MD_SMS_STATE_SENT);
  free_fake ();

  g_clear_object (&modem);
  modem = new_modem (TRUE);
  sms = stored_message (modem, &error);
  fake.stored_error = g_error_new (MD_CORE_ERROR, MD_CORE_ERROR_TIMEOUT, "no answer");
  g_assert_false (run_call (modem, sms, "send", &error));
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_TIMEOUT);
  g_assert_cmpuint (fake.parts->len, ==, 1);
  g_assert_cmpint (md_sms_get_state (sms), ==, MD_SMS_STATE_STORED);
  free_fake ();
}

/* Storages listed (SM, ME) apart from those published and stored in. */
static void
test_usable_storages (void)
{
  g_autoptr (MdModem) modem = new_modem (TRUE);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  fake.usable = 1 << MD_SMS_STORAGE_SM;
  md_modem_sms_enable_async (modem, TRUE, NULL, on_done, &result);
  g_assert_true (md_modem_sms_enable_finish (modem, wait_result (&result), &error));
  g_assert_cmphex (md_modem_get_sms_storages (modem), ==, 1 << MD_SMS_STORAGE_SM);
  g_assert_cmpint (md_modem_get_sms_default_storage (modem), ==, MD_SMS_STORAGE_SM);
  g_assert_cmpuint (fake.listed->len, ==, 2);
  free_fake ();
}

static void
test_overlapping_requests (void)
{
  g_autoptr (MdModem) modem = new_modem_with (&overlap_ops, TRUE);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *all;

  in_flight = most_in_flight = 0;
  fail_enable = FALSE;
  md_modem_sms_enable_async (modem, TRUE, NULL, on_done, &result);
  g_assert_true (md_modem_sms_enable_finish (modem, wait_result (&result), &error));
  g_assert_no_error (error);
  /* Indications, default storage and the two lists, all at once. */
  g_assert_cmpuint (most_in_flight, ==, 4);
  g_assert_cmpint (fake.default_storage, ==, MD_SMS_STORAGE_ME);
  /* Taken in storage order all the same. */
  all = md_sms_list_get_all (md_modem_get_sms_list (modem));
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_cmpstr (md_sms_get_text (g_ptr_array_index (all, 0)), ==, "on the SIM");
  g_assert_cmpint (md_sms_get_storage (g_ptr_array_index (all, 1)), ==, MD_SMS_STORAGE_ME);
  free_fake ();
}

static void
test_overlapping_indications_refused (void)
{
  g_autoptr (MdModem) modem = new_modem_with (&overlap_ops, TRUE);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  in_flight = most_in_flight = 0;
  fail_enable = TRUE;
  md_modem_sms_enable_async (modem, TRUE, NULL, on_done, &result);
  g_assert_false (md_modem_sms_enable_finish (modem, wait_result (&result), &error));
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED);
  /* The enable ends once every request was answered, none taken. */
  g_assert_cmpuint (in_flight, ==, 0);
  g_assert_cmpuint (md_sms_list_get_all (md_modem_get_sms_list (modem))->len, ==, 0);
  fail_enable = FALSE;
  free_fake ();
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/modem-sms/enable-loads-storages", test_enable_loads_storages);
  g_test_add_func ("/modem-sms/long-list-taken-in-batches", test_long_list_taken_in_batches);
  g_test_add_func ("/modem-sms/overlapping-requests", test_overlapping_requests);
  g_test_add_func ("/modem-sms/overlapping-indications-refused", test_overlapping_indications_refused);
  g_test_add_func ("/modem-sms/create-needs-enabled", test_create_needs_enabled);
  g_test_add_func ("/modem-sms/send-states", test_send_states);
  g_test_add_func ("/modem-sms/send-part-fails", test_send_part_fails);
  g_test_add_func ("/modem-sms/send-encode-refused", test_send_encode_refused);
  g_test_add_func ("/modem-sms/send-received-refused", test_send_received_refused);
  g_test_add_func ("/modem-sms/send-stored", test_send_stored);
  g_test_add_func ("/modem-sms/send-stored-refused", test_send_stored_refused);
  g_test_add_func ("/modem-sms/usable-storages", test_usable_storages);
  g_test_add_func ("/modem-sms/store-then-delete", test_store_then_delete);
  return g_test_run ();
}
