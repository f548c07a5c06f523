/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* MmcModem's operations that answer an object (SIM, bearer, SMS, bearer
 * list), in async/finish/sync form: one generated call, then the client
 * object for the path it answered (mmc-proxy.c). A modem without the
 * interface an operation needs fails it with MMC_CORE_ERROR_UNSUPPORTED
 * before anything is sent. */
#include "mmc-private.h"

static GDBusConnection *
modem_connection (MmcModem *self)
{
  return g_dbus_proxy_get_connection (G_DBUS_PROXY (self));
}

static const char *
modem_bus_name (MmcModem *self)
{
  return g_dbus_proxy_get_name (G_DBUS_PROXY (self));
}

/* --- calls that answer an object ------------------------------------------------------------------------ */

static void
object_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  gpointer object = mmc_proxy_new_finish (result, &error);

  if (object)
    g_task_return_pointer (task, object, g_object_unref);
  else
    g_task_return_error (task, error);
}

/* Ends a call that answered path (or failed with error): the task returns
 * the client object of type for it. Takes the task. */
static void
follow_path (GTask *task, GType type, const char *interface, gboolean ok, const char *path, GError *error)
{
  MmcModem *self = g_task_get_source_object (task);

  if (!mmc_call_done (ok, &error)) {
    g_task_return_error (task, error);
    g_object_unref (task);
    return;
  }
  mmc_proxy_new (type, interface, modem_connection (self), modem_bus_name (self), path,
                 g_task_get_cancellable (task), object_ready, task);
}

static gpointer
object_finish (MmcModem *self, GAsyncResult *result, gpointer source_tag, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static gpointer
object_sync (MmcModem *self, GType type, const char *interface, gboolean ok, const char *path,
             GCancellable *cancellable, GError **error)
{
  if (!mmc_call_done (ok, error))
    return NULL;
  return mmc_proxy_new_sync (type, interface, modem_connection (self), modem_bus_name (self), path,
                             cancellable, error);
}

/**
 * mmc_modem_get_sim_async:
 * @self: a modem
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the SIM is ready
 * @user_data: data for @callback
 *
 * Gets the modem's active SIM.
 */
void
mmc_modem_get_sim_async (MmcModem *self, GCancellable *cancellable, GAsyncReadyCallback callback,
                         gpointer user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  const char *path = mmc_modem_get_sim_path (self);
  GError *error = NULL;

  g_task_set_source_tag (task, mmc_modem_get_sim_async);
  if (!path || g_str_equal (path, "/"))
    error = g_error_new (MMC_CORE_ERROR, MMC_CORE_ERROR_NOT_FOUND, "The modem at %s has no SIM",
                         mmc_modem_get_path (self));
  follow_path (task, MMC_TYPE_SIM, MMC_IFACE_SIM, error == NULL, path, error);
}

/**
 * mmc_modem_get_sim_finish:
 * @self: a modem
 * @result: the result passed to the callback
 * @error: return location for an error; %MMC_CORE_ERROR_NOT_FOUND when
 *   the modem has no SIM
 *
 * Returns: (transfer full): the SIM, or %NULL with @error set
 */
MmcSim *
mmc_modem_get_sim_finish (MmcModem *self, GAsyncResult *result, GError **error)
{
  return object_finish (self, result, mmc_modem_get_sim_async, error);
}

/**
 * mmc_modem_get_sim_sync:
 * @self: a modem
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Returns: (transfer full): the SIM, or %NULL with @error set
 */
MmcSim *
mmc_modem_get_sim_sync (MmcModem *self, GCancellable *cancellable, GError **error)
{
  const char *path = mmc_modem_get_sim_path (self);

  if (!path || g_str_equal (path, "/")) {
    g_set_error (error, MMC_CORE_ERROR, MMC_CORE_ERROR_NOT_FOUND, "The modem at %s has no SIM",
                 mmc_modem_get_path (self));
    return NULL;
  }
  return object_sync (self, MMC_TYPE_SIM, MMC_IFACE_SIM, TRUE, path, cancellable, error);
}

static void
create_bearer_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autofree char *path = NULL;
  GError *error = NULL;
  gboolean ok = mmc_gdbus_modem_call_create_bearer_finish (MMC_GDBUS_MODEM (source), &path, result, &error);

  follow_path (user_data, MMC_TYPE_BEARER, MMC_IFACE_BEARER, ok, path, error);
}

/**
 * mmc_modem_create_bearer_async:
 * @self: a modem
 * @settings: the bearer's settings
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the bearer exists
 * @user_data: data for @callback
 *
 * Creates a bearer without connecting it (Modem.CreateBearer).
 */
