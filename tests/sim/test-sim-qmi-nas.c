/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of modem-sim's QMI NAS service: serving system and system
 * info from the model's registration, signal, the delayed network scan,
 * manual registration and selection preference, and the indications that
 * follow model changes once it settles; plus the QMI command history and
 * mute after N. */
#include "sim-qmi-fixture.h"

#include "sim-history.h"

static const char scenario_text[]
  = "[sim]\nimsi=262011234567890\n[network]\nregistration=home\noperator-code=26201\noperator-name=Telekom."
    "de\n"
    "access-technology=lte\nsignal=20\nlac=0x00C3\ntac=0x4E20\ncell-id=0x01A23B01\n"
    "[operators]\navailable=26202:Vodafone.de:lte:available;26203:o2 - de:umts:forbidden\n[power]\ncfun=1\n";

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

static void
check_serving (QmiMessage *message, guint8 state, gboolean roaming, guint8 lac_tlv)
{
  guint16 len = 0;
  const guint8 *v = qmi_fixture_tlv (message, 0x01, &len);

  g_assert_cmpuint (v[0], ==, state);
  g_assert_cmpuint (v[3], ==, QMI_NAS_NETWORK_TYPE_3GPP);
  if (state != QMI_NAS_REGISTRATION_STATE_REGISTERED) {
    g_assert_cmpuint (v[4], ==, 0);
    return;
  }
  g_assert_cmpuint (v[1], ==, QMI_NAS_ATTACH_STATE_ATTACHED);
  g_assert_cmpuint (v[2], ==, QMI_NAS_ATTACH_STATE_ATTACHED);
  g_assert_cmpuint (v[4], ==, 1);
  g_assert_cmpuint (v[5], ==, QMI_NAS_RADIO_INTERFACE_LTE);
  v = qmi_fixture_tlv (message, 0x10, &len);
  g_assert_cmpuint (v[0], ==,
                    roaming ? QMI_NAS_ROAMING_INDICATOR_STATUS_ON : QMI_NAS_ROAMING_INDICATOR_STATUS_OFF);
  v = qmi_fixture_tlv (message, lac_tlv, &len);
  g_assert_cmpuint (len, ==, 2);
  g_assert_cmpuint (qmi_fixture_le16 (v), ==, 0x00C3);
}

static void
test_serving_system (Fixture *f, gconstpointer data)
{
  guint8 nas = qmi_fixture_allocate (f, QMI_SERVICE_NAS);
  g_autoptr (QmiMessage) reply = qmi_fixture_call (f, QMI_SERVICE_NAS, nas, 0x0024);
  g_autoptr (GError) error = NULL;
  guint16 len = 0;
  const guint8 *plmn;

  g_assert_cmpuint (qmi_fixture_error (reply), ==, 0);
  check_serving (reply, QMI_NAS_REGISTRATION_STATE_REGISTERED, FALSE, 0x1C);
  plmn = qmi_fixture_tlv (reply, 0x12, &len);
  g_assert_cmpuint (qmi_fixture_le16 (plmn), ==, 262);
  g_assert_cmpuint (qmi_fixture_le16 (plmn + 2), ==, 1);
  g_assert_cmpmem (plmn + 5, plmn[4], "Telekom.de", 10);
  g_assert_cmpuint (qmi_fixture_le16 (qmi_fixture_tlv (reply, 0x24, &len)), ==, 0x4E20);
  g_assert_cmpuint (qmi_fixture_le32 (qmi_fixture_tlv (reply, 0x1D, &len)), ==, 0x01A23B01);

  g_assert_true (sim_model_set_cfun (f->model, 4, &error));
  qmi_fixture_settle (f);
  g_clear_pointer (&reply, qmi_message_unref);
  reply = qmi_fixture_call (f, QMI_SERVICE_NAS, nas, 0x0024);
  check_serving (reply, QMI_NAS_REGISTRATION_STATE_NOT_REGISTERED, FALSE, 0);
  g_assert_null (qmi_message_get_raw_tlv (reply, 0x12, &len));
}

