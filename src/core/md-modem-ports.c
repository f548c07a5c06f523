/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The port objects a modem holds, each in a role, seen only through the
 * common port face (md-port.h): lookup by role, the vanish watch, and
 * closing them when the modem vanishes (and again, a no-op then, when it
 * is finalized). */
#include "md-modem-private.h"

#include "md-log.h"

typedef struct {
  MdPort *port;
  MdPortRole role;
  gulong vanished_id;
} MdHeldPort;

static void
clear_held_port (gpointer data)
{
  MdHeldPort *held = data;

  g_clear_signal_handler (&held->vanished_id, held->port);
  md_port_close (held->port);
  g_clear_object (&held->port);
}

void
md_modem_private_close_ports (MdModem *self)
{
  for (guint i = 0; i < self->held_ports->len; i++)
    md_port_close (g_array_index (self->held_ports, MdHeldPort, i).port);
}

void
md_modem_private_init_ports (MdModem *self)
{
  self->held_ports = g_array_new (FALSE, TRUE, sizeof (MdHeldPort));
  g_array_set_clear_func (self->held_ports, clear_held_port);
}

void
md_modem_private_finalize_ports (MdModem *self)
{
  g_clear_pointer (&self->held_ports, g_array_unref);
}

static void
port_vanished (MdPort *port, const GError *error, gpointer user_data)
{
  MdModem *self = user_data;

  md_log_info (self->log_name, "port %s went away: %s", md_port_get_name (port),
               error ? error->message : "unknown reason");
  md_modem_vanished (self);
}

void
md_modem_hold_port (MdModem *self, MdPort *port, MdPortRole role)
{
  MdHeldPort held = { .port = g_object_ref (port), .role = role };

  /* The modem owns its ports, so the handler never outlives it. */
  held.vanished_id = g_signal_connect (port, "vanished", G_CALLBACK (port_vanished), self);
  g_array_append_val (self->held_ports, held);
  md_log_debug (self->log_name, "port %s: %s", md_port_get_name (port), md_port_role_name (role));
}

MdPort *
md_modem_get_port (MdModem *self, MdPortRole role)
{
  for (guint i = 0; i < self->held_ports->len; i++) {
    MdHeldPort *held = &g_array_index (self->held_ports, MdHeldPort, i);

    if (held->role == role)
      return held->port;
  }
  return NULL;
}

GPtrArray *
md_modem_get_ports_in_role (MdModem *self, MdPortRole role)
{
  GPtrArray *ports = g_ptr_array_new ();

  for (guint i = 0; i < self->held_ports->len; i++) {
    MdHeldPort *held = &g_array_index (self->held_ports, MdHeldPort, i);

    if (held->role == role)
      g_ptr_array_add (ports, held->port);
  }
  return ports;
}
