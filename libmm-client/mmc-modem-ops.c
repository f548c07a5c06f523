/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* MmcModem's operations that answer nothing, in async/finish/sync form:
 * each is one generated call on the modem or its Simple interface. Those
 * that answer an object are in mmc-modem-objects.c. */
#include "mmc-private.h"

static const char *
bearer_path_or_none (MmcBearer *bearer)
{
  return bearer ? mmc_bearer_get_path (bearer) : "/";
}

/* --- calls that answer nothing -------------------------------------------------------------------------- */

/**
 * mmc_modem_enable_async:
 * @self: a modem
 * @enable: %TRUE to enable, %FALSE to disable
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the modem is enabled or disabled
 * @user_data: data for @callback
 *
 * Enables or disables the modem (Modem.Enable).
 */
void
mmc_modem_enable_async (MmcModem *self, gboolean enable, GCancellable *cancellable,
                        GAsyncReadyCallback callback, gpointer user_data)
{
  mmc_gdbus_modem_call_enable (MMC_GDBUS_MODEM (self), enable, G_DBUS_CALL_FLAGS_NONE, MMC_CALL_TIMEOUT_MSEC,
                               cancellable, callback, user_data);
}

/**
 * mmc_modem_enable_finish:
 * @self: a modem
 * @result: the result passed to the callback
 * @error: return location for an error
 *
 * Returns: %TRUE on success
 */
gboolean
mmc_modem_enable_finish (MmcModem *self, GAsyncResult *result, GError **error)
{
  return mmc_call_done (mmc_gdbus_modem_call_enable_finish (MMC_GDBUS_MODEM (self), result, error), error);
}

/**
 * mmc_modem_enable_sync:
 * @self: a modem
 * @enable: %TRUE to enable, %FALSE to disable
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Returns: %TRUE on success
 */
gboolean
mmc_modem_enable_sync (MmcModem *self, gboolean enable, GCancellable *cancellable, GError **error)
{
  return mmc_call_done (mmc_gdbus_modem_call_enable_sync (MMC_GDBUS_MODEM (self), enable,
                                                          G_DBUS_CALL_FLAGS_NONE, MMC_CALL_TIMEOUT_MSEC,
                                                          cancellable, error),
                        error);
}

/**
 * mmc_modem_set_power_state_async:
 * @self: a modem
 * @state: the power state to set
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the power state is set
 * @user_data: data for @callback
 *
 * Sets the radio's power state (Modem.SetPowerState).
 */
void
mmc_modem_set_power_state_async (MmcModem *self, MmcModemPowerState state, GCancellable *cancellable,
                                 GAsyncReadyCallback callback, gpointer user_data)
{
  mmc_gdbus_modem_call_set_power_state (MMC_GDBUS_MODEM (self), state, G_DBUS_CALL_FLAGS_NONE,
                                        MMC_CALL_TIMEOUT_MSEC, cancellable, callback, user_data);
}

/**
 * mmc_modem_set_power_state_finish:
 * @self: a modem
 * @result: the result passed to the callback
 * @error: return location for an error
 *
 * Returns: %TRUE on success
 */
gboolean
mmc_modem_set_power_state_finish (MmcModem *self, GAsyncResult *result, GError **error)
{
  return mmc_call_done (mmc_gdbus_modem_call_set_power_state_finish (MMC_GDBUS_MODEM (self), result, error),
                        error);
}

/**
 * mmc_modem_set_power_state_sync:
 * @self: a modem
 * @state: the power state to set
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Returns: %TRUE on success
 */
gboolean
mmc_modem_set_power_state_sync (MmcModem *self, MmcModemPowerState state, GCancellable *cancellable,
                                GError **error)
{
  return mmc_call_done (mmc_gdbus_modem_call_set_power_state_sync (MMC_GDBUS_MODEM (self), state,
                                                                   G_DBUS_CALL_FLAGS_NONE,
                                                                   MMC_CALL_TIMEOUT_MSEC, cancellable, error),
                        error);
}

/**
 * mmc_modem_reset_async:
 * @self: a modem
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the modem answered
 * @user_data: data for @callback
 *
 * Resets the modem (Modem.Reset).
 */
void
mmc_modem_reset_async (MmcModem *self, GCancellable *cancellable, GAsyncReadyCallback callback,
                       gpointer user_data)
{
  mmc_gdbus_modem_call_reset (MMC_GDBUS_MODEM (self), G_DBUS_CALL_FLAGS_NONE, MMC_CALL_TIMEOUT_MSEC,
                              cancellable, callback, user_data);
}

/**
 * mmc_modem_reset_finish:
 * @self: a modem
 * @result: the result passed to the callback
 * @error: return location for an error
 *
 * Returns: %TRUE on success
 */
