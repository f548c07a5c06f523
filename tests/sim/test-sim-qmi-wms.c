/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of modem-sim's QMI WMS service over the model's SMS store:
 * list by storage and tag, raw read/write/send, modify tag, delete, routes,
 * message protocol, and the Event Report indications for a new message and
 * a status report. */
#include "sim-qmi-fixture.h"

#include <string.h>

typedef QmiFixture Fixture;

/* SMS-DELIVER from +4915112345678, "hi", SMSC +491710760000. */
static const char deliver_hex[] = "07919471010667F0040C9194511532547600006220101200000002E834";
/* SMS-SUBMIT to +4915112345678, "hi", no SMSC. */
static const char submit_hex[] = "0001000C919451153254760000"
                                 "02E834";
/* SMS-STATUS-REPORT for reference 7, delivered. */
static const char report_hex[] = "07919471010667F006070C91945115325476622010120000006220101200000000";

static void
setup (Fixture *f, gconstpointer data)
{
  qmi_fixture_setup (f, "[power]\ncfun=1\n");
}

static void
teardown (Fixture *f, gconstpointer data)
{
  qmi_fixture_teardown (f);
}

/* Sends request, frees it and returns the response. */
static QmiMessage *
exchange_take (Fixture *f, QmiMessage *request)
{
  QmiMessage *reply = qmi_fixture_exchange (f, request);

  qmi_message_unref (request);
  return reply;
}

static GByteArray *
unhex (const char *hex)
{
  gsize len = strlen (hex) / 2;
  GByteArray *bytes = g_byte_array_new ();

  for (gsize i = 0; i < len; i++) {
    guint8 octet = (guint8)((g_ascii_xdigit_value (hex[2 * i]) << 4) | g_ascii_xdigit_value (hex[2 * i + 1]));

    g_byte_array_append (bytes, &octet, 1);
  }
  return bytes;
}

/* A Raw Message Data TLV: [storage,] format 6, 16-bit length, PDU. */
static void
raw_data_tlv (QmiMessage *request, gint storage, const char *hex)
{
  g_autoptr (GByteArray) pdu = unhex (hex);
  g_autoptr (GByteArray) value = g_byte_array_new ();
  guint8 head[4];
  guint n = 0;

  if (storage >= 0)
    head[n++] = (guint8)storage;
  head[n++] = QMI_WMS_MESSAGE_FORMAT_GSM_WCDMA_POINT_TO_POINT;
  head[n++] = (guint8)pdu->len;
  head[n++] = (guint8)(pdu->len >> 8);
  g_byte_array_append (value, head, n);
  g_byte_array_append (value, pdu->data, pdu->len);
  qmi_fixture_tlv_bytes (request, 0x01, value->data, value->len);
}

/* List Messages of storage (tag < 0: all): the (index, tag) pairs. */
static GArray *
list (Fixture *f, guint8 wms, guint8 storage, gint tag)
{
  QmiMessage *request = qmi_fixture_request (f, QMI_SERVICE_WMS, wms, 0x0031);
  g_autoptr (QmiMessage) reply = NULL;
  GArray *pairs = g_array_new (FALSE, FALSE, sizeof (guint32));
  const guint8 *v;
  guint16 len = 0;
  guint32 count;

  qmi_fixture_tlv_u8 (request, 0x01, storage);
  if (tag >= 0)
    qmi_fixture_tlv_u8 (request, 0x11, (guint8)tag);
  reply = exchange_take (f, request);
  g_assert_cmpuint (qmi_fixture_error (reply), ==, 0);
  v = qmi_fixture_tlv (reply, 0x01, &len);
  count = qmi_fixture_le32 (v);
  g_assert_cmpuint (len, ==, 4 + count * 5);
  for (guint32 i = 0; i < count; i++) {
    guint32 pair = qmi_fixture_le32 (v + 4 + i * 5) << 8 | v[8 + i * 5];

    g_array_append_val (pairs, pair);
  }
  return pairs;
}

static guint8
enable_reports (Fixture *f)
{
  guint8 wms = qmi_fixture_allocate (f, QMI_SERVICE_WMS);
  QmiMessage *request = qmi_fixture_request (f, QMI_SERVICE_WMS, wms, 0x0001);
  g_autoptr (QmiMessage) reply = NULL;

  qmi_fixture_tlv_u8 (request, 0x10, 1);
  reply = exchange_take (f, request);
  g_assert_cmpuint (qmi_fixture_error (reply), ==, 0);
  return wms;
}

