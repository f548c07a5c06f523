/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The QMI session fixture of the per-service unit tests: see
 * sim-qmi-fixture.h. Bytes go in with sim_qmi_feed and come out through
 * the write callback; libqmi frames and parses them. */
#include "sim-qmi-fixture.h"

static void
collect (const guint8 *data, gsize len, gpointer user_data)
{
  QmiFixture *f = user_data;

  g_byte_array_append (f->out, data, (guint)len);
}

void
qmi_fixture_setup (QmiFixture *f, const char *scenario_text)
{
  g_autoptr (GError) error = NULL;

  f->scenario = sim_scenario_load_data (scenario_text, &error);
  g_assert_no_error (error);
  f->model = f->scenario->model;
  f->out = g_byte_array_new ();
  f->qmi = sim_qmi_new (f->model, collect, f);
  f->transaction = 1;
}

void
qmi_fixture_use_port (QmiFixture *f, guint index)
{
  sim_qmi_free (f->qmi);
  f->qmi = sim_qmi_new (f->model, collect, f);
  sim_qmi_set_port_index (f->qmi, index);
}

void
qmi_fixture_teardown (QmiFixture *f)
{
  sim_qmi_free (f->qmi);
  g_byte_array_unref (f->out);
  sim_scenario_free (f->scenario);
  /* Idle sources of the freed session must be gone. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
feed (QmiFixture *f, QmiMessage *request)
{
  g_autoptr (GError) error = NULL;
  gsize len = 0;
  const guint8 *raw = qmi_message_get_raw (request, &len, &error);

  g_assert_no_error (error);
  sim_qmi_feed (f->qmi, raw, len);
}

static QmiMessage *
parse_next (QmiFixture *f)
{
  g_autoptr (GError) error = NULL;
  QmiMessage *message;

  if (f->out->len == 0)
    return NULL;
  message = qmi_message_new_from_raw (f->out, &error);
  g_assert_no_error (error);
  g_assert_nonnull (message);
  return message;
}

QmiMessage *
qmi_fixture_request (QmiFixture *f, QmiService service, guint8 client, guint16 message)
{
  return qmi_message_new (service, client, f->transaction++, message);
}

void
qmi_fixture_tlv_bytes (QmiMessage *request, guint8 type, const guint8 *value, gsize len)
{
  g_autoptr (GError) error = NULL;
  gsize init = qmi_message_tlv_write_init (request, type, &error);

  for (gsize i = 0; i < len; i++)
    g_assert_true (qmi_message_tlv_write_guint8 (request, value[i], &error));
  g_assert_true (qmi_message_tlv_write_complete (request, init, &error));
  g_assert_no_error (error);
}

void
qmi_fixture_tlv_u8 (QmiMessage *request, guint8 type, guint8 value)
{
  qmi_fixture_tlv_bytes (request, type, &value, 1);
}

void
qmi_fixture_tlv_u16 (QmiMessage *request, guint8 type, guint16 value)
{
  guint8 bytes[2] = { value & 0xFF, value >> 8 };

  qmi_fixture_tlv_bytes (request, type, bytes, sizeof bytes);
}

void
qmi_fixture_tlv_u32 (QmiMessage *request, guint8 type, guint32 value)
{
  guint8 bytes[4] = { value & 0xFF, (value >> 8) & 0xFF, (value >> 16) & 0xFF, value >> 24 };

  qmi_fixture_tlv_bytes (request, type, bytes, sizeof bytes);
}

QmiMessage *
qmi_fixture_exchange (QmiFixture *f, QmiMessage *request)
{
  QmiMessage *reply;

  feed (f, request);
  reply = parse_next (f);
  g_assert_nonnull (reply);
  g_assert_true (qmi_message_is_response (reply));
  g_assert_cmpuint (qmi_message_get_service (reply), ==, qmi_message_get_service (request));
  g_assert_cmpuint (qmi_message_get_client_id (reply), ==, qmi_message_get_client_id (request));
  g_assert_cmpuint (qmi_message_get_transaction_id (reply), ==, qmi_message_get_transaction_id (request));
  g_assert_cmpuint (qmi_message_get_message_id (reply), ==, qmi_message_get_message_id (request));
  return reply;
}

QmiMessage *
qmi_fixture_call (QmiFixture *f, QmiService service, guint8 client, guint16 message)
{
  g_autoptr (QmiMessage) request = qmi_fixture_request (f, service, client, message);

  return qmi_fixture_exchange (f, request);
}

void
qmi_fixture_settle (QmiFixture *f)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

QmiMessage *
qmi_fixture_next (QmiFixture *f)
{
  qmi_fixture_settle (f);
  return parse_next (f);
}

guint16
qmi_fixture_le16 (const guint8 *p)
{
  return (guint16)(p[0] | p[1] << 8);
}

guint32
qmi_fixture_le32 (const guint8 *p)
{
  return (guint32)p[0] | (guint32)p[1] << 8 | (guint32)p[2] << 16 | (guint32)p[3] << 24;
}

guint16
qmi_fixture_error (QmiMessage *reply)
{
  guint16 len = 0;
  const guint8 *tlv = qmi_message_get_raw_tlv (reply, 0x02, &len);

  g_assert_nonnull (tlv);
  g_assert_cmpuint (len, ==, 4);
  g_assert_cmpuint (qmi_fixture_le16 (tlv), ==, qmi_fixture_le16 (tlv + 2) ? 1 : 0);
  return qmi_fixture_le16 (tlv + 2);
}

const guint8 *
qmi_fixture_tlv (QmiMessage *message, guint8 type, guint16 *len)
{
  const guint8 *tlv = qmi_message_get_raw_tlv (message, type, len);

  g_assert_nonnull (tlv);
  return tlv;
}

guint8
qmi_fixture_allocate (QmiFixture *f, QmiService service)
{
  guint8 value = service;
  g_autoptr (QmiMessage) request = qmi_message_new (QMI_SERVICE_CTL, 0, (guint8)f->transaction++, 0x0022);
  g_autoptr (QmiMessage) reply = NULL;
  guint16 len = 0;
  const guint8 *info;

  qmi_fixture_tlv_bytes (request, 0x01, &value, 1);
  reply = qmi_fixture_exchange (f, request);
  g_assert_cmpuint (qmi_fixture_error (reply), ==, 0);
  info = qmi_fixture_tlv (reply, 0x01, &len);
  g_assert_cmpuint (len, ==, 2);
  return info[1];
}

void
qmi_fixture_release (QmiFixture *f, QmiService service, guint8 client)
{
  guint8 value[2] = { service, client };
  g_autoptr (QmiMessage) request = qmi_message_new (QMI_SERVICE_CTL, 0, (guint8)f->transaction++, 0x0023);
  g_autoptr (QmiMessage) reply = NULL;

  qmi_fixture_tlv_bytes (request, 0x01, value, 2);
  reply = qmi_fixture_exchange (f, request);
  g_assert_cmpuint (qmi_fixture_error (reply), ==, 0);
}
