/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Probing a device's ports before a plugin builds the modem, all at once:
 * which ones speak AT, which speak MBIM, which are network interfaces. A
 * Test.SetProfile port string may carry its type ("mbim:/dev/cdc-wdm0",
 * "net:wwan0", "at:/dev/ttyUSB2"); an untyped one is tried as AT first, then
 * as MBIM. Discovery's AT candidates are tried as AT only. */
#pragma once

#include <gio/gio.h>

#include "md-enums.h"
#include "md-port-open.h"
#include "plugin-api.h"

G_BEGIN_DECLS

/* One port of a device, as it is to be probed. */
typedef struct {
  const char *device;   /* what to open: "/dev/ttyUSB2", "abstract:NAME"; NET: the interface */
  const char *name;     /* as published in Ports: "ttyUSB2", "wwan0" */
  MdModemPortType type; /* opened as AT, MBIM or QMI; NET kept by name; UNKNOWN: probed AT, then MBIM */
  gboolean candidate;   /* an AT candidate from discovery: probed as AT only, left out when silent */
  gboolean at_primary;  /* a udev rule names it the primary AT port (ID_MM_PORT_TYPE_AT_PRIMARY) */
  guint baud;           /* a tty's speed (ID_MM_TTY_BAUDRATE); 0: the port's default */
  MdPortFlowControl flow_control; /* a tty's flow control (ID_MM_TTY_FLOW_CONTROL) */
  const char *usb_interface;      /* sysfs path of the port's USB interface; NULL: none known */
  gint usb_interface_number;      /* its bInterfaceNumber; -1 (or 0 with usb_interface NULL): none */
} MdPortToProbe;

/* Closes the port object still held and frees. */
void md_probed_port_free (MdProbedPort *port);

/* Splits "mbim:/dev/x" or "qmi:/dev/x" into its type and device. Untyped
 * ports give MD_MODEM_PORT_TYPE_UNKNOWN. Fails with
 * MD_CORE_ERROR_INVALID_ARGS on an empty device. */
gboolean md_port_spec_parse (const char *spec, MdModemPortType *out_type, char **out_device, GError **error);

/* The name a Test.SetProfile port is published under: "ttyUSB2" for
 * "/dev/ttyUSB2", the interface for a net port, else the string itself. */
char *md_port_spec_name (MdModemPortType type, const char *device);

/* Opens and probes every port at the same time. Fails when a port that is
 * not a candidate cannot be opened, a typed MBIM or QMI port does not open,
 * or no control port is left (the error of the first failed port, in the
 * order given); the ports opened are closed again. A candidate that cannot
 * be opened or stays silent is closed and left out. Returns a GPtrArray of
 * MdProbedPort* (freed with md_probed_port_free), in the order given.
 * settings: whether MBIM and QMI ports are opened through their proxies
 * (NULL: directly). */
void md_ports_probe_async (const MdPortToProbe *ports, guint n_ports, const MdPluginSettings *settings,
                           GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
GPtrArray *md_ports_probe_finish (GAsyncResult *result, GError **error);

G_END_DECLS
