/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Core SMS: parts joined into messages (order, duplicates, strangers),
 * delivery reports, the limits on incomplete messages, and the states a
 * created message goes through. No driver, no D-Bus. */
#include "md-errors.h"
#include "md-sms-list.h"

typedef struct {
  guint added;
  guint added_received;
  guint removed;
} Counts;

static void
on_added (MdSmsList *list, MdSms *sms, gboolean received, gpointer user_data)
{
  Counts *counts = user_data;

  counts->added++;
  counts->added_received += received ? 1 : 0;
}

static void
on_removed (MdSmsList *list, MdSms *sms, gpointer user_data)
{
  ((Counts *)user_data)->removed++;
}

static MdSmsList *
new_list (Counts *counts)
{
  MdSmsList *list = md_sms_list_new ("test");

  g_signal_connect (list, "added", G_CALLBACK (on_added), counts);
  g_signal_connect (list, "removed", G_CALLBACK (on_removed), counts);
  return list;
}

/* A received DELIVER part; reference 0 and max 0 make a single part. */
static MdSmsEntry *
deliver (guint index, const char *number, const char *text, guint reference, guint max, guint sequence)
{
  MdSmsEntry *part = md_sms_entry_new ();

  part->index = index;
  part->storage = MD_SMS_STORAGE_SM;
  part->pdu_type = MD_SMS_PDU_TYPE_DELIVER;
  part->state = MD_SMS_STATE_RECEIVED;
  part->number = g_strdup (number);
  part->text = g_strdup (text);
  part->timestamp = g_strdup_printf ("2026-12-05T17:0%u:00+01:00", sequence % 10);
  part->concat_reference = reference;
  part->concat_max = max;
  part->concat_sequence = sequence;
  return part;
}

static void
test_single_part (void)
{
  Counts counts = { 0 };
  g_autoptr (MdSmsList) list = new_list (&counts);
  MdSms *sms = md_sms_list_take_part (list, deliver (3, "+4912345", "hello", 0, 0, 0));

  g_assert_nonnull (sms);
  g_assert_cmpuint (counts.added_received, ==, 1);
  g_assert_cmpint (md_sms_get_state (sms), ==, MD_SMS_STATE_RECEIVED);
  g_assert_cmpint (md_sms_get_pdu_type (sms), ==, MD_SMS_PDU_TYPE_DELIVER);
  g_assert_cmpstr (md_sms_get_number (sms), ==, "+4912345");
  g_assert_cmpstr (md_sms_get_text (sms), ==, "hello");
  g_assert_cmpint (md_sms_get_storage (sms), ==, MD_SMS_STORAGE_SM);
  g_assert_true (md_sms_has_part_at (sms, MD_SMS_STORAGE_SM, 3));
  g_assert_false (md_sms_has_part_at (sms, MD_SMS_STORAGE_ME, 3));
  /* The same storage index again (a reload) adds nothing. */
  g_assert_null (md_sms_list_take_part (list, deliver (3, "+4912345", "hello", 0, 0, 0)));
  g_assert_cmpuint (md_sms_list_get_all (list)->len, ==, 1);
}

/* Parts in any order: one message, RECEIVING until the last part, then
 * the text in sequence order and the first part's timestamp. */
static void
test_multipart_any_order (void)
{
  static const guint orders[][3] = { { 1, 2, 3 }, { 3, 1, 2 }, { 2, 3, 1 }, { 3, 2, 1 } };
  static const char *const texts[] = { NULL, "first ", "second ", "third" };

  for (guint o = 0; o < G_N_ELEMENTS (orders); o++) {
    Counts counts = { 0 };
    g_autoptr (MdSmsList) list = new_list (&counts);
    MdSms *sms = NULL;

    for (guint i = 0; i < 3; i++) {
      guint seq = orders[o][i];
      MdSms *got = md_sms_list_take_part (list, deliver (seq, "+4912345", texts[seq], 77, 3, seq));

      g_assert_nonnull (got);
      g_assert_true (!sms || got == sms);
      sms = got;
      g_assert_cmpint (md_sms_get_state (sms), ==, i < 2 ? MD_SMS_STATE_RECEIVING : MD_SMS_STATE_RECEIVED);
    }
    g_assert_cmpuint (counts.added, ==, 1);
    g_assert_cmpuint (md_sms_list_get_all (list)->len, ==, 1);
    g_assert_true (md_sms_is_complete (sms));
    g_assert_cmpstr (md_sms_get_text (sms), ==, "first second third");
    g_assert_cmpstr (md_sms_get_timestamp (sms), ==, "2026-12-05T17:01:00+01:00");
  }
}

