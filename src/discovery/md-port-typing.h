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

G_END_DECLS