static void
test_incoming_list_read (Fixture *f, gconstpointer data)
{
  guint8 wms = enable_reports (f);
  g_autoptr (QmiMessage) indication = NULL;
  g_autoptr (QmiMessage) reply = NULL;
  g_autoptr (GArray) all = NULL, unread = NULL, nv = NULL;
  g_autoptr (GByteArray) pdu = unhex (deliver_hex);
  QmiMessage *request;
  const guint8 *v;
  guint16 len = 0;
  guint index;

  index = sim_model_receive_sms (f->model, deliver_hex, NULL);
  g_assert_cmpuint (index, ==, 1);
  indication = qmi_fixture_next (f);
  g_assert_nonnull (indication);
  g_assert_true (qmi_message_is_indication (indication));
  g_assert_cmpuint (qmi_message_get_message_id (indication), ==, 0x0001);
  v = qmi_fixture_tlv (indication, 0x10, &len);
  g_assert_cmpuint (len, ==, 5);
  g_assert_cmpuint (v[0], ==, QMI_WMS_STORAGE_TYPE_UIM);
  g_assert_cmpuint (qmi_fixture_le32 (v + 1), ==, index);

  all = list (f, wms, QMI_WMS_STORAGE_TYPE_UIM, -1);
  g_assert_cmpuint (all->len, ==, 1);
  g_assert_cmpuint (g_array_index (all, guint32, 0), ==, index << 8 | QMI_WMS_MESSAGE_TAG_TYPE_MT_NOT_READ);
  unread = list (f, wms, QMI_WMS_STORAGE_TYPE_UIM, QMI_WMS_MESSAGE_TAG_TYPE_MT_READ);
  g_assert_cmpuint (unread->len, ==, 0);
  nv = list (f, wms, QMI_WMS_STORAGE_TYPE_NV, -1);
  g_assert_cmpuint (nv->len, ==, 0);

  request = qmi_fixture_request (f, QMI_SERVICE_WMS, wms, 0x0022);
  {
    guint8 id[5] = { QMI_WMS_STORAGE_TYPE_UIM, (guint8)index, 0, 0, 0 };

    qmi_fixture_tlv_bytes (request, 0x01, id, sizeof id);
  }
  reply = exchange_take (f, request);
  g_assert_cmpuint (qmi_fixture_error (reply), ==, 0);
  v = qmi_fixture_tlv (reply, 0x01, &len);
  g_assert_cmpuint (v[0], ==, QMI_WMS_MESSAGE_TAG_TYPE_MT_NOT_READ);
  g_assert_cmpuint (v[1], ==, QMI_WMS_MESSAGE_FORMAT_GSM_WCDMA_POINT_TO_POINT);
  g_assert_cmpuint (qmi_fixture_le16 (v + 2), ==, pdu->len);
  g_assert_cmpmem (v + 4, len - 4, pdu->data, pdu->len);
}

static void
test_read_missing (Fixture *f, gconstpointer data)
{
  guint8 wms = qmi_fixture_allocate (f, QMI_SERVICE_WMS);
  QmiMessage *request = qmi_fixture_request (f, QMI_SERVICE_WMS, wms, 0x0022);
  guint8 id[5] = { QMI_WMS_STORAGE_TYPE_UIM, 9, 0, 0, 0 };
  g_autoptr (QmiMessage) reply = NULL;

  qmi_fixture_tlv_bytes (request, 0x01, id, sizeof id);
  reply = exchange_take (f, request);
  g_assert_cmpuint (qmi_fixture_error (reply), ==, QMI_PROTOCOL_ERROR_INVALID_INDEX);
}

