/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The Manager object: exports the Manager and Test interfaces, keeps the list
 * of modems with their never-reused indexes (which modem owns each port:
 * md-manager-port-owners.c), and builds a modem from a plugin, initializes
 * it and exports it once its primary port is known. */
#include "manager-private.h"

#include "dbus-errors.h"
#include "md-config.h"
#include "md-dbus-gate.h"
#include "md-dbus-generated.h"
#include "md-errors.h"
#include "md-log.h"
#include "md-modem-export.h"
#include "md-modem-init.h"
#include "md-modem-connect.h"
#include "md-modem-poll.h"
#include "md-object-ids.h"
#include "md-request-profile.h"
#include "md-standalone-export.h"
#include "plugin-api.h"

#define MANAGER_PATH "/org/freedesktop/ModemManager1"

/* --- modems -------------------------------------------------------------- */

static gboolean
uid_in_use (MdManager *self, const char *uid)
{
  GHashTableIter iter;
  gpointer value;

  if (g_hash_table_contains (self->pending_uids, uid))
    return TRUE;
  g_hash_table_iter_init (&iter, self->modems);
  while (g_hash_table_iter_next (&iter, NULL, &value)) {
    if (g_strcmp0 (md_modem_get_uid (md_modem_export_get_modem (value)), uid) == 0)
      return TRUE;
  }
  return FALSE;
}

/* Test.SetProfile's port specs: each names a device once, and none is used
 * by another modem (a profile's or a discovered one's). */
static gboolean
claim_ports (MdManager *self, const char *uid, const char *const *ports, GError **error)
{
  g_autoptr (GPtrArray) devices = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; ports[i]; i++) {
    MdModemPortType type;
    char *device = NULL;

    if (!md_port_spec_parse (ports[i], &type, &device, error))
      return FALSE;
    for (guint j = 0; j < devices->len; j++) {
      if (g_str_equal (g_ptr_array_index (devices, j), device)) {
        g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS, "Port '%s' is given twice", device);
        g_free (device);
        return FALSE;
      }
    }
    g_ptr_array_add (devices, device);
  }
  g_ptr_array_add (devices, NULL);
  return md_manager_claim_ports (self, uid, (const char *const *)devices->pdata, error);
}

typedef struct {
  MdManager *manager;
  MdModem *modem;
} VanishedModem;

static gboolean
remove_vanished_modem (gpointer user_data)
{
  VanishedModem *gone = user_data;

  /* A creation for the same device started since (a rebuild) holds them. */
  if (!g_hash_table_contains (gone->manager->pending_uids, md_modem_get_uid (gone->modem)))
    md_manager_release_ports (gone->manager, md_modem_get_uid (gone->modem));
  md_connection_dispatcher_unwatch (gone->manager->dispatcher, gone->modem);
  g_hash_table_remove (gone->manager->modems, GUINT_TO_POINTER (md_modem_get_id (gone->modem)));
  g_object_unref (gone->modem);
  g_free (gone);
  return G_SOURCE_REMOVE;
}

static void
modem_vanished (MdModem *modem, gpointer user_data)
{
  VanishedModem *gone = g_new0 (VanishedModem, 1);

  /* Unexporting drops the last references to the modem and its ports: do it
   * from an idle, not inside the port's own "closed" emission. */
  g_signal_handlers_disconnect_by_data (modem, user_data);
  gone->manager = user_data;
  gone->modem = g_object_ref (modem);
  g_idle_add (remove_vanished_modem, gone);
  /* Queued after the removal, so the new modem finds the ports released. */
  if (md_modem_rebuild_requested (modem))
    md_manager_discovery_rebuild (gone->manager, modem);
}

static void
add_modem (MdManager *self, MdModem *modem)
{
  MdModemExport *export = md_modem_export_new (modem, self->object_manager, self->authorizer);

  g_hash_table_insert (self->modems, GUINT_TO_POINTER (md_modem_get_id (modem)), export);
  g_signal_connect (modem, "vanished", G_CALLBACK (modem_vanished), self);
  md_connection_dispatcher_watch (self->dispatcher, modem);
}

/* --- creating a modem: plugin, device facts, initialization, export ------ */

typedef struct {
  MdManager *manager;
  const MdPlugin *plugin;
  guint modem_id;
  char *uid;
  GStrv drivers;
  guint16 vendor_id;
  guint16 product_id;
  char *manufacturer;
  char *product;
  GCancellable *cancellable;
  MdPluginSettings settings; /* the configuration's, or without proxies (no_proxy) */
  MdModemCreatedFn done;
  gpointer user_data;
} CreateCall;

