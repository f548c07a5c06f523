/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Power states a caller may ask for (Modem.SetPowerState); see
 * md-request-power.c. */
#pragma once

#include <glib.h>

#include "md-enums.h"

G_BEGIN_DECLS

/* OFF, LOW or ON; UNKNOWN and every other number fail with
 * MD_CORE_ERROR_INVALID_ARGS. */
gboolean md_request_power_state (guint32 value, MdModemPowerState *out_state, GError **error);

G_END_DECLS
