/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Text or data of one message into per-part payloads (23.040 9.2.3.24.1
 * concatenation). Chooses the alphabet; cuts at the per-part limits without
 * separating an escape pair or a surrogate pair. Pure. */
#include "md-sms-split.h"

#include "md-errors.h"
#include "md-sms-charset.h"

/* Cuts units[0..n) into chunks of at most max units; unit_size bytes each.
 * keep_together (i) is TRUE when unit i must not end a chunk because unit
 * i + 1 belongs to it. */
typedef gboolean (*KeepTogether) (const guint8 *units, gsize n, gsize i);

static gboolean
gsm7_keep (const guint8 *septets, gsize n, gsize i)
{
  /* Encoded text has an escape only as the first of a pair (no extension
   * character is itself an escape). */
  return i + 1 < n && septets[i] == MD_GSM7_ESCAPE;
}

static gboolean
ucs2_keep (const guint8 *be, gsize n, gsize i)
{
  guint unit = (guint)be[2 * i] << 8 | be[2 * i + 1];

  return i + 1 < n && unit >= 0xD800 && unit <= 0xDBFF;
}

static GPtrArray *
cut (const guint8 *units, gsize n, gsize unit_size, gsize single_max, gsize concat_max, KeepTogether keep,
     GError **error)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  gsize start = 0;

  if (n <= single_max) {
    g_ptr_array_add (parts, g_bytes_new (units, n * unit_size));
    return g_steal_pointer (&parts);
  }
  while (start < n) {
    gsize end = MIN (start + concat_max, n);

    if (end < n && keep && keep (units, n, end - 1))
      end--;
    if (parts->len == MD_SMS_MAX_PARTS) {
      g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS, "Message needs more than %u parts",
                   MD_SMS_MAX_PARTS);
      return NULL;
    }
    g_ptr_array_add (parts, g_bytes_new (units + start * unit_size, (end - start) * unit_size));
    start = end;
  }
  return g_steal_pointer (&parts);
}

GPtrArray *
md_sms_split_text (const char *utf8, MdSmsEncoding *out_encoding, GError **error)
{
  g_autoptr (GByteArray) septets = NULL;
  g_autoptr (GByteArray) be = NULL;
  GPtrArray *parts;

  *out_encoding = MD_SMS_ENCODING_UNKNOWN;
  if (md_gsm7_can_encode (utf8)) {
    septets = md_gsm7_from_utf8 (utf8, error);
    if (!septets)
      return NULL;
    parts = cut (septets->data, septets->len, 1, MD_SMS_GSM7_SINGLE_SEPTETS, MD_SMS_GSM7_CONCAT_SEPTETS,
                 gsm7_keep, error);
    if (parts)
      *out_encoding = MD_SMS_ENCODING_GSM7;
    return parts;
  }
  be = md_ucs2_from_utf8 (utf8, error);
  if (!be)
    return NULL;
  parts
    = cut (be->data, be->len / 2, 2, MD_SMS_UCS2_SINGLE_UNITS, MD_SMS_UCS2_CONCAT_UNITS, ucs2_keep, error);
  if (parts)
    *out_encoding = MD_SMS_ENCODING_UCS2;
  return parts;
}

GPtrArray *
md_sms_split_data (const guint8 *data, gsize len, GError **error)
{
  return cut (data, len, 1, MD_SMS_DATA_SINGLE_OCTETS, MD_SMS_DATA_CONCAT_OCTETS, NULL, error);
}
