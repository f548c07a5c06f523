/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The commands a front end received, in order, for tests that must know
 * what reached the modem; see sim-history.c. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _SimHistory SimHistory;

/* What each front end keeps: enough for any test, bounded for long demos. */
#define SIM_HISTORY_KEEP 4096

/* Keeps the last `keep` entries (at least 1). */
SimHistory *sim_history_new (guint keep);
void sim_history_free (SimHistory *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SimHistory, sim_history_free)

void sim_history_add (SimHistory *self, const char *entry);
/* How many entries were ever added; the next one gets this index. */
guint64 sim_history_count (const SimHistory *self);
/* Entry `index` (0 = the first ever added); NULL when not added yet or
 * already dropped. */
const char *sim_history_get (const SimHistory *self, guint64 index);
/* The entry on one line of printable ASCII: '\' as "\\", every other byte
 * outside 0x20-0x7e as "\xhh". NULL like sim_history_get. */
char *sim_history_describe (const SimHistory *self, guint64 index);

G_END_DECLS
