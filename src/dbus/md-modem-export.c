/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Publishes one MdModem as /org/freedesktop/ModemManager1/Modem/N: owns the
 * object skeleton and its interface skeletons, copies the modem's state into
 * them on every change, and turns method calls into core calls. */
#include "md-modem-export-private.h"

#include "md-dbus-gate.h"
#include "md-log.h"
#include "md-skeleton-set.h"

#define MODEM_PATH_PREFIX "/org/freedesktop/ModemManager1/Modem/"

enum {
  HANDLER_CHANGED,
  HANDLER_STATE_CHANGED,
  HANDLER_BEARER_ADDED,
  HANDLER_BEARER_REMOVED,
};

static GVariant *
ports_variant (MdModem *modem)
{
  GVariantBuilder builder;
  guint n_ports = 0;
  const MdModemPort *ports = md_modem_get_ports (modem, &n_ports);

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(su)"));
  for (guint i = 0; i < n_ports; i++)
    g_variant_builder_add (&builder, "(su)", ports[i].name, (guint32)ports[i].type);
  return g_variant_builder_end (&builder);
}

static GVariant *
supported_capabilities_variant (MdModem *modem)
{
  GVariantBuilder builder;
  guint32 caps = md_modem_get_capabilities (modem);

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("au"));
  g_variant_builder_add (&builder, "u", caps ? caps : (guint32)MD_MODEM_CAPABILITY_NONE);
  return g_variant_builder_end (&builder);
}

static GVariant *
modes_variant (const MdModeCombination *modes)
{
  return g_variant_new ("(uu)", modes->allowed, modes->preferred);
}

static GVariant *
supported_modes_variant (MdModem *modem)
{
  GArray *modes = md_modem_get_supported_modes (modem);
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(uu)"));
  for (guint i = 0; i < modes->len; i++) {
    const MdModeCombination *mode = &g_array_index (modes, MdModeCombination, i);

    g_variant_builder_add (&builder, "(uu)", mode->allowed, mode->preferred);
  }
  return g_variant_builder_end (&builder);
}

static GVariant *
unlock_retries_variant (MdModem *modem)
{
  GArray *retries = md_modem_get_unlock_retries (modem);
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{uu}"));
  for (guint i = 0; i < retries->len; i++) {
    const MdUnlockRetry *retry = &g_array_index (retries, MdUnlockRetry, i);

    g_variant_builder_add (&builder, "{uu}", (guint32)retry->lock, retry->retries);
  }
  return g_variant_builder_end (&builder);
}

static void
sync_identity (MdModemExport *self)
{
  const MdModemIdentity *id = md_modem_get_identity (self->modem);
  const char *device_identifier = md_modem_get_device_identifier (self->modem);

  MD_SKELETON_SET_STRING (md_dbus_modem, manufacturer, self->modem_iface,
                          md_modem_get_manufacturer (self->modem));
  MD_SKELETON_SET_STRING (md_dbus_modem, model, self->modem_iface, md_modem_get_model (self->modem));
  MD_SKELETON_SET_STRING (md_dbus_modem, revision, self->modem_iface, id->revision ? id->revision : "");
  MD_SKELETON_SET_STRING (md_dbus_modem, hardware_revision, self->modem_iface,
                          id->hardware_revision ? id->hardware_revision : "");
  MD_SKELETON_SET_STRING (md_dbus_modem, equipment_identifier, self->modem_iface,
                          id->equipment_identifier ? id->equipment_identifier : "");
  MD_SKELETON_SET_STRING (md_dbus_modem, device_identifier, self->modem_iface,
                          device_identifier ? device_identifier : "");
}

static void
sync_bearer_paths (MdModemExport *self)
{
  GPtrArray *bearers = md_modem_get_bearers (self->modem);
  g_autoptr (GPtrArray) paths = g_ptr_array_new ();

  /* A bearer held back from "bearer-added" has no object yet: not listed. */
  for (guint i = 0; i < bearers->len; i++) {
    MdBearerExport *export = g_hash_table_lookup (self->bearer_exports, g_ptr_array_index (bearers, i));

    if (export)
      g_ptr_array_add (paths, (gpointer)md_bearer_export_get_path (export));
  }
  g_ptr_array_add (paths, NULL);
  MD_SKELETON_SET_STRV (md_dbus_modem, bearers, self->modem_iface, (const char *const *)paths->pdata);
}

/* The SIM object is exported while the modem has one. */
static void
sync_sim (MdModemExport *self)
{
  MdSim *sim = md_modem_get_sim (self->modem);

  if (self->sim_export && md_sim_export_get_sim (self->sim_export) != sim)
    g_clear_pointer (&self->sim_export, md_sim_export_free);
  if (sim && !self->sim_export)
    self->sim_export = md_sim_export_new (self->modem, sim, self->object_manager, self->authorizer);
  MD_SKELETON_SET_STRING (md_dbus_modem, sim, self->modem_iface,
                          self->sim_export ? md_sim_export_get_path (self->sim_export) : "/");
}

