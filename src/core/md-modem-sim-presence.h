/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A SIM inserted or removed while the modem runs. Initialization records
 * whether a card was there; the plugin reports what the modem says later
 * (its card indications); a change rebuilds the modem from its device
 * (md_modem_request_rebuild), so the new card is read from the start. */
#pragma once

#include <gio/gio.h>

#include "md-modem.h"

G_BEGIN_DECLS

typedef enum {
  MD_SIM_PRESENCE_UNKNOWN,
  MD_SIM_PRESENCE_ABSENT,
  MD_SIM_PRESENCE_PRESENT,
} MdSimPresence;

/* What the outcome of an unlock check says of the card (load_unlock_required,
 * or a plugin's parse of a card indication that ends the same way): no
 * error, MD_MOBILE_EQUIPMENT_ERROR_SIM_FAILURE or _SIM_WRONG: PRESENT;
 * _SIM_NOT_INSERTED: ABSENT; any other error (busy, no answer): UNKNOWN. */
MdSimPresence md_sim_presence_from_unlock_check (const GError *error);

/* Initialization's record; UNKNOWN until the unlock check ran. */
void md_modem_set_sim_presence (MdModem *self, MdSimPresence presence);
MdSimPresence md_modem_get_sim_presence (MdModem *self);

/* The modem reports its card. When both this and the record are known
 * and differ, the SIM was inserted or removed: the modem asks to be
 * rebuilt. UNKNOWN reports, and reports before the record, change nothing. */
void md_modem_report_sim_presence (MdModem *self, MdSimPresence presence);

/* For modems that report no card changes (a sim ops watch_presence may
 * call it): the card is checked every poll interval by the unlock check
 * itself (sim ops load_unlock_required), judged as initialization judges
 * it, and reported. Each check takes a turn in the modem's operation
 * queue as the poll does (skipped while another operation runs or waits);
 * none runs while the modem is powered off (its card may be powered down)
 * or a data call starts, is up or ends (it may hold the only AT port). An
 * answer that cannot be judged changes nothing. Once per modem; ends when
 * the modem vanishes. */
void md_modem_check_sim_presence_periodically (MdModem *self);

G_END_DECLS
