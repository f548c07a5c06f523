/* SPDX-License-Identifier: GPL-2.0-or-later */
/* QMI over MBIM in the MBIM front end: the QMI service in DEVICE_SERVICES
 * only when the scenario offers it, QMI_MSG carrying CTL and DMS/NAS
 * requests to the model's QMI session (replies as COMMAND_DONE, NAS
 * indications as INDICATE_STATUS of the QMI service), and the QMI service
 * refused on a modem without it. Requests are built and replies read with
 * libqmi and libmbim themselves. */
#include <libqmi-glib.h>

#include "sim-mbim-fixture.h"

#define WITH_QMI "[modem]\nqmi-over-mbim=true\n"

static guint8 next_transaction = 1;

/* Whether DEVICE_SERVICES lists the QMI service with its QMI_MSG CID. */
static gboolean
lists_qmi (Fixture *f)
{
  g_autoptr (MbimMessage) services = NULL;
  g_autoptr (MbimDeviceServiceElementArray) list = NULL;
  guint32 count = 0;
  gboolean found = FALSE;

  services = command (f, mbim_message_device_services_query_new (NULL), MBIM_STATUS_ERROR_NONE);
  g_assert_true (mbim_message_device_services_response_parse (services, &count, NULL, &list, NULL));
  for (guint32 i = 0; i < count; i++) {
    if (mbim_uuid_to_service (&list[i]->device_service_id) != MBIM_SERVICE_QMI)
      continue;
    g_assert_cmpuint (list[i]->cids_count, ==, 1);
    g_assert_cmpuint (list[i]->cids[0], ==, MBIM_CID_QMI_MSG);
    found = TRUE;
  }
  return found;
}

/* Sends request inside QMI_MSG; returns the QMI reply from its COMMAND_DONE. */
static QmiMessage *
qmi_exchange (Fixture *f, QmiMessage *request)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MbimMessage) done = NULL;
  g_autoptr (GByteArray) raw = NULL;
  gsize len = 0;
  const guint8 *bytes = qmi_message_get_raw (request, &len, &error);
  const guint8 *buffer;
  guint32 buffer_len = 0;
  QmiMessage *reply;

  g_assert_no_error (error);
  done = command (f, mbim_message_qmi_msg_set_new ((guint32)len, bytes, NULL), MBIM_STATUS_ERROR_NONE);
  g_assert_cmpuint (mbim_message_command_done_get_service (done), ==, MBIM_SERVICE_QMI);
  g_assert_cmpuint (mbim_message_command_done_get_cid (done), ==, MBIM_CID_QMI_MSG);
  buffer = mbim_message_command_done_get_raw_information_buffer (done, &buffer_len);
  raw = g_byte_array_append (g_byte_array_new (), buffer, buffer_len);
  reply = qmi_message_new_from_raw (raw, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reply);
  g_assert_cmpuint (raw->len, ==, 0);
  g_assert_true (qmi_message_is_response (reply));
  g_assert_cmpuint (qmi_message_get_message_id (reply), ==, qmi_message_get_message_id (request));
  g_assert_cmpuint (qmi_message_get_client_id (reply), ==, qmi_message_get_client_id (request));
  return reply;
}

static guint16
result_error (QmiMessage *reply)
{
  guint16 len = 0;
  const guint8 *tlv = qmi_message_get_raw_tlv (reply, 0x02, &len);

  g_assert_nonnull (tlv);
  g_assert_cmpuint (len, ==, 4);
  return (guint16)(tlv[2] | tlv[3] << 8);
}

/* A request with one TLV of bytes (none when len is 0). */
static QmiMessage *
request_new (QmiService service, guint8 client, guint16 message, guint8 type, const guint8 *value, gsize len)
{
  g_autoptr (GError) error = NULL;
  QmiMessage *request = qmi_message_new (service, client, next_transaction++, message);

  if (len) {
    gsize init = qmi_message_tlv_write_init (request, type, &error);

    for (gsize i = 0; i < len; i++)
      g_assert_true (qmi_message_tlv_write_guint8 (request, value[i], &error));
    g_assert_true (qmi_message_tlv_write_complete (request, init, &error));
  }
  g_assert_no_error (error);
  return request;
}

static guint8
allocate (Fixture *f, QmiService service)
{
  guint8 wanted = service;
  g_autoptr (QmiMessage) request = request_new (QMI_SERVICE_CTL, 0, 0x0022, 0x01, &wanted, 1);
  g_autoptr (QmiMessage) reply = qmi_exchange (f, request);
  guint16 len = 0;
  const guint8 *info;

  g_assert_cmpuint (result_error (reply), ==, QMI_PROTOCOL_ERROR_NONE);
  info = qmi_message_get_raw_tlv (reply, 0x01, &len);
  g_assert_cmpuint (len, ==, 2);
  g_assert_cmpuint (info[0], ==, service);
  return info[1];
}

