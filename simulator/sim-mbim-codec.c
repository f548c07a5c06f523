/* SPDX-License-Identifier: GPL-2.0-or-later */
/* MBIM byte formats: reading and building information buffers, framing
 * and fragmenting replies. See sim-mbim-codec.h. */
#include "sim-mbim-codec.h"

#include <string.h>

/* --- reading ---------------------------------------------------------------- */

guint32
sim_mbim_get_u32 (const guint8 *data)
{
  return (guint32)data[0] | (guint32)data[1] << 8 | (guint32)data[2] << 16 | (guint32)data[3] << 24;
}

static gboolean
in_bounds (const SimMbimReader *r, gsize offset, gsize len)
{
  return offset <= r->len && len <= r->len - offset;
}

gboolean
sim_mbim_read_u32 (const SimMbimReader *r, gsize offset, guint32 *out)
{
  if (!in_bounds (r, offset, 4))
    return FALSE;
  *out = sim_mbim_get_u32 (r->data + offset);
  return TRUE;
}

gboolean
sim_mbim_read_uuid (const SimMbimReader *r, gsize offset, guint8 out[SIM_MBIM_UUID_SIZE])
{
  if (!in_bounds (r, offset, SIM_MBIM_UUID_SIZE))
    return FALSE;
  memcpy (out, r->data + offset, SIM_MBIM_UUID_SIZE);
  return TRUE;
}

gboolean
sim_mbim_read_ref (const SimMbimReader *r, gsize offset, SimMbimReader *out)
{
  guint32 where, size;

  if (!sim_mbim_read_u32 (r, offset, &where) || !sim_mbim_read_u32 (r, offset + 4, &size))
    return FALSE;
  if (size == 0) {
    out->data = r->data;
    out->len = 0;
    return TRUE;
  }
  if (!in_bounds (r, where, size))
    return FALSE;
  out->data = r->data + where;
  out->len = size;
  return TRUE;
}

gboolean
sim_mbim_read_string (const SimMbimReader *r, gsize offset, char **out)
{
  SimMbimReader text;
  g_autofree gunichar2 *units = NULL;
  glong n;

  if (!sim_mbim_read_ref (r, offset, &text) || text.len % 2 != 0)
    return FALSE;
  n = (glong)(text.len / 2);
  units = g_new (gunichar2, n + 1);
  for (glong i = 0; i < n; i++)
    units[i] = (gunichar2)(text.data[2 * i] | text.data[2 * i + 1] << 8);
  *out = g_utf16_to_utf8 (units, n, NULL, NULL, NULL);
  return *out != NULL;
}

/* --- building --------------------------------------------------------------- */

typedef struct {
  guint position; /* in fixed, where the offset goes */
  guint offset;   /* in data */
} Fixup;

struct _SimMbimBuilder {
  GByteArray *fixed;
  GByteArray *data;
  GArray *fixups;
};

SimMbimBuilder *
sim_mbim_builder_new (void)
{
  SimMbimBuilder *b = g_new0 (SimMbimBuilder, 1);

  b->fixed = g_byte_array_new ();
  b->data = g_byte_array_new ();
  b->fixups = g_array_new (FALSE, FALSE, sizeof (Fixup));
  return b;
}

static void
put_u32 (GByteArray *array, guint32 value)
{
  guint8 bytes[4] = { value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff, (value >> 24) & 0xff };

  g_byte_array_append (array, bytes, 4);
}

static void
set_u32 (GByteArray *array, guint position, guint32 value)
{
  array->data[position] = value & 0xff;
  array->data[position + 1] = (value >> 8) & 0xff;
  array->data[position + 2] = (value >> 16) & 0xff;
  array->data[position + 3] = (value >> 24) & 0xff;
}

void
sim_mbim_builder_u32 (SimMbimBuilder *b, guint32 value)
{
  put_u32 (b->fixed, value);
}

void
sim_mbim_builder_u64 (SimMbimBuilder *b, guint64 value)
{
  put_u32 (b->fixed, (guint32)value);
  put_u32 (b->fixed, (guint32)(value >> 32));
}

