/* SPDX-License-Identifier: GPL-2.0-or-later */
/* SIM insertion and removal: initialization's record against the modem's
 * later reports (md-modem-sim-presence.h). */
#include "md-modem-sim-presence.h"

#include "md-errors.h"
#include "md-log.h"
#include "md-modem-private.h"

MdSimPresence
md_sim_presence_from_unlock_check (const GError *error)
{
  if (!error || g_error_matches (error, MD_MOBILE_EQUIPMENT_ERROR, MD_MOBILE_EQUIPMENT_ERROR_SIM_FAILURE)
      || g_error_matches (error, MD_MOBILE_EQUIPMENT_ERROR, MD_MOBILE_EQUIPMENT_ERROR_SIM_WRONG))
    return MD_SIM_PRESENCE_PRESENT;
  if (g_error_matches (error, MD_MOBILE_EQUIPMENT_ERROR, MD_MOBILE_EQUIPMENT_ERROR_SIM_NOT_INSERTED))
    return MD_SIM_PRESENCE_ABSENT;
  return MD_SIM_PRESENCE_UNKNOWN;
}

void
md_modem_set_sim_presence (MdModem *self, MdSimPresence presence)
{
  self->sim_presence = presence;
}

MdSimPresence
md_modem_get_sim_presence (MdModem *self)
{
  return self->sim_presence;
}

void
md_modem_report_sim_presence (MdModem *self, MdSimPresence presence)
{
  if (presence == MD_SIM_PRESENCE_UNKNOWN || self->sim_presence == MD_SIM_PRESENCE_UNKNOWN
      || presence == self->sim_presence)
    return;
  md_modem_request_rebuild (self, MD_MODEM_REBUILD_SIM_CHANGED,
                            presence == MD_SIM_PRESENCE_PRESENT ? "a SIM was inserted"
                                                                : "the SIM was removed");
}
