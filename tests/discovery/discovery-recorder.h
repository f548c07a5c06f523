/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Records an MdDiscovery's signals as lines ("device-added <uid>",
 * "port-added <name>", ...) and waits for them with a generous limit. */
#pragma once

#include "md-discovery.h"

typedef struct {
  GPtrArray *events; /* char * */
  MdDiscovery *discovery;
} DiscoveryRecorder;

void discovery_recorder_init (DiscoveryRecorder *rec, MdDiscovery *discovery);
void discovery_recorder_clear (DiscoveryRecorder *rec);
/* Creates a discovery from config, records it into rec and starts it;
 * fails the test on any error. */
MdDiscovery *discovery_recorder_start (DiscoveryRecorder *rec, const MdDiscoveryConfig *config);
/* Index of the first recorded line equal to line, or -1. */
gint discovery_recorder_find (DiscoveryRecorder *rec, const char *line);
/* Iterates the main context until line was recorded; fails the test after
 * 30 s. */
void discovery_recorder_wait (DiscoveryRecorder *rec, const char *line);
/* Iterates the main context until nothing is pending (no timers waited for). */
void discovery_recorder_drain (void);
