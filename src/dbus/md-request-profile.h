/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The arguments of Test.SetProfile; see md-request-profile.c. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MD_REQUEST_PROFILE_MAX_PORTS 16

/* id and plugin: 1 to 64 printable ASCII characters; ports: 1 to
 * MD_REQUEST_PROFILE_MAX_PORTS, each 1 to 4096 printable ASCII characters.
 * Fails with MD_CORE_ERROR_INVALID_ARGS. */
gboolean md_request_check_profile (const char *id, const char *plugin, const char *const *ports,
                                   GError **error);

G_END_DECLS
