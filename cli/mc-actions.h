/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

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

/* Parses mmcli's "key=value,..." bearer and connect strings into an a{sv}
 * (floating), or NULL with error (mc-connect-string.c). */
typedef enum {
  MC_STRING_BEARER,       /* --create-bearer */
  MC_STRING_SIMPLE,       /* --simple-connect: bearer keys, pin, operator-id */
  MC_STRING_SMS,          /* --messaging-create-sms */
  MC_STRING_KERNEL_EVENT, /* --report-kernel-event */
} McStringKind;
GVariant *mc_connect_string_parse (const char *text, McStringKind kind, GError **error);

/* Wraps a D-Bus failure as mmcli words it: "couldn't X: 'message'". */
gboolean mc_fail (GError **error, GError *cause, const char *what);
