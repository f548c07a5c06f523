/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Fuzz harness of the SMS codec (src/parse/md-sms-*.c): the first input
 * byte chooses "with SMSC field"; the rest is decoded as a binary PDU and as
 * hex text. A decoded part must be consistent, and its text or data must
 * survive encode -> decode unchanged. The charsets get the bytes too. */
#include <stdint.h>

#include "md-errors.h"
#include "md-hex.h"
#include "md-sms-charset.h"
#include "md-sms-pdu.h"
#include "md-sms-split.h"
#include "md-sms-text.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
check_error (const GError *error)
{
  g_assert_nonnull (error);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

/* Sends text (or data) as a new message and reads every part back. */
static void
check_reencode (const MdSmsPart *part)
{
  MdSmsSubmit submit = { NULL, "+4917", MD_SMS_VALIDITY_TYPE_UNKNOWN, 0, part->message_class, FALSE, 0 };
  g_autoptr (GError) error = NULL;
  gsize data_len = 0;
  const guint8 *bytes = part->data ? g_bytes_get_data (part->data, &data_len) : NULL;
  g_autoptr (GPtrArray) pdus
    = md_sms_pdu_encode_message (&submit, part->text, bytes, data_len, 1, TRUE, &error);
  GString *text = g_string_new (NULL);
  g_autoptr (GByteArray) joined = g_byte_array_new ();

  g_assert_no_error (error);
  for (guint i = 0; i < pdus->len; i++) {
    MdSmsPdu *pdu = pdus->pdata[i];
    gsize len;
    const guint8 *p = g_bytes_get_data (pdu->pdu, &len);
    g_autoptr (MdSmsPart) back = md_sms_pdu_decode (p, len, TRUE, &error);

    g_assert_no_error (error);
    g_assert_cmpint (back->type, ==, MD_SMS_PDU_TYPE_SUBMIT);
    g_assert_cmpint (back->message_class, ==, part->message_class);
    if (back->text)
      g_string_append (text, back->text);
    if (back->data)
      g_byte_array_append (joined, g_bytes_get_data (back->data, NULL), (guint)g_bytes_get_size (back->data));
  }
  if (part->text)
    g_assert_cmpstr (text->str, ==, part->text);
  else
    g_assert_true (joined->len == data_len && (!data_len || memcmp (joined->data, bytes, data_len) == 0));
  g_string_free (text, TRUE);
}

static void
check_part (MdSmsPart *part, GError *error)
{
  if (!part) {
    check_error (error);
    g_assert_true (error->domain == MD_MESSAGE_ERROR);
    return;
  }
  g_assert_no_error (error);
  g_assert_true (part->type == MD_SMS_PDU_TYPE_DELIVER || part->type == MD_SMS_PDU_TYPE_SUBMIT
                 || part->type == MD_SMS_PDU_TYPE_STATUS_REPORT);
  g_assert_true (part->number != NULL);
  g_assert_true (g_utf8_validate (part->number, -1, NULL));
  g_assert_true (!part->smsc || g_utf8_validate (part->smsc, -1, NULL));
  g_assert_true (part->message_class >= -1 && part->message_class <= 3);
  g_assert_true (!part->text || g_utf8_validate (part->text, -1, NULL));
  g_assert_true (!(part->text && part->data));
  if (part->concat)
    g_assert_true (part->concat_sequence >= 1 && part->concat_sequence <= part->concat_max);
  if (part->text || part->data)
    check_reencode (part);
}

static void
check_charsets (const guint8 *data, gsize size)
{
  g_autofree char *gsm = md_gsm7_to_utf8 (data, size);
  g_autofree char *ucs = md_ucs2_to_utf8 (data, size);
  g_autofree char *text = g_strndup ((const char *)data, size);
  g_autoptr (GError) error = NULL;
  MdSmsEncoding encoding;
  g_autoptr (GPtrArray) parts = NULL;
  g_auto (MdSmsTextHeader) header = { 0 };

  g_assert_true (g_utf8_validate (gsm, -1, NULL));
  g_assert_true (g_utf8_validate (ucs, -1, NULL));
  for (guint fill = 0; fill < 7; fill++) {
    g_autofree guint8 *septets = md_gsm7_unpack (data, size, fill, size * 8 / 7, NULL);
    gsize n = size * 8 >= fill ? (size * 8 - fill) / 7 : 0;
    g_autofree guint8 *exact = md_gsm7_unpack (data, size, fill, n, &error);

    /* Exactly as many septets as the bits hold always unpack. */
    g_assert_no_error (error);
    g_assert_true (exact != NULL);
    (void)septets;
  }
  /* Text: split, and GSM 7-bit both ways when it fits. */
  parts = md_sms_split_text (text, &encoding, &error);
  if (!parts) {
    check_error (error);
    g_assert_true (!g_utf8_validate (text, -1, NULL) || strlen (text) > 255 * 67);
    g_clear_error (&error);
  }
  if (md_gsm7_can_encode (text)) {
    g_autoptr (GByteArray) septets = md_gsm7_from_utf8 (text, &error);
    g_autofree char *back = NULL;

    g_assert_no_error (error);
    back = md_gsm7_to_utf8 (septets->data, septets->len);
    g_assert_cmpstr (back, ==, text);
  }
  if (!md_sms_text_parse_header (text, &header, &error))
    check_error (error);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  gboolean with_smsc;
  g_autofree char *hex = NULL;

  if (size == 0 || size > 4096)
    return 0;
  with_smsc = data[0] & 1;
  data++;
  size--;

  {
    g_autoptr (GError) error = NULL;
    g_autoptr (MdSmsPart) part = md_sms_pdu_decode (data, size, with_smsc, &error);

    check_part (part, error);
  }
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (MdSmsPart) part = NULL;

    hex = g_strndup ((const char *)data, size);
    part = md_sms_pdu_decode_hex (hex, with_smsc, &error);
    check_part (part, error);
  }
  check_charsets (data, size);
  return 0;
}
