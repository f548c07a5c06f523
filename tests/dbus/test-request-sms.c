/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Messaging.Create's properties, table-driven: what a caller may give, and
 * the clear Core.InvalidArgs for everything else. */
#include "md-errors.h"
#include "md-request-sms.h"

typedef struct {
  const char *properties; /* GVariant text of the a{sv} */
  gboolean ok;
} CreateCase;

static const CreateCase create_cases[] = {
  { "{'number': <'+4912345'>, 'text': <'hello'>}", TRUE },
  { "{'number': <'12345'>, 'data': <[byte 1, 2, 3]>}", TRUE },
  { "{'number': <'+49123'>, 'text': <''>, 'smsc': <'+49171'>, 'validity': <uint32 10>}", TRUE },
  { "{'number': <'+49123'>, 'text': <'x'>, 'validity': <(uint32 1, <uint32 1440>)>, 'class': <1>}", TRUE },
  { "{'number': <'+49123'>, 'text': <'x'>, 'delivery-report-request': <true>, 'storage': <uint32 2>}", TRUE },
  { "{'number': <'*100#'>, 'text': <'ü€'>}", TRUE },
  /* number: missing, empty, too long, bad characters, '+' inside */
  { "{'text': <'hello'>}", FALSE },
  { "{'number': <''>, 'text': <'hello'>}", FALSE },
  { "{'number': <'123456789012345678901'>, 'text': <'hello'>}", FALSE },
  { "{'number': <'12345\";+CFUN=4'>, 'text': <'hello'>}", FALSE },
  { "{'number': <'123\\r\\n'>, 'text': <'hello'>}", FALSE },
  { "{'number': <'12+34'>, 'text': <'hello'>}", FALSE },
  { "{'number': <uint32 5>, 'text': <'hello'>}", FALSE },
  /* neither or both of text and data */
  { "{'number': <'123'>}", FALSE },
  { "{'number': <'123'>, 'text': <'a'>, 'data': <[byte 1]>}", FALSE },
  /* other keys */
  { "{'number': <'123'>, 'text': <'a'>, 'storage': <uint32 7>}", FALSE },
  { "{'number': <'123'>, 'text': <'a'>, 'class': <4>}", FALSE },
  { "{'number': <'123'>, 'text': <'a'>, 'validity': <(uint32 2, <uint32 1>)>}", FALSE },
  { "{'number': <'123'>, 'text': <'a'>, 'validity': <uint32 700000>}", FALSE },
  { "{'number': <'123'>, 'text': <'a'>, 'smsc': <'x'>}", FALSE },
  { "{'number': <'123'>, 'text': <'a'>, 'teleservice-id': <uint32 4098>}", FALSE },
  { "{'number': <'123'>, 'text': <'a'>, 'colour': <'red'>}", FALSE },
  { "{'number': <'123'>, 'text': <'a'>, 'A;CFUN': <'red'>}", FALSE },
};

static void
test_create (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (create_cases); i++) {
    g_autoptr (GError) error = NULL;
    g_autoptr (GVariant) properties
      = g_variant_parse (G_VARIANT_TYPE_VARDICT, create_cases[i].properties, NULL, NULL, &error);
    g_autoptr (MdSmsRequest) submit = NULL;

    g_assert_no_error (error);
    submit = md_request_sms_create (properties, &error);
    if (!submit != !create_cases[i].ok)
      g_error ("case %zu (%s): expected %s", i, create_cases[i].properties,
               create_cases[i].ok ? "accepted" : "refused");
    if (submit)
      continue;
    g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS);
    g_assert_null (strstr (error->message, "CFUN"));
  }
}

static void
test_create_values (void)
{
  g_autoptr (GVariant) properties = g_variant_parse (
    G_VARIANT_TYPE_VARDICT,
    "{'number': <'+49123'>, 'text': <'hi'>, 'validity': <(uint32 1, <uint32 60>)>, 'class': <0>,"
    " 'delivery-report-request': <true>, 'storage': <uint32 1>, 'smsc': <'+49171'>}",
    NULL, NULL, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (MdSmsRequest) submit = md_request_sms_create (properties, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (submit->number, ==, "+49123");
  g_assert_cmpstr (submit->text, ==, "hi");
  g_assert_null (submit->data);
  g_assert_cmpstr (submit->smsc, ==, "+49171");
  g_assert_cmpuint (submit->validity_relative, ==, 60);
  g_assert_cmpint (submit->class, ==, 0);
  g_assert_true (submit->delivery_report_request);
  g_assert_cmpint (submit->storage, ==, MD_SMS_STORAGE_SM);
}

/* 255 parts of 153 GSM characters fit; one more character does not. UCS-2
 * text is bounded by 67 units a part. */
static void
test_text_limits (void)
{
  struct {
    const char *unit;
    gsize count;
    gboolean ok;
  } cases[] = {
    { "a", 153 * 255, TRUE },
    { "a", 153 * 255 + 1, FALSE },
    { "\xc3\xbc", 67 * 255, TRUE },
    { "\xc3\xbc", 67 * 255 + 1, FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GString) text = g_string_new ("");
    g_autoptr (GError) error = NULL;
    g_autoptr (MdSmsRequest) submit = NULL;
    GVariantBuilder builder;
    g_autoptr (GVariant) properties = NULL;

    for (gsize n = 0; n < cases[i].count; n++)
      g_string_append (text, cases[i].unit);
    g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
    g_variant_builder_add (&builder, "{sv}", "number", g_variant_new_string ("123"));
    g_variant_builder_add (&builder, "{sv}", "text", g_variant_new_string (text->str));
    properties = g_variant_ref_sink (g_variant_builder_end (&builder));
    submit = md_request_sms_create (properties, &error);
    g_assert_true (!submit == !cases[i].ok);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/request/sms/create", test_create);
  g_test_add_func ("/request/sms/create-values", test_create_values);
  g_test_add_func ("/request/sms/text-limits", test_text_limits);
  return g_test_run ();
}
