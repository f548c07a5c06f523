/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* MmcSms: one SMS message (org.freedesktop.ModemManager1.Sms). */
#pragma once

#include "mmc-enums.h"
#include "mmc-gdbus.h"

G_BEGIN_DECLS

#define MMC_TYPE_SMS (mmc_sms_get_type ())
G_DECLARE_FINAL_TYPE (MmcSms, mmc_sms, MMC, SMS, MmcGdbusSmsProxy)

void mmc_sms_new (GDBusConnection *connection, const char *path, GCancellable *cancellable,
                  GAsyncReadyCallback callback, gpointer user_data);
MmcSms *mmc_sms_new_finish (GAsyncResult *result, GError **error);
MmcSms *mmc_sms_new_sync (GDBusConnection *connection, const char *path, GCancellable *cancellable,
                          GError **error);

const char *mmc_sms_get_path (MmcSms *self);
MmcSmsState mmc_sms_get_state (MmcSms *self);
MmcSmsPduType mmc_sms_get_pdu_type (MmcSms *self);
MmcSmsStorage mmc_sms_get_storage (MmcSms *self);
const char *mmc_sms_get_number (MmcSms *self);
const char *mmc_sms_get_text (MmcSms *self);

void mmc_sms_send_async (MmcSms *self, GCancellable *cancellable, GAsyncReadyCallback callback,
                         gpointer user_data);
gboolean mmc_sms_send_finish (MmcSms *self, GAsyncResult *result, GError **error);
gboolean mmc_sms_send_sync (MmcSms *self, GCancellable *cancellable, GError **error);

void mmc_sms_store_async (MmcSms *self, MmcSmsStorage storage, GCancellable *cancellable,
                          GAsyncReadyCallback callback, gpointer user_data);
gboolean mmc_sms_store_finish (MmcSms *self, GAsyncResult *result, GError **error);
gboolean mmc_sms_store_sync (MmcSms *self, MmcSmsStorage storage, GCancellable *cancellable, GError **error);

G_END_DECLS