static void
test_without_qmi (Fixture *f, gconstpointer data)
{
  static const guint8 frame[] = { 0x01, 0x0b, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x22, 0x00, 0x00, 0x00 };
  g_autoptr (MbimMessage) done = NULL;

  open_function (f, 4096);
  g_assert_false (lists_qmi (f));
  g_assert_null (sim_mbim_get_qmi (f->mbim));
  done = command (f, mbim_message_qmi_msg_set_new (sizeof frame, frame, NULL),
                  MBIM_STATUS_ERROR_NO_DEVICE_SUPPORT);
}

static void
test_dms_over_mbim (Fixture *f, gconstpointer data)
{
  g_autoptr (QmiMessage) ids = NULL;
  g_autoptr (QmiMessage) reply = NULL;
  guint16 len = 0;
  const guint8 *imei;
  guint8 client;

  open_function (f, 4096);
  g_assert_true (lists_qmi (f));
  client = allocate (f, QMI_SERVICE_DMS);
  g_assert_cmpuint (sim_qmi_get_client_count (sim_mbim_get_qmi (f->mbim)), ==, 1);
  ids = request_new (QMI_SERVICE_DMS, client, 0x0025, 0, NULL, 0);
  reply = qmi_exchange (f, ids);
  g_assert_cmpuint (result_error (reply), ==, QMI_PROTOCOL_ERROR_NONE);
  imei = qmi_message_get_raw_tlv (reply, 0x11, &len);
  g_assert_nonnull (imei);
  g_assert_cmpmem (imei, len, f->model->identity.imei, strlen (f->model->identity.imei));
  /* Both sides see one history: MBIM names the carrier, QMI the message. */
  g_assert_cmpstr (sim_mbim_get_last_command (f->mbim), ==, "qmi msg set");
  g_assert_cmpstr (sim_history_get (sim_qmi_get_history (sim_mbim_get_qmi (f->mbim)), 1), ==, "dms Get IDs");
}

/* Set System Selection Preference changes the model's allowed modes: the
 * same model the MBIM and AT sides serve. */
static void
test_nas_modes_over_mbim (Fixture *f, gconstpointer data)
{
  static const guint8 lte_only[] = { 0x10, 0x00 };
  g_autoptr (QmiMessage) set = NULL;
  g_autoptr (QmiMessage) reply = NULL;
  g_autofree char *modes = NULL;
  guint8 client;

  open_function (f, 4096);
  client = allocate (f, QMI_SERVICE_NAS);
  set = request_new (QMI_SERVICE_NAS, client, 0x0033, 0x11, lte_only, sizeof lte_only);
  reply = qmi_exchange (f, set);
  g_assert_cmpuint (result_error (reply), ==, QMI_PROTOCOL_ERROR_NONE);
  modes = sim_model_allowed_modes_string (f->model);
  g_assert_cmpstr (modes, ==, "4g");
}

/* A NAS indication the QMI client asked for arrives as INDICATE_STATUS of
 * the QMI service with the QMUX frame inside. */
static void
test_nas_indication_over_mbim (Fixture *f, gconstpointer data)
{
  static const guint8 on = 1;
  g_autoptr (GError) error = NULL;
  g_autoptr (QmiMessage) request = NULL;
  g_autoptr (QmiMessage) answer = NULL;
  g_autoptr (QmiMessage) indication = NULL;
  g_autoptr (GByteArray) raw = NULL;
  const guint8 *buffer;
  guint32 buffer_len = 0;
  guint8 client;

  open_function (f, 4096);
  client = allocate (f, QMI_SERVICE_NAS);
  request = request_new (QMI_SERVICE_NAS, client, 0x0003, 0x13, &on, 1);
  answer = qmi_exchange (f, request);
  g_assert_cmpuint (result_error (answer), ==, QMI_PROTOCOL_ERROR_NONE);
  drain (f);
  sim_model_set_network_registration (f->model, SIM_REG_SEARCHING);
  for (;;) {
    g_autoptr (MbimMessage) message = reply (f);

    g_assert_cmpuint (mbim_message_get_message_type (message), ==, MBIM_MESSAGE_TYPE_INDICATE_STATUS);
    if (mbim_message_indicate_status_get_service (message) != MBIM_SERVICE_QMI)
      continue;
    g_assert_cmpuint (mbim_message_indicate_status_get_cid (message), ==, MBIM_CID_QMI_MSG);
    buffer = mbim_message_indicate_status_get_raw_information_buffer (message, &buffer_len);
    raw = g_byte_array_append (g_byte_array_new (), buffer, buffer_len);
    break;
  }
  indication = qmi_message_new_from_raw (raw, &error);
  g_assert_no_error (error);
  g_assert_true (qmi_message_is_indication (indication));
  g_assert_cmpuint (qmi_message_get_service (indication), ==, QMI_SERVICE_NAS);
  g_assert_cmpuint (qmi_message_get_client_id (indication), ==, client);
  g_assert_cmpuint (qmi_message_get_message_id (indication), ==, 0x0024);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  ADD ("qmi/absent", test_without_qmi, NULL);
  ADD ("qmi/dms", test_dms_over_mbim, WITH_QMI);
  ADD ("qmi/nas-modes", test_nas_modes_over_mbim, WITH_QMI);
  ADD ("qmi/nas-indication", test_nas_indication_over_mbim, WITH_QMI);
  return g_test_run ();
}
