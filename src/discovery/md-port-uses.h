/* SPDX-License-Identifier: GPL-2.0-or-later */
/* How the daemon may use each port of a device (kind, AT roles, may be
 * opened), kept before a change uevent re-types its ports, to tell
 * afterwards which ports' use changed. Pure. */
#pragma once

#include "md-discovery-types.h"

G_BEGIN_DECLS

/* The uses of device's ports now, in the order of device->ports. */
GArray *md_port_uses_snapshot (const MdDiscoveredDevice *device);

/* Called for a port whose use differs from before: was is the record
 * before the change (a port the change did not replace is the same record
 * as port, already re-typed: was_kind is its kind before), port the one
 * now; *_in_use whether each may be opened and is not ignored. */
typedef void (*MdPortUseChanged) (MdDiscoveredPort *was, MdPortKind was_kind, gboolean was_in_use,
                                  MdDiscoveredPort *port, gboolean now_in_use, gpointer user_data);

/* Compares before (md_port_uses_snapshot) with ports, position by
 * position; changed may emit signals whose handlers change the device:
 * ports is the caller's own copy. */
void md_port_uses_compare (GArray *before, GPtrArray *ports, MdPortUseChanged changed, gpointer user_data);

G_END_DECLS
