/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Table tests of src/parse/md-at-time.c: +CCLK? to ISO 8601 and the
 * +CTZV / +CTZE time zone reports, with malformed and hostile lines. */
#include "md-at-time.h"

#include <string.h>

#include "md-errors.h"

static void
test_cclk (void)
{
  static const struct {
    const char *text;
    const char *iso; /* NULL: refused */
  } cases[] = {
    { "+CCLK: \"26/12/05,18:30:00+04\"", "2026-12-05T18:30:00+01:00" },
    { "+CCLK: \"26/12/05,18:30:00-22\"", "2026-12-05T18:30:00-05:30" },
    { "+CCLK: \"26/12/05,18:30:00+00\"", "2026-12-05T18:30:00+00:00" },
    { "+CCLK: \"24/02/29,00:00:01\"", "2024-02-29T00:00:01" },
    { "+CCLK: 26/01/31,23:59:59+08", "2026-01-31T23:59:59+02:00" },
    { "+CCLK: \"2026/12/05,18:30:00+04\"", "2026-12-05T18:30:00+01:00" },
    { "+CCLK: \"26/12/05,18:30:00+04\"\r\n", "2026-12-05T18:30:00+01:00" },
    { "+CCLK: \"25/02/29,00:00:00+04\"", NULL },
    /* A clock nobody set, counting from its epoch. */
    { "+CCLK: \"80/01/06,00:00:12+00\"", NULL },
    { "+CCLK: \"70/01/01,00:00:00\"", NULL },
    { "+CCLK: \"1980/01/06,00:00:12\"", NULL },
    { "+CCLK: \"80/13/06,00:00:12\"", NULL },
    { "+CCLK: \"69/12/31,23:59:59\"", "2069-12-31T23:59:59" },
    { "+CCLK: \"26/13/05,18:30:00+04\"", NULL },
    { "+CCLK: \"26/12/05,24:30:00+04\"", NULL },
    { "+CCLK: \"26/12/05,18:30:00+57\"", NULL },
    { "+CCLK: \"26/12/05,18:30:00+04x\"", NULL },
    { "+CCLK: \"26/12/05,18:30:00 04\"", NULL },
    { "+CCLK: \"26/12/05\"", NULL },
    { "+CCLK: \"\"", NULL },
    { "+CCLK: ", NULL },
    { "+CCLK", NULL },
    { "+CTZV: +04", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;
    g_autofree char *iso = md_at_parse_cclk (cases[i].text, &error);

    g_test_message ("%s", cases[i].text);
    g_assert_cmpstr (iso, ==, cases[i].iso);
    g_assert_true ((iso == NULL) == (error != NULL));
  }
}

/* An unset clock is told apart from a malformed reply. */
static void
test_cclk_unset_clock (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *iso = md_at_parse_cclk ("+CCLK: \"80/01/06,00:00:12+00\"", &error);

  g_assert_null (iso);
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "clock is not set (it says 1980-01-06)"));
  g_clear_error (&error);
  /* No date at all is a reply that does not parse, whatever its year. */
  g_assert_null (md_at_parse_cclk ("+CCLK: \"80/13/06,00:00:12\"", &error));
  g_assert_nonnull (strstr (error->message, "Cannot parse +CCLK reply"));
}

static void
test_tz_report (void)
{
  static const struct {
    const char *text;
    gboolean ok;
    gint offset, dst;
  } cases[] = {
    { "+CTZV: +04", TRUE, 60, -1 },
    { "+CTZV: \"-22\"", TRUE, -330, -1 },
    { "+CTZV: 32", TRUE, 480, -1 },
    { "+CTZV: +08,1", TRUE, 120, -1 },
    { "+CTZE: \"+08\",1,\"2026/07/01,12:00:00\"", TRUE, 120, 60 },
    { "+CTZE: \"+04\",0", TRUE, 60, 0 },
    { "+CTZE: -20,2", TRUE, -300, 120 },
    { "+CTZV: +57", FALSE, 0, 0 },
    { "+CTZV: ", FALSE, 0, 0 },
    { "+CTZV: +", FALSE, 0, 0 },
    { "+CTZV: --4", FALSE, 0, 0 },
    { "+CTZE: \"+04\"", FALSE, 0, 0 },
    { "+CTZE: \"+04\",3", FALSE, 0, 0 },
    { "+CTZE: \"+04\",1,\"t\",x", FALSE, 0, 0 },
    { "+CTZR: 1", FALSE, 0, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;
    gint offset = 1, dst = 1;
    gboolean ok = md_at_parse_tz_report (cases[i].text, &offset, &dst, &error);

    g_test_message ("%s", cases[i].text);
    g_assert_cmpint (ok, ==, cases[i].ok);
    if (!ok) {
      g_assert_nonnull (error);
      continue;
    }
    g_assert_cmpint (offset, ==, cases[i].offset);
    g_assert_cmpint (dst, ==, cases[i].dst);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/at-time/cclk", test_cclk);
  g_test_add_func ("/at-time/cclk-unset-clock", test_cclk_unset_clock);
  g_test_add_func ("/at-time/tz-report", test_tz_report);
  return g_test_run ();
}
