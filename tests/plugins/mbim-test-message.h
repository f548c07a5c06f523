/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Building device answers for tests: libmbim builds a host's requests, and
 * for most Basic Connect CIDs a query or set carries the very structure
 * the device answers with, so its information buffer is wrapped in a
 * COMMAND_DONE header here. */
#pragma once

#include <libmbim-glib.h>
#include <string.h>

static inline void
mbim_test_put32 (GByteArray *out, guint32 value)
{
  guint32 le = GUINT32_TO_LE (value);

  g_byte_array_append (out, (const guint8 *)&le, 4);
}

/* A COMMAND_DONE with request's service, cid and information buffer. */
static inline MbimMessage *
mbim_test_command_done_from (MbimMessage *request, MbimStatusError status)
{
  g_autoptr (GByteArray) out = g_byte_array_new ();
  guint32 length = 0;
  const guint8 *buffer = mbim_message_command_get_raw_information_buffer (request, &length);
  const MbimUuid *service = mbim_message_command_get_service_id (request);
  MbimMessage *done;

  mbim_test_put32 (out, MBIM_MESSAGE_TYPE_COMMAND_DONE);
  mbim_test_put32 (out, 48 + length);
  mbim_test_put32 (out, mbim_message_get_transaction_id (request));
  mbim_test_put32 (out, 1); /* total fragments */
  mbim_test_put32 (out, 0); /* this fragment */
  g_byte_array_append (out, (const guint8 *)service, sizeof (MbimUuid));
  mbim_test_put32 (out, mbim_message_command_get_cid (request));
  mbim_test_put32 (out, status);
  mbim_test_put32 (out, length);
  if (length)
    g_byte_array_append (out, buffer, length);
  done = mbim_message_new (out->data, out->len);
  return done;
}