static void
test_system_info (Fixture *f, gconstpointer data)
{
  guint8 nas = qmi_fixture_allocate (f, QMI_SERVICE_NAS);
  g_autoptr (QmiMessage) reply = qmi_fixture_call (f, QMI_SERVICE_NAS, nas, 0x004D);
  guint16 len = 0;
  const guint8 *v = qmi_fixture_tlv (reply, 0x14, &len);

  g_assert_cmpuint (len, ==, 3);
  g_assert_cmpuint (v[0], ==, QMI_NAS_SERVICE_STATUS_AVAILABLE);
  v = qmi_fixture_tlv (reply, 0x19, &len);
  g_assert_cmpuint (len, ==, 29);
  g_assert_cmpuint (v[1], ==, QMI_NAS_NETWORK_SERVICE_DOMAIN_CS_PS);
  g_assert_cmpuint (qmi_fixture_le16 (v + 9), ==, 0x00C3);
  g_assert_cmpuint (qmi_fixture_le32 (v + 12), ==, 0x01A23B01);
  g_assert_cmpuint (v[19], ==, TRUE); /* network id valid */
  g_assert_cmpmem (v + 20, 5, "26201", 5);
  g_assert_cmpuint (v[25], ==, 0xFF);
  g_assert_cmpuint (qmi_fixture_le16 (v + 27), ==, 0x4E20);
  g_assert_null (qmi_message_get_raw_tlv (reply, 0x12, &len));
}

static void
test_signal (Fixture *f, gconstpointer data)
{
  guint8 nas = qmi_fixture_allocate (f, QMI_SERVICE_NAS);
  g_autoptr (QmiMessage) info = qmi_fixture_call (f, QMI_SERVICE_NAS, nas, 0x004F);
  g_autoptr (QmiMessage) strength = qmi_fixture_call (f, QMI_SERVICE_NAS, nas, 0x0020);
  guint16 len = 0;
  const guint8 *v = qmi_fixture_tlv (info, 0x14, &len);

  g_assert_cmpuint (len, ==, 6);
  g_assert_cmpint ((gint8)v[0], ==, -113 + 40);
  g_assert_cmpint ((gint16)qmi_fixture_le16 (v + 2), ==, -113 + 40 - 20);
  v = qmi_fixture_tlv (strength, 0x01, &len);
  g_assert_cmpint ((gint8)v[0], ==, -73);
  g_assert_cmpuint (v[1], ==, QMI_NAS_RADIO_INTERFACE_LTE);
}

/* Registered clients get one indication of each kind per settled change,
 * after the reply of the request that caused it. */
static void
test_indications (Fixture *f, gconstpointer data)
{
  guint8 nas = qmi_fixture_allocate (f, QMI_SERVICE_NAS);
  guint8 quiet = qmi_fixture_allocate (f, QMI_SERVICE_NAS);
  g_autoptr (QmiMessage) request = qmi_fixture_request (f, QMI_SERVICE_NAS, nas, 0x0003);
  g_autoptr (QmiMessage) reply = NULL;
  g_autoptr (QmiMessage) report = qmi_fixture_request (f, QMI_SERVICE_NAS, nas, 0x0002);
  g_autoptr (QmiMessage) ind = NULL;
  static const guint8 strength[] = { TRUE, 0 };
  g_autoptr (GError) error = NULL;
  guint16 len = 0;
  const guint8 *v;

  (void)quiet;
  qmi_fixture_tlv_u8 (request, 0x13, TRUE);
  qmi_fixture_tlv_u8 (request, 0x18, TRUE);
  qmi_fixture_tlv_u8 (request, 0x19, TRUE);
  reply = qmi_fixture_exchange (f, request);
  g_assert_cmpuint (qmi_fixture_error (reply), ==, 0);
  qmi_fixture_tlv_bytes (report, 0x10, strength, sizeof strength);
  g_clear_pointer (&reply, qmi_message_unref);
  reply = qmi_fixture_exchange (f, report);
  g_assert_cmpuint (qmi_fixture_error (reply), ==, 0);
  g_assert_null (qmi_fixture_next (f));

  sim_model_set_network_operator (f->model, "20810", "SFR");
  sim_model_set_network_registration (f->model, SIM_REG_ROAMING);
  ind = qmi_fixture_next (f);
  g_assert_true (qmi_message_is_indication (ind));
  g_assert_cmpuint (qmi_message_get_client_id (ind), ==, nas);
  g_assert_cmpuint (qmi_message_get_message_id (ind), ==, 0x0024);
  check_serving (ind, QMI_NAS_REGISTRATION_STATE_REGISTERED, TRUE, 0x1D);
  v = qmi_fixture_tlv (ind, 0x12, &len);
  g_assert_cmpuint (qmi_fixture_le16 (v), ==, 208);
  g_clear_pointer (&ind, qmi_message_unref);
  ind = qmi_fixture_next (f);
  g_assert_cmpuint (qmi_message_get_message_id (ind), ==, 0x004E);
  v = qmi_fixture_tlv (ind, 0x19, &len);
  g_assert_cmpuint (v[5], ==, QMI_NAS_ROAMING_STATUS_ON);
  /* The registration change makes the signal news too. */
  g_clear_pointer (&ind, qmi_message_unref);
  ind = qmi_fixture_next (f);
  g_assert_cmpuint (qmi_message_get_message_id (ind), ==, 0x0051);
  g_clear_pointer (&ind, qmi_message_unref);
  ind = qmi_fixture_next (f);
  g_assert_cmpuint (qmi_message_get_message_id (ind), ==, 0x0002);
  g_clear_pointer (&ind, qmi_message_unref);
  g_assert_null (qmi_fixture_next (f));

  g_assert_true (sim_model_set_signal (f->model, 10, &error));
  ind = qmi_fixture_next (f);
  g_assert_cmpuint (qmi_message_get_message_id (ind), ==, 0x0051);
  v = qmi_fixture_tlv (ind, 0x14, &len);
  g_assert_cmpint ((gint8)v[0], ==, -93);
  g_clear_pointer (&ind, qmi_message_unref);
  ind = qmi_fixture_next (f);
  g_assert_cmpuint (qmi_message_get_message_id (ind), ==, 0x0002);
  v = qmi_fixture_tlv (ind, 0x10, &len);
  g_assert_cmpint ((gint8)v[0], ==, -93);
  g_clear_pointer (&ind, qmi_message_unref);
  g_assert_null (qmi_fixture_next (f));
}

