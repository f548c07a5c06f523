/* SPDX-License-Identifier: GPL-2.0-or-later */
/* +CESQ and +CSQ levels to physical units. The mappings are those of
 * 3GPP TS 27.007 (CESQ ranges) and TS 45.008 (RXQUAL to bit error rate);
 * the lowest level means "this value or worse", the value we report. */
#include "md-at-signal.h"

#include <math.h>

#include "md-at-fields.h"
#include "md-errors.h"

/* TS 45.008 8.2.4: the assumed bit error rate (percent) of each RXQUAL. */
static const double rxqual_error_rate[] = { 0.14, 0.28, 0.57, 1.13, 2.26, 4.53, 9.05, 18.10 };

static gboolean
parse_error (GError **error, const char *what, const char *text)
{
  g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "Cannot parse %s reply '%s'", what, text);
  return FALSE;
}

/* One level field: in 0..max, or the unknown value; anything else fails. */
static gboolean
level (GPtrArray *fields, guint index, guint64 max, guint64 unknown, gboolean *known, guint64 *out)
{
  if (index >= fields->len || !md_at_field_uint (g_ptr_array_index (fields, index), 255, out))
    return FALSE;
  if (*out == unknown) {
    *known = FALSE;
    return TRUE;
  }
  *known = TRUE;
  return *out <= max;
}

double
md_3gpp_ber_error_rate (guint ber)
{
  return ber < G_N_ELEMENTS (rxqual_error_rate) ? rxqual_error_rate[ber] : NAN;
}

/* rssi 0 is -113 dBm or less, 31 is -51 dBm or more, two dBm per step. */
double
md_3gpp_rssi_dbm (guint rssi)
{
  return rssi <= 31 ? -113.0 + 2.0 * (double)rssi : NAN;
}

static double
ber_to_rate (gboolean known, guint64 ber)
{
  return known ? md_3gpp_ber_error_rate ((guint)ber) : NAN;
}

gboolean
md_at_parse_cesq (const char *text, MdAtCesq *out, GError **error)
{
  const char *value = md_at_skip_prefix (text, "+CESQ:");
  g_autoptr (GPtrArray) fields = NULL;
  guint64 rxlev, ber, rscp, ecno, rsrq, rsrp;
  gboolean k_rxlev, k_ber, k_rscp, k_ecno, k_rsrq, k_rsrp;

  if (!value)
    return parse_error (error, "+CESQ", text);
  fields = md_at_split_fields (value);
  if (fields->len != 6 || !level (fields, 0, 63, 99, &k_rxlev, &rxlev)
      || !level (fields, 1, 7, 99, &k_ber, &ber) || !level (fields, 2, 96, 255, &k_rscp, &rscp)
      || !level (fields, 3, 49, 255, &k_ecno, &ecno) || !level (fields, 4, 34, 255, &k_rsrq, &rsrq)
      || !level (fields, 5, 97, 255, &k_rsrp, &rsrp))
    return parse_error (error, "+CESQ", text);
  /* rxlev 0 is below -110 dBm, 63 above -48 dBm: one dBm per step. */
  out->gsm_rssi = k_rxlev ? -111.0 + (double)rxlev : NAN;
  out->gsm_error_rate = ber_to_rate (k_ber, ber);
  /* rscp 0 is below -120 dBm, 96 above -25 dBm. */
  out->umts_rscp = k_rscp ? -121.0 + (double)rscp : NAN;
  /* ecno 0 is below -24 dB, in half-dB steps. */
  out->umts_ecio = k_ecno ? -24.5 + (double)ecno / 2.0 : NAN;
  /* rsrq 0 is below -19.5 dB, in half-dB steps. */
  out->lte_rsrq = k_rsrq ? -20.0 + (double)rsrq / 2.0 : NAN;
  /* rsrp 0 is below -140 dBm. */
  out->lte_rsrp = k_rsrp ? -141.0 + (double)rsrp : NAN;
  return TRUE;
}

gboolean
md_at_parse_csq_levels (const char *text, double *out_rssi_dbm, double *out_error_rate, GError **error)
{
  const char *value = md_at_skip_prefix (text, "+CSQ:");
  g_autoptr (GPtrArray) fields = NULL;
  guint64 rssi, ber;
  gboolean k_rssi, k_ber;

  if (!value)
    return parse_error (error, "+CSQ", text);
  fields = md_at_split_fields (value);
  if (fields->len != 2 || !level (fields, 0, 31, 99, &k_rssi, &rssi)
      || !level (fields, 1, 7, 99, &k_ber, &ber))
    return parse_error (error, "+CSQ", text);
  *out_rssi_dbm = k_rssi ? md_3gpp_rssi_dbm ((guint)rssi) : NAN;
  *out_error_rate = ber_to_rate (k_ber, ber);
  return TRUE;
}
