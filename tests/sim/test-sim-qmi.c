/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of modem-sim's QMI session: requests built with libqmi, fed as
 * bytes (whole, split, joined, after garbage, cut short), replies parsed by
 * libqmi: CTL version info, client ids and sync, DMS identity and operating
 * mode from the model, and the errors for bad services, clients, messages. */
#include <libqmi-glib.h>

#include "sim-qmi.h"
#include "sim-scenario.h"

static const char scenario_text[]
  = "[identity]\nmanufacturer=ACME\nmodel=Rocket 5\nrevision=R1\nimei=356938035643809\n[power]\ncfun=4\n";

typedef struct {
  SimScenario *scenario;
  SimQmi *qmi;
  GByteArray *out;
} Fixture;

static void
collect (const guint8 *data, gsize len, gpointer user_data)
{
  Fixture *f = user_data;

  g_byte_array_append (f->out, data, (guint)len);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->scenario = sim_scenario_load_data (scenario_text, &error);
  g_assert_no_error (error);
  f->out = g_byte_array_new ();
  f->qmi = sim_qmi_new (f->scenario->model, collect, f);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  sim_qmi_free (f->qmi);
  g_byte_array_unref (f->out);
  sim_scenario_free (f->scenario);
}

static GByteArray *
request_bytes (QmiMessage *request)
{
  g_autoptr (GError) error = NULL;
  gsize len = 0;
  const guint8 *raw = qmi_message_get_raw (request, &len, &error);

  g_assert_no_error (error);
  return g_byte_array_append (g_byte_array_new (), raw, (guint)len);
}

/* The one reply waiting in f->out, parsed by libqmi; asserts it answers
 * request. */
static QmiMessage *
take_reply (Fixture *f, QmiMessage *request)
{
  g_autoptr (GError) error = NULL;
  QmiMessage *reply = qmi_message_new_from_raw (f->out, &error);

  g_assert_no_error (error);
  g_assert_nonnull (reply);
  g_assert_cmpuint (f->out->len, ==, 0);
  g_assert_true (qmi_message_is_response (reply));
  g_assert_cmpuint (qmi_message_get_service (reply), ==, qmi_message_get_service (request));
  g_assert_cmpuint (qmi_message_get_client_id (reply), ==, qmi_message_get_client_id (request));
  g_assert_cmpuint (qmi_message_get_transaction_id (reply), ==, qmi_message_get_transaction_id (request));
  g_assert_cmpuint (qmi_message_get_message_id (reply), ==, qmi_message_get_message_id (request));
  return reply;
}

static QmiMessage *
exchange (Fixture *f, QmiMessage *request)
{
  g_autoptr (GByteArray) bytes = request_bytes (request);

  sim_qmi_feed (f->qmi, bytes->data, bytes->len);
  return take_reply (f, request);
}

/* The protocol error of the result TLV (0 on success). */
static guint16
result_error (QmiMessage *reply)
{
  guint16 len = 0;
  const guint8 *tlv = qmi_message_get_raw_tlv (reply, 0x02, &len);

  g_assert_nonnull (tlv);
  g_assert_cmpuint (len, ==, 4);
  g_assert_cmpuint (tlv[0] | tlv[1] << 8, ==, tlv[2] || tlv[3] ? 1 : 0);
  return (guint16)(tlv[2] | tlv[3] << 8);
}

static QmiMessage *
ctl_request (guint8 transaction, guint16 message, const guint8 *tlv, gsize len)
{
  g_autoptr (GError) error = NULL;
  QmiMessage *request = qmi_message_new (QMI_SERVICE_CTL, 0, transaction, message);

  if (tlv) {
    gsize init = qmi_message_tlv_write_init (request, 0x01, &error);

    for (gsize i = 0; i < len; i++)
      g_assert_true (qmi_message_tlv_write_guint8 (request, tlv[i], &error));
    g_assert_true (qmi_message_tlv_write_complete (request, init, &error));
  }
  g_assert_no_error (error);
  return request;
}

