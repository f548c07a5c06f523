/* SPDX-License-Identifier: GPL-2.0-or-later */
/* MBIM front end unit tests: OPEN/CLOSE, device caps, SIM and PIN, device services, unsupported CIDs and
 * mute. */
#include "sim-mbim-fixture.h"

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
  /* The history has OPEN, CLOSE and every command dispatched while open. */
  g_assert_cmpuint (sim_history_count (sim_mbim_get_history (f->mbim)), ==, 2);
  g_assert_cmpstr (sim_history_get (sim_mbim_get_history (f->mbim), 0), ==, "open");
  g_assert_cmpstr (sim_history_get (sim_mbim_get_history (f->mbim), 1), ==, "close");
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
    mbim_message_unref (
      command (f, mbim_message_pin_set_new (MBIM_PIN_TYPE_PIN1, MBIM_PIN_OPERATION_ENTER, "0000", NULL, NULL),
               MBIM_STATUS_ERROR_FAILURE));
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
  /* Basic Connect, then MS Voice Extensions (NITZ) and USSD. */
  g_assert_cmpuint (count, ==, 3);
  g_assert_true (mbim_uuid_cmp (&list[0]->device_service_id, MBIM_UUID_BASIC_CONNECT));
  g_assert_cmpuint (mbim_uuid_to_service (&list[1]->device_service_id), ==, MBIM_SERVICE_MS_VOICE_EXTENSIONS);
  g_assert_cmpuint (list[1]->cids[0], ==, MBIM_CID_MS_VOICE_EXTENSIONS_NITZ);
  g_assert_cmpuint (mbim_uuid_to_service (&list[2]->device_service_id), ==, MBIM_SERVICE_USSD);
  g_assert_cmpuint (list[2]->cids[0], ==, MBIM_CID_USSD);
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
  g_autoptr (MbimMessage) phonebook = NULL;
  g_autoptr (MbimMessage) stats = NULL;
  g_autoptr (MbimMessage) set_caps = NULL;
  g_autoptr (MbimMessage) short_connect = NULL;
  g_autoptr (MbimMessage) bad_radio = NULL;
  g_autoptr (MbimMessage) bad_request = NULL;
  guint8 bogus[4] = { 1, 0, 0, 0 };

  open_function (f, 4096);
  phonebook
    = command (f, mbim_message_phonebook_configuration_query_new (NULL), MBIM_STATUS_ERROR_NO_DEVICE_SUPPORT);
  g_assert_cmpuint (mbim_message_command_done_get_service (phonebook), ==, MBIM_SERVICE_PHONEBOOK);
  stats = command (f, mbim_message_preferred_providers_query_new (NULL), MBIM_STATUS_ERROR_NO_DEVICE_SUPPORT);
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

/* PACKET_STATISTICS reports the model's traffic counters. */
static void
test_packet_statistics (Fixture *f, gconstpointer data)
{
  g_autoptr (MbimMessage) response = NULL;
  g_autoptr (GError) error = NULL;
  guint64 rx = 1, tx = 1;

  open_function (f, 4096);
  f->model->rx_octets = 3000;
  f->model->tx_octets = 45;
  response = command (f, mbim_message_packet_statistics_query_new (NULL), MBIM_STATUS_ERROR_NONE);
  g_assert_true (mbim_message_packet_statistics_response_parse (response, NULL, NULL, &rx, NULL, &tx, NULL,
                                                                NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rx, ==, 3000);
  g_assert_cmpuint (tx, ==, 45);
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

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  ADD ("not-opened", test_not_opened, NULL);
  ADD ("at-probe-before-open", test_at_probe_before_open, NULL);
  ADD ("device-caps", test_device_caps, NULL);
  ADD ("device-caps-5g", test_device_caps_5g, "[network]\naccess-technology=5gnr\n[data]\nmax-sessions=4\n");
  ADD ("subscriber-ready", test_subscriber_ready, NULL);
  ADD ("no-sim", test_no_sim, "[sim]\npresent=false\n");
  ADD ("pin-unlock", test_pin_unlock, "[sim]\npin-enabled=true\n");
  ADD ("pin-puk-change", test_pin_puk_and_change, "[sim]\npin-enabled=true\n");
  ADD ("services-subscribe", test_device_services_and_subscribe, NULL);
  ADD ("unsupported", test_unsupported, NULL);
  ADD ("packet-statistics", test_packet_statistics, NULL);
  ADD ("muted", test_muted, NULL);
  return g_test_run ();
}
