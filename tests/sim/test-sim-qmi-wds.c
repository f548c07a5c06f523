/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of modem-sim's QMI WDS and WDA services: calls on the model's
 * data sessions (start, refusals with call-end reasons, settings of either
 * family, stop, the network or a client release ending them, with the
 * packet service indication or, for the control socket's "no-carrier
 * silent", without), event reports accepted, mux binding, and
 * the data format kept in the model. */
#include "sim-control.h"
#include "sim-qmi-fixture.h"

static const char scenario_text[]
  = "[network]\nregistration=home\n[data]\nreject-apns=bad.apn\ncontexts=1:IP:internet\n"
    "ipv4-address=10.64.0.2\nipv4-prefix=24\nipv4-gateway=10.64.0.1\nipv4-dns=10.64.0.10;10.64.0.11\n"
    "ipv4-mtu=1500\nipv6-address=2001:db8:0:1::2\nipv6-prefix=64\n[power]\ncfun=1\n";

typedef QmiFixture Fixture;

static void
setup (Fixture *f, gconstpointer data)
{
  qmi_fixture_setup (f, scenario_text);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  qmi_fixture_teardown (f);
}

static QmiMessage *
start (Fixture *f, guint8 wds, const char *apn)
{
  g_autoptr (QmiMessage) request = qmi_fixture_request (f, QMI_SERVICE_WDS, wds, 0x0020);

  qmi_fixture_tlv_bytes (request, 0x14, (const guint8 *)apn, strlen (apn));
  qmi_fixture_tlv_u8 (request, 0x16, QMI_WDS_AUTHENTICATION_PAP);
  qmi_fixture_tlv_bytes (request, 0x17, (const guint8 *)"user", 4);
  qmi_fixture_tlv_bytes (request, 0x18, (const guint8 *)"pass", 4);
  return qmi_fixture_exchange (f, request);
}

static guint32
start_ok (Fixture *f, guint8 wds, const char *apn)
{
  g_autoptr (QmiMessage) reply = start (f, wds, apn);
  guint16 len = 0;

  g_assert_cmpuint (qmi_fixture_error (reply), ==, 0);
  return qmi_fixture_le32 (qmi_fixture_tlv (reply, 0x01, &len));
}

static void
check_end_reason (QmiMessage *message, guint16 reason, guint16 type, guint16 verbose)
{
  guint16 len = 0;
  const guint8 *v;

  g_assert_cmpuint (qmi_fixture_le16 (qmi_fixture_tlv (message, 0x10, &len)), ==, reason);
  v = qmi_fixture_tlv (message, 0x11, &len);
  g_assert_cmpuint (qmi_fixture_le16 (v), ==, type);
  g_assert_cmpuint (qmi_fixture_le16 (v + 2), ==, verbose);
}

static guint8
status_of (Fixture *f, guint8 wds)
{
  g_autoptr (QmiMessage) reply = qmi_fixture_call (f, QMI_SERVICE_WDS, wds, 0x0022);
  guint16 len = 0;

  return *qmi_fixture_tlv (reply, 0x01, &len);
}

static void
test_start_stop (Fixture *f, gconstpointer data)
{
  guint8 wds = qmi_fixture_allocate (f, QMI_SERVICE_WDS);
  guint32 handle = start_ok (f, wds, "internet");
  g_autoptr (QmiMessage) again = start (f, wds, "internet");
  g_autoptr (QmiMessage) settings = qmi_fixture_call (f, QMI_SERVICE_WDS, wds, 0x002D);
  g_autoptr (QmiMessage) stop = qmi_fixture_request (f, QMI_SERVICE_WDS, wds, 0x0021);
  g_autoptr (QmiMessage) wrong = qmi_fixture_request (f, QMI_SERVICE_WDS, wds, 0x0021);
  g_autoptr (QmiMessage) reply = NULL;
  g_autoptr (QmiMessage) ind = NULL;
  guint16 len = 0;
  const guint8 *v;

  g_assert_nonnull (sim_model_find_session (f->model, 0));
  g_assert_cmpstr (sim_model_find_session (f->model, 0)->apn, ==, "internet");
  g_assert_cmpstr (sim_model_find_session (f->model, 0)->type, ==, "IP");
  g_assert_cmpuint (status_of (f, wds), ==, QMI_WDS_CONNECTION_STATUS_CONNECTED);
  g_assert_cmpuint (qmi_fixture_error (again), ==, QMI_PROTOCOL_ERROR_NO_EFFECT);

  /* IPv4 numbers are little endian on the wire: 10.64.0.2 is 0x0A400002. */
  g_assert_cmpuint (qmi_fixture_le32 (qmi_fixture_tlv (settings, 0x1E, &len)), ==, 0x0A400002);
  g_assert_cmpuint (qmi_fixture_le32 (qmi_fixture_tlv (settings, 0x20, &len)), ==, 0x0A400001);
  g_assert_cmpuint (qmi_fixture_le32 (qmi_fixture_tlv (settings, 0x21, &len)), ==, 0xFFFFFF00);
  g_assert_cmpuint (qmi_fixture_le32 (qmi_fixture_tlv (settings, 0x15, &len)), ==, 0x0A40000A);
  g_assert_cmpuint (qmi_fixture_le32 (qmi_fixture_tlv (settings, 0x16, &len)), ==, 0x0A40000B);
  g_assert_cmpuint (qmi_fixture_le32 (qmi_fixture_tlv (settings, 0x29, &len)), ==, 1500);
  g_assert_cmpuint (*qmi_fixture_tlv (settings, 0x2B, &len), ==, QMI_WDS_IP_FAMILY_IPV4);
  v = qmi_fixture_tlv (settings, 0x14, &len);
  g_assert_cmpmem (v, len, "internet", 8);
  g_assert_null (qmi_message_get_raw_tlv (settings, 0x25, &len));

  qmi_fixture_tlv_u32 (wrong, 0x01, handle + 1);
  reply = qmi_fixture_exchange (f, wrong);
  g_assert_cmpuint (qmi_fixture_error (reply), ==, QMI_PROTOCOL_ERROR_INVALID_HANDLE);
  qmi_fixture_tlv_u32 (stop, 0x01, handle);
  g_clear_pointer (&reply, qmi_message_unref);
  reply = qmi_fixture_exchange (f, stop);
  g_assert_cmpuint (qmi_fixture_error (reply), ==, 0);
  g_assert_cmpuint (f->model->sessions->len, ==, 0);
  ind = qmi_fixture_next (f);
  g_assert_true (qmi_message_is_indication (ind));
  g_assert_cmpuint (qmi_message_get_message_id (ind), ==, 0x0022);
  g_assert_cmpuint (*qmi_fixture_tlv (ind, 0x01, &len), ==, QMI_WDS_CONNECTION_STATUS_DISCONNECTED);
  check_end_reason (ind, QMI_WDS_CALL_END_REASON_GENERIC_CLIENT_END,
                    QMI_WDS_VERBOSE_CALL_END_REASON_TYPE_3GPP, 36);
  g_assert_cmpuint (status_of (f, wds), ==, QMI_WDS_CONNECTION_STATUS_DISCONNECTED);
  g_clear_pointer (&reply, qmi_message_unref);
  reply = qmi_fixture_call (f, QMI_SERVICE_WDS, wds, 0x002D);
  g_assert_cmpuint (qmi_fixture_error (reply), ==, QMI_PROTOCOL_ERROR_OUT_OF_CALL);
}

static void
test_refusals (Fixture *f, gconstpointer data)
{
  guint8 wds = qmi_fixture_allocate (f, QMI_SERVICE_WDS);
  g_autoptr (QmiMessage) reply = start (f, wds, "bad.apn");
  g_autoptr (GError) error = NULL;

  g_assert_cmpuint (qmi_fixture_error (reply), ==, QMI_PROTOCOL_ERROR_CALL_FAILED);
  check_end_reason (reply, QMI_WDS_CALL_END_REASON_GENERIC_UNSPECIFIED,
                    QMI_WDS_VERBOSE_CALL_END_REASON_TYPE_3GPP, 27);
  g_assert_true (sim_model_set_cfun (f->model, 4, &error));
  g_clear_pointer (&reply, qmi_message_unref);
  reply = start (f, wds, "internet");
  g_assert_cmpuint (qmi_fixture_error (reply), ==, QMI_PROTOCOL_ERROR_CALL_FAILED);
  check_end_reason (reply, QMI_WDS_CALL_END_REASON_GENERIC_NO_SERVICE,
                    QMI_WDS_VERBOSE_CALL_END_REASON_TYPE_CM, 2001);
  g_assert_cmpuint (f->model->sessions->len, ==, 0);
}

static void
test_ipv6_and_mux (Fixture *f, gconstpointer data)
{
  guint8 v4 = qmi_fixture_allocate (f, QMI_SERVICE_WDS);
  guint8 v6 = qmi_fixture_allocate (f, QMI_SERVICE_WDS);
  g_autoptr (QmiMessage) family = qmi_fixture_request (f, QMI_SERVICE_WDS, v6, 0x004D);
  g_autoptr (QmiMessage) bind = qmi_fixture_request (f, QMI_SERVICE_WDS, v6, 0x00A2);
  g_autoptr (QmiMessage) reply = NULL;
  g_autoptr (QmiMessage) settings = NULL;
  g_autofree char *mux = NULL;
  g_autofree char *endpoints = NULL;
  /* Network order, as libqmi reads the groups (big endian). */
  static const guint8 address[] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0x01, 0, 0, 0, 0, 0, 0, 0, 0x03, 64 };
  guint16 len = 0;
  const guint8 *v;

  qmi_fixture_tlv_u8 (family, 0x01, QMI_WDS_IP_FAMILY_IPV6);
  reply = qmi_fixture_exchange (f, family);
  g_assert_cmpuint (qmi_fixture_error (reply), ==, 0);
  qmi_fixture_tlv_u8 (bind, 0x11, 3);
  /* Endpoint Info: HSUSB (2), interface 8, little-endian u32 each. */
  qmi_fixture_tlv_bytes (bind, 0x10, (const guint8[]){ 2, 0, 0, 0, 8, 0, 0, 0 }, 8);
  g_clear_pointer (&reply, qmi_message_unref);
  reply = qmi_fixture_exchange (f, bind);
  g_assert_cmpuint (qmi_fixture_error (reply), ==, 0);
  mux = sim_qmi_get_mux_ids (f->qmi);
  g_assert_cmpstr (mux, ==, "3");
  endpoints = sim_qmi_get_mux_endpoints (f->qmi);
  g_assert_cmpstr (endpoints, ==, "2/8");

  /* Two clients, two sessions: the IPv6 one is session 1. */
  start_ok (f, v4, "internet");
  start_ok (f, v6, "internet");
  g_assert_cmpstr (sim_model_find_session (f->model, 1)->type, ==, "IPV6");
  settings = qmi_fixture_call (f, QMI_SERVICE_WDS, v6, 0x002D);
  v = qmi_fixture_tlv (settings, 0x25, &len);
  g_assert_cmpmem (v, len, address, sizeof address);
  g_assert_null (qmi_message_get_raw_tlv (settings, 0x1E, &len));
  g_assert_cmpuint (*qmi_fixture_tlv (settings, 0x2B, &len), ==, QMI_WDS_IP_FAMILY_IPV6);
}

