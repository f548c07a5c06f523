/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The pieces the ops files of the QMI plugin share. The tables themselves
 * are declared in md-driver-api.h. */
#pragma once

#include "md-bearer.h"
#include "md-qmi-op.h"

G_BEGIN_DECLS

/* A client was allocated on the modem's QMI port: the concern that
 * follows the indications of its service connects them here. */
void md_qmi_netreg_client_allocated (MdModem *modem, QmiClient *client);
void md_qmi_bearer_client_allocated (MdModem *modem, QmiClient *client);
void md_qmi_sms_client_allocated (MdModem *modem, QmiClient *client);
void md_qmi_sim_client_allocated (MdModem *modem, QmiClient *client);
/* The NAS System Info indication (md-qmi-system-info.c): EPS and 5GS
 * registration with their cell; user_data is the modem. */
void md_qmi_system_info_indication (QmiClientNas *client, QmiIndicationNasSystemInfoOutput *output,
                                    gpointer user_data);

/* QmiNasRadioInterface → MdModemAccessTechnology bits. */
guint32 md_qmi_radio_interface_to_access_technology (QmiNasRadioInterface radio);
/* QmiNasRatModePreference bits ↔ MdModemMode bits. */
guint32 md_qmi_modes_from_rat_preference (QmiNasRatModePreference rats);
QmiNasRatModePreference md_qmi_rat_preference_from_modes (guint32 modes);

/* MCC and MNC as NAS gives them → "26201" (two-digit MNC unless
 * three_digit_mnc or above 99); NULL for values no network has. */
char *md_qmi_plmn_code (guint16 mcc, guint16 mnc, gboolean three_digit_mnc);
/* "26201" / "310410" → MCC, MNC and whether the MNC has three digits. */
gboolean md_qmi_plmn_parse (const char *code, guint16 *mcc, guint16 *mnc, gboolean *three_digit_mnc);
/* Bands: LTE band n / NR band n → MdModemBand (UNKNOWN outside the API's
 * range); the GSM/WCDMA bits of QmiDmsBandCapability / QmiNasBandPreference
 * and LTE bit masks (bit n-1 is band n, up to 4 words) added to bands (a
 * GArray of guint32, no repeats), and back. */
guint32 md_qmi_band_from_lte (guint number);
guint32 md_qmi_band_from_nr (guint number);
void md_qmi_bands_add_legacy (GArray *bands, guint64 mask);
void md_qmi_bands_add_lte_mask (GArray *bands, const guint64 *masks, guint n_masks);
guint64 md_qmi_bands_to_legacy (GArray *bands);
void md_qmi_bands_to_lte_mask (GArray *bands, guint64 masks[4]);

/* An IPv4 address as WDS gives it (a.b.c.d as a << 24 | ... | d) → text;
 * a subnet mask → its prefix length (leading ones). */
char *md_qmi_ipv4_to_string (guint32 address);
guint md_qmi_ipv4_prefix (guint32 mask);
/* An IPv6 address as libqmi gives it (eight 16-bit groups) → text; NULL
 * when it is not one. */
char *md_qmi_ipv6_to_string (const GArray *groups);
/* The IPv4 or IPv6 configuration a call's Get Current Settings gives:
 * static with what it holds, DHCP when it holds no address. */
MdIpConfig *md_qmi_ip_config_from_settings (QmiMessageWdsGetCurrentSettingsOutput *output, gboolean ipv6);

/* Settles the link layer of the data path pair's network interface
 * ifname (md-qmi-data-format.c) once, with its own port's WDA, with QMAP
 * aggregation for multiplexed bearers (qmap, only on the primary pair 0;
 * once on, plain bearers are refused): task (taken, source the modem)
 * returns TRUE when the modem runs the format. For QMAP, and when leaving
 * it, the interface's switches are set by then; for a plain format they
 * are left to md_qmi_data_format_apply_kernel. */
void md_qmi_data_format_ensure_pair (MdModem *modem, guint pair, const char *ifname, gboolean qmap,
                                     GTask *task);
/* Sets qmi_wwan's raw_ip switch of ifname to the plain format the last
 * md_qmi_data_format_ensure_pair of pair settled on the modem; TRUE at
 * once when nothing is pending or ifname is NULL (the interface left). */
gboolean md_qmi_data_format_apply_kernel (MdModem *modem, guint pair, const char *ifname, GError **error);

/* Multiplexed bearers (md-qmi-mux.c): the lowest free mux id and its
 * link on the interface net (*out_link, owned by the caller: qmi_wwan's
 * own "qmimux" link on a qmi_wwan interface, else rmnet); TOO_MANY when
 * all are taken, UNSUPPORTED when the modem cannot multiplex, or the
 * link's error. Release gives both back (link may be NULL). */
gboolean md_qmi_mux_acquire (MdModem *modem, const char *net, guint *out_mux_id, char **out_link,
                             GError **error);
void md_qmi_mux_release (MdModem *modem, guint mux_id, const char *link);
/* The data endpoint of the interface net as ModemManager 1.20 gives it
 * (from its driver in sysfs: qmi_wwan → HSUSB and its USB interface
 * number, mhi_net → PCIe 0, ipa → embedded 1, bam-dmux → BAM-DMUX 0,
 * another driver → unknown 0); HSUSB 0 when sysfs names no driver. */
void md_qmi_mux_endpoint (MdModem *modem, const char *net, QmiDataEndpointType *out_type,
                          guint *out_interface);
/* WDS Bind Mux Data Port on the WDS client instance of data path pair's
 * port: its calls travel in mux id's QMAP channel of net's data endpoint.
 * task (taken) answers TRUE or the request's error. */
void md_qmi_mux_bind (MdModem *modem, guint pair, guint instance, guint mux_id, const char *net, GTask *task);

/* Signal quality in percent from RSSI / RSRP in dBm; -1 when out of range. */
gint md_qmi_quality_from_rssi (gint rssi_dbm);
gint md_qmi_quality_from_rsrp (gint rsrp_dbm);

G_END_DECLS
