/* SPDX-License-Identifier: GPL-2.0-or-later */
/* SMS-SUBMIT encoding: exact PDUs for known inputs (the dreamfabric tutorial
 * PDU among them), refusal of bad input, and encode -> decode round trips of
 * many texts across the part limits. Table driven. */
#include "md-errors.h"
#include "md-hex.h"
#include "md-sms-pdu.h"

static char *
pdu_hex (const MdSmsPdu *pdu)
{
  gsize len;
  const guint8 *p = g_bytes_get_data (pdu->pdu, &len);

  return md_hex_encode (p, len);
}

static char *
repeat (const char *s, guint n)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append (out, s);
  return g_string_free (out, FALSE);
}

static void
test_encode_exact (void)
{
  static const struct {
    const char *name;
    MdSmsSubmit submit;
    const char *text;
    gboolean with_smsc;
    const char *hex;
    guint tpdu_len;
  } cases[] = {
    { "tutorial: international, 4 days",
      { NULL, "+46708251358", MD_SMS_VALIDITY_TYPE_RELATIVE, 4 * 24 * 60, -1, FALSE, 0 },
      "hellohello",
      TRUE,
      "0011000B916407281553F80000AA0AE8329BFD4697D9EC37",
      23 },
    { "no SMSC field",
      { NULL, "+46708251358", MD_SMS_VALIDITY_TYPE_RELATIVE, 4 * 24 * 60, -1, FALSE, 0 },
      "hellohello",
      FALSE,
      "11000B916407281553F80000AA0AE8329BFD4697D9EC37",
      23 },
    { "SMSC given",
      { "+12345678901", "+46708251358", MD_SMS_VALIDITY_TYPE_UNKNOWN, 0, -1, FALSE, 0 },
      "hellohello",
      TRUE,
      "07912143658709F101000B916407281553F800000AE8329BFD4697D9EC37",
      22 },
    { "empty SMSC string",
      { "", "+46708251358", MD_SMS_VALIDITY_TYPE_UNKNOWN, 0, -1, FALSE, 7 },
      "hellohello",
      TRUE,
      "0001070B916407281553F800000AE8329BFD4697D9EC37",
      22 },
    { "national, odd digit count",
      { NULL, "0123456", MD_SMS_VALIDITY_TYPE_UNKNOWN, 0, -1, FALSE, 0 },
      "A",
      TRUE,
      "0001000781103254F6000001"
      "41",
      12 },
    { "star, hash and abc",
      { NULL, "*#abc1", MD_SMS_VALIDITY_TYPE_UNKNOWN, 0, -1, FALSE, 0 },
      "",
      TRUE,
      "0001000681BADC1E000000",
      10 },
    { "UCS-2, class 1, status report",
      { NULL, "+46708251358", MD_SMS_VALIDITY_TYPE_UNKNOWN, 0, 1, TRUE, 0 },
      "тест",
      TRUE,
      "0021000B916407281553F80019080442043504410442",
      21 },
    { "GSM 7-bit, class 0, 5 minutes",
      { NULL, "+46708251358", MD_SMS_VALIDITY_TYPE_RELATIVE, 5, 0, FALSE, 0 },
      "€",
      TRUE,
      "0011000B916407281553F800100002"
      "9B32",
      16 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;
    g_autoptr (GPtrArray) pdus = NULL;

    g_test_message ("%s", cases[i].name);
    pdus
      = md_sms_pdu_encode_message (&cases[i].submit, cases[i].text, NULL, 0, 0, cases[i].with_smsc, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (pdus->len, ==, 1);
    g_autofree char *hex = pdu_hex (pdus->pdata[0]);
    g_assert_cmpstr (hex, ==, cases[i].hex);
    g_assert_cmpuint (((MdSmsPdu *)pdus->pdata[0])->tpdu_len, ==, cases[i].tpdu_len);
  }
}

static void
test_encode_concat_header (void)
{
  MdSmsSubmit submit = { NULL, "+46708251358", MD_SMS_VALIDITY_TYPE_UNKNOWN, 0, -1, FALSE, 0 };
  g_autofree char *text = repeat ("a", 161);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) pdus = md_sms_pdu_encode_message (&submit, text, NULL, 0, 0xA7, TRUE, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (pdus->len, ==, 2);
  for (guint i = 0; i < 2; i++) {
    g_autofree char *hex = pdu_hex (pdus->pdata[i]);
    /* First octet 0x41 (UDHI), UDL 7 + septets, UDH 05 00 03 ref n i. */
    g_autofree char *want
      = g_strdup_printf ("0041000B916407281553F80000%02X050003A702%02X", i == 0 ? 160 : 15, i + 1);

    g_assert_true (g_str_has_prefix (hex, want));
  }
}

static void
test_encode_invalid (void)
{
  static const struct {
    const char *name;
    MdSmsSubmit submit;
  } cases[] = {
    { "no number", { NULL, NULL, MD_SMS_VALIDITY_TYPE_UNKNOWN, 0, -1, FALSE, 0 } },
    { "empty number", { NULL, "", MD_SMS_VALIDITY_TYPE_UNKNOWN, 0, -1, FALSE, 0 } },
    { "plus alone", { NULL, "+", MD_SMS_VALIDITY_TYPE_UNKNOWN, 0, -1, FALSE, 0 } },
    { "letter", { NULL, "+4917x", MD_SMS_VALIDITY_TYPE_UNKNOWN, 0, -1, FALSE, 0 } },
    { "space", { NULL, "+49 17", MD_SMS_VALIDITY_TYPE_UNKNOWN, 0, -1, FALSE, 0 } },
    { "second plus", { NULL, "++4917", MD_SMS_VALIDITY_TYPE_UNKNOWN, 0, -1, FALSE, 0 } },
    { "21 digits", { NULL, "123456789012345678901", MD_SMS_VALIDITY_TYPE_UNKNOWN, 0, -1, FALSE, 0 } },
    { "bad SMSC", { "+49x", "+4917", MD_SMS_VALIDITY_TYPE_UNKNOWN, 0, -1, FALSE, 0 } },
    { "SMSC of 21 digits",
      { "+123456789012345678901", "+4917", MD_SMS_VALIDITY_TYPE_UNKNOWN, 0, -1, FALSE, 0 } },
    { "class 4", { NULL, "+4917", MD_SMS_VALIDITY_TYPE_UNKNOWN, 0, 4, FALSE, 0 } },
    { "class -2", { NULL, "+4917", MD_SMS_VALIDITY_TYPE_UNKNOWN, 0, -2, FALSE, 0 } },
    { "validity 0", { NULL, "+4917", MD_SMS_VALIDITY_TYPE_RELATIVE, 0, -1, FALSE, 0 } },
    { "validity beyond 63 weeks", { NULL, "+4917", MD_SMS_VALIDITY_TYPE_RELATIVE, 635041, -1, FALSE, 0 } },
    { "absolute validity", { NULL, "+4917", MD_SMS_VALIDITY_TYPE_ABSOLUTE, 10, -1, FALSE, 0 } },
    { "enhanced validity", { NULL, "+4917", MD_SMS_VALIDITY_TYPE_ENHANCED, 10, -1, FALSE, 0 } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;
    g_autoptr (GPtrArray) pdus = NULL;

    g_test_message ("%s", cases[i].name);
    pdus = md_sms_pdu_encode_message (&cases[i].submit, "hi", NULL, 0, 0, TRUE, &error);
    g_assert_null (pdus);
    g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS);
  }
}

static void
test_encode_submit_invalid (void)
{
  static const guint8 big[141] = { 0 };
  static const guint8 high[] = { 0x41, 0x80 };
  static const struct {
    const char *name;
    MdSmsEncoding encoding;
    const guint8 *payload;
    gsize len;
    guint part, n_parts;
  } cases[] = {
    { "161 septets", MD_SMS_ENCODING_GSM7, big, 161, 1, 1 },
    { "154 septets in a part", MD_SMS_ENCODING_GSM7, big, 154, 1, 2 },
    { "septet above 127", MD_SMS_ENCODING_GSM7, high, 2, 1, 1 },
    { "141 octets", MD_SMS_ENCODING_8BIT, big, 141, 1, 1 },
    { "135 octets in a part", MD_SMS_ENCODING_8BIT, big, 135, 1, 2 },
    { "odd UCS-2", MD_SMS_ENCODING_UCS2, big, 3, 1, 1 },
    { "136 UCS-2 octets in a part", MD_SMS_ENCODING_UCS2, big, 136, 1, 2 },
    { "part 0", MD_SMS_ENCODING_8BIT, big, 1, 0, 2 },
    { "part 3 of 2", MD_SMS_ENCODING_8BIT, big, 1, 3, 2 },
    { "256 parts", MD_SMS_ENCODING_8BIT, big, 1, 1, 256 },
    { "no alphabet", MD_SMS_ENCODING_UNKNOWN, big, 1, 1, 1 },
  };
  MdSmsSubmit submit = { NULL, "+4917", MD_SMS_VALIDITY_TYPE_UNKNOWN, 0, -1, FALSE, 0 };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;
    /* 161 and 154 septets: lengths beyond 141 are cut from a bigger buffer. */
    g_autofree guint8 *buf = g_malloc0 (cases[i].len + 1);
    g_autoptr (GBytes) payload = NULL;
    g_autoptr (MdSmsPdu) pdu = NULL;

    memcpy (buf, cases[i].payload, MIN (cases[i].len, sizeof big));
    payload = g_bytes_new (buf, cases[i].len);
    g_test_message ("%s", cases[i].name);
    pdu = md_sms_pdu_encode_submit (&submit, cases[i].encoding, payload, 1, cases[i].part, cases[i].n_parts,
                                    TRUE, &error);
    g_assert_null (pdu);
    g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS);
  }
}

