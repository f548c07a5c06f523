/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Identity responses: +CGMI/+CGMM/+CGMR values with or without their
 * echoed prefix and quotes, the IMEI of +CGSN, and what ATI tells. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The value of an information response: "+CGMI: \"Quectel\"" → "Quectel",
 * "Quectel" → "Quectel". prefix ("+CGMI:") is skipped where present,
 * case-insensitively; with prefix NULL any leading "+NAME:" is. Surrounding
 * quotes and blanks go; multi-line answers are joined with one space.
 * NULL for an empty answer. */
char *md_at_info_value (const char *response, const char *prefix);

/* The first 15-digit IMEI in response: a bare line, or after "+CGSN:",
 * "+GSN:", "#CGSN:" or "IMEI:" (so an ATI answer works too), with quotes
 * and blanks removed ("35 209900 176148 1" → "352099001761481"). NULL when
 * there is none. */
char *md_at_parse_imei (const char *response);

/* Fills what it finds; each out pointer may be NULL, and one that already
 * holds a value is left as is, so answers can be combined. Understands
 * "Manufacturer: X" / "Model: Y" / "Revision: Z" lines (Sierra, Huawei,
 * SIMCom, u-blox) and the plain "X\nY\nRevision: Z" or "X\nY\nZ" form
 * (Quectel). */
void md_at_parse_ati (const char *response, char **manufacturer, char **model, char **revision);

G_END_DECLS