static void
test_write_tag_delete (Fixture *f, gconstpointer data)
{
  guint8 wms = qmi_fixture_allocate (f, QMI_SERVICE_WMS);
  QmiMessage *request = qmi_fixture_request (f, QMI_SERVICE_WMS, wms, 0x0021);
  g_autoptr (QmiMessage) reply = NULL;
  g_autoptr (QmiMessage) tagged = NULL;
  g_autoptr (QmiMessage) deleted = NULL;
  g_autoptr (GArray) sent = NULL;
  const guint8 *v;
  guint16 len = 0;
  guint32 index;
  guint8 tag[6];

  raw_data_tlv (request, QMI_WMS_STORAGE_TYPE_UIM,
                "00"
                "01000C919451153254760000"
                "02E834");
  reply = exchange_take (f, request);
  g_assert_cmpuint (qmi_fixture_error (reply), ==, 0);
  v = qmi_fixture_tlv (reply, 0x01, &len);
  g_assert_cmpuint (len, ==, 4);
  index = qmi_fixture_le32 (v);
  g_assert_nonnull (sim_model_find_sms (f->model, index));
  g_assert_cmpuint (sim_model_find_sms (f->model, index)->status, ==, SIM_SMS_UNSENT);

  request = qmi_fixture_request (f, QMI_SERVICE_WMS, wms, 0x0023);
  tag[0] = QMI_WMS_STORAGE_TYPE_UIM;
  tag[1] = (guint8)index;
  tag[2] = tag[3] = tag[4] = 0;
  tag[5] = QMI_WMS_MESSAGE_TAG_TYPE_MO_SENT;
  qmi_fixture_tlv_bytes (request, 0x01, tag, sizeof tag);
  tagged = exchange_take (f, request);
  g_assert_cmpuint (qmi_fixture_error (tagged), ==, 0);
  sent = list (f, wms, QMI_WMS_STORAGE_TYPE_UIM, QMI_WMS_MESSAGE_TAG_TYPE_MO_SENT);
  g_assert_cmpuint (sent->len, ==, 1);

  request = qmi_fixture_request (f, QMI_SERVICE_WMS, wms, 0x0024);
  qmi_fixture_tlv_u8 (request, 0x01, QMI_WMS_STORAGE_TYPE_UIM);
  qmi_fixture_tlv_u32 (request, 0x10, index);
  deleted = exchange_take (f, request);
  g_assert_cmpuint (qmi_fixture_error (deleted), ==, 0);
  g_assert_null (sim_model_find_sms (f->model, index));
  g_clear_pointer (&deleted, qmi_message_unref);
  /* Gone: deleting it again names the index. */
  request = qmi_fixture_request (f, QMI_SERVICE_WMS, wms, 0x0024);
  qmi_fixture_tlv_u8 (request, 0x01, QMI_WMS_STORAGE_TYPE_UIM);
  qmi_fixture_tlv_u32 (request, 0x10, index);
  deleted = exchange_take (f, request);
  g_assert_cmpuint (qmi_fixture_error (deleted), ==, QMI_PROTOCOL_ERROR_INVALID_INDEX);
}

/* NV is a store of its own: written there, listed there, not in UIM. */
static void
test_nv_store (Fixture *f, gconstpointer data)
{
  guint8 wms = qmi_fixture_allocate (f, QMI_SERVICE_WMS);
  QmiMessage *request = qmi_fixture_request (f, QMI_SERVICE_WMS, wms, 0x0021);
  g_autoptr (QmiMessage) reply = NULL;
  g_autoptr (QmiMessage) deleted = NULL;
  g_autoptr (GArray) nv = NULL, nv_after = NULL;

  raw_data_tlv (request, QMI_WMS_STORAGE_TYPE_NV, submit_hex);
  reply = exchange_take (f, request);
  g_assert_cmpuint (qmi_fixture_error (reply), ==, 0);
  g_assert_cmpuint (f->model->sms->len, ==, 0);
  nv = list (f, wms, QMI_WMS_STORAGE_TYPE_NV, -1);
  g_assert_cmpuint (nv->len, ==, 1);
  g_assert_cmpuint (g_array_index (nv, guint32, 0), ==, 1 << 8 | QMI_WMS_MESSAGE_TAG_TYPE_MO_NOT_SENT);
  request = qmi_fixture_request (f, QMI_SERVICE_WMS, wms, 0x0024);
  qmi_fixture_tlv_u8 (request, 0x01, QMI_WMS_STORAGE_TYPE_NV);
  deleted = exchange_take (f, request);
  g_assert_cmpuint (qmi_fixture_error (deleted), ==, 0);
  nv_after = list (f, wms, QMI_WMS_STORAGE_TYPE_NV, -1);
  g_assert_cmpuint (nv_after->len, ==, 0);
}