static void
test_network_drop_and_release (Fixture *f, gconstpointer data)
{
  guint8 wds = qmi_fixture_allocate (f, QMI_SERVICE_WDS);
  g_autoptr (QmiMessage) ind = NULL;
  guint16 len = 0;

  start_ok (f, wds, "internet");
  g_assert_cmpuint (sim_model_drop_sessions (f->model), ==, 1);
  ind = qmi_fixture_next (f);
  g_assert_nonnull (ind);
  g_assert_cmpuint (qmi_message_get_client_id (ind), ==, wds);
  g_assert_cmpuint (*qmi_fixture_tlv (ind, 0x01, &len), ==, QMI_WDS_CONNECTION_STATUS_DISCONNECTED);
  check_end_reason (ind, QMI_WDS_CALL_END_REASON_GENERIC_RELEASE_NORMAL,
                    QMI_WDS_VERBOSE_CALL_END_REASON_TYPE_3GPP, 36);
  g_assert_cmpuint (status_of (f, wds), ==, QMI_WDS_CONNECTION_STATUS_DISCONNECTED);

  /* Releasing the client that started a call ends the call. */
  start_ok (f, wds, "internet");
  g_assert_cmpuint (f->model->sessions->len, ==, 1);
  qmi_fixture_release (f, QMI_SERVICE_WDS, wds);
  g_assert_cmpuint (f->model->sessions->len, ==, 0);
  g_assert_null (qmi_fixture_next (f));
}

