/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The extended signal view (--signal-get): refresh rate, thresholds and
 * each technology's measurements with mmcli's keys (modem.signal.*). */
#include "mc-show.h"

/* One measurement, "%.2f" (with its unit for humans); no value when the
 * technology's dictionary lacks it. */
static void
signal_value (McContext *ctx, GVariant *dict, const char *key, McField field, const char *unit)
{
  double value;

  if (!dict || !g_variant_lookup (dict, key, "d", &value)) {
    mc_output_string (ctx->out, field, NULL);
    return;
  }
  mc_output_string_take (ctx->out, field,
                         ctx->out->type == MC_OUTPUT_HUMAN ? g_strdup_printf ("%.2f %s", value, unit)
                                                           : g_strdup_printf ("%.2f", value));
}

void
mc_show_signal (McContext *ctx, MdDbusModemSignal *sig)
{
  GVariant *cdma = md_dbus_modem_signal_get_cdma (sig), *evdo = md_dbus_modem_signal_get_evdo (sig);
  GVariant *gsm = md_dbus_modem_signal_get_gsm (sig), *umts = md_dbus_modem_signal_get_umts (sig);
  GVariant *lte = md_dbus_modem_signal_get_lte (sig), *nr5g = md_dbus_modem_signal_get_nr5g (sig);
  gboolean human = ctx->out->type == MC_OUTPUT_HUMAN;
  guint rate = md_dbus_modem_signal_get_rate (sig), threshold = md_dbus_modem_signal_get_rssi_threshold (sig);

  mc_output_string_take (ctx->out, MC_F_SIGNAL_REFRESH_RATE,
                         g_strdup_printf (human ? "%u seconds" : "%u", rate));
  mc_output_string_take (ctx->out, MC_F_SIGNAL_RSSI_THRESHOLD,
                         g_strdup_printf (human ? "%u dBm" : "%u", threshold));
  mc_output_string (ctx->out, MC_F_SIGNAL_ERROR_RATE_THRESHOLD,
                    md_dbus_modem_signal_get_error_rate_threshold (sig) ? "yes" : "no");
  signal_value (ctx, cdma, "rssi", MC_F_SIGNAL_CDMA1X_RSSI, "dBm");
  signal_value (ctx, cdma, "ecio", MC_F_SIGNAL_CDMA1X_ECIO, "dBm");
  signal_value (ctx, cdma, "error-rate", MC_F_SIGNAL_CDMA1X_ERROR_RATE, "%");
  signal_value (ctx, evdo, "rssi", MC_F_SIGNAL_EVDO_RSSI, "dBm");
  signal_value (ctx, evdo, "ecio", MC_F_SIGNAL_EVDO_ECIO, "dB");
  signal_value (ctx, evdo, "sinr", MC_F_SIGNAL_EVDO_SINR, "dB");
  signal_value (ctx, evdo, "io", MC_F_SIGNAL_EVDO_IO, "dBm");
  signal_value (ctx, evdo, "error-rate", MC_F_SIGNAL_EVDO_ERROR_RATE, "%");
  signal_value (ctx, gsm, "rssi", MC_F_SIGNAL_GSM_RSSI, "dBm");
  signal_value (ctx, gsm, "error-rate", MC_F_SIGNAL_GSM_ERROR_RATE, "%");
  signal_value (ctx, umts, "rssi", MC_F_SIGNAL_UMTS_RSSI, "dBm");
  signal_value (ctx, umts, "rscp", MC_F_SIGNAL_UMTS_RSCP, "dBm");
  signal_value (ctx, umts, "ecio", MC_F_SIGNAL_UMTS_ECIO, "dB");
  signal_value (ctx, umts, "error-rate", MC_F_SIGNAL_UMTS_ERROR_RATE, "%");
  signal_value (ctx, lte, "rssi", MC_F_SIGNAL_LTE_RSSI, "dBm");
  signal_value (ctx, lte, "rsrq", MC_F_SIGNAL_LTE_RSRQ, "dB");
  signal_value (ctx, lte, "rsrp", MC_F_SIGNAL_LTE_RSRP, "dBm");
  signal_value (ctx, lte, "snr", MC_F_SIGNAL_LTE_SNR, "dB");
  signal_value (ctx, lte, "error-rate", MC_F_SIGNAL_LTE_ERROR_RATE, "%");
  signal_value (ctx, nr5g, "rsrq", MC_F_SIGNAL_5G_RSRQ, "dB");
  signal_value (ctx, nr5g, "rsrp", MC_F_SIGNAL_5G_RSRP, "dBm");
  signal_value (ctx, nr5g, "snr", MC_F_SIGNAL_5G_SNR, "dB");
  signal_value (ctx, nr5g, "error-rate", MC_F_SIGNAL_5G_ERROR_RATE, "%");
}
