/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* MmcSim: the generated Sim proxy with typed accessors and the unlock
 * methods in libmm-client's async/finish/sync form; calls go straight to
 * the generated code, which does all marshalling. */
#include "mmc-private.h"

/**
 * MmcSim:
 *
 * A SIM card. Its D-Bus properties are also readable through the
 * #MmcGdbusSim interface it implements, and each change is notified as
 * `notify::<property>`.
 */
struct _MmcSim {
  MmcGdbusSimProxy parent;
};

G_DEFINE_TYPE (MmcSim, mmc_sim, MMC_GDBUS_TYPE_SIM_PROXY)

static void
mmc_sim_init (MmcSim *self)
{
}

static void
mmc_sim_class_init (MmcSimClass *klass)
{
  mmc_errors_register ();
}

/**
 * mmc_sim_new:
 * @connection: the bus modemd is on
 * @path: the SIM's object path
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the SIM is ready
 * @user_data: data for @callback
 *
 * Creates a client object for the SIM at @path.
 */
void
mmc_sim_new (GDBusConnection *connection, const char *path, GCancellable *cancellable,
             GAsyncReadyCallback callback, gpointer user_data)
{
  mmc_proxy_new (MMC_TYPE_SIM, MMC_IFACE_SIM, connection, MMC_DBUS_NAME, path, cancellable, callback,
                 user_data);
}

/**
 * mmc_sim_new_finish:
 * @result: the result passed to the callback
 * @error: return location for an error; %G_DBUS_ERROR_UNKNOWN_OBJECT when
 *   no SIM is at the path
 *
 * Returns: (transfer full): the SIM, or %NULL with @error set
 */
MmcSim *
mmc_sim_new_finish (GAsyncResult *result, GError **error)
{
  return mmc_proxy_new_finish (result, error);
}

/**
 * mmc_sim_new_sync:
 * @connection: the bus modemd is on
 * @path: the SIM's object path
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Returns: (transfer full): the SIM, or %NULL with @error set
 */
MmcSim *
mmc_sim_new_sync (GDBusConnection *connection, const char *path, GCancellable *cancellable, GError **error)
{
  return mmc_proxy_new_sync (MMC_TYPE_SIM, MMC_IFACE_SIM, connection, MMC_DBUS_NAME, path, cancellable,
                             error);
}

/**
 * mmc_sim_get_path:
 * @self: a SIM
 *
 * Returns: the SIM's object path
 */
const char *
mmc_sim_get_path (MmcSim *self)
{
  return g_dbus_proxy_get_object_path (G_DBUS_PROXY (self));
}

/**
 * mmc_sim_get_active:
 * @self: a SIM
 *
 * Returns: whether this SIM is the one in use
 */
gboolean
mmc_sim_get_active (MmcSim *self)
{
  return mmc_gdbus_sim_get_active (MMC_GDBUS_SIM (self));
}

/**
 * mmc_sim_get_identifier:
 * @self: a SIM
 *
 * Returns: (nullable): the ICCID
 */
const char *
mmc_sim_get_identifier (MmcSim *self)
{
  return mmc_gdbus_sim_get_sim_identifier (MMC_GDBUS_SIM (self));
}

/**
 * mmc_sim_get_imsi:
 * @self: a SIM
 *
 * Returns: (nullable): the IMSI
 */
const char *
mmc_sim_get_imsi (MmcSim *self)
{
  return mmc_gdbus_sim_get_imsi (MMC_GDBUS_SIM (self));
}

/**
 * mmc_sim_get_operator_identifier:
 * @self: a SIM
 *
 * Returns: (nullable): the MCC and MNC of the SIM's home network
 */
const char *
mmc_sim_get_operator_identifier (MmcSim *self)
{
  return mmc_gdbus_sim_get_operator_identifier (MMC_GDBUS_SIM (self));
}

/**
 * mmc_sim_get_operator_name:
 * @self: a SIM
 *
 * Returns: (nullable): the service provider name
 */