/* Encodes, decodes every part, and checks that the parts say what was sent. */
static void
check_roundtrip (const MdSmsSubmit *submit, const char *text, const guint8 *data, gsize data_len,
                 guint expected_parts)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) pdus = md_sms_pdu_encode_message (submit, text, data, data_len, 0x5C, TRUE, &error);
  GString *joined = g_string_new (NULL);
  g_autoptr (GByteArray) joined_data = g_byte_array_new ();

  g_assert_no_error (error);
  g_assert_cmpuint (pdus->len, ==, expected_parts);
  for (guint i = 0; i < pdus->len; i++) {
    MdSmsPdu *pdu = pdus->pdata[i];
    gsize len;
    const guint8 *p = g_bytes_get_data (pdu->pdu, &len);
    g_autoptr (MdSmsPart) part = md_sms_pdu_decode (p, len, TRUE, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (len, <=, 1 + 12 + 164);
    g_assert_cmpint (part->type, ==, MD_SMS_PDU_TYPE_SUBMIT);
    g_assert_cmpstr (part->number, ==, submit->number);
    g_assert_cmpstr (part->smsc, ==, submit->smsc && *submit->smsc ? submit->smsc : NULL);
    g_assert_cmpint (part->message_class, ==, submit->message_class);
    g_assert_cmpint (part->delivery_report_request, ==, submit->delivery_report_request);
    g_assert_cmpuint (part->message_reference, ==, submit->message_reference);
    g_assert_cmpint (part->validity_type, ==, submit->validity_type);
    if (submit->validity_type == MD_SMS_VALIDITY_TYPE_RELATIVE)
      g_assert_cmpuint (part->validity_relative, >=, submit->validity_relative);
    g_assert_cmpint (part->concat, ==, pdus->len > 1);
    if (pdus->len > 1) {
      g_assert_cmpuint (part->concat_reference, ==, 0x5C);
      g_assert_cmpuint (part->concat_max, ==, pdus->len);
      g_assert_cmpuint (part->concat_sequence, ==, i + 1);
    }
    if (text) {
      g_assert_nonnull (part->text);
      g_string_append (joined, part->text);
    } else {
      gsize n;
      const guint8 *d = g_bytes_get_data (part->data, &n);

      g_byte_array_append (joined_data, d, (guint)n);
    }
  }
  if (text)
    g_assert_cmpstr (joined->str, ==, text);
  else
    g_assert_true (joined_data->len == data_len
                   && (data_len == 0 || memcmp (joined_data->data, data, data_len) == 0));
  g_string_free (joined, TRUE);
}

