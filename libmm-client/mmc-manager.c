/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* MmcManager: a GDBusObjectManagerClient on the daemon's ObjectManager,
 * whose proxy types are ours (MmcModem for modems), plus the Manager
 * interface for ScanDevices. It turns the object manager's object signals
 * into modem-added / modem-removed. */
#include "mmc-private.h"

/**
 * MmcManager:
 *
 * The modems the daemon exports, followed as they come and go. Signals are
 * emitted in the thread-default main context the manager was created in.
 */
struct _MmcManager {
  GObject parent;
  GDBusObjectManager *object_manager;
  MmcGdbusManager *manager_iface;
};

G_DEFINE_TYPE (MmcManager, mmc_manager, G_TYPE_OBJECT)

enum { SIGNAL_MODEM_ADDED, SIGNAL_MODEM_REMOVED, N_SIGNALS };

static guint signals[N_SIGNALS];

/* Our classes for the interfaces that have one; generated proxies for the
 * rest, so every interface of an object is reachable. */
static GType
proxy_type (GDBusObjectManagerClient *manager, const char *path, const char *interface, gpointer user_data)
{
  if (g_strcmp0 (interface, MMC_IFACE_MODEM) == 0)
    return MMC_TYPE_MODEM;
  if (g_strcmp0 (interface, MMC_IFACE_SIM) == 0)
    return MMC_TYPE_SIM;
  if (g_strcmp0 (interface, MMC_IFACE_BEARER) == 0)
    return MMC_TYPE_BEARER;
  if (g_strcmp0 (interface, MMC_IFACE_SMS) == 0)
    return MMC_TYPE_SMS;
  return mmc_gdbus_object_manager_client_get_proxy_type (manager, path, interface, user_data);
}

static MmcModem *
object_modem (GDBusObject *object)
{
  GDBusInterface *modem = g_dbus_object_get_interface (object, MMC_IFACE_MODEM);

  return modem ? MMC_MODEM (modem) : NULL;
}

static void
object_added (GDBusObjectManager *manager, GDBusObject *object, gpointer user_data)
{
  g_autoptr (MmcModem) modem = object_modem (object);

  if (modem)
    g_signal_emit (user_data, signals[SIGNAL_MODEM_ADDED], 0, modem);
}

static void
object_removed (GDBusObjectManager *manager, GDBusObject *object, gpointer user_data)
{
  g_autoptr (MmcModem) modem = object_modem (object);

  if (modem)
    g_signal_emit (user_data, signals[SIGNAL_MODEM_REMOVED], 0, modem);
}

static MmcManager *
manager_new (GDBusObjectManager *object_manager, MmcGdbusManager *manager_iface)
{
  MmcManager *self = g_object_new (MMC_TYPE_MANAGER, NULL);

  self->object_manager = object_manager;
  self->manager_iface = manager_iface;
  g_signal_connect_object (object_manager, "object-added", G_CALLBACK (object_added), self, 0);
  g_signal_connect_object (object_manager, "object-removed", G_CALLBACK (object_removed), self, 0);
  return self;
}

static void
mmc_manager_init (MmcManager *self)
{
}

static void
mmc_manager_dispose (GObject *object)
{
  MmcManager *self = MMC_MANAGER (object);

  g_clear_object (&self->object_manager);
  g_clear_object (&self->manager_iface);
  G_OBJECT_CLASS (mmc_manager_parent_class)->dispose (object);
}

