/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Table tests of src/parse/md-at-ussd.c: +CUSD reports of the shapes
 * modems send, UCS2 hex, unsupported codings and hostile text. */
#include "md-at-ussd.h"

static void
test_cusd (void)
{
  static const struct {
    const char *text;
    gboolean ok;
    MdAtUssdStatus status;
    const char *str;
  } cases[] = {
    { "+CUSD: 0,\"Your balance is 12.34 EUR\",15", TRUE, MD_AT_USSD_NO_ACTION, "Your balance is 12.34 EUR" },
    { "+CUSD: 1,\"1 Balance, 2 Data\",15", TRUE, MD_AT_USSD_ACTION_REQUIRED, "1 Balance, 2 Data" },
    { "+CUSD: 2", TRUE, MD_AT_USSD_TERMINATED, NULL },
    { "+CUSD: 4", TRUE, MD_AT_USSD_NOT_SUPPORTED, NULL },
    { "+CUSD:0,\"ok\"", TRUE, MD_AT_USSD_NO_ACTION, "ok" },
    { "+CUSD: 0,\"00480069002000E4\",72", TRUE, MD_AT_USSD_NO_ACTION, "Hi \xc3\xa4" },
    { "+CUSD: 0,\"Saldo\",0", TRUE, MD_AT_USSD_NO_ACTION, "Saldo" },
    { "+CUSD: 0,\"Saldo\",64", TRUE, MD_AT_USSD_NO_ACTION, "Saldo" },
    /* Bad hex, odd length, a surrogate, 8-bit data, a control character. */
    { "+CUSD: 0,\"00G8\",72", FALSE, 0, NULL },
    { "+CUSD: 0,\"004\",72", FALSE, 0, NULL },
    { "+CUSD: 0,\"D800\",72", FALSE, 0, NULL },
    { "+CUSD: 0,\"0102\",68", FALSE, 0, NULL },
    { "+CUSD: 0,\"bell\x07\",15", FALSE, 0, NULL },
    { "+CUSD: 0,\"bad \xff utf8\",15", FALSE, 0, NULL },
    { "+CUSD: 6", FALSE, 0, NULL },
    { "+CUSD: 0,unquoted,15", FALSE, 0, NULL },
    { "+CUSD: 0,\"x\",15,1", FALSE, 0, NULL },
    { "+CUSD: 0,\"x\",256", FALSE, 0, NULL },
    { "+CUSD: ", FALSE, 0, NULL },
    { "+CUSD", FALSE, 0, NULL },
    { "+CMTI: \"SM\",1", FALSE, 0, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;
    g_autofree char *str = NULL;
    MdAtUssdStatus status = 99;
    gboolean ok = md_at_parse_cusd (cases[i].text, &status, &str, &error);

    g_test_message ("%s", cases[i].text);
    g_assert_cmpint (ok, ==, cases[i].ok);
    if (!ok) {
      g_assert_nonnull (error);
      g_assert_null (str);
      continue;
    }
    g_assert_cmpint (status, ==, cases[i].status);
    g_assert_cmpstr (str, ==, cases[i].str);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/at-ussd/cusd", test_cusd);
  return g_test_run ();
}
