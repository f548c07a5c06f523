/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of the simulator's MBIM front end: requests built with
 * libmbim's builders go in as raw bytes, and the replies and indications
 * are checked with libmbim's parsers. Also fragmentation both ways (and
 * libmbim's own reassembly over a pty), split and garbage input, mute, the
 * subscribe list and the control socket's MBIM keys. */
#include <libmbim-glib.h>
#include <string.h>

#include "sim-control.h"
#include "sim-mbim-codec.h"
#include "sim-mbim.h"
#include "sim-scenario.h"
#include "sim-transport.h"

#define WAIT_SECONDS 30

static const char scenario_text[]
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

typedef struct {
  SimScenario *scenario;
  SimModel *model;
  SimMbim *mbim;
  GByteArray *out;
  guint32 tid;
} Fixture;

static void
collect (const guint8 *data, gsize len, gpointer user_data)
{
  Fixture *f = user_data;

  g_byte_array_append (f->out, data, (guint)len);
}

static void
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

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  fixture_start (f, data, 0);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  sim_mbim_free (f->mbim);
  sim_scenario_free (f->scenario);
  g_byte_array_unref (f->out);
}

static void
feed_bytes (Fixture *f, const guint8 *data, gsize len)
{
  sim_mbim_feed (f->mbim, data, len);
}

/* Sends a request (consumed) with the next transaction id. */
static guint32
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

