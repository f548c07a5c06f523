/* SPDX-License-Identifier: GPL-2.0-or-later */
/* MBIM replies that wait: a delay (the scenario's or a control command's)
 * or the registration to settle; finished in order, with indications held
 * meanwhile as while any command runs (sim-mbim-private.h). */
#include "sim-mbim-private.h"

void
sim_mbim_pending_free (SimMbimPending *pending)
{
  g_clear_handle_id (&pending->timer, g_source_remove);
  g_free (pending);
}

static void
pending_finish (SimMbimPending *pending)
{
  SimMbim *self = pending->mbim;
  SimMbimFinish finish = pending->finish;
  guint32 tid = pending->tid;
  gboolean was_busy = self->busy;

  g_ptr_array_remove (self->pending, pending);
  self->busy = TRUE;
  finish (self, tid);
  self->busy = was_busy;
  if (!was_busy)
    sim_mbim_flush_held (self);
}

static gboolean
pending_timeout (gpointer user_data)
{
  SimMbimPending *pending = user_data;

  pending->timer = 0;
  pending_finish (pending);
  return G_SOURCE_REMOVE;
}

void
sim_mbim_defer (SimMbim *self, guint32 tid, guint delay_ms, gboolean wait_registration, SimMbimFinish finish)
{
  SimMbimPending *pending = g_new0 (SimMbimPending, 1);

  pending->mbim = self;
  pending->tid = tid;
  pending->finish = finish;
  pending->wait_registration = wait_registration;
  pending->timer = g_timeout_add (delay_ms, pending_timeout, pending);
  g_ptr_array_add (self->pending, pending);
}

void
sim_mbim_check_registration_waits (SimMbim *self)
{
  for (guint i = 0; i < self->pending->len;) {
    SimMbimPending *pending = g_ptr_array_index (self->pending, i);

    if (pending->wait_registration && !sim_model_registration_pending (self->model))
      pending_finish (pending);
    else
      i++;
  }
}

void
sim_mbim_cancel_pending (SimMbim *self, gboolean all, guint32 tid)
{
  for (guint i = 0; i < self->pending->len;) {
    SimMbimPending *pending = g_ptr_array_index (self->pending, i);

    if (all || pending->tid == tid)
      g_ptr_array_remove_index (self->pending, i);
    else
      i++;
  }
}
