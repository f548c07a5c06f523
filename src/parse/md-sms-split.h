/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Splits the text or data of one message into the payloads of its parts
 * (23.040 concatenation): chooses GSM 7-bit or UCS-2, never splits an escape
 * pair or a surrogate pair. Pure. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The alphabet of TP-DCS bits 3..2 (23.038 4). */
typedef enum {
  MD_SMS_ENCODING_UNKNOWN = 0,
  MD_SMS_ENCODING_GSM7 = 1,
  MD_SMS_ENCODING_8BIT = 2,
  MD_SMS_ENCODING_UCS2 = 3,
} MdSmsEncoding;

/* The most parts a message may have (the concatenation IE counts in one
 * octet). */
#define MD_SMS_MAX_PARTS 255

/* Per-part limits: a single part, and a part that carries the 6-octet
 * concatenation UDH (8-bit reference). */
#define MD_SMS_GSM7_SINGLE_SEPTETS 160
#define MD_SMS_GSM7_CONCAT_SEPTETS 153
#define MD_SMS_UCS2_SINGLE_UNITS   70
#define MD_SMS_UCS2_CONCAT_UNITS   67
#define MD_SMS_DATA_SINGLE_OCTETS  140
#define MD_SMS_DATA_CONCAT_OCTETS  134

/* Text to parts. GSM 7-bit when every character is in the default alphabet
 * or its extension table, else UCS-2. Each element of the returned array
 * (GBytes, owned by the array) is one part's payload: unpacked septets for
 * GSM 7-bit (an escape pair counts two septets), UTF-16BE for UCS-2. An
 * empty text is one empty part. More than MD_SMS_MAX_PARTS parts, or invalid
 * UTF-8, is MD_CORE_ERROR_INVALID_ARGS. */
GPtrArray *md_sms_split_text (const char *utf8, MdSmsEncoding *out_encoding, GError **error);

/* 8-bit data to parts of at most 140 octets (134 when more than one part).
 * More than MD_SMS_MAX_PARTS parts is MD_CORE_ERROR_INVALID_ARGS. */
GPtrArray *md_sms_split_data (const guint8 *data, gsize len, GError **error);

G_END_DECLS
