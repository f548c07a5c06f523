/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Port typing: the kind, AT roles, serial settings and driver of a port,
 * decided from the facts a backend gathered (kernel first, udev hints
 * override). Pure: no I/O. */
#pragma once

#include "md-discovery-types.h"

G_BEGIN_DECLS

/* Sets port->driver, kind, at_roles, baudrate and flow_control from
 * port->properties and port->chain. may_open is left alone. */
void md_port_typing_apply (MdDiscoveredPort *port);

/* The driver that serves the port: the USB interface's driver when the port
 * sits below one, else the nearest parent with a driver; NULL if none. */
const char *md_port_typing_find_driver (const MdDiscoveredPort *port);
/* The USB interface the port sits on (the first usb_interface of its
 * chain below the USB device), or NULL; *out_number its bInterfaceNumber
 * (-1 when the attribute is missing or bad). Net and cdc-wdm ports of one
 * qmi_wwan function share it: it pairs them. */
const MdSysEntry *md_port_typing_find_usb_interface (const MdDiscoveredPort *port, gint *out_number);

G_END_DECLS
