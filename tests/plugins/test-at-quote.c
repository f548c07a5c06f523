/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The AT driver's one way to put caller text into a command line: quoted
 * strings and dial strings, table-driven with hostile input. */
#include "md-at-quote.h"
#include "md-errors.h"

typedef struct {
  const char *text;
  const char *expected; /* NULL: refused */
} QuoteCase;

static void
test_quote (void)
{
  static const QuoteCase cases[] = {
    { "internet", "\"internet\"" },
    { "", "\"\"" },
    { "1234", "\"1234\"" },
    { "p@ss w0rd!", "\"p@ss w0rd!\"" },
    /* V.250: inside a string constant ';' is text, not a command separator */
    { "a;b", "\"a;b\"" },
    { "'{}~", "\"'{}~\"" },
    { "26201\";+CFUN=4;+COPS=1,2,\"26201", NULL },
    { "\"", NULL },
    { "a\\22", NULL }, /* 27.007 \hh escapes */
    { "a\rb", NULL },
    { "a\nb", NULL },
    { "a\r\nAT+CFUN=0", NULL },
    { "a\tb", NULL },
    { "\x1b", NULL },
    { "\x1a", NULL }, /* Ctrl-Z ends an SMS body */
    { "a\x7f", NULL },
    { "\xc3\xa4", NULL },
    { "\xff", NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;
    g_autofree char *quoted = md_at_quote (cases[i].text, &error);

    g_assert_cmpstr (quoted, ==, cases[i].expected);
    if (!cases[i].expected) {
      g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS);
      g_assert_null (strstr (error->message, "CFUN"));
    } else {
      g_assert_no_error (error);
    }
  }
}

static void
test_dial_string (void)
{
  static const QuoteCase cases[] = {
    { "*99#", "*99#" },       { "*99***1#", "*99***1#" }, { "+4930123", "+4930123" }, { "", NULL },
    { "*99#;", NULL }, /* ';' ends a dial string as a voice call, or a command */
    { "*99#;+CFUN=4", NULL }, { "*99#\r", NULL },         { "\"*99#\"", NULL },       { "*99# ", NULL },
    { "T*99#", NULL },        { "*99#\xc3\xa4", NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;
    g_autofree char *dial = md_at_dial_string (cases[i].text, &error);

    g_assert_cmpstr (dial, ==, cases[i].expected);
    if (!cases[i].expected)
      g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/at-quote/quote", test_quote);
  g_test_add_func ("/at-quote/dial-string", test_dial_string);
  return g_test_run ();
}
