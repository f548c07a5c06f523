/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Power states and mode combinations a caller may ask for
 * (Modem.SetPowerState, Modem.SetCurrentModes); see md-request-power.c. */
#pragma once

#include <glib.h>

#include "md-enums.h"

G_BEGIN_DECLS

/* OFF, LOW or ON; UNKNOWN and every other number fail with
 * MD_CORE_ERROR_INVALID_ARGS. */
gboolean md_request_power_state (guint32 value, MdModemPowerState *out_state, GError **error);

/* Modem.SetCurrentModes' (allowed, preferred): allowed is ANY or a
 * non-empty set of the known MdModemMode bits (CS, 2G, 3G, 4G, 5G);
 * preferred is NONE or one bit of allowed (ANY: any one known bit). Other
 * values fail with MD_CORE_ERROR_INVALID_ARGS. Whether the modem has the
 * combination is for core to say. */
gboolean md_request_modes (guint32 allowed, guint32 preferred, GError **error);

/* Modem.SetCurrentBands' bands: 1 to MD_REQUEST_MAX_BANDS MdModemBand
 * values, none UNKNOWN, no repeats, ANY only alone. Which bands the modem
 * has is for core to say. */
#define MD_REQUEST_MAX_BANDS 256
gboolean md_request_bands (const guint32 *bands, gsize n_bands, GError **error);

G_END_DECLS
