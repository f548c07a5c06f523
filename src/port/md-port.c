/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The common port face (md-port.h): dispatch to the implementation, the
 * "vanished" signal and the per-port driver state. Built as its own small
 * library so core can hold ports without linking any protocol. */
#include "md-port.h"

G_DEFINE_INTERFACE (MdPort, md_port, G_TYPE_OBJECT)

static guint vanished_signal;
static GQuark driver_state_quark;

static void
md_port_default_init (MdPortInterface *iface)
{
  vanished_signal = g_signal_new ("vanished", MD_TYPE_PORT, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_ERROR);
  driver_state_quark = g_quark_from_static_string ("md-port-driver-state");
}

const char *
md_port_get_name (MdPort *self)
{
  return MD_PORT_GET_IFACE (self)->get_name (self);
}

const char *
md_port_get_device (MdPort *self)
{
  return MD_PORT_GET_IFACE (self)->get_device (self);
}

MdModemPortType
md_port_get_kind (MdPort *self)
{
  return MD_PORT_GET_IFACE (self)->get_kind (self);
}

void
md_port_close (MdPort *self)
{
  MD_PORT_GET_IFACE (self)->close (self);
  g_object_set_qdata (G_OBJECT (self), driver_state_quark, NULL);
}

void
md_port_set_driver_state (MdPort *self, gpointer state, GDestroyNotify destroy)
{
  g_object_set_qdata_full (G_OBJECT (self), driver_state_quark, state, destroy);
}

gpointer
md_port_get_driver_state (MdPort *self)
{
  return g_object_get_qdata (G_OBJECT (self), driver_state_quark);
}

void
md_port_emit_vanished (MdPort *self, const GError *error)
{
  g_signal_emit (self, vanished_signal, 0, error);
}

const char *
md_port_role_name (MdPortRole role)
{
  switch (role) {
  case MD_PORT_ROLE_AT_PRIMARY: return "AT primary";
  case MD_PORT_ROLE_AT_SECONDARY: return "AT secondary";
  case MD_PORT_ROLE_AT_PPP: return "AT PPP";
  case MD_PORT_ROLE_MBIM: return "MBIM";
  case MD_PORT_ROLE_QMI: return "QMI";
  case MD_PORT_ROLE_NET: return "net";
  case MD_PORT_ROLE_GPS: return "GPS";
  case MD_PORT_ROLE_WATCHED: return "watched";
  }
  return "unknown";
}