static void
mmc_manager_class_init (MmcManagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mmc_manager_dispose;
  mmc_errors_register ();

  /**
   * MmcManager::modem-added:
   * @self: the manager
   * @modem: the modem that appeared
   */
  signals[SIGNAL_MODEM_ADDED] = g_signal_new ("modem-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                              NULL, NULL, NULL, G_TYPE_NONE, 1, MMC_TYPE_MODEM);
  /**
   * MmcManager::modem-removed:
   * @self: the manager
   * @modem: the modem that went away; its calls fail from now on
   */
  signals[SIGNAL_MODEM_REMOVED] = g_signal_new ("modem-removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, MMC_TYPE_MODEM);
}

/* --- construction: object manager, then the Manager interface --------------------------------------------
 */

typedef struct {
  GDBusConnection *connection;
  GDBusObjectManager *object_manager;
} NewRequest;

static void
new_request_free (NewRequest *request)
{
  g_clear_object (&request->connection);
  g_clear_object (&request->object_manager);
  g_free (request);
}

static void
manager_iface_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  NewRequest *request = g_task_get_task_data (task);
  GError *error = NULL;
  MmcGdbusManager *manager_iface = mmc_gdbus_manager_proxy_new_finish (result, &error);

  if (!manager_iface) {
    g_task_return_error (task, error);
    return;
  }
  g_task_return_pointer (task, manager_new (g_steal_pointer (&request->object_manager), manager_iface),
                         g_object_unref);
}

static void
object_manager_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  NewRequest *request = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  GError *error = NULL;

  request->object_manager = g_dbus_object_manager_client_new_finish (result, &error);
  if (!request->object_manager) {
    g_task_return_error (task, error);
    return;
  }
  mmc_gdbus_manager_proxy_new (request->connection, G_DBUS_PROXY_FLAGS_DO_NOT_AUTO_START, MMC_DBUS_NAME,
                               MMC_DBUS_PATH, cancellable, manager_iface_ready, g_steal_pointer (&task));
}

static void
start_object_manager (GTask *task)
{
  NewRequest *request = g_task_get_task_data (task);

  g_dbus_object_manager_client_new (request->connection, G_DBUS_OBJECT_MANAGER_CLIENT_FLAGS_DO_NOT_AUTO_START,
                                    MMC_DBUS_NAME, MMC_DBUS_PATH, proxy_type, NULL, NULL,
                                    g_task_get_cancellable (task), object_manager_ready, task);
}

static void
system_bus_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  NewRequest *request = g_task_get_task_data (task);
  GError *error = NULL;

  request->connection = g_bus_get_finish (result, &error);
  if (!request->connection) {
    g_task_return_error (task, error);
    g_object_unref (task);
    return;
  }
  start_object_manager (task);
}

/**
 * mmc_manager_new:
 * @connection: (nullable): the bus the daemon is on; %NULL for the system bus
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the manager knows the current modems
 * @user_data: data for @callback
 *
 * Creates a manager. It succeeds also while no daemon runs: modems then
 * appear when one starts.
 */
void
mmc_manager_new (GDBusConnection *connection, GCancellable *cancellable, GAsyncReadyCallback callback,
                 gpointer user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  NewRequest *request = g_new0 (NewRequest, 1);

  g_task_set_source_tag (task, mmc_manager_new);
  g_task_set_task_data (task, request, (GDestroyNotify)new_request_free);
  if (!connection) {
    g_bus_get (G_BUS_TYPE_SYSTEM, cancellable, system_bus_ready, task);
    return;
  }
  request->connection = g_object_ref (connection);
  start_object_manager (task);
}

/**
 * mmc_manager_new_finish:
 * @result: the result passed to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full): the manager, or %NULL with @error set
 */
