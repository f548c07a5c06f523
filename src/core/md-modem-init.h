/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Initialization flow of a modem: from the freshly built object to LOCKED,
 * DISABLED or FAILED, through the plugin's init ops. */
#pragma once

#include "md-modem.h"

G_BEGIN_DECLS

/* Fails only when the modem vanished or the flow was cancelled; a modem that
 * cannot be initialized ends in the FAILED state and the call succeeds. */
void md_modem_initialize_async (MdModem *self, GCancellable *cancellable, GAsyncReadyCallback callback,
                                gpointer user_data);
/* Resumes a LOCKED modem from the unlock check, after a PIN was accepted. */
void md_modem_initialize_after_unlock_async (MdModem *self, GCancellable *cancellable,
                                             GAsyncReadyCallback callback, gpointer user_data);
gboolean md_modem_initialize_finish (MdModem *self, GAsyncResult *result, GError **error);

G_END_DECLS
