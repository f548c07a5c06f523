/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The generic plugin: any modem without a vendor plugin. A modem with an
 * MBIM port is driven with MBIM Basic Connect (plugins/mbim), one with a
 * QMI port with QMI (plugins/qmi), their AT ports held as secondary ports;
 * otherwise with the standard 3GPP AT command set (plugins/at). Includes
 * only the plugin API. */
#include "md-plugin-generic.h"

static const char *const generic_subsystems[] = { "tty", "usbmisc", "usb", "wwan", "net", "rpmsg", NULL };

static MdModem *
generic_create (guint modem_id, const MdPluginDevice *device, const MdPluginSettings *settings,
                GError **error)
{
  if (md_plugin_device_find_port (device, MD_MODEM_PORT_TYPE_MBIM))
    return md_mbim_modem_build (modem_id, md_plugin_generic.name, device, settings, &md_mbim_modem_ops);
  if (md_plugin_device_find_port (device, MD_MODEM_PORT_TYPE_QMI))
    return md_qmi_modem_build (modem_id, md_plugin_generic.name, device, settings, &md_qmi_modem_ops);
  return md_at_modem_build (modem_id, md_plugin_generic.name, device, &md_at_modem_ops);
}

const MdPlugin md_plugin_generic = {
  .name = "generic",
  .match = { .subsystems = generic_subsystems },
  .create = generic_create,
  .join_port = md_qmi_modem_join_port,
  .leave_port = md_qmi_modem_leave_port,
};
