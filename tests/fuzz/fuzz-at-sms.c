/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The 27.005 answer and report parsers of src/parse/md-at-sms.c on whole,
 * possibly multi-line text (a +CMGL listing, a two-line +CMT report). A
 * result is either a value or an error, and any PDU taken is hex. */
#include <stdint.h>
#include <string.h>

#include "md-at-sms.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
assert_hex (const char *pdu)
{
  for (const char *p = pdu; *p; p++)
    g_assert_true (g_ascii_isxdigit (*p));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = g_malloc0 (size + 1);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) listed = NULL;
  g_autofree char *pdu = NULL, *report = NULL;
  guint32 m1, m2, m3;
  MdAtSmsStat stat;
  MdSmsStorage storage;
  guint index, number, service;

  if (size)
    memcpy (text, data, size);

  if (!md_at_parse_cpms_test (text, &m1, &m2, &m3, &error))
    g_assert_nonnull (error);
  g_clear_error (&error);
  if (!md_at_parse_cpms_storages (text, &m1, &m2, &error))
    g_assert_nonnull (error);
  g_clear_error (&error);
  listed = md_at_parse_cmgl (text, &error);
  g_assert_true (!listed != !error);
  for (guint i = 0; listed && i < listed->len; i++)
    assert_hex (((MdAtSmsListed *)g_ptr_array_index (listed, i))->pdu);
  g_clear_error (&error);
  if (md_at_parse_cmgr (text, &stat, &pdu, &error))
    assert_hex (pdu);
  g_clear_error (&error);
  if (!md_at_parse_csms_read (text, &service, &error))
    g_assert_nonnull (error);
  g_clear_error (&error);
  md_at_parse_sms_indication (text, &storage, &index, NULL);
  report = md_at_parse_sms_report_pdu (text, NULL);
  if (report)
    assert_hex (report);
  md_at_parse_sms_number (text, "+CMGS:", 255, &number, NULL);
  md_at_sms_storage_from_name (text);
  return 0;
}
