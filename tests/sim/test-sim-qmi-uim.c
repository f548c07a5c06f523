/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of modem-sim's QMI UIM service (and DMS's UIM fallbacks):
 * card status from the model's SIM, PIN1 verify/unblock/change/protection
 * with retries, EF_ICCID and EF_IMSI reads, the card status indication
 * (on PIN changes, and on the control socket's "sim remove|insert"). */
#include "sim-control.h"
#include "sim-qmi-fixture.h"

static const char locked_text[] = "[sim]\niccid=8949020000123456789\nimsi=262011234567890\npin=1234\n"
                                  "puk=12345678\npin-enabled=true\n[power]\ncfun=1\n";

typedef QmiFixture Fixture;

static void
setup_locked (Fixture *f, gconstpointer data)
{
  qmi_fixture_setup (f, locked_text);
}

static void
setup_absent (Fixture *f, gconstpointer data)
{
  qmi_fixture_setup (f, "[sim]\npresent=false\n");
}

static void
teardown (Fixture *f, gconstpointer data)
{
  qmi_fixture_teardown (f);
}

/* The Card Status TLV's one application: state, PIN1 state and retries. */
static void
check_card (QmiMessage *message, guint8 app_state, guint8 pin1_state, guint8 pin_retries, guint8 puk_retries)
{
  guint16 len = 0;
  const guint8 *v = qmi_fixture_tlv (message, 0x10, &len);
  const guint8 *app;

  g_assert_cmpuint (len, >=, 8 + 1 + 6 + 1);
  g_assert_cmpuint (qmi_fixture_le16 (v), ==, 0x0000); /* GW primary: slot 0, application 0 */
  g_assert_cmpuint (v[8], ==, 1);                      /* one slot */
  g_assert_cmpuint (v[9], ==, QMI_UIM_CARD_STATE_PRESENT);
  g_assert_cmpuint (v[14], ==, 1); /* one application */
  app = v + 15;
  g_assert_cmpuint (app[0], ==, QMI_UIM_CARD_APPLICATION_TYPE_USIM);
  g_assert_cmpuint (app[1], ==, app_state);
  g_assert_cmpuint (app[6], ==, 16); /* AID length */
  app += 7 + 16;
  g_assert_cmpuint (app[0], ==, FALSE); /* UPIN replaces PIN1 */
  g_assert_cmpuint (app[1], ==, pin1_state);
  g_assert_cmpuint (app[2], ==, pin_retries);
  g_assert_cmpuint (app[3], ==, puk_retries);
  g_assert_cmpuint (len, ==, (guint)(app + 7 - v));
}

static void
test_card_status_absent (Fixture *f, gconstpointer data)
{
  guint8 uim = qmi_fixture_allocate (f, QMI_SERVICE_UIM);
  g_autoptr (QmiMessage) reply = qmi_fixture_call (f, QMI_SERVICE_UIM, uim, 0x002F);
  guint16 len = 0;
  const guint8 *v;

  g_assert_cmpuint (qmi_fixture_error (reply), ==, 0);
  v = qmi_fixture_tlv (reply, 0x10, &len);
  g_assert_cmpuint (len, ==, 8 + 1 + 6);
  g_assert_cmpuint (qmi_fixture_le16 (v), ==, 0xFFFF);
  g_assert_cmpuint (v[9], ==, QMI_UIM_CARD_STATE_ABSENT);
  g_assert_cmpuint (v[14], ==, 0);
}

/* A PIN operation request: PIN id 1, then strings with a length byte. */
static QmiMessage *
pin_request (Fixture *f, guint8 uim, guint16 message, gint enable, const char *first, const char *second)
{
  QmiMessage *request = qmi_fixture_request (f, QMI_SERVICE_UIM, uim, message);
  static const guint8 session[] = { QMI_UIM_SESSION_TYPE_PRIMARY_GW_PROVISIONING, 0 };
  g_autoptr (GByteArray) info = g_byte_array_new ();
  guint8 byte = QMI_UIM_PIN_ID_PIN1;

  qmi_fixture_tlv_bytes (request, 0x01, session, sizeof session);
  g_byte_array_append (info, &byte, 1);
  if (enable >= 0) {
    byte = (guint8)enable;
    g_byte_array_append (info, &byte, 1);
  }
  for (const char *const *s = (const char *const[]){ first, second, NULL }; *s; s++) {
    byte = (guint8)strlen (*s);
    g_byte_array_append (info, &byte, 1);
    g_byte_array_append (info, (const guint8 *)*s, byte);
  }
  qmi_fixture_tlv_bytes (request, 0x02, info->data, info->len);
  return request;
}

static guint16
pin_exchange (Fixture *f, guint8 uim, guint16 message, gint enable, const char *first, const char *second,
              guint8 *out_retries)
{
  g_autoptr (QmiMessage) request = pin_request (f, uim, message, enable, first, second);
  g_autoptr (QmiMessage) reply = qmi_fixture_exchange (f, request);
  guint16 len = 0;
  const guint8 *retries = qmi_fixture_tlv (reply, 0x10, &len);

  g_assert_cmpuint (len, ==, 2);
  out_retries[0] = retries[0];
  out_retries[1] = retries[1];
  return qmi_fixture_error (reply);
}

static void
test_verify_pin (Fixture *f, gconstpointer data)
{
  guint8 uim = qmi_fixture_allocate (f, QMI_SERVICE_UIM);
  g_autoptr (QmiMessage) status = qmi_fixture_call (f, QMI_SERVICE_UIM, uim, 0x002F);
  g_autoptr (QmiMessage) events = qmi_fixture_request (f, QMI_SERVICE_UIM, uim, 0x002E);
  g_autoptr (QmiMessage) registered = NULL;
  g_autoptr (QmiMessage) indication = NULL;
  guint8 retries[2];

  check_card (status, QMI_UIM_CARD_APPLICATION_STATE_PIN1_OR_UPIN_PIN_REQUIRED,
              QMI_UIM_PIN_STATE_ENABLED_NOT_VERIFIED, 3, 10);
  qmi_fixture_tlv_u32 (events, 0x01, QMI_UIM_EVENT_REGISTRATION_FLAG_CARD_STATUS);
  registered = qmi_fixture_exchange (f, events);
  g_assert_cmpuint (qmi_fixture_error (registered), ==, 0);

  g_assert_cmpuint (pin_exchange (f, uim, 0x0026, -1, "0000", "", retries), ==,
                    QMI_PROTOCOL_ERROR_INCORRECT_PIN);
  g_assert_cmpuint (retries[0], ==, 2);
  g_assert_cmpuint (retries[1], ==, 10);
  g_clear_pointer (&indication, qmi_message_unref);
  indication = qmi_fixture_next (f);
  g_assert_nonnull (indication);
  g_assert_true (qmi_message_is_indication (indication));
  g_assert_cmpuint (qmi_message_get_message_id (indication), ==, 0x0032);
  check_card (indication, QMI_UIM_CARD_APPLICATION_STATE_PIN1_OR_UPIN_PIN_REQUIRED,
              QMI_UIM_PIN_STATE_ENABLED_NOT_VERIFIED, 2, 10);

  g_assert_cmpuint (pin_exchange (f, uim, 0x0026, -1, "1234", "", retries), ==, 0);
  g_assert_cmpuint (f->model->sim.lock, ==, SIM_LOCK_READY);
  g_clear_pointer (&indication, qmi_message_unref);
  indication = qmi_fixture_next (f);
  g_assert_nonnull (indication);
  check_card (indication, QMI_UIM_CARD_APPLICATION_STATE_READY, QMI_UIM_PIN_STATE_ENABLED_VERIFIED, 3, 10);
  /* Verifying again checks the PIN only. */
  g_assert_cmpuint (pin_exchange (f, uim, 0x0026, -1, "1234", "", retries), ==, 0);
}

/* "sim remove" and "sim insert": each sends the card status indication to
 * a registered client, the card absent, then back and asking for its PIN
 * (the lock is on); asking for where the card already is is refused. */
static void
test_card_removed_and_inserted (Fixture *f, gconstpointer data)
{
  SimControlTarget target = { .model = f->model, .qmi = f->qmi };
  SimControlAction action;
  guint8 uim = qmi_fixture_allocate (f, QMI_SERVICE_UIM);
  g_autoptr (QmiMessage) events = qmi_fixture_request (f, QMI_SERVICE_UIM, uim, 0x002E);
  g_autoptr (QmiMessage) registered = NULL;
  g_autoptr (QmiMessage) removed = NULL;
  g_autoptr (QmiMessage) inserted = NULL;
  g_autofree char *out = NULL;
  g_autofree char *again = NULL;
  g_autofree char *in = NULL;
  g_autofree char *bad = NULL;
  guint16 len = 0;
  const guint8 *v;

  qmi_fixture_tlv_u32 (events, 0x01, QMI_UIM_EVENT_REGISTRATION_FLAG_CARD_STATUS);
  registered = qmi_fixture_exchange (f, events);
  g_assert_cmpuint (qmi_fixture_error (registered), ==, 0);

  out = sim_control_execute (&target, "sim remove", &action);
  g_assert_cmpstr (out, ==, "OK");
  g_assert_cmpuint (f->model->sim.lock, ==, SIM_LOCK_ABSENT);
  removed = qmi_fixture_next (f);
  g_assert_nonnull (removed);
  g_assert_cmpuint (qmi_message_get_message_id (removed), ==, 0x0032);
  v = qmi_fixture_tlv (removed, 0x10, &len);
  g_assert_cmpuint (len, ==, 8 + 1 + 6);
  g_assert_cmpuint (v[9], ==, QMI_UIM_CARD_STATE_ABSENT);
  again = sim_control_execute (&target, "sim remove", &action);
  g_assert_cmpstr (again, ==, "ERROR The SIM is out");

  in = sim_control_execute (&target, "sim insert", &action);
  g_assert_cmpstr (in, ==, "OK");
  inserted = qmi_fixture_next (f);
  g_assert_nonnull (inserted);
  check_card (inserted, QMI_UIM_CARD_APPLICATION_STATE_PIN1_OR_UPIN_PIN_REQUIRED,
              QMI_UIM_PIN_STATE_ENABLED_NOT_VERIFIED, 3, 10);
  bad = sim_control_execute (&target, "sim eject", &action);
  g_assert_cmpstr (bad, ==, "ERROR expected remove or insert");
}

static void
test_unblock_change_protection (Fixture *f, gconstpointer data)
{
  guint8 uim = qmi_fixture_allocate (f, QMI_SERVICE_UIM);
  g_autoptr (QmiMessage) status = NULL;
  guint8 retries[2];

  for (guint i = 0; i < 3; i++)
    pin_exchange (f, uim, 0x0026, -1, "9999", "", retries);
  g_assert_cmpuint (f->model->sim.lock, ==, SIM_LOCK_PUK);
  status = qmi_fixture_call (f, QMI_SERVICE_UIM, uim, 0x002F);
  check_card (status, QMI_UIM_CARD_APPLICATION_STATE_PUK1_OR_UPIN_PUK_REQUIRED, QMI_UIM_PIN_STATE_BLOCKED, 0,
              10);
  /* A PIN while the PUK is asked for is refused. */
  g_assert_cmpuint (pin_exchange (f, uim, 0x0026, -1, "1234", "", retries), ==,
                    QMI_PROTOCOL_ERROR_PIN_BLOCKED);
  g_assert_cmpuint (pin_exchange (f, uim, 0x0027, -1, "11111111", "4321", retries), ==,
                    QMI_PROTOCOL_ERROR_INCORRECT_PIN);
  g_assert_cmpuint (retries[1], ==, 9);
  g_assert_cmpuint (pin_exchange (f, uim, 0x0027, -1, "12345678", "4321", retries), ==, 0);
  g_assert_cmpuint (f->model->sim.lock, ==, SIM_LOCK_READY);
  g_assert_cmpstr (f->model->sim.pin, ==, "4321");

  g_assert_cmpuint (pin_exchange (f, uim, 0x0028, -1, "4321", "5678", retries), ==, 0);
  g_assert_cmpstr (f->model->sim.pin, ==, "5678");
  g_assert_cmpuint (pin_exchange (f, uim, 0x0025, FALSE, "5678", "", retries), ==, 0);
  g_assert_false (f->model->sim.pin_enabled);
  /* Changing a disabled PIN is not possible. */
  g_assert_cmpuint (pin_exchange (f, uim, 0x0028, -1, "5678", "1111", retries), ==,
                    QMI_PROTOCOL_ERROR_INVALID_OPERATION);
}

static QmiMessage *
read_file (Fixture *f, guint8 uim, guint16 file, const guint16 *path, guint depth)
{
  g_autoptr (QmiMessage) request = qmi_fixture_request (f, QMI_SERVICE_UIM, uim, 0x0020);
  static const guint8 session[] = { QMI_UIM_SESSION_TYPE_PRIMARY_GW_PROVISIONING, 0 };
  guint8 value[3 + 8] = { file & 0xFF, file >> 8, (guint8)(2 * depth) };
  guint8 read_info[4] = { 0 };

  for (guint i = 0; i < depth; i++) {
    value[3 + 2 * i] = path[i] & 0xFF;
    value[4 + 2 * i] = path[i] >> 8;
  }
  qmi_fixture_tlv_bytes (request, 0x01, session, sizeof session);
  qmi_fixture_tlv_bytes (request, 0x02, value, 3 + 2 * depth);
  qmi_fixture_tlv_bytes (request, 0x03, read_info, sizeof read_info);
  return qmi_fixture_exchange (f, request);
}

static void
check_content (QmiMessage *reply, const guint8 *expected, gsize len)
{
  guint16 tlv_len = 0;
  const guint8 *sw = qmi_fixture_tlv (reply, 0x10, &tlv_len);
  const guint8 *data;

  g_assert_cmpuint (qmi_fixture_error (reply), ==, 0);
  g_assert_cmpuint (sw[0], ==, 0x90);
  g_assert_cmpuint (sw[1], ==, 0x00);
  data = qmi_fixture_tlv (reply, 0x11, &tlv_len);
  g_assert_cmpuint (qmi_fixture_le16 (data), ==, len);
  g_assert_cmpmem (data + 2, tlv_len - 2, expected, len);
}

static void
test_read_files (Fixture *f, gconstpointer data)
{
  static const guint16 mf[] = { 0x3F00 };
  static const guint16 adf[] = { 0x3F00, 0x7FFF };
  static const guint8 iccid[] = { 0x98, 0x94, 0x20, 0x00, 0x00, 0x21, 0x43, 0x65, 0x87, 0xF9 };
  static const guint8 imsi[] = { 0x08, 0x29, 0x26, 0x10, 0x21, 0x43, 0x65, 0x87, 0x09 };
  guint8 uim = qmi_fixture_allocate (f, QMI_SERVICE_UIM);
  g_autoptr (QmiMessage) reply = read_file (f, uim, 0x2FE2, mf, 1);
  g_autoptr (GError) error = NULL;

  /* The ICCID is readable while the PIN is asked for; the IMSI is not. */
  check_content (reply, iccid, sizeof iccid);
  g_clear_pointer (&reply, qmi_message_unref);
  reply = read_file (f, uim, 0x6F07, adf, 2);
  g_assert_cmpuint (qmi_fixture_error (reply), ==, QMI_PROTOCOL_ERROR_ACCESS_DENIED);
  g_assert_true (sim_model_enter_pin (f->model, "1234", &error));
  g_clear_pointer (&reply, qmi_message_unref);
  reply = read_file (f, uim, 0x6F07, adf, 2);
  check_content (reply, imsi, sizeof imsi);
  g_clear_pointer (&reply, qmi_message_unref);
  reply = read_file (f, uim, 0x6F46, adf, 2);
  g_assert_cmpuint (qmi_fixture_error (reply), ==, QMI_PROTOCOL_ERROR_SIM_FILE_NOT_FOUND);
}

static void
test_dms_fallbacks (Fixture *f, gconstpointer data)
{
  guint8 dms = qmi_fixture_allocate (f, QMI_SERVICE_DMS);
  g_autoptr (QmiMessage) iccid = qmi_fixture_call (f, QMI_SERVICE_DMS, dms, 0x003C);
  g_autoptr (QmiMessage) imsi = qmi_fixture_call (f, QMI_SERVICE_DMS, dms, 0x0043);
  g_autoptr (QmiMessage) pin = qmi_fixture_call (f, QMI_SERVICE_DMS, dms, 0x002B);
  guint16 len = 0;
  const guint8 *v = qmi_fixture_tlv (iccid, 0x01, &len);

  g_assert_cmpmem (v, len, "8949020000123456789", 19);
  g_assert_cmpuint (qmi_fixture_error (imsi), ==, QMI_PROTOCOL_ERROR_ACCESS_DENIED);
  v = qmi_fixture_tlv (pin, 0x11, &len);
  g_assert_cmpuint (len, ==, 3);
  g_assert_cmpuint (v[0], ==, QMI_DMS_UIM_PIN_STATUS_ENABLED_NOT_VERIFIED);
  g_assert_cmpuint (v[1], ==, 3);
  g_assert_cmpuint (v[2], ==, 10);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, setup, func) g_test_add ("/sim/qmi/uim/" path, Fixture, NULL, setup, func, teardown)
  ADD ("card-status-absent", setup_absent, test_card_status_absent);
  ADD ("verify-pin", setup_locked, test_verify_pin);
  ADD ("card-removed-and-inserted", setup_locked, test_card_removed_and_inserted);
  ADD ("unblock-change-protection", setup_locked, test_unblock_change_protection);
  ADD ("read-files", setup_locked, test_read_files);
  ADD ("dms-fallbacks", setup_locked, test_dms_fallbacks);
  return g_test_run ();
}
