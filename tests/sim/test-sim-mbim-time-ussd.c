/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The MBIM front end's MS Voice Extensions NITZ and USSD services, read
 * back with libmbim's parsers: the network time and zone on query and on
 * a zone report, USSD requests answered in their COMMAND_DONE (GSM 7-bit
 * and UCS-2), menus, cancel, and network-initiated notifications. */
#include "sim-mbim-fixture.h"

#include <string.h>

static void
check_nitz (MbimMessage *message, gboolean notification, gint32 zone, guint32 dst)
{
  g_autoptr (GError) error = NULL;
  guint32 year, month, day, hour, minute, second, got_zone, got_dst;
  gboolean ok;

  if (notification)
    ok = mbim_message_ms_voice_extensions_nitz_notification_parse (
      message, &year, &month, &day, &hour, &minute, &second, &got_zone, &got_dst, NULL, &error);
  else
    ok = mbim_message_ms_voice_extensions_nitz_response_parse (message, &year, &month, &day, &hour, &minute,
                                                               &second, &got_zone, &got_dst, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  /* The clock was set to 2026-06-01 12:00:00 UTC a moment ago. */
  g_assert_cmpuint (year, ==, 2026);
  g_assert_cmpuint (month, ==, 6);
  g_assert_cmpuint (day, ==, 1);
  g_assert_cmpuint (hour, ==, 12);
  g_assert_cmpuint (minute, <=, 1);
  g_assert_cmpuint (second, <=, 59);
  g_assert_cmpint ((gint32)got_zone, ==, zone);
  g_assert_cmpuint (got_dst, ==, dst);
}

static void
test_nitz_query_and_notification (Fixture *f, gconstpointer data)
{
  g_autoptr (GDateTime) noon = g_date_time_new_utc (2026, 6, 1, 12, 0, 0);
  g_autoptr (MbimMessage) query = NULL, india = NULL, east_coast = NULL;

  sim_model_set_clock (f->model, noon);
  open_function (f, 4096);
  query = command (f, mbim_message_ms_voice_extensions_nitz_query_new (NULL), MBIM_STATUS_ERROR_NONE);
  check_nitz (query, FALSE, 0, 0);
  drain (f);
  g_assert_true (sim_model_set_timezone (f->model, 330, 0, NULL));
  india = reply (f);
  g_assert_cmpuint (mbim_message_get_message_type (india), ==, MBIM_MESSAGE_TYPE_INDICATE_STATUS);
  g_assert_cmpuint (mbim_message_indicate_status_get_service (india), ==, MBIM_SERVICE_MS_VOICE_EXTENSIONS);
  check_nitz (india, TRUE, 330, 0);
  /* A negative zone with an hour of DST; the UTC fields stay. */
  g_assert_true (sim_model_set_timezone (f->model, -240, 1, NULL));
  east_coast = reply (f);
  check_nitz (east_coast, TRUE, -240, 60);
}

/* The USSD set's answer: response, session state and text. */
static void
check_ussd (MbimMessage *message, gboolean notification, MbimUssdResponse response,
            MbimUssdSessionState state, const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *got = NULL;
  MbimUssdResponse got_response;
  MbimUssdSessionState got_state;
  const guint8 *payload = NULL;
  guint32 dcs, size = 0;
  gboolean ok;

  if (notification)
    ok = mbim_message_ussd_notification_parse (message, &got_response, &got_state, &dcs, &size, &payload,
                                               &error);
  else
    ok = mbim_message_ussd_response_parse (message, &got_response, &got_state, &dcs, &size, &payload, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpuint (got_response, ==, response);
  g_assert_cmpuint (got_state, ==, state);
  if (!text) {
    g_assert_cmpuint (size, ==, 0);
    return;
  }
  if (dcs == 0x48) {
    got = g_convert ((const char *)payload, size, "UTF-8", "UTF-16BE", NULL, NULL, NULL);
  } else {
    GString *s = g_string_new (NULL);

    g_assert_cmpuint (dcs, ==, 0x0F);
    for (gsize i = 0; i < size * 8 / 7; i++) {
      gsize bit = i * 7;
      guint v = payload[bit / 8] >> (bit % 8);

      if (bit % 8 > 1 && bit / 8 + 1 < size)
        v |= (guint)payload[bit / 8 + 1] << (8 - bit % 8);
      g_string_append_c (s, (char)(v & 0x7F));
    }
    /* The CR that fills 7 spare bits. */
    if (s->len && s->str[s->len - 1] == '\r')
      g_string_truncate (s, s->len - 1);
    got = g_string_free (s, FALSE);
  }
  g_assert_cmpstr (got, ==, text);
}

/* "*100#" and the menu choices, GSM 7-bit packed. */
static MbimMessage *
ussd_request (MbimUssdAction action, const char *text)
{
  gsize n = strlen (text);
  g_autofree guint8 *packed = g_malloc0 (n + 1);

  for (gsize i = 0; i < n; i++) {
    gsize bit = i * 7;

    packed[bit / 8] |= (guint8)(text[i] << (bit % 8));
    packed[bit / 8 + 1] |= (guint8)(text[i] >> (8 - bit % 8));
  }
  return mbim_message_ussd_set_new (action, 0x0F, (guint32)((n * 7 + 7) / 8), packed, NULL);
}

static void
test_ussd_requests (Fixture *f, gconstpointer data)
{
  static const guint8 ucs2_star[] = { 0x00, 0x2A };
  g_autoptr (MbimMessage) balance = NULL, menu = NULL, choice = NULL, unknown = NULL, refused = NULL;
  g_autoptr (MbimMessage) menu2 = NULL, cancelled = NULL;

  open_function (f, 4096);
  balance = command (f, ussd_request (MBIM_USSD_ACTION_INITIATE, "*100#"), MBIM_STATUS_ERROR_NONE);
  check_ussd (balance, FALSE, MBIM_USSD_RESPONSE_NO_ACTION_REQUIRED, MBIM_USSD_SESSION_STATE_NEW_SESSION,
              "Balance: 12.34 EUR");
  g_assert_cmpstr (f->model->ussd.last_request, ==, "*100#");
  menu = command (f, ussd_request (MBIM_USSD_ACTION_INITIATE, "*101#"), MBIM_STATUS_ERROR_NONE);
  check_ussd (menu, FALSE, MBIM_USSD_RESPONSE_ACTION_REQUIRED, MBIM_USSD_SESSION_STATE_EXISTING_SESSION,
              "1 Balance 2 Data");
  choice = command (f, ussd_request (MBIM_USSD_ACTION_CONTINUE, "2"), MBIM_STATUS_ERROR_NONE);
  check_ussd (choice, FALSE, MBIM_USSD_RESPONSE_NO_ACTION_REQUIRED, MBIM_USSD_SESSION_STATE_NEW_SESSION,
              "Data left: 1.5 GB");
  unknown = command (f, ussd_request (MBIM_USSD_ACTION_INITIATE, "*999#"), MBIM_STATUS_ERROR_NONE);
  check_ussd (unknown, FALSE, MBIM_USSD_RESPONSE_OPERATION_NOT_SUPPORTED, MBIM_USSD_SESSION_STATE_NEW_SESSION,
              NULL);
  /* Only GSM 7-bit text reaches the network. */
  refused = command (f, mbim_message_ussd_set_new (MBIM_USSD_ACTION_INITIATE, 0x48, 2, ucs2_star, NULL),
                     MBIM_STATUS_ERROR_INVALID_PARAMETERS);
  g_assert_cmpstr (f->model->ussd.last_request, ==, "*999#");
  menu2 = command (f, ussd_request (MBIM_USSD_ACTION_INITIATE, "*101#"), MBIM_STATUS_ERROR_NONE);
  g_assert_true (f->model->ussd.menu_open);
  cancelled = command (f, mbim_message_ussd_set_new (MBIM_USSD_ACTION_CANCEL, 0x0F, 0, NULL, NULL),
                       MBIM_STATUS_ERROR_NONE);
  g_assert_false (f->model->ussd.menu_open);
}

static void
test_ussd_from_the_network (Fixture *f, gconstpointer data)
{
  g_autoptr (MbimMessage) notify = NULL, request = NULL, end = NULL, unicode = NULL;

  open_function (f, 4096);
  drain (f);
  sim_model_ussd_network (f->model, SIM_USSD_DONE, "Welcome to the network");
  notify = reply (f);
  g_assert_cmpuint (mbim_message_get_message_type (notify), ==, MBIM_MESSAGE_TYPE_INDICATE_STATUS);
  check_ussd (notify, TRUE, MBIM_USSD_RESPONSE_NO_ACTION_REQUIRED, MBIM_USSD_SESSION_STATE_NEW_SESSION,
              "Welcome to the network");
  sim_model_ussd_network (f->model, SIM_USSD_ACTION_REQUIRED, "Reply 1 to see");
  request = reply (f);
  check_ussd (request, TRUE, MBIM_USSD_RESPONSE_ACTION_REQUIRED, MBIM_USSD_SESSION_STATE_EXISTING_SESSION,
              "Reply 1 to see");
  sim_model_ussd_network (f->model, SIM_USSD_TERMINATED, NULL);
  end = reply (f);
  check_ussd (end, TRUE, MBIM_USSD_RESPONSE_TERMINATED_BY_NETWORK, MBIM_USSD_SESSION_STATE_NEW_SESSION, NULL);
  /* Text the default alphabet does not code like ASCII goes as UCS-2. */
  sim_model_ussd_network (f->model, SIM_USSD_DONE, "Guthaben: 5 \xe2\x82\xac");
  unicode = reply (f);
  check_ussd (unicode, TRUE, MBIM_USSD_RESPONSE_NO_ACTION_REQUIRED, MBIM_USSD_SESSION_STATE_NEW_SESSION,
              "Guthaben: 5 \xe2\x82\xac");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  ADD ("nitz-query-and-notification", test_nitz_query_and_notification, NULL);
  ADD ("ussd-requests", test_ussd_requests, NULL);
  ADD ("ussd-from-the-network", test_ussd_from_the_network, NULL);
  return g_test_run ();
}
