/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* MmcBearer: the generated Bearer proxy with typed accessors (the IP
 * configurations as MmcBearerIpConfig) and Connect/Disconnect in
 * libmm-client's async/finish/sync form. */
#include "mmc-private.h"

/**
 * MmcBearer:
 *
 * A packet data bearer. Its D-Bus properties are also readable through the
 * #MmcGdbusBearer interface it implements; each change is notified as
 * `notify::<property>` (`notify::connected`, `notify::ip4-config`, ...).
 */
struct _MmcBearer {
  MmcGdbusBearerProxy parent;
};

G_DEFINE_TYPE (MmcBearer, mmc_bearer, MMC_GDBUS_TYPE_BEARER_PROXY)

static void
mmc_bearer_init (MmcBearer *self)
{
}

static void
mmc_bearer_class_init (MmcBearerClass *klass)
{
  mmc_errors_register ();
}

/**
 * mmc_bearer_new:
 * @connection: the bus modemd is on
 * @path: the bearer's object path
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the bearer is ready
 * @user_data: data for @callback
 *
 * Creates a client object for the bearer at @path.
 */
void
mmc_bearer_new (GDBusConnection *connection, const char *path, GCancellable *cancellable,
                GAsyncReadyCallback callback, gpointer user_data)
{
  mmc_proxy_new (MMC_TYPE_BEARER, MMC_IFACE_BEARER, connection, MMC_DBUS_NAME, path, cancellable, callback,
                 user_data);
}

/**
 * mmc_bearer_new_finish:
 * @result: the result passed to the callback
 * @error: return location for an error; %G_DBUS_ERROR_UNKNOWN_OBJECT when
 *   no bearer is at the path
 *
 * Returns: (transfer full): the bearer, or %NULL with @error set
 */
MmcBearer *
mmc_bearer_new_finish (GAsyncResult *result, GError **error)
{
  return mmc_proxy_new_finish (result, error);
}

/**
 * mmc_bearer_new_sync:
 * @connection: the bus modemd is on
 * @path: the bearer's object path
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Returns: (transfer full): the bearer, or %NULL with @error set
 */
MmcBearer *
mmc_bearer_new_sync (GDBusConnection *connection, const char *path, GCancellable *cancellable, GError **error)
{
  return mmc_proxy_new_sync (MMC_TYPE_BEARER, MMC_IFACE_BEARER, connection, MMC_DBUS_NAME, path, cancellable,
                             error);
}

/**
 * mmc_bearer_get_path:
 * @self: a bearer
 *
 * Returns: the bearer's object path
 */
const char *
mmc_bearer_get_path (MmcBearer *self)
{
  return g_dbus_proxy_get_object_path (G_DBUS_PROXY (self));
}

/**
 * mmc_bearer_get_connected:
 * @self: a bearer
 *
 * Returns: whether the bearer is connected
 */
gboolean
mmc_bearer_get_connected (MmcBearer *self)
{
  return mmc_gdbus_bearer_get_connected (MMC_GDBUS_BEARER (self));
}

/**
 * mmc_bearer_get_interface:
 * @self: a bearer
 *
 * Returns: (nullable): the network interface the data flows through, once
 *   connected
 */
const char *
mmc_bearer_get_interface (MmcBearer *self)
{
  return mmc_gdbus_bearer_get_interface (MMC_GDBUS_BEARER (self));
}

/**
 * mmc_bearer_get_bearer_type:
 * @self: a bearer
 *
 * Returns: default, default attach or dedicated
 */
MmcBearerType
mmc_bearer_get_bearer_type (MmcBearer *self)
{
  return mmc_gdbus_bearer_get_bearer_type (MMC_GDBUS_BEARER (self));
}

/**
 * mmc_bearer_get_ipv4_config:
 * @self: a bearer
 *
 * Reads the `Ip4Config` property.
 *
 * Returns: (transfer full) (nullable): the IPv4 configuration, or %NULL
 *   when the bearer has none (not connected, or no IPv4)
 */
