/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The MBIM unit tests' fixture: see sim-mbim-fixture.h. */
#include "sim-mbim-fixture.h"

#include <string.h>

const char scenario_text[]
  = "[identity]\nmanufacturer=ACME\nmodel=Rocket 5\nrevision=R1\nimei=356938035643809\n"
    "[sim]\niccid=8949020000123456789\nimsi=262011234567890\nspn=Telekom.de\npin=1234\npuk=12345678\n"
    "own-numbers=+491701234567;01701234568\n"
    "[network]\nregistration=home\noperator-code=26201\noperator-name=Telekom.de\n"
    "access-technology=lte\nsignal=20\n"
    "[operators]\navailable=26201:Telekom.de:TDG:lte:current;26202:Vodafone.de:Vodafone:umts:available;"
    "26203:o2 - de:o2:umts:forbidden\n"
    "[power]\ncfun=1\n"
    "[data]\ncontexts=1:IP:internet\nipv4-address=10.1.2.10\nipv4-prefix=28\nipv4-gateway=10.1.2.1\n"
    "ipv4-dns=10.1.2.53;10.1.2.54\nipv4-mtu=1400\nipv6-address=fd00:1::a\nipv6-prefix=64\n"
    "ipv6-gateway=fd00:1::1\nipv6-dns=fd00:1::53\nipv6-mtu=1280\nreject-apns=blocked.apn\n"
    "[commands]\ncops-scan-delay-ms=50\n";

static void
collect (const guint8 *data, gsize len, gpointer user_data)
{
  Fixture *f = user_data;

  g_byte_array_append (f->out, data, (guint)len);
}

void
fixture_start (Fixture *f, const char *extra, guint max_transfer)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = g_strconcat (scenario_text, extra ? extra : "", NULL);
  SimMbimOptions options = { 0, max_transfer };

  f->scenario = sim_scenario_load_data (text, &error);
  g_assert_no_error (error);
  options.scan_delay_ms = f->scenario->at.cops_scan_delay_ms;
  f->model = f->scenario->model;
  f->out = g_byte_array_new ();
  f->mbim = sim_mbim_new (f->model, &options, collect, f);
  f->tid = 1;
}

void
fixture_setup (Fixture *f, gconstpointer data)
{
  fixture_start (f, data, 0);
}

void
fixture_teardown (Fixture *f, gconstpointer data)
{
  sim_mbim_free (f->mbim);
  sim_scenario_free (f->scenario);
  g_byte_array_unref (f->out);
}

void
feed_bytes (Fixture *f, const guint8 *data, gsize len)
{
  sim_mbim_feed (f->mbim, data, len);
}

/* Sends a request (consumed) with the next transaction id. */
guint32
send_message (Fixture *f, MbimMessage *request)
{
  guint32 len;
  const guint8 *raw;
  guint32 tid = f->tid++;

  mbim_message_set_transaction_id (request, tid);
  raw = mbim_message_get_raw (request, &len, NULL);
  feed_bytes (f, raw, len);
  mbim_message_unref (request);
  return tid;
}

gboolean
on_timeout (gpointer user_data)
{
  g_error ("no MBIM answer within %d s", WAIT_SECONDS);
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until the output holds a whole message. */
void
wait_output (Fixture *f)
{
  guint timer = 0;

  while (f->out->len < 8 || f->out->len < sim_mbim_get_u32 (f->out->data + 4)) {
    if (!timer)
      timer = g_timeout_add_seconds (WAIT_SECONDS, on_timeout, NULL);
    g_main_context_iteration (NULL, TRUE);
  }
  g_clear_handle_id (&timer, g_source_remove);
}

/* The next message, fragments joined the way MBIM defines (checking each
 * fragment's own header on the way). */
MbimMessage *
next_message (Fixture *f, guint max_transfer)
{
  g_autoptr (GByteArray) payload = g_byte_array_new ();
  guint32 type = 0, tid = 0, total = 1;
  guint8 header[20];

  for (guint32 current = 0; current < total; current++) {
    guint32 len;

    wait_output (f);
    len = sim_mbim_get_u32 (f->out->data + 4);
    g_assert_cmpuint (len, <=, max_transfer);
    if (current == 0) {
      type = sim_mbim_get_u32 (f->out->data);
      tid = sim_mbim_get_u32 (f->out->data + 8);
      if (type != MBIM_MESSAGE_TYPE_COMMAND_DONE && type != MBIM_MESSAGE_TYPE_INDICATE_STATUS) {
        MbimMessage *message = mbim_message_new (f->out->data, len);

        g_byte_array_remove_range (f->out, 0, len);
        return message;
      }
      total = sim_mbim_get_u32 (f->out->data + 12);
    }
    g_assert_cmpuint (sim_mbim_get_u32 (f->out->data), ==, type);
    g_assert_cmpuint (sim_mbim_get_u32 (f->out->data + 8), ==, tid);
    g_assert_cmpuint (sim_mbim_get_u32 (f->out->data + 12), ==, total);
    g_assert_cmpuint (sim_mbim_get_u32 (f->out->data + 16), ==, current);
    g_byte_array_append (payload, f->out->data + 20, len - 20);
    g_byte_array_remove_range (f->out, 0, len);
  }
  memset (header, 0, sizeof header);
  for (guint i = 0; i < 4; i++) {
    header[i] = (type >> (8 * i)) & 0xff;
    header[4 + i] = ((payload->len + 20) >> (8 * i)) & 0xff;
    header[8 + i] = (tid >> (8 * i)) & 0xff;
  }
  header[12] = 1;
  g_byte_array_prepend (payload, header, sizeof header);
  return mbim_message_new (payload->data, payload->len);
}

MbimMessage *
reply (Fixture *f)
{
  return next_message (f, 4096);
}

/* Sends a request and returns its COMMAND_DONE, checking the status;
 * indications before it are dropped. */
MbimMessage *
command (Fixture *f, MbimMessage *request, MbimStatusError expected)
{
  guint32 tid = send_message (f, request);
  MbimMessage *response = reply (f);

  while (mbim_message_get_message_type (response) == MBIM_MESSAGE_TYPE_INDICATE_STATUS) {
    mbim_message_unref (response);
    response = reply (f);
  }
  g_assert_cmpuint (mbim_message_get_message_type (response), ==, MBIM_MESSAGE_TYPE_COMMAND_DONE);
  g_assert_cmpuint (mbim_message_get_transaction_id (response), ==, tid);
  g_assert_cmpuint (mbim_message_command_done_get_status_code (response), ==, expected);
  return response;
}

void
open_function (Fixture *f, guint32 max_transfer)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MbimMessage) done = NULL;

  send_message (f, mbim_message_open_new (0, max_transfer));
  done = reply (f);
  g_assert_cmpuint (mbim_message_get_message_type (done), ==, MBIM_MESSAGE_TYPE_OPEN_DONE);
  g_assert_true (mbim_message_open_done_get_result (done, &error));
  g_assert_no_error (error);
  g_assert_true (sim_mbim_is_open (f->mbim));
}

