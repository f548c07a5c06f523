/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Modem.Time's state in the core: the last network time zone report, and
 * reading the network time through the time ops. Reports are turned on by
 * the enable flow (md-modem-enable.c), handlers installed by init. */
#include "md-modem-time.h"

#include <string.h>

#include "md-errors.h"
#include "md-log.h"
#include "md-modem-private.h"

gboolean
md_modem_has_time (MdModem *self)
{
  const MdModemOps *ops = md_modem_get_ops (self);

  return ops->time && ops->time->load_network_time;
}

void
md_modem_set_network_timezone (MdModem *self, const MdNetworkTimezone *zone)
{
  if (memcmp (&self->network_timezone, zone, sizeof *zone) == 0)
    return;
  self->network_timezone = *zone;
  md_log_info (md_modem_get_log_name (self), "network time zone: UTC%+d min (DST %d min)", zone->offset,
               zone->has_dst_offset ? zone->dst_offset : 0);
  md_modem_emit_live_changed (self);
}

const MdNetworkTimezone *
md_modem_get_network_timezone (MdModem *self)
{
  return &self->network_timezone;
}

static void
time_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  char *time = g_task_propagate_pointer (G_TASK (result), &error);

  if (!time) {
    g_task_return_error (task, error);
    return;
  }
  g_task_return_pointer (task, time, g_free);
}

void
md_modem_get_network_time_async (MdModem *self, GCancellable *cancellable, GAsyncReadyCallback callback,
                                 gpointer user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  if (!md_modem_has_time (self)) {
    g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED, "The modem has no network time");
    g_object_unref (task);
    return;
  }
  if (md_modem_get_state (self) < MD_MODEM_STATE_ENABLED) {
    g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_WRONG_STATE,
                             "The network time needs the modem enabled");
    g_object_unref (task);
    return;
  }
  md_modem_get_ops (self)->time->load_network_time (self, g_task_new (self, cancellable, time_ready, task));
}

char *
md_modem_get_network_time_finish (MdModem *self, GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
