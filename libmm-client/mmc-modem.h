/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* MmcModem: one modem (org.freedesktop.ModemManager1.Modem), as listed by
 * MmcManager, with its other interfaces and its operations. */
#pragma once

#include "mmc-bearer.h"
#include "mmc-connect-settings.h"
#include "mmc-enums.h"
#include "mmc-gdbus.h"
#include "mmc-sim.h"
#include "mmc-sms-settings.h"
#include "mmc-sms.h"

G_BEGIN_DECLS

#define MMC_TYPE_MODEM (mmc_modem_get_type ())
G_DECLARE_FINAL_TYPE (MmcModem, mmc_modem, MMC, MODEM, MmcGdbusModemProxy)

/* Properties */
const char *mmc_modem_get_path (MmcModem *self);
MmcModemState mmc_modem_get_state (MmcModem *self);
MmcModemStateFailedReason mmc_modem_get_state_failed_reason (MmcModem *self);
MmcModemPowerState mmc_modem_get_power_state (MmcModem *self);
MmcModemLock mmc_modem_get_unlock_required (MmcModem *self);
MmcModemCapability mmc_modem_get_current_capabilities (MmcModem *self);
MmcModemAccessTechnology mmc_modem_get_access_technologies (MmcModem *self);
guint mmc_modem_get_signal_quality (MmcModem *self, gboolean *recent);
guint mmc_modem_get_max_active_bearers (MmcModem *self);
const char *mmc_modem_get_manufacturer (MmcModem *self);
const char *mmc_modem_get_model (MmcModem *self);
const char *mmc_modem_get_revision (MmcModem *self);
const char *mmc_modem_get_equipment_identifier (MmcModem *self);
const char *mmc_modem_get_device_identifier (MmcModem *self);
const char *mmc_modem_get_plugin (MmcModem *self);
const char *mmc_modem_get_primary_port (MmcModem *self);
const char *mmc_modem_get_sim_path (MmcModem *self);
const char *const *mmc_modem_get_bearer_paths (MmcModem *self);
MmcModem3gppRegistrationState mmc_modem_get_3gpp_registration_state (MmcModem *self);

/* The modem object's other interfaces, when it has them */
MmcGdbusModemModem3gpp *mmc_modem_get_3gpp (MmcModem *self);
MmcGdbusModemSimple *mmc_modem_get_simple (MmcModem *self);
MmcGdbusModemMessaging *mmc_modem_get_messaging (MmcModem *self);
MmcGdbusModemSignal *mmc_modem_get_signal (MmcModem *self);
MmcGdbusModemLocation *mmc_modem_get_location (MmcModem *self);
MmcGdbusModemTime *mmc_modem_get_time (MmcModem *self);

/* Operations */
void mmc_modem_enable_async (MmcModem *self, gboolean enable, GCancellable *cancellable,
                             GAsyncReadyCallback callback, gpointer user_data);
gboolean mmc_modem_enable_finish (MmcModem *self, GAsyncResult *result, GError **error);
gboolean mmc_modem_enable_sync (MmcModem *self, gboolean enable, GCancellable *cancellable, GError **error);

void mmc_modem_set_power_state_async (MmcModem *self, MmcModemPowerState state, GCancellable *cancellable,
                                      GAsyncReadyCallback callback, gpointer user_data);
gboolean mmc_modem_set_power_state_finish (MmcModem *self, GAsyncResult *result, GError **error);
gboolean mmc_modem_set_power_state_sync (MmcModem *self, MmcModemPowerState state, GCancellable *cancellable,
                                         GError **error);

void mmc_modem_reset_async (MmcModem *self, GCancellable *cancellable, GAsyncReadyCallback callback,
                            gpointer user_data);
gboolean mmc_modem_reset_finish (MmcModem *self, GAsyncResult *result, GError **error);
gboolean mmc_modem_reset_sync (MmcModem *self, GCancellable *cancellable, GError **error);

void mmc_modem_get_sim_async (MmcModem *self, GCancellable *cancellable, GAsyncReadyCallback callback,
                              gpointer user_data);
MmcSim *mmc_modem_get_sim_finish (MmcModem *self, GAsyncResult *result, GError **error);
MmcSim *mmc_modem_get_sim_sync (MmcModem *self, GCancellable *cancellable, GError **error);

void mmc_modem_create_bearer_async (MmcModem *self, const MmcConnectSettings *settings,
                                    GCancellable *cancellable, GAsyncReadyCallback callback,
                                    gpointer user_data);
MmcBearer *mmc_modem_create_bearer_finish (MmcModem *self, GAsyncResult *result, GError **error);
MmcBearer *mmc_modem_create_bearer_sync (MmcModem *self, const MmcConnectSettings *settings,
                                         GCancellable *cancellable, GError **error);

void mmc_modem_delete_bearer_async (MmcModem *self, MmcBearer *bearer, GCancellable *cancellable,
                                    GAsyncReadyCallback callback, gpointer user_data);
gboolean mmc_modem_delete_bearer_finish (MmcModem *self, GAsyncResult *result, GError **error);
gboolean mmc_modem_delete_bearer_sync (MmcModem *self, MmcBearer *bearer, GCancellable *cancellable,
                                       GError **error);

void mmc_modem_list_bearers_async (MmcModem *self, GCancellable *cancellable, GAsyncReadyCallback callback,
                                   gpointer user_data);
GList *mmc_modem_list_bearers_finish (MmcModem *self, GAsyncResult *result, GError **error);
GList *mmc_modem_list_bearers_sync (MmcModem *self, GCancellable *cancellable, GError **error);

void mmc_modem_simple_connect_async (MmcModem *self, const MmcConnectSettings *settings,
                                     GCancellable *cancellable, GAsyncReadyCallback callback,
                                     gpointer user_data);
MmcBearer *mmc_modem_simple_connect_finish (MmcModem *self, GAsyncResult *result, GError **error);
MmcBearer *mmc_modem_simple_connect_sync (MmcModem *self, const MmcConnectSettings *settings,
                                          GCancellable *cancellable, GError **error);

void mmc_modem_simple_disconnect_async (MmcModem *self, MmcBearer *bearer, GCancellable *cancellable,
                                        GAsyncReadyCallback callback, gpointer user_data);
gboolean mmc_modem_simple_disconnect_finish (MmcModem *self, GAsyncResult *result, GError **error);
gboolean mmc_modem_simple_disconnect_sync (MmcModem *self, MmcBearer *bearer, GCancellable *cancellable,
                                           GError **error);

void mmc_modem_create_sms_async (MmcModem *self, const MmcSmsSettings *settings, GCancellable *cancellable,
                                 GAsyncReadyCallback callback, gpointer user_data);
MmcSms *mmc_modem_create_sms_finish (MmcModem *self, GAsyncResult *result, GError **error);
MmcSms *mmc_modem_create_sms_sync (MmcModem *self, const MmcSmsSettings *settings, GCancellable *cancellable,
                                   GError **error);

G_END_DECLS
