/* SPDX-License-Identifier: GPL-2.0-or-later */
/* One exported modem object; see md-modem-export.c. */
#pragma once

#include <gio/gio.h>

#include "md-authorizer.h"
#include "md-modem.h"

G_BEGIN_DECLS

typedef struct _MdModemExport MdModemExport;

/* Exports modem at once, its calls authorized by authorizer (referenced); call it only when the primary port
 * is known, as NetworkManager ignores for good a modem that appears without one. */
MdModemExport *md_modem_export_new (MdModem *modem, GDBusObjectManagerServer *object_manager,
                                    MdAuthorizer *authorizer);
void md_modem_export_free (MdModemExport *self);
const char *md_modem_export_get_path (MdModemExport *self);
MdModem *md_modem_export_get_modem (MdModemExport *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdModemExport, md_modem_export_free)

G_END_DECLS
