/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Enable/disable and power-state flows; see md-modem-enable.c. */
#pragma once

#include "md-modem.h"

G_BEGIN_DECLS

/* Both run as serialized operations (md-modem-operation.h). An enable
 * fails when the modem leaves a command unanswered. */
void md_modem_enable_async (MdModem *self, gboolean enable, GCancellable *cancellable,
                            GAsyncReadyCallback callback, gpointer user_data);
gboolean md_modem_enable_finish (MdModem *self, GAsyncResult *result, GError **error);

/* Lowering power needs a disabled modem, as in ModemManager. */
void md_modem_set_power_state_async (MdModem *self, MdModemPowerState power, GCancellable *cancellable,
                                     GAsyncReadyCallback callback, gpointer user_data);
gboolean md_modem_set_power_state_finish (MdModem *self, GAsyncResult *result, GError **error);

G_END_DECLS