/* The control socket's "no-carrier silent": the session ends without the
 * indication, as on a modem that does not report drops; Get Packet
 * Service Status says so. A bad argument changes nothing. */
static void
test_unreported_drop (Fixture *f, gconstpointer data)
{
  guint8 wds = qmi_fixture_allocate (f, QMI_SERVICE_WDS);
  SimControlTarget target = { .model = f->model, .qmi = f->qmi };
  SimControlAction action;
  g_autofree char *refused = NULL;
  g_autofree char *reply = NULL;

  start_ok (f, wds, "internet");
  refused = sim_control_execute (&target, "no-carrier 0 loud", &action);
  g_assert_cmpstr (refused, ==, "ERROR expected [session] [silent]");
  g_assert_cmpuint (status_of (f, wds), ==, QMI_WDS_CONNECTION_STATUS_CONNECTED);
  reply = sim_control_execute (&target, "no-carrier 0 silent", &action);
  g_assert_cmpstr (reply, ==, "OK");
  g_assert_cmpuint (f->model->sessions->len, ==, 0);
  g_assert_null (qmi_fixture_next (f));
  g_assert_cmpuint (status_of (f, wds), ==, QMI_WDS_CONNECTION_STATUS_DISCONNECTED);
  g_assert_false (f->model->drops_unreported);
}

