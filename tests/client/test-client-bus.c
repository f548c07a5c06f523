/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* libmm-client on a private bus (GTestDBus) against fake-daemon.c: the
 * manager follows modems, errors arrive in our domains with our codes, an
 * unknown path or a vanished modem fails cleanly, and settings and IP
 * configurations cross the bus intact. */
#include "fake-daemon.h"

typedef struct {
  GTestDBus *bus;
  FakeDaemon *fake;
  GDBusConnection *connection;
  MmcManager *manager;
  GPtrArray *added;   /* paths */
  GPtrArray *removed; /* paths */
  GAsyncResult *result;
} Fixture;

static gboolean
wake_up (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the test's main context until *flag is set, for at most 30 s. */
#define SPIN_UNTIL(condition)                                                                                \
  G_STMT_START                                                                                               \
  {                                                                                                          \
    gint64 deadline_ = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;                                        \
    guint tick_ = g_timeout_add (50, wake_up, NULL);                                                         \
    while (!(condition)) {                                                                                   \
      g_assert_cmpint (g_get_monotonic_time (), <, deadline_);                                               \
      g_main_context_iteration (NULL, TRUE);                                                                 \
    }                                                                                                        \
    g_source_remove (tick_);                                                                                 \
  }                                                                                                          \
  G_STMT_END

static void
record_path (MmcManager *manager, MmcModem *modem, GPtrArray *paths)
{
  g_ptr_array_add (paths, g_strdup (mmc_modem_get_path (modem)));
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (f->bus);
  f->fake = fake_daemon_new (g_test_dbus_get_bus_address (f->bus));
  fake_daemon_add_modem (f->fake, 0);
  f->connection = g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (f->bus),
                                                          G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT
                                                            | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                          NULL, NULL, &error);
  g_assert_no_error (error);
  f->manager = mmc_manager_new_sync (f->connection, NULL, &error);
  g_assert_no_error (error);
  f->added = g_ptr_array_new_with_free_func (g_free);
  f->removed = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (f->manager, "modem-added", G_CALLBACK (record_path), f->added);
  g_signal_connect (f->manager, "modem-removed", G_CALLBACK (record_path), f->removed);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->result);
  g_clear_object (&f->manager);
  g_dbus_connection_close_sync (f->connection, NULL, NULL);
  g_clear_object (&f->connection);
  fake_daemon_free (f->fake);
  g_test_dbus_down (f->bus);
  g_clear_object (&f->bus);
  g_ptr_array_unref (f->added);
  g_ptr_array_unref (f->removed);
  /* What the closed connection left in the main context. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
store_result (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Fixture *f = user_data;

  g_assert_null (f->result);
  f->result = g_object_ref (result);
}

static MmcModem *
first_modem (Fixture *f)
{
  GList *modems = mmc_manager_get_modems (f->manager);
  MmcModem *modem;

  g_assert_nonnull (modems);
  modem = g_object_ref (modems->data);
  g_list_free_full (modems, g_object_unref);
  return modem;
}

static void
test_manager (Fixture *f, gconstpointer data)
{
  g_autoptr (MmcModem) modem = first_modem (f);
  g_autoptr (MmcModem) again = mmc_manager_get_modem (f->manager, FAKE_MODEM_PATH "0");
  g_autoptr (MmcGdbusModemSimple) simple = mmc_modem_get_simple (modem);
  g_autoptr (MmcGdbusModemMessaging) messaging = mmc_modem_get_messaging (modem);
  g_autofree char *owner = mmc_manager_get_name_owner (f->manager);
  gboolean recent = FALSE;
  GList *modems;

  g_assert_nonnull (owner);
  g_assert_true (mmc_manager_get_connection (f->manager) == f->connection);
  g_assert_cmpstr (mmc_modem_get_path (modem), ==, FAKE_MODEM_PATH "0");
  g_assert_true (again == modem);
  g_assert_null (mmc_manager_get_modem (f->manager, FAKE_MODEM_PATH "99"));
  g_assert_cmpint (mmc_modem_get_state (modem), ==, MMC_MODEM_STATE_DISABLED);
  g_assert_cmpint (mmc_modem_get_power_state (modem), ==, MMC_MODEM_POWER_STATE_LOW);
  g_assert_cmpstr (mmc_modem_get_manufacturer (modem), ==, "Fake");
  g_assert_cmpuint (mmc_modem_get_signal_quality (modem, &recent), ==, 64);
  g_assert_true (recent);
  g_assert_nonnull (simple);
  g_assert_null (messaging);

  /* Modems that come and go; listed in path order (10 after 2). */
  fake_daemon_add_modem (f->fake, 10);
  fake_daemon_add_modem (f->fake, 2);
  SPIN_UNTIL (f->added->len == 2);
  g_assert_cmpstr (g_ptr_array_index (f->added, 0), ==, FAKE_MODEM_PATH "10");
  modems = mmc_manager_get_modems (f->manager);
  g_assert_cmpuint (g_list_length (modems), ==, 3);
  g_assert_cmpstr (mmc_modem_get_path (g_list_nth_data (modems, 1)), ==, FAKE_MODEM_PATH "2");
  g_assert_cmpstr (mmc_modem_get_path (g_list_nth_data (modems, 2)), ==, FAKE_MODEM_PATH "10");
  g_list_free_full (modems, g_object_unref);
  fake_daemon_remove_modem (f->fake, 10);
  SPIN_UNTIL (f->removed->len == 1);
  g_assert_cmpstr (g_ptr_array_index (f->removed, 0), ==, FAKE_MODEM_PATH "10");

  /* ScanDevices is answered by the fake's Manager skeleton, which has no handler. */
  {
    g_autoptr (GError) error = NULL;

    g_assert_false (mmc_manager_scan_devices_sync (f->manager, NULL, &error));
    g_assert_nonnull (error);
  }
}

