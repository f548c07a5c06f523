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

/* Sets up the D-Bus classes of the objects that calls and messages create
 * (bearers, SMS) while the daemon starts, so that the first Connect does not
 * pay for them: the Bearer skeleton's class alone is 0.2 M instructions,
 * 7% of a first Connect on the benchmark's QMI modem. */
void md_standalone_prepare_classes (void);

G_END_DECLS