static void
test_send (Fixture *f, gconstpointer data)
{
  guint8 wms = qmi_fixture_allocate (f, QMI_SERVICE_WMS);
  QmiMessage *request = qmi_fixture_request (f, QMI_SERVICE_WMS, wms, 0x0020);
  g_autoptr (QmiMessage) reply = NULL;
  g_autoptr (QmiMessage) bad = NULL;
  const guint8 *v;
  guint16 len = 0;

  raw_data_tlv (request, -1, submit_hex);
  reply = exchange_take (f, request);
  g_assert_cmpuint (qmi_fixture_error (reply), ==, 0);
  v = qmi_fixture_tlv (reply, 0x01, &len);
  g_assert_cmpuint (len, ==, 2);
  g_assert_cmpuint (f->model->sms_sent->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->model->sms_sent, 0), ==, submit_hex);
  (void)v;
  /* A DELIVER is not something to send. */
  request = qmi_fixture_request (f, QMI_SERVICE_WMS, wms, 0x0020);
  raw_data_tlv (request, -1, deliver_hex);
  bad = exchange_take (f, request);
  g_assert_cmpuint (qmi_fixture_error (bad), !=, 0);
  g_assert_cmpuint (f->model->sms_sent->len, ==, 1);
}

static void
test_routes_protocol_status_report (Fixture *f, gconstpointer data)
{
  guint8 wms = enable_reports (f);
  QmiMessage *request = qmi_fixture_request (f, QMI_SERVICE_WMS, wms, 0x0032);
  static const guint8 routes[] = { 1,
                                   0,
                                   QMI_WMS_MESSAGE_TYPE_POINT_TO_POINT,
                                   QMI_WMS_MESSAGE_CLASS_NONE,
                                   QMI_WMS_STORAGE_TYPE_UIM,
                                   QMI_WMS_RECEIPT_ACTION_STORE_AND_NOTIFY };
  g_autoptr (QmiMessage) reply = NULL;
  g_autoptr (QmiMessage) got = NULL;
  g_autoptr (QmiMessage) protocol = NULL;
  g_autoptr (QmiMessage) indication = NULL;
  g_autoptr (GByteArray) report = unhex (report_hex);
  const guint8 *v;
  guint16 len = 0;

  qmi_fixture_tlv_bytes (request, 0x01, routes, sizeof routes);
  qmi_fixture_tlv_u8 (request, 0x10, QMI_WMS_TRANSFER_INDICATION_CLIENT);
  reply = exchange_take (f, request);
  g_assert_cmpuint (qmi_fixture_error (reply), ==, 0);
  got = qmi_fixture_call (f, QMI_SERVICE_WMS, wms, 0x0033);
  v = qmi_fixture_tlv (got, 0x01, &len);
  g_assert_cmpmem (v, len, routes, sizeof routes);
  v = qmi_fixture_tlv (got, 0x10, &len);
  g_assert_cmpuint (v[0], ==, QMI_WMS_TRANSFER_INDICATION_CLIENT);
  protocol = qmi_fixture_call (f, QMI_SERVICE_WMS, wms, 0x0030);
  v = qmi_fixture_tlv (protocol, 0x01, &len);
  g_assert_cmpuint (v[0], ==, QMI_WMS_MESSAGE_PROTOCOL_WCDMA);

  g_assert_true (sim_model_status_report (f->model, report_hex, NULL));
  indication = qmi_fixture_next (f);
  g_assert_nonnull (indication);
  g_assert_cmpuint (qmi_message_get_message_id (indication), ==, 0x0001);
  v = qmi_fixture_tlv (indication, 0x11, &len);
  g_assert_cmpuint (v[0], ==, QMI_WMS_ACK_INDICATOR_DO_NOT_SEND);
  g_assert_cmpuint (v[5], ==, QMI_WMS_MESSAGE_FORMAT_GSM_WCDMA_POINT_TO_POINT);
  g_assert_cmpuint (qmi_fixture_le16 (v + 6), ==, report->len);
  g_assert_cmpmem (v + 8, len - 8, report->data, report->len);
  /* Routed to the client, not stored. */
  g_assert_cmpuint (f->model->sms->len, ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add ("/sim/qmi/wms/" path, Fixture, NULL, setup, func, teardown)
  ADD ("incoming-list-read", test_incoming_list_read);
  ADD ("read-missing", test_read_missing);
  ADD ("write-tag-delete", test_write_tag_delete);
  ADD ("nv-store", test_nv_store);
  ADD ("send", test_send);
  ADD ("routes-protocol-status-report", test_routes_protocol_status_report);
  return g_test_run ();
}
