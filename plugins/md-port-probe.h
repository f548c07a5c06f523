/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Probing a device's ports before a plugin builds the modem, all at once:
 * which ones speak AT, which speak MBIM, which are network interfaces. A
 * Test.SetProfile port string may carry its type ("mbim:/dev/cdc-wdm0",
 * "net:wwan0", "at:/dev/ttyUSB2"); an untyped one is tried as AT first, then
 * as MBIM. Discovery's AT candidates are tried as AT only. */
#pragma once

#include <gio/gio.h>

#include "md-at-port.h"
#include "md-enums.h"
#include "md-mbim-port.h"
#include "plugin-api.h"

G_BEGIN_DECLS

typedef struct {
  char *device;         /* the port without its type prefix */
  char *name;           /* as published in Ports: "ttyUSB2", "wwan0" */
  MdModemPortType type; /* AT, MBIM, NET, or UNKNOWN when nothing answered; QMI, GPS, ... listed only */
  gboolean typed;       /* the type was given, not probed */
  gboolean candidate;   /* a discovered AT candidate */
  gboolean at_primary;  /* named the primary AT port by a udev rule */
  gboolean dropped;     /* a candidate that did not answer */
  MdAtPort *at;         /* open, for AT ports and unanswered serial ports */
  MdMbimPort *mbim;     /* open, for MBIM ports */
} MdProbedPort;

void md_probed_port_free (MdProbedPort *port);

/* Splits "mbim:/dev/x" into its type and device. Untyped ports give
 * MD_MODEM_PORT_TYPE_UNKNOWN. Fails with MD_CORE_ERROR_INVALID_ARGS on an
 * empty device and MD_CORE_ERROR_UNSUPPORTED on a type modemd cannot drive
 * yet ("qmi:"). */
gboolean md_port_spec_parse (const char *spec, MdModemPortType *out_type, char **out_device, GError **error);

/* Opens and probes every port at the same time. Fails when a port that is
 * not a candidate cannot be opened, a typed MBIM port does not answer OPEN,
 * or no control port is left (the error of the first failed port, in the
 * order given); the ports opened are closed again. A candidate that cannot
 * be opened or stays silent is closed and left out. Returns a GPtrArray of
 * MdProbedPort* (with free func), in the order given. */
void md_ports_probe_async (const MdPluginPort *ports, guint n_ports, const MdPluginSettings *settings,
                           GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
GPtrArray *md_ports_probe_finish (GAsyncResult *result, GError **error);

/* Builds a modem from probed ports (takes the port objects it keeps). */
typedef MdModem *(*MdModemBuildFn) (guint modem_id, const MdPluginDevice *device,
                                    const MdPluginSettings *settings, GPtrArray *probed,
                                    gconstpointer build_data);

/* A plugin's whole create_async: probes device's ports, then builds. */
void md_ports_probe_and_build_async (guint modem_id, const MdPluginDevice *device,
                                     const MdPluginSettings *settings, MdModemBuildFn build,
                                     gconstpointer build_data, GCancellable *cancellable,
                                     GAsyncReadyCallback callback, gpointer user_data);
MdModem *md_ports_probe_and_build_finish (GAsyncResult *result, GError **error);

/* The name a Test.SetProfile port is published under: "ttyUSB2" for
 * "/dev/ttyUSB2", the interface for a net port, else the string itself. */
char *md_port_spec_name (MdModemPortType type, const char *device);

/* The first probed port of type, or NULL. */
MdProbedPort *md_probed_ports_find (GPtrArray *ports, MdModemPortType type);

G_END_DECLS
