/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The AT protocol plugin's side of a modem: its AT ports, how they are opened
 * and probed, and the ops tables implemented with AT commands. Vendor
 * plugins build on these. */
#pragma once

#include "plugin-api.h"
#include "md-at-port.h"

G_BEGIN_DECLS

/* The modem's AT control port: the primary AT port of an AT modem, else
 * the first secondary AT port (an MBIM or QMI modem's AT tty); NULL after
 * setting error when there is none or it is closed. */
MdAtPort *md_at_modem_control_port (MdModem *modem, GError **error);

/* Builds an MdModem with ops from probed ports: the AT port a udev rule
 * named, else the first that answered AT, is held as primary, the other
 * AT ports as secondary, unanswered serial ports as watched. */
MdModem *md_at_modem_build (guint modem_id, const char *plugin_name, const MdPluginDevice *device,
                            const MdModemOps *ops);
/* Holds each open serial port of device in modem (the ones that answered AT
 * in role, the rest as watched), taking them from device. */
void md_at_modem_hold_ports (MdModem *modem, const MdPluginDevice *device, MdPortRole role);

/* Runs one command on the control port; for ops. */
void md_at_modem_command (MdModem *modem, const char *command, guint timeout_ms, GCancellable *cancellable,
                          GAsyncReadyCallback callback, gpointer user_data);
char *md_at_modem_command_finish (MdModem *modem, GAsyncResult *result, GError **error);

G_END_DECLS
