/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The one small face every control port shows the modem: its name, device,
 * kind, close, and a "vanished" signal when the device goes away; plus the
 * role a port plays in a modem and one driver-state record per port. Core
 * sees ports only through this header; it never includes a protocol's. */
#pragma once

#include <glib-object.h>

#include "md-enums.h"

G_BEGIN_DECLS

#define MD_TYPE_PORT (md_port_get_type ())
G_DECLARE_INTERFACE (MdPort, md_port, MD, PORT, GObject)

struct _MdPortInterface {
  GTypeInterface parent;

  const char *(*get_name) (MdPort *self);
  const char *(*get_device) (MdPort *self);
  MdModemPortType (*get_kind) (MdPort *self);
  void (*close) (MdPort *self);
};

/* What a port does in its modem. */
typedef enum {
  MD_PORT_ROLE_AT_PRIMARY,   /* an AT modem's command port */
  MD_PORT_ROLE_AT_SECONDARY, /* another AT port that answered (an MBIM or QMI modem's AT port) */
  MD_PORT_ROLE_AT_PPP,       /* an AT port kept for data calls */
  MD_PORT_ROLE_MBIM,
  MD_PORT_ROLE_QMI,
  MD_PORT_ROLE_NET,
  MD_PORT_ROLE_GPS,
  MD_PORT_ROLE_WATCHED, /* held open only to notice the device going away */
} MdPortRole;

/* "ttyUSB2", "cdc-wdm0": the path relative to /dev, else the device string. */
const char *md_port_get_name (MdPort *self);
/* What was opened: "/dev/ttyUSB2", "abstract:NAME". */
const char *md_port_get_device (MdPort *self);
/* MD_MODEM_PORT_TYPE_AT, _MBIM, ... */
MdModemPortType md_port_get_kind (MdPort *self);
/* Closes the port (fails what is pending, emits nothing) and drops its
 * driver state. */
void md_port_close (MdPort *self);

/* The protocol driver's record kept with this port (one per port), freed
 * by destroy on md_port_close, on replacement or when the port goes. Drivers
 * wrap these in typed accessors. */
void md_port_set_driver_state (MdPort *self, gpointer state, GDestroyNotify destroy);
gpointer md_port_get_driver_state (MdPort *self);

/* For implementations: emits "vanished" (GError *error), which says the
 * device went away after every pending request was failed. */
void md_port_emit_vanished (MdPort *self, const GError *error);

/* "AT primary", "MBIM", ... for logs. */
const char *md_port_role_name (MdPortRole role);

G_END_DECLS
