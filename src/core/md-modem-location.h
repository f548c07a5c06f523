/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Modem.Location in the core: which sources the modem gives and which are
 * on; the 3GPP location itself is the registration's (md-modem-3gpp.c). */
#pragma once

#include "md-modem.h"

G_BEGIN_DECLS

/* The MdModemLocationSource bits the modem's ops give (0: none). */
guint32 md_modem_location_get_capabilities (MdModem *self);
/* The sources on: 3GPP LAC/CI from the start where the modem gives it, as
 * ModemManager does, until a Setup says otherwise. */
guint32 md_modem_location_get_enabled (MdModem *self);
gboolean md_modem_location_get_signals (MdModem *self);
/* sources: a subset of the capabilities, as the D-Bus layer checked. */
void md_modem_location_setup (MdModem *self, guint32 sources, gboolean signal_location);

/* The 3GPP location while registered with a known operator and cell:
 * out_code is the MCC+MNC. FALSE when not known. */
gboolean md_modem_location_get_3gpp (MdModem *self, const char **out_code, MdCellLocation *out_location);

/* Reads the serving cell through the location ops where the protocol needs
 * that (while enabled, with 3GPP on); completes at once otherwise. Never
 * fails: a cell that cannot be read stays as it was. */
void md_modem_location_refresh_async (MdModem *self, GAsyncReadyCallback callback, gpointer user_data);
void md_modem_location_refresh_finish (MdModem *self, GAsyncResult *result);

G_END_DECLS