const char *
mmc_sim_get_operator_name (MmcSim *self)
{
  return mmc_gdbus_sim_get_operator_name (MMC_GDBUS_SIM (self));
}

/**
 * mmc_sim_get_sim_type:
 * @self: a SIM
 *
 * Returns: physical or eSIM
 */
MmcSimType
mmc_sim_get_sim_type (MmcSim *self)
{
  return mmc_gdbus_sim_get_sim_type (MMC_GDBUS_SIM (self));
}

/**
 * mmc_sim_send_pin_async:
 * @self: a SIM
 * @pin: the PIN
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the modem answered
 * @user_data: data for @callback
 *
 * Unlocks the SIM with its PIN (Sim.SendPin).
 */
void
mmc_sim_send_pin_async (MmcSim *self, const char *pin, GCancellable *cancellable,
                        GAsyncReadyCallback callback, gpointer user_data)
{
  mmc_gdbus_sim_call_send_pin (MMC_GDBUS_SIM (self), pin, G_DBUS_CALL_FLAGS_NONE, MMC_CALL_TIMEOUT_MSEC,
                               cancellable, callback, user_data);
}

/**
 * mmc_sim_send_pin_finish:
 * @self: a SIM
 * @result: the result passed to the callback
 * @error: return location for an error
 *
 * Returns: %TRUE when the SIM took the PIN
 */
gboolean
mmc_sim_send_pin_finish (MmcSim *self, GAsyncResult *result, GError **error)
{
  return mmc_call_done (mmc_gdbus_sim_call_send_pin_finish (MMC_GDBUS_SIM (self), result, error), error);
}

/**
 * mmc_sim_send_pin_sync:
 * @self: a SIM
 * @pin: the PIN
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Returns: %TRUE when the SIM took the PIN
 */
gboolean
mmc_sim_send_pin_sync (MmcSim *self, const char *pin, GCancellable *cancellable, GError **error)
{
  return mmc_call_done (mmc_gdbus_sim_call_send_pin_sync (MMC_GDBUS_SIM (self), pin, G_DBUS_CALL_FLAGS_NONE,
                                                          MMC_CALL_TIMEOUT_MSEC, cancellable, error),
                        error);
}

/**
 * mmc_sim_send_puk_async:
 * @self: a SIM
 * @puk: the PUK
 * @pin: the new PIN
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the modem answered
 * @user_data: data for @callback
 *
 * Unblocks the SIM with its PUK and sets a new PIN (Sim.SendPuk).
 */
void
mmc_sim_send_puk_async (MmcSim *self, const char *puk, const char *pin, GCancellable *cancellable,
                        GAsyncReadyCallback callback, gpointer user_data)
{
  mmc_gdbus_sim_call_send_puk (MMC_GDBUS_SIM (self), puk, pin, G_DBUS_CALL_FLAGS_NONE, MMC_CALL_TIMEOUT_MSEC,
                               cancellable, callback, user_data);
}

/**
 * mmc_sim_send_puk_finish:
 * @self: a SIM
 * @result: the result passed to the callback
 * @error: return location for an error
 *
 * Returns: %TRUE when the SIM took the PUK
 */
gboolean
mmc_sim_send_puk_finish (MmcSim *self, GAsyncResult *result, GError **error)
{
  return mmc_call_done (mmc_gdbus_sim_call_send_puk_finish (MMC_GDBUS_SIM (self), result, error), error);
}

/**
 * mmc_sim_send_puk_sync:
 * @self: a SIM
 * @puk: the PUK
 * @pin: the new PIN
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Returns: %TRUE when the SIM took the PUK
 */
gboolean
mmc_sim_send_puk_sync (MmcSim *self, const char *puk, const char *pin, GCancellable *cancellable,
                       GError **error)
{
  return mmc_call_done (mmc_gdbus_sim_call_send_puk_sync (MMC_GDBUS_SIM (self), puk, pin,
                                                          G_DBUS_CALL_FLAGS_NONE, MMC_CALL_TIMEOUT_MSEC,
                                                          cancellable, error),
                        error);
}

