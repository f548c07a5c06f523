/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Identity responses: +CGMI/+CGMM/+CGMR values with or without their
 * echoed prefix and quotes, the IMEI of +CGSN, and what ATI tells. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "+CGMI: \"Quectel\"" → "Quectel"; "Quectel" → "Quectel"; multi-line
 * answers are joined with a space. NULL for an empty answer. */
char *md_at_info_value (const char *response, const char *prefix);
/* 14 to 17 digits after any "+CGSN:", "IMEI:" prefix and quotes; NULL
 * otherwise. */
char *md_at_parse_imei (const char *response);
/* Fills what it finds (each out value freshly allocated or left as is):
 * "Manufacturer: X", "Model: Y", "Revision: Z" lines, or the plain
 * three-line "X\nY\nZ" form. */
void md_at_parse_ati (const char *response, char **manufacturer, char **model, char **revision);

G_END_DECLS
