/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The generic plugin: any modem that answers AT commands on a serial port,
 * driven with the standard 3GPP command set of plugins/at. */
#include "md-plugin-generic.h"

#include "md-at-ops.h"

static const char *const generic_subsystems[] = { "tty", NULL };

static void
generic_create_async (guint modem_id, const MdPluginDevice *device, GCancellable *cancellable,
                      GAsyncReadyCallback callback, gpointer user_data)
{
  md_at_modem_create_async (modem_id, md_plugin_generic.name, device, &md_at_modem_ops, cancellable, callback,
                            user_data);
}

const MdPlugin md_plugin_generic = {
  .name = "generic",
  .match = { .subsystems = generic_subsystems },
  .create_async = generic_create_async,
  .create_finish = md_at_modem_create_finish,
};
