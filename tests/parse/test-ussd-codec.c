/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Table tests of src/parse/md-ussd-codec.c: GSM 7-bit packing with the CR
 * filler, decoding by DCS (GSM 7 bit, UCS-2, others refused) and hostile
 * network payloads. */
#include "md-errors.h"
#include "md-ussd-codec.h"

static char *
hex (const guint8 *data, gsize len)
{
  GString *s = g_string_new (NULL);

  for (gsize i = 0; i < len; i++)
    g_string_append_printf (s, "%02X", data[i]);
  return g_string_free (s, FALSE);
}

static GByteArray *
unhex (const char *text)
{
  GByteArray *out = g_byte_array_new ();

  for (gsize i = 0; text[i] && text[i + 1]; i += 2) {
    guint8 octet = (guint8)(g_ascii_xdigit_value (text[i]) << 4 | g_ascii_xdigit_value (text[i + 1]));

    g_byte_array_append (out, &octet, 1);
  }
  return out;
}

static void
test_encode (void)
{
  static const struct {
    const char *text;
    const char *hex; /* NULL: refused */
  } cases[] = {
    { "*100#", "AA180C3602" },
    { "1", "31" },
    /* Seven characters leave 7 spare bits: CR fills them. */
    { "*101*1#", "AA182CA68A8D1A" },
    { "12345678", "31D98C56B3DD70" },
    { "[x]", "1B1E7EE303" },
    { "", "" },
    { "\xe4\xb8\xad", NULL },
    { "bad \xff", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;
    g_autoptr (GByteArray) packed = md_ussd_encode_gsm7 (cases[i].text, &error);
    g_autofree char *got = NULL;

    if (!cases[i].hex) {
      g_assert_null (packed);
      g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS);
      continue;
    }
    g_assert_no_error (error);
    got = hex (packed->data, packed->len);
    g_assert_cmpstr (got, ==, cases[i].hex);
  }
}

static void
test_decode (void)
{
  static const struct {
    guint dcs;
    const char *hex;
    const char *text; /* NULL: refused */
  } cases[] = {
    { 0x0F, "AA180C3602", "*100#" },
    { 0x0F, "AA182CA68A8D1A", "*101*1#" },
    { 0x00, "31D98C56B3DD70", "12345678" },
    { 0x0F, "C2303BEC1E9775A0980C", "Balance: 12" },
    { 0x0F, "", "" },
    { 0x48, "004800690020", "Hi " },
    { 0x48, "00E420AC", "\xc3\xa4\xe2\x82\xac" },
    { 0x11, "0041", NULL },
    { 0x44, "4142", NULL },
    { 0x48, "004", NULL },
    { 0x48, "D800", NULL },
    { 0x48, "0007", NULL },
    { 0x0F, "1B05", NULL }, /* ESC LF: a form feed */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;
    g_autoptr (GByteArray) payload = unhex (cases[i].hex);
    g_autofree char *text = md_ussd_decode (cases[i].dcs, payload->data, payload->len, &error);

    if (!cases[i].text) {
      g_assert_null (text);
      g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED);
      continue;
    }
    g_assert_no_error (error);
    g_assert_cmpstr (text, ==, cases[i].text);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/parse/ussd/encode", test_encode);
  g_test_add_func ("/parse/ussd/decode", test_decode);
  return g_test_run ();
}
