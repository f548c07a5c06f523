/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The MBIM front end's SMS service, read back with libmbim's parsers:
 * configuration, reading the shared "SM" storage (all, by index, a bad
 * index), the indication of a new message, sending (recorded by the
 * model) and deleting. */
#include "sim-mbim-fixture.h"

#define PDU_HEX "07911326040000F0040B911346610089F60000208062917314080CC8329BFD06"

static void
test_configuration (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MbimMessage) response = NULL;
  g_autofree char *smsc = NULL;
  MbimSmsStorageState state;
  MbimSmsFormat format;
  guint32 max, cdma;

  open_function (f, 4096);
  response = command (f, mbim_message_sms_configuration_query_new (NULL), MBIM_STATUS_ERROR_NONE);
  g_assert_true (
    mbim_message_sms_configuration_response_parse (response, &state, &format, &max, &cdma, &smsc, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (state, ==, MBIM_SMS_STORAGE_STATE_INITIALIZED);
  g_assert_cmpuint (format, ==, MBIM_SMS_FORMAT_PDU);
  g_assert_cmpuint (max, ==, 20);
  g_assert_cmpstr (smsc, ==, "+491710760000");
}

static void
test_read_and_delete (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MbimMessage) all = NULL, one = NULL, bad = NULL, deleted = NULL, after = NULL;
  g_autoptr (MbimSmsPduReadRecordArray) records = NULL;
  g_autoptr (GString) hex = g_string_new ("");
  guint32 count;

  open_function (f, 4096);
  g_assert_cmpuint (sim_model_store_sms (f->model, SIM_SMS_UNREAD, PDU_HEX, &error), ==, 1);
  g_assert_cmpuint (sim_model_store_sms (f->model, SIM_SMS_UNSENT, PDU_HEX, &error), ==, 2);
  all = command (f, mbim_message_sms_read_query_new (MBIM_SMS_FORMAT_PDU, MBIM_SMS_FLAG_ALL, 0, NULL),
                 MBIM_STATUS_ERROR_NONE);
  g_assert_true (mbim_message_sms_read_response_parse (all, NULL, &count, &records, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, 2);
  g_assert_cmpuint (records[0]->message_index, ==, 1);
  g_assert_cmpuint (records[0]->message_status, ==, MBIM_SMS_STATUS_NEW);
  g_assert_cmpuint (records[1]->message_status, ==, MBIM_SMS_STATUS_DRAFT);
  for (guint i = 0; i < records[0]->pdu_data_size; i++)
    g_string_append_printf (hex, "%02X", records[0]->pdu_data[i]);
  g_assert_cmpstr (hex->str, ==, PDU_HEX);
  /* Read once, the message is old. */
  g_clear_pointer (&records, mbim_sms_pdu_read_record_array_free);
  one = command (f, mbim_message_sms_read_query_new (MBIM_SMS_FORMAT_PDU, MBIM_SMS_FLAG_INDEX, 1, NULL),
                 MBIM_STATUS_ERROR_NONE);
  g_assert_true (mbim_message_sms_read_response_parse (one, NULL, &count, &records, NULL, &error));
  g_assert_cmpuint (count, ==, 1);
  g_assert_cmpuint (records[0]->message_status, ==, MBIM_SMS_STATUS_OLD);
  bad = command (f, mbim_message_sms_read_query_new (MBIM_SMS_FORMAT_PDU, MBIM_SMS_FLAG_INDEX, 9, NULL),
                 MBIM_STATUS_ERROR_INVALID_MEMORY_INDEX);
  deleted
    = command (f, mbim_message_sms_delete_set_new (MBIM_SMS_FLAG_INDEX, 1, NULL), MBIM_STATUS_ERROR_NONE);
  g_assert_null (sim_model_find_sms (f->model, 1));
  after = command (f, mbim_message_sms_delete_set_new (MBIM_SMS_FLAG_ALL, 0, NULL), MBIM_STATUS_ERROR_NONE);
  g_assert_cmpuint (f->model->sms->len, ==, 0);
}

static void
test_new_message_indication (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MbimMessage) message = NULL;
  MbimSmsStatusFlag flag;
  guint32 index;

  open_function (f, 4096);
  drain (f);
  g_assert_cmpuint (sim_model_receive_sms (f->model, PDU_HEX, &error), ==, 1);
  message = reply (f);
  g_assert_cmpuint (mbim_message_get_message_type (message), ==, MBIM_MESSAGE_TYPE_INDICATE_STATUS);
  g_assert_cmpuint (mbim_message_indicate_status_get_service (message), ==, MBIM_SERVICE_SMS);
  g_assert_cmpuint (mbim_message_indicate_status_get_cid (message), ==, MBIM_CID_SMS_MESSAGE_STORE_STATUS);
  g_assert_true (mbim_message_sms_message_store_status_notification_parse (message, &flag, &index, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (flag, ==, MBIM_SMS_STATUS_FLAG_NEW_MESSAGE);
  g_assert_cmpuint (index, ==, 1);
}

static void
test_send (Fixture *f, gconstpointer data)
{
  /* An SMS-SUBMIT to +4912345, "hi", SMSC field empty. */
  static const guint8 submit[]
    = { 0x00, 0x01, 0x00, 0x07, 0x91, 0x94, 0x21, 0xF3, 0x00, 0x00, 0x02, 0xE8, 0x34 };
  static const guint8 deliver[] = { 0x00, 0x04, 0x00 };
  MbimSmsPduSendRecord record = { .pdu_data = (guint8 *)submit, .pdu_data_size = sizeof submit };
  MbimSmsPduSendRecord wrong = { .pdu_data = (guint8 *)deliver, .pdu_data_size = sizeof deliver };
  g_autoptr (GError) error = NULL;
  g_autoptr (MbimMessage) first = NULL, second = NULL, refused = NULL;
  guint32 reference;

  open_function (f, 4096);
  first = command (f, mbim_message_sms_send_set_new (MBIM_SMS_FORMAT_PDU, &record, NULL, NULL),
                   MBIM_STATUS_ERROR_NONE);
  g_assert_true (mbim_message_sms_send_response_parse (first, &reference, &error));
  g_assert_cmpuint (reference, ==, 0);
  second = command (f, mbim_message_sms_send_set_new (MBIM_SMS_FORMAT_PDU, &record, NULL, NULL),
                    MBIM_STATUS_ERROR_NONE);
  g_assert_true (mbim_message_sms_send_response_parse (second, &reference, &error));
  g_assert_cmpuint (reference, ==, 1);
  g_assert_cmpuint (f->model->sms_sent->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (f->model->sms_sent, 0), ==, "00010007919421F3000002E834");
  refused = command (f, mbim_message_sms_send_set_new (MBIM_SMS_FORMAT_PDU, &wrong, NULL, NULL),
                     MBIM_STATUS_ERROR_INVALID_PARAMETERS);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  ADD ("sms-configuration", test_configuration, NULL);
  ADD ("sms-read-and-delete", test_read_and_delete, NULL);
  ADD ("sms-new-message-indication", test_new_message_indication, NULL);
  ADD ("sms-send", test_send, NULL);
  return g_test_run ();
}
