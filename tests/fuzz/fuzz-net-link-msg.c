/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Fuzz harness of the rtnetlink answer reader (md-net-link-msg.c): the
 * first four bytes are the sequence number we wait for, the rest is the
 * datagram the kernel sent. The results must agree with each other. */
#include <stdint.h>
#include <string.h>

#include "md-errors.h"
#include "md-net-link-msg.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  guint32 seq = 0;
  gboolean found = TRUE;
  int err = -1;

  if (size < sizeof seq)
    return 0;
  memcpy (&seq, data, sizeof seq);
  if (!md_net_link_msg_parse_ack (data + sizeof seq, size - sizeof seq, seq, &found, &err, &text, &error)) {
    g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED);
    g_assert_false (found);
    g_assert_null (text);
    return 0;
  }
  g_assert_no_error (error);
  g_assert_cmpint (err, >=, 0);
  if (!found) {
    g_assert_cmpint (err, ==, 0);
    g_assert_null (text);
  }
  if (text) {
    gsize len = strlen (text);

    /* Stripped, never empty, and no longer than the datagram. */
    g_assert_cmpuint (len, >, 0);
    g_assert_cmpuint (len, <, size);
    g_assert_false (g_ascii_isspace (text[0]) || g_ascii_isspace (text[len - 1]));
  }
  return 0;
}
