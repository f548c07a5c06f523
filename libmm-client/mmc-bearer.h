/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* MmcBearer: a packet data bearer (org.freedesktop.ModemManager1.Bearer). */
#pragma once

#include "mmc-bearer-ip-config.h"
#include "mmc-enums.h"
#include "mmc-gdbus.h"

G_BEGIN_DECLS

#define MMC_TYPE_BEARER (mmc_bearer_get_type ())
G_DECLARE_FINAL_TYPE (MmcBearer, mmc_bearer, MMC, BEARER, MmcGdbusBearerProxy)

void mmc_bearer_new (GDBusConnection *connection, const char *path, GCancellable *cancellable,
                     GAsyncReadyCallback callback, gpointer user_data);
MmcBearer *mmc_bearer_new_finish (GAsyncResult *result, GError **error);
MmcBearer *mmc_bearer_new_sync (GDBusConnection *connection, const char *path, GCancellable *cancellable,
                                GError **error);

const char *mmc_bearer_get_path (MmcBearer *self);
gboolean mmc_bearer_get_connected (MmcBearer *self);
const char *mmc_bearer_get_interface (MmcBearer *self);
MmcBearerType mmc_bearer_get_bearer_type (MmcBearer *self);
MmcBearerIpConfig *mmc_bearer_get_ipv4_config (MmcBearer *self);
MmcBearerIpConfig *mmc_bearer_get_ipv6_config (MmcBearer *self);

void mmc_bearer_connect_async (MmcBearer *self, GCancellable *cancellable, GAsyncReadyCallback callback,
                               gpointer user_data);
gboolean mmc_bearer_connect_finish (MmcBearer *self, GAsyncResult *result, GError **error);
gboolean mmc_bearer_connect_sync (MmcBearer *self, GCancellable *cancellable, GError **error);

void mmc_bearer_disconnect_async (MmcBearer *self, GCancellable *cancellable, GAsyncReadyCallback callback,
                                  gpointer user_data);
gboolean mmc_bearer_disconnect_finish (MmcBearer *self, GAsyncResult *result, GError **error);
gboolean mmc_bearer_disconnect_sync (MmcBearer *self, GCancellable *cancellable, GError **error);

G_END_DECLS