void
mmc_modem_create_bearer_async (MmcModem *self, const MmcConnectSettings *settings, GCancellable *cancellable,
                               GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr (GVariant) properties = mmc_connect_settings_to_variant (settings);

  g_task_set_source_tag (task, mmc_modem_create_bearer_async);
  mmc_gdbus_modem_call_create_bearer (MMC_GDBUS_MODEM (self), properties, G_DBUS_CALL_FLAGS_NONE,
                                      MMC_CALL_TIMEOUT_MSEC, cancellable, create_bearer_ready, task);
}

/**
 * mmc_modem_create_bearer_finish:
 * @self: a modem
 * @result: the result passed to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full): the new bearer, or %NULL with @error set
 */
MmcBearer *
mmc_modem_create_bearer_finish (MmcModem *self, GAsyncResult *result, GError **error)
{
  return object_finish (self, result, mmc_modem_create_bearer_async, error);
}

/**
 * mmc_modem_create_bearer_sync:
 * @self: a modem
 * @settings: the bearer's settings
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Returns: (transfer full): the new bearer, or %NULL with @error set
 */
MmcBearer *
mmc_modem_create_bearer_sync (MmcModem *self, const MmcConnectSettings *settings, GCancellable *cancellable,
                              GError **error)
{
  g_autoptr (GVariant) properties = mmc_connect_settings_to_variant (settings);
  g_autofree char *path = NULL;
  gboolean ok
    = mmc_gdbus_modem_call_create_bearer_sync (MMC_GDBUS_MODEM (self), properties, G_DBUS_CALL_FLAGS_NONE,
                                               MMC_CALL_TIMEOUT_MSEC, &path, cancellable, error);

  return object_sync (self, MMC_TYPE_BEARER, MMC_IFACE_BEARER, ok, path, cancellable, error);
}

static void
simple_connect_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autofree char *path = NULL;
  GError *error = NULL;
  gboolean ok
    = mmc_gdbus_modem_simple_call_connect_finish (MMC_GDBUS_MODEM_SIMPLE (source), &path, result, &error);

  follow_path (user_data, MMC_TYPE_BEARER, MMC_IFACE_BEARER, ok, path, error);
}

/**
 * mmc_modem_simple_connect_async:
 * @self: a modem
 * @settings: the connection's settings
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the bearer is connected or failed to
 * @user_data: data for @callback
 *
 * Enables the modem if needed, waits for registration and connects a
 * bearer with @settings (Simple.Connect).
 */
void
mmc_modem_simple_connect_async (MmcModem *self, const MmcConnectSettings *settings, GCancellable *cancellable,
                                GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr (MmcGdbusModemSimple) simple = mmc_modem_get_simple (self);
  g_autoptr (GVariant) properties = NULL;
  GError *error = NULL;

  g_task_set_source_tag (task, mmc_modem_simple_connect_async);
  if (mmc_modem_lacks_interface (self, simple, "Simple", &error)) {
    follow_path (task, MMC_TYPE_BEARER, MMC_IFACE_BEARER, FALSE, NULL, error);
    return;
  }
  properties = mmc_connect_settings_to_variant (settings);
  mmc_gdbus_modem_simple_call_connect (simple, properties, G_DBUS_CALL_FLAGS_NONE, MMC_CALL_TIMEOUT_MSEC,
                                       cancellable, simple_connect_ready, task);
}

/**
 * mmc_modem_simple_connect_finish:
 * @self: a modem
 * @result: the result passed to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full): the connected bearer, or %NULL with @error set
 */
MmcBearer *
mmc_modem_simple_connect_finish (MmcModem *self, GAsyncResult *result, GError **error)
{
  return object_finish (self, result, mmc_modem_simple_connect_async, error);
}

/**
 * mmc_modem_simple_connect_sync:
 * @self: a modem
 * @settings: the connection's settings
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Returns: (transfer full): the connected bearer, or %NULL with @error set
 */
MmcBearer *
mmc_modem_simple_connect_sync (MmcModem *self, const MmcConnectSettings *settings, GCancellable *cancellable,
                               GError **error)
{
  g_autoptr (MmcGdbusModemSimple) simple = mmc_modem_get_simple (self);
  g_autoptr (GVariant) properties = NULL;
  g_autofree char *path = NULL;
  gboolean ok;

  if (mmc_modem_lacks_interface (self, simple, "Simple", error))
    return NULL;
  properties = mmc_connect_settings_to_variant (settings);
  ok = mmc_gdbus_modem_simple_call_connect_sync (simple, properties, G_DBUS_CALL_FLAGS_NONE,
                                                 MMC_CALL_TIMEOUT_MSEC, &path, cancellable, error);
  return object_sync (self, MMC_TYPE_BEARER, MMC_IFACE_BEARER, ok, path, cancellable, error);
}

