/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of modem-sim's DMS Set Event Report and the Event Report
 * indication: Operating Mode Reporting per client, the indication after
 * the reply of every Set Operating Mode (also to the mode already set) and
 * after radio changes from elsewhere in the model (an AT +CFUN). */
#include "sim-qmi-fixture.h"

static const char scenario_text[] = "[power]\ncfun=4\n";

#define DMS_SET_EVENT_REPORT   0x0001
#define DMS_SET_OPERATING_MODE 0x002E
#define TLV_OPERATING_MODE     0x14
#define TLV_POWER_STATE        0x10
#define ERROR_MISSING_ARGUMENT 17

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

/* Set Event Report with one u8 TLV; returns the protocol error (0: ok). */
static guint16
set_event_report (Fixture *f, guint8 client, guint8 tlv, guint8 value)
{
  g_autoptr (QmiMessage) request = qmi_fixture_request (f, QMI_SERVICE_DMS, client, DMS_SET_EVENT_REPORT);
  g_autoptr (QmiMessage) reply = NULL;

  if (tlv)
    qmi_fixture_tlv_u8 (request, tlv, value);
  reply = qmi_fixture_exchange (f, request);
  return qmi_fixture_error (reply);
}

static guint16
set_mode (Fixture *f, guint8 client, QmiDmsOperatingMode mode)
{
  g_autoptr (QmiMessage) request = qmi_fixture_request (f, QMI_SERVICE_DMS, client, DMS_SET_OPERATING_MODE);
  g_autoptr (QmiMessage) reply = NULL;

  qmi_fixture_tlv_u8 (request, 0x01, mode);
  reply = qmi_fixture_exchange (f, request);
  return qmi_fixture_error (reply);
}

/* The next frame must be an Event Report indication to client carrying
 * mode. */
static void
expect_mode_indication (Fixture *f, guint8 client, QmiDmsOperatingMode mode)
{
  g_autoptr (QmiMessage) ind = qmi_fixture_next (f);
  guint16 len = 0;
  const guint8 *v;

  g_assert_nonnull (ind);
  g_assert_true (qmi_message_is_indication (ind));
  g_assert_cmpuint (qmi_message_get_service (ind), ==, QMI_SERVICE_DMS);
  g_assert_cmpuint (qmi_message_get_client_id (ind), ==, client);
  g_assert_cmpuint (qmi_message_get_message_id (ind), ==, DMS_SET_EVENT_REPORT);
  v = qmi_fixture_tlv (ind, TLV_OPERATING_MODE, &len);
  g_assert_cmpuint (len, ==, 1);
  g_assert_cmpuint (v[0], ==, mode);
}

/* How ModemManager 1.20 powers a QMI modem: report on, set the mode, wait
 * for the indication saying it was reached. */
static void
test_mode_reported (Fixture *f, gconstpointer data)
{
  static const struct {
    QmiDmsOperatingMode set;
    QmiDmsOperatingMode reported;
  } steps[] = {
    { QMI_DMS_OPERATING_MODE_ONLINE, QMI_DMS_OPERATING_MODE_ONLINE },
    /* Already online: reported all the same. */
    { QMI_DMS_OPERATING_MODE_ONLINE, QMI_DMS_OPERATING_MODE_ONLINE },
    { QMI_DMS_OPERATING_MODE_LOW_POWER, QMI_DMS_OPERATING_MODE_LOW_POWER },
    { QMI_DMS_OPERATING_MODE_PERSISTENT_LOW_POWER, QMI_DMS_OPERATING_MODE_LOW_POWER },
    /* Offline is CFUN 0, which the simulator reads back as low power. */
    { QMI_DMS_OPERATING_MODE_OFFLINE, QMI_DMS_OPERATING_MODE_LOW_POWER },
  };
  guint8 dms = qmi_fixture_allocate (f, QMI_SERVICE_DMS);
  guint8 quiet = qmi_fixture_allocate (f, QMI_SERVICE_DMS);

  g_assert_cmpuint (set_event_report (f, dms, TLV_OPERATING_MODE, TRUE), ==, 0);
  g_assert_null (qmi_fixture_next (f));
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++) {
    /* The reply comes first (exchange asserts it), then the indication,
     * to the registered client only. */
    g_assert_cmpuint (set_mode (f, quiet, steps[i].set), ==, 0);
    expect_mode_indication (f, dms, steps[i].reported);
    g_assert_null (qmi_fixture_next (f));
  }
}

/* A radio change from another port of the same modem is reported too. */
static void
test_model_change_reported (Fixture *f, gconstpointer data)
{
  guint8 dms = qmi_fixture_allocate (f, QMI_SERVICE_DMS);
  g_autoptr (GError) error = NULL;

  g_assert_cmpuint (set_event_report (f, dms, TLV_OPERATING_MODE, TRUE), ==, 0);
  g_assert_true (sim_model_set_cfun (f->model, 1, &error));
  g_assert_no_error (error);
  expect_mode_indication (f, dms, QMI_DMS_OPERATING_MODE_ONLINE);
  g_assert_null (qmi_fixture_next (f));
}

/* Reporting off again, or other reports only, or never asked: no
 * indication. */
static void
test_not_reported (Fixture *f, gconstpointer data)
{
  static const struct {
    guint8 tlv;
    guint8 value;
  } requests[] = {
    { 0, 0 }, /* never registered */
    { TLV_OPERATING_MODE, FALSE },
    { TLV_POWER_STATE, TRUE }, /* accepted, not followed */
  };

  for (guint i = 0; i < G_N_ELEMENTS (requests); i++) {
    guint8 dms = qmi_fixture_allocate (f, QMI_SERVICE_DMS);

    /* Turning reporting off needs it on first. */
    if (requests[i].tlv == TLV_OPERATING_MODE)
      g_assert_cmpuint (set_event_report (f, dms, TLV_OPERATING_MODE, TRUE), ==, 0);
    if (requests[i].tlv)
      g_assert_cmpuint (set_event_report (f, dms, requests[i].tlv, requests[i].value), ==, 0);
    g_assert_cmpuint (
      set_mode (f, dms, i % 2 ? QMI_DMS_OPERATING_MODE_ONLINE : QMI_DMS_OPERATING_MODE_LOW_POWER), ==, 0);
    g_assert_null (qmi_fixture_next (f));
    qmi_fixture_release (f, QMI_SERVICE_DMS, dms);
  }
}

/* A request naming no report at all lacks its argument: MISSING_ARGUMENT,
 * which ModemManager takes for "no power indications" and goes on. */
static void
test_empty_request (Fixture *f, gconstpointer data)
{
  guint8 dms = qmi_fixture_allocate (f, QMI_SERVICE_DMS);

  g_assert_cmpuint (set_event_report (f, dms, 0, 0), ==, ERROR_MISSING_ARGUMENT);
  g_assert_cmpuint (set_mode (f, dms, QMI_DMS_OPERATING_MODE_ONLINE), ==, 0);
  g_assert_null (qmi_fixture_next (f));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/sim/qmi/dms/mode-reported", Fixture, NULL, setup, test_mode_reported, teardown);
  g_test_add ("/sim/qmi/dms/model-change-reported", Fixture, NULL, setup, test_model_change_reported,
              teardown);
  g_test_add ("/sim/qmi/dms/not-reported", Fixture, NULL, setup, test_not_reported, teardown);
  g_test_add ("/sim/qmi/dms/empty-request", Fixture, NULL, setup, test_empty_request, teardown);
  return g_test_run ();
}