/* Allocates a client of service; returns its id, or 0 with *out_error. */
static guint8
allocate (Fixture *f, guint8 service, guint16 *out_error)
{
  g_autoptr (QmiMessage) request = ctl_request (1, 0x0022, &service, 1);
  g_autoptr (QmiMessage) reply = exchange (f, request);
  guint16 len = 0;
  const guint8 *info;

  *out_error = result_error (reply);
  if (*out_error)
    return 0;
  info = qmi_message_get_raw_tlv (reply, 0x01, &len);
  g_assert_cmpuint (len, ==, 2);
  g_assert_cmpuint (info[0], ==, service);
  g_assert_cmpuint (info[1], !=, 0);
  return info[1];
}

static guint16
release (Fixture *f, guint8 service, guint8 client)
{
  guint8 info[2] = { service, client };
  g_autoptr (QmiMessage) request = ctl_request (2, 0x0023, info, 2);
  g_autoptr (QmiMessage) reply = exchange (f, request);

  return result_error (reply);
}

static void
test_version_info (Fixture *f, gconstpointer data)
{
  g_autoptr (QmiMessage) request = ctl_request (3, 0x0021, NULL, 0);
  g_autoptr (QmiMessage) reply = exchange (f, request);
  guint16 len = 0;
  const guint8 *list;

  g_assert_cmpuint (result_error (reply), ==, QMI_PROTOCOL_ERROR_NONE);
  list = qmi_message_get_raw_tlv (reply, 0x01, &len);
  /* Count, then service, major, minor per entry: CTL, WDS, DMS, NAS,
   * UIM, WDA, WMS. */
  g_assert_cmpuint (len, ==, 1 + 7 * 5);
  g_assert_cmpuint (list[0], ==, 7);
  g_assert_cmpuint (list[1], ==, QMI_SERVICE_CTL);
  g_assert_cmpuint (list[6], ==, QMI_SERVICE_WDS);
  g_assert_cmpuint (list[11], ==, QMI_SERVICE_DMS);
  g_assert_cmpuint (list[16], ==, QMI_SERVICE_NAS);
  g_assert_cmpuint (list[21], ==, QMI_SERVICE_UIM);
  g_assert_cmpuint (list[26], ==, QMI_SERVICE_WDA);
  g_assert_cmpuint (list[31], ==, QMI_SERVICE_WMS);
}

static void
test_allocate_release (Fixture *f, gconstpointer data)
{
  guint16 error = 0;
  guint8 first = allocate (f, QMI_SERVICE_DMS, &error);
  guint8 second = allocate (f, QMI_SERVICE_DMS, &error);

  g_assert_cmpuint (error, ==, QMI_PROTOCOL_ERROR_NONE);
  g_assert_cmpuint (first, !=, second);
  g_assert_cmpuint (sim_qmi_get_client_count (f->qmi), ==, 2);
  g_assert_cmpuint (release (f, QMI_SERVICE_DMS, first), ==, QMI_PROTOCOL_ERROR_NONE);
  g_assert_cmpuint (sim_qmi_get_client_count (f->qmi), ==, 1);
  g_assert_cmpuint (release (f, QMI_SERVICE_DMS, first), ==, QMI_PROTOCOL_ERROR_INVALID_CLIENT_ID);
  /* A service not served gets no client. */
  g_assert_cmpuint (allocate (f, QMI_SERVICE_VOICE, &error), ==, 0);
  g_assert_cmpuint (error, ==, QMI_PROTOCOL_ERROR_INVALID_SERVICE_TYPE);
}

static void
test_allocate_without_service (Fixture *f, gconstpointer data)
{
  g_autoptr (QmiMessage) request = ctl_request (4, 0x0022, NULL, 0);
  g_autoptr (QmiMessage) reply = exchange (f, request);

  g_assert_cmpuint (result_error (reply), ==, QMI_PROTOCOL_ERROR_MISSING_ARGUMENT);
  g_assert_cmpuint (sim_qmi_get_client_count (f->qmi), ==, 0);
}

