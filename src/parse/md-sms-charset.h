/* SPDX-License-Identifier: GPL-2.0-or-later */
/* SMS character sets (3GPP TS 23.038): the GSM 7-bit default alphabet and
 * its extension table <-> UTF-8, septet packing with the fill bits that
 * follow a user data header, and UCS-2/UTF-16BE <-> UTF-8. Pure. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The escape septet that introduces a character of the extension table. */
#define MD_GSM7_ESCAPE 0x1B

/* UTF-8 text to unpacked septets (one byte each, 0..127). A character of the
 * extension table (€ [ ] { } ~ \ ^ | and form feed) becomes the pair ESC, x.
 * A character that neither table holds is MD_CORE_ERROR_INVALID_ARGS; so is
 * invalid UTF-8. */
GByteArray *md_gsm7_from_utf8 (const char *utf8, GError **error);

/* TRUE when every character of utf8 is in the default alphabet or the
 * extension table (so md_gsm7_from_utf8 succeeds). */
gboolean md_gsm7_can_encode (const char *utf8);

/* Unpacked septets to UTF-8. Values above 127 are masked to 7 bits. An escape
 * followed by a septet the extension table does not define stands for that
 * septet of the default alphabet (23.038 6.2.1.1); a trailing escape alone
 * becomes a space. Never fails. */
char *md_gsm7_to_utf8 (const guint8 *septets, gsize n_septets);

/* Packs n_septets septets into octets, LSB first, after fill_bits (0..6) zero
 * bits: the fill that aligns septets to a septet boundary after a UDH.
 * Returns ceil((fill_bits + 7 * n_septets) / 8) octets in *out_len (none
 * when n_septets is 0). */
guint8 *md_gsm7_pack (const guint8 *septets, gsize n_septets, guint fill_bits, gsize *out_len);

/* Unpacks n_septets septets from len octets, skipping fill_bits (0..6) first.
 * MD_MESSAGE_ERROR_INVALID_PDU_PARAMETER when the octets hold fewer bits
 * than fill_bits + 7 * n_septets. */
guint8 *md_gsm7_unpack (const guint8 *packed, gsize len, guint fill_bits, gsize n_septets, GError **error);

/* UTF-16BE (UCS-2 as the network sends it, surrogate pairs allowed) to
 * UTF-8. A lone surrogate becomes U+FFFD; a trailing odd byte is dropped.
 * Never fails. */
char *md_ucs2_to_utf8 (const guint8 *be, gsize len);

/* UTF-8 to UTF-16BE: characters beyond the BMP become surrogate pairs.
 * Invalid UTF-8 is MD_CORE_ERROR_INVALID_ARGS. */
GByteArray *md_ucs2_from_utf8 (const char *utf8, GError **error);

G_END_DECLS
