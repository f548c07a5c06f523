/* SPDX-License-Identifier: GPL-2.0-or-later */
/* MBIM front end unit tests: data sessions (Connect), IP configuration, network drops
 * (reported, and "no-carrier silent" without the indication). */
#include "sim-mbim-fixture.h"

#include "sim-control.h"

/* --- data sessions ---------------------------------------------------------------- */

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

/* "no-carrier silent": the session ends without the CONNECT indication;
 * the Connect query says deactivated, or (data: mbim-query-refuses-inactive)
 * is refused with CONTEXT_NOT_ACTIVATED. */
static void
test_unreported_drop (Fixture *f, gconstpointer data)
{
  gboolean refuses = data != NULL;
  g_autoptr (MbimMessage) up = NULL;
  g_autoptr (MbimMessage) queried = NULL;
  SimControlTarget target = { f->model, NULL, NULL, f->mbim, NULL, NULL, NULL };
  SimControlAction action;
  g_autofree char *reply_line = NULL;

  open_function (f, 4096);
  up = command (f,
                connect_request (0, MBIM_ACTIVATION_COMMAND_ACTIVATE, "internet", MBIM_CONTEXT_IP_TYPE_IPV4),
                MBIM_STATUS_ERROR_NONE);
  drain (f);
  reply_line = sim_control_execute (&target, "no-carrier silent", &action);
  g_assert_cmpstr (reply_line, ==, "OK");
  g_assert_cmpuint (f->model->sessions->len, ==, 0);
  g_assert_cmpuint (f->out->len, ==, 0); /* no CONNECT indication */
  queried = command (f,
                     mbim_message_connect_query_new (0, MBIM_ACTIVATION_STATE_UNKNOWN,
                                                     MBIM_VOICE_CALL_STATE_NONE, MBIM_CONTEXT_IP_TYPE_DEFAULT,
                                                     mbim_uuid_from_context_type (MBIM_CONTEXT_TYPE_INTERNET),
                                                     0, NULL),
                     refuses ? MBIM_STATUS_ERROR_CONTEXT_NOT_ACTIVATED : MBIM_STATUS_ERROR_NONE);
  if (!refuses)
    check_connect (queried, FALSE, 0, MBIM_ACTIVATION_STATE_DEACTIVATED, MBIM_CONTEXT_IP_TYPE_DEFAULT, 0);
}

/* "reset": the modem restarts on the bus: the session ends without a word,
 * CFUN is the scenario's again, and the closed function answers the next
 * command with NotOpened. */
static void
test_restart (Fixture *f, gconstpointer data)
{
  g_autoptr (MbimMessage) up = NULL;
  g_autoptr (MbimMessage) refused = NULL;
  SimControlTarget target = { f->model, NULL, NULL, f->mbim, NULL, NULL, NULL };
  SimControlAction action;
  g_autofree char *reply_line = NULL;
  g_autofree char *bad = NULL;
  guint cfun_at_start = f->model->cfun_at_start;

  open_function (f, 4096);
  up = command (f,
                connect_request (0, MBIM_ACTIVATION_COMMAND_ACTIVATE, "internet", MBIM_CONTEXT_IP_TYPE_IPV4),
                MBIM_STATUS_ERROR_NONE);
  drain (f);
  g_assert_true (sim_model_set_cfun (f->model, cfun_at_start == 1 ? 4 : 1, NULL));
  drain (f);
  bad = sim_control_execute (&target, "reset now", &action);
  g_assert_cmpstr (bad, ==, "ERROR reset takes no argument");
  reply_line = sim_control_execute (&target, "reset", &action);
  g_assert_cmpstr (reply_line, ==, "OK");
  g_assert_cmpuint (f->model->sessions->len, ==, 0);
  g_assert_cmpuint (f->model->cfun, ==, cfun_at_start);
  g_assert_false (sim_mbim_is_open (f->mbim));
  g_assert_cmpuint (f->out->len, ==, 0); /* nothing said */
  send_message (f, mbim_message_device_caps_query_new (NULL));
  refused = reply (f);
  g_assert_cmpuint (mbim_message_get_message_type (refused), ==, MBIM_MESSAGE_TYPE_FUNCTION_ERROR);
  g_assert_cmpuint (mbim_message_error_get_error_status_code (refused), ==, MBIM_PROTOCOL_ERROR_NOT_OPENED);
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

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  ADD ("connect-ip-configuration", test_connect_ip_configuration, NULL);
  ADD ("second-session", test_second_session, NULL);
  ADD ("connect-failures", test_connect_failures, NULL);
  ADD ("network-drop", test_network_drop, NULL);
  ADD ("unreported-drop", test_unreported_drop, NULL);
  ADD ("unreported-drop/query-refused", test_unreported_drop, "[modem]\nmbim-query-refuses-inactive=true\n");
  ADD ("detach-drops", test_detach_drops, NULL);
  ADD ("restart", test_restart, NULL);
  return g_test_run ();
}
