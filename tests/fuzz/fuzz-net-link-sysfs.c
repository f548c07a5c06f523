/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Fuzz harness of the reader of qmi_wwan's mux id text (qmap/mux_id,
 * add_mux; md-net-link-qmiwwan.c): under an emulated sysfs these bytes
 * come from whoever wrote the tree. An accepted value is 1..255 and reads
 * back the same from its own decimal and hex forms. */
#include <stdint.h>
#include <string.h>

#include "md-net-link.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *decimal = NULL;
  g_autofree char *hex = NULL;
  guint mux_id = 0;
  guint again = 0;

  if (!md_net_link_parse_mux_id ((const char *)data, size, &mux_id))
    return 0;
  g_assert_cmpuint (mux_id, >=, 1);
  g_assert_cmpuint (mux_id, <=, 255);
  decimal = g_strdup_printf ("%u", mux_id);
  g_assert_true (md_net_link_parse_mux_id (decimal, strlen (decimal), &again));
  g_assert_cmpuint (again, ==, mux_id);
  hex = g_strdup_printf ("0x%02x\n", mux_id);
  g_assert_true (md_net_link_parse_mux_id (hex, strlen (hex), &again));
  g_assert_cmpuint (again, ==, mux_id);
  return 0;
}
