/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Network selection requests: Register (manual or automatic) and Scan. */
#pragma once

#include "md-modem.h"

G_BEGIN_DECLS

/* operator_id: 5 or 6 digits (MCC+MNC), or "" for automatic selection, as
 * the D-Bus layer validated it. Runs as a serialized operation
 * (md-modem-operation.h). */
void md_modem_register_async (MdModem *self, const char *operator_id, GCancellable *cancellable,
                              GAsyncReadyCallback callback, gpointer user_data);
gboolean md_modem_register_finish (MdModem *self, GAsyncResult *result, GError **error);

/* Returns a GPtrArray of MdNetwork*. Not serialized: it changes nothing. */
void md_modem_scan_async (MdModem *self, GCancellable *cancellable, GAsyncReadyCallback callback,
                          gpointer user_data);
GPtrArray *md_modem_scan_finish (MdModem *self, GAsyncResult *result, GError **error);

G_END_DECLS
