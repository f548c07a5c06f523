/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Bearer settings from callers (CreateBearer, Simple.Connect); see
 * md-request-bearer.c. */
#pragma once

#include "md-bearer.h"

G_BEGIN_DECLS

#define MD_REQUEST_CREDENTIAL_MAX_LENGTH 255
#define MD_REQUEST_NUMBER_MAX_LENGTH     40

/* Each fails with MD_CORE_ERROR_INVALID_ARGS. */
gboolean md_request_check_apn (const char *apn, GError **error);
/* what: "user" or "password". */
gboolean md_request_check_credential (const char *what, const char *text, GError **error);
gboolean md_request_check_number (const char *number, GError **error);
gboolean md_request_check_allowed_auth (guint32 mask, GError **error);
gboolean md_request_check_ip_type (guint32 ip_type, GError **error);
/* MdBearerMultiplexSupport: unknown, none, requested or required. */
gboolean md_request_check_multiplex (guint32 multiplex, GError **error);

/* Every field set in settings, and their combination (no password without
 * a user). */
gboolean md_request_check_bearer_settings (const MdBearerSettings *settings, GError **error);

G_END_DECLS