static void
test_multipart_strangers (void)
{
  Counts counts = { 0 };
  g_autoptr (MdSmsList) list = new_list (&counts);
  MdSms *a = md_sms_list_take_part (list, deliver (1, "+111", "a1", 5, 2, 1));
  g_autoptr (GError) error = NULL;

  /* Another sender, another reference, another count: other messages. */
  g_assert_true (md_sms_list_take_part (list, deliver (2, "+222", "b1", 5, 2, 1)) != a);
  g_assert_true (md_sms_list_take_part (list, deliver (3, "+111", "c1", 6, 2, 1)) != a);
  g_assert_true (md_sms_list_take_part (list, deliver (4, "+111", "d1", 5, 3, 1)) != a);
  g_assert_cmpuint (md_sms_list_get_all (list)->len, ==, 4);
  /* A repeated sequence is refused and leaves the message as it was. */
  g_assert_false (md_sms_take_part (a, deliver (5, "+111", "a1 again", 5, 2, 1), &error));
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (md_sms_take_part (a, deliver (6, "+111", "a9", 5, 2, 9), &error));
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS);
  /* A sequence out of range never starts a message. */
  g_assert_null (md_sms_list_take_part (list, deliver (7, "+333", "x", 9, 2, 0)));
  g_assert_null (md_sms_list_take_part (list, deliver (8, "+333", "x", 9, 2, 3)));
  g_assert_cmpint (md_sms_get_state (a), ==, MD_SMS_STATE_RECEIVING);
  g_assert_nonnull (md_sms_list_take_part (list, deliver (9, "+111", "a2", 5, 2, 2)));
  g_assert_cmpstr (md_sms_get_text (a), ==, "a1a2");
}

static void
test_incomplete_limit (void)
{
  Counts counts = { 0 };
  g_autoptr (MdSmsList) list = new_list (&counts);
  MdSms *first = md_sms_list_take_part (list, deliver (MD_SMS_NO_INDEX, "+1", "p", 0, 2, 1));
  g_autoptr (MdSms) held = g_object_ref (first);

  for (guint i = 1; i < MD_SMS_LIST_MAX_INCOMPLETE; i++)
    md_sms_list_take_part (list, deliver (MD_SMS_NO_INDEX, "+1", "p", i, 2, 1));
  g_assert_cmpuint (counts.removed, ==, 0);
  md_sms_list_take_part (list, deliver (MD_SMS_NO_INDEX, "+1", "p", 999, 2, 1));
  g_assert_cmpuint (counts.removed, ==, 1);
  g_assert_false (g_ptr_array_find (md_sms_list_get_all (list), held, NULL));
  g_assert_cmpuint (md_sms_list_get_all (list)->len, ==, MD_SMS_LIST_MAX_INCOMPLETE);
}

static void
test_expiry (void)
{
  Counts counts = { 0 };
  g_autoptr (MdSmsList) list = new_list (&counts);
  MdSms *whole = md_sms_list_take_part (list, deliver (1, "+1", "whole", 0, 0, 0));
  MdSms *partial = md_sms_list_take_part (list, deliver (2, "+1", "half", 4, 2, 1));
  gint64 created = md_sms_get_created_us (partial);

  md_sms_list_expire (list, created + MD_SMS_LIST_EXPIRY_US - 1);
  g_assert_cmpuint (counts.removed, ==, 0);
  md_sms_list_expire (list, created + MD_SMS_LIST_EXPIRY_US);
  g_assert_cmpuint (counts.removed, ==, 1);
  g_assert_cmpuint (md_sms_list_get_all (list)->len, ==, 1);
  g_assert_true (g_ptr_array_index (md_sms_list_get_all (list), 0) == whole);
}

static MdSmsEntry *
status_report (guint reference, MdSmsDeliveryState state)
{
  MdSmsEntry *part = md_sms_entry_new ();

  part->pdu_type = MD_SMS_PDU_TYPE_STATUS_REPORT;
  part->state = MD_SMS_STATE_RECEIVED;
  part->number = g_strdup ("+4912345");
  part->message_reference = reference;
  part->delivery_state = state;
  part->discharge_timestamp = g_strdup ("2026-12-05T18:00:00+01:00");
  return part;
}

