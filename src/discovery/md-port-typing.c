/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Decides a port's kind from what the kernel says (driver, subsystem, the
 * wwan port's `type` attribute) and lets the udev hints ID_MD_* / ID_MM_*
 * override it. Pure: reads only the port's gathered facts. */
#include "md-port-typing.h"

#include <stdlib.h>

/* The `type` attribute of a kernel WWAN port (drivers/net/wwan). Types not
 * listed (FIREHOSE, XMMRPC, FASTBOOT, ADB, MIPC, ...) carry no protocol we
 * speak and are ignored. */
static const struct {
  const char *type;
  MdPortKind kind;
} wwan_types[] = {
  { "AT", MD_PORT_KIND_AT },     { "MBIM", MD_PORT_KIND_MBIM }, { "QMI", MD_PORT_KIND_QMI },
  { "QCDM", MD_PORT_KIND_QCDM }, { "NMEA", MD_PORT_KIND_GPS },
};

const char *
md_port_typing_find_driver (const MdDiscoveredPort *port)
{
  /* chain[0] is the port's own class device, which has no driver. */
  for (guint i = 0; i < port->chain->len; i++) {
    MdSysEntry *entry = g_ptr_array_index (port->chain, i);

    if (g_strcmp0 (entry->devtype, "usb_interface") == 0)
      return entry->driver;
    if (g_strcmp0 (entry->devtype, "usb_device") == 0)
      return NULL;
  }
  for (guint i = 0; i < port->chain->len; i++) {
    MdSysEntry *entry = g_ptr_array_index (port->chain, i);

    if (entry->driver)
      return entry->driver;
  }
  return NULL;
}

const MdSysEntry *
md_port_typing_find_usb_interface (const MdDiscoveredPort *port, gint *out_number)
{
  *out_number = -1;
  for (guint i = 0; i < port->chain->len; i++) {
    MdSysEntry *entry = g_ptr_array_index (port->chain, i);
    const char *number;
    char *end = NULL;
    guint64 value;

    if (g_strcmp0 (entry->devtype, "usb_device") == 0)
      return NULL;
    if (g_strcmp0 (entry->devtype, "usb_interface") != 0)
      continue;
    /* sysfs gives bInterfaceNumber as two hex digits. */
    number = md_sys_entry_get_attr (entry, "bInterfaceNumber");
    if (number && *number) {
      value = g_ascii_strtoull (number, &end, 16);
      if (end && !*end && value <= 255)
        *out_number = (gint)value;
    }
    return entry;
  }
  return NULL;
}

static MdPortKind
wwan_kind (const MdDiscoveredPort *port)
{
  const char *type = NULL;

  if (port->chain->len > 0)
    type = md_sys_entry_get_attr (g_ptr_array_index (port->chain, 0), "type");
  if (!type)
    return MD_PORT_KIND_IGNORED;
  for (guint i = 0; i < G_N_ELEMENTS (wwan_types); i++) {
    if (g_ascii_strcasecmp (type, wwan_types[i].type) == 0)
      return wwan_types[i].kind;
  }
  return MD_PORT_KIND_IGNORED;
}

/* The kind the kernel alone tells. */
static MdPortKind
kernel_kind (const MdDiscoveredPort *port)
{
  const char *s = port->subsystem;

  if (g_str_equal (s, "net"))
    return MD_PORT_KIND_NET;
  if (g_str_equal (s, "wwan"))
    return wwan_kind (port);
  if (g_str_equal (s, "qrtr"))
    return MD_PORT_KIND_QMI;
  if (g_str_equal (s, "usbmisc") || g_str_equal (s, "usb")) {
    if (g_strcmp0 (port->driver, "cdc_mbim") == 0)
      return MD_PORT_KIND_MBIM;
    if (g_strcmp0 (port->driver, "qmi_wwan") == 0)
      return MD_PORT_KIND_QMI;
    /* A cdc-wdm of another driver (cdc_wdm itself, huawei_cdc_ncm) may
     * carry AT, QMI or MBIM: probing decides. */
    return MD_PORT_KIND_AT_CANDIDATE;
  }
  if (g_str_equal (s, "tty") || g_str_equal (s, "rpmsg"))
    return MD_PORT_KIND_AT_CANDIDATE;
  return MD_PORT_KIND_IGNORED;
}

static MdAtRoleFlags
hinted_at_roles (const MdDiscoveredPort *port)
{
  MdAtRoleFlags roles = MD_AT_ROLE_NONE;

  if (md_discovered_port_hint_is_set (port, "PORT_TYPE_AT_PRIMARY"))
    roles |= MD_AT_ROLE_PRIMARY;
  if (md_discovered_port_hint_is_set (port, "PORT_TYPE_AT_SECONDARY"))
    roles |= MD_AT_ROLE_SECONDARY;
  if (md_discovered_port_hint_is_set (port, "PORT_TYPE_AT_PPP"))
    roles |= MD_AT_ROLE_PPP;
  return roles;
}

/* The kind a udev hint names, or kernel when none does. Net ports keep
 * their kind: hints name control channels. */
static MdPortKind
hinted_kind (const MdDiscoveredPort *port, MdPortKind kernel)
{
  if (kernel == MD_PORT_KIND_NET)
    return kernel;
  if (md_discovered_port_hint_is_set (port, "PORT_TYPE_QMI"))
    return MD_PORT_KIND_QMI;
  if (md_discovered_port_hint_is_set (port, "PORT_TYPE_MBIM"))
    return MD_PORT_KIND_MBIM;
  if (md_discovered_port_hint_is_set (port, "PORT_TYPE_GPS"))
    return MD_PORT_KIND_GPS;
  if (md_discovered_port_hint_is_set (port, "PORT_TYPE_QCDM"))
    return MD_PORT_KIND_QCDM;
  if (md_discovered_port_hint_is_set (port, "PORT_TYPE_AUDIO"))
    return MD_PORT_KIND_AUDIO;
  if (hinted_at_roles (port) != MD_AT_ROLE_NONE)
    return MD_PORT_KIND_AT;
  return kernel;
}

static guint
parse_baudrate (const char *text)
{
  guint64 value = 0;

  if (!text || !g_ascii_string_to_unsigned (text, 10, 1, 4000000, &value, NULL))
    return 0;
  return (guint)value;
}

static MdFlowControl
parse_flow_control (const char *text)
{
  if (!text)
    return MD_FLOW_CONTROL_UNSET;
  if (g_ascii_strcasecmp (text, "none") == 0)
    return MD_FLOW_CONTROL_NONE;
  if (g_ascii_strcasecmp (text, "xon-xoff") == 0)
    return MD_FLOW_CONTROL_XON_XOFF;
  if (g_ascii_strcasecmp (text, "rts-cts") == 0)
    return MD_FLOW_CONTROL_RTS_CTS;
  return MD_FLOW_CONTROL_UNSET;
}

void
md_port_typing_apply (MdDiscoveredPort *port)
{
  MdPortKind kind;

  g_free (port->driver);
  port->driver = g_strdup (md_port_typing_find_driver (port));
  kind = hinted_kind (port, kernel_kind (port));
  if (md_discovered_port_hint_is_set (port, "PORT_IGNORE"))
    kind = MD_PORT_KIND_IGNORED;
  port->kind = kind;
  port->at_roles = kind == MD_PORT_KIND_AT ? hinted_at_roles (port) : MD_AT_ROLE_NONE;
  port->baudrate = parse_baudrate (md_discovered_port_get_hint (port, "TTY_BAUDRATE"));
  port->flow_control = parse_flow_control (md_discovered_port_get_hint (port, "TTY_FLOW_CONTROL"));
}
