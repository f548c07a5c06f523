/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Discovered ports as the probe and the plugins take them: the port type a
 * kind publishes, where a node is opened, and the MdPortToProbe of each
 * port that may be opened (declared in manager-private.h). */
#include "manager-private.h"

#include <string.h>

#include "md-port-typing.h"

MdModemPortType
md_manager_port_type (MdPortKind kind)
{
  switch (kind) {
  case MD_PORT_KIND_AT: return MD_MODEM_PORT_TYPE_AT;
  case MD_PORT_KIND_AT_CANDIDATE: return MD_MODEM_PORT_TYPE_UNKNOWN;
  case MD_PORT_KIND_MBIM: return MD_MODEM_PORT_TYPE_MBIM;
  case MD_PORT_KIND_QMI: return MD_MODEM_PORT_TYPE_QMI;
  case MD_PORT_KIND_NET: return MD_MODEM_PORT_TYPE_NET;
  case MD_PORT_KIND_GPS: return MD_MODEM_PORT_TYPE_GPS;
  case MD_PORT_KIND_QCDM: return MD_MODEM_PORT_TYPE_QCDM;
  case MD_PORT_KIND_AUDIO: return MD_MODEM_PORT_TYPE_AUDIO;
  case MD_PORT_KIND_IGNORED: return MD_MODEM_PORT_TYPE_IGNORED;
  }
  return MD_MODEM_PORT_TYPE_IGNORED;
}

static MdPortFlowControl
port_flow_control (MdFlowControl flow_control)
{
  switch (flow_control) {
  case MD_FLOW_CONTROL_UNSET:
  case MD_FLOW_CONTROL_NONE: return MD_PORT_FLOW_CONTROL_NONE;
  case MD_FLOW_CONTROL_XON_XOFF: return MD_PORT_FLOW_CONTROL_XON_XOFF;
  case MD_FLOW_CONTROL_RTS_CTS: return MD_PORT_FLOW_CONTROL_RTS_CTS;
  }
  return MD_PORT_FLOW_CONTROL_NONE;
}

char *
md_manager_device_path (MdManager *self, const MdDiscoveredPort *port)
{
  if (!port->device_file)
    return g_strdup (port->name);
  if (self->config->dev_root && g_str_has_prefix (port->device_file, "/dev/"))
    return g_build_filename (self->config->dev_root, port->device_file + strlen ("/dev/"), NULL);
  return g_strdup (port->device_file);
}

MdPortToProbe
md_manager_port_to_probe (const MdDiscoveredPort *port, const char *path)
{
  gint number = -1;
  const MdSysEntry *interface = md_port_typing_find_usb_interface (port, &number);

  return (MdPortToProbe){
    .device = path,
    .name = port->name,
    .type = md_manager_port_type (port->kind),
    .candidate = port->kind == MD_PORT_KIND_AT_CANDIDATE,
    .at_primary = (port->at_roles & MD_AT_ROLE_PRIMARY) != 0,
    .baud = port->baudrate,
    .flow_control = port_flow_control (port->flow_control),
    .usb_interface = interface ? interface->path : NULL,
    .usb_interface_number = number,
  };
}

GArray *
md_manager_plugin_ports (MdManager *self, const MdDiscoveredDevice *device, GPtrArray *strings)
{
  GArray *ports = g_array_new (FALSE, TRUE, sizeof (MdPortToProbe));

  for (guint i = 0; i < device->ports->len; i++) {
    const MdDiscoveredPort *port = g_ptr_array_index (device->ports, i);
    MdPortToProbe plugin_port;
    char *path;

    if (!port->may_open || port->kind == MD_PORT_KIND_IGNORED)
      continue;
    path = md_manager_device_path (self, port);
    g_ptr_array_add (strings, path);
    plugin_port = md_manager_port_to_probe (port, path);
    g_array_append_val (ports, plugin_port);
  }
  return ports;
}
