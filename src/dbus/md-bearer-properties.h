/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Conversions between D-Bus property dictionaries and bearer settings; see
 * md-bearer-properties.c. */
#pragma once

#include <gio/gio.h>

#include "md-modem-connect.h"

G_BEGIN_DECLS

/* Both parse and validate: what they return is safe for the core and the
 * drivers to use as it is (md-request-*.h); failures are
 * MD_CORE_ERROR_INVALID_ARGS. */
/* For CreateBearer: the bearer keys only. */
MdBearerSettings *md_bearer_settings_from_variant (GVariant *dict, GError **error);
/* For Simple.Connect: bearer keys plus "pin" and "operator-id". */
MdSimpleConnectRequest *md_simple_connect_request_from_variant (GVariant *dict, GError **error);
GVariant *md_bearer_settings_to_variant (const MdBearerSettings *settings);
/* An empty dictionary for NULL. */
GVariant *md_ip_config_to_variant (const MdIpConfig *config);

G_END_DECLS
