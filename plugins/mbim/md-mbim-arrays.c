/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Arrays of MBIM messages that libmbim 1.28 reads unsafely. It allocates
 * count + 1 pointers before it reads any element, so a count near 2^32 from
 * a broken device asks for tens of gigabytes, and 0xFFFFFFFF wraps to an
 * empty allocation that libmbim then writes into: counts are checked
 * against the information buffer first. A string array with one bad
 * element is freed twice by libmbim: the telephone numbers are read here. */
#include "md-mbim-arrays.h"

#include <string.h>

#include "md-errors.h"

typedef struct {
  guint32 offset;   /* of the count in the information buffer */
  guint32 min_size; /* bytes each element takes at least */
} CountField;

/* Where the information buffer starts: after the header (type, length,
 * transaction), the fragment header, the service UUID, the CID, (for
 * COMMAND_DONE) the status, and the buffer length. */
#define COMMAND_DONE_BUFFER    48
#define INDICATE_STATUS_BUFFER 44

/* The information buffer as libmbim reads it: its reads are bounded by the
 * end of the message, not by the buffer's own length field, so neither are
 * these checks. */
static const guint8 *
information_buffer (MbimMessage *message, guint32 *out_len)
{
  guint32 raw_len = 0;
  const guint8 *raw = mbim_message_get_raw (message, &raw_len, NULL);
  guint32 start = 0;

  *out_len = 0;
  switch (mbim_message_get_message_type (message)) {
  case MBIM_MESSAGE_TYPE_COMMAND_DONE: start = COMMAND_DONE_BUFFER; break;
  case MBIM_MESSAGE_TYPE_INDICATE_STATUS: start = INDICATE_STATUS_BUFFER; break;
  case MBIM_MESSAGE_TYPE_INVALID:
  case MBIM_MESSAGE_TYPE_OPEN:
  case MBIM_MESSAGE_TYPE_CLOSE:
  case MBIM_MESSAGE_TYPE_COMMAND:
  case MBIM_MESSAGE_TYPE_HOST_ERROR:
  case MBIM_MESSAGE_TYPE_OPEN_DONE:
  case MBIM_MESSAGE_TYPE_CLOSE_DONE:
  case MBIM_MESSAGE_TYPE_FUNCTION_ERROR: return NULL;
  }
  if (!raw || raw_len < start)
    return NULL;
  *out_len = raw_len - start;
  return raw + start;
}

/* A buffer too short to hold a count is left to libmbim, which reports it. */
static gboolean
check_counts (MbimMessage *message, const CountField *fields, guint n_fields, const char *what,
              GError **error)
{
  guint32 len = 0;
  const guint8 *buffer = information_buffer (message, &len);

  for (guint i = 0; buffer && i < n_fields; i++) {
    guint32 count;

    if ((guint64)fields[i].offset + sizeof count > len)
      continue;
    memcpy (&count, buffer + fields[i].offset, sizeof count);
    count = GUINT32_FROM_LE (count);
    if (count > len / fields[i].min_size) {
      g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "%s: %u elements cannot fit in %u bytes", what,
                   count, len);
      return FALSE;
    }
  }
  return TRUE;
}

gboolean
md_mbim_check_ip_configuration (MbimMessage *message, GError **error)
{
  /* IPv4 and IPv6 address elements (prefix length + address), then the
   * IPv4 and IPv6 DNS server addresses. */
  static const CountField fields[] = { { 12, 8 }, { 20, 20 }, { 36, 4 }, { 44, 16 } };

  return check_counts (message, fields, G_N_ELEMENTS (fields), "IP configuration", error);
}

/* Format, then the count of records, each an offset/size pair (8 bytes). */
gboolean
md_mbim_check_sms_read (MbimMessage *message, GError **error)
{
  static const CountField fields[] = { { 4, 8 } };

  return check_counts (message, fields, G_N_ELEMENTS (fields), "SMS read", error);
}

gboolean
md_mbim_check_visible_providers (MbimMessage *message, GError **error)
{
  /* Providers: an offset/size pair each. */
  static const CountField fields[] = { { 0, 8 } };

  return check_counts (message, fields, G_N_ELEMENTS (fields), "Visible Providers", error);
}

static guint32
read_u32 (const guint8 *buffer, guint32 offset)
{
  guint32 value;

  memcpy (&value, buffer + offset, sizeof value);
  return GUINT32_FROM_LE (value);
}

/* size bytes of UTF-16LE at offset; the caller checked the bounds. */
static char *
utf16_string (const guint8 *buffer, guint32 offset, guint32 size, GError **error)
{
  g_autofree gunichar2 *units = g_new (gunichar2, size / 2 + 1);
  g_autoptr (GError) inner = NULL;
  char *text;

  memcpy (units, buffer + offset, size);
  for (guint32 i = 0; i < size / 2; i++)
    units[i] = GUINT16_FROM_LE (units[i]);
  text = g_utf16_to_utf8 (units, size / 2, NULL, NULL, &inner);
  if (!text)
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "Subscriber Ready Status: bad number: %s",
                 inner->message);
  return text;
}

/* Ready state, subscriber id and SIM ICCID (offset/size pairs), ready
 * info, then the count and an offset/size pair per number. */
#define NUMBERS_COUNT 24
#define NUMBERS_PAIRS 28

GStrv
md_mbim_read_telephone_numbers (MbimMessage *message, GError **error)
{
  guint32 len = 0;
  const guint8 *buffer = information_buffer (message, &len);
  g_autoptr (GPtrArray) numbers = g_ptr_array_new_with_free_func (g_free);
  guint32 count;

  if (!buffer || len < NUMBERS_PAIRS) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "Subscriber Ready Status: %u bytes", len);
    return NULL;
  }
  count = read_u32 (buffer, NUMBERS_COUNT);
  if (count > (len - NUMBERS_PAIRS) / 8) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED,
                 "Subscriber Ready Status: %u numbers cannot fit in %u bytes", count, len);
    return NULL;
  }
  for (guint32 i = 0; i < count; i++) {
    guint32 offset = read_u32 (buffer, NUMBERS_PAIRS + 8 * i);
    guint32 size = read_u32 (buffer, NUMBERS_PAIRS + 8 * i + 4);
    char *number;

    if (size == 0)
      continue;
    if (size % 2 || offset > len || size > len - offset) {
      g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED,
                   "Subscriber Ready Status: number %u (%u bytes at %u) is outside %u bytes", i, size, offset,
                   len);
      return NULL;
    }
    number = utf16_string (buffer, offset, size, error);
    if (!number)
      return NULL;
    if (*number)
      g_ptr_array_add (numbers, number);
    else
      g_free (number);
  }
  g_ptr_array_add (numbers, NULL);
  return (GStrv)g_ptr_array_free (g_steal_pointer (&numbers), FALSE);
}
