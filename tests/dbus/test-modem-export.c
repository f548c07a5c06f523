/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The Modem and Bearer exports follow the core: each case changes one
 * group of a core modem's (or bearer's) values and checks the skeleton
 * holds the new value, so a group the exports stop syncing fails here.
 * No bus daemon: the skeletons are exported on one end of a socket pair. */
#include "md-modem-export-private.h"

#include <sys/socket.h>

#include "md-errors.h"
#include "md-modem-location.h"
#include "md-modem-signal.h"
#include "md-modem-time.h"
#include "md-modem-ussd.h"

typedef struct {
  GDBusConnection *peer; /* the other end; reads nothing */
  GDBusConnection *connection;
  GDBusObjectManagerServer *object_manager;
  MdAuthorizer *authorizer;
  MdModem *modem;
  MdModemExport *export;
  MdBearer *bearer;
} Fixture;

/* Signal values load at once; the other ops only have to exist for the
 * export to publish their interfaces. */
static void
load_signal_values (MdModem *modem, GTask *task)
{
  MdSignalReport *report = g_new0 (MdSignalReport, 1);

  md_signal_report_clear (report);
  report->tech[MD_SIGNAL_TECH_LTE].rsrp = -95.0;
  g_task_return_pointer (task, report, g_free);
  g_object_unref (task);
}

static void
never_called (MdModem *modem, GTask *task)
{
  g_assert_not_reached ();
}

static const MdModemSignalOps signal_ops = { .load_values = load_signal_values };
static const MdModemTimeOps time_ops = { .load_network_time = never_called };
static const MdModemLocationOps location_ops = { .sources = MD_MODEM_LOCATION_SOURCE_3GPP_LAC_CI };
static void
never_sent (MdModem *modem, const char *text, GTask *task)
{
  g_assert_not_reached ();
}

static const MdModemUssdOps ussd_ops = { .send = never_sent, .cancel = never_called };
static const MdModemOps ops = {
  .signal = &signal_ops,
  .time = &time_ops,
  .location = &location_ops,
  .ussd = &ussd_ops,
};

static void
peer_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Fixture *f = user_data;
  g_autoptr (GError) error = NULL;

  f->peer = g_dbus_connection_new_finish (result, &error);
  g_assert_no_error (error);
}

/* A peer-to-peer D-Bus connection over a socket pair: the server side
 * authenticates in GDBus' worker thread while the client side waits. */
static void
connect_peers (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *guid = g_dbus_generate_guid ();
  g_autoptr (GSocket) server_end = NULL;
  g_autoptr (GSocket) client_end = NULL;
  g_autoptr (GSocketConnection) server = NULL;
  g_autoptr (GSocketConnection) client = NULL;
  int fds[2];

  g_assert_cmpint (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds), ==, 0);
  server_end = g_socket_new_from_fd (fds[0], &error);
  g_assert_no_error (error);
  client_end = g_socket_new_from_fd (fds[1], &error);
  g_assert_no_error (error);
  server = g_socket_connection_factory_create_connection (server_end);
  client = g_socket_connection_factory_create_connection (client_end);
  g_dbus_connection_new (G_IO_STREAM (server), guid, G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_SERVER, NULL,
                         NULL, peer_ready, f);
  f->connection = g_dbus_connection_new_sync (
    G_IO_STREAM (client), NULL, G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT, NULL, NULL, &error);
  g_assert_no_error (error);
  while (!f->peer)
    g_main_context_iteration (NULL, TRUE);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  connect_peers (f);
  f->object_manager = g_dbus_object_manager_server_new ("/org/freedesktop/ModemManager1");
  g_dbus_object_manager_server_set_connection (f->object_manager, f->connection);
  f->authorizer = md_authorizer_new (MD_AUTHORIZER_ALLOW_ALL);
  f->modem = md_modem_new (0, "uid", "test", NULL, &ops);
  f->export = md_modem_export_new (f->modem, f->object_manager, f->authorizer);
  f->bearer = md_bearer_new (7, "[modem0]", md_bearer_settings_new ());
  md_modem_add_bearer (f->modem, f->bearer);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_pointer (&f->export, md_modem_export_free);
  g_clear_object (&f->bearer);
  g_clear_object (&f->modem);
  g_clear_object (&f->object_manager);
  g_clear_pointer (&f->authorizer, md_authorizer_unref);
  g_dbus_connection_close_sync (f->connection, NULL, NULL);
  g_dbus_connection_close_sync (f->peer, NULL, NULL);
  g_clear_object (&f->connection);
  g_clear_object (&f->peer);
}