MmcBearerIpConfig *
mmc_bearer_get_ipv4_config (MmcBearer *self)
{
  return mmc_bearer_ip_config_new_from_variant (mmc_gdbus_bearer_get_ip4_config (MMC_GDBUS_BEARER (self)));
}

/**
 * mmc_bearer_get_ipv6_config:
 * @self: a bearer
 *
 * Reads the `Ip6Config` property.
 *
 * Returns: (transfer full) (nullable): the IPv6 configuration, or %NULL
 *   when the bearer has none
 */
MmcBearerIpConfig *
mmc_bearer_get_ipv6_config (MmcBearer *self)
{
  return mmc_bearer_ip_config_new_from_variant (mmc_gdbus_bearer_get_ip6_config (MMC_GDBUS_BEARER (self)));
}

/**
 * mmc_bearer_connect_async:
 * @self: a bearer
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the bearer is connected or failed to
 * @user_data: data for @callback
 *
 * Connects the bearer (Bearer.Connect).
 */
void
mmc_bearer_connect_async (MmcBearer *self, GCancellable *cancellable, GAsyncReadyCallback callback,
                          gpointer user_data)
{
  mmc_gdbus_bearer_call_connect (MMC_GDBUS_BEARER (self), G_DBUS_CALL_FLAGS_NONE, MMC_CALL_TIMEOUT_MSEC,
                                 cancellable, callback, user_data);
}

/**
 * mmc_bearer_connect_finish:
 * @self: a bearer
 * @result: the result passed to the callback
 * @error: return location for an error
 *
 * Returns: %TRUE when the bearer is connected
 */
gboolean
mmc_bearer_connect_finish (MmcBearer *self, GAsyncResult *result, GError **error)
{
  return mmc_call_done (mmc_gdbus_bearer_call_connect_finish (MMC_GDBUS_BEARER (self), result, error), error);
}

/**
 * mmc_bearer_connect_sync:
 * @self: a bearer
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Returns: %TRUE when the bearer is connected
 */
gboolean
mmc_bearer_connect_sync (MmcBearer *self, GCancellable *cancellable, GError **error)
{
  return mmc_call_done (mmc_gdbus_bearer_call_connect_sync (MMC_GDBUS_BEARER (self), G_DBUS_CALL_FLAGS_NONE,
                                                            MMC_CALL_TIMEOUT_MSEC, cancellable, error),
                        error);
}

/**
 * mmc_bearer_disconnect_async:
 * @self: a bearer
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the bearer is disconnected
 * @user_data: data for @callback
 *
 * Disconnects the bearer (Bearer.Disconnect).
 */
void
mmc_bearer_disconnect_async (MmcBearer *self, GCancellable *cancellable, GAsyncReadyCallback callback,
                             gpointer user_data)
{
  mmc_gdbus_bearer_call_disconnect (MMC_GDBUS_BEARER (self), G_DBUS_CALL_FLAGS_NONE, MMC_CALL_TIMEOUT_MSEC,
                                    cancellable, callback, user_data);
}

/**
 * mmc_bearer_disconnect_finish:
 * @self: a bearer
 * @result: the result passed to the callback
 * @error: return location for an error
 *
 * Returns: %TRUE when the bearer is disconnected
 */
gboolean
mmc_bearer_disconnect_finish (MmcBearer *self, GAsyncResult *result, GError **error)
{
  return mmc_call_done (mmc_gdbus_bearer_call_disconnect_finish (MMC_GDBUS_BEARER (self), result, error),
                        error);
}

/**
 * mmc_bearer_disconnect_sync:
 * @self: a bearer
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Returns: %TRUE when the bearer is disconnected
 */
gboolean
mmc_bearer_disconnect_sync (MmcBearer *self, GCancellable *cancellable, GError **error)
{
  return mmc_call_done (mmc_gdbus_bearer_call_disconnect_sync (MMC_GDBUS_BEARER (self),
                                                               G_DBUS_CALL_FLAGS_NONE, MMC_CALL_TIMEOUT_MSEC,
                                                               cancellable, error),
                        error);
}