static void
test_roundtrip_text (void)
{
  static const struct {
    const char *head; /* repeated head_n times, then tail */
    guint head_n;
    const char *tail;
    guint parts;
  } cases[] = {
    { "", 0, "", 1 },
    { "", 0, "Hello, world!", 1 },
    { "", 0, "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCXYZÄÖÑÜ§¿abcxyzäöñüà",
      1 },
    { "", 0, "€[]{}~\\^|\f", 1 },
    { "", 0, "😀", 1 },
    { "", 0, "Grüße aus Köln ✓ 👍🏽", 1 },
    { "", 0, "你好，世界", 1 },
    { "a", 160, "", 1 },
    { "a", 161, "", 2 },
    { "a", 153 * 3, "", 3 },
    { "a", 153 * 3 + 1, "", 4 },
    { "a", 158, "€", 1 },
    { "a", 159, "€", 2 },
    { "a", 152, "€ and more text after it", 2 },
    { "€", 200, "", 3 },
    { "ж", 70, "", 1 },
    { "ж", 71, "", 2 },
    { "ж", 66, "😀 beyond a part boundary", 2 },
    { "😀", 35, "", 1 },
    { "😀", 36, "", 2 },
    { "😀", 200, "", 7 },
    { "Long text, ", 100, "the end.", 8 },
  };
  const MdSmsSubmit submits[] = {
    { NULL, "+46708251358", MD_SMS_VALIDITY_TYPE_UNKNOWN, 0, -1, FALSE, 0 },
    { "+4917200000", "0170123456", MD_SMS_VALIDITY_TYPE_RELATIVE, 7 * 24 * 60, 1, TRUE, 42 },
    { "", "12345", MD_SMS_VALIDITY_TYPE_RELATIVE, 61, 3, FALSE, 255 },
  };

  for (guint s = 0; s < G_N_ELEMENTS (submits); s++) {
    for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
      g_autofree char *head = repeat (cases[i].head, cases[i].head_n);
      g_autofree char *text = g_strconcat (head, cases[i].tail, NULL);

      g_test_message ("submit %u case %u", s, i);
      check_roundtrip (&submits[s], text, NULL, 0, cases[i].parts);
    }
  }
}

static void
test_roundtrip_data (void)
{
  static const struct {
    gsize len;
    guint parts;
  } cases[] = { { 0, 1 }, { 1, 1 }, { 140, 1 }, { 141, 2 }, { 300, 3 }, { 134 * 255, 255 } };
  MdSmsSubmit submit = { NULL, "+46708251358", MD_SMS_VALIDITY_TYPE_UNKNOWN, 0, 2, FALSE, 0 };
  g_autofree guint8 *data = g_malloc (134 * 255);

  for (gsize i = 0; i < 134 * 255; i++)
    data[i] = (guint8)(i * 7);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    check_roundtrip (&submit, NULL, data, cases[i].len, cases[i].parts);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sms-encode/exact", test_encode_exact);
  g_test_add_func ("/sms-encode/concat-header", test_encode_concat_header);
  g_test_add_func ("/sms-encode/invalid", test_encode_invalid);
  g_test_add_func ("/sms-encode/submit-invalid", test_encode_submit_invalid);
  g_test_add_func ("/sms-encode/roundtrip-text", test_roundtrip_text);
  g_test_add_func ("/sms-encode/roundtrip-data", test_roundtrip_data);
  return g_test_run ();
}