static void
test_profiles (Fixture *f, gconstpointer data)
{
  guint8 wds = qmi_fixture_allocate (f, QMI_SERVICE_WDS);
  g_autoptr (QmiMessage) list = qmi_fixture_call (f, QMI_SERVICE_WDS, wds, 0x002A);
  guint16 len = 0;
  const guint8 *v = qmi_fixture_tlv (list, 0x01, &len);

  g_assert_cmpuint (v[0], ==, 1);
  g_assert_cmpuint (v[1], ==, QMI_WDS_PROFILE_TYPE_3GPP);
  g_assert_cmpuint (v[2], ==, 1);
  g_assert_cmpmem (v + 4, v[3], "internet", 8);
}

static QmiMessage *
set_format (Fixture *f, guint8 wda, guint32 link, guint32 aggregation)
{
  g_autoptr (QmiMessage) request = qmi_fixture_request (f, QMI_SERVICE_WDA, wda, 0x0020);

  qmi_fixture_tlv_u32 (request, 0x11, link);
  qmi_fixture_tlv_u32 (request, 0x12, aggregation);
  qmi_fixture_tlv_u32 (request, 0x13, aggregation);
  qmi_fixture_tlv_u32 (request, 0x15, 32);
  return qmi_fixture_exchange (f, request);
}

