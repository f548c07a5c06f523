/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Whether a port may be opened at all: a tty is probed only with positive
 * evidence that it belongs to a modem. Pure: reads only the records. */
#pragma once

#include "md-discovery-config.h"

G_BEGIN_DECLS

/* TRUE when a port of the device asks to ignore the whole device and none
 * asks to process it anyway (ID_MD_/ID_MM_ DEVICE_IGNORE, DEVICE_PROCESS). */
gboolean md_port_evidence_device_ignored (const MdDiscoveredDevice *device);

/* Decides port->may_open in the context of its device (whose other ports
 * are evidence) and the config's plugin knowledge. */
gboolean md_port_evidence_may_open (const MdDiscoveredPort *port, const MdDiscoveredDevice *device,
                                    const MdDiscoveryConfig *config);

/* Sets device->ignored and may_open of every port of the device. */
void md_port_evidence_apply (MdDiscoveredDevice *device, const MdDiscoveryConfig *config);

/* Kernel drivers of modem serial ports (the tty itself is evidence). */
gboolean md_port_evidence_is_modem_serial_driver (const char *driver);

G_END_DECLS