MbimMessage *
indication (Fixture *f, MbimCidBasicConnect cid)
{
  MbimMessage *message = reply (f);

  g_assert_cmpuint (mbim_message_get_message_type (message), ==, MBIM_MESSAGE_TYPE_INDICATE_STATUS);
  g_assert_cmpuint (mbim_message_indicate_status_get_service (message), ==, MBIM_SERVICE_BASIC_CONNECT);
  g_assert_cmpuint (mbim_message_indicate_status_get_cid (message), ==, cid);
  return message;
}

/* Reads indications until one of this cid; drops the others. */
MbimMessage *
indication_of (Fixture *f, MbimCidBasicConnect cid)
{
  for (;;) {
    MbimMessage *message = reply (f);

    g_assert_cmpuint (mbim_message_get_message_type (message), ==, MBIM_MESSAGE_TYPE_INDICATE_STATUS);
    if (mbim_message_indicate_status_get_cid (message) == cid)
      return message;
    mbim_message_unref (message);
  }
}

void
drain (Fixture *f)
{
  g_byte_array_set_size (f->out, 0);
}

/* --- checks several test files share ---------------------------------------------- */

void
check_register (MbimMessage *message, gboolean notification, MbimRegisterState state, const char *provider)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *provider_id = NULL;
  MbimRegisterState got;

  if (notification)
    g_assert_true (mbim_message_register_state_notification_parse (message, NULL, &got, NULL, NULL, NULL,
                                                                   &provider_id, NULL, NULL, NULL, &error));
  else
    g_assert_true (mbim_message_register_state_response_parse (message, NULL, &got, NULL, NULL, NULL,
                                                               &provider_id, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (got, ==, state);
  g_assert_cmpstr (provider_id, ==, provider);
}

MbimMessage *
connect_request (guint32 session, MbimActivationCommand activation, const char *apn,
                 MbimContextIpType ip_type)
{
  return mbim_message_connect_set_new (session, activation, apn, NULL, NULL, MBIM_COMPRESSION_NONE,
                                       MBIM_AUTH_PROTOCOL_NONE, ip_type,
                                       mbim_uuid_from_context_type (MBIM_CONTEXT_TYPE_INTERNET), NULL);
}

void
check_connect (MbimMessage *message, gboolean notification, guint32 session, MbimActivationState state,
               MbimContextIpType ip_type, guint32 nw_error)
{
  g_autoptr (GError) error = NULL;
  MbimActivationState got_state;
  MbimContextIpType got_type;
  guint32 got_session, got_error;
  const MbimUuid *context = NULL;

  if (notification)
    g_assert_true (mbim_message_connect_notification_parse (message, &got_session, &got_state, NULL,
                                                            &got_type, &context, &got_error, &error));
  else
    g_assert_true (mbim_message_connect_response_parse (message, &got_session, &got_state, NULL, &got_type,
                                                        &context, &got_error, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (got_session, ==, session);
  g_assert_cmpuint (got_state, ==, state);
  g_assert_cmpuint (got_type, ==, ip_type);
  g_assert_cmpuint (got_error, ==, nw_error);
  g_assert_true (mbim_uuid_cmp (context, mbim_uuid_from_context_type (MBIM_CONTEXT_TYPE_INTERNET)));
}
