/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Hex text <-> bytes, as PDUs travel in AT PDU mode (+CMGR, +CMGS, +CMT)
 * and in logs. Pure; no I/O. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Decodes len characters of hex (len < 0: up to the NUL), upper or lower
 * case, into a new buffer of *out_len bytes. An odd number of digits or a
 * character that is not a hex digit is MD_MESSAGE_ERROR_INVALID_PDU_PARAMETER.
 * An empty string decodes to an empty (non-NULL) buffer. */
guint8 *md_hex_decode (const char *hex, gssize len, gsize *out_len, GError **error);

/* Upper-case hex of len bytes, NUL-terminated. */
char *md_hex_encode (const guint8 *data, gsize len);

G_END_DECLS