/* live_only: a MD_MODEM_CHANGE_LIVE change leaves the values built into
 * variants that only their own setters change (ports, supported
 * capabilities, unlock retries, supported modes and bands) as they are. */
static void
sync_modem (MdModemExport *self, gboolean live_only)
{
  MdDbusModem *iface = self->modem_iface;
  MdModem *modem = self->modem;
  const char *primary = md_modem_get_primary_port (modem);
  gboolean recent = FALSE;
  guint quality = md_modem_get_signal_quality (modem, &recent);

  sync_identity (self);
  sync_sim (self);
  sync_bearer_paths (self);
  MD_SKELETON_SET_STRING (md_dbus_modem, device, iface, md_modem_get_uid (modem));
  /* The sysfs device, for modems found in sysfs; a test profile has none. */
  MD_SKELETON_SET_STRING (md_dbus_modem, physdev, iface,
                          g_str_has_prefix (md_modem_get_uid (modem), "/sys/") ? md_modem_get_uid (modem)
                                                                               : "");
  MD_SKELETON_SET_STRV (md_dbus_modem, drivers, iface, md_modem_get_drivers (modem));
  MD_SKELETON_SET_STRING (md_dbus_modem, plugin, iface, md_modem_get_plugin (modem));
  MD_SKELETON_SET_STRING (md_dbus_modem, primary_port, iface, primary ? primary : "");
  if (!live_only) {
    MD_SKELETON_SET_VARIANT (md_dbus_modem, ports, iface, ports_variant (modem));
    MD_SKELETON_SET_VARIANT (md_dbus_modem, supported_capabilities, iface,
                             supported_capabilities_variant (modem));
    MD_SKELETON_SET_VARIANT (md_dbus_modem, unlock_retries, iface, unlock_retries_variant (modem));
    MD_SKELETON_SET_VARIANT (md_dbus_modem, supported_modes, iface, supported_modes_variant (modem));
    MD_SKELETON_SET_VARIANT (md_dbus_modem, supported_bands, iface,
                             md_modem_export_bands_variant (md_modem_get_supported_bands (modem)));
  }
  MD_SKELETON_SET (md_dbus_modem, state, iface, md_modem_get_state (modem));
  MD_SKELETON_SET (md_dbus_modem, state_failed_reason, iface, md_modem_get_failed_reason (modem));
  MD_SKELETON_SET (md_dbus_modem, power_state, iface, md_modem_get_power_state (modem));
  MD_SKELETON_SET (md_dbus_modem, current_capabilities, iface, md_modem_get_capabilities (modem));
  MD_SKELETON_SET (md_dbus_modem, unlock_required, iface, md_modem_get_unlock_required (modem));
  MD_SKELETON_SET (md_dbus_modem, access_technologies, iface, md_modem_get_access_technologies (modem));
  MD_SKELETON_SET_VARIANT (md_dbus_modem, signal_quality, iface, g_variant_new ("(ub)", quality, recent));
  MD_SKELETON_SET_STRV (md_dbus_modem, own_numbers, iface, md_modem_get_own_numbers (modem));
  MD_SKELETON_SET_VARIANT (md_dbus_modem, current_modes, iface,
                           modes_variant (md_modem_get_current_modes (modem)));
  MD_SKELETON_SET_VARIANT (md_dbus_modem, current_bands, iface,
                           md_modem_export_bands_variant (md_modem_get_current_bands (modem)));
  MD_SKELETON_SET (md_dbus_modem, supported_ip_families, iface, md_modem_get_ip_families (modem));
  /* ModemManager 1.20: MaxBearers equals MaxActiveBearers, the bearers that
   * run without multiplexing; multiplexed ones are counted apart. */
  MD_SKELETON_SET (md_dbus_modem, max_bearers, iface,
                   md_modem_get_max_bearers (modem) - md_modem_get_max_multiplexed_bearers (modem));
  MD_SKELETON_SET (md_dbus_modem, max_active_bearers, iface,
                   md_modem_get_max_bearers (modem) - md_modem_get_max_multiplexed_bearers (modem));
  MD_SKELETON_SET (md_dbus_modem, max_active_multiplexed_bearers, iface,
                   md_modem_get_max_multiplexed_bearers (modem));
  md_modem_3gpp_export_sync (self);
  md_signal_export_sync (self);
  md_time_export_sync (self);
  md_location_export_sync (self);
  md_ussd_export_sync (self);
  md_messaging_export_sync (self);
}

