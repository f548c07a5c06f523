/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Element counts of MBIM arrays, checked against the information buffer
 * before libmbim parses the message: libmbim 1.28 allocates count + 1
 * pointers before it reads any element, so a count near 2^32 from a broken
 * device asks for tens of gigabytes, and 0xFFFFFFFF wraps to an empty
 * allocation that libmbim then writes into. */
#include "md-mbim-counts.h"

#include <string.h>

#include "md-errors.h"

typedef struct {
  guint32 offset;   /* of the count in the information buffer */
  guint32 min_size; /* bytes each element takes at least */
} CountField;

static const guint8 *
information_buffer (MbimMessage *message, guint32 *out_len)
{
  switch (mbim_message_get_message_type (message)) {
  case MBIM_MESSAGE_TYPE_COMMAND_DONE:
    return mbim_message_command_done_get_raw_information_buffer (message, out_len);
  case MBIM_MESSAGE_TYPE_INDICATE_STATUS:
    return mbim_message_indicate_status_get_raw_information_buffer (message, out_len);
  case MBIM_MESSAGE_TYPE_INVALID:
  case MBIM_MESSAGE_TYPE_OPEN:
  case MBIM_MESSAGE_TYPE_CLOSE:
  case MBIM_MESSAGE_TYPE_COMMAND:
  case MBIM_MESSAGE_TYPE_HOST_ERROR:
  case MBIM_MESSAGE_TYPE_OPEN_DONE:
  case MBIM_MESSAGE_TYPE_CLOSE_DONE:
  case MBIM_MESSAGE_TYPE_FUNCTION_ERROR: break;
  }
  *out_len = 0;
  return NULL;
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

gboolean
md_mbim_check_subscriber_ready_status (MbimMessage *message, GError **error)
{
  /* Telephone numbers: an offset/size pair each. */
  static const CountField fields[] = { { 24, 8 } };

  return check_counts (message, fields, G_N_ELEMENTS (fields), "Subscriber Ready Status", error);
}

gboolean
md_mbim_check_visible_providers (MbimMessage *message, GError **error)
{
  /* Providers: an offset/size pair each. */
  static const CountField fields[] = { { 0, 8 } };

  return check_counts (message, fields, G_N_ELEMENTS (fields), "Visible Providers", error);
}
