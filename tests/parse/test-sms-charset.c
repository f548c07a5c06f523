/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Hex helpers and the SMS character sets: GSM 7-bit tables (23.038), septet
 * packing with fill bits, UCS-2 with surrogate pairs. Table driven; packed
 * vectors are the user data of real PDUs. */
#include "md-errors.h"
#include "md-hex.h"
#include "md-sms-charset.h"

static void
test_hex (void)
{
  static const struct {
    const char *hex;
    const char *reencoded; /* NULL: an error */
  } cases[] = {
    { "", "" },    { "00", "00" },  { "0791", "0791" }, { "abcdef", "ABCDEF" }, { "AbCdEf09", "ABCDEF09" },
    { "0", NULL }, { "079", NULL }, { "0G", NULL },     { "  ", NULL },         { "07 91", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;
    gsize len = 99;
    g_autofree guint8 *bin = md_hex_decode (cases[i].hex, -1, &len, &error);

    g_test_message ("hex '%s'", cases[i].hex);
    if (!cases[i].reencoded) {
      g_assert_error (error, MD_MESSAGE_ERROR, MD_MESSAGE_ERROR_INVALID_PDU_PARAMETER);
      g_assert_null (bin);
      g_assert_cmpuint (len, ==, 0);
      continue;
    }
    g_assert_no_error (error);
    g_assert_nonnull (bin);
    g_assert_cmpuint (len, ==, strlen (cases[i].hex) / 2);
    g_autofree char *again = md_hex_encode (bin, len);
    g_assert_cmpstr (again, ==, cases[i].reencoded);
  }

  /* An explicit length stops early. */
  gsize len = 0;
  g_autofree guint8 *two = md_hex_decode ("0791zz", 4, &len, NULL);
  g_assert_cmpuint (len, ==, 2);
  g_assert_cmpuint (two[0], ==, 0x07);
  g_assert_cmpuint (two[1], ==, 0x91);
}

static void
test_gsm7_text (void)
{
  static const struct {
    const char *utf8;
    const char *septets_hex; /* unpacked; NULL: not encodable */
  } cases[] = {
    { "", "" },
    { "hello", "68656C6C6F" },
    { "@£$¥èéùìòÇ\nØø\rÅå", "000102030405060708090A0B0C0D0E0F" },
    { "Δ_ΦΓΛΩΠΨΣΘΞÆæßÉ", "101112131415161718191A1C1D1E1F" },
    { " !\"#¤%&'()*+,-./", "202122232425262728292A2B2C2D2E2F" },
    { "0123456789:;<=>?", "303132333435363738393A3B3C3D3E3F" },
    { "¡ABCXYZÄÖÑÜ§", "4041424358595A5B5C5D5E5F" },
    { "¿abcxyzäöñüà", "6061626378797A7B7C7D7E7F" },
    /* The extension table: each an escape pair. */
    { "€", "1B65" },
    { "[]{}~\\^|", "1B3C1B3E1B281B291B3D1B2F1B141B40" },
    { "\f", "1B0A" },
    { "a€b", "611B6562" },
    /* Not in either table. */
    { "é and è are fine, but not ê", NULL },
    { "😀", NULL },
    { "тест", NULL },
    { "`", NULL },
    { "\xc2\xa0", NULL }, /* NBSP is not the escape */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;
    g_autoptr (GByteArray) septets = md_gsm7_from_utf8 (cases[i].utf8, &error);

    g_test_message ("text '%s'", cases[i].utf8);
    g_assert_cmpint (md_gsm7_can_encode (cases[i].utf8), ==, cases[i].septets_hex != NULL);
    if (!cases[i].septets_hex) {
      g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS);
      continue;
    }
    g_assert_no_error (error);
    g_autofree char *hex = md_hex_encode (septets->data, septets->len);
    g_assert_cmpstr (hex, ==, cases[i].septets_hex);
    g_autofree char *back = md_gsm7_to_utf8 (septets->data, septets->len);
    g_assert_cmpstr (back, ==, cases[i].utf8);
  }

  g_autoptr (GError) error = NULL;
  g_assert_null (md_gsm7_from_utf8 ("\xff\xfe", &error));
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS);
  g_assert_false (md_gsm7_can_encode ("\xff"));
}

