/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* MmcConnectSettings: what a caller asks of a data connection, as the
 * a{sv} dictionary of Simple.Connect and Modem.CreateBearer. */
#pragma once

#include <gio/gio.h>

#include "mmc-enums.h"

G_BEGIN_DECLS

#define MMC_TYPE_CONNECT_SETTINGS (mmc_connect_settings_get_type ())

typedef struct _MmcConnectSettings MmcConnectSettings;

GType mmc_connect_settings_get_type (void) G_GNUC_CONST;

MmcConnectSettings *mmc_connect_settings_new (void);
MmcConnectSettings *mmc_connect_settings_new_from_variant (GVariant *dictionary, GError **error);
MmcConnectSettings *mmc_connect_settings_copy (const MmcConnectSettings *self);
void mmc_connect_settings_free (MmcConnectSettings *self);
GVariant *mmc_connect_settings_to_variant (const MmcConnectSettings *self);

void mmc_connect_settings_set_apn (MmcConnectSettings *self, const char *apn);
const char *mmc_connect_settings_get_apn (const MmcConnectSettings *self);
void mmc_connect_settings_set_ip_type (MmcConnectSettings *self, MmcBearerIpFamily ip_type);
MmcBearerIpFamily mmc_connect_settings_get_ip_type (const MmcConnectSettings *self);
void mmc_connect_settings_set_user (MmcConnectSettings *self, const char *user);
const char *mmc_connect_settings_get_user (const MmcConnectSettings *self);
void mmc_connect_settings_set_password (MmcConnectSettings *self, const char *password);
const char *mmc_connect_settings_get_password (const MmcConnectSettings *self);
void mmc_connect_settings_set_allowed_auth (MmcConnectSettings *self, MmcBearerAllowedAuth allowed_auth);
MmcBearerAllowedAuth mmc_connect_settings_get_allowed_auth (const MmcConnectSettings *self);
void mmc_connect_settings_set_allow_roaming (MmcConnectSettings *self, gboolean allow_roaming);
gboolean mmc_connect_settings_get_allow_roaming (const MmcConnectSettings *self);
void mmc_connect_settings_set_multiplex (MmcConnectSettings *self, MmcBearerMultiplexSupport multiplex);
MmcBearerMultiplexSupport mmc_connect_settings_get_multiplex (const MmcConnectSettings *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MmcConnectSettings, mmc_connect_settings_free)

G_END_DECLS