/* While bands are unknown (not loaded, or the modem cannot tell),
 * ModemManager publishes one "unknown" band, never an empty list, in the
 * properties and in Simple.GetStatus. */
GVariant *
md_modem_export_bands_variant (GArray *bands)
{
  static const guint32 unknown[] = { MD_MODEM_BAND_UNKNOWN };

  if (!bands || bands->len == 0)
    return g_variant_new_fixed_array (G_VARIANT_TYPE_UINT32, unknown, G_N_ELEMENTS (unknown),
                                      sizeof (guint32));
  return g_variant_new_fixed_array (G_VARIANT_TYPE_UINT32, bands->data, bands->len, sizeof (guint32));
}

/* Values that never change yet: set once, so clients see well-formed
 * properties from the first GetAll. */
static void
init_modem_defaults (MdDbusModem *iface)
{
  static const char *const empty[] = { NULL };

  md_dbus_modem_set_sim_slots (iface, (const char *const *)empty);
  md_dbus_modem_set_carrier_configuration (iface, "");
  md_dbus_modem_set_carrier_configuration_revision (iface, "");
  md_dbus_modem_set_supported_bands (iface, md_modem_export_bands_variant (NULL));
  md_dbus_modem_set_current_bands (iface, md_modem_export_bands_variant (NULL));
}

const char *
md_modem_export_bearer_path (MdModemExport *self, MdBearer *bearer)
{
  MdBearerExport *export = g_hash_table_lookup (self->bearer_exports, bearer);

  return export ? md_bearer_export_get_path (export) : "/";
}

MdBearer *
md_modem_export_find_bearer (MdModemExport *self, const char *path)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->bearer_exports);
  while (g_hash_table_iter_next (&iter, &key, &value)) {
    if (g_strcmp0 (md_bearer_export_get_path (value), path) == 0)
      return key;
  }
  return NULL;
}

static gboolean
deferred_sync (gpointer user_data)
{
  MdModemExport *self = user_data;

  self->deferred_sync_id = 0;
  sync_modem (self, TRUE);
  return G_SOURCE_REMOVE;
}

/* A sync compares every property of every interface and sets those that
 * differ (a few dozen getters and GVariants, 0.16 M instructions). The
 * "changed" that follows a state change is synced once the main loop
 * iteration is over, before any later call is dispatched: State went out
 * with StateChanged, and a reply the state change completes (Connect's)
 * does not wait for the rest. */
static void
modem_changed (MdModem *modem, guint change, gpointer user_data)
{
  MdModemExport *self = user_data;
  gboolean live_only = change == MD_MODEM_CHANGE_LIVE;

  /* md_modem_set_state's own "changed", which is MD_MODEM_CHANGE_LIVE. */
  if (self->state_synced) {
    self->state_synced = FALSE;
    if (!self->deferred_sync_id)
      self->deferred_sync_id = g_idle_add_full (G_PRIORITY_HIGH, deferred_sync, self, NULL);
    return;
  }
  sync_modem (self, live_only);
  /* This sync covers a pending (live) one. */
  g_clear_handle_id (&self->deferred_sync_id, g_source_remove);
}

/* What a state change changes by itself. */
static void
sync_state (MdModemExport *self)
{
  MD_SKELETON_SET (md_dbus_modem, state, self->modem_iface, md_modem_get_state (self->modem));
  MD_SKELETON_SET (md_dbus_modem, state_failed_reason, self->modem_iface,
                   md_modem_get_failed_reason (self->modem));
  MD_SKELETON_SET (md_dbus_modem, power_state, self->modem_iface, md_modem_get_power_state (self->modem));
}

static void
modem_state_changed (MdModem *modem, gint old_state, gint new_state, guint reason, gpointer user_data)
{
  MdModemExport *self = user_data;

  sync_state (self);
  self->state_synced = TRUE;
  /* GDBus queues PropertiesChanged for an idle; ModemManager's clients read
   * State in their StateChanged handler, so the new value goes out first. */
  g_dbus_interface_skeleton_flush (G_DBUS_INTERFACE_SKELETON (self->modem_iface));
  md_dbus_modem_emit_state_changed (self->modem_iface, old_state, new_state, reason);
}

static void
bearer_added (MdModem *modem, MdBearer *bearer, gpointer user_data)
{
  MdModemExport *self = user_data;

  g_hash_table_insert (self->bearer_exports, bearer,
                       md_bearer_export_new (modem, bearer, self->object_manager, self->authorizer));
  sync_bearer_paths (self);
}

static void
bearer_removed (MdModem *modem, MdBearer *bearer, gpointer user_data)
{
  MdModemExport *self = user_data;

  g_hash_table_remove (self->bearer_exports, bearer);
  sync_bearer_paths (self);
}