static MdDbusBearer *
bearer_iface (Fixture *f)
{
  MdBearerExport *export = g_hash_table_lookup (f->export->bearer_exports, f->bearer);

  g_assert_nonnull (export);
  return MD_DBUS_BEARER (md_bearer_export_get_skeleton (export));
}

/* Runs what the change left for the main loop (a signal load completing). */
static void
settle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
enable (MdModem *modem)
{
  md_modem_set_state (modem, MD_MODEM_STATE_DISABLED, MD_MODEM_STATE_CHANGE_REASON_UNKNOWN);
  md_modem_set_state (modem, MD_MODEM_STATE_ENABLED, MD_MODEM_STATE_CHANGE_REASON_USER_REQUESTED);
}

/* Each case: change one group in the core, then check the skeleton. */

static void
change_identity (Fixture *f)
{
  MdModemIdentity *id = g_new0 (MdModemIdentity, 1);

  id->manufacturer = g_strdup ("Sierra");
  id->model = g_strdup ("MC7455");
  id->revision = g_strdup ("SWI9X30C");
  id->hardware_revision = g_strdup ("1.0");
  id->equipment_identifier = g_strdup ("359072060012345");
  md_modem_take_identity (f->modem, id);
}

static gboolean
has_identity (Fixture *f)
{
  MdDbusModem *iface = f->export->modem_iface;

  return g_strcmp0 (md_dbus_modem_get_manufacturer (iface), "Sierra") == 0
         && g_strcmp0 (md_dbus_modem_get_model (iface), "MC7455") == 0
         && g_strcmp0 (md_dbus_modem_get_revision (iface), "SWI9X30C") == 0
         && g_strcmp0 (md_dbus_modem_get_hardware_revision (iface), "1.0") == 0
         && g_strcmp0 (md_dbus_modem_get_equipment_identifier (iface), "359072060012345") == 0
         && g_strcmp0 (md_dbus_modem_get_device_identifier (iface), md_modem_get_device_identifier (f->modem))
              == 0
         && g_strcmp0 (md_dbus_modem_modem3gpp_get_imei (f->export->modem3gpp_iface), "359072060012345") == 0;
}

static void
change_state (Fixture *f)
{
  enable (f->modem);
}

static gboolean
has_state (Fixture *f)
{
  return md_dbus_modem_get_state (f->export->modem_iface) == MD_MODEM_STATE_ENABLED;
}

static void
change_failed (Fixture *f)
{
  md_modem_set_failed (f->modem, MD_MODEM_STATE_FAILED_REASON_SIM_MISSING);
}

static gboolean
has_failed (Fixture *f)
{
  return md_dbus_modem_get_state (f->export->modem_iface) == MD_MODEM_STATE_FAILED
         && md_dbus_modem_get_state_failed_reason (f->export->modem_iface)
              == MD_MODEM_STATE_FAILED_REASON_SIM_MISSING;
}

static void
change_power (Fixture *f)
{
  md_modem_set_power_state (f->modem, MD_MODEM_POWER_STATE_LOW);
}

static gboolean
has_power (Fixture *f)
{
  return md_dbus_modem_get_power_state (f->export->modem_iface) == MD_MODEM_POWER_STATE_LOW;
}

static void
change_capabilities (Fixture *f)
{
  md_modem_set_capabilities (f->modem, MD_MODEM_CAPABILITY_LTE);
}

static gboolean
has_capabilities (Fixture *f)
{
  GVariant *supported = md_dbus_modem_get_supported_capabilities (f->export->modem_iface);
  guint32 first = 0;

  if (supported && g_variant_n_children (supported) == 1)
    g_variant_get_child (supported, 0, "u", &first);
  return md_dbus_modem_get_current_capabilities (f->export->modem_iface) == MD_MODEM_CAPABILITY_LTE
         && first == MD_MODEM_CAPABILITY_LTE;
}

