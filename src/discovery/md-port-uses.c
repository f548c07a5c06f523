/* SPDX-License-Identifier: GPL-2.0-or-later */
/* See md-port-uses.h. */
#include "md-port-uses.h"

typedef struct {
  MdDiscoveredPort *port; /* a reference */
  MdPortKind kind;
  MdAtRoleFlags at_roles;
  gboolean may_open;
} PortUse;

static void
port_use_clear (PortUse *use)
{
  md_discovered_port_unref (use->port);
}

GArray *
md_port_uses_snapshot (const MdDiscoveredDevice *device)
{
  GArray *uses = g_array_sized_new (FALSE, TRUE, sizeof (PortUse), device->ports->len);

  g_array_set_clear_func (uses, (GDestroyNotify)port_use_clear);
  for (guint i = 0; i < device->ports->len; i++) {
    MdDiscoveredPort *port = g_ptr_array_index (device->ports, i);
    PortUse use = { md_discovered_port_ref (port), port->kind, port->at_roles, port->may_open };

    g_array_append_val (uses, use);
  }
  return uses;
}

static gboolean
in_use (MdPortKind kind, gboolean may_open)
{
  return may_open && kind != MD_PORT_KIND_IGNORED;
}

void
md_port_uses_compare (GArray *before, GPtrArray *ports, MdPortUseChanged changed, gpointer user_data)
{
  for (guint i = 0; i < before->len && i < ports->len; i++) {
    PortUse *was = &g_array_index (before, PortUse, i);
    MdDiscoveredPort *port = g_ptr_array_index (ports, i);

    if (was->kind == port->kind && was->at_roles == port->at_roles && was->may_open == port->may_open)
      continue;
    changed (was->port, was->kind, in_use (was->kind, was->may_open), port,
             in_use (port->kind, port->may_open), user_data);
  }
}
