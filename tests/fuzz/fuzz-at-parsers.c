/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Fuzz harness of the AT parsers: arbitrary bytes go through the line
 * splitter, and every line through the classifier and each 27.007 parser.
 * Built for libFuzzer with clang; the replay runner (fuzz-replay.c) runs
 * the same entry point as a normal test everywhere. */
#include <stdint.h>

#include "md-at-3gpp.h"
#include "md-at-info.h"
#include "md-at-lines.h"
#include "md-at-pdp.h"
#include "md-at-response.h"
#include "md-at-signal.h"
#include "md-at-sim.h"
#include "md-at-time.h"
#include "md-at-ussd.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
parse_line (const char *line)
{
  MdAtRegistration reg;
  MdAtCesq cesq;
  double dbm, rate;
  gint tz_offset, tz_dst;
  g_autofree char *clock = NULL;
  MdAtUssdStatus ussd_status;
  g_autofree char *ussd_text = NULL;
  g_autoptr (GPtrArray) contexts = NULL;
  MdModemPowerState power;
  MdModemLock lock;
  MdModem3gppEpsUeModeOperation eps_mode;
  gboolean enabled;
  guint qsim_enabled, qsim_inserted;
  guint percent, format;
  guint32 act;
  g_autofree char *op = NULL;
  g_autoptr (GPtrArray) networks = NULL;
  g_autoptr (GArray) modes = NULL;
  g_autoptr (GArray) retries = NULL;
  g_auto (GStrv) numbers = NULL;
  g_auto (GStrv) ecc = NULL;
  g_autofree char *iccid = NULL, *crsm = NULL, *imsi = NULL, *imei = NULL, *value = NULL;
  g_autofree char *m = NULL, *mo = NULL, *r = NULL;

  md_at_classify_line (line, NULL);
  md_at_parse_registration (line, &reg, NULL);
  md_at_parse_csq (line, &percent, NULL);
  md_at_parse_cesq (line, &cesq, NULL);
  md_at_parse_csq_levels (line, &dbm, &rate, NULL);
  clock = md_at_parse_cclk (line, NULL);
  md_at_parse_tz_report (line, &tz_offset, &tz_dst, NULL);
  md_at_parse_cusd (line, &ussd_status, &ussd_text, NULL);
  contexts = md_at_parse_cgdcont_query (line, NULL);
  md_at_parse_cops_query (line, &format, &op, &act, NULL);
  networks = md_at_parse_cops_test (line, NULL);
  md_at_parse_cfun (line, &power, NULL);
  md_at_parse_cemode (line, &eps_mode, NULL);
  md_at_parse_cgdcont_test (line);
  modes = md_at_parse_ws46_test (line, NULL);
  md_at_parse_gcap (line);
  md_at_parse_cpin (line, &lock, NULL);
  retries = md_at_parse_cpinr (line);
  md_at_parse_clck (line, &enabled, NULL);
  if (md_at_parse_qsimstat (line, &qsim_enabled, &qsim_inserted))
    g_assert_true (qsim_enabled <= 1 && qsim_inserted <= 2);
  iccid = md_at_parse_iccid (line, NULL);
  crsm = md_at_parse_crsm_iccid (line, NULL);
  ecc = md_at_parse_crsm_ecc (line, NULL);
  imsi = md_at_parse_imsi (line, NULL);
  numbers = md_at_parse_cnum (line);
  imei = md_at_parse_imei (line);
  value = md_at_info_value (line, "+CGMI:");
  md_at_parse_ati (line, &m, &mo, &r);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (MdAtLineBuffer) buffer = md_at_line_buffer_new ();
  char *line;

  /* Split at an input-dependent point, as reads from a port would. */
  gsize cut = size ? data[0] % (size + 1) : 0;

  md_at_line_buffer_feed (buffer, data, cut);
  while ((line = md_at_line_buffer_next (buffer))) {
    parse_line (line);
    g_free (line);
  }
  md_at_line_buffer_feed (buffer, data + cut, size - cut);
  while ((line = md_at_line_buffer_next (buffer))) {
    parse_line (line);
    g_free (line);
  }
  return 0;
}