static void
change_unlock (Fixture *f)
{
  GArray *retries = g_array_new (FALSE, FALSE, sizeof (MdUnlockRetry));
  MdUnlockRetry pin = { MD_MODEM_LOCK_SIM_PIN, 3 };

  g_array_append_val (retries, pin);
  md_modem_set_unlock_required (f->modem, MD_MODEM_LOCK_SIM_PIN);
  md_modem_take_unlock_retries (f->modem, retries);
}

static gboolean
has_unlock (Fixture *f)
{
  GVariant *retries = md_dbus_modem_get_unlock_retries (f->export->modem_iface);
  guint32 lock = 0, left = 0;

  if (retries && g_variant_n_children (retries) == 1)
    g_variant_get_child (retries, 0, "{uu}", &lock, &left);
  return md_dbus_modem_get_unlock_required (f->export->modem_iface) == MD_MODEM_LOCK_SIM_PIN
         && lock == MD_MODEM_LOCK_SIM_PIN && left == 3;
}

static void
change_ports (Fixture *f)
{
  md_modem_add_port (f->modem, "cdc-wdm0", MD_MODEM_PORT_TYPE_QMI);
  md_modem_set_primary_port (f->modem, "cdc-wdm0");
}

static gboolean
has_ports (Fixture *f)
{
  GVariant *ports = md_dbus_modem_get_ports (f->export->modem_iface);

  return g_strcmp0 (md_dbus_modem_get_primary_port (f->export->modem_iface), "cdc-wdm0") == 0 && ports
         && g_variant_n_children (ports) == 1;
}

static void
change_sim (Fixture *f)
{
  g_autoptr (MdSim) sim = md_sim_new (3, "[modem0]");

  md_modem_set_sim (f->modem, sim);
}

static gboolean
has_sim (Fixture *f)
{
  return g_str_has_prefix (md_dbus_modem_get_sim (f->export->modem_iface),
                           "/org/freedesktop/ModemManager1/SIM/");
}

static void
change_bearers (Fixture *f)
{
  md_modem_remove_bearer (f->modem, f->bearer);
}

static gboolean
has_bearers (Fixture *f)
{
  const char *const *paths = md_dbus_modem_get_bearers (f->export->modem_iface);

  return paths && g_strv_length ((char **)paths) == 0;
}

static void
change_access (Fixture *f)
{
  md_modem_set_access_technologies (f->modem, MD_MODEM_ACCESS_TECHNOLOGY_LTE);
  md_modem_set_signal_quality (f->modem, 61, TRUE);
}

static gboolean
has_access (Fixture *f)
{
  GVariant *quality = md_dbus_modem_get_signal_quality (f->export->modem_iface);
  guint value = 0;
  gboolean recent = FALSE;

  if (quality)
    g_variant_get (quality, "(ub)", &value, &recent);
  return md_dbus_modem_get_access_technologies (f->export->modem_iface) == MD_MODEM_ACCESS_TECHNOLOGY_LTE
         && value == 61 && recent;
}

static void
change_numbers (Fixture *f)
{
  md_modem_take_own_numbers (f->modem, g_strsplit ("+15551234567", ",", -1));
}

static gboolean
has_numbers (Fixture *f)
{
  const char *const *numbers = md_dbus_modem_get_own_numbers (f->export->modem_iface);

  return numbers && g_strv_length ((char **)numbers) == 1 && g_strcmp0 (numbers[0], "+15551234567") == 0;
}

static void
change_modes (Fixture *f)
{
  GArray *modes = g_array_new (FALSE, FALSE, sizeof (MdModeCombination));
  MdModeCombination lte = { MD_MODEM_MODE_4G, MD_MODEM_MODE_NONE };

  g_array_append_val (modes, lte);
  md_modem_take_supported_modes (f->modem, modes);
  md_modem_set_current_modes (f->modem, &lte);
}

