/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Firmware images of a modem (Modem.Firmware): the running one and, where
 * the protocol lists them, the others stored. */
#pragma once

#include "md-modem.h"

G_BEGIN_DECLS

gboolean md_modem_has_firmware (MdModem *self);

/* Returns a GStrv of unique ids, the running image first; empty when the
 * modem did not name its firmware. Changes nothing, so not serialized. */
void md_modem_firmware_list_async (MdModem *self, GAsyncReadyCallback callback, gpointer user_data);
GStrv md_modem_firmware_list_finish (MdModem *self, GAsyncResult *result, GError **error);

G_END_DECLS
