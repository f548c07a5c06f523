/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The Manager object at /org/freedesktop/ModemManager1: the ObjectManager of
 * all modems, the Manager interface and, with --test-enable, the Test
 * interface. */
#pragma once

#include <gio/gio.h>

#include "md-daemon-config.h"

G_BEGIN_DECLS

typedef struct _MdManager MdManager;

/* config (borrowed; it outlives the manager) carries the settings: its
 * authorizer authorizes the calls of every exported object (the Test
 * interface is never authorized: the bus keeps it root-only), its plugin
 * settings go to every create call. */
MdManager *md_manager_new (GDBusConnection *connection, const MdDaemonConfig *config, GError **error);
/* Unexports everything and closes every modem's ports. */
void md_manager_free (MdManager *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdManager, md_manager_free)

G_END_DECLS
