/* SPDX-License-Identifier: GPL-2.0-or-later */
/* PIN/PUK flows of a modem's SIM; see md-modem-unlock.c. */
#pragma once

#include "md-modem.h"

G_BEGIN_DECLS

/* The codes are validated by the D-Bus layer (md-request-sim.h). */
/* Each runs as a serialized operation (md-modem-operation.h). On a modem
 * whose SIM is blocked for good they fail with MobileEquipment.SimFailure. */
void md_modem_send_pin_async (MdModem *self, const char *pin, GCancellable *cancellable,
                              GAsyncReadyCallback callback, gpointer user_data);
void md_modem_send_puk_async (MdModem *self, const char *puk, const char *new_pin, GCancellable *cancellable,
                              GAsyncReadyCallback callback, gpointer user_data);
void md_modem_enable_pin_async (MdModem *self, const char *pin, gboolean enabled, GCancellable *cancellable,
                                GAsyncReadyCallback callback, gpointer user_data);
void md_modem_change_pin_async (MdModem *self, const char *old_pin, const char *new_pin,
                                GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
/* Finishes any of the four. */
gboolean md_modem_sim_action_finish (MdModem *self, GAsyncResult *result, GError **error);

G_END_DECLS
