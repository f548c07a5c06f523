/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Network operator ids from callers (Modem3gpp.Register, Simple.Connect
 * "operator-id"); see md-request-network.c. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "" (automatic selection) or MCC+MNC: 5 or 6 digits, MCC not 000. */
gboolean md_request_check_operator_id (const char *operator_id, GError **error);

G_END_DECLS
