/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Loading scenario files into the model; see ms-scenario.c and README.md. */
#pragma once

#include "ms-model.h"

G_BEGIN_DECLS

gboolean ms_scenario_load (MsModel *model, const char *path, GError **error);
/* "home", "roaming", ... and "lte", "umts", ... as used by scenarios and
 * the control socket. */
gboolean ms_parse_registration (const char *text, MsRegistration *out);
gboolean ms_parse_technology (const char *text, guint *out_act);

G_END_DECLS