static void
create_call_finish (CreateCall *call, MdModem *modem, GError *error)
{
  g_hash_table_remove (call->manager->pending_uids, call->uid);
  if (modem)
    add_modem (call->manager, modem);
  call->done (call->manager, modem, error, call->user_data);
  g_clear_error (&error);
  g_free (call->uid);
  g_strfreev (call->drivers);
  g_free (call->manufacturer);
  g_free (call->product);
  g_clear_object (&call->cancellable);
  g_free (call);
}

static void
initialize_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CreateCall *call = user_data;
  g_autoptr (MdModem) modem = MD_MODEM (source);
  GError *error = NULL;

  if (!md_modem_initialize_finish (modem, result, &error) || md_modem_has_vanished (modem)) {
    /* It asked to be rebuilt while initializing: the device is still there. */
    if (md_modem_rebuild_requested (modem)) {
      g_clear_error (&error);
      error = g_error_new (MD_CORE_ERROR, MD_CORE_ERROR_RETRY, "The modem asked to be built again");
    }
    if (!error)
      error = g_error_new (MD_CORE_ERROR, MD_CORE_ERROR_ABORTED, "The device vanished");
    g_prefix_error (&error, "Modem %s not created: ", call->uid);
    create_call_finish (call, NULL, error);
    return;
  }
  create_call_finish (call, modem, NULL);
}

static void
probed_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CreateCall *call = user_data;
  GError *error = NULL;
  g_autoptr (GPtrArray) probed = md_ports_probe_finish (result, &error);
  MdPluginDevice device = {
    .uid = call->uid,
    .ports = probed,
    .drivers = (const char *const *)call->drivers,
    .vendor_id = call->vendor_id,
    .product_id = call->product_id,
  };
  MdModem *modem = NULL;

  if (probed)
    modem = call->plugin->create (call->modem_id, &device, &call->settings, &error);
  if (!modem && !error)
    error = g_error_new (MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "Plugin %s built no modem", call->plugin->name);
  if (!modem) {
    create_call_finish (call, NULL, error);
    return;
  }
  /* The physical device's facts, before initialization reads them. */
  if (call->vendor_id || call->product_id)
    md_modem_set_device_ids (modem, call->vendor_id, call->product_id);
  if (call->manufacturer || call->product)
    md_modem_set_device_names (modem, call->manufacturer, call->product);
  md_modem_poll_set_interval (modem, call->manager->config->poll_interval_s);
  md_modem_set_registration_timeout (modem, call->manager->config->registration_timeout_s);
  md_modem_initialize_async (modem, call->cancellable, initialize_ready, call);
}

void
md_manager_create_modem (MdManager *self, const MdModemRequest *request, MdModemCreatedFn done,
                         gpointer user_data)
{
  CreateCall *call = g_new0 (CreateCall, 1);

  call->manager = self;
  call->plugin = request->plugin;
  call->modem_id = md_object_id_next (MD_OBJECT_MODEM);
  call->uid = g_strdup (request->device->uid);
  call->drivers = g_strdupv ((char **)request->device->drivers);
  call->vendor_id = request->device->vendor_id;
  call->product_id = request->device->product_id;
  call->manufacturer = g_strdup (request->manufacturer);
  call->product = g_strdup (request->product);
  call->cancellable = g_object_ref (request->cancellable ? request->cancellable : self->cancellable);
  call->settings = md_manager_plugin_settings (self, request->no_proxy);
  call->done = done;
  call->user_data = user_data;
  g_hash_table_add (self->pending_uids, g_strdup (call->uid));
  md_ports_probe_async (request->ports, request->n_ports, &call->settings, call->cancellable, probed_ready,
                        call);
}

MdPluginSettings
md_manager_plugin_settings (MdManager *self, gboolean no_proxy)
{
  MdPluginSettings settings = self->config->plugins;

  if (no_proxy) {
    settings.mbim_use_proxy = FALSE;
    settings.qmi_use_proxy = FALSE;
  }
  return settings;
}

MdModem *
md_manager_lookup_modem (MdManager *self, guint modem_id)
{
  MdModemExport *export = g_hash_table_lookup (self->modems, GUINT_TO_POINTER (modem_id));

  return export ? md_modem_export_get_modem (export) : NULL;
}

/* --- Test.SetProfile -------------------------------------------------------- */

