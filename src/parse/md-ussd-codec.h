/* SPDX-License-Identifier: GPL-2.0-or-later */
/* USSD strings as the network codes them (TS 23.038 clause 5, CBS data
 * coding): the alphabet a DCS names, the check network text passes, and
 * the packed GSM 7-bit / UCS-2 payloads of protocols that carry bytes
 * (MBIM's USSD service). Pure. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The DCS modems accept for a request: GSM 7 bit, language unspecified. */
#define MD_USSD_DCS_GSM7 0x0F

typedef enum {
  MD_USSD_ALPHABET_GSM7,
  MD_USSD_ALPHABET_UCS2,
  MD_USSD_ALPHABET_OTHER,
} MdUssdAlphabet;

MdUssdAlphabet md_ussd_dcs_alphabet (guint dcs);

/* Whether network text may go into D-Bus properties and logs: valid UTF-8,
 * no control characters but CR and LF. */
gboolean md_ussd_text_acceptable (const char *text);

/* Text to GSM 7-bit packed octets (MD_USSD_DCS_GSM7); 7 spare bits at the
 * end are filled with CR (23.038 6.1.2.3.1). Text the GSM alphabets do not
 * hold is MD_CORE_ERROR_INVALID_ARGS. */
GByteArray *md_ussd_encode_gsm7 (const char *utf8, GError **error);

/* A payload in the coding dcs names to UTF-8: GSM 7-bit packed (a trailing
 * CR filling 7 spare bits dropped) or UCS-2. Other codings, a surrogate
 * left alone, odd UCS-2 and unacceptable text are MD_CORE_ERROR_FAILED. */
char *md_ussd_decode (guint dcs, const guint8 *payload, gsize len, GError **error);

G_END_DECLS
