/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

#include "mc-connect-string.h"
#include "mc-context.h"

/* Each runs one command line's action. FALSE with error (the text after
 * "error: ") when it failed; the caller prints it and exits 1. */
gboolean mc_run_manager (McContext *ctx, GError **error);
gboolean mc_run_modem (McContext *ctx, GError **error);
gboolean mc_run_sim (McContext *ctx, GError **error);
gboolean mc_run_bearer (McContext *ctx, GError **error);
gboolean mc_run_sms (McContext *ctx, GError **error);
/* `modemctl monitor`: JSON lines until SIGINT/SIGTERM. */
gboolean mc_run_monitor (McContext *ctx, GError **error);

/* Wraps a D-Bus failure as mmcli words it: "couldn't X: 'message'". */
gboolean mc_fail (GError **error, GError *cause, const char *what);