static void
test_manager_async (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MmcManager) manager = NULL;
  GList *modems;

  mmc_manager_new (f->connection, NULL, store_result, f);
  SPIN_UNTIL (f->result);
  manager = mmc_manager_new_finish (f->result, &error);
  g_assert_no_error (error);
  modems = mmc_manager_get_modems (manager);
  g_assert_cmpuint (g_list_length (modems), ==, 1);
  g_list_free_full (modems, g_object_unref);
}

static void
test_core_error (Fixture *f, gconstpointer data)
{
  g_autoptr (MmcModem) modem = first_modem (f);
  g_autoptr (GError) error = NULL;

  g_assert_false (mmc_modem_reset_sync (modem, NULL, &error));
  g_assert_error (error, MMC_CORE_ERROR, MMC_CORE_ERROR_UNSUPPORTED);
  g_assert_cmpstr (error->message, ==, "Reset is not supported");
  g_clear_error (&error);

  mmc_modem_reset_async (modem, NULL, store_result, f);
  SPIN_UNTIL (f->result);
  g_assert_true (g_async_result_get_source_object (f->result) == (GObject *)modem);
  g_object_unref (modem); /* the reference get_source_object took */
  g_assert_false (mmc_modem_reset_finish (modem, f->result, &error));
  g_assert_error (error, MMC_CORE_ERROR, MMC_CORE_ERROR_UNSUPPORTED);
}