typedef struct {
  GDBusMethodInvocation *invocation;
  char *uid;
} ProfileRequest;

static void
profile_created (MdManager *self, MdModem *modem, const GError *error, gpointer user_data)
{
  ProfileRequest *req = user_data;

  if (error) {
    md_manager_release_ports (self, req->uid);
    g_dbus_method_invocation_return_gerror (req->invocation, error);
  } else
    md_dbus_test_complete_set_profile (self->test_iface, req->invocation);
  g_free (req->uid);
  g_free (req);
}

static gboolean
validate_profile (MdManager *self, const char *uid, const char *plugin_name, const char *const *ports,
                  const MdPlugin **out_plugin, GError **error)
{
  g_autofree char *uid_for_id = NULL;

  if (!md_request_check_profile (uid, plugin_name, ports, error))
    return FALSE;
  uid_for_id = g_strdup_printf ("/virtual/%s", uid);
  *out_plugin = md_plugin_find (plugin_name);
  if (!*out_plugin) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_NOT_FOUND, "Requested plugin '%s' not found",
                 plugin_name);
    return FALSE;
  }
  if (uid_in_use (self, uid_for_id)) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_EXISTS, "A modem with id '%s' already exists", uid);
    return FALSE;
  }
  return TRUE;
}

/* The profile's port strings as plugin ports; strings keeps what they point
 * to. Already validated by claim_ports. */
static GArray *
profile_ports (const char *const *specs, GPtrArray *strings)
{
  GArray *ports = g_array_new (FALSE, TRUE, sizeof (MdPortToProbe));

  for (guint i = 0; specs[i]; i++) {
    MdPortToProbe port = { 0 };
    char *device = NULL;

    if (!md_port_spec_parse (specs[i], &port.type, &device, NULL))
      continue;
    g_ptr_array_add (strings, device);
    port.device = device;
    port.name = md_port_spec_name (port.type, device);
    g_ptr_array_add (strings, (char *)port.name);
    g_array_append_val (ports, port);
  }
  return ports;
}

static gboolean
handle_set_profile (MdDbusTest *iface, GDBusMethodInvocation *invocation, const char *id,
                    const char *plugin_name, const char *const *ports, gpointer user_data)
{
  MdManager *self = user_data;
  const MdPlugin *plugin = NULL;
  GError *error = NULL;
  ProfileRequest *req;
  g_autoptr (GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) plugin_ports = NULL;
  /* As ModemManager names test devices: clients show the same Device and
   * Drivers for a profile on either daemon. */
  g_autofree char *uid = g_strdup_printf ("/virtual/%s", id ? id : "");
  MdPluginDevice device = { .uid = uid, .drivers = (const char *const[]){ "virtual", NULL } };

  if (!validate_profile (self, id, plugin_name, ports, &plugin, &error)
      || !claim_ports (self, uid, ports, &error)) {
    g_dbus_method_invocation_take_error (invocation, error);
    return TRUE;
  }
  md_log_info (NULL, "Test profile '%s': plugin '%s', %u port(s)", id, plugin->name,
               g_strv_length ((char **)ports));
  plugin_ports = profile_ports (ports, strings);
  req = g_new0 (ProfileRequest, 1);
  req->invocation = invocation;
  req->uid = g_strdup (uid);
  md_manager_create_modem (self,
                           &(MdModemRequest){ .plugin = plugin,
                                              .device = &device,
                                              .ports = (const MdPortToProbe *)plugin_ports->data,
                                              .n_ports = plugin_ports->len },
                           profile_created, req);
  return TRUE;
}

/* --- Manager interface --------------------------------------------------- */

static gboolean
handle_set_logging (MdDbusManager *iface, GDBusMethodInvocation *invocation, const char *level,
                    gpointer user_data)
{
  MdLogLevel new_level;
  GError *error = NULL;

  if (!md_log_level_from_string (level, &new_level, &error)) {
    g_dbus_method_invocation_take_error (invocation, error);
    return TRUE;
  }
  md_log_set_level (new_level);
  md_log_info (NULL, "log level set to %s", md_log_level_to_string (new_level));
  md_dbus_manager_complete_set_logging (iface, invocation);
  return TRUE;
}

static gboolean
handle_scan_devices (MdDbusManager *iface, GDBusMethodInvocation *invocation, gpointer user_data)
{
  MdManager *self = user_data;

  md_log_info (NULL, "scanning for devices");
  md_manager_discovery_scan (self);
  md_dbus_manager_complete_scan_devices (iface, invocation);
  return TRUE;
}

