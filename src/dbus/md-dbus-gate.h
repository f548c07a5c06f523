/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The gate every incoming method call passes before its handler: methods we
 * do not implement yet answer Error.Core.Unsupported (never a fake success,
 * never a bare UnknownMethod), and later polkit authorization sits here. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* implemented: NULL-terminated method names that have handlers. */
void md_dbus_gate_install (GDBusInterfaceSkeleton *skeleton, const char *const *implemented);

G_END_DECLS