static void
test_data_format (Fixture *f, gconstpointer data)
{
  guint8 wda = qmi_fixture_allocate (f, QMI_SERVICE_WDA);
  g_autoptr (QmiMessage) reply = qmi_fixture_call (f, QMI_SERVICE_WDA, wda, 0x0021);
  g_autoptr (QmiMessage) request = NULL;
  g_autofree char *format = NULL;
  guint16 len = 0;

  g_assert_cmpuint (qmi_fixture_le32 (qmi_fixture_tlv (reply, 0x11, &len)), ==,
                    QMI_WDA_LINK_LAYER_PROTOCOL_802_3);
  g_assert_cmpuint (qmi_fixture_le32 (qmi_fixture_tlv (reply, 0x12, &len)), ==,
                    QMI_WDA_DATA_AGGREGATION_PROTOCOL_DISABLED);
  g_clear_pointer (&reply, qmi_message_unref);
  reply = set_format (f, wda, QMI_WDA_LINK_LAYER_PROTOCOL_RAW_IP, QMI_WDA_DATA_AGGREGATION_PROTOCOL_QMAPV5);
  g_assert_cmpuint (qmi_fixture_error (reply), ==, 0);
  g_assert_cmpuint (qmi_fixture_le32 (qmi_fixture_tlv (reply, 0x13, &len)), ==,
                    QMI_WDA_DATA_AGGREGATION_PROTOCOL_QMAPV5);
  g_assert_cmpuint (qmi_fixture_le32 (qmi_fixture_tlv (reply, 0x15, &len)), ==, 32);
  format = sim_model_data_format_string (f->model);
  g_assert_cmpstr (format, ==, "raw-ip qmapv5 qmapv5");
  g_clear_pointer (&reply, qmi_message_unref);
  reply = set_format (f, wda, 7, QMI_WDA_DATA_AGGREGATION_PROTOCOL_QMAP);
  g_assert_cmpuint (qmi_fixture_error (reply), ==, QMI_PROTOCOL_ERROR_INVALID_ARGUMENT);
  g_assert_cmpuint (f->model->data_format.uplink, ==, SIM_AGGREGATION_QMAPV5);
  /* A modem that wants the Endpoint Info TLV (Get: 0x10, Set: 0x17). */
  f->model->wda_endpoint_required = TRUE;
  g_assert_cmpstr (sim_qmi_get_wda_endpoint (f->qmi), ==, "none");
  g_clear_pointer (&reply, qmi_message_unref);
  reply = qmi_fixture_call (f, QMI_SERVICE_WDA, wda, 0x0021);
  g_assert_cmpuint (qmi_fixture_error (reply), ==, QMI_PROTOCOL_ERROR_MISSING_ARGUMENT);
  g_clear_pointer (&reply, qmi_message_unref);
  reply = set_format (f, wda, QMI_WDA_LINK_LAYER_PROTOCOL_RAW_IP, QMI_WDA_DATA_AGGREGATION_PROTOCOL_DISABLED);
  g_assert_cmpuint (qmi_fixture_error (reply), ==, QMI_PROTOCOL_ERROR_MISSING_ARGUMENT);
  g_assert_cmpuint (f->model->data_format.uplink, ==, SIM_AGGREGATION_QMAPV5);
  g_clear_pointer (&request, qmi_message_unref);
  request = qmi_fixture_request (f, QMI_SERVICE_WDA, wda, 0x0021);
  qmi_fixture_tlv_bytes (request, 0x10, (const guint8[]){ 2, 0, 0, 0, 8, 0, 0, 0 }, 8);
  g_clear_pointer (&reply, qmi_message_unref);
  reply = qmi_fixture_exchange (f, request);
  g_assert_cmpuint (qmi_fixture_error (reply), ==, 0);
  g_assert_cmpstr (sim_qmi_get_wda_endpoint (f->qmi), ==, "2/8");
  g_clear_pointer (&request, qmi_message_unref);
  request = qmi_fixture_request (f, QMI_SERVICE_WDA, wda, 0x0020);
  qmi_fixture_tlv_u32 (request, 0x12, QMI_WDA_DATA_AGGREGATION_PROTOCOL_DISABLED);
  qmi_fixture_tlv_bytes (request, 0x17, (const guint8[]){ 3, 0, 0, 0, 0, 0, 0, 0 }, 8);
  g_clear_pointer (&reply, qmi_message_unref);
  reply = qmi_fixture_exchange (f, request);
  g_assert_cmpuint (qmi_fixture_error (reply), ==, 0);
  g_assert_cmpstr (sim_qmi_get_wda_endpoint (f->qmi), ==, "3/0");
  g_assert_cmpuint (f->model->data_format.uplink, ==, SIM_AGGREGATION_NONE);
}

static guint32
reply_link (QmiMessage *reply)
{
  guint16 len = 0;

  g_assert_cmpuint (qmi_fixture_error (reply), ==, 0);
  return qmi_fixture_le32 (qmi_fixture_tlv (reply, 0x11, &len));
}

/* An MC7304-like modem: QMI port 0 keeps 802.3 whatever it is asked (and
 * is the model's format), port 1 starts in raw IP with a format of its own. */
