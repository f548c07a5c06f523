/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Profile dictionaries of Modem3gpp.ProfileManager.Set and Delete; see
 * md-request-3gpp-profile.c. */
#pragma once

#include <gio/gio.h>

#include "md-modem-ops.h"

G_BEGIN_DECLS

/* For Set: "apn" (required), "ip-type", "profile-id" (>= 1 updates that
 * profile; absent or -1 stores a new one). Unknown keys and wrong types
 * fail with MD_CORE_ERROR_INVALID_ARGS; keys of the API that modemd does
 * not store (profile-name, user, ...) with MD_CORE_ERROR_UNSUPPORTED. */
MdProfile *md_request_profile_to_set (GVariant *dict, GError **error);
/* For Delete: "profile-id" (>= 1) is required; other profile keys of the
 * API are ignored, unknown keys refused as above. */
gboolean md_request_profile_to_delete (GVariant *dict, gint *out_id, GError **error);

/* A stored profile as a dictionary with ModemManager 1.20's keys. */
GVariant *md_profile_to_variant (const MdProfile *profile);

G_END_DECLS
