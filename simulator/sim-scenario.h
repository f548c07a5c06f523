/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Scenario files: a GKeyFile describing one modem (identity, SIM, network,
 * stores, and which AT commands it lacks), loaded into a fresh model. Every
 * group and key is documented in simulator/README.md. */
#pragma once

#include <glib.h>

#include "sim-at.h"
#include "sim-model.h"

G_BEGIN_DECLS

typedef struct {
  SimModel *model;
  SimAtOptions at;
} SimScenario;

/* Unknown groups and keys and bad values fail with a G_KEY_FILE_ERROR whose
 * message names the group and key. */
SimScenario *sim_scenario_load_file (const char *path, GError **error);
SimScenario *sim_scenario_load_data (const char *data, GError **error);
void sim_scenario_free (SimScenario *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SimScenario, sim_scenario_free)

G_END_DECLS
