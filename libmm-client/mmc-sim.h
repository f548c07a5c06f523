/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* MmcSim: a SIM card (org.freedesktop.ModemManager1.Sim). */
#pragma once

#include "mmc-enums.h"
#include "mmc-gdbus.h"

G_BEGIN_DECLS

#define MMC_TYPE_SIM (mmc_sim_get_type ())
G_DECLARE_FINAL_TYPE (MmcSim, mmc_sim, MMC, SIM, MmcGdbusSimProxy)

void mmc_sim_new (GDBusConnection *connection, const char *path, GCancellable *cancellable,
                  GAsyncReadyCallback callback, gpointer user_data);
MmcSim *mmc_sim_new_finish (GAsyncResult *result, GError **error);
MmcSim *mmc_sim_new_sync (GDBusConnection *connection, const char *path, GCancellable *cancellable,
                          GError **error);

const char *mmc_sim_get_path (MmcSim *self);
gboolean mmc_sim_get_active (MmcSim *self);
const char *mmc_sim_get_identifier (MmcSim *self);
const char *mmc_sim_get_imsi (MmcSim *self);
const char *mmc_sim_get_operator_identifier (MmcSim *self);
const char *mmc_sim_get_operator_name (MmcSim *self);
MmcSimType mmc_sim_get_sim_type (MmcSim *self);

void mmc_sim_send_pin_async (MmcSim *self, const char *pin, GCancellable *cancellable,
                             GAsyncReadyCallback callback, gpointer user_data);
gboolean mmc_sim_send_pin_finish (MmcSim *self, GAsyncResult *result, GError **error);
gboolean mmc_sim_send_pin_sync (MmcSim *self, const char *pin, GCancellable *cancellable, GError **error);

void mmc_sim_send_puk_async (MmcSim *self, const char *puk, const char *pin, GCancellable *cancellable,
                             GAsyncReadyCallback callback, gpointer user_data);
gboolean mmc_sim_send_puk_finish (MmcSim *self, GAsyncResult *result, GError **error);
gboolean mmc_sim_send_puk_sync (MmcSim *self, const char *puk, const char *pin, GCancellable *cancellable,
                                GError **error);

void mmc_sim_enable_pin_async (MmcSim *self, const char *pin, gboolean enabled, GCancellable *cancellable,
                               GAsyncReadyCallback callback, gpointer user_data);
gboolean mmc_sim_enable_pin_finish (MmcSim *self, GAsyncResult *result, GError **error);
gboolean mmc_sim_enable_pin_sync (MmcSim *self, const char *pin, gboolean enabled, GCancellable *cancellable,
                                  GError **error);

void mmc_sim_change_pin_async (MmcSim *self, const char *old_pin, const char *new_pin,
                               GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
gboolean mmc_sim_change_pin_finish (MmcSim *self, GAsyncResult *result, GError **error);
gboolean mmc_sim_change_pin_sync (MmcSim *self, const char *old_pin, const char *new_pin,
                                  GCancellable *cancellable, GError **error);

G_END_DECLS
