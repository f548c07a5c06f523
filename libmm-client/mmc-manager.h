/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* MmcManager: the entry point. Follows modemd's (or ModemManager's) modems
 * through the ObjectManager at /org/freedesktop/ModemManager1. */
#pragma once

#include "mmc-modem.h"

G_BEGIN_DECLS

#define MMC_TYPE_MANAGER (mmc_manager_get_type ())
G_DECLARE_FINAL_TYPE (MmcManager, mmc_manager, MMC, MANAGER, GObject)

void mmc_manager_new (GDBusConnection *connection, GCancellable *cancellable, GAsyncReadyCallback callback,
                      gpointer user_data);
MmcManager *mmc_manager_new_finish (GAsyncResult *result, GError **error);
MmcManager *mmc_manager_new_sync (GDBusConnection *connection, GCancellable *cancellable, GError **error);

GDBusConnection *mmc_manager_get_connection (MmcManager *self);
char *mmc_manager_get_name_owner (MmcManager *self);
GList *mmc_manager_get_modems (MmcManager *self);
MmcModem *mmc_manager_get_modem (MmcManager *self, const char *path);

void mmc_manager_scan_devices_async (MmcManager *self, GCancellable *cancellable,
                                     GAsyncReadyCallback callback, gpointer user_data);
gboolean mmc_manager_scan_devices_finish (MmcManager *self, GAsyncResult *result, GError **error);
gboolean mmc_manager_scan_devices_sync (MmcManager *self, GCancellable *cancellable, GError **error);

G_END_DECLS
