/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Probing a device's ports before a plugin builds the modem: which ones
 * speak AT, which speak MBIM, which are network interfaces. A port string
 * may carry its type ("mbim:/dev/cdc-wdm0", "net:wwan0", "at:/dev/ttyUSB2");
 * an untyped one is tried as AT first, then as MBIM. */
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
  MdModemPortType type; /* AT, MBIM, NET, or UNKNOWN when nothing answered */
  MdAtPort *at;         /* open, for AT ports and unanswered serial ports */
  MdMbimPort *mbim;     /* open, for MBIM ports */
} MdProbedPort;

void md_probed_port_free (MdProbedPort *port);

/* Splits "mbim:/dev/x" into its type and device. Untyped ports give
 * MD_MODEM_PORT_TYPE_UNKNOWN. Fails with MD_CORE_ERROR_INVALID_ARGS on an
 * empty device and MD_CORE_ERROR_UNSUPPORTED on a type modemd cannot drive
 * yet ("qmi:"). */
gboolean md_port_spec_parse (const char *spec, MdModemPortType *out_type, char **out_device, GError **error);

/* Opens and probes every port, in order. Fails when a port cannot be
 * opened or a typed MBIM port does not answer OPEN; the ports opened so far
 * are closed again. Returns a GPtrArray of MdProbedPort* (with free func). */
void md_ports_probe_async (const char *const *specs, const MdPluginSettings *settings,
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

/* The first probed port of type, or NULL. */
MdProbedPort *md_probed_ports_find (GPtrArray *ports, MdModemPortType type);

G_END_DECLS
