/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Publishes a bearer as /org/freedesktop/ModemManager1/Bearer/N. */
#pragma once

#include <gio/gio.h>

#include "md-authorizer.h"
#include "md-bearer.h"
#include "md-modem.h"

G_BEGIN_DECLS

typedef struct _MdBearerExport MdBearerExport;

/* The bearer's calls are authorized by authorizer (referenced by the gate). */
MdBearerExport *md_bearer_export_new (MdModem *modem, MdBearer *bearer,
                                      GDBusObjectManagerServer *object_manager, MdAuthorizer *authorizer);
void md_bearer_export_free (MdBearerExport *self);
const char *md_bearer_export_get_path (MdBearerExport *self);
/* The Bearer interface skeleton (tests read the published values there). */
GDBusInterfaceSkeleton *md_bearer_export_get_skeleton (MdBearerExport *self);

G_END_DECLS