static void
test_scan (Fixture *f, gconstpointer data)
{
  guint8 nas = qmi_fixture_allocate (f, QMI_SERVICE_NAS);
  g_autoptr (QmiMessage) request = qmi_fixture_request (f, QMI_SERVICE_NAS, nas, 0x0021);
  g_autoptr (GError) error = NULL;
  g_autoptr (QmiMessage) reply = NULL;
  gsize raw_len = 0;
  const guint8 *raw = qmi_message_get_raw (request, &raw_len, &error);
  guint16 len = 0;
  const guint8 *v;

  /* The answer waits for the scan delay. */
  sim_qmi_set_scan_delay (f->qmi, 20);
  sim_qmi_feed (f->qmi, raw, raw_len);
  g_assert_cmpuint (f->out->len, ==, 0);
  while (f->out->len == 0)
    g_main_context_iteration (NULL, TRUE);
  reply = qmi_fixture_next (f);
  g_assert_cmpuint (qmi_fixture_error (reply), ==, 0);
  v = qmi_fixture_tlv (reply, 0x10, &len);
  g_assert_cmpuint (qmi_fixture_le16 (v), ==, 3);
  /* Entries: MCC, MNC, status, name; the serving one first. */
  g_assert_cmpuint (qmi_fixture_le16 (v + 2), ==, 262);
  g_assert_cmpuint (qmi_fixture_le16 (v + 4), ==, 1);
  g_assert_cmpuint (v[6], ==,
                    QMI_NAS_NETWORK_STATUS_CURRENT_SERVING | QMI_NAS_NETWORK_STATUS_HOME
                      | QMI_NAS_NETWORK_STATUS_NOT_FORBIDDEN);
  v = qmi_fixture_tlv (reply, 0x11, &len);
  g_assert_cmpuint (len, ==, 2 + 3 * 5);
  g_assert_cmpuint (qmi_fixture_le32 (qmi_fixture_tlv (reply, 0x13, &len)), ==,
                    QMI_NAS_NETWORK_SCAN_RESULT_SUCCESS);
}

static QmiMessage *
register_manual (Fixture *f, guint8 nas, guint16 mnc)
{
  g_autoptr (QmiMessage) request = qmi_fixture_request (f, QMI_SERVICE_NAS, nas, 0x0022);
  guint8 info[5] = { 262 & 0xFF, 262 >> 8, mnc & 0xFF, mnc >> 8, QMI_NAS_RADIO_INTERFACE_LTE };

  qmi_fixture_tlv_u8 (request, 0x01, QMI_NAS_NETWORK_REGISTER_TYPE_MANUAL);
  qmi_fixture_tlv_bytes (request, 0x10, info, sizeof info);
  return qmi_fixture_exchange (f, request);
}