static gboolean
has_modes (Fixture *f)
{
  GVariant *supported = md_dbus_modem_get_supported_modes (f->export->modem_iface);
  GVariant *current = md_dbus_modem_get_current_modes (f->export->modem_iface);
  guint32 allowed = 0, preferred = 1;

  if (current)
    g_variant_get (current, "(uu)", &allowed, &preferred);
  return supported && g_variant_n_children (supported) == 1 && allowed == MD_MODEM_MODE_4G
         && preferred == MD_MODEM_MODE_NONE;
}

static void
change_bands (Fixture *f)
{
  GArray *bands = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint32 band = MD_MODEM_BAND_EUTRAN_3;

  g_array_append_val (bands, band);
  md_modem_set_current_bands (f->modem, bands);
  md_modem_take_supported_bands (f->modem, bands);
}

static gboolean
has_bands (Fixture *f)
{
  GVariant *bands[] = { md_dbus_modem_get_supported_bands (f->export->modem_iface),
                        md_dbus_modem_get_current_bands (f->export->modem_iface) };

  for (guint i = 0; i < G_N_ELEMENTS (bands); i++) {
    guint32 band = 0;

    if (!bands[i] || g_variant_n_children (bands[i]) != 1)
      return FALSE;
    g_variant_get_child (bands[i], 0, "u", &band);
    if (band != MD_MODEM_BAND_EUTRAN_3)
      return FALSE;
  }
  return TRUE;
}

static void
change_bearer_limits (Fixture *f)
{
  md_modem_set_ip_families (f->modem, MD_BEARER_IP_FAMILY_IPV4 | MD_BEARER_IP_FAMILY_IPV6);
  md_modem_set_max_bearers (f->modem, 4);
  md_modem_set_max_multiplexed_bearers (f->modem, 3);
}

static gboolean
has_bearer_limits (Fixture *f)
{
  MdDbusModem *iface = f->export->modem_iface;

  return md_dbus_modem_get_supported_ip_families (iface)
           == (MD_BEARER_IP_FAMILY_IPV4 | MD_BEARER_IP_FAMILY_IPV6)
         && md_dbus_modem_get_max_bearers (iface) == 1 && md_dbus_modem_get_max_active_bearers (iface) == 1
         && md_dbus_modem_get_max_active_multiplexed_bearers (iface) == 3;
}

static void
change_registration (Fixture *f)
{
  enable (f->modem);
  md_modem_update_registration (f->modem, MD_REG_DOMAIN_EPS, MD_MODEM_3GPP_REGISTRATION_STATE_HOME, NULL,
                                MD_MODEM_ACCESS_TECHNOLOGY_LTE);
  md_modem_set_operator (f->modem, "26201", "Telekom");
  md_modem_set_facility_locks (f->modem, MD_MODEM_3GPP_FACILITY_SIM);
  md_modem_set_eps_ue_mode (f->modem, MD_MODEM_3GPP_EPS_UE_MODE_OPERATION_CSPS_2);
}

static gboolean
has_registration (Fixture *f)
{
  MdDbusModemModem3gpp *iface = f->export->modem3gpp_iface;

  return md_dbus_modem_modem3gpp_get_registration_state (iface) == MD_MODEM_3GPP_REGISTRATION_STATE_HOME
         && md_dbus_modem_modem3gpp_get_packet_service_state (iface)
              == md_modem_get_packet_service_state (f->modem)
         && md_modem_get_packet_service_state (f->modem) != MD_MODEM_3GPP_PACKET_SERVICE_STATE_UNKNOWN
         && g_strcmp0 (md_dbus_modem_modem3gpp_get_operator_code (iface), "26201") == 0
         && g_strcmp0 (md_dbus_modem_modem3gpp_get_operator_name (iface), "Telekom") == 0
         && md_dbus_modem_modem3gpp_get_enabled_facility_locks (iface) == MD_MODEM_3GPP_FACILITY_SIM
         && md_dbus_modem_modem3gpp_get_eps_ue_mode_operation (iface)
              == MD_MODEM_3GPP_EPS_UE_MODE_OPERATION_CSPS_2;
}

static void
change_signal (Fixture *f)
{
  enable (f->modem);
  md_modem_signal_setup (f->modem, 5);
}

