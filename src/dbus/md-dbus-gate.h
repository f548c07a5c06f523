/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The gate every incoming method call passes before its handler. Each
 * interface has a table with one rule per method: the polkit action the
 * caller needs (or none) and whether modemd implements it. A call is
 * authorized first; then an unimplemented method answers
 * Error.Core.Unsupported and an implemented one reaches its handler. A
 * method without a rule is refused. */
#pragma once

#include <gio/gio.h>

#include "md-authorizer.h"

G_BEGIN_DECLS

/* ModemManager's polkit action ids (data/org.freedesktop.ModemManager1.policy). */
#define MD_ACTION_CONTROL        "org.freedesktop.ModemManager1.Control"
#define MD_ACTION_DEVICE_CONTROL "org.freedesktop.ModemManager1.Device.Control"
#define MD_ACTION_CONTACTS       "org.freedesktop.ModemManager1.Contacts"
#define MD_ACTION_MESSAGING      "org.freedesktop.ModemManager1.Messaging"
#define MD_ACTION_VOICE          "org.freedesktop.ModemManager1.Voice"
#define MD_ACTION_TIME           "org.freedesktop.ModemManager1.Time"
#define MD_ACTION_LOCATION       "org.freedesktop.ModemManager1.Location"
#define MD_ACTION_USSD           "org.freedesktop.ModemManager1.USSD"
#define MD_ACTION_FIRMWARE       "org.freedesktop.ModemManager1.Firmware"
#define MD_ACTION_CELL_BROADCAST "org.freedesktop.ModemManager1.CellBroadcast"

typedef struct {
  const char *method;
  const char *action; /* polkit action id, or NULL: any caller the bus lets through */
  gboolean implemented;
} MdDbusGateRule;

typedef struct {
  const char *interface;
  const MdDbusGateRule *rules; /* ends with a rule whose method is NULL */
} MdDbusGateTable;

/* Every interface's table; the array ends with interface NULL. */
const MdDbusGateTable *md_dbus_gate_tables (void);
const MdDbusGateTable *md_dbus_gate_table_lookup (const char *interface);
const MdDbusGateRule *md_dbus_gate_rule_lookup (const MdDbusGateTable *table, const char *method);

/* Puts the gate in front of skeleton's methods, with the table of the
 * skeleton's interface; called before the skeleton is exported. Calls are
 * authorized with authorizer (referenced) and dispatched in the main
 * context the skeleton was exported from, where GLib delivers them. */
void md_dbus_gate_install (GDBusInterfaceSkeleton *skeleton, MdAuthorizer *authorizer);

G_END_DECLS