static void
create_sms_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autofree char *path = NULL;
  GError *error = NULL;
  gboolean ok = mmc_gdbus_modem_messaging_call_create_finish (MMC_GDBUS_MODEM_MESSAGING (source), &path,
                                                              result, &error);

  follow_path (user_data, MMC_TYPE_SMS, MMC_IFACE_SMS, ok, path, error);
}

/**
 * mmc_modem_create_sms_async:
 * @self: a modem
 * @settings: the message
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the message exists
 * @user_data: data for @callback
 *
 * Creates an SMS to send or store (Messaging.Create).
 */
void
mmc_modem_create_sms_async (MmcModem *self, const MmcSmsSettings *settings, GCancellable *cancellable,
                            GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr (MmcGdbusModemMessaging) messaging = mmc_modem_get_messaging (self);
  g_autoptr (GVariant) properties = NULL;
  GError *error = NULL;

  g_task_set_source_tag (task, mmc_modem_create_sms_async);
  if (mmc_modem_lacks_interface (self, messaging, "Messaging", &error)) {
    follow_path (task, MMC_TYPE_SMS, MMC_IFACE_SMS, FALSE, NULL, error);
    return;
  }
  properties = mmc_sms_settings_to_variant (settings);
  mmc_gdbus_modem_messaging_call_create (messaging, properties, G_DBUS_CALL_FLAGS_NONE, MMC_CALL_TIMEOUT_MSEC,
                                         cancellable, create_sms_ready, task);
}

/**
 * mmc_modem_create_sms_finish:
 * @self: a modem
 * @result: the result passed to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full): the new message, or %NULL with @error set
 */
MmcSms *
mmc_modem_create_sms_finish (MmcModem *self, GAsyncResult *result, GError **error)
{
  return object_finish (self, result, mmc_modem_create_sms_async, error);
}

/**
 * mmc_modem_create_sms_sync:
 * @self: a modem
 * @settings: the message
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Returns: (transfer full): the new message, or %NULL with @error set
 */
MmcSms *
mmc_modem_create_sms_sync (MmcModem *self, const MmcSmsSettings *settings, GCancellable *cancellable,
                           GError **error)
{
  g_autoptr (MmcGdbusModemMessaging) messaging = mmc_modem_get_messaging (self);
  g_autoptr (GVariant) properties = NULL;
  g_autofree char *path = NULL;
  gboolean ok;

  if (mmc_modem_lacks_interface (self, messaging, "Messaging", error))
    return NULL;
  properties = mmc_sms_settings_to_variant (settings);
  ok = mmc_gdbus_modem_messaging_call_create_sync (messaging, properties, G_DBUS_CALL_FLAGS_NONE,
                                                   MMC_CALL_TIMEOUT_MSEC, &path, cancellable, error);
  return object_sync (self, MMC_TYPE_SMS, MMC_IFACE_SMS, ok, path, cancellable, error);
}

/* --- the bearer list ---------------------------------------------------------------------------------------
 */

static void
bearers_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  GList *bearers = mmc_proxy_list_new_finish (result, &error);

  if (error)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bearers, NULL);
}

/**
 * mmc_modem_list_bearers_async:
 * @self: a modem
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the bearers are ready
 * @user_data: data for @callback
 *
 * Gets client objects for the modem's bearers (its `Bearers` property).
 */
void
mmc_modem_list_bearers_async (MmcModem *self, GCancellable *cancellable, GAsyncReadyCallback callback,
                              gpointer user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, mmc_modem_list_bearers_async);
  mmc_proxy_list_new (MMC_TYPE_BEARER, MMC_IFACE_BEARER, modem_connection (self), modem_bus_name (self),
                      mmc_modem_get_bearer_paths (self), cancellable, bearers_ready, task);
}

/**
 * mmc_modem_list_bearers_finish:
 * @self: a modem
 * @result: the result passed to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type MmcBearer): the bearers; %NULL is
 *   an empty list when @error is not set
 */
GList *
mmc_modem_list_bearers_finish (MmcModem *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * mmc_modem_list_bearers_sync:
 * @self: a modem
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type MmcBearer): the bearers; %NULL is
 *   an empty list when @error is not set
 */
GList *
mmc_modem_list_bearers_sync (MmcModem *self, GCancellable *cancellable, GError **error)
{
  return mmc_proxy_list_new_sync (MMC_TYPE_BEARER, MMC_IFACE_BEARER, modem_connection (self),
                                  modem_bus_name (self), mmc_modem_get_bearer_paths (self), cancellable,
                                  error);
}
