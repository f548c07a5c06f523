/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

#include "mc-context.h"

#define MC_MODEM_PREFIX  MC_ROOT_PATH "/Modem"
#define MC_SIM_PREFIX    MC_ROOT_PATH "/SIM"
#define MC_BEARER_PREFIX MC_ROOT_PATH "/Bearer"
#define MC_SMS_PREFIX    MC_ROOT_PATH "/SMS"

/* Every modem object, in the object manager's order (as mmcli). */
GList *mc_modem_objects (McContext *ctx);

/* A modem given as PATH, INDEX, "any" (or a prefix of it) or the modem's
 * Device. */
MdDbusObject *mc_lookup_modem (McContext *ctx, const char *spec, GError **error);
MdDbusSim *mc_lookup_sim (McContext *ctx, const char *spec, GError **error);
MdDbusBearer *mc_lookup_bearer (McContext *ctx, const char *spec, GError **error);
/* The SMS, and (when owner is given) the modem that holds it. */
MdDbusSms *mc_lookup_sms (McContext *ctx, const char *spec, MdDbusObject **owner, GError **error);
/* PATH or INDEX of an object kind as a path, or NULL with error. */
char *mc_object_path (const char *spec, const char *kind, const char *prefix, GError **error);