/**
 * mmc_sim_enable_pin_async:
 * @self: a SIM
 * @pin: the PIN
 * @enabled: whether the SIM asks for the PIN at power-up
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the modem answered
 * @user_data: data for @callback
 *
 * Turns the PIN check on or off (Sim.EnablePin).
 */
void
mmc_sim_enable_pin_async (MmcSim *self, const char *pin, gboolean enabled, GCancellable *cancellable,
                          GAsyncReadyCallback callback, gpointer user_data)
{
  mmc_gdbus_sim_call_enable_pin (MMC_GDBUS_SIM (self), pin, enabled, G_DBUS_CALL_FLAGS_NONE,
                                 MMC_CALL_TIMEOUT_MSEC, cancellable, callback, user_data);
}

/**
 * mmc_sim_enable_pin_finish:
 * @self: a SIM
 * @result: the result passed to the callback
 * @error: return location for an error
 *
 * Returns: %TRUE on success
 */
gboolean
mmc_sim_enable_pin_finish (MmcSim *self, GAsyncResult *result, GError **error)
{
  return mmc_call_done (mmc_gdbus_sim_call_enable_pin_finish (MMC_GDBUS_SIM (self), result, error), error);
}

/**
 * mmc_sim_enable_pin_sync:
 * @self: a SIM
 * @pin: the PIN
 * @enabled: whether the SIM asks for the PIN at power-up
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Returns: %TRUE on success
 */
gboolean
mmc_sim_enable_pin_sync (MmcSim *self, const char *pin, gboolean enabled, GCancellable *cancellable,
                         GError **error)
{
  return mmc_call_done (mmc_gdbus_sim_call_enable_pin_sync (MMC_GDBUS_SIM (self), pin, enabled,
                                                            G_DBUS_CALL_FLAGS_NONE, MMC_CALL_TIMEOUT_MSEC,
                                                            cancellable, error),
                        error);
}

/**
 * mmc_sim_change_pin_async:
 * @self: a SIM
 * @old_pin: the current PIN
 * @new_pin: the new PIN
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the modem answered
 * @user_data: data for @callback
 *
 * Changes the PIN (Sim.ChangePin).
 */
void
mmc_sim_change_pin_async (MmcSim *self, const char *old_pin, const char *new_pin, GCancellable *cancellable,
                          GAsyncReadyCallback callback, gpointer user_data)
{
  mmc_gdbus_sim_call_change_pin (MMC_GDBUS_SIM (self), old_pin, new_pin, G_DBUS_CALL_FLAGS_NONE,
                                 MMC_CALL_TIMEOUT_MSEC, cancellable, callback, user_data);
}

/**
 * mmc_sim_change_pin_finish:
 * @self: a SIM
 * @result: the result passed to the callback
 * @error: return location for an error
 *
 * Returns: %TRUE on success
 */
gboolean
mmc_sim_change_pin_finish (MmcSim *self, GAsyncResult *result, GError **error)
{
  return mmc_call_done (mmc_gdbus_sim_call_change_pin_finish (MMC_GDBUS_SIM (self), result, error), error);
}

/**
 * mmc_sim_change_pin_sync:
 * @self: a SIM
 * @old_pin: the current PIN
 * @new_pin: the new PIN
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Returns: %TRUE on success
 */
gboolean
mmc_sim_change_pin_sync (MmcSim *self, const char *old_pin, const char *new_pin, GCancellable *cancellable,
                         GError **error)
{
  return mmc_call_done (mmc_gdbus_sim_call_change_pin_sync (MMC_GDBUS_SIM (self), old_pin, new_pin,
                                                            G_DBUS_CALL_FLAGS_NONE, MMC_CALL_TIMEOUT_MSEC,
                                                            cancellable, error),
                        error);
}
