/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Table tests of src/parse/md-at-signal.c: +CESQ and +CSQ levels to dBm,
 * dB and percent, with the "not known" values and malformed lines. */
#include <math.h>

#include "md-at-signal.h"

#define U NAN

static void
assert_value (double got, double want)
{
  if (isnan (want))
    g_assert_true (isnan (got));
  else
    g_assert_cmpfloat_with_epsilon (got, want, 0.001);
}

static void
test_cesq (void)
{
  static const struct {
    const char *text;
    gboolean ok;
    MdAtCesq want;
  } cases[] = {
    /* LTE camped (Quectel EC25 shape), UMTS, GSM, nothing known. */
    { "+CESQ: 99,99,255,255,13,38", TRUE, { U, U, U, U, -13.5, -103 } },
    { "+CESQ: 99,99,47,37,255,255", TRUE, { U, U, -74, -6, U, U } },
    { "+CESQ: 36,0,255,255,255,255", TRUE, { -75, 0.14, U, U, U, U } },
    { "+CESQ: 99,99,255,255,255,255", TRUE, { U, U, U, U, U, U } },
    { "+CESQ:63,7,96,49,34,97", TRUE, { -48, 18.10, -25, 0, -3, -44 } },
    { "+CESQ: 0,0,0,0,0,0", TRUE, { -111, 0.14, -121, -24.5, -20, -141 } },
    /* Out of range, short, long, not numbers, not +CESQ. */
    { "+CESQ: 64,0,255,255,255,255", FALSE, { 0 } },
    { "+CESQ: 99,99,255,255,35,255", FALSE, { 0 } },
    { "+CESQ: 99,99,255,255,255,98", FALSE, { 0 } },
    { "+CESQ: 99,99,255,255,255", FALSE, { 0 } },
    { "+CESQ: 99,99,255,255,255,255,1", FALSE, { 0 } },
    { "+CESQ: a,b,c,d,e,f", FALSE, { 0 } },
    { "+CESQ: -1,99,255,255,255,255", FALSE, { 0 } },
    { "+CSQ: 20,99", FALSE, { 0 } },
    { "", FALSE, { 0 } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;
    MdAtCesq got;
    gboolean ok = md_at_parse_cesq (cases[i].text, &got, &error);

    g_test_message ("%s", cases[i].text);
    g_assert_cmpint (ok, ==, cases[i].ok);
    if (!ok) {
      g_assert_nonnull (error);
      continue;
    }
    assert_value (got.gsm_rssi, cases[i].want.gsm_rssi);
    assert_value (got.gsm_error_rate, cases[i].want.gsm_error_rate);
    assert_value (got.umts_rscp, cases[i].want.umts_rscp);
    assert_value (got.umts_ecio, cases[i].want.umts_ecio);
    assert_value (got.lte_rsrq, cases[i].want.lte_rsrq);
    assert_value (got.lte_rsrp, cases[i].want.lte_rsrp);
  }
}

static void
test_csq_levels (void)
{
  static const struct {
    const char *text;
    gboolean ok;
    double rssi, error_rate;
  } cases[] = {
    { "+CSQ: 20,99", TRUE, -73, U }, { "+CSQ: 31,7", TRUE, -51, 18.10 }, { "+CSQ: 0,3", TRUE, -113, 1.13 },
    { "+CSQ: 99,99", TRUE, U, U },   { "+CSQ: 32,99", FALSE, 0, 0 },     { "+CSQ: 20,8", FALSE, 0, 0 },
    { "+CSQ: 20", FALSE, 0, 0 },     { "+CESQ: 1,2", FALSE, 0, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;
    double rssi = 0, error_rate = 0;
    gboolean ok = md_at_parse_csq_levels (cases[i].text, &rssi, &error_rate, &error);

    g_test_message ("%s", cases[i].text);
    g_assert_cmpint (ok, ==, cases[i].ok);
    if (!ok)
      continue;
    assert_value (rssi, cases[i].rssi);
    assert_value (error_rate, cases[i].error_rate);
  }
}

static void
test_3gpp_levels (void)
{
  assert_value (md_3gpp_rssi_dbm (0), -113);
  assert_value (md_3gpp_rssi_dbm (31), -51);
  assert_value (md_3gpp_rssi_dbm (32), U);
  assert_value (md_3gpp_rssi_dbm (99), U);
  assert_value (md_3gpp_ber_error_rate (4), 2.26);
  assert_value (md_3gpp_ber_error_rate (8), U);
  assert_value (md_3gpp_ber_error_rate (99), U);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/at-signal/cesq", test_cesq);
  g_test_add_func ("/at-signal/csq-levels", test_csq_levels);
  g_test_add_func ("/at-signal/3gpp-levels", test_3gpp_levels);
  return g_test_run ();
}
