/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The AT protocol plugin's side of a modem: its AT ports, how they are opened
 * and probed, and the ops tables implemented with AT commands. Vendor
 * plugins build on these. */
#pragma once

#include "plugin-api.h"
#include "md-at-port.h"
#include "md-port-probe.h"

G_BEGIN_DECLS

/* Protocol data of an AT modem (md_modem_get_protocol_data). */
typedef struct {
  GPtrArray *ports;  /* MdAtPort*, every port that answered AT */
  MdAtPort *primary; /* control port, NULL when none answered */
  char *no_answer;   /* why no port answered, when none did */
} MdAtModemData;

MdAtModemData *md_at_modem_data (MdModem *modem);
/* The primary AT port, or NULL after setting error. */
MdAtPort *md_at_modem_primary (MdModem *modem, GError **error);

/* Builds an MdModem with ops from probed ports; takes their AT ports (the
 * first that answered AT is primary). */
MdModem *md_at_modem_build (guint modem_id, const char *plugin_name, const MdPluginDevice *device,
                            const MdModemOps *ops, GPtrArray *probed);
/* A port that closes (the device went away) removes the modem. */
void md_at_modem_watch_port (MdModem *modem, MdAtPort *port);

/* Runs one command on the primary port; for ops. */
void md_at_modem_command (MdModem *modem, const char *command, guint timeout_ms, GCancellable *cancellable,
                          GAsyncReadyCallback callback, gpointer user_data);
char *md_at_modem_command_finish (MdModem *modem, GAsyncResult *result, GError **error);

G_END_DECLS
