/* SPDX-License-Identifier: GPL-2.0-or-later */
/* SIM insertion and removal: initialization's record against the modem's
 * later reports (md-modem-sim-presence.h). */
#include "md-modem-sim-presence.h"

#include "md-errors.h"
#include "md-log.h"
#include "md-modem-operation.h"
#include "md-modem-poll.h"
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

static void arm_sim_check (MdModem *self);

static void
sim_checked (GObject *source, GAsyncResult *result, gpointer user_data)
{
  MdModem *self = MD_MODEM (source);
  MdOperation *op = user_data;
  g_autoptr (GError) error = NULL;

  g_task_propagate_int (G_TASK (result), &error);
  md_modem_operation_end (self, op);
  if (md_modem_has_vanished (self))
    return;
  md_modem_report_sim_presence (self, md_sim_presence_from_unlock_check (error));
  if (!md_modem_has_vanished (self))
    arm_sim_check (self);
}

/* Whether the card may be asked now: not powered off (+CFUN=0 may power the
 * card down, and the modem then calls it missing), and no data call
 * starting, up or ending (it may hold the only AT port). */
static gboolean
card_may_be_checked (MdModem *self)
{
  MdModemState state = md_modem_get_state (self);

  return md_modem_get_power_state (self) != MD_MODEM_POWER_STATE_OFF && state != MD_MODEM_STATE_CONNECTING
         && state != MD_MODEM_STATE_CONNECTED && state != MD_MODEM_STATE_DISCONNECTING;
}

/* A turn in the modem's operation queue, as the poll takes it: when any
 * operation runs or waits, this tick is skipped. */
static gboolean
sim_check_due (gpointer user_data)
{
  MdModem *self = user_data;
  MdOperation *op;

  self->sim_check_source = 0;
  if (!card_may_be_checked (self) || !(op = md_modem_operation_try_begin (self, MD_OPERATION_CARD_CHECK))) {
    arm_sim_check (self);
    return G_SOURCE_REMOVE;
  }
  self->ops->sim->load_unlock_required (self, g_task_new (self, NULL, sim_checked, op));
  return G_SOURCE_REMOVE;
}

/* One check at a time: the next is armed when the last one answered. */
static void
arm_sim_check (MdModem *self)
{
  self->sim_check_source = g_timeout_add_seconds (md_modem_poll_get_interval (self), sim_check_due, self);
}

void
md_modem_check_sim_presence_periodically (MdModem *self)
{
  if (self->sim_check_started || md_modem_has_vanished (self) || !self->ops->sim
      || !self->ops->sim->load_unlock_required)
    return;
  self->sim_check_started = TRUE;
  arm_sim_check (self);
}
