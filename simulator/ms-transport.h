/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The AT transport of the simulator; see ms-transport.c. */
#pragma once

#include "ms-at.h"

G_BEGIN_DECLS

typedef struct _MsTransport MsTransport;

/* spec: "pty", or "abstract:NAME". */
MsTransport *ms_transport_new (MsModel *model, const char *spec, GError **error);
/* The pty's slave path, or the abstract name. */
const char *ms_transport_get_name (MsTransport *self);
/* Closes every fd, as a device that was pulled out. */
void ms_transport_unplug (MsTransport *self);
void ms_transport_free (MsTransport *self);

G_END_DECLS
