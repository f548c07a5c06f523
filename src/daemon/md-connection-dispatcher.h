/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Runs ModemManager's connection dispatcher scripts for the bearers of the
 * modems it watches (md-connection-dispatcher.c). */
#pragma once

#include "md-bearer.h"
#include "md-modem.h"

G_BEGIN_DECLS

typedef struct _MdConnectionDispatcher MdConnectionDispatcher;

/* folders: the connection.d folders, NULL-terminated (copied). */
MdConnectionDispatcher *md_connection_dispatcher_new (const char *const *folders);
/* Follows the modem's bearers, present and future, until unwatched; a
 * watched modem must be unwatched before the dispatcher is freed. */
void md_connection_dispatcher_watch (MdConnectionDispatcher *self, MdModem *modem);
void md_connection_dispatcher_unwatch (MdConnectionDispatcher *self, MdModem *modem);
void md_connection_dispatcher_free (MdConnectionDispatcher *self);

G_END_DECLS