MmcManager *
mmc_manager_new_finish (GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * mmc_manager_new_sync:
 * @connection: (nullable): the bus the daemon is on; %NULL for the system bus
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Returns: (transfer full): the manager, or %NULL with @error set
 */
MmcManager *
mmc_manager_new_sync (GDBusConnection *connection, GCancellable *cancellable, GError **error)
{
  g_autoptr (GDBusConnection) bus
    = connection ? g_object_ref (connection) : g_bus_get_sync (G_BUS_TYPE_SYSTEM, cancellable, error);
  g_autoptr (GDBusObjectManager) object_manager = NULL;
  MmcGdbusManager *manager_iface;

  if (!bus)
    return NULL;
  object_manager = g_dbus_object_manager_client_new_sync (
    bus, G_DBUS_OBJECT_MANAGER_CLIENT_FLAGS_DO_NOT_AUTO_START, MMC_DBUS_NAME, MMC_DBUS_PATH, proxy_type, NULL,
    NULL, cancellable, error);
  if (!object_manager)
    return NULL;
  manager_iface = mmc_gdbus_manager_proxy_new_sync (bus, G_DBUS_PROXY_FLAGS_DO_NOT_AUTO_START, MMC_DBUS_NAME,
                                                    MMC_DBUS_PATH, cancellable, error);
  if (!manager_iface)
    return NULL;
  return manager_new (g_steal_pointer (&object_manager), manager_iface);
}

/**
 * mmc_manager_get_connection:
 * @self: a manager
 *
 * Returns: (transfer none): the bus connection
 */
GDBusConnection *
mmc_manager_get_connection (MmcManager *self)
{
  return g_dbus_object_manager_client_get_connection (G_DBUS_OBJECT_MANAGER_CLIENT (self->object_manager));
}

/**
 * mmc_manager_get_name_owner:
 * @self: a manager
 *
 * Returns: (transfer full) (nullable): the unique bus name of the daemon,
 *   or %NULL while none runs
 */
char *
mmc_manager_get_name_owner (MmcManager *self)
{
  return g_dbus_object_manager_client_get_name_owner (G_DBUS_OBJECT_MANAGER_CLIENT (self->object_manager));
}

/**
 * mmc_manager_get_modems:
 * @self: a manager
 *
 * Returns: (transfer full) (element-type MmcModem): the modems, in object
 *   path order
 */
GList *
mmc_manager_get_modems (MmcManager *self)
{
  GList *objects = g_dbus_object_manager_get_objects (self->object_manager);
  GList *modems = NULL;

  for (GList *l = objects; l; l = l->next) {
    MmcModem *modem = object_modem (l->data);

    if (modem)
      modems = g_list_prepend (modems, modem);
  }
  g_list_free_full (objects, g_object_unref);
  return g_list_sort (modems, mmc_compare_paths);
}

/**
 * mmc_manager_get_modem:
 * @self: a manager
 * @path: a modem's object path
 *
 * Returns: (transfer full) (nullable): the modem at @path, or %NULL when
 *   there is none
 */
MmcModem *
mmc_manager_get_modem (MmcManager *self, const char *path)
{
  g_autoptr (GDBusObject) object = g_dbus_object_manager_get_object (self->object_manager, path);

  return object ? object_modem (object) : NULL;
}

/**
 * mmc_manager_scan_devices_async:
 * @self: a manager
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the daemon answered
 * @user_data: data for @callback
 *
 * Asks the daemon to look for new devices (ScanDevices).
 */
void
mmc_manager_scan_devices_async (MmcManager *self, GCancellable *cancellable, GAsyncReadyCallback callback,
                                gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, mmc_manager_scan_devices_async);
  mmc_gdbus_manager_call_scan_devices (self->manager_iface, G_DBUS_CALL_FLAGS_NONE, MMC_CALL_TIMEOUT_MSEC,
                                       cancellable, mmc_task_boolean_ready, g_steal_pointer (&task));
}

/**
 * mmc_manager_scan_devices_finish:
 * @self: a manager
 * @result: the result passed to the callback
 * @error: return location for an error
 *
 * Returns: %TRUE on success
 */
gboolean
mmc_manager_scan_devices_finish (MmcManager *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * mmc_manager_scan_devices_sync:
 * @self: a manager
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Returns: %TRUE on success
 */
gboolean
mmc_manager_scan_devices_sync (MmcManager *self, GCancellable *cancellable, GError **error)
{
  return mmc_call_done (mmc_gdbus_manager_call_scan_devices_sync (self->manager_iface, G_DBUS_CALL_FLAGS_NONE,
                                                                  MMC_CALL_TIMEOUT_MSEC, cancellable, error),
                        error);
}
