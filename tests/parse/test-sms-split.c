/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Splitting a message into parts: the alphabet chosen, the 160/153, 70/67
 * and 140/134 limits, escape and surrogate pairs kept whole, the 255-part
 * limit. Table driven over generated texts. */
#include "md-errors.h"
#include "md-hex.h"
#include "md-sms-charset.h"
#include "md-sms-split.h"

static char *
repeat (const char *s, guint n)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append (out, s);
  return g_string_free (out, FALSE);
}

/* Text of the parts, joined back. */
static char *
join (GPtrArray *parts, MdSmsEncoding encoding)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < parts->len; i++) {
    gsize len;
    const guint8 *p = g_bytes_get_data (parts->pdata[i], &len);
    g_autofree char *text
      = encoding == MD_SMS_ENCODING_GSM7 ? md_gsm7_to_utf8 (p, len) : md_ucs2_to_utf8 (p, len);

    g_string_append (out, text);
  }
  return g_string_free (out, FALSE);
}

static void
test_split_text (void)
{
  static const struct {
    const char *head; /* head repeated head_n times, then tail */
    guint head_n;
    const char *tail;
    MdSmsEncoding encoding;
    guint sizes[4]; /* bytes of each part (septets, or 2 per UCS-2 unit) */
  } cases[] = {
    { "", 0, "", MD_SMS_ENCODING_GSM7, { 0 } },
    { "a", 1, "", MD_SMS_ENCODING_GSM7, { 1 } },
    { "a", 160, "", MD_SMS_ENCODING_GSM7, { 160 } },
    { "a", 161, "", MD_SMS_ENCODING_GSM7, { 153, 8 } },
    { "a", 306, "", MD_SMS_ENCODING_GSM7, { 153, 153 } },
    { "a", 307, "", MD_SMS_ENCODING_GSM7, { 153, 153, 1 } },
    /* An escape pair counts two septets. */
    { "a", 158, "€", MD_SMS_ENCODING_GSM7, { 160 } },
    { "a", 159, "€", MD_SMS_ENCODING_GSM7, { 153, 8 } },
    { "€", 80, "", MD_SMS_ENCODING_GSM7, { 160 } },
    { "€", 81, "", MD_SMS_ENCODING_GSM7, { 152, 10 } },
    /* € across the 153rd septet goes whole to the next part. */
    { "a", 152, "€bcdefghij", MD_SMS_ENCODING_GSM7, { 152, 11 } },
    { "a", 151, "€bcdefghij", MD_SMS_ENCODING_GSM7, { 153, 9 } },
    { "[", 100, "", MD_SMS_ENCODING_GSM7, { 152, 48 } },
    /* UCS-2: code units. */
    { "ж", 70, "", MD_SMS_ENCODING_UCS2, { 140 } },
    { "ж", 71, "", MD_SMS_ENCODING_UCS2, { 134, 8 } },
    { "a", 69, "ж", MD_SMS_ENCODING_UCS2, { 140 } },
    { "😀", 35, "", MD_SMS_ENCODING_UCS2, { 140 } },
    { "😀", 36, "", MD_SMS_ENCODING_UCS2, { 132, 12 } },
    /* A surrogate pair across the 67th unit goes whole to the next part. */
    { "ж", 66, "😀жжж", MD_SMS_ENCODING_UCS2, { 132, 10 } },
    { "ж", 65, "😀жжжж", MD_SMS_ENCODING_UCS2, { 134, 8 } },
    /* One non-GSM character makes all of it UCS-2. */
    { "a", 100, "ê", MD_SMS_ENCODING_UCS2, { 134, 68 } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autofree char *head = repeat (cases[i].head, cases[i].head_n);
    g_autofree char *text = g_strconcat (head, cases[i].tail, NULL);
    g_autoptr (GError) error = NULL;
    MdSmsEncoding encoding = 99;
    g_autoptr (GPtrArray) parts = md_sms_split_text (text, &encoding, &error);
    guint n = 0;

    g_test_message ("case %u", i);
    g_assert_no_error (error);
    g_assert_cmpint (encoding, ==, cases[i].encoding);
    while (n < G_N_ELEMENTS (cases[i].sizes) && (cases[i].sizes[n] || n == 0))
      n++;
    g_assert_cmpuint (parts->len, ==, n);
    for (guint j = 0; j < n; j++)
      g_assert_cmpuint (g_bytes_get_size (parts->pdata[j]), ==, cases[i].sizes[j]);
    g_autofree char *joined = join (parts, encoding);
    g_assert_cmpstr (joined, ==, text);
  }
}

static void
test_split_text_limits (void)
{
  g_autoptr (GError) error = NULL;
  MdSmsEncoding encoding;
  g_autofree char *max_gsm = repeat ("a", 255 * 153);
  g_autofree char *over_gsm = repeat ("a", 255 * 153 + 1);
  g_autofree char *max_ucs2 = repeat ("ж", 255 * 67);
  g_autofree char *over_ucs2 = repeat ("ж", 255 * 67 + 1);
  g_autoptr (GPtrArray) ok_gsm = md_sms_split_text (max_gsm, &encoding, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (ok_gsm->len, ==, 255);
  g_autoptr (GPtrArray) ok_ucs2 = md_sms_split_text (max_ucs2, &encoding, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ok_ucs2->len, ==, 255);

  g_autoptr (GPtrArray) too_many = md_sms_split_text (over_gsm, &encoding, &error);
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS);
  g_assert_null (too_many);
  g_assert_cmpint (encoding, ==, MD_SMS_ENCODING_UNKNOWN);
  g_clear_error (&error);
  g_autoptr (GPtrArray) too_many2 = md_sms_split_text (over_ucs2, &encoding, &error);
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS);
  g_assert_null (too_many2);
  g_clear_error (&error);

  g_autoptr (GPtrArray) bad = md_sms_split_text ("a\xff", &encoding, &error);
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS);
  g_assert_null (bad);
}

static void
test_split_data (void)
{
  static const struct {
    gsize len;
    guint n_parts;
    gsize last;
  } cases[] = {
    { 0, 1, 0 },     { 1, 1, 1 },   { 140, 1, 140 },         { 141, 2, 7 },
    { 268, 2, 134 }, { 269, 3, 1 }, { 255 * 134, 255, 134 },
  };
  g_autofree guint8 *data = g_malloc (255 * 134 + 1);

  for (gsize i = 0; i < 255 * 134 + 1; i++)
    data[i] = (guint8)i;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;
    g_autoptr (GPtrArray) parts = md_sms_split_data (data, cases[i].len, &error);
    gsize offset = 0;

    g_assert_no_error (error);
    g_assert_cmpuint (parts->len, ==, cases[i].n_parts);
    g_assert_cmpuint (g_bytes_get_size (parts->pdata[parts->len - 1]), ==, cases[i].last);
    for (guint j = 0; j < parts->len; j++) {
      gsize len;
      const guint8 *p = g_bytes_get_data (parts->pdata[j], &len);

      g_assert_true (len == 0 || memcmp (p, data + offset, len) == 0);
      offset += len;
    }
    g_assert_cmpuint (offset, ==, cases[i].len);
  }

  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) too_many = md_sms_split_data (data, 255 * 134 + 1, &error);
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS);
  g_assert_null (too_many);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sms-split/text", test_split_text);
  g_test_add_func ("/sms-split/text-limits", test_split_text_limits);
  g_test_add_func ("/sms-split/data", test_split_data);
  return g_test_run ();
}
