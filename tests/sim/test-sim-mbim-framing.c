/* SPDX-License-Identifier: GPL-2.0-or-later */
/* MBIM front end unit tests: fragmentation both ways, garbage input, libmbim's own reassembly over a pty, and
 * the codec's bounds. */
#include "sim-mbim-fixture.h"

#include <string.h>
#include "sim-transport.h"

/* --- fragmentation and framing ------------------------------------------------------ */

/* Replies and indications longer than the host's 64 bytes come in pieces. */
static void
test_fragmented_replies (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MbimMessage) caps = NULL;
  g_autoptr (MbimMessage) registered = NULL;
  g_autofree char *device_id = NULL, *hardware = NULL;
  guint32 tid;

  open_function (f, 64);
  g_assert_cmpuint (sim_mbim_get_max_transfer (f->mbim), ==, 64);
  tid = send_message (f, mbim_message_device_caps_query_new (NULL));
  g_assert_cmpuint (f->out->len, >, 64);
  caps = next_message (f, 64);
  g_assert_cmpuint (mbim_message_get_transaction_id (caps), ==, tid);
  g_assert_true (mbim_message_device_caps_response_parse (caps, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                                                          NULL, NULL, &device_id, NULL, &hardware, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (device_id, ==, "356938035643809");
  g_assert_cmpstr (hardware, ==, "Rocket 5");
  g_assert_cmpuint (f->out->len, ==, 0);
  sim_model_set_network_registration (f->model, SIM_REG_ROAMING);
  registered = next_message (f, 64);
  check_register (registered, TRUE, MBIM_REGISTER_STATE_ROAMING, "26201");
}

/* Splits a request into fragments of at most max bytes, as a host does. */
static GByteArray *
fragment_request (MbimMessage *request, guint32 tid, gsize max)
{
  guint32 len;
  const guint8 *raw = mbim_message_get_raw (request, &len, NULL);
  const guint8 *payload = raw + 20;
  gsize payload_len = len - 20, room = max - 20, total = (payload_len + room - 1) / room;
  GByteArray *out = g_byte_array_new ();

  for (gsize current = 0; current < total; current++) {
    gsize chunk = MIN (room, payload_len - current * room);
    guint32 header[5]
      = { GUINT32_TO_LE (MBIM_MESSAGE_TYPE_COMMAND), GUINT32_TO_LE ((guint32)(chunk + 20)),
          GUINT32_TO_LE (tid), GUINT32_TO_LE ((guint32)total), GUINT32_TO_LE ((guint32)current) };

    g_byte_array_append (out, (const guint8 *)header, sizeof header);
    g_byte_array_append (out, payload + current * room, (guint)chunk);
  }
  return out;
}

static void
test_fragmented_request (Fixture *f, gconstpointer data)
{
  g_autoptr (MbimMessage) request = connect_request (
    0, MBIM_ACTIVATION_COMMAND_ACTIVATE, "a.rather.long.access.string.example", MBIM_CONTEXT_IP_TYPE_IPV4);
  g_autoptr (GByteArray) fragments = fragment_request (request, 77, 64);
  g_autoptr (MbimMessage) done = NULL;
  g_autoptr (MbimMessage) error_message = NULL;
  g_autoptr (GByteArray) again = fragment_request (request, 78, 64);

  open_function (f, 4096);
  g_assert_cmpuint (fragments->len, >, 128);
  /* Byte by byte, so the stream splitter is exercised too. */
  for (guint i = 0; i < fragments->len; i++)
    feed_bytes (f, fragments->data + i, 1);
  done = reply (f);
  g_assert_cmpuint (mbim_message_get_transaction_id (done), ==, 77);
  check_connect (done, FALSE, 0, MBIM_ACTIVATION_STATE_ACTIVATED, MBIM_CONTEXT_IP_TYPE_IPV4, 0);
  g_assert_cmpstr (sim_model_find_session (f->model, 0)->apn, ==, "a.rather.long.access.string.example");
  /* The second fragment missing: the third is out of sequence. */
  feed_bytes (f, again->data, 64);
  feed_bytes (f, again->data + 128, again->len - 128);
  error_message = reply (f);
  g_assert_cmpuint (mbim_message_get_message_type (error_message), ==, MBIM_MESSAGE_TYPE_FUNCTION_ERROR);
  g_assert_cmpuint (mbim_message_error_get_error_status_code (error_message), ==,
                    MBIM_PROTOCOL_ERROR_FRAGMENT_OUT_OF_SEQUENCE);
}

/* Random, truncated and mutated input never crashes, and the function
 * answers again once a valid message gets through. */
static void
test_garbage (Fixture *f, gconstpointer data)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (20240601);
  g_autoptr (MbimMessage) caps = NULL;
  g_autofree guint8 *zeros = g_malloc0 (70000);
  MbimMessage *samples[] = {
    mbim_message_device_caps_query_new (NULL),
    connect_request (0, MBIM_ACTIVATION_COMMAND_ACTIVATE, "internet", MBIM_CONTEXT_IP_TYPE_IPV4V6),
    mbim_message_pin_set_new (MBIM_PIN_TYPE_PIN1, MBIM_PIN_OPERATION_CHANGE, "1234", "4321", NULL),
    mbim_message_register_state_set_new ("26202", MBIM_REGISTER_ACTION_MANUAL, 0, NULL),
    mbim_message_ip_configuration_query_new (0, 0, 0, 0, NULL, 0, NULL, NULL, NULL, 0, NULL, 0, NULL, 0, 0,
                                             NULL),
    mbim_message_open_new (1, 64),
  };

  open_function (f, 4096);
  for (guint round = 0; round < 3000; round++) {
    guint32 len;
    const guint8 *raw = mbim_message_get_raw (samples[round % G_N_ELEMENTS (samples)], &len, NULL);
    g_autofree guint8 *copy = g_memdup2 (raw, len);
    guint kind = g_rand_int_range (rand, 0, 3);

    if (kind == 0) {
      /* Mutate a few bytes, possibly in the header. */
      for (guint n = g_rand_int_range (rand, 1, 6); n > 0; n--)
        copy[g_rand_int_range (rand, 0, (gint32)len)] = (guint8)g_rand_int_range (rand, 0, 256);
    } else if (kind == 1) {
      /* Truncated, with a length field that still claims the whole. */
      len = (guint32)g_rand_int_range (rand, 1, (gint32)len);
    } else {
      for (guint i = 0; i < len; i++)
        copy[i] = (guint8)g_rand_int_range (rand, 0, 256);
    }
    feed_bytes (f, copy, len);
    drain (f);
  }
  /* Zeros end any partial message and read as garbage themselves. */
  feed_bytes (f, zeros, 70000);
  drain (f);
  sim_mbim_set_muted (f->mbim, FALSE);
  open_function (f, 4096);
  caps = command (f, mbim_message_device_caps_query_new (NULL), MBIM_STATUS_ERROR_NONE);
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    mbim_message_unref (samples[i]);
}