static void
test_data_format_per_port (Fixture *f, gconstpointer data)
{
  g_autoptr (QmiMessage) reply = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  guint8 wda;

  f->model->qmi_link_fixed[0] = TRUE;
  f->model->qmi_link[1] = SIM_LINK_LAYER_RAW_IP;
  qmi_fixture_use_port (f, 0);
  wda = qmi_fixture_allocate (f, QMI_SERVICE_WDA);
  reply = set_format (f, wda, QMI_WDA_LINK_LAYER_PROTOCOL_RAW_IP, QMI_WDA_DATA_AGGREGATION_PROTOCOL_DISABLED);
  g_assert_cmpuint (reply_link (reply), ==, QMI_WDA_LINK_LAYER_PROTOCOL_802_3);
  g_assert_cmpint (f->model->data_format.link_layer, ==, SIM_LINK_LAYER_802_3);
  g_clear_pointer (&reply, qmi_message_unref);
  qmi_fixture_use_port (f, 1);
  wda = qmi_fixture_allocate (f, QMI_SERVICE_WDA);
  reply = qmi_fixture_call (f, QMI_SERVICE_WDA, wda, 0x0021);
  g_assert_cmpuint (reply_link (reply), ==, QMI_WDA_LINK_LAYER_PROTOCOL_RAW_IP);
  g_clear_pointer (&reply, qmi_message_unref);
  reply = set_format (f, wda, QMI_WDA_LINK_LAYER_PROTOCOL_802_3, QMI_WDA_DATA_AGGREGATION_PROTOCOL_DISABLED);
  g_assert_cmpuint (reply_link (reply), ==, QMI_WDA_LINK_LAYER_PROTOCOL_802_3);
  second = sim_qmi_get_data_format (f->qmi);
  g_assert_cmpstr (second, ==, "802-3 none none");
  g_clear_pointer (&reply, qmi_message_unref);
  reply = set_format (f, wda, QMI_WDA_LINK_LAYER_PROTOCOL_RAW_IP, QMI_WDA_DATA_AGGREGATION_PROTOCOL_QMAP);
  g_clear_pointer (&second, g_free);
  second = sim_qmi_get_data_format (f->qmi);
  g_assert_cmpstr (second, ==, "raw-ip qmap qmap");
  /* The model's (port 0's) format did not move. */
  first = sim_model_data_format_string (f->model);
  g_assert_cmpstr (first, ==, "802-3 none none");
}

/* ModemManager 1.20 asks for WDS event reports before every connect:
 * accepted, and the call goes on (no report is sent). */
static void
test_set_event_report (Fixture *f, gconstpointer data)
{
  guint8 wds = qmi_fixture_allocate (f, QMI_SERVICE_WDS);
  g_autoptr (QmiMessage) request = qmi_fixture_request (f, QMI_SERVICE_WDS, wds, 0x0001);
  g_autoptr (QmiMessage) reply = NULL;

  qmi_fixture_tlv_u8 (request, 0x10, TRUE); /* channel rate */
  qmi_fixture_tlv_u8 (request, 0x17, TRUE); /* data call status */
  reply = qmi_fixture_exchange (f, request);
  g_assert_cmpuint (qmi_fixture_error (reply), ==, 0);
  g_clear_pointer (&reply, qmi_message_unref);
  reply = start (f, wds, "internet");
  g_assert_cmpuint (qmi_fixture_error (reply), ==, 0);
  g_assert_null (qmi_fixture_next (f));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add ("/sim/qmi/wds/" path, Fixture, NULL, setup, func, teardown)
  ADD ("start-stop", test_start_stop);
  ADD ("refusals", test_refusals);
  ADD ("ipv6-and-mux", test_ipv6_and_mux);
  ADD ("network-drop-and-release", test_network_drop_and_release);
  ADD ("unreported-drop", test_unreported_drop);
  ADD ("profiles", test_profiles);
  ADD ("wda-data-format", test_data_format);
  ADD ("wda-data-format-per-port", test_data_format_per_port);
  ADD ("set-event-report", test_set_event_report);
  return g_test_run ();
}
