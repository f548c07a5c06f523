/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What the protocol drivers (plugins/at, plugins/mbim, plugins/qmi) give device plugins:
 * their ops tables to compose and override, the functions that build a
 * modem of their protocol from probed ports, and the AT calls a vendor op
 * runs on the modem's AT control port. Included by plugin-api.h; no
 * protocol type appears here. */
#pragma once

#include <gio/gio.h>

#include "md-modem.h"

G_BEGIN_DECLS

typedef struct _MdPluginDevice MdPluginDevice;
typedef struct _MdPluginSettings MdPluginSettings;
typedef struct _MdProbedPort MdProbedPort;

/* --- AT (plugins/at) -------------------------------------------------------- */

/* The ops tables implemented with standard 3GPP AT commands. */
extern const MdModemInitOps md_at_init_ops;
extern const MdModemSimOps md_at_sim_ops;
extern const MdModemPowerOps md_at_power_ops;
extern const MdModemNetregOps md_at_netreg_ops;
extern const MdModemBearerOps md_at_bearer_ops;
extern const MdModemSignalOps md_at_signal_ops;
extern const MdModemTimeOps md_at_time_ops;
extern const MdModemLocationOps md_at_location_ops;
extern const MdModemUssdOps md_at_ussd_ops;
extern const MdModemFirmwareOps md_at_firmware_ops;
extern const MdModemProfileOps md_at_profile_ops;
extern const MdModemSmsOps md_at_sms_ops;
/* All of the above. */
extern const MdModemOps md_at_modem_ops;

/* Builds an MdModem with ops from device's probed ports: the AT port a udev
 * rule named, else the first that answered AT, is held as primary, the
 * other AT ports as secondary, unanswered serial ports as watched. */
MdModem *md_at_modem_build (guint modem_id, const char *plugin_name, const MdPluginDevice *device,
                            const MdModemOps *ops);

/* Runs one command on the modem's AT control port (the AT primary port,
 * else the first AT secondary port: an MBIM modem's AT tty). */
void md_at_modem_command (MdModem *modem, const char *command, guint timeout_ms, GCancellable *cancellable,
                          GAsyncReadyCallback callback, gpointer user_data);
char *md_at_modem_command_finish (MdModem *modem, GAsyncResult *result, GError **error);

/* Calls fn (modem, line) for each unsolicited line starting with prefix on
 * the modem's AT control port, as long as the port is open and the modem
 * has not vanished. Fails, as md_at_modem_command does, when the modem
 * has no open AT control port. */
typedef void (*MdAtModemReportFn) (MdModem *modem, const char *line);
gboolean md_at_modem_watch_reports (MdModem *modem, const char *prefix, MdAtModemReportFn fn, GError **error);

/* Runs command on the AT control port and completes once the command
 * succeeded and a line starting with prefix arrived (watched from before
 * the command is written); fails with the command's error, with
 * MD_SERIAL_ERROR_RESPONSE_TIMEOUT when no such line came within wait_ms of
 * the answer, or with MD_SERIAL_ERROR_NOT_OPEN when the port went away. */
void md_at_modem_command_until_async (MdModem *modem, const char *command, guint timeout_ms,
                                      const char *prefix, guint wait_ms, GCancellable *cancellable,
                                      GAsyncReadyCallback callback, gpointer user_data);
gboolean md_at_modem_command_until_finish (MdModem *modem, GAsyncResult *result, GError **error);

/* --- MBIM (plugins/mbim) ------------------------------------------------------ */

/* The ops tables implemented with MBIM Basic Connect. */
extern const MdModemInitOps md_mbim_init_ops;
extern const MdModemSimOps md_mbim_sim_ops;
extern const MdModemPowerOps md_mbim_power_ops;
extern const MdModemNetregOps md_mbim_netreg_ops;
extern const MdModemBearerOps md_mbim_bearer_ops;
extern const MdModemSignalOps md_mbim_signal_ops;
extern const MdModemFirmwareOps md_mbim_firmware_ops;
extern const MdModemProfileOps md_mbim_profile_ops;
extern const MdModemLocationOps md_mbim_location_ops;
extern const MdModemSmsOps md_mbim_sms_ops;
extern const MdModemTimeOps md_mbim_time_ops;
extern const MdModemUssdOps md_mbim_ussd_ops;
/* Bands through QMI over MBIM when the device offers it (else unsupported). */
extern const MdModemBandsOps md_mbim_bands_ops;
/* All of the above. */
extern const MdModemOps md_mbim_modem_ops;

/* Builds an MBIM modem from device's probed ports, which must include an
 * MBIM port (NULL otherwise): the first is held with the driver's state; the AT ports that
 * answered are held as secondary AT ports (AT ops run there), other open
 * serial ports as watched. With settings->fake_net_links the modem keeps
 * its session links in memory instead of creating them over rtnetlink. */
MdModem *md_mbim_modem_build (guint modem_id, const char *plugin_name, const MdPluginDevice *device,
                              const MdPluginSettings *settings, const MdModemOps *ops);

/* --- QMI (plugins/qmi) -------------------------------------------------------- */

/* The ops tables implemented with QMI DMS, UIM, NAS (bands too) and WDS
 * (IPv4 data calls, one at a time). */
extern const MdModemInitOps md_qmi_init_ops;
extern const MdModemSimOps md_qmi_sim_ops;
extern const MdModemPowerOps md_qmi_power_ops;
extern const MdModemNetregOps md_qmi_netreg_ops;
extern const MdModemBandsOps md_qmi_bands_ops;
extern const MdModemSignalOps md_qmi_signal_ops;
extern const MdModemLocationOps md_qmi_location_ops;
extern const MdModemFirmwareOps md_qmi_firmware_ops;
extern const MdModemBearerOps md_qmi_bearer_ops;
/* SMS over WMS: storages UIM ("sm") and NV ("me"). */
extern const MdModemSmsOps md_qmi_sms_ops;
/* All of the above. */
extern const MdModemOps md_qmi_modem_ops;

/* Builds a QMI modem from device's probed ports, which must include an
 * open QMI port (NULL otherwise): the first is held as the modem's QMI
 * port; the AT ports that answered are held as secondary AT ports (AT ops
 * run there), other open serial ports as watched. */
MdModem *md_qmi_modem_build (guint modem_id, const char *plugin_name, const MdPluginDevice *device,
                             const MdPluginSettings *settings, const MdModemOps *ops);
/* A plugin's join_port and leave_port for the QMI modems it builds: a late
 * QMI or net port becomes a data path with the other half of its USB
 * interface; a leaving one ends its pair. Nothing for a modem of another
 * protocol (join answers FALSE). */
gboolean md_qmi_modem_join_port (MdModem *modem, MdProbedPort *port);
void md_qmi_modem_leave_port (MdModem *modem, const char *name);

G_END_DECLS
