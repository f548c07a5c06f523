/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Changing the bands a modem may use (Modem.SetCurrentBands); see
 * md-modem-bands.c. */
#pragma once

#include "md-modem.h"

G_BEGIN_DECLS

/* Runs as a serialized operation. bands: guint32 MdModemBand values;
 * ANY alone means every supported band. A band the modem does not list
 * among its supported bands fails with MD_CORE_ERROR_UNSUPPORTED, as does
 * a modem without the op; on success Modem.CurrentBands follows. */
void md_modem_set_current_bands_async (MdModem *self, GArray *bands, GCancellable *cancellable,
                                       GAsyncReadyCallback callback, gpointer user_data);
gboolean md_modem_set_current_bands_finish (MdModem *self, GAsyncResult *result, GError **error);

G_END_DECLS