static gboolean
handle_report_kernel_event (MdDbusManager *iface, GDBusMethodInvocation *invocation, GVariant *properties,
                            gpointer user_data)
{
  MdManager *self = user_data;
  GError *error = NULL;

  if (!md_manager_discovery_report (self, properties, &error))
    g_dbus_method_invocation_take_error (invocation, error);
  else
    md_dbus_manager_complete_report_kernel_event (iface, invocation);
  return TRUE;
}

static gboolean
export_interfaces (MdManager *self, gboolean test_enable, GError **error)
{
  self->manager_iface = md_dbus_manager_skeleton_new ();
  md_dbus_manager_set_version (self->manager_iface, MD_VERSION);
  md_dbus_gate_install (G_DBUS_INTERFACE_SKELETON (self->manager_iface), self->authorizer);
  g_signal_connect (self->manager_iface, "handle-set-logging", G_CALLBACK (handle_set_logging), self);
  g_signal_connect (self->manager_iface, "handle-scan-devices", G_CALLBACK (handle_scan_devices), self);
  g_signal_connect (self->manager_iface, "handle-report-kernel-event",
                    G_CALLBACK (handle_report_kernel_event), self);
  if (!g_dbus_interface_skeleton_export (G_DBUS_INTERFACE_SKELETON (self->manager_iface), self->connection,
                                         MANAGER_PATH, error))
    return FALSE;
  if (!test_enable)
    return TRUE;
  self->test_iface = md_dbus_test_skeleton_new ();
  md_dbus_gate_install (G_DBUS_INTERFACE_SKELETON (self->test_iface), self->authorizer);
  g_signal_connect (self->test_iface, "handle-set-profile", G_CALLBACK (handle_set_profile), self);
  return g_dbus_interface_skeleton_export (G_DBUS_INTERFACE_SKELETON (self->test_iface), self->connection,
                                           MANAGER_PATH, error);
}

MdManager *
md_manager_new (GDBusConnection *connection, const MdDaemonConfig *config, GError **error)
{
  g_autoptr (MdManager) self = g_new0 (MdManager, 1);

  md_dbus_errors_register ();
  md_standalone_prepare_classes ();
  self->connection = g_object_ref (connection);
  self->config = config;
  self->authorizer = md_authorizer_ref (config->authorizer);
  self->cancellable = g_cancellable_new ();
  self->modems
    = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, (GDestroyNotify)md_modem_export_free);
  self->pending_uids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->port_owners = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->dispatcher
    = md_connection_dispatcher_new ((const char *const *)config->connection_dispatcher_folders);
  self->object_manager = g_dbus_object_manager_server_new (MANAGER_PATH);
  g_dbus_object_manager_server_set_connection (self->object_manager, connection);
  if (!export_interfaces (self, config->test_enable, error) || !md_manager_discovery_start (self, error))
    return NULL;
  md_manager_sleep_start (self);
  return g_steal_pointer (&self);
}

void
md_manager_free (MdManager *self)
{
  if (!self)
    return;
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  md_manager_sleep_stop (self);
  md_manager_discovery_stop (self);
  if (self->modems) {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, self->modems);
    while (g_hash_table_iter_next (&iter, NULL, &value)) {
      g_signal_handlers_disconnect_by_data (md_modem_export_get_modem (value), self);
      md_connection_dispatcher_unwatch (self->dispatcher, md_modem_export_get_modem (value));
    }
    g_hash_table_unref (self->modems);
  }
  g_clear_pointer (&self->dispatcher, md_connection_dispatcher_free);
  g_clear_pointer (&self->pending_uids, g_hash_table_unref);
  g_clear_pointer (&self->port_owners, g_hash_table_unref);
  if (self->test_iface)
    g_dbus_interface_skeleton_unexport (G_DBUS_INTERFACE_SKELETON (self->test_iface));
  if (self->manager_iface)
    g_dbus_interface_skeleton_unexport (G_DBUS_INTERFACE_SKELETON (self->manager_iface));
  g_clear_object (&self->test_iface);
  g_clear_object (&self->manager_iface);
  if (self->object_manager)
    g_dbus_object_manager_server_set_connection (self->object_manager, NULL);
  g_clear_object (&self->object_manager);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->connection);
  g_clear_pointer (&self->authorizer, md_authorizer_unref);
  g_free (self);
}