MdModemExport *
md_modem_export_new (MdModem *modem, GDBusObjectManagerServer *object_manager, MdAuthorizer *authorizer)
{
  MdModemExport *self = g_new0 (MdModemExport, 1);
  GPtrArray *bearers = md_modem_get_bearers (modem);

  self->modem = g_object_ref (modem);
  self->object_manager = g_object_ref (object_manager);
  self->authorizer = md_authorizer_ref (authorizer);
  self->path = g_strdup_printf (MODEM_PATH_PREFIX "%u", md_modem_get_id (modem));
  self->object = md_dbus_object_skeleton_new (self->path);
  self->modem_iface = md_dbus_modem_skeleton_new ();
  self->bearer_exports
    = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, (GDestroyNotify)md_bearer_export_free);
  for (guint i = 0; i < bearers->len; i++)
    bearer_added (modem, g_ptr_array_index (bearers, i), self);

  init_modem_defaults (self->modem_iface);
  md_modem_3gpp_export_init (self);
  md_simple_export_init (self);
  md_signal_export_init (self);
  md_time_export_init (self);
  md_location_export_init (self);
  md_ussd_export_init (self);
  md_firmware_export_init (self);
  md_profile_manager_export_init (self);
  md_messaging_export_init (self);
  sync_modem (self, FALSE);
  md_modem_methods_install (self);
  self->handlers[HANDLER_CHANGED] = g_signal_connect (modem, "changed", G_CALLBACK (modem_changed), self);
  self->handlers[HANDLER_STATE_CHANGED]
    = g_signal_connect (modem, "state-changed", G_CALLBACK (modem_state_changed), self);
  self->handlers[HANDLER_BEARER_ADDED]
    = g_signal_connect (modem, "bearer-added", G_CALLBACK (bearer_added), self);
  self->handlers[HANDLER_BEARER_REMOVED]
    = g_signal_connect (modem, "bearer-removed", G_CALLBACK (bearer_removed), self);

  md_dbus_object_skeleton_set_modem (self->object, self->modem_iface);
  md_dbus_object_skeleton_set_modem_modem3gpp (self->object, self->modem3gpp_iface);
  md_dbus_object_skeleton_set_modem_simple (self->object, self->simple_iface);
  if (self->signal_iface)
    md_dbus_object_skeleton_set_modem_signal (self->object, self->signal_iface);
  if (self->time_iface)
    md_dbus_object_skeleton_set_modem_time (self->object, self->time_iface);
  if (self->location_iface)
    md_dbus_object_skeleton_set_modem_location (self->object, self->location_iface);
  if (self->ussd_iface)
    md_dbus_object_skeleton_set_modem3gpp_ussd (self->object, self->ussd_iface);
  if (self->firmware_iface)
    md_dbus_object_skeleton_set_modem_firmware (self->object, self->firmware_iface);
  if (self->profile_manager_iface)
    md_dbus_object_skeleton_set_modem3gpp_profile_manager (self->object, self->profile_manager_iface);
  g_dbus_object_manager_server_export (object_manager, G_DBUS_OBJECT_SKELETON (self->object));
  md_log_info (md_modem_get_log_name (modem), "exported at %s", self->path);
  return self;
}

const char *
md_modem_export_get_path (MdModemExport *self)
{
  return self->path;
}

MdModem *
md_modem_export_get_modem (MdModemExport *self)
{
  return self->modem;
}

void
md_modem_export_free (MdModemExport *self)
{
  if (!self)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (self->handlers); i++)
    g_clear_signal_handler (&self->handlers[i], self->modem);
  g_clear_handle_id (&self->deferred_sync_id, g_source_remove);
  g_signal_handlers_disconnect_by_data (self->modem_iface, self);
  g_signal_handlers_disconnect_by_data (self->modem3gpp_iface, self);
  g_signal_handlers_disconnect_by_data (self->simple_iface, self);
  md_signal_export_free (self);
  md_time_export_free (self);
  md_location_export_free (self);
  md_ussd_export_free (self);
  md_firmware_export_free (self);
  md_profile_manager_export_free (self);
  g_dbus_object_manager_server_unexport (self->object_manager, self->path);
  g_hash_table_unref (self->bearer_exports);
  md_messaging_export_free (self);
  g_clear_pointer (&self->sim_export, md_sim_export_free);
  md_log_info (md_modem_get_log_name (self->modem), "unexported");
  g_object_unref (self->modem_iface);
  g_object_unref (self->modem3gpp_iface);
  g_object_unref (self->simple_iface);
  g_object_unref (self->object);
  g_object_unref (self->object_manager);
  md_authorizer_unref (self->authorizer);
  g_object_unref (self->modem);
  g_free (self->path);
  g_free (self);
}
