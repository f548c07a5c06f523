/* SPDX-License-Identifier: GPL-2.0-or-later */
/* MBIM front end unit tests: radio state, registration, visible providers, packet service and signal. */
#include "sim-mbim-fixture.h"

/* --- radio, registration, packet service, signal ------------------------------------ */

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

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  ADD ("radio-registration", test_radio_and_registration, "[power]\ncfun=4\n");
  ADD ("register-manual", test_register_manual, NULL);
  ADD ("register-waits", test_register_waits, NULL);
  ADD ("visible-providers", test_visible_providers, NULL);
  ADD ("signal", test_signal, NULL);
  return g_test_run ();
}
