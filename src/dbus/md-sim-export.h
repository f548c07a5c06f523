/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Publishes a modem's SIM as /org/freedesktop/ModemManager1/SIM/N. */
#pragma once

#include <gio/gio.h>

#include "md-authorizer.h"
#include "md-modem.h"

G_BEGIN_DECLS

typedef struct _MdSimExport MdSimExport;

/* The SIM's calls are authorized by authorizer (referenced by the gate). */
MdSimExport *md_sim_export_new (MdModem *modem, MdSim *sim, GDBusObjectManagerServer *object_manager,
                                MdAuthorizer *authorizer);
void md_sim_export_free (MdSimExport *self);
const char *md_sim_export_get_path (MdSimExport *self);
MdSim *md_sim_export_get_sim (MdSimExport *self);

G_END_DECLS