static gboolean
has_signal (Fixture *f)
{
  GVariant *lte = md_dbus_modem_signal_get_lte (f->export->signal_iface);
  double rsrp = 0;

  return md_dbus_modem_signal_get_rate (f->export->signal_iface) == 5 && lte
         && g_variant_lookup (lte, "rsrp", "d", &rsrp) && rsrp == -95.0;
}

static void
change_timezone (Fixture *f)
{
  MdNetworkTimezone zone = { .known = TRUE, .offset = 60 };

  md_modem_set_network_timezone (f->modem, &zone);
}

static gboolean
has_timezone (Fixture *f)
{
  GVariant *zone = md_dbus_modem_time_get_network_timezone (f->export->time_iface);
  gint32 offset = 0;

  return zone && g_variant_lookup (zone, "offset", "i", &offset) && offset == 60;
}

static void
change_location (Fixture *f)
{
  md_modem_location_setup (f->modem, MD_MODEM_LOCATION_SOURCE_NONE, TRUE);
}

static gboolean
has_location (Fixture *f)
{
  return md_dbus_modem_location_get_enabled (f->export->location_iface) == MD_MODEM_LOCATION_SOURCE_NONE
         && md_dbus_modem_location_get_signals_location (f->export->location_iface);
}

static void
change_ussd (Fixture *f)
{
  md_modem_ussd_report (f->modem, MD_USSD_REPORT_ACTION_REQUIRED, "Reply 1 for balance");
}

static gboolean
has_ussd (Fixture *f)
{
  MdDbusModem3gppUssd *iface = f->export->ussd_iface;

  return md_dbus_modem3gpp_ussd_get_state (iface) == md_modem_ussd_get_state (f->modem)
         && md_modem_ussd_get_state (f->modem) != MD_MODEM_3GPP_USSD_SESSION_STATE_IDLE
         && g_strcmp0 (md_dbus_modem3gpp_ussd_get_network_request (iface), "Reply 1 for balance") == 0;
}

static void
change_bearer_connected (Fixture *f)
{
  MdIpConfig *ip4 = md_ip_config_new (MD_BEARER_IP_METHOD_STATIC);

  ip4->address = g_strdup ("10.0.0.2");
  ip4->prefix = 24;
  md_bearer_set_profile_id (f->bearer, 2);
  md_bearer_set_multiplexed (f->bearer, TRUE);
  md_bearer_set_connected (f->bearer, "wwan0", ip4, NULL);
}

static gboolean
has_bearer_connected (Fixture *f)
{
  MdDbusBearer *iface = bearer_iface (f);
  GVariant *ip4 = md_dbus_bearer_get_ip4_config (iface);
  GVariant *stats = md_dbus_bearer_get_stats (iface);
  const char *address = NULL;
  guint32 attempts = 1;

  return md_dbus_bearer_get_connected (iface) && md_dbus_bearer_get_multiplexed (iface)
         && g_strcmp0 (md_dbus_bearer_get_interface (iface), "wwan0") == 0
         && md_dbus_bearer_get_profile_id (iface) == 2 && ip4
         && g_variant_lookup (ip4, "address", "&s", &address) && g_strcmp0 (address, "10.0.0.2") == 0 && stats
         && g_variant_lookup (stats, "attempts", "u", &attempts) && attempts == 0;
}

/* A traffic report changes the stats alone (MD_BEARER_CHANGE_STATS): the
 * first after a connection is the baseline, the second counts. */
static void
change_bearer_traffic (Fixture *f)
{
  md_bearer_set_connected (f->bearer, "wwan0", NULL, NULL);
  md_bearer_update_traffic (f->bearer, 5000, 7000);
  md_bearer_update_traffic (f->bearer, 6500, 7200);
}

