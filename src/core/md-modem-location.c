/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Location sources of a modem: the capabilities come from its ops, the
 * enabled set and the "signal" flag from Setup. Nothing here talks to the
 * modem: the 3GPP location rides on the registration reports. */
#include "md-modem-location.h"

#include <string.h>

#include "md-log.h"
#include "md-modem-private.h"

guint32
md_modem_location_get_capabilities (MdModem *self)
{
  const MdModemLocationOps *ops = md_modem_get_ops (self)->location;

  return ops ? ops->sources : MD_MODEM_LOCATION_SOURCE_NONE;
}

guint32
md_modem_location_get_enabled (MdModem *self)
{
  if (!self->location_setup_done)
    return md_modem_location_get_capabilities (self) & MD_MODEM_LOCATION_SOURCE_3GPP_LAC_CI;
  return self->location_enabled;
}

gboolean
md_modem_location_get_signals (MdModem *self)
{
  return self->location_signals;
}

void
md_modem_location_setup (MdModem *self, guint32 sources, gboolean signal_location)
{
  g_return_if_fail ((sources & ~md_modem_location_get_capabilities (self)) == 0);
  self->location_setup_done = TRUE;
  self->location_enabled = sources;
  self->location_signals = signal_location;
  md_log_info (self->log_name, "location sources 0x%x, signalled: %s", sources,
               signal_location ? "yes" : "no");
  md_modem_emit_live_changed (self);
}

static void
cell_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  MdModem *self = MD_MODEM (source);
  g_autoptr (GError) error = NULL;
  g_autofree MdCellLocation *cell = g_task_propagate_pointer (G_TASK (result), &error);

  if (!cell) {
    md_log_debug (self->log_name, "cannot read the serving cell: %s", error->message);
  } else if (memcmp (cell, &self->location, sizeof *cell) != 0) {
    self->location = *cell;
    md_modem_emit_live_changed (self);
  }
  g_task_return_boolean (task, TRUE);
}

void
md_modem_location_refresh_async (MdModem *self, GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task = g_task_new (self, NULL, callback, user_data);
  const MdModemLocationOps *ops = md_modem_get_ops (self)->location;

  if (!ops || !ops->load_cell
      || !(md_modem_location_get_enabled (self) & MD_MODEM_LOCATION_SOURCE_3GPP_LAC_CI)
      || md_modem_get_state (self) < MD_MODEM_STATE_ENABLED || md_modem_has_vanished (self)) {
    g_task_return_boolean (task, TRUE);
    g_object_unref (task);
    return;
  }
  ops->load_cell (self, g_task_new (self, NULL, cell_ready, task));
}

void
md_modem_location_refresh_finish (MdModem *self, GAsyncResult *result)
{
  g_task_propagate_boolean (G_TASK (result), NULL);
}

gboolean
md_modem_location_get_3gpp (MdModem *self, const char **out_code, MdCellLocation *out_location)
{
  const char *code = md_modem_get_operator_code (self);
  const MdCellLocation *location = md_modem_get_location (self);

  if (!(md_modem_location_get_enabled (self) & MD_MODEM_LOCATION_SOURCE_3GPP_LAC_CI))
    return FALSE;
  if (md_modem_get_state (self) < MD_MODEM_STATE_ENABLED || !md_modem_is_registered (self))
    return FALSE;
  if (!code || (strlen (code) != 5 && strlen (code) != 6) || !location->cell_id)
    return FALSE;
  *out_code = code;
  *out_location = *location;
  return TRUE;
}