static void
test_created_and_delivery_report (void)
{
  Counts counts = { 0 };
  g_autoptr (MdSmsList) list = new_list (&counts);
  MdSmsRequest submit = { .number = "+4912345", .text = "hi", .class = -1, .delivery_report_request = TRUE };
  g_autoptr (MdSms) sms = md_sms_new_submit (40, "test", &submit);
  static const guint references[] = { 12, 13 };
  static const guint indexes[] = { 4, 5 };
  MdSms *report;

  md_sms_list_add (list, sms);
  g_assert_cmpuint (counts.added, ==, 1);
  g_assert_cmpuint (counts.added_received, ==, 0);
  g_assert_cmpint (md_sms_get_state (sms), ==, MD_SMS_STATE_UNKNOWN);
  g_assert_cmpint (md_sms_get_pdu_type (sms), ==, MD_SMS_PDU_TYPE_SUBMIT);
  g_assert_cmpint (md_sms_get_storage (sms), ==, MD_SMS_STORAGE_UNKNOWN);
  g_assert_cmpint (md_sms_get_delivery_state (sms), ==, MD_SMS_DELIVERY_STATE_UNKNOWN);
  md_sms_set_stored (sms, MD_SMS_STORAGE_SM, indexes, 2);
  g_assert_cmpint (md_sms_get_state (sms), ==, MD_SMS_STATE_STORED);
  g_assert_true (md_sms_has_part_at (sms, MD_SMS_STORAGE_SM, 5));
  /* Not sent yet: a report naming it is a message of its own. */
  report = md_sms_list_take_part (list, status_report (13, MD_SMS_DELIVERY_STATE_COMPLETED_RECEIVED));
  g_assert_true (report != sms);
  g_assert_cmpint (md_sms_get_pdu_type (report), ==, MD_SMS_PDU_TYPE_STATUS_REPORT);
  md_sms_set_sent (sms, references, 2);
  g_assert_cmpint (md_sms_get_state (sms), ==, MD_SMS_STATE_SENT);
  g_assert_cmpuint (md_sms_get_message_reference (sms), ==, 12);
  /* A report on either part updates the message. */
  g_assert_true (md_sms_list_take_part (list, status_report (13, MD_SMS_DELIVERY_STATE_COMPLETED_RECEIVED))
                 == sms);
  g_assert_cmpint (md_sms_get_delivery_state (sms), ==, MD_SMS_DELIVERY_STATE_COMPLETED_RECEIVED);
  g_assert_cmpstr (md_sms_get_discharge_timestamp (sms), ==, "2026-12-05T18:00:00+01:00");
  g_assert_cmpuint (md_sms_list_get_all (list)->len, ==, 2);
  g_assert_true (md_sms_list_remove (list, sms));
  g_assert_false (md_sms_list_remove (list, sms));
  g_assert_cmpuint (counts.removed, ==, 1);
}

static void
test_binary_parts (void)
{
  Counts counts = { 0 };
  g_autoptr (MdSmsList) list = new_list (&counts);
  MdSmsEntry *one = deliver (1, "+1", NULL, 8, 2, 1);
  MdSmsEntry *two = deliver (2, "+1", NULL, 8, 2, 2);
  MdSms *sms;
  gsize size;
  const guint8 *bytes;

  one->data = g_bytes_new ("\x01\x02", 2);
  two->data = g_bytes_new ("\x03", 1);
  sms = md_sms_list_take_part (list, two);
  g_assert_null (md_sms_get_data (sms));
  md_sms_list_take_part (list, one);
  bytes = g_bytes_get_data (md_sms_get_data (sms), &size);
  g_assert_cmpmem (bytes, size, "\x01\x02\x03", 3);
  g_assert_cmpstr (md_sms_get_text (sms), ==, "");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sms/single-part", test_single_part);
  g_test_add_func ("/sms/multipart-any-order", test_multipart_any_order);
  g_test_add_func ("/sms/multipart-strangers", test_multipart_strangers);
  g_test_add_func ("/sms/incomplete-limit", test_incomplete_limit);
  g_test_add_func ("/sms/expiry", test_expiry);
  g_test_add_func ("/sms/created-and-delivery-report", test_created_and_delivery_report);
  g_test_add_func ("/sms/binary-parts", test_binary_parts);
  return g_test_run ();
}