static void
test_sync (Fixture *f, gconstpointer data)
{
  guint16 error = 0;
  g_autoptr (QmiMessage) request = NULL;
  g_autoptr (QmiMessage) reply = NULL;

  allocate (f, QMI_SERVICE_DMS, &error);
  allocate (f, QMI_SERVICE_DMS, &error);
  request = ctl_request (5, 0x0027, NULL, 0);
  reply = exchange (f, request);
  g_assert_cmpuint (result_error (reply), ==, QMI_PROTOCOL_ERROR_NONE);
  g_assert_cmpuint (sim_qmi_get_client_count (f->qmi), ==, 0);
}

static QmiMessage *
dms_exchange (Fixture *f, guint8 client, guint16 message)
{
  g_autoptr (QmiMessage) request = qmi_message_new (QMI_SERVICE_DMS, client, 0x1234, message);

  return exchange (f, request);
}

static void
assert_string (QmiMessage *reply, guint8 type, const char *expected)
{
  guint16 len = 0;
  const guint8 *value = qmi_message_get_raw_tlv (reply, type, &len);

  g_assert_nonnull (value);
  g_assert_cmpmem (value, len, expected, strlen (expected));
}

static void
test_dms_identity (Fixture *f, gconstpointer data)
{
  guint16 error = 0;
  guint8 client = allocate (f, QMI_SERVICE_DMS, &error);
  static const struct {
    guint16 message;
    guint8 tlv;
    const char *value;
  } cases[] = {
    { 0x0021, 0x01, "ACME" },
    { 0x0022, 0x01, "Rocket 5" },
    { 0x0023, 0x01, "R1" },
    { 0x0025, 0x11, "356938035643809" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (QmiMessage) reply = dms_exchange (f, client, cases[i].message);

    g_assert_cmpuint (result_error (reply), ==, QMI_PROTOCOL_ERROR_NONE);
    assert_string (reply, cases[i].tlv, cases[i].value);
  }
}

static guint8
operating_mode (Fixture *f, guint8 client)
{
  g_autoptr (QmiMessage) reply = dms_exchange (f, client, 0x002D);
  guint16 len = 0;
  const guint8 *mode;

  g_assert_cmpuint (result_error (reply), ==, QMI_PROTOCOL_ERROR_NONE);
  mode = qmi_message_get_raw_tlv (reply, 0x01, &len);
  g_assert_cmpuint (len, ==, 1);
  return mode[0];
}

static void
test_dms_operating_mode (Fixture *f, gconstpointer data)
{
  guint16 error = 0;
  guint8 client = allocate (f, QMI_SERVICE_DMS, &error);
  g_autoptr (GError) model_error = NULL;

  g_assert_cmpuint (operating_mode (f, client), ==, QMI_DMS_OPERATING_MODE_LOW_POWER);
  g_assert_true (sim_model_set_cfun (f->scenario->model, 1, &model_error));
  g_assert_cmpuint (operating_mode (f, client), ==, QMI_DMS_OPERATING_MODE_ONLINE);
  g_assert_true (sim_model_set_cfun (f->scenario->model, 0, &model_error));
  g_assert_cmpuint (operating_mode (f, client), ==, QMI_DMS_OPERATING_MODE_LOW_POWER);
}

static void
test_dms_errors (Fixture *f, gconstpointer data)
{
  guint16 error = 0;
  guint8 client;
  g_autoptr (QmiMessage) unallocated = dms_exchange (f, 9, 0x0022);
  g_autoptr (QmiMessage) unknown = NULL;

  g_assert_cmpuint (result_error (unallocated), ==, QMI_PROTOCOL_ERROR_INVALID_CLIENT_ID);
  client = allocate (f, QMI_SERVICE_DMS, &error);
  unknown = dms_exchange (f, client, 0x5555);
  g_assert_cmpuint (result_error (unknown), ==, QMI_PROTOCOL_ERROR_INVALID_QMI_COMMAND);
}

/* One byte at a time, two frames in one write, garbage in front: every
 * frame is answered once. */
static void
test_stream (Fixture *f, gconstpointer data)
{
  g_autoptr (QmiMessage) first = ctl_request (7, 0x0021, NULL, 0);
  g_autoptr (QmiMessage) second = ctl_request (8, 0x0021, NULL, 0);
  g_autoptr (GByteArray) one = request_bytes (first);
  g_autoptr (GByteArray) both = g_byte_array_new ();
  g_autoptr (GByteArray) two = request_bytes (second);
  g_autoptr (QmiMessage) reply = NULL;
  g_autoptr (QmiMessage) reply2 = NULL;
  static const guint8 garbage[] = { 0xff, 0x00, 0x01, 0x02, 0x00, 0x7e };

  for (guint i = 0; i < one->len; i++)
    sim_qmi_feed (f->qmi, one->data + i, 1);
  reply = take_reply (f, first);
  g_byte_array_append (both, garbage, sizeof garbage);
  g_byte_array_append (both, one->data, one->len);
  g_byte_array_append (both, two->data, two->len);
  sim_qmi_feed (f->qmi, both->data, both->len);
  g_clear_pointer (&reply, qmi_message_unref);
  reply = qmi_message_new_from_raw (f->out, NULL);
  g_assert_nonnull (reply);
  g_assert_cmpuint (qmi_message_get_transaction_id (reply), ==, 7);
  reply2 = take_reply (f, second);
}

static gboolean
on_guard (gpointer user_data)
{
  gboolean *fired = user_data;

  *fired = TRUE;
  return G_SOURCE_REMOVE;
}

/* A frame header announcing more bytes than ever come is dropped after a
 * while of silence (the session's timer is the only source besides a
 * 60 s guard, so one blocking iteration runs it); the next frame is then
 * answered. Without the drop the request would be swallowed as payload. */
static void
test_partial_dropped (Fixture *f, gconstpointer data)
{
  g_autoptr (QmiMessage) request = ctl_request (10, 0x0021, NULL, 0);
  g_autoptr (GByteArray) bytes = request_bytes (request);
  static const guint8 partial[] = { 0x01, 0xff, 0x7f, 0x00, 0x00, 0x00 };
  gboolean guard_fired = FALSE;
  guint guard = g_timeout_add_seconds (60, on_guard, &guard_fired);

  sim_qmi_feed (f->qmi, partial, sizeof partial);
  sim_qmi_feed (f->qmi, bytes->data, bytes->len);
  g_assert_cmpuint (f->out->len, ==, 0);
  g_main_context_iteration (NULL, TRUE);
  g_assert_false (guard_fired);
  g_source_remove (guard);
  sim_qmi_feed (f->qmi, bytes->data, bytes->len);
  qmi_message_unref (take_reply (f, request));
}

static void
test_muted (Fixture *f, gconstpointer data)
{
  g_autoptr (QmiMessage) request = ctl_request (9, 0x0021, NULL, 0);
  g_autoptr (GByteArray) bytes = request_bytes (request);

  sim_qmi_set_muted (f->qmi, TRUE);
  sim_qmi_feed (f->qmi, bytes->data, bytes->len);
  g_assert_cmpuint (f->out->len, ==, 0);
  sim_qmi_set_muted (f->qmi, FALSE);
  sim_qmi_feed (f->qmi, bytes->data, bytes->len);
  g_clear_pointer (&request, qmi_message_unref);
  request = ctl_request (9, 0x0021, NULL, 0);
  qmi_message_unref (take_reply (f, request));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add ("/sim/qmi/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("ctl/version-info", test_version_info);
  ADD ("ctl/allocate-release", test_allocate_release);
  ADD ("ctl/allocate-without-service", test_allocate_without_service);
  ADD ("ctl/sync", test_sync);
  ADD ("dms/identity", test_dms_identity);
  ADD ("dms/operating-mode", test_dms_operating_mode);
  ADD ("dms/errors", test_dms_errors);
  ADD ("stream", test_stream);
  ADD ("partial-dropped", test_partial_dropped);
  ADD ("muted", test_muted);
#undef ADD
  return g_test_run ();
}
