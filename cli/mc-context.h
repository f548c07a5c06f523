/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mc-options.h"
#include "mc-output.h"
#include "md-dbus-generated.h"

#define MC_BUS_NAME  "org.freedesktop.ModemManager1"
#define MC_ROOT_PATH "/org/freedesktop/ModemManager1"

/* What every action gets: the bus, the daemon's object manager (modems),
 * the parsed options and the output collector. */
typedef struct {
  GDBusConnection *connection;
  GDBusObjectManager *manager;
  const McOptions *opts;
  McOutput *out;
} McContext;

/* The D-Bus timeout of every call, as mmcli sets it: --timeout seconds
 * (default 30); a negative value leaves GDBus's own default. */
gint mc_timeout_ms (const McContext *ctx);

/* The object at path, bound to one interface, or NULL with error. */
MdDbusModem *mc_modem_iface (MdDbusObject *object);
