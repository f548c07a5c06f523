/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

#include <glib.h>

/* The domain of every parse error (code 0); the message says what. */
#define MC_STRING_ERROR (mc_string_error_quark ())
GQuark mc_string_error_quark (void);

/* Parses mmcli's "key=value,..." bearer and connect strings into an a{sv}
 * (floating), or NULL with error (mc-connect-string.c). */
typedef enum {
  MC_STRING_BEARER,       /* --create-bearer */
  MC_STRING_SIMPLE,       /* --simple-connect: bearer keys, pin, operator-id */
  MC_STRING_SMS,          /* --messaging-create-sms */
  MC_STRING_KERNEL_EVENT, /* --report-kernel-event */
} McStringKind;
GVariant *mc_connect_string_parse (const char *text, McStringKind kind, GError **error);
