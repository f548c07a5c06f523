/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Changing the modes a modem may use (Modem.SetCurrentModes); see
 * md-modem-modes.c. */
#pragma once

#include "md-modem.h"

G_BEGIN_DECLS

/* Runs as a serialized operation. allowed MD_MODEM_MODE_ANY means every
 * mode the modem has. A combination the modem does not list among its
 * supported modes fails with MD_CORE_ERROR_UNSUPPORTED, as does a modem
 * without the op; on success Modem.CurrentModes follows. */
void md_modem_set_current_modes_async (MdModem *self, const MdModeCombination *modes,
                                       GCancellable *cancellable, GAsyncReadyCallback callback,
                                       gpointer user_data);
gboolean md_modem_set_current_modes_finish (MdModem *self, GAsyncResult *result, GError **error);

G_END_DECLS
