/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The AT driver's side of a modem beyond md-driver-api.h: its AT control
 * port and holding its AT ports. */
#pragma once

#include "plugin-api.h"
#include "md-at-port.h"

G_BEGIN_DECLS

/* The modem's AT control port: the primary AT port of an AT modem, else
 * the first secondary AT port (an MBIM or QMI modem's AT tty); NULL after
 * setting error when there is none or it is closed. */
MdAtPort *md_at_modem_control_port (MdModem *modem, GError **error);

/* Holds each open serial port of device in modem (the ones that answered AT
 * in role, the rest as watched), taking them from device. */
void md_at_modem_hold_ports (MdModem *modem, const MdPluginDevice *device, MdPortRole role);

G_END_DECLS
