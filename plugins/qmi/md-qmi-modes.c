/* SPDX-License-Identifier: GPL-2.0-or-later */
/* QMI's radio vocabulary (NAS radio interfaces, RAT mode preference bits)
 * in the API's (access technologies, modes). Pure mappings of values a
 * modem sends; unknown values map to nothing. */
#include "md-qmi-ops.h"

guint32
md_qmi_radio_interface_to_access_technology (QmiNasRadioInterface radio)
{
  switch (radio) {
  case QMI_NAS_RADIO_INTERFACE_GSM: return MD_MODEM_ACCESS_TECHNOLOGY_GSM;
  case QMI_NAS_RADIO_INTERFACE_UMTS: return MD_MODEM_ACCESS_TECHNOLOGY_UMTS;
  case QMI_NAS_RADIO_INTERFACE_LTE: return MD_MODEM_ACCESS_TECHNOLOGY_LTE;
  case QMI_NAS_RADIO_INTERFACE_5GNR: return MD_MODEM_ACCESS_TECHNOLOGY_5GNR;
  case QMI_NAS_RADIO_INTERFACE_CDMA_1X: return MD_MODEM_ACCESS_TECHNOLOGY_1XRTT;
  case QMI_NAS_RADIO_INTERFACE_CDMA_1XEVDO: return MD_MODEM_ACCESS_TECHNOLOGY_EVDO0;
  case QMI_NAS_RADIO_INTERFACE_TD_SCDMA: return MD_MODEM_ACCESS_TECHNOLOGY_UMTS;
  case QMI_NAS_RADIO_INTERFACE_UNKNOWN:
  case QMI_NAS_RADIO_INTERFACE_NONE:
  case QMI_NAS_RADIO_INTERFACE_AMPS: return 0;
  }
  return 0;
}

static const struct {
  QmiNasRatModePreference rat;
  guint32 mode;
} rat_modes[] = {
  { QMI_NAS_RAT_MODE_PREFERENCE_GSM, MD_MODEM_MODE_2G },
  { QMI_NAS_RAT_MODE_PREFERENCE_CDMA_1X, MD_MODEM_MODE_2G },
  { QMI_NAS_RAT_MODE_PREFERENCE_UMTS, MD_MODEM_MODE_3G },
  { QMI_NAS_RAT_MODE_PREFERENCE_CDMA_1XEVDO, MD_MODEM_MODE_3G },
  { QMI_NAS_RAT_MODE_PREFERENCE_TD_SCDMA, MD_MODEM_MODE_3G },
  { QMI_NAS_RAT_MODE_PREFERENCE_LTE, MD_MODEM_MODE_4G },
  { QMI_NAS_RAT_MODE_PREFERENCE_5GNR, MD_MODEM_MODE_5G },
};

guint32
md_qmi_modes_from_rat_preference (QmiNasRatModePreference rats)
{
  guint32 modes = 0;

  for (guint i = 0; i < G_N_ELEMENTS (rat_modes); i++) {
    if (rats & rat_modes[i].rat)
      modes |= rat_modes[i].mode;
  }
  return modes;
}

/* 3GPP technologies only: the API's 2G/3G do not say GSM or CDMA, and a
 * QMI modem driven here is a 3GPP one. */
QmiNasRatModePreference
md_qmi_rat_preference_from_modes (guint32 modes)
{
  QmiNasRatModePreference rats = 0;

  if (modes & MD_MODEM_MODE_2G)
    rats |= QMI_NAS_RAT_MODE_PREFERENCE_GSM;
  if (modes & MD_MODEM_MODE_3G)
    rats |= QMI_NAS_RAT_MODE_PREFERENCE_UMTS;
  if (modes & MD_MODEM_MODE_4G)
    rats |= QMI_NAS_RAT_MODE_PREFERENCE_LTE;
  if (modes & MD_MODEM_MODE_5G)
    rats |= QMI_NAS_RAT_MODE_PREFERENCE_5GNR;
  return rats;
}

char *
md_qmi_plmn_code (guint16 mcc, guint16 mnc, gboolean three_digit_mnc)
{
  if (mcc == 0 || mcc > 999 || mnc > 999)
    return NULL;
  return three_digit_mnc || mnc > 99 ? g_strdup_printf ("%03u%03u", mcc, mnc)
                                     : g_strdup_printf ("%03u%02u", mcc, mnc);
}

gboolean
md_qmi_plmn_parse (const char *code, guint16 *mcc, guint16 *mnc, gboolean *three_digit_mnc)
{
  gsize len = strlen (code);

  if (len != 5 && len != 6)
    return FALSE;
  for (gsize i = 0; i < len; i++) {
    if (!g_ascii_isdigit (code[i]))
      return FALSE;
  }
  *mcc = (guint16)((code[0] - '0') * 100 + (code[1] - '0') * 10 + (code[2] - '0'));
  *mnc = (guint16)((code[3] - '0') * 10 + (code[4] - '0'));
  if (len == 6)
    *mnc = (guint16)(*mnc * 10 + (code[5] - '0'));
  *three_digit_mnc = len == 6;
  return TRUE;
}

/* RSSI from -113 dBm (0 %) to -51 dBm (100 %), the scale of +CSQ's 0-31. */
gint
md_qmi_quality_from_rssi (gint rssi_dbm)
{
  if (rssi_dbm >= 0 || rssi_dbm < -125)
    return -1;
  return CLAMP ((rssi_dbm + 113) * 100 / 62, 0, 100);
}

/* RSRP from -140 dBm (0 %) to -44 dBm (100 %), its 3GPP reporting range. */
gint
md_qmi_quality_from_rsrp (gint rsrp_dbm)
{
  if (rsrp_dbm >= 0 || rsrp_dbm < -160)
    return -1;
  return CLAMP ((rsrp_dbm + 140) * 100 / 96, 0, 100);
}
