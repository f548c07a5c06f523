/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Decides, without waiting a fixed time, whether a device's ports have
 * arrived: each bound USB interface whose driver creates ports must show
 * them (drivers not listed create nothing discovery waits for); a non-USB
 * device needs its driver-typed control port and its net port. */
#include "md-readiness.h"

typedef enum {
  WANT_TTY = 1 << 0,
  WANT_WDM = 1 << 1, /* a cdc-wdm node (usbmisc, or usb on old kernels) */
  WANT_NET = 1 << 2,
} Want;

static const struct {
  const char *driver;
  Want want;
} port_drivers[] = {
  { "option", WANT_TTY },
  { "qcserial", WANT_TTY },
  { "sierra", WANT_TTY },
  { "zte_ev", WANT_TTY },
  { "moto_modem", WANT_TTY },
  { "cdc_acm", WANT_TTY },
  { "ftdi_sio", WANT_TTY },
  { "cp210x", WANT_TTY },
  { "ch341", WANT_TTY },
  { "pl2303", WANT_TTY },
  { "qmi_wwan", WANT_WDM | WANT_NET },
  { "cdc_mbim", WANT_WDM | WANT_NET },
  { "huawei_cdc_ncm", WANT_WDM | WANT_NET },
  { "cdc_wdm", WANT_WDM },
  { "cdc_ncm", WANT_NET },
  { "cdc_ether", WANT_NET },
  { "sierra_net", WANT_NET },
  { "rndis_host", WANT_NET },
};

#define CDC_DATA_CLASS "0a"

static Want
wanted_by (const char *driver)
{
  if (!driver)
    return 0;
  for (guint i = 0; i < G_N_ELEMENTS (port_drivers); i++) {
    if (g_str_equal (driver, port_drivers[i].driver))
      return port_drivers[i].want;
  }
  return 0;
}

static Want
port_want (const MdDiscoveredPort *port)
{
  if (g_str_equal (port->subsystem, "tty"))
    return WANT_TTY;
  if (g_str_equal (port->subsystem, "usbmisc") || g_str_equal (port->subsystem, "usb"))
    return WANT_WDM;
  if (g_str_equal (port->subsystem, "net"))
    return WANT_NET;
  return 0;
}

/* What the device's ports below interface_path already provide. */
static Want
shown_below (const MdDiscoveredDevice *device, const char *interface_path)
{
  g_autofree char *prefix = g_strconcat (interface_path, "/", NULL);
  Want shown = 0;

  for (guint i = 0; i < device->ports->len; i++) {
    MdDiscoveredPort *port = g_ptr_array_index (device->ports, i);

    if (port->sysfs_path && g_str_has_prefix (port->sysfs_path, prefix))
      shown |= port_want (port);
  }
  return shown;
}

guint
md_readiness_pending_interfaces (const GPtrArray *interfaces, const MdDiscoveredDevice *device)
{
  guint pending = 0;

  for (guint i = 0; i < interfaces->len; i++) {
    MdSysEntry *iface = g_ptr_array_index (interfaces, i);
    Want want = wanted_by (iface->driver);

    if (want == 0 || g_strcmp0 (md_sys_entry_get_attr (iface, "bInterfaceClass"), CDC_DATA_CLASS) == 0)
      continue;
    if ((shown_below (device, iface->path) & want) != want)
      pending++;
  }
  return pending;
}

gboolean
md_readiness_typed_control_and_net (const MdDiscoveredDevice *device)
{
  gboolean control = FALSE;
  gboolean net = FALSE;

  for (guint i = 0; i < device->ports->len; i++) {
    MdDiscoveredPort *port = g_ptr_array_index (device->ports, i);

    if ((port->kind == MD_PORT_KIND_MBIM || port->kind == MD_PORT_KIND_QMI) && port->may_open)
      control = TRUE;
    if (port->kind == MD_PORT_KIND_NET)
      net = TRUE;
  }
  return control && net;
}
