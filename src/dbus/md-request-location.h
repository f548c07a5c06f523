/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Arguments of Modem.Location.Setup; see md-request-location.c. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* sources: MdModemLocationSource bits the modem gives (capabilities).
 * Bits the API does not define fail with MD_CORE_ERROR_INVALID_ARGS;
 * defined sources the modem does not give (GNSS, CDMA base station, ...)
 * with MD_CORE_ERROR_UNSUPPORTED. */
gboolean md_request_location_sources (guint32 sources, guint32 capabilities, GError **error);

G_END_DECLS
