/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The generic plugin: any modem without a vendor plugin. Its ports are
 * probed; a modem with an MBIM port is driven with MBIM Basic Connect
 * (plugins/mbim), its AT ports kept as secondary ports; otherwise with the
 * standard 3GPP AT command set (plugins/at). */
#include "md-plugin-generic.h"

#include "md-at-ops.h"
#include "md-mbim-ops.h"

static const char *const generic_subsystems[] = { "tty", "usbmisc", "usb", "wwan", "net", "rpmsg", NULL };

static MdModem *
generic_build (guint modem_id, const MdPluginDevice *device, const MdPluginSettings *settings,
               GPtrArray *probed, gconstpointer build_data)
{
  if (md_probed_ports_find (probed, MD_MODEM_PORT_TYPE_MBIM))
    return md_mbim_modem_build (modem_id, md_plugin_generic.name, device, settings, &md_mbim_modem_ops,
                                probed);
  return md_at_modem_build (modem_id, md_plugin_generic.name, device, &md_at_modem_ops, probed);
}

static void
generic_create_async (guint modem_id, const MdPluginDevice *device, const MdPluginSettings *settings,
                      GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  md_ports_probe_and_build_async (modem_id, device, settings, generic_build, NULL, cancellable, callback,
                                  user_data);
}

const MdPlugin md_plugin_generic = {
  .name = "generic",
  .match = { .subsystems = generic_subsystems },
  .create_async = generic_create_async,
  .create_finish = md_ports_probe_and_build_finish,
};