static void
test_mobile_equipment_error (Fixture *f, gconstpointer data)
{
  g_autoptr (MmcModem) modem = first_modem (f);
  g_autoptr (GError) error = NULL;
  g_autoptr (MmcSim) sim = mmc_modem_get_sim_sync (modem, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (mmc_sim_get_path (sim), ==, FAKE_SIM_PATH);
  g_assert_cmpstr (mmc_sim_get_imsi (sim), ==, "262011234567890");
  g_assert_true (mmc_sim_get_active (sim));
  g_assert_false (mmc_sim_send_pin_sync (sim, "0000", NULL, &error));
  g_assert_error (error, MMC_MOBILE_EQUIPMENT_ERROR, MMC_MOBILE_EQUIPMENT_ERROR_INCORRECT_PASSWORD);
  g_assert_cmpstr (error->message, ==, "Wrong PIN");
  g_clear_error (&error);
  g_assert_true (mmc_sim_send_pin_sync (sim, FAKE_PIN, NULL, &error));
  g_assert_no_error (error);
}

static void
test_unknown_paths (Fixture *f, gconstpointer data)
{
  g_autoptr (MmcModem) modem = first_modem (f);
  g_autoptr (MmcSmsSettings) sms = mmc_sms_settings_new ();
  g_autoptr (MmcConnectSettings) settings = mmc_connect_settings_new ();
  g_autoptr (GError) error = NULL;

  g_assert_null (
    mmc_bearer_new_sync (f->connection, "/org/freedesktop/ModemManager1/Bearer/99", NULL, &error));
  g_assert_error (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_OBJECT);
  g_clear_error (&error);
  g_assert_null (mmc_sim_new_sync (f->connection, "/org/freedesktop/ModemManager1/SIM/99", NULL, &error));
  g_assert_error (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_OBJECT);
  g_clear_error (&error);
  mmc_sms_new (f->connection, "/org/freedesktop/ModemManager1/SMS/99", NULL, store_result, f);
  SPIN_UNTIL (f->result);
  g_assert_null (mmc_sms_new_finish (f->result, &error));
  g_assert_error (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_OBJECT);
  g_clear_error (&error);

  /* The fake exports no Messaging interface. */
  mmc_sms_settings_set_text (sms, "hello");
  g_assert_null (mmc_modem_create_sms_sync (modem, sms, NULL, &error));
  g_assert_error (error, MMC_CORE_ERROR, MMC_CORE_ERROR_UNSUPPORTED);
  g_clear_error (&error);

  /* A modem that went away: its calls fail, nothing else happens. */
  fake_daemon_remove_modem (f->fake, 0);
  SPIN_UNTIL (f->removed->len == 1);
  g_assert_false (mmc_modem_enable_sync (modem, TRUE, NULL, &error));
  g_assert_true (error->domain == G_DBUS_ERROR);
  g_clear_error (&error);
  g_assert_null (mmc_modem_simple_connect_sync (modem, settings, NULL, &error)); /* no interface left */
  g_assert_error (error, MMC_CORE_ERROR, MMC_CORE_ERROR_UNSUPPORTED);
}

/* The fake daemon's connected bearer: its IPv4 configuration, no IPv6. */
static void
assert_fake_ip_config (MmcBearer *bearer)
{
  g_autoptr (MmcBearerIpConfig) config = NULL;
  const char *const *dns;

  g_assert_true (mmc_bearer_get_connected (bearer));
  g_assert_cmpstr (mmc_bearer_get_interface (bearer), ==, "wwan0");
  config = mmc_bearer_get_ipv4_config (bearer);
  g_assert_nonnull (config);
  g_assert_cmpint (mmc_bearer_ip_config_get_method (config), ==, MMC_BEARER_IP_METHOD_STATIC);
  g_assert_cmpstr (mmc_bearer_ip_config_get_address (config), ==, "10.0.0.2");
  g_assert_cmpuint (mmc_bearer_ip_config_get_prefix (config), ==, 24);
  g_assert_cmpstr (mmc_bearer_ip_config_get_gateway (config), ==, "10.0.0.1");
  dns = mmc_bearer_ip_config_get_dns (config);
  g_assert_cmpuint (g_strv_length ((GStrv)dns), ==, 2);
  g_assert_cmpstr (dns[0], ==, "10.0.0.10");
  g_assert_cmpstr (dns[1], ==, "10.0.0.11");
  g_assert_cmpuint (mmc_bearer_ip_config_get_mtu (config), ==, 1500);
  g_assert_null (mmc_bearer_get_ipv6_config (bearer));
}

/* The Bearers property follows; the list makes client objects. */
static void
assert_bearer_listed (Fixture *f, MmcModem *modem)
{
  g_autoptr (GError) error = NULL;
  GList *bearers;

  SPIN_UNTIL (mmc_modem_get_bearer_paths (modem) && mmc_modem_get_bearer_paths (modem)[0]);
  bearers = mmc_modem_list_bearers_sync (modem, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_length (bearers), ==, 1);
  g_assert_cmpstr (mmc_bearer_get_path (bearers->data), ==, FAKE_BEARER_PATH);
  g_list_free_full (bearers, g_object_unref);
  mmc_modem_list_bearers_async (modem, NULL, store_result, f);
  SPIN_UNTIL (f->result);
  bearers = mmc_modem_list_bearers_finish (modem, f->result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_length (bearers), ==, 1);
  g_list_free_full (bearers, g_object_unref);
  g_clear_object (&f->result);
}

static void
assert_last_call (Fixture *f, const char *expected)
{
  g_autofree char *last_call = fake_daemon_dup_last_call (f->fake);

  g_assert_cmpstr (last_call, ==, expected);
}

/* Simple.Connect, asynchronously, with other settings, then
 * Simple.Disconnect of all bearers ("/") and of one. */
static void
check_simple_connect_disconnect (Fixture *f, MmcModem *modem, MmcConnectSettings *settings)
{
  g_autoptr (MmcBearer) connected = NULL;
  g_autoptr (GVariant) received = NULL;
  g_autoptr (GError) error = NULL;
  const char *apn = NULL;

  mmc_connect_settings_set_apn (settings, "other");
  mmc_modem_simple_connect_async (modem, settings, NULL, store_result, f);
  SPIN_UNTIL (f->result);
  connected = mmc_modem_simple_connect_finish (modem, f->result, &error);
  g_assert_no_error (error);
  g_clear_object (&f->result);
  g_assert_cmpstr (mmc_bearer_get_path (connected), ==, FAKE_BEARER_PATH);
  received = fake_daemon_dup_bearer_properties (f->fake);
  g_assert_true (g_variant_lookup (received, "apn", "&s", &apn));
  g_assert_cmpstr (apn, ==, "other");

  g_assert_true (mmc_modem_simple_disconnect_sync (modem, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_last_call (f, "Disconnect /");
  g_assert_true (mmc_modem_simple_disconnect_sync (modem, connected, NULL, &error));
  assert_last_call (f, "Disconnect " FAKE_BEARER_PATH);
}

/* The bearer's own Disconnect and Connect. */
static void
check_bearer_disconnect_connect (Fixture *f, MmcBearer *bearer)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (mmc_bearer_disconnect_sync (bearer, NULL, &error));
  g_assert_no_error (error);
  SPIN_UNTIL (!mmc_bearer_get_connected (bearer));
  mmc_bearer_connect_async (bearer, NULL, store_result, f);
  SPIN_UNTIL (f->result);
  g_assert_true (mmc_bearer_connect_finish (bearer, f->result, &error));
  g_assert_no_error (error);
  SPIN_UNTIL (mmc_bearer_get_connected (bearer));
  assert_last_call (f, "Connect -");
}

static void
test_bearer (Fixture *f, gconstpointer data)
{
  g_autoptr (MmcModem) modem = first_modem (f);
  g_autoptr (MmcConnectSettings) settings = mmc_connect_settings_new ();
  g_autoptr (GVariant) sent = NULL;
  g_autoptr (GVariant) received = NULL;
  g_autoptr (MmcBearer) bearer = NULL;
  g_autoptr (GError) error = NULL;

  mmc_connect_settings_set_apn (settings, "internet");
  mmc_connect_settings_set_ip_type (settings, MMC_BEARER_IP_FAMILY_IPV4);
  mmc_connect_settings_set_allow_roaming (settings, FALSE);
  bearer = mmc_modem_create_bearer_sync (modem, settings, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mmc_bearer_get_path (bearer), ==, FAKE_BEARER_PATH);
  sent = mmc_connect_settings_to_variant (settings);
  received = fake_daemon_dup_bearer_properties (f->fake);
  g_assert_true (g_variant_equal (sent, received));

  assert_fake_ip_config (bearer);
  assert_bearer_listed (f, modem);
  check_simple_connect_disconnect (f, modem, settings);
  check_bearer_disconnect_connect (f, bearer);

  g_assert_true (mmc_modem_delete_bearer_sync (modem, bearer, NULL, &error));
  g_assert_no_error (error);
  assert_last_call (f, "DeleteBearer " FAKE_BEARER_PATH);
}

/* The calls not covered above, each answered and seen by the fake. */
static void
test_other_calls (Fixture *f, gconstpointer data)
{
  g_autoptr (MmcModem) modem = first_modem (f);
  g_autoptr (GError) error = NULL;
  g_autoptr (MmcSim) sim = NULL;
  g_autoptr (MmcSms) sms = NULL;
#define EXPECT_CALL(expr, expected)                                                                          \
  G_STMT_START                                                                                               \
  {                                                                                                          \
    g_autofree char *call_ = NULL;                                                                           \
    g_assert_true (expr);                                                                                    \
    g_assert_no_error (error);                                                                               \
    call_ = fake_daemon_dup_last_call (f->fake);                                                             \
    g_assert_cmpstr (call_, ==, expected);                                                                   \
  }                                                                                                          \
  G_STMT_END

  EXPECT_CALL (mmc_modem_enable_sync (modem, TRUE, NULL, &error), "Enable true");
  SPIN_UNTIL (mmc_modem_get_state (modem) == MMC_MODEM_STATE_ENABLED);
  EXPECT_CALL (mmc_modem_set_power_state_sync (modem, MMC_MODEM_POWER_STATE_ON, NULL, &error),
               "SetPowerState 3");
  SPIN_UNTIL (mmc_modem_get_power_state (modem) == MMC_MODEM_POWER_STATE_ON);

  sim = mmc_sim_new_sync (f->connection, FAKE_SIM_PATH, NULL, &error);
  g_assert_no_error (error);
  EXPECT_CALL (mmc_sim_send_puk_sync (sim, FAKE_PUK, "4321", NULL, &error), "SendPuk 4321");
  EXPECT_CALL (mmc_sim_enable_pin_sync (sim, FAKE_PIN, FALSE, NULL, &error), "EnablePin false");
  EXPECT_CALL (mmc_sim_change_pin_sync (sim, FAKE_PIN, "4321", NULL, &error), "ChangePin 4321");
  g_assert_false (mmc_sim_change_pin_sync (sim, "0000", "4321", NULL, &error));
  g_assert_error (error, MMC_MOBILE_EQUIPMENT_ERROR, MMC_MOBILE_EQUIPMENT_ERROR_INCORRECT_PASSWORD);
  g_clear_error (&error);

  sms = mmc_sms_new_sync (f->connection, FAKE_SMS_PATH, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mmc_sms_get_state (sms), ==, MMC_SMS_STATE_STORED);
  g_assert_cmpstr (mmc_sms_get_text (sms), ==, "hello");
  EXPECT_CALL (mmc_sms_store_sync (sms, MMC_SMS_STORAGE_ME, NULL, &error), "Store 2");
  EXPECT_CALL (mmc_sms_send_sync (sms, NULL, &error), "Send +491701234567");
  SPIN_UNTIL (mmc_sms_get_state (sms) == MMC_SMS_STATE_SENT);
  g_assert_cmpint (mmc_sms_get_storage (sms), ==, MMC_SMS_STORAGE_ME);
#undef EXPECT_CALL
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func)                                                                                      \
  g_test_add ("/client/bus/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("manager", test_manager);
  ADD ("manager-async", test_manager_async);
  ADD ("core-error", test_core_error);
  ADD ("mobile-equipment-error", test_mobile_equipment_error);
  ADD ("unknown-paths", test_unknown_paths);
  ADD ("bearer", test_bearer);
  ADD ("other-calls", test_other_calls);
#undef ADD
  return g_test_run ();
}
