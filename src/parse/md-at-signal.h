/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Signal measurements in AT replies: +CESQ (27.007 8.69) and the levels of
 * +CSQ, converted to dBm / dB / percent. NaN stands for "not known". */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  double gsm_rssi;       /* dBm, from rxlev */
  double gsm_error_rate; /* percent, from ber */
  double umts_rscp;      /* dBm */
  double umts_ecio;      /* dB, from ecno */
  double lte_rsrq;       /* dB */
  double lte_rsrp;       /* dBm */
} MdAtCesq;

/* "+CESQ: <rxlev>,<ber>,<rscp>,<ecno>,<rsrq>,<rsrp>"; each field's "not
 * known" value (99 or 255) gives NaN. */
gboolean md_at_parse_cesq (const char *text, MdAtCesq *out, GError **error);

/* "+CSQ: <rssi>,<ber>" to dBm and percent (NaN when not known). Fails on
 * a malformed line only. */
gboolean md_at_parse_csq_levels (const char *text, double *out_rssi_dbm, double *out_error_rate,
                                 GError **error);

/* A 27.007 <ber> (RXQUAL 0-7, as MBIM's ErrorRate too) to the bit error
 * rate in percent TS 45.008 assumes for it; NaN for anything else. */
double md_3gpp_ber_error_rate (guint ber);
/* A 27.007 +CSQ <rssi> (0-31, as MBIM's Rssi too) to dBm; NaN for 99 or
 * anything out of range. */
double md_3gpp_rssi_dbm (guint rssi);

G_END_DECLS