/* --- libmbim's own reassembly, over a pty ------------------------------------------ */

typedef struct {
  SimMbim *mbim;
  SimTransport *transport;
  GAsyncResult *result;
} PtyPeer;

static void
pty_receive (const char *data, gsize len, gpointer user_data)
{
  PtyPeer *peer = user_data;

  sim_mbim_feed (peer->mbim, (const guint8 *)data, len);
}

static void
pty_write (const guint8 *data, gsize len, gpointer user_data)
{
  PtyPeer *peer = user_data;

  sim_transport_write (peer->transport, (const char *)data, len);
}

static void
on_result (GObject *source, GAsyncResult *result, gpointer user_data)
{
  PtyPeer *peer = user_data;

  peer->result = g_object_ref (result);
}

static GAsyncResult *
wait_result (PtyPeer *peer)
{
  guint timer = g_timeout_add_seconds (WAIT_SECONDS, on_timeout, NULL);

  while (!peer->result)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timer);
  return g_steal_pointer (&peer->result);
}

static void
test_libmbim_reassembly (void)
{
  static const SimTransportCallbacks callbacks = { pty_receive, NULL, NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (SimScenario) scenario = sim_scenario_load_data (scenario_text, &error);
  SimMbimOptions options = { 0, 64 };
  PtyPeer peer = { 0 };
  g_autoptr (GFile) file = NULL;
  g_autoptr (MbimDevice) device = NULL;
  g_autoptr (MbimMessage) response = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autofree char *device_id = NULL, *firmware = NULL, *hardware = NULL;

  g_assert_no_error (error);
  peer.mbim = sim_mbim_new (scenario->model, &options, pty_write, &peer);
  peer.transport = sim_transport_new_pty (&callbacks, &peer, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (sim_transport_get_path (peer.transport));
  mbim_device_new (file, NULL, on_result, &peer);
  result = wait_result (&peer);
  device = mbim_device_new_finish (result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  mbim_device_open_full (device, MBIM_DEVICE_OPEN_FLAGS_NONE, 10, NULL, on_result, &peer);
  result = wait_result (&peer);
  g_assert_true (mbim_device_open_full_finish (device, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (sim_mbim_get_max_transfer (peer.mbim), ==, 64);
  response = mbim_message_device_caps_query_new (NULL);
  mbim_device_command (device, response, 10, NULL, on_result, &peer);
  g_clear_pointer (&response, mbim_message_unref);
  result = wait_result (&peer);
  response = mbim_device_command_finish (device, result, &error);
  g_assert_no_error (error);
  g_assert_true (mbim_message_device_caps_response_parse (response, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                                                          NULL, NULL, &device_id, &firmware, &hardware,
                                                          &error));
  g_assert_no_error (error);
  g_assert_cmpstr (device_id, ==, "356938035643809");
  g_assert_cmpstr (firmware, ==, "R1");
  g_assert_cmpstr (hardware, ==, "Rocket 5");
  g_clear_object (&result);
  mbim_device_close (device, 10, NULL, on_result, &peer);
  result = wait_result (&peer);
  g_assert_true (mbim_device_close_finish (device, result, &error));
  g_assert_no_error (error);
  g_clear_object (&device);
  sim_transport_free (peer.transport);
  sim_mbim_free (peer.mbim);
}

/* --- codec ---------------------------------------------------------------------- */

static void
test_codec_bounds (void)
{
  static const guint8 data[] = { 8, 0, 0, 0, 4, 0, 0, 0, 'a', 0, 'b', 0, 0xff, 0xff, 0xff, 0xff };
  SimMbimReader reader = { data, sizeof data };
  SimMbimReader shorter = { data, 10 };
  g_autofree char *text = NULL;
  char *bad = NULL;
  guint32 value;

  g_assert_true (sim_mbim_read_string (&reader, 0, &text));
  g_assert_cmpstr (text, ==, "ab");
  g_assert_false (sim_mbim_read_string (&shorter, 0, &bad));
  g_assert_false (sim_mbim_read_u32 (&reader, 13, &value));
  /* An offset/size pair pointing past the end. */
  g_assert_false (sim_mbim_read_string (&reader, 12, &bad));
  g_assert_null (bad);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sim/mbim/codec-bounds", test_codec_bounds);
  ADD ("fragmented-replies", test_fragmented_replies, NULL);
  ADD ("fragmented-request", test_fragmented_request, NULL);
  ADD ("garbage", test_garbage, NULL);
  g_test_add_func ("/sim/mbim/libmbim-reassembly", test_libmbim_reassembly);
  return g_test_run ();
}