static gboolean
on_timeout (gpointer user_data)
{
  g_error ("no MBIM answer within %d s", WAIT_SECONDS);
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until the output holds a whole message. */
static void
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
static MbimMessage *
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

static MbimMessage *
reply (Fixture *f)
{
  return next_message (f, 4096);
}

/* Sends a request and returns its COMMAND_DONE, checking the status;
 * indications before it are dropped. */
static MbimMessage *
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

static void
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

static MbimMessage *
indication (Fixture *f, MbimCidBasicConnect cid)
{
  MbimMessage *message = reply (f);

  g_assert_cmpuint (mbim_message_get_message_type (message), ==, MBIM_MESSAGE_TYPE_INDICATE_STATUS);
  g_assert_cmpuint (mbim_message_indicate_status_get_service (message), ==, MBIM_SERVICE_BASIC_CONNECT);
  g_assert_cmpuint (mbim_message_indicate_status_get_cid (message), ==, cid);
  return message;
}

/* Reads indications until one of this cid; drops the others. */
static MbimMessage *
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

static void
drain (Fixture *f)
{
  g_byte_array_set_size (f->out, 0);
}

/* --- open and close ----------------------------------------------------------- */

static void
test_not_opened (Fixture *f, gconstpointer data)
{
  g_autoptr (MbimMessage) error_message = NULL;
  g_autoptr (MbimMessage) done = NULL;

  send_message (f, mbim_message_device_caps_query_new (NULL));
  error_message = reply (f);
  g_assert_cmpuint (mbim_message_get_message_type (error_message), ==, MBIM_MESSAGE_TYPE_FUNCTION_ERROR);
  g_assert_cmpuint (mbim_message_error_get_error_status_code (error_message), ==,
                    MBIM_PROTOCOL_ERROR_NOT_OPENED);
  open_function (f, 4096);
  g_assert_cmpuint (sim_mbim_get_max_transfer (f->mbim), ==, 4096);
  send_message (f, mbim_message_close_new (0));
  done = reply (f);
  g_assert_cmpuint (mbim_message_get_message_type (done), ==, MBIM_MESSAGE_TYPE_CLOSE_DONE);
  g_assert_false (sim_mbim_is_open (f->mbim));
  g_assert_cmpstr (sim_mbim_get_last_command (f->mbim), ==, "close");
}

/* modemd probes an untyped port with "AT" three times before it sends
 * OPEN: the stray bytes must not cost the OPEN its answer. */
static void
test_at_probe_before_open (Fixture *f, gconstpointer data)
{
  for (guint i = 0; i < 3; i++)
    feed_bytes (f, (const guint8 *)"AT\r", 3);
  g_assert_cmpuint (f->out->len, ==, 0);
  open_function (f, 4096);
}

/* --- device and SIM ---------------------------------------------------------------- */

static void
test_device_caps (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MbimMessage) response = NULL;
  g_autofree char *custom = NULL, *device_id = NULL, *firmware = NULL, *hardware = NULL;
  MbimDeviceType type;
  MbimCellularClass cellular;
  MbimVoiceClass voice;
  MbimSimClass sim_class;
  MbimDataClass data_class;
  MbimCtrlCaps ctrl;
  guint32 max_sessions;

  open_function (f, 4096);
  response = command (f, mbim_message_device_caps_query_new (NULL), MBIM_STATUS_ERROR_NONE);
  g_assert_true (mbim_message_device_caps_response_parse (response, &type, &cellular, &voice, &sim_class,
                                                          &data_class, NULL, &ctrl, &max_sessions, &custom,
                                                          &device_id, &firmware, &hardware, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (type, ==, MBIM_DEVICE_TYPE_REMOTE);
  g_assert_cmpuint (cellular, ==, MBIM_CELLULAR_CLASS_GSM);
  g_assert_cmpuint (voice, ==, MBIM_VOICE_CLASS_NO_VOICE);
  g_assert_cmpuint (sim_class, ==, MBIM_SIM_CLASS_REMOVABLE);
  g_assert_cmpuint (data_class & MBIM_DATA_CLASS_LTE, !=, 0);
  g_assert_cmpuint (data_class & MBIM_DATA_CLASS_5G_SA, ==, 0);
  g_assert_cmpuint (ctrl & MBIM_CTRL_CAPS_REG_MANUAL, !=, 0);
  g_assert_cmpuint (max_sessions, ==, 2);
  g_assert_cmpstr (device_id, ==, "356938035643809");
  g_assert_cmpstr (firmware, ==, "R1");
  g_assert_cmpstr (hardware, ==, "Rocket 5");
}

static void
test_device_caps_5g (Fixture *f, gconstpointer data)
{
  g_autoptr (MbimMessage) response = NULL;
  MbimDataClass data_class;
  guint32 max_sessions;

  open_function (f, 4096);
  response = command (f, mbim_message_device_caps_query_new (NULL), MBIM_STATUS_ERROR_NONE);
  g_assert_true (mbim_message_device_caps_response_parse (response, NULL, NULL, NULL, NULL, &data_class, NULL,
                                                          NULL, &max_sessions, NULL, NULL, NULL, NULL, NULL));
  g_assert_cmpuint (data_class & MBIM_DATA_CLASS_5G_SA, !=, 0);
  g_assert_cmpuint (max_sessions, ==, 4);
}

static void
check_subscriber (MbimMessage *message, gboolean indication, MbimSubscriberReadyState state, const char *imsi,
                  const char *iccid, guint n_numbers)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *subscriber = NULL, *sim_iccid = NULL;
  g_auto (GStrv) numbers = NULL;
  MbimSubscriberReadyState got;
  guint32 count;

  if (indication)
    g_assert_true (mbim_message_subscriber_ready_status_notification_parse (
      message, &got, &subscriber, &sim_iccid, NULL, &count, &numbers, &error));
  else
    g_assert_true (mbim_message_subscriber_ready_status_response_parse (
      message, &got, &subscriber, &sim_iccid, NULL, &count, &numbers, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (got, ==, state);
  g_assert_cmpstr (subscriber, ==, imsi);
  g_assert_cmpstr (sim_iccid, ==, iccid);
  g_assert_cmpuint (count, ==, n_numbers);
}

static void
test_subscriber_ready (Fixture *f, gconstpointer data)
{
  g_autoptr (MbimMessage) response = NULL;

  open_function (f, 4096);
  response = command (f, mbim_message_subscriber_ready_status_query_new (NULL), MBIM_STATUS_ERROR_NONE);
  check_subscriber (response, FALSE, MBIM_SUBSCRIBER_READY_STATE_INITIALIZED, "262011234567890",
                    "8949020000123456789", 2);
}

static void
test_no_sim (Fixture *f, gconstpointer data)
{
  g_autoptr (MbimMessage) response = NULL;
  g_autoptr (MbimMessage) pin = NULL;

  open_function (f, 4096);
  response = command (f, mbim_message_subscriber_ready_status_query_new (NULL), MBIM_STATUS_ERROR_NONE);
  check_subscriber (response, FALSE, MBIM_SUBSCRIBER_READY_STATE_SIM_NOT_INSERTED, NULL, NULL, 0);
  pin = command (f, mbim_message_pin_query_new (NULL), MBIM_STATUS_ERROR_SIM_NOT_INSERTED);
}

static void
check_pin (MbimMessage *response, MbimPinType type, MbimPinState state, guint32 attempts)
{
  g_autoptr (GError) error = NULL;
  MbimPinType got_type;
  MbimPinState got_state;
  guint32 got_attempts;

  g_assert_true (mbim_message_pin_response_parse (response, &got_type, &got_state, &got_attempts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (got_type, ==, type);
  g_assert_cmpuint (got_state, ==, state);
  g_assert_cmpuint (got_attempts, ==, attempts);
}

static void
test_pin_unlock (Fixture *f, gconstpointer data)
{
  g_autoptr (MbimMessage) status = NULL;
  g_autoptr (MbimMessage) query = NULL;
  g_autoptr (MbimMessage) wrong = NULL;
  g_autoptr (MbimMessage) right = NULL;
  g_autoptr (MbimMessage) ready = NULL;
  g_autoptr (MbimMessage) list = NULL;
  g_autoptr (MbimPinDesc) pin1 = NULL;

  open_function (f, 4096);
  status = command (f, mbim_message_subscriber_ready_status_query_new (NULL), MBIM_STATUS_ERROR_NONE);
  /* Locked: the ICCID is there, the IMSI is not. */
  check_subscriber (status, FALSE, MBIM_SUBSCRIBER_READY_STATE_DEVICE_LOCKED, NULL, "8949020000123456789", 0);
  query = command (f, mbim_message_pin_query_new (NULL), MBIM_STATUS_ERROR_NONE);
  check_pin (query, MBIM_PIN_TYPE_PIN1, MBIM_PIN_STATE_LOCKED, 3);
  list = command (f, mbim_message_pin_list_query_new (NULL), MBIM_STATUS_ERROR_NONE);
  g_assert_true (mbim_message_pin_list_response_parse (list, &pin1, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                                                       NULL, NULL, NULL));
  g_assert_cmpuint (pin1->pin_mode, ==, MBIM_PIN_MODE_ENABLED);
  g_assert_cmpuint (pin1->pin_format, ==, MBIM_PIN_FORMAT_NUMERIC);
  g_assert_cmpuint (pin1->pin_length_min, ==, 4);
  g_assert_cmpuint (pin1->pin_length_max, ==, 8);
  wrong
    = command (f, mbim_message_pin_set_new (MBIM_PIN_TYPE_PIN1, MBIM_PIN_OPERATION_ENTER, "0000", NULL, NULL),
               MBIM_STATUS_ERROR_FAILURE);
  check_pin (wrong, MBIM_PIN_TYPE_PIN1, MBIM_PIN_STATE_LOCKED, 2);
  right
    = command (f, mbim_message_pin_set_new (MBIM_PIN_TYPE_PIN1, MBIM_PIN_OPERATION_ENTER, "1234", NULL, NULL),
               MBIM_STATUS_ERROR_NONE);
  check_pin (right, MBIM_PIN_TYPE_PIN1, MBIM_PIN_STATE_UNLOCKED, 3);
  /* The indication follows the reply. */
  ready = indication_of (f, MBIM_CID_BASIC_CONNECT_SUBSCRIBER_READY_STATUS);
  check_subscriber (ready, TRUE, MBIM_SUBSCRIBER_READY_STATE_INITIALIZED, "262011234567890",
                    "8949020000123456789", 2);
  g_assert_cmpuint (f->model->sim.lock, ==, SIM_LOCK_READY);
}

static void
test_pin_puk_and_change (Fixture *f, gconstpointer data)
{
  g_autoptr (MbimMessage) puk = NULL;
  g_autoptr (MbimMessage) disabled = NULL;
  g_autoptr (MbimMessage) enable = NULL;
  g_autoptr (MbimMessage) change = NULL;

  open_function (f, 4096);
  for (guint i = 0; i < 3; i++) {
    g_autoptr (MbimMessage) wrong = command (
      f, mbim_message_pin_set_new (MBIM_PIN_TYPE_PIN1, MBIM_PIN_OPERATION_ENTER, "0000", NULL, NULL),
      MBIM_STATUS_ERROR_FAILURE);
  }
  drain (f);
  puk = command (f, mbim_message_pin_query_new (NULL), MBIM_STATUS_ERROR_NONE);
  check_pin (puk, MBIM_PIN_TYPE_PUK1, MBIM_PIN_STATE_LOCKED, 10);
  g_clear_pointer (&puk, mbim_message_unref);
  puk = command (
    f, mbim_message_pin_set_new (MBIM_PIN_TYPE_PUK1, MBIM_PIN_OPERATION_ENTER, "12345678", "4321", NULL),
    MBIM_STATUS_ERROR_NONE);
  check_pin (puk, MBIM_PIN_TYPE_PIN1, MBIM_PIN_STATE_UNLOCKED, 3);
  drain (f);
  g_assert_cmpstr (f->model->sim.pin, ==, "4321");
  change = command (
    f, mbim_message_pin_set_new (MBIM_PIN_TYPE_PIN1, MBIM_PIN_OPERATION_CHANGE, "4321", "5555", NULL),
    MBIM_STATUS_ERROR_NONE);
  g_assert_cmpstr (f->model->sim.pin, ==, "5555");
  drain (f);
  disabled = command (
    f, mbim_message_pin_set_new (MBIM_PIN_TYPE_PIN1, MBIM_PIN_OPERATION_DISABLE, "5555", NULL, NULL),
    MBIM_STATUS_ERROR_NONE);
  g_assert_false (f->model->sim.pin_enabled);
  drain (f);
  enable = command (
    f, mbim_message_pin_set_new (MBIM_PIN_TYPE_PIN1, MBIM_PIN_OPERATION_CHANGE, "5555", "6666", NULL),
    MBIM_STATUS_ERROR_PIN_DISABLED);
}

/* --- radio, registration, packet service, signal ------------------------------------ */

static void
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

static void
test_radio_and_registration (Fixture *f, gconstpointer data)
{
  g_autoptr (MbimMessage) radio = NULL;
  g_autoptr (MbimMessage) off = NULL;
  g_autoptr (MbimMessage) registered = NULL;
  g_autoptr (MbimMessage) query = NULL;
  g_autoptr (MbimMessage) packet = NULL;
  MbimRadioSwitchState hw, sw;
  MbimPacketServiceState packet_state;
  guint64 down;

  open_function (f, 4096);
  off = command (f, mbim_message_register_state_query_new (NULL), MBIM_STATUS_ERROR_NONE);
  check_register (off, FALSE, MBIM_REGISTER_STATE_DEREGISTERED, NULL);
  radio = command (f, mbim_message_radio_state_set_new (MBIM_RADIO_SWITCH_STATE_ON, NULL),
                   MBIM_STATUS_ERROR_NONE);
  g_assert_true (mbim_message_radio_state_response_parse (radio, &hw, &sw, NULL));
  g_assert_cmpuint (hw, ==, MBIM_RADIO_SWITCH_STATE_ON);
  g_assert_cmpuint (sw, ==, MBIM_RADIO_SWITCH_STATE_ON);
  g_assert_cmpuint (f->model->cfun, ==, 1);
  registered = indication_of (f, MBIM_CID_BASIC_CONNECT_REGISTER_STATE);
  check_register (registered, TRUE, MBIM_REGISTER_STATE_HOME, "26201");
  drain (f);
  query = command (f, mbim_message_register_state_query_new (NULL), MBIM_STATUS_ERROR_NONE);
  check_register (query, FALSE, MBIM_REGISTER_STATE_HOME, "26201");
  packet = command (f, mbim_message_packet_service_query_new (NULL), MBIM_STATUS_ERROR_NONE);
  g_assert_true (
    mbim_message_packet_service_response_parse (packet, NULL, &packet_state, NULL, NULL, &down, NULL));
  g_assert_cmpuint (packet_state, ==, MBIM_PACKET_SERVICE_STATE_ATTACHED);
  g_assert_cmpuint (down, ==, 150000000);
}

static void
test_register_manual (Fixture *f, gconstpointer data)
{
  g_autoptr (MbimMessage) roaming = NULL;
  g_autoptr (MbimMessage) forbidden = NULL;
  g_autoptr (MbimMessage) unknown = NULL;
  g_autoptr (MbimMessage) automatic = NULL;
  MbimRegisterMode mode;
  guint32 nw_error;

  open_function (f, 4096);
  roaming = command (f, mbim_message_register_state_set_new ("26202", MBIM_REGISTER_ACTION_MANUAL, 0, NULL),
                     MBIM_STATUS_ERROR_NONE);
  check_register (roaming, FALSE, MBIM_REGISTER_STATE_ROAMING, "26202");
  g_assert_true (mbim_message_register_state_response_parse (roaming, NULL, NULL, &mode, NULL, NULL, NULL,
                                                             NULL, NULL, NULL, NULL));
  g_assert_cmpuint (mode, ==, MBIM_REGISTER_MODE_MANUAL);
  drain (f);
  forbidden = command (f, mbim_message_register_state_set_new ("26203", MBIM_REGISTER_ACTION_MANUAL, 0, NULL),
                       MBIM_STATUS_ERROR_FAILURE);
  g_assert_true (mbim_message_register_state_response_parse (forbidden, &nw_error, NULL, NULL, NULL, NULL,
                                                             NULL, NULL, NULL, NULL, NULL));
  g_assert_cmpuint (nw_error, ==, MBIM_NW_ERROR_PLMN_NOT_ALLOWED);
  unknown = command (f, mbim_message_register_state_set_new ("99999", MBIM_REGISTER_ACTION_MANUAL, 0, NULL),
                     MBIM_STATUS_ERROR_PROVIDER_NOT_VISIBLE);
  automatic = command (f, mbim_message_register_state_set_new (NULL, MBIM_REGISTER_ACTION_AUTOMATIC, 0, NULL),
                       MBIM_STATUS_ERROR_NONE);
  check_register (automatic, FALSE, MBIM_REGISTER_STATE_HOME, "26201");
}

/* With a registration delay the answer waits for the network. */
static void
test_register_waits (Fixture *f, gconstpointer data)
{
  g_autoptr (MbimMessage) radio = NULL;
  g_autoptr (MbimMessage) done = NULL;
  guint32 tid;

  open_function (f, 4096);
  sim_model_set_cfun (f->model, 4, NULL);
  f->model->net.registration_delay_ms = 100;
  radio = command (f, mbim_message_radio_state_set_new (MBIM_RADIO_SWITCH_STATE_ON, NULL),
                   MBIM_STATUS_ERROR_NONE);
  drain (f);
  g_assert_true (sim_model_registration_pending (f->model));
  tid = send_message (f, mbim_message_register_state_set_new (NULL, MBIM_REGISTER_ACTION_AUTOMATIC, 0, NULL));
  g_assert_cmpuint (f->out->len, ==, 0);
  for (;;) {
    g_autoptr (MbimMessage) message = reply (f);

    if (mbim_message_get_message_type (message) == MBIM_MESSAGE_TYPE_COMMAND_DONE) {
      done = g_steal_pointer (&message);
      break;
    }
  }
  g_assert_cmpuint (mbim_message_get_transaction_id (done), ==, tid);
  check_register (done, FALSE, MBIM_REGISTER_STATE_HOME, "26201");
}

static void
test_visible_providers (Fixture *f, gconstpointer data)
{
  g_autoptr (MbimMessage) response = NULL;
  g_autoptr (MbimProviderArray) providers = NULL;
  g_autoptr (MbimMessage) home = NULL;
  g_autoptr (MbimProvider) provider = NULL;
  guint32 count;

  open_function (f, 4096);
  response
    = command (f, mbim_message_visible_providers_query_new (MBIM_VISIBLE_PROVIDERS_ACTION_FULL_SCAN, NULL),
               MBIM_STATUS_ERROR_NONE);
  g_assert_true (mbim_message_visible_providers_response_parse (response, &count, &providers, NULL));
  g_assert_cmpuint (count, ==, 3);
  g_assert_cmpstr (providers[0]->provider_id, ==, "26201");
  g_assert_cmpuint (providers[0]->provider_state, ==,
                    MBIM_PROVIDER_STATE_HOME | MBIM_PROVIDER_STATE_VISIBLE | MBIM_PROVIDER_STATE_REGISTERED);
  g_assert_cmpuint (providers[0]->rssi, ==, 20);
  g_assert_cmpstr (providers[1]->provider_name, ==, "Vodafone.de");
  g_assert_cmpuint (providers[1]->provider_state, ==, MBIM_PROVIDER_STATE_VISIBLE);
  g_assert_cmpuint (providers[2]->provider_state, ==,
                    MBIM_PROVIDER_STATE_VISIBLE | MBIM_PROVIDER_STATE_FORBIDDEN);
  home = command (f, mbim_message_home_provider_query_new (NULL), MBIM_STATUS_ERROR_NONE);
  g_assert_true (mbim_message_home_provider_response_parse (home, &provider, NULL));
  g_assert_cmpstr (provider->provider_id, ==, "26201");
  g_assert_cmpstr (provider->provider_name, ==, "Telekom.de");
}

static void
test_signal (Fixture *f, gconstpointer data)
{
  g_autoptr (MbimMessage) query = NULL;
  g_autoptr (MbimMessage) set = NULL;
  g_autoptr (MbimMessage) changed = NULL;
  guint32 rssi, interval, threshold;

  open_function (f, 4096);
  query = command (f, mbim_message_signal_state_query_new (NULL), MBIM_STATUS_ERROR_NONE);
  g_assert_true (mbim_message_signal_state_response_parse (query, &rssi, NULL, NULL, NULL, NULL, NULL));
  g_assert_cmpuint (rssi, ==, 20);
  set = command (f, mbim_message_signal_state_set_new (5, 2, 0, NULL), MBIM_STATUS_ERROR_NONE);
  g_assert_true (
    mbim_message_signal_state_response_parse (set, NULL, NULL, &interval, &threshold, NULL, NULL));
  g_assert_cmpuint (interval, ==, 5);
  g_assert_cmpuint (threshold, ==, 2);
  g_assert_true (sim_model_set_signal (f->model, 7, NULL));
  changed = indication (f, MBIM_CID_BASIC_CONNECT_SIGNAL_STATE);
  g_assert_true (mbim_message_signal_state_notification_parse (changed, &rssi, NULL, NULL, NULL, NULL, NULL));
  g_assert_cmpuint (rssi, ==, 7);
}

/* --- data sessions ---------------------------------------------------------------- */

static MbimMessage *
connect_request (guint32 session, MbimActivationCommand activation, const char *apn,
                 MbimContextIpType ip_type)
{
  return mbim_message_connect_set_new (session, activation, apn, NULL, NULL, MBIM_COMPRESSION_NONE,
                                       MBIM_AUTH_PROTOCOL_NONE, ip_type,
                                       mbim_uuid_from_context_type (MBIM_CONTEXT_TYPE_INTERNET), NULL);
}

static void
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

static char *
ipv4_text (const MbimIPv4 *address)
{
  return g_strdup_printf ("%u.%u.%u.%u", address->addr[0], address->addr[1], address->addr[2],
                          address->addr[3]);
}

static void
test_connect_ip_configuration (Fixture *f, gconstpointer data)
{
  g_autoptr (MbimMessage) first = NULL;
  g_autoptr (MbimMessage) config = NULL;
  g_autoptr (MbimIPv4ElementArray) v4 = NULL;
  g_autoptr (MbimIPv6ElementArray) v6 = NULL;
  g_autofree MbimIPv4 *v4_dns = NULL;
  g_autofree MbimIPv6 *v6_dns = NULL;
  g_autofree char *address = NULL, *gateway = NULL, *dns1 = NULL;
  const MbimIPv4 *v4_gateway = NULL;
  const MbimIPv6 *v6_gateway = NULL;
  MbimIPConfigurationAvailableFlag v4_flags, v6_flags;
  guint32 n_v4, n_v6, n_v4_dns, n_v6_dns, mtu4, mtu6;

  open_function (f, 4096);
  /* DEFAULT takes the type of the provisioned context "internet": IP. */
  first = command (
    f, connect_request (0, MBIM_ACTIVATION_COMMAND_ACTIVATE, "internet", MBIM_CONTEXT_IP_TYPE_DEFAULT),
    MBIM_STATUS_ERROR_NONE);
  check_connect (first, FALSE, 0, MBIM_ACTIVATION_STATE_ACTIVATED, MBIM_CONTEXT_IP_TYPE_IPV4, 0);
  g_assert_nonnull (sim_model_find_session (f->model, 0));
  config = command (f,
                    mbim_message_ip_configuration_query_new (0, 0, 0, 0, NULL, 0, NULL, NULL, NULL, 0, NULL,
                                                             0, NULL, 0, 0, NULL),
                    MBIM_STATUS_ERROR_NONE);
  g_assert_true (mbim_message_ip_configuration_response_parse (
    config, NULL, &v4_flags, &v6_flags, &n_v4, &v4, &n_v6, &v6, &v4_gateway, &v6_gateway, &n_v4_dns, &v4_dns,
    &n_v6_dns, &v6_dns, &mtu4, &mtu6, NULL));
  g_assert_cmpuint (v4_flags, ==,
                    MBIM_IP_CONFIGURATION_AVAILABLE_FLAG_ADDRESS
                      | MBIM_IP_CONFIGURATION_AVAILABLE_FLAG_GATEWAY
                      | MBIM_IP_CONFIGURATION_AVAILABLE_FLAG_DNS | MBIM_IP_CONFIGURATION_AVAILABLE_FLAG_MTU);
  g_assert_cmpuint (v6_flags, ==, 0);
  g_assert_cmpuint (n_v4, ==, 1);
  g_assert_cmpuint (n_v6, ==, 0);
  address = ipv4_text (&v4[0]->ipv4_address);
  g_assert_cmpstr (address, ==, "10.1.2.10");
  g_assert_cmpuint (v4[0]->on_link_prefix_length, ==, 28);
  gateway = ipv4_text (v4_gateway);
  g_assert_cmpstr (gateway, ==, "10.1.2.1");
  g_assert_cmpuint (n_v4_dns, ==, 2);
  dns1 = ipv4_text (&v4_dns[1]);
  g_assert_cmpstr (dns1, ==, "10.1.2.54");
  g_assert_cmpuint (mtu4, ==, 1400);
  g_assert_cmpuint (mtu6, ==, 0);
}

static void
test_second_session (Fixture *f, gconstpointer data)
{
  g_autoptr (MbimMessage) first = NULL;
  g_autoptr (MbimMessage) second = NULL;
  g_autoptr (MbimMessage) third = NULL;
  g_autoptr (MbimMessage) config = NULL;
  g_autoptr (MbimMessage) query = NULL;
  g_autoptr (MbimMessage) off = NULL;
  g_autoptr (MbimMessage) again = NULL;
  g_autoptr (MbimIPv4ElementArray) v4 = NULL;
  g_autoptr (MbimIPv6ElementArray) v6 = NULL;
  g_autofree char *address = NULL;
  g_autofree char *v6_text = NULL;
  g_autoptr (GInetAddress) v6_address = NULL;
  guint32 n_v6, n_v6_dns, mtu6;

  open_function (f, 4096);
  first = command (
    f, connect_request (0, MBIM_ACTIVATION_COMMAND_ACTIVATE, "internet", MBIM_CONTEXT_IP_TYPE_IPV4),
    MBIM_STATUS_ERROR_NONE);
  second
    = command (f, connect_request (1, MBIM_ACTIVATION_COMMAND_ACTIVATE, "ims", MBIM_CONTEXT_IP_TYPE_IPV4V6),
               MBIM_STATUS_ERROR_NONE);
  check_connect (second, FALSE, 1, MBIM_ACTIVATION_STATE_ACTIVATED, MBIM_CONTEXT_IP_TYPE_IPV4V6, 0);
  /* Beyond MaxSessions. */
  third = command (
    f, connect_request (2, MBIM_ACTIVATION_COMMAND_ACTIVATE, "internet", MBIM_CONTEXT_IP_TYPE_IPV4),
    MBIM_STATUS_ERROR_INVALID_PARAMETERS);
  config = command (f,
                    mbim_message_ip_configuration_query_new (1, 0, 0, 0, NULL, 0, NULL, NULL, NULL, 0, NULL,
                                                             0, NULL, 0, 0, NULL),
                    MBIM_STATUS_ERROR_NONE);
  g_assert_true (mbim_message_ip_configuration_response_parse (config, NULL, NULL, NULL, NULL, &v4, &n_v6,
                                                               &v6, NULL, NULL, NULL, NULL, &n_v6_dns, NULL,
                                                               NULL, &mtu6, NULL));
  address = ipv4_text (&v4[0]->ipv4_address);
  g_assert_cmpstr (address, ==, "10.1.2.11");
  g_assert_cmpuint (n_v6, ==, 1);
  v6_address = g_inet_address_new_from_bytes (v6[0]->ipv6_address.addr, G_SOCKET_FAMILY_IPV6);
  v6_text = g_inet_address_to_string (v6_address);
  g_assert_cmpstr (v6_text, ==, "fd00:1::b");
  g_assert_cmpuint (v6[0]->on_link_prefix_length, ==, 64);
  g_assert_cmpuint (n_v6_dns, ==, 1);
  g_assert_cmpuint (mtu6, ==, 1280);
  query = command (f, mbim_message_connect_query_new (1, 0, 0, 0, mbim_uuid_from_context_type (0), 0, NULL),
                   MBIM_STATUS_ERROR_NONE);
  check_connect (query, FALSE, 1, MBIM_ACTIVATION_STATE_ACTIVATED, MBIM_CONTEXT_IP_TYPE_IPV4V6, 0);
  /* Deactivating answers, and sends no indication. */
  off = command (f, connect_request (1, MBIM_ACTIVATION_COMMAND_DEACTIVATE, NULL, 0), MBIM_STATUS_ERROR_NONE);
  g_assert_cmpuint (f->out->len, ==, 0);
  g_assert_null (sim_model_find_session (f->model, 1));
  g_assert_nonnull (sim_model_find_session (f->model, 0));
  again = command (f, connect_request (1, MBIM_ACTIVATION_COMMAND_DEACTIVATE, NULL, 0),
                   MBIM_STATUS_ERROR_CONTEXT_NOT_ACTIVATED);
}

static void
test_connect_failures (Fixture *f, gconstpointer data)
{
  g_autoptr (MbimMessage) rejected = NULL;
  g_autoptr (MbimMessage) radio_off = NULL;
  g_autoptr (MbimMessage) not_active = NULL;

  open_function (f, 4096);
  rejected = command (
    f, connect_request (0, MBIM_ACTIVATION_COMMAND_ACTIVATE, "Blocked.APN", MBIM_CONTEXT_IP_TYPE_IPV4),
    MBIM_STATUS_ERROR_FAILURE);
  check_connect (rejected, FALSE, 0, MBIM_ACTIVATION_STATE_DEACTIVATED, MBIM_CONTEXT_IP_TYPE_DEFAULT,
                 MBIM_NW_ERROR_MISSING_OR_UNKNOWN_APN);
  sim_model_set_cfun (f->model, 4, NULL);
  drain (f);
  radio_off = command (
    f, connect_request (0, MBIM_ACTIVATION_COMMAND_ACTIVATE, "internet", MBIM_CONTEXT_IP_TYPE_IPV4),
    MBIM_STATUS_ERROR_RADIO_POWER_OFF);
  not_active = command (f,
                        mbim_message_ip_configuration_query_new (0, 0, 0, 0, NULL, 0, NULL, NULL, NULL, 0,
                                                                 NULL, 0, NULL, 0, 0, NULL),
                        MBIM_STATUS_ERROR_CONTEXT_NOT_ACTIVATED);
  g_assert_cmpuint (f->model->sessions->len, ==, 0);
}

/* The network drops the sessions (the control socket's no-carrier). */
static void
test_network_drop (Fixture *f, gconstpointer data)
{
  g_autoptr (MbimMessage) up = NULL;
  g_autoptr (MbimMessage) dropped = NULL;
  SimControlTarget target = { f->model, NULL, NULL, f->mbim, NULL, NULL, NULL };
  SimControlAction action;
  g_autofree char *sessions = NULL;
  g_autofree char *reply_line = NULL;
  g_autofree char *after = NULL;
  g_autofree char *address = NULL;

  open_function (f, 4096);
  up = command (f,
                connect_request (1, MBIM_ACTIVATION_COMMAND_ACTIVATE, "internet", MBIM_CONTEXT_IP_TYPE_IPV4),
                MBIM_STATUS_ERROR_NONE);
  sessions = sim_control_execute (&target, "get sessions", &action);
  g_assert_cmpstr (sessions, ==, "OK 1");
  address = sim_control_execute (&target, "get ipv4-address 1", &action);
  g_assert_cmpstr (address, ==, "OK 10.1.2.11");
  reply_line = sim_control_execute (&target, "no-carrier", &action);
  g_assert_cmpstr (reply_line, ==, "OK");
  dropped = indication (f, MBIM_CID_BASIC_CONNECT_CONNECT);
  check_connect (dropped, TRUE, 1, MBIM_ACTIVATION_STATE_DEACTIVATED, MBIM_CONTEXT_IP_TYPE_DEFAULT, 0);
  after = sim_control_execute (&target, "get sessions", &action);
  g_assert_cmpstr (after, ==, "OK ");
}

/* Losing packet service (a detach) ends the sessions too. */
static void
test_detach_drops (Fixture *f, gconstpointer data)
{
  g_autoptr (MbimMessage) up = NULL;
  g_autoptr (MbimMessage) detach = NULL;
  g_autoptr (MbimMessage) dropped = NULL;
  MbimPacketServiceState state;

  open_function (f, 4096);
  up = command (f,
                connect_request (0, MBIM_ACTIVATION_COMMAND_ACTIVATE, "internet", MBIM_CONTEXT_IP_TYPE_IPV4),
                MBIM_STATUS_ERROR_NONE);
  detach = command (f, mbim_message_packet_service_set_new (MBIM_PACKET_SERVICE_ACTION_DETACH, NULL),
                    MBIM_STATUS_ERROR_NONE);
  g_assert_true (mbim_message_packet_service_response_parse (detach, NULL, &state, NULL, NULL, NULL, NULL));
  g_assert_cmpuint (state, ==, MBIM_PACKET_SERVICE_STATE_DETACHED);
  dropped = indication_of (f, MBIM_CID_BASIC_CONNECT_CONNECT);
  check_connect (dropped, TRUE, 0, MBIM_ACTIVATION_STATE_DEACTIVATED, MBIM_CONTEXT_IP_TYPE_DEFAULT, 0);
  g_assert_cmpuint (f->model->sessions->len, ==, 0);
}

/* --- services, subscriptions, errors --------------------------------------------- */

static void
test_device_services_and_subscribe (Fixture *f, gconstpointer data)
{
  g_autoptr (MbimMessage) services = NULL;
  g_autoptr (MbimDeviceServiceElementArray) list = NULL;
  g_autoptr (MbimMessage) subscribed = NULL;
  g_autoptr (MbimEventEntryArray) events = NULL;
  g_autoptr (MbimMessage) signal = NULL;
  MbimEventEntry entry = { { { 0 } } };
  guint32 cids[] = { MBIM_CID_BASIC_CONNECT_SIGNAL_STATE };
  const MbimEventEntry *entries[] = { &entry, NULL };
  guint32 count, n_events;
  gboolean has_connect = FALSE;

  open_function (f, 4096);
  services = command (f, mbim_message_device_services_query_new (NULL), MBIM_STATUS_ERROR_NONE);
  g_assert_true (mbim_message_device_services_response_parse (services, &count, NULL, &list, NULL));
  g_assert_cmpuint (count, ==, 1);
  g_assert_true (mbim_uuid_cmp (&list[0]->device_service_id, MBIM_UUID_BASIC_CONNECT));
  for (guint i = 0; i < list[0]->cids_count; i++)
    has_connect |= list[0]->cids[i] == MBIM_CID_BASIC_CONNECT_CONNECT;
  g_assert_true (has_connect);
  memcpy (&entry.device_service_id, MBIM_UUID_BASIC_CONNECT, sizeof entry.device_service_id);
  entry.cids_count = 1;
  entry.cids = cids;
  subscribed = command (f, mbim_message_device_service_subscribe_list_set_new (1, entries, NULL),
                        MBIM_STATUS_ERROR_NONE);
  g_assert_true (
    mbim_message_device_service_subscribe_list_response_parse (subscribed, &n_events, &events, NULL));
  g_assert_cmpuint (n_events, ==, 1);
  g_assert_cmpuint (events[0]->cids_count, ==, 1);
  g_assert_cmpuint (events[0]->cids[0], ==, MBIM_CID_BASIC_CONNECT_SIGNAL_STATE);
  /* Registration changes are not subscribed: only the signal comes. */
  sim_model_set_network_registration (f->model, SIM_REG_ROAMING);
  g_assert_cmpuint (f->out->len, ==, 0);
  sim_model_set_signal (f->model, 3, NULL);
  signal = indication (f, MBIM_CID_BASIC_CONNECT_SIGNAL_STATE);
}

static void
test_unsupported (Fixture *f, gconstpointer data)
{
  g_autoptr (MbimMessage) sms = NULL;
  g_autoptr (MbimMessage) stats = NULL;
  g_autoptr (MbimMessage) set_caps = NULL;
  g_autoptr (MbimMessage) short_connect = NULL;
  g_autoptr (MbimMessage) bad_radio = NULL;
  g_autoptr (MbimMessage) bad_request = NULL;
  guint8 bogus[4] = { 1, 0, 0, 0 };

  open_function (f, 4096);
  sms = command (f, mbim_message_sms_configuration_query_new (NULL), MBIM_STATUS_ERROR_NO_DEVICE_SUPPORT);
  g_assert_cmpuint (mbim_message_command_done_get_service (sms), ==, MBIM_SERVICE_SMS);
  stats = command (f, mbim_message_packet_statistics_query_new (NULL), MBIM_STATUS_ERROR_NO_DEVICE_SUPPORT);
  bad_request = mbim_message_command_new (0, MBIM_SERVICE_BASIC_CONNECT, MBIM_CID_BASIC_CONNECT_DEVICE_CAPS,
                                          MBIM_MESSAGE_COMMAND_TYPE_SET);
  set_caps = command (f, g_steal_pointer (&bad_request), MBIM_STATUS_ERROR_NO_DEVICE_SUPPORT);
  bad_request = mbim_message_command_new (0, MBIM_SERVICE_BASIC_CONNECT, MBIM_CID_BASIC_CONNECT_CONNECT,
                                          MBIM_MESSAGE_COMMAND_TYPE_SET);
  mbim_message_command_append (bad_request, bogus, sizeof bogus);
  short_connect = command (f, g_steal_pointer (&bad_request), MBIM_STATUS_ERROR_INVALID_PARAMETERS);
  bad_radio = command (f, mbim_message_radio_state_set_new (7, NULL), MBIM_STATUS_ERROR_INVALID_PARAMETERS);
  g_assert_cmpuint (f->model->cfun, ==, 1);
}

static void
test_muted (Fixture *f, gconstpointer data)
{
  g_autoptr (MbimMessage) caps = NULL;

  open_function (f, 4096);
  sim_mbim_set_muted (f->mbim, TRUE);
  send_message (f, mbim_message_radio_state_set_new (MBIM_RADIO_SWITCH_STATE_OFF, NULL));
  g_assert_cmpuint (f->out->len, ==, 0);
  g_assert_cmpuint (f->model->cfun, ==, 1);
  g_assert_cmpstr (sim_mbim_get_last_command (f->mbim), ==, "basic-connect radio-state set");
  sim_mbim_set_muted (f->mbim, FALSE);
  caps = command (f, mbim_message_device_caps_query_new (NULL), MBIM_STATUS_ERROR_NONE);
}

/* --- fragmentation and framing ------------------------------------------------------ */

/* Replies and indications longer than the host's 64 bytes come in pieces. */
static void
test_fragmented_replies (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MbimMessage) caps = NULL;
  g_autoptr (MbimMessage) ready = NULL;
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

#define ADD(path, func, extra)                                                                               \
  g_test_add ("/sim/mbim/" path, Fixture, extra, fixture_setup, func, fixture_teardown)

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sim/mbim/codec-bounds", test_codec_bounds);
  ADD ("not-opened", test_not_opened, NULL);
  ADD ("at-probe-before-open", test_at_probe_before_open, NULL);
  ADD ("device-caps", test_device_caps, NULL);
  ADD ("device-caps-5g", test_device_caps_5g, "[network]\naccess-technology=5gnr\n[data]\nmax-sessions=4\n");
  ADD ("subscriber-ready", test_subscriber_ready, NULL);
  ADD ("no-sim", test_no_sim, "[sim]\npresent=false\n");
  ADD ("pin-unlock", test_pin_unlock, "[sim]\npin-enabled=true\n");
  ADD ("pin-puk-change", test_pin_puk_and_change, "[sim]\npin-enabled=true\n");
  ADD ("radio-registration", test_radio_and_registration, "[power]\ncfun=4\n");
  ADD ("register-manual", test_register_manual, NULL);
  ADD ("register-waits", test_register_waits, NULL);
  ADD ("visible-providers", test_visible_providers, NULL);
  ADD ("signal", test_signal, NULL);
  ADD ("connect-ip-configuration", test_connect_ip_configuration, NULL);
  ADD ("second-session", test_second_session, NULL);
  ADD ("connect-failures", test_connect_failures, NULL);
  ADD ("network-drop", test_network_drop, NULL);
  ADD ("detach-drops", test_detach_drops, NULL);
  ADD ("services-subscribe", test_device_services_and_subscribe, NULL);
  ADD ("unsupported", test_unsupported, NULL);
  ADD ("muted", test_muted, NULL);
  ADD ("fragmented-replies", test_fragmented_replies, NULL);
  ADD ("fragmented-request", test_fragmented_request, NULL);
  ADD ("garbage", test_garbage, NULL);
  g_test_add_func ("/sim/mbim/libmbim-reassembly", test_libmbim_reassembly);
  return g_test_run ();
}
