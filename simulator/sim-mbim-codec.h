/* SPDX-License-Identifier: GPL-2.0-or-later */
/* MBIM byte formats (MBIM 1.0, little endian): bounds-checked reading of
 * information buffers (fixed fields, offset/size pairs, UTF-16LE strings),
 * a builder for them (a fixed part followed by 4-byte aligned variable
 * data, offsets relative to the start of the structure), and the framing
 * of COMMAND_DONE and INDICATE_STATUS messages, fragmented to the host's
 * MaxControlTransfer. No session state lives here. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SIM_MBIM_HEADER_SIZE   12 /* type, length, transaction id */
#define SIM_MBIM_FRAGMENT_SIZE 8  /* total, current */
#define SIM_MBIM_UUID_SIZE     16
/* The smallest MaxControlTransfer MBIM allows; smaller requests are raised. */
#define SIM_MBIM_MIN_TRANSFER 64

/* --- reading ---------------------------------------------------------------- */

typedef struct {
  const guint8 *data;
  gsize len;
} SimMbimReader;

guint32 sim_mbim_get_u32 (const guint8 *data);
gboolean sim_mbim_read_u32 (const SimMbimReader *r, gsize offset, guint32 *out);
gboolean sim_mbim_read_uuid (const SimMbimReader *r, gsize offset, guint8 out[SIM_MBIM_UUID_SIZE]);
/* The offset/size pair at offset names a UTF-16LE string inside r; a zero
 * size (any offset) is the empty string. Fails on bad bounds, an odd size
 * or invalid UTF-16. */
gboolean sim_mbim_read_string (const SimMbimReader *r, gsize offset, char **out);
/* The offset/size pair at offset names a nested structure inside r. */
gboolean sim_mbim_read_ref (const SimMbimReader *r, gsize offset, SimMbimReader *out);

/* --- building --------------------------------------------------------------- */

typedef struct _SimMbimBuilder SimMbimBuilder;

SimMbimBuilder *sim_mbim_builder_new (void);
void sim_mbim_builder_u32 (SimMbimBuilder *b, guint32 value);
void sim_mbim_builder_u64 (SimMbimBuilder *b, guint64 value);
void sim_mbim_builder_bytes (SimMbimBuilder *b, const guint8 *data, gsize len);
/* An offset/size pair to a UTF-16LE copy of utf8 (NULL or "": 0, 0). */
void sim_mbim_builder_string (SimMbimBuilder *b, const char *utf8);
/* An offset/size pair to a copy of data (a nested structure). */
void sim_mbim_builder_ref (SimMbimBuilder *b, const guint8 *data, gsize len);
/* Only an offset to a copy of data (0 when len is 0), as IP_CONFIGURATION
 * lays out its arrays. */
void sim_mbim_builder_offset (SimMbimBuilder *b, const guint8 *data, gsize len);
/* The finished structure; frees the builder. */
GByteArray *sim_mbim_builder_end (SimMbimBuilder *b);

/* --- framing ---------------------------------------------------------------- */

/* Encodes COMMAND_DONE (with_status) or INDICATE_STATUS (without) and splits
 * it into fragments of at most max_transfer bytes: each a full header with
 * its own length and the same transaction id, then total/current; the
 * first carries service, cid, [status], buffer length, the rest continue
 * the payload. Returns GBytes. */
GPtrArray *sim_mbim_encode (guint32 type, guint32 transaction_id, const guint8 service[SIM_MBIM_UUID_SIZE],
                            guint32 cid, gboolean with_status, guint32 status, const guint8 *buffer,
                            gsize len, gsize max_transfer);

G_END_DECLS
