/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Exporting SIM, bearer (and later SMS and call) objects on the
 * connection, beside the ObjectManager rather than in it: clients such as
 * libmm-glib take every managed object for a modem. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Exports skeleton at path on object_manager's connection; a failure is
 * logged (the object stays unreachable, the daemon keeps running). */
void md_standalone_export (GDBusInterfaceSkeleton *skeleton, GDBusObjectManagerServer *object_manager,
                           const char *path);

G_END_DECLS
