/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* MmcBearerIpConfig: a connected bearer's IPv4 or IPv6 configuration, read
 * from its Ip4Config / Ip6Config property. */
#pragma once

#include <gio/gio.h>

#include "mmc-enums.h"

G_BEGIN_DECLS

#define MMC_TYPE_BEARER_IP_CONFIG (mmc_bearer_ip_config_get_type ())

typedef struct _MmcBearerIpConfig MmcBearerIpConfig;

GType mmc_bearer_ip_config_get_type (void) G_GNUC_CONST;

MmcBearerIpConfig *mmc_bearer_ip_config_copy (const MmcBearerIpConfig *self);
void mmc_bearer_ip_config_free (MmcBearerIpConfig *self);

MmcBearerIpMethod mmc_bearer_ip_config_get_method (const MmcBearerIpConfig *self);
const char *mmc_bearer_ip_config_get_address (const MmcBearerIpConfig *self);
guint mmc_bearer_ip_config_get_prefix (const MmcBearerIpConfig *self);
const char *mmc_bearer_ip_config_get_gateway (const MmcBearerIpConfig *self);
const char *const *mmc_bearer_ip_config_get_dns (const MmcBearerIpConfig *self);
guint mmc_bearer_ip_config_get_mtu (const MmcBearerIpConfig *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MmcBearerIpConfig, mmc_bearer_ip_config_free)

G_END_DECLS
