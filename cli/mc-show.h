/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

#include "mc-context.h"

/* Each adds the values of one object view to ctx->out (not printed). */
void mc_show_modem (McContext *ctx, MdDbusObject *object);
void mc_show_sim (McContext *ctx, MdDbusSim *sim);
void mc_show_bearer (McContext *ctx, MdDbusBearer *bearer);
void mc_show_sms (McContext *ctx, MdDbusSms *sms);
void mc_show_signal (McContext *ctx, MdDbusModemSignal *sig);

/* Shared value formatting (mc-show-common.c). */
char *mc_hex (GVariant *bytes);
char *mc_ip_family_string (guint32 family);
