/* SPDX-License-Identifier: GPL-2.0-or-later */
/* MdModem's list of bearers; the D-Bus layer follows "bearer-added" and
 * "bearer-removed" (not "changed") to export and unexport them and to
 * list them. A held bearer is in the list but not yet announced. */
#include "md-modem-private.h"

#include "md-bearer.h"

/* One PPP/AT context at a time is what a plain AT modem can do; protocol
 * plugins with more sessions (MBIM's max sessions) raise it. */
#define DEFAULT_MAX_BEARERS 1

void
md_modem_add_bearer (MdModem *self, MdBearer *bearer)
{
  md_modem_hold_bearer (self, bearer);
  md_modem_announce_bearer (self, bearer);
}

void
md_modem_hold_bearer (MdModem *self, MdBearer *bearer)
{
  /* One held at a time: an earlier one is announced first. */
  if (self->held_bearer)
    md_modem_announce_bearer (self, self->held_bearer);
  g_ptr_array_add (self->bearers, g_object_ref (bearer));
  self->held_bearer = bearer;
}

void
md_modem_announce_bearer (MdModem *self, MdBearer *bearer)
{
  if (bearer != self->held_bearer)
    return;
  self->held_bearer = NULL;
  g_signal_emit_by_name (self, "bearer-added", bearer);
}

void
md_modem_remove_bearer (MdModem *self, MdBearer *bearer)
{
  gboolean announced = bearer != self->held_bearer;

  /* The list held the last reference, maybe: keep it for the signal. */
  g_object_ref (bearer);
  if (!announced)
    self->held_bearer = NULL;
  if (g_ptr_array_remove (self->bearers, bearer) && announced)
    g_signal_emit_by_name (self, "bearer-removed", bearer);
  g_object_unref (bearer);
}

GPtrArray *
md_modem_get_bearers (MdModem *self)
{
  return self->bearers;
}

guint
md_modem_get_max_bearers (MdModem *self)
{
  return self->max_bearers ? self->max_bearers : DEFAULT_MAX_BEARERS;
}

void
md_modem_set_max_bearers (MdModem *self, guint max_bearers)
{
  if (self->max_bearers == max_bearers)
    return;
  self->max_bearers = max_bearers;
  md_modem_emit_changed (self);
}

guint
md_modem_get_max_multiplexed_bearers (MdModem *self)
{
  return MIN (self->max_multiplexed_bearers, md_modem_get_max_bearers (self) - 1);
}

void
md_modem_set_max_multiplexed_bearers (MdModem *self, guint count)
{
  if (self->max_multiplexed_bearers == count)
    return;
  self->max_multiplexed_bearers = count;
  md_modem_emit_changed (self);
}