static void
test_register_and_selection (Fixture *f, gconstpointer data)
{
  guint8 nas = qmi_fixture_allocate (f, QMI_SERVICE_NAS);
  g_autoptr (QmiMessage) reply = register_manual (f, nas, 3);
  g_autoptr (QmiMessage) set = NULL;
  g_autoptr (QmiMessage) bands = NULL;
  guint16 len = 0;

  g_assert_cmpuint (qmi_fixture_error (reply), ==, QMI_PROTOCOL_ERROR_ACCESS_DENIED);
  g_clear_pointer (&reply, qmi_message_unref);
  reply = register_manual (f, nas, 2);
  g_assert_cmpuint (qmi_fixture_error (reply), ==, 0);
  g_assert_cmpuint (f->model->net.select_mode, ==, SIM_SELECT_MANUAL);
  g_assert_cmpstr (f->model->net.operator_code, ==, "26202");
  g_clear_pointer (&reply, qmi_message_unref);
  reply = qmi_fixture_call (f, QMI_SERVICE_NAS, nas, 0x0034);
  g_assert_cmpuint (*qmi_fixture_tlv (reply, 0x16, &len), ==, QMI_NAS_NETWORK_SELECTION_PREFERENCE_MANUAL);
  g_assert_cmpuint (qmi_fixture_le16 (qmi_fixture_tlv (reply, 0x11, &len)), ==,
                    QMI_NAS_RAT_MODE_PREFERENCE_GSM | QMI_NAS_RAT_MODE_PREFERENCE_UMTS
                      | QMI_NAS_RAT_MODE_PREFERENCE_LTE | QMI_NAS_RAT_MODE_PREFERENCE_5GNR);

  set = qmi_fixture_request (f, QMI_SERVICE_NAS, nas, 0x0033);
  qmi_fixture_tlv_u16 (set, 0x11, QMI_NAS_RAT_MODE_PREFERENCE_LTE | QMI_NAS_RAT_MODE_PREFERENCE_UMTS);
  g_clear_pointer (&reply, qmi_message_unref);
  reply = qmi_fixture_exchange (f, set);
  g_assert_cmpuint (qmi_fixture_error (reply), ==, 0);
  g_assert_cmpuint (f->model->allowed_modes, ==, SIM_MODE_3G | SIM_MODE_4G);
  /* Bands cannot be held by the model: refused, not ignored. */
  bands = qmi_fixture_request (f, QMI_SERVICE_NAS, nas, 0x0033);
  qmi_fixture_tlv_bytes (bands, 0x12, (const guint8 *)"\x01\0\0\0\0\0\0\0", 8);
  g_clear_pointer (&reply, qmi_message_unref);
  reply = qmi_fixture_exchange (f, bands);
  g_assert_cmpuint (qmi_fixture_error (reply), ==, QMI_PROTOCOL_ERROR_NOT_SUPPORTED);
}

static void
test_history_and_mute_after (Fixture *f, gconstpointer data)
{
  guint8 nas = qmi_fixture_allocate (f, QMI_SERVICE_NAS);
  const SimHistory *history = sim_qmi_get_history (f->qmi);
  g_autoptr (QmiMessage) reply = qmi_fixture_call (f, QMI_SERVICE_NAS, nas, 0x0024);
  g_autoptr (QmiMessage) unknown = qmi_fixture_call (f, QMI_SERVICE_NAS, nas, 0x7777);
  g_autoptr (QmiMessage) request = qmi_fixture_request (f, QMI_SERVICE_NAS, nas, 0x004D);
  g_autoptr (GError) error = NULL;
  gsize raw_len = 0;
  const guint8 *raw;

  g_assert_cmpuint (sim_history_count (history), ==, 3);
  g_assert_cmpstr (sim_history_get (history, 0), ==, "ctl Allocate CID");
  g_assert_cmpstr (sim_history_get (history, 1), ==, "nas Get Serving System");
  g_assert_cmpstr (sim_history_get (history, 2), ==, "nas 0x7777");
  g_assert_cmpuint (qmi_fixture_error (unknown), ==, QMI_PROTOCOL_ERROR_INVALID_QMI_COMMAND);

  /* One more answer, then silence; requests are still recorded. */
  sim_qmi_mute_after (f->qmi, 1);
  g_clear_pointer (&reply, qmi_message_unref);
  reply = qmi_fixture_call (f, QMI_SERVICE_NAS, nas, 0x0024);
  raw = qmi_message_get_raw (request, &raw_len, &error);
  sim_qmi_feed (f->qmi, raw, raw_len);
  g_assert_cmpuint (f->out->len, ==, 0);
  g_assert_true (sim_qmi_get_muted (f->qmi));
  g_assert_cmpstr (sim_history_get (history, 4), ==, "nas Get System Info");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add ("/sim/qmi/nas/" path, Fixture, NULL, setup, func, teardown)
  ADD ("serving-system", test_serving_system);
  ADD ("system-info", test_system_info);
  ADD ("signal", test_signal);
  ADD ("indications", test_indications);
  ADD ("scan", test_scan);
  ADD ("register-and-selection", test_register_and_selection);
  ADD ("history-and-mute-after", test_history_and_mute_after);
  return g_test_run ();
}