gboolean
mmc_modem_reset_finish (MmcModem *self, GAsyncResult *result, GError **error)
{
  return mmc_call_done (mmc_gdbus_modem_call_reset_finish (MMC_GDBUS_MODEM (self), result, error), error);
}

/**
 * mmc_modem_reset_sync:
 * @self: a modem
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Returns: %TRUE on success
 */
gboolean
mmc_modem_reset_sync (MmcModem *self, GCancellable *cancellable, GError **error)
{
  return mmc_call_done (mmc_gdbus_modem_call_reset_sync (MMC_GDBUS_MODEM (self), G_DBUS_CALL_FLAGS_NONE,
                                                         MMC_CALL_TIMEOUT_MSEC, cancellable, error),
                        error);
}

/**
 * mmc_modem_delete_bearer_async:
 * @self: a modem
 * @bearer: one of the modem's bearers
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the bearer is deleted
 * @user_data: data for @callback
 *
 * Deletes a bearer, disconnecting it first (Modem.DeleteBearer).
 */
void
mmc_modem_delete_bearer_async (MmcModem *self, MmcBearer *bearer, GCancellable *cancellable,
                               GAsyncReadyCallback callback, gpointer user_data)
{
  mmc_gdbus_modem_call_delete_bearer (MMC_GDBUS_MODEM (self), mmc_bearer_get_path (bearer),
                                      G_DBUS_CALL_FLAGS_NONE, MMC_CALL_TIMEOUT_MSEC, cancellable, callback,
                                      user_data);
}

/**
 * mmc_modem_delete_bearer_finish:
 * @self: a modem
 * @result: the result passed to the callback
 * @error: return location for an error
 *
 * Returns: %TRUE on success
 */
gboolean
mmc_modem_delete_bearer_finish (MmcModem *self, GAsyncResult *result, GError **error)
{
  return mmc_call_done (mmc_gdbus_modem_call_delete_bearer_finish (MMC_GDBUS_MODEM (self), result, error),
                        error);
}

/**
 * mmc_modem_delete_bearer_sync:
 * @self: a modem
 * @bearer: one of the modem's bearers
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Returns: %TRUE on success
 */
gboolean
mmc_modem_delete_bearer_sync (MmcModem *self, MmcBearer *bearer, GCancellable *cancellable, GError **error)
{
  return mmc_call_done (mmc_gdbus_modem_call_delete_bearer_sync (
                          MMC_GDBUS_MODEM (self), mmc_bearer_get_path (bearer), G_DBUS_CALL_FLAGS_NONE,
                          MMC_CALL_TIMEOUT_MSEC, cancellable, error),
                        error);
}

/**
 * mmc_modem_simple_disconnect_async:
 * @self: a modem
 * @bearer: (nullable): the bearer to disconnect; %NULL disconnects all
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the bearers are disconnected
 * @user_data: data for @callback
 *
 * Disconnects one bearer or all (Simple.Disconnect).
 */
void
mmc_modem_simple_disconnect_async (MmcModem *self, MmcBearer *bearer, GCancellable *cancellable,
                                   GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr (MmcGdbusModemSimple) simple = mmc_modem_get_simple (self);
  GError *error = NULL;

  /* The call goes to the Simple interface; the task keeps the modem as the
   * result's source object, as the callback expects. */
  g_task_set_source_tag (task, mmc_modem_simple_disconnect_async);
  if (mmc_modem_lacks_interface (self, simple, "Simple", &error)) {
    g_task_return_error (task, error);
    return;
  }
  mmc_gdbus_modem_simple_call_disconnect (simple, bearer_path_or_none (bearer), G_DBUS_CALL_FLAGS_NONE,
                                          MMC_CALL_TIMEOUT_MSEC, cancellable, mmc_task_boolean_ready,
                                          g_steal_pointer (&task));
}

/**
 * mmc_modem_simple_disconnect_finish:
 * @self: a modem
 * @result: the result passed to the callback
 * @error: return location for an error
 *
 * Returns: %TRUE on success
 */
gboolean
mmc_modem_simple_disconnect_finish (MmcModem *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * mmc_modem_simple_disconnect_sync:
 * @self: a modem
 * @bearer: (nullable): the bearer to disconnect; %NULL disconnects all
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Returns: %TRUE on success
 */
gboolean
mmc_modem_simple_disconnect_sync (MmcModem *self, MmcBearer *bearer, GCancellable *cancellable,
                                  GError **error)
{
  g_autoptr (MmcGdbusModemSimple) simple = mmc_modem_get_simple (self);

  if (mmc_modem_lacks_interface (self, simple, "Simple", error))
    return FALSE;
  return mmc_call_done (
    mmc_gdbus_modem_simple_call_disconnect_sync (simple, bearer_path_or_none (bearer), G_DBUS_CALL_FLAGS_NONE,
                                                 MMC_CALL_TIMEOUT_MSEC, cancellable, error),
    error);
}
