/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* libmm-client's internals shared between its files; not installed. */
#pragma once

#include <string.h>

#include "mm-client.h"

#define MMC_DBUS_NAME       "org.freedesktop.ModemManager1"
#define MMC_DBUS_PATH       "/org/freedesktop/ModemManager1"
#define MMC_IFACE_MODEM     "org.freedesktop.ModemManager1.Modem"
#define MMC_IFACE_SIM       "org.freedesktop.ModemManager1.Sim"
#define MMC_IFACE_BEARER    "org.freedesktop.ModemManager1.Bearer"
#define MMC_IFACE_SMS       "org.freedesktop.ModemManager1.Sms"
#define MMC_IFACE_3GPP      "org.freedesktop.ModemManager1.Modem.Modem3gpp"
#define MMC_IFACE_SIMPLE    "org.freedesktop.ModemManager1.Modem.Simple"
#define MMC_IFACE_MESSAGING "org.freedesktop.ModemManager1.Modem.Messaging"

/* mmc-errors.c */
void mmc_errors_register (void);
gboolean mmc_error_is_ours (const GError *error);
/* Finishes a D-Bus call's result: passes ok through, and takes the
 * "GDBus.Error:name: " prefix off errors in our domains. */
gboolean mmc_call_done (gboolean ok, GError **error);

/* mmc-vardict.c */
typedef enum {
  MMC_SLOT_STRING,  /* char ** */
  MMC_SLOT_UINT32,  /* guint32 * (or an enum of that size) */
  MMC_SLOT_INT32,   /* gint32 * */
  MMC_SLOT_BOOLEAN, /* gboolean * */
  MMC_SLOT_BYTES,   /* GBytes ** */
} MmcSlotKind;

typedef struct {
  const char *key;
  MmcSlotKind kind;
  gpointer field;
  gboolean *is_set; /* optional: set to TRUE when the key is read */
} MmcVardictSlot;

gboolean mmc_vardict_take (const MmcVardictSlot *slots, gsize n_slots, const char *what, const char *key,
                           GVariant *value, GError **error);

/* mmc-proxy.c: a proxy of one of our types for an object path. The object
 * must exist: a proxy that finds no properties fails with
 * G_DBUS_ERROR_UNKNOWN_OBJECT. */
void mmc_proxy_new (GType type, const char *interface, GDBusConnection *connection, const char *name,
                    const char *path, GCancellable *cancellable, GAsyncReadyCallback callback,
                    gpointer user_data);
gpointer mmc_proxy_new_finish (GAsyncResult *result, GError **error);
gpointer mmc_proxy_new_sync (GType type, const char *interface, GDBusConnection *connection, const char *name,
                             const char *path, GCancellable *cancellable, GError **error);
/* Proxies for several paths at once; the task's result is a GList. */
void mmc_proxy_list_new (GType type, const char *interface, GDBusConnection *connection, const char *name,
                         const char *const *paths, GCancellable *cancellable, GAsyncReadyCallback callback,
                         gpointer user_data);
GList *mmc_proxy_list_new_finish (GAsyncResult *result, GError **error);
GList *mmc_proxy_list_new_sync (GType type, const char *interface, GDBusConnection *connection,
                                const char *name, const char *const *paths, GCancellable *cancellable,
                                GError **error);

/* mmc-modem.c: FALSE when interface (one of the modem's, or NULL) is
 * there; else TRUE with MMC_CORE_ERROR_UNSUPPORTED naming it. */
gboolean mmc_modem_lacks_interface (MmcModem *self, gpointer interface, const char *name, GError **error);

/* mmc-bearer-ip-config.c */
MmcBearerIpConfig *mmc_bearer_ip_config_new_from_variant (GVariant *dictionary);

/* A GAsyncReadyCallback for a generated call that answers nothing: ends
 * the GTask in user_data with TRUE or the call's error. */
void mmc_task_boolean_ready (GObject *source, GAsyncResult *result, gpointer user_data);
/* Orders proxies by object path, numerically for our paths. */
gint mmc_compare_paths (gconstpointer a, gconstpointer b);

/* Every D-Bus call waits this long: enabling, registering and connecting
 * wait on the network, far beyond GDBus's default of 25 s. */
#define MMC_CALL_TIMEOUT_MSEC (180 * 1000)