static gboolean
has_bearer_traffic (Fixture *f)
{
  MdDbusBearer *iface = bearer_iface (f);
  GVariant *stats = md_dbus_bearer_get_stats (iface);
  GVariant *properties = md_dbus_bearer_get_properties (iface);
  guint64 rx = 0, tx = 0;
  gint32 profile_id = 0;

  /* The settings published at the export stay. */
  return md_dbus_bearer_get_connected (iface) && stats && g_variant_lookup (stats, "rx-bytes", "t", &rx)
         && g_variant_lookup (stats, "tx-bytes", "t", &tx) && rx == 1500 && tx == 200 && properties
         && g_variant_lookup (properties, "profile-id", "i", &profile_id) && profile_id == -1;
}

static void
change_bearer_failed (Fixture *f)
{
  g_autoptr (GError) error = g_error_new_literal (MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "no carrier");

  md_bearer_note_attempt (f->bearer);
  md_bearer_set_disconnected (f->bearer, error);
}

static gboolean
has_bearer_failed (Fixture *f)
{
  MdDbusBearer *iface = bearer_iface (f);
  GVariant *error = md_dbus_bearer_get_connection_error (iface);
  GVariant *stats = md_dbus_bearer_get_stats (iface);
  const char *message = NULL;
  guint32 attempts = 0;

  if (error)
    g_variant_get (error, "(&s&s)", NULL, &message);
  return g_strcmp0 (message, "no carrier") == 0 && stats
         && g_variant_lookup (stats, "attempts", "u", &attempts) && attempts == 1;
}

typedef struct {
  const char *name;
  void (*change) (Fixture *f);
  gboolean (*follows) (Fixture *f);
} Case;

static const Case cases[] = {
  { "identity", change_identity, has_identity },
  { "state", change_state, has_state },
  { "failed", change_failed, has_failed },
  { "power", change_power, has_power },
  { "capabilities", change_capabilities, has_capabilities },
  { "unlock", change_unlock, has_unlock },
  { "ports", change_ports, has_ports },
  { "sim", change_sim, has_sim },
  { "bearers", change_bearers, has_bearers },
  { "access-signal-quality", change_access, has_access },
  { "own-numbers", change_numbers, has_numbers },
  { "modes", change_modes, has_modes },
  { "bands", change_bands, has_bands },
  { "bearer-limits", change_bearer_limits, has_bearer_limits },
  { "3gpp", change_registration, has_registration },
  { "signal", change_signal, has_signal },
  { "time", change_timezone, has_timezone },
  { "location", change_location, has_location },
  { "ussd", change_ussd, has_ussd },
  { "bearer-connected", change_bearer_connected, has_bearer_connected },
  { "bearer-failed", change_bearer_failed, has_bearer_failed },
  { "bearer-traffic", change_bearer_traffic, has_bearer_traffic },
};

static void
test_follows (Fixture *f, gconstpointer data)
{
  const Case *c = data;

  /* The case must change something the export did not publish yet. */
  g_assert_false (c->follows (f));
  c->change (f);
  settle ();
  g_assert_true (c->follows (f));
}

/* A connection change is on the skeleton at once (the modem's StateChanged
 * may follow in the same iteration); its Stats once the iteration is over. */
static void
test_bearer_connection_at_once (Fixture *f, gconstpointer data)
{
  MdDbusBearer *iface = bearer_iface (f);
  guint64 start_date = 0;

  settle ();
  md_bearer_set_connected (f->bearer, "wwan0", NULL, NULL);
  g_assert_true (md_dbus_bearer_get_connected (iface));
  g_assert_cmpstr (md_dbus_bearer_get_interface (iface), ==, "wwan0");
  g_assert_true (g_variant_lookup (md_dbus_bearer_get_stats (iface), "start-date", "t", &start_date));
  g_assert_cmpuint (start_date, ==, 0);
  settle ();
  g_assert_true (g_variant_lookup (md_dbus_bearer_get_stats (iface), "start-date", "t", &start_date));
  g_assert_cmpuint (start_date, >, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autofree char *path = g_strdup_printf ("/modem-export/follows/%s", cases[i].name);

    g_test_add (path, Fixture, &cases[i], fixture_set_up, test_follows, fixture_tear_down);
  }
  g_test_add ("/modem-export/bearer-connection-at-once", Fixture, NULL, fixture_set_up,
              test_bearer_connection_at_once, fixture_tear_down);
  return g_test_run ();
}