static void
test_gsm7_decode_odd (void)
{
  static const struct {
    const char *septets_hex;
    const char *utf8;
  } cases[] = {
    /* An escape before a septet the extension table lacks: the default
     * character. */
    { "1B41", "A" },
    /* Escape escape: a space. A trailing escape: a space. */
    { "1B1B", " " },
    { "611B", "a " },
    /* The high bit of an unpacked byte is ignored. */
    { "E8", "h" },
    { "80", "@" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    gsize len;
    g_autofree guint8 *septets = md_hex_decode (cases[i].septets_hex, -1, &len, NULL);
    g_autofree char *utf8 = md_gsm7_to_utf8 (septets, len);

    g_assert_cmpstr (utf8, ==, cases[i].utf8);
  }
}

static void
test_gsm7_pack (void)
{
  static const struct {
    const char *text;
    guint fill_bits;
    const char *packed_hex;
  } cases[] = {
    { "hello", 0, "E8329BFD06" },
    { "hellohello", 0, "E8329BFD4697D9EC37" },
    /* Seven septets fill exactly 49 bits: 7 octets. Eight fill 56: 7 too. */
    { "1234567", 0, "31D98C56B3DD00" },
    { "12345678", 0, "31D98C56B3DD70" },
    /* After a 6-octet UDH one fill bit aligns the septets. */
    { "hello", 1, "D06536FB0D" },
    { "A", 6, "4010" },
    { "", 0, "" },
    { "", 3, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GByteArray) septets = md_gsm7_from_utf8 (cases[i].text, NULL);
    gsize len = 0;
    g_autofree guint8 *packed = md_gsm7_pack (septets->data, septets->len, cases[i].fill_bits, &len);
    g_autofree char *hex = md_hex_encode (packed, len);
    g_autoptr (GError) error = NULL;

    g_test_message ("pack '%s' fill %u", cases[i].text, cases[i].fill_bits);
    g_assert_cmpstr (hex, ==, cases[i].packed_hex);
    g_autofree guint8 *unpacked = md_gsm7_unpack (packed, len, cases[i].fill_bits, septets->len, &error);
    g_assert_no_error (error);
    g_assert_true (septets->len == 0 || memcmp (unpacked, septets->data, septets->len) == 0);
  }
}

static void
test_gsm7_pack_roundtrip (void)
{
  guint8 septets[200];

  for (guint i = 0; i < G_N_ELEMENTS (septets); i++)
    septets[i] = (guint8)((i * 37 + 11) & 0x7F);
  for (gsize n = 0; n <= G_N_ELEMENTS (septets); n++) {
    for (guint fill = 0; fill < 7; fill++) {
      gsize len = 0;
      g_autofree guint8 *packed = md_gsm7_pack (septets, n, fill, &len);
      g_autoptr (GError) error = NULL;

      g_assert_cmpuint (len, ==, n ? (fill + 7 * n + 7) / 8 : 0);
      /* The fill bits stay zero. */
      if (len)
        g_assert_cmpuint (packed[0] & ((1u << fill) - 1), ==, 0);
      g_autofree guint8 *back = md_gsm7_unpack (packed, len, fill, n, &error);
      g_assert_no_error (error);
      g_assert_true (n == 0 || memcmp (back, septets, n) == 0);
      /* One septet more than the octets hold is refused. */
      if ((fill + 7 * (n + 1) + 7) / 8 > len) {
        g_autoptr (GError) short_error = NULL;
        g_autofree guint8 *none = md_gsm7_unpack (packed, len, fill, n + 1, &short_error);
        g_assert_error (short_error, MD_MESSAGE_ERROR, MD_MESSAGE_ERROR_INVALID_PDU_PARAMETER);
        g_assert_null (none);
      }
    }
  }
}

static void
test_ucs2 (void)
{
  static const struct {
    const char *utf8;
    const char *be_hex;
  } cases[] = {
    { "", "" },
    { "A", "0041" },
    { "тест", "0442043504410442" },
    { "你好", "4F60597D" },
    { "€", "20AC" },
    /* Beyond the BMP: surrogate pairs. */
    { "😀", "D83DDE00" },
    { "a👍🏽b", "0061D83DDC4DD83CDFFD0062" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;
    g_autoptr (GByteArray) be = md_ucs2_from_utf8 (cases[i].utf8, &error);

    g_assert_no_error (error);
    g_autofree char *hex = md_hex_encode (be->data, be->len);
    g_assert_cmpstr (hex, ==, cases[i].be_hex);
    g_autofree char *back = md_ucs2_to_utf8 (be->data, be->len);
    g_assert_cmpstr (back, ==, cases[i].utf8);
  }

  g_autoptr (GError) error = NULL;
  g_assert_null (md_ucs2_from_utf8 ("\xc3", &error));
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS);
}

static void
test_ucs2_decode_odd (void)
{
  static const struct {
    const char *be_hex;
    const char *utf8;
  } cases[] = {
    /* Lone surrogates, either half, anywhere. */
    { "D83D", "\xef\xbf\xbd" },
    { "DE000041", "\xef\xbf\xbd"
                  "A" },
    { "D83D0041", "\xef\xbf\xbd"
                  "A" },
    { "0041D83D", "A\xef\xbf\xbd" },
    /* A trailing odd byte is dropped; NUL units are skipped. */
    { "004100", "A" },
    { "0041000000420000", "AB" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    gsize len;
    g_autofree guint8 *be = md_hex_decode (cases[i].be_hex, -1, &len, NULL);
    g_autofree char *utf8 = md_ucs2_to_utf8 (be, len);

    g_test_message ("ucs2 %s", cases[i].be_hex);
    g_assert_cmpstr (utf8, ==, cases[i].utf8);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sms-charset/hex", test_hex);
  g_test_add_func ("/sms-charset/gsm7-text", test_gsm7_text);
  g_test_add_func ("/sms-charset/gsm7-decode-odd", test_gsm7_decode_odd);
  g_test_add_func ("/sms-charset/gsm7-pack", test_gsm7_pack);
  g_test_add_func ("/sms-charset/gsm7-pack-roundtrip", test_gsm7_pack_roundtrip);
  g_test_add_func ("/sms-charset/ucs2", test_ucs2);
  g_test_add_func ("/sms-charset/ucs2-decode-odd", test_ucs2_decode_odd);
  return g_test_run ();
}
