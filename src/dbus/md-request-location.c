/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The location sources Modem.Location.Setup accepts: defined bits only,
 * and only those the modem gives; anything else is refused, never half
 * applied. */
#include "md-request-location.h"

#include "md-enums.h"
#include "md-errors.h"

#define KNOWN_SOURCES                                                                                        \
  (MD_MODEM_LOCATION_SOURCE_3GPP_LAC_CI | MD_MODEM_LOCATION_SOURCE_GPS_RAW                                   \
   | MD_MODEM_LOCATION_SOURCE_GPS_NMEA | MD_MODEM_LOCATION_SOURCE_CDMA_BS                                    \
   | MD_MODEM_LOCATION_SOURCE_GPS_UNMANAGED | MD_MODEM_LOCATION_SOURCE_AGPS_MSA                              \
   | MD_MODEM_LOCATION_SOURCE_AGPS_MSB)

gboolean
md_request_location_sources (guint32 sources, guint32 capabilities, GError **error)
{
  if (sources & ~(guint32)KNOWN_SOURCES) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS, "Unknown location sources 0x%x",
                 sources & ~(guint32)KNOWN_SOURCES);
    return FALSE;
  }
  if (sources & ~capabilities) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED,
                 "Location sources 0x%x are not supported by this modem (it gives 0x%x)",
                 sources & ~capabilities, capabilities);
    return FALSE;
  }
  return TRUE;
}