void
sim_mbim_builder_bytes (SimMbimBuilder *b, const guint8 *data, gsize len)
{
  g_byte_array_append (b->fixed, data, (guint)len);
}

/* Appends data to the variable part, 4-byte aligned, and writes an offset
 * to it (made absolute at the end) into the fixed part. */
static void
add_data (SimMbimBuilder *b, const guint8 *data, gsize len)
{
  static const guint8 zeros[4] = { 0 };
  Fixup fixup = { b->fixed->len, b->data->len };

  if (len == 0) {
    put_u32 (b->fixed, 0);
    return;
  }
  g_array_append_val (b->fixups, fixup);
  put_u32 (b->fixed, 0);
  g_byte_array_append (b->data, data, (guint)len);
  if (len % 4)
    g_byte_array_append (b->data, zeros, (guint)(4 - len % 4));
}

void
sim_mbim_builder_ref (SimMbimBuilder *b, const guint8 *data, gsize len)
{
  add_data (b, data, len);
  put_u32 (b->fixed, (guint32)len);
}

void
sim_mbim_builder_offset (SimMbimBuilder *b, const guint8 *data, gsize len)
{
  add_data (b, data, len);
}

void
sim_mbim_builder_string (SimMbimBuilder *b, const char *utf8)
{
  g_autofree gunichar2 *units = NULL;
  g_autofree guint8 *bytes = NULL;
  glong n = 0;

  if (utf8 && *utf8)
    units = g_utf8_to_utf16 (utf8, -1, NULL, &n, NULL);
  if (!units)
    n = 0;
  bytes = g_new (guint8, 2 * n + 1);
  for (glong i = 0; i < n; i++) {
    bytes[2 * i] = units[i] & 0xff;
    bytes[2 * i + 1] = units[i] >> 8;
  }
  sim_mbim_builder_ref (b, bytes, 2 * (gsize)n);
}

GByteArray *
sim_mbim_builder_end (SimMbimBuilder *b)
{
  GByteArray *out = b->fixed;
  guint fixed_len = out->len;

  for (guint i = 0; i < b->fixups->len; i++) {
    Fixup *fixup = &g_array_index (b->fixups, Fixup, i);

    set_u32 (out, fixup->position, fixed_len + fixup->offset);
  }
  g_byte_array_append (out, b->data->data, b->data->len);
  g_byte_array_unref (b->data);
  g_array_unref (b->fixups);
  g_free (b);
  return out;
}

/* --- framing ---------------------------------------------------------------- */

GPtrArray *
sim_mbim_encode (guint32 type, guint32 transaction_id, const guint8 service[SIM_MBIM_UUID_SIZE], guint32 cid,
                 gboolean with_status, guint32 status, const guint8 *buffer, gsize len, gsize max_transfer)
{
  const gsize overhead = SIM_MBIM_HEADER_SIZE + SIM_MBIM_FRAGMENT_SIZE;
  g_autoptr (GByteArray) payload = g_byte_array_new ();
  GPtrArray *fragments = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  gsize room, total, done = 0;

  g_byte_array_append (payload, service, SIM_MBIM_UUID_SIZE);
  put_u32 (payload, cid);
  if (with_status)
    put_u32 (payload, status);
  put_u32 (payload, (guint32)len);
  if (len > 0)
    g_byte_array_append (payload, buffer, (guint)len);
  room = MAX (max_transfer, SIM_MBIM_MIN_TRANSFER) - overhead;
  total = (payload->len + room - 1) / room;
  for (gsize current = 0; current < total; current++) {
    gsize chunk = MIN (room, payload->len - done);
    GByteArray *fragment = g_byte_array_sized_new ((guint)(overhead + chunk));

    put_u32 (fragment, type);
    put_u32 (fragment, (guint32)(overhead + chunk));
    put_u32 (fragment, transaction_id);
    put_u32 (fragment, (guint32)total);
    put_u32 (fragment, (guint32)current);
    g_byte_array_append (fragment, payload->data + done, (guint)chunk);
    done += chunk;
    g_ptr_array_add (fragments, g_byte_array_free_to_bytes (fragment));
  }
  return fragments;
}
