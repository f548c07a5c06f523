/* SPDX-License-Identifier: GPL-2.0-or-later */
/* SIM codes from callers (Sim methods, Simple.Connect "pin"); see
 * md-request-sim.c. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* 4 to 8 digits (3GPP TS 31.101). */
gboolean md_request_check_pin (const char *pin, GError **error);
/* Exactly 8 digits (3GPP TS 31.101). */
gboolean md_request_check_puk (const char *puk, GError **error);

G_END_DECLS
