/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* MmcSms: the generated Sms proxy with typed accessors and Send/Store in
 * libmm-client's async/finish/sync form. */
#include "mmc-private.h"

/**
 * MmcSms:
 *
 * One SMS message. Its D-Bus properties are also readable through the
 * #MmcGdbusSms interface it implements; each change is notified as
 * `notify::<property>`.
 */
struct _MmcSms {
  MmcGdbusSmsProxy parent;
};

G_DEFINE_TYPE (MmcSms, mmc_sms, MMC_GDBUS_TYPE_SMS_PROXY)

static void
mmc_sms_init (MmcSms *self)
{
}

static void
mmc_sms_class_init (MmcSmsClass *klass)
{
  mmc_errors_register ();
}

/**
 * mmc_sms_new:
 * @connection: the bus modemd is on
 * @path: the message's object path
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the message is ready
 * @user_data: data for @callback
 *
 * Creates a client object for the SMS at @path.
 */
void
mmc_sms_new (GDBusConnection *connection, const char *path, GCancellable *cancellable,
             GAsyncReadyCallback callback, gpointer user_data)
{
  mmc_proxy_new (MMC_TYPE_SMS, MMC_IFACE_SMS, connection, MMC_DBUS_NAME, path, cancellable, callback,
                 user_data);
}

/**
 * mmc_sms_new_finish:
 * @result: the result passed to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full): the message, or %NULL with @error set
 */
MmcSms *
mmc_sms_new_finish (GAsyncResult *result, GError **error)
{
  return mmc_proxy_new_finish (result, error);
}

/**
 * mmc_sms_new_sync:
 * @connection: the bus modemd is on
 * @path: the message's object path
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Returns: (transfer full): the message, or %NULL with @error set
 */
MmcSms *
mmc_sms_new_sync (GDBusConnection *connection, const char *path, GCancellable *cancellable, GError **error)
{
  return mmc_proxy_new_sync (MMC_TYPE_SMS, MMC_IFACE_SMS, connection, MMC_DBUS_NAME, path, cancellable,
                             error);
}

/**
 * mmc_sms_get_path:
 * @self: a message
 *
 * Returns: the message's object path
 */
const char *
mmc_sms_get_path (MmcSms *self)
{
  return g_dbus_proxy_get_object_path (G_DBUS_PROXY (self));
}

/**
 * mmc_sms_get_state:
 * @self: a message
 *
 * Returns: where the message is in its life: stored, sending, sent, received ...
 */
MmcSmsState
mmc_sms_get_state (MmcSms *self)
{
  return mmc_gdbus_sms_get_state (MMC_GDBUS_SMS (self));
}

/**
 * mmc_sms_get_pdu_type:
 * @self: a message
 *
 * Returns: the PDU type: deliver, submit, status report ...
 */
MmcSmsPduType
mmc_sms_get_pdu_type (MmcSms *self)
{
  return mmc_gdbus_sms_get_pdu_type (MMC_GDBUS_SMS (self));
}

/**
 * mmc_sms_get_storage:
 * @self: a message
 *
 * Returns: where the message is stored, %MMC_SMS_STORAGE_UNKNOWN when not
 */
MmcSmsStorage
mmc_sms_get_storage (MmcSms *self)
{
  return mmc_gdbus_sms_get_storage (MMC_GDBUS_SMS (self));
}

/**
 * mmc_sms_get_number:
 * @self: a message
 *
 * Returns: (nullable): the sender's or recipient's number
 */
const char *
mmc_sms_get_number (MmcSms *self)
{
  return mmc_gdbus_sms_get_number (MMC_GDBUS_SMS (self));
}

/**
 * mmc_sms_get_text:
 * @self: a message
 *
 * Returns: (nullable): the message text
 */
const char *
mmc_sms_get_text (MmcSms *self)
{
  return mmc_gdbus_sms_get_text (MMC_GDBUS_SMS (self));
}

/**
 * mmc_sms_send_async:
 * @self: a message
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the message is sent or failed to be
 * @user_data: data for @callback
 *
 * Sends the message (Sms.Send).
 */
void
mmc_sms_send_async (MmcSms *self, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  mmc_gdbus_sms_call_send (MMC_GDBUS_SMS (self), G_DBUS_CALL_FLAGS_NONE, MMC_CALL_TIMEOUT_MSEC, cancellable,
                           callback, user_data);
}

/**
 * mmc_sms_send_finish:
 * @self: a message
 * @result: the result passed to the callback
 * @error: return location for an error
 *
 * Returns: %TRUE when the message was sent
 */
gboolean
mmc_sms_send_finish (MmcSms *self, GAsyncResult *result, GError **error)
{
  return mmc_call_done (mmc_gdbus_sms_call_send_finish (MMC_GDBUS_SMS (self), result, error), error);
}

/**
 * mmc_sms_send_sync:
 * @self: a message
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Returns: %TRUE when the message was sent
 */
gboolean
mmc_sms_send_sync (MmcSms *self, GCancellable *cancellable, GError **error)
{
  return mmc_call_done (mmc_gdbus_sms_call_send_sync (MMC_GDBUS_SMS (self), G_DBUS_CALL_FLAGS_NONE,
                                                      MMC_CALL_TIMEOUT_MSEC, cancellable, error),
                        error);
}

/**
 * mmc_sms_store_async:
 * @self: a message
 * @storage: where to store it; %MMC_SMS_STORAGE_UNKNOWN lets the modem choose
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the message is stored
 * @user_data: data for @callback
 *
 * Stores the message (Sms.Store).
 */
void
mmc_sms_store_async (MmcSms *self, MmcSmsStorage storage, GCancellable *cancellable,
                     GAsyncReadyCallback callback, gpointer user_data)
{
  mmc_gdbus_sms_call_store (MMC_GDBUS_SMS (self), storage, G_DBUS_CALL_FLAGS_NONE, MMC_CALL_TIMEOUT_MSEC,
                            cancellable, callback, user_data);
}

/**
 * mmc_sms_store_finish:
 * @self: a message
 * @result: the result passed to the callback
 * @error: return location for an error
 *
 * Returns: %TRUE when the message was stored
 */
gboolean
mmc_sms_store_finish (MmcSms *self, GAsyncResult *result, GError **error)
{
  return mmc_call_done (mmc_gdbus_sms_call_store_finish (MMC_GDBUS_SMS (self), result, error), error);
}

/**
 * mmc_sms_store_sync:
 * @self: a message
 * @storage: where to store it; %MMC_SMS_STORAGE_UNKNOWN lets the modem choose
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Returns: %TRUE when the message was stored
 */
gboolean
mmc_sms_store_sync (MmcSms *self, MmcSmsStorage storage, GCancellable *cancellable, GError **error)
{
  return mmc_call_done (mmc_gdbus_sms_call_store_sync (MMC_GDBUS_SMS (self), storage, G_DBUS_CALL_FLAGS_NONE,
                                                       MMC_CALL_TIMEOUT_MSEC, cancellable, error),
                        error);
}
