/* SPDX-License-Identifier: GPL-2.0-or-later */
/* MdModem's SIM side: the SIM object, the lock now required and the retries
 * left for each lock. */
#include "md-modem-private.h"

#include <string.h>

#include "md-log.h"

MdSim *
md_modem_get_sim (MdModem *self)
{
  return self->sim;
}

void
md_modem_set_sim (MdModem *self, MdSim *sim)
{
  if (self->sim == sim)
    return;
  g_set_object (&self->sim, sim);
  md_modem_emit_changed (self);
}

MdModemLock
md_modem_get_unlock_required (MdModem *self)
{
  return self->unlock_required;
}

void
md_modem_set_unlock_required (MdModem *self, MdModemLock lock)
{
  if (self->unlock_required == lock)
    return;
  self->unlock_required = lock;
  md_log_info (self->log_name, "unlock required: %u", lock);
  md_modem_emit_changed (self);
}

GArray *
md_modem_get_unlock_retries (MdModem *self)
{
  return self->unlock_retries;
}

static gboolean
retries_equal (GArray *a, GArray *b)
{
  return a->len == b->len && memcmp (a->data, b->data, a->len * sizeof (MdUnlockRetry)) == 0;
}

void
md_modem_take_unlock_retries (MdModem *self, GArray *retries)
{
  gboolean same = retries_equal (self->unlock_retries, retries);

  g_array_unref (self->unlock_retries);
  self->unlock_retries = retries;
  if (!same)
    md_modem_emit_changed (self);
}
