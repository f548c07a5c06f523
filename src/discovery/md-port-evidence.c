/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The rule "never a byte to a non-modem": typed control ports may be
 * opened; a tty (AT candidate) only with evidence from its driver, its
 * device's other ports, a udev tag, or the plugins' knowledge. */
#include "md-port-evidence.h"

/* USB-serial and PCI/PCMCIA drivers that serve only modems. */
static const char *const modem_serial_drivers[] = {
  "option", "qcserial", "sierra", "zte_ev", "moto_modem", "hso", "nozomi", "qcaux", "ipwireless", NULL,
};

/* Generic USB-serial bridges: whatever is attached may not be a modem, so
 * only a udev tag lets discovery open them. */
static const char *const bridge_drivers[] = {
  "ftdi_sio", "cp210x", "ch341", "ch341-uart", "pl2303", NULL,
};

/* usbnet drivers whose net interface only modems have. */
static const char *const wwan_net_drivers[] = {
  "qmi_wwan", "cdc_mbim", "mhi_net", "mhi-net", "sierra_net", "huawei_cdc_ncm", NULL,
};

gboolean
md_port_evidence_is_modem_serial_driver (const char *driver)
{
  return driver && g_strv_contains (modem_serial_drivers, driver);
}

gboolean
md_port_evidence_device_ignored (const MdDiscoveredDevice *device)
{
  gboolean ignore = FALSE;

  for (guint i = 0; i < device->ports->len; i++) {
    MdDiscoveredPort *port = g_ptr_array_index (device->ports, i);

    if (md_discovered_port_hint_is_set (port, "DEVICE_PROCESS"))
      return FALSE;
    if (md_discovered_port_hint_is_set (port, "DEVICE_IGNORE"))
      ignore = TRUE;
  }
  return ignore;
}

static gboolean
is_wwan_net_port (const MdDiscoveredPort *port)
{
  if (!g_str_equal (port->subsystem, "net"))
    return FALSE;
  if (g_strcmp0 (g_hash_table_lookup (port->properties, "DEVTYPE"), "wwan") == 0)
    return TRUE;
  if (port->driver && g_strv_contains (wwan_net_drivers, port->driver))
    return TRUE;
  /* A net interface of a kernel WWAN device hangs below the wwanN device. */
  if (port->chain->len > 1) {
    MdSysEntry *parent = g_ptr_array_index (port->chain, 1);

    return g_strcmp0 (parent->subsystem, "wwan") == 0;
  }
  return FALSE;
}

/* Another port of the device proves it is a modem: a cdc-wdm node, a
 * kernel WWAN port, or a WWAN net interface. */
static gboolean
device_has_wwan_port (const MdDiscoveredDevice *device)
{
  for (guint i = 0; i < device->ports->len; i++) {
    MdDiscoveredPort *other = g_ptr_array_index (device->ports, i);

    if (md_discovered_port_hint_is_set (other, "PORT_IGNORE"))
      continue;
    if (g_str_equal (other->subsystem, "usbmisc") || g_str_equal (other->subsystem, "wwan")
        || (g_str_equal (other->subsystem, "usb") && g_str_has_prefix (other->name, "cdc-wdm"))
        || is_wwan_net_port (other))
      return TRUE;
  }
  return FALSE;
}

static gboolean
tagged_as_modem (const MdDiscoveredPort *port)
{
  return md_discovered_port_hint_is_set (port, "DEVICE_PROCESS")
         || md_discovered_port_hint_is_set (port, "PLATFORM_DRIVER_PROBE");
}

static gboolean
plugins_know (const MdDiscoveredPort *port, const MdDiscoveredDevice *device, const MdDiscoveryConfig *config)
{
  if (device && device->subsystem == MD_PHYS_SUBSYSTEM_USB) {
    for (guint i = 0; i < config->n_known_modems; i++) {
      const MdUsbId *id = &config->known_modems[i];

      if (id->vendor == device->usb_vendor && (id->product == 0 || id->product == device->usb_product))
        return TRUE;
    }
  }
  return config->evidence_func && config->evidence_func (device, port, config->evidence_data);
}

static gboolean
candidate_may_open (const MdDiscoveredPort *port, const MdDiscoveredDevice *device,
                    const MdDiscoveryConfig *config)
{
  gboolean bridge = (port->driver && g_strv_contains (bridge_drivers, port->driver))
                    || (g_str_equal (port->subsystem, "tty") && g_str_has_prefix (port->name, "ttyS"));

  if (tagged_as_modem (port))
    return TRUE;
  if (bridge)
    return FALSE;
  if (md_port_evidence_is_modem_serial_driver (port->driver))
    return TRUE;
  /* A cdc-wdm node is itself a WWAN control channel. */
  if (g_str_equal (port->subsystem, "usbmisc") || g_str_equal (port->subsystem, "usb"))
    return TRUE;
  if (device && device_has_wwan_port (device))
    return TRUE;
  return plugins_know (port, device, config);
}

gboolean
md_port_evidence_may_open (const MdDiscoveredPort *port, const MdDiscoveredDevice *device,
                           const MdDiscoveryConfig *config)
{
  if (device && md_port_evidence_device_ignored (device))
    return FALSE;
  switch (port->kind) {
  case MD_PORT_KIND_IGNORED: return FALSE;
  case MD_PORT_KIND_AT:
  case MD_PORT_KIND_MBIM:
  case MD_PORT_KIND_QMI:
  case MD_PORT_KIND_NET:
  case MD_PORT_KIND_GPS:
  case MD_PORT_KIND_QCDM:
  case MD_PORT_KIND_AUDIO: return TRUE;
  case MD_PORT_KIND_AT_CANDIDATE: return candidate_may_open (port, device, config);
  }
  return FALSE;
}

void
md_port_evidence_apply (MdDiscoveredDevice *device, const MdDiscoveryConfig *config)
{
  device->ignored = md_port_evidence_device_ignored (device);
  for (guint i = 0; i < device->ports->len; i++) {
    MdDiscoveredPort *port = g_ptr_array_index (device->ports, i);

    port->may_open = md_port_evidence_may_open (port, device, config);
  }
}
