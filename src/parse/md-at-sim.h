/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Parsers of SIM-related 27.007 responses: +CPIN?, +CPINR, +CLCK, the
 * ICCID (+CCID, +ICCID, +CRSM EF_ICCID read), +CIMI and +CNUM; and
 * Quectel's +QSIMSTAT card insertion status. */
#pragma once

#include <glib.h>

#include "md-enums.h"

G_BEGIN_DECLS

/* "+CPIN: READY" / "SIM PIN" / "SIM PUK" / "PH-NET PIN" ... to a lock. */
gboolean md_at_parse_cpin (const char *text, MdModemLock *out_lock, GError **error);

/* "+CPINR: SIM PIN,3,3" lines (Sierra/Simcom/Quectel spelling, with or
 * without quotes) to pairs of (MdModemLock, retries), in a GArray of
 * guint32 pairs. */
GArray *md_at_parse_cpinr (const char *text);

/* "+CLCK: 1" (one class or several lines) to TRUE when any is active. */
gboolean md_at_parse_clck (const char *text, gboolean *out_enabled, GError **error);

/* ICCID from "+CCID: 89...", "+ICCID: 89...", "^ICCID: ..." or bare digits;
 * a trailing 'F' filler is dropped. 19 or 20 digits. */
char *md_at_parse_iccid (const char *text, GError **error);
/* ICCID from "+CRSM: 144,0,"98941000..."": BCD with swapped nibbles. */
char *md_at_parse_crsm_iccid (const char *text, GError **error);

/* Emergency numbers from a READ BINARY of EF_ECC in its GSM format (TS
 * 51.011 10.3.27: three BCD bytes per number, nibbles swapped, 'F' fill),
 * "+CRSM: 144,0,"11F2FF19F1FF..."". Empty entries are skipped; any other
 * status word is an error. */
GStrv md_at_parse_crsm_ecc (const char *text, GError **error);

/* IMSI: 6 to 15 digits, with or without a "+CIMI:" prefix. */
char *md_at_parse_imsi (const char *text, GError **error);

/* Quectel's "+QSIMSTAT: <enable>,<inserted>" (the report, or the answer
 * to AT+QSIMSTAT?): enable 0 or 1; inserted 0 (removed), 1 (inserted) or
 * 2 (unknown). FALSE for any other line or value. */
gboolean md_at_parse_qsimstat (const char *text, guint *out_enabled, guint *out_inserted);

/* "+CNUM: "Name","+49123",145" lines to numbers. */
GStrv md_at_parse_cnum (const char *text);

G_END_DECLS
