/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The table of printed values: each field's -K key (its -J path too), its
 * label and section in human output. Keys are those of mmcli, because
 * scripts parse them. */
#include "mc-fields.h"

#include <glib.h>

static const McFieldInfo fields[] = {
  [MC_F_MODEM_DBUS_PATH] = { "modem.dbus-path", "path", MC_S_MODEM_GENERAL },
  [MC_F_MODEM_DEVICE_ID] = { "modem.generic.device-identifier", "device id", MC_S_MODEM_GENERAL },
  [MC_F_MODEM_MANUFACTURER] = { "modem.generic.manufacturer", "manufacturer", MC_S_MODEM_HARDWARE },
  [MC_F_MODEM_MODEL] = { "modem.generic.model", "model", MC_S_MODEM_HARDWARE },
  [MC_F_MODEM_REVISION] = { "modem.generic.revision", "firmware revision", MC_S_MODEM_HARDWARE },
  [MC_F_MODEM_CARRIER_CONF]
  = { "modem.generic.carrier-configuration", "carrier config", MC_S_MODEM_HARDWARE },
  [MC_F_MODEM_CARRIER_CONF_REV]
  = { "modem.generic.carrier-configuration-revision", "carrier config revision", MC_S_MODEM_HARDWARE },
  [MC_F_MODEM_HW_REVISION] = { "modem.generic.hardware-revision", "h/w revision", MC_S_MODEM_HARDWARE },
  [MC_F_MODEM_SUPPORTED_CAPABILITIES]
  = { "modem.generic.supported-capabilities", "supported", MC_S_MODEM_HARDWARE },
  [MC_F_MODEM_CURRENT_CAPABILITIES]
  = { "modem.generic.current-capabilities", "current", MC_S_MODEM_HARDWARE },
  [MC_F_MODEM_EQUIPMENT_ID] = { "modem.generic.equipment-identifier", "equipment id", MC_S_MODEM_HARDWARE },
  [MC_F_MODEM_DEVICE] = { "modem.generic.device", "device", MC_S_MODEM_SYSTEM },
  [MC_F_MODEM_DRIVERS] = { "modem.generic.drivers", "drivers", MC_S_MODEM_SYSTEM },
  [MC_F_MODEM_PLUGIN] = { "modem.generic.plugin", "plugin", MC_S_MODEM_SYSTEM },
  [MC_F_MODEM_PRIMARY_PORT] = { "modem.generic.primary-port", "primary port", MC_S_MODEM_SYSTEM },
  [MC_F_MODEM_PORTS] = { "modem.generic.ports", "ports", MC_S_MODEM_SYSTEM },
  [MC_F_MODEM_OWN_NUMBERS] = { "modem.generic.own-numbers", "own", MC_S_MODEM_NUMBERS },
  [MC_F_MODEM_LOCK] = { "modem.generic.unlock-required", "lock", MC_S_MODEM_STATUS },
  [MC_F_MODEM_UNLOCK_RETRIES] = { "modem.generic.unlock-retries", "unlock retries", MC_S_MODEM_STATUS },
  [MC_F_MODEM_STATE] = { "modem.generic.state", "state", MC_S_MODEM_STATUS },
  [MC_F_MODEM_FAILED_REASON] = { "modem.generic.state-failed-reason", "failed reason", MC_S_MODEM_STATUS },
  [MC_F_MODEM_POWER_STATE] = { "modem.generic.power-state", "power state", MC_S_MODEM_STATUS },
  [MC_F_MODEM_ACCESS_TECH] = { "modem.generic.access-technologies", "access tech", MC_S_MODEM_STATUS },
  [MC_F_MODEM_SIGNAL_QUALITY_VALUE]
  = { "modem.generic.signal-quality.value", "signal quality", MC_S_MODEM_STATUS },
  [MC_F_MODEM_SIGNAL_QUALITY_RECENT] = { "modem.generic.signal-quality.recent", NULL, MC_S_NONE },
  [MC_F_MODEM_SUPPORTED_MODES] = { "modem.generic.supported-modes", "supported", MC_S_MODEM_MODES },
  [MC_F_MODEM_CURRENT_MODES] = { "modem.generic.current-modes", "current", MC_S_MODEM_MODES },
  [MC_F_MODEM_SUPPORTED_BANDS] = { "modem.generic.supported-bands", "supported", MC_S_MODEM_BANDS },
  [MC_F_MODEM_CURRENT_BANDS] = { "modem.generic.current-bands", "current", MC_S_MODEM_BANDS },
  [MC_F_MODEM_SUPPORTED_IP] = { "modem.generic.supported-ip-families", "supported", MC_S_MODEM_IP },
  [MC_F_3GPP_IMEI] = { "modem.3gpp.imei", "imei", MC_S_MODEM_3GPP },
  [MC_F_3GPP_ENABLED_LOCKS] = { "modem.3gpp.enabled-locks", "enabled locks", MC_S_MODEM_3GPP },
  [MC_F_3GPP_OPERATOR_ID] = { "modem.3gpp.operator-code", "operator id", MC_S_MODEM_3GPP },
  [MC_F_3GPP_OPERATOR_NAME] = { "modem.3gpp.operator-name", "operator name", MC_S_MODEM_3GPP },
  [MC_F_3GPP_REGISTRATION] = { "modem.3gpp.registration-state", "registration", MC_S_MODEM_3GPP },
  [MC_F_3GPP_PACKET_SERVICE_STATE]
  = { "modem.3gpp.packet-service-state", "packet service state", MC_S_MODEM_3GPP },
  [MC_F_3GPP_PCO] = { "modem.3gpp.pco", "pco", MC_S_MODEM_3GPP },
  [MC_F_3GPP_EPS_UE_MODE]
  = { "modem.3gpp.eps.ue-mode-operation", "ue mode of operation", MC_S_MODEM_3GPP_EPS },
  [MC_F_3GPP_EPS_INITIAL_BEARER_PATH]
  = { "modem.3gpp.eps.initial-bearer.dbus-path", "initial bearer path", MC_S_MODEM_3GPP_EPS },
  [MC_F_3GPP_EPS_BEARER_APN]
  = { "modem.3gpp.eps.initial-bearer.settings.apn", "initial bearer apn", MC_S_MODEM_3GPP_EPS },
  [MC_F_3GPP_EPS_BEARER_IP_TYPE]
  = { "modem.3gpp.eps.initial-bearer.settings.ip-type", "initial bearer ip type", MC_S_MODEM_3GPP_EPS },
  [MC_F_3GPP_EPS_BEARER_USER]
  = { "modem.3gpp.eps.initial-bearer.settings.user", "initial bearer user", MC_S_MODEM_3GPP_EPS },
  [MC_F_3GPP_EPS_BEARER_PASSWORD]
  = { "modem.3gpp.eps.initial-bearer.settings.password", "initial bearer password", MC_S_MODEM_3GPP_EPS },
  [MC_F_3GPP_5GNR_MICO_MODE]
  = { "modem.3gpp.5gnr.registration-settings.mico-mode", "mico mode", MC_S_MODEM_3GPP_5GNR },
  [MC_F_3GPP_5GNR_DRX_CYCLE]
  = { "modem.3gpp.5gnr.registration-settings.drx-cycle", "drx cycle", MC_S_MODEM_3GPP_5GNR },
  [MC_F_3GPP_SCAN_NETWORKS] = { "modem.3gpp.scan-networks", "networks", MC_S_MODEM_3GPP_SCAN },
  [MC_F_CDMA_MEID] = { "modem.cdma.meid", "meid", MC_S_MODEM_CDMA },
  [MC_F_CDMA_ESN] = { "modem.cdma.esn", "esn", MC_S_MODEM_CDMA },
  [MC_F_CDMA_SID] = { "modem.cdma.sid", "sid", MC_S_MODEM_CDMA },
  [MC_F_CDMA_NID] = { "modem.cdma.nid", "nid", MC_S_MODEM_CDMA },
  [MC_F_CDMA_REGISTRATION_CDMA1X]
  = { "modem.cdma.cdma1x-registration-state", "registration cdma1x", MC_S_MODEM_CDMA },
  [MC_F_CDMA_REGISTRATION_EVDO]
  = { "modem.cdma.evdo-registration-state", "registration evdo", MC_S_MODEM_CDMA },
  [MC_F_CDMA_ACTIVATION] = { "modem.cdma.activation-state", "activation", MC_S_MODEM_CDMA },
  [MC_F_MODEM_SIM_PATH] = { "modem.generic.sim", "primary sim path", MC_S_MODEM_SIM },
  [MC_F_MODEM_PRIMARY_SIM_SLOT] = { "modem.generic.primary-sim-slot", NULL, MC_S_NONE },
  [MC_F_MODEM_SIM_SLOTS] = { "modem.generic.sim-slots", "sim slot paths", MC_S_MODEM_SIM },
  [MC_F_MODEM_BEARERS] = { "modem.generic.bearers", "paths", MC_S_MODEM_BEARER },
  [MC_F_MESSAGING_SUPPORTED_STORAGES]
  = { "modem.messaging.supported-storages", "supported storages", MC_S_MODEM_MESSAGING },
  [MC_F_MESSAGING_DEFAULT_STORAGES]
  = { "modem.messaging.default-storages", "default storages", MC_S_MODEM_MESSAGING },
  [MC_F_SIGNAL_REFRESH_RATE] = { "modem.signal.refresh.rate", "refresh rate", MC_S_MODEM_SIGNAL },
  [MC_F_SIGNAL_RSSI_THRESHOLD] = { "modem.signal.threshold.rssi", "rssi threshold", MC_S_MODEM_SIGNAL },
  [MC_F_SIGNAL_ERROR_RATE_THRESHOLD]
  = { "modem.signal.threshold.error-rate", "error rate threshold", MC_S_MODEM_SIGNAL },
  [MC_F_SIGNAL_CDMA1X_RSSI] = { "modem.signal.cdma1x.rssi", "rssi", MC_S_MODEM_SIGNAL_CDMA1X },
  [MC_F_SIGNAL_CDMA1X_ECIO] = { "modem.signal.cdma1x.ecio", "ecio", MC_S_MODEM_SIGNAL_CDMA1X },
  [MC_F_SIGNAL_CDMA1X_ERROR_RATE]
  = { "modem.signal.cdma1x.error-rate", "error rate", MC_S_MODEM_SIGNAL_CDMA1X },
  [MC_F_SIGNAL_EVDO_RSSI] = { "modem.signal.evdo.rssi", "rssi", MC_S_MODEM_SIGNAL_EVDO },
  [MC_F_SIGNAL_EVDO_ECIO] = { "modem.signal.evdo.ecio", "ecio", MC_S_MODEM_SIGNAL_EVDO },
  [MC_F_SIGNAL_EVDO_SINR] = { "modem.signal.evdo.sinr", "sinr", MC_S_MODEM_SIGNAL_EVDO },
  [MC_F_SIGNAL_EVDO_IO] = { "modem.signal.evdo.io", "io", MC_S_MODEM_SIGNAL_EVDO },
  [MC_F_SIGNAL_EVDO_ERROR_RATE] = { "modem.signal.evdo.error-rate", "error rate", MC_S_MODEM_SIGNAL_EVDO },
  [MC_F_SIGNAL_GSM_RSSI] = { "modem.signal.gsm.rssi", "rssi", MC_S_MODEM_SIGNAL_GSM },
  [MC_F_SIGNAL_GSM_ERROR_RATE] = { "modem.signal.gsm.error-rate", "error rate", MC_S_MODEM_SIGNAL_GSM },
  [MC_F_SIGNAL_UMTS_RSSI] = { "modem.signal.umts.rssi", "rssi", MC_S_MODEM_SIGNAL_UMTS },
  [MC_F_SIGNAL_UMTS_RSCP] = { "modem.signal.umts.rscp", "rscp", MC_S_MODEM_SIGNAL_UMTS },
  [MC_F_SIGNAL_UMTS_ECIO] = { "modem.signal.umts.ecio", "ecio", MC_S_MODEM_SIGNAL_UMTS },
  [MC_F_SIGNAL_UMTS_ERROR_RATE] = { "modem.signal.umts.error-rate", "error rate", MC_S_MODEM_SIGNAL_UMTS },
  [MC_F_SIGNAL_LTE_RSSI] = { "modem.signal.lte.rssi", "rssi", MC_S_MODEM_SIGNAL_LTE },
  [MC_F_SIGNAL_LTE_RSRQ] = { "modem.signal.lte.rsrq", "rsrq", MC_S_MODEM_SIGNAL_LTE },
  [MC_F_SIGNAL_LTE_RSRP] = { "modem.signal.lte.rsrp", "rsrp", MC_S_MODEM_SIGNAL_LTE },
  [MC_F_SIGNAL_LTE_SNR] = { "modem.signal.lte.snr", "s/n", MC_S_MODEM_SIGNAL_LTE },
  [MC_F_SIGNAL_LTE_ERROR_RATE] = { "modem.signal.lte.error-rate", "error rate", MC_S_MODEM_SIGNAL_LTE },
  [MC_F_SIGNAL_5G_RSRQ] = { "modem.signal.5g.rsrq", "rsrq", MC_S_MODEM_SIGNAL_5G },
  [MC_F_SIGNAL_5G_RSRP] = { "modem.signal.5g.rsrp", "rsrp", MC_S_MODEM_SIGNAL_5G },
  [MC_F_SIGNAL_5G_SNR] = { "modem.signal.5g.snr", "s/n", MC_S_MODEM_SIGNAL_5G },
  [MC_F_SIGNAL_5G_ERROR_RATE] = { "modem.signal.5g.error-rate", "error rate", MC_S_MODEM_SIGNAL_5G },
  [MC_F_BEARER_DBUS_PATH] = { "bearer.dbus-path", "path", MC_S_BEARER_GENERAL },
  [MC_F_BEARER_TYPE] = { "bearer.type", "type", MC_S_BEARER_GENERAL },
  [MC_F_BEARER_CONNECTED] = { "bearer.status.connected", "connected", MC_S_BEARER_STATUS },
  [MC_F_BEARER_ERROR_NAME]
  = { "bearer.status.connection-error.name", "connection error name", MC_S_BEARER_STATUS },
  [MC_F_BEARER_ERROR_MESSAGE]
  = { "bearer.status.connection-error.message", "connection error message", MC_S_BEARER_STATUS },
  [MC_F_BEARER_SUSPENDED] = { "bearer.status.suspended", "suspended", MC_S_BEARER_STATUS },
  [MC_F_BEARER_MULTIPLEXED] = { "bearer.status.multiplexed", "multiplexed", MC_S_BEARER_STATUS },
  [MC_F_BEARER_INTERFACE] = { "bearer.status.interface", "interface", MC_S_BEARER_STATUS },
  [MC_F_BEARER_IP_TIMEOUT] = { "bearer.status.ip-timeout", "ip timeout", MC_S_BEARER_STATUS },
  [MC_F_BEARER_PROFILE_ID] = { "bearer.status.profile-id", "profile id", MC_S_BEARER_STATUS },
  [MC_F_BEARER_PROP_APN] = { "bearer.properties.apn", "apn", MC_S_BEARER_PROPERTIES },
  [MC_F_BEARER_PROP_APN_TYPE] = { "bearer.properties.apn-type", "apn type", MC_S_BEARER_PROPERTIES },
  [MC_F_BEARER_PROP_ROAMING] = { "bearer.properties.roaming", "roaming", MC_S_BEARER_PROPERTIES },
  [MC_F_BEARER_PROP_IP_TYPE] = { "bearer.properties.ip-type", "ip type", MC_S_BEARER_PROPERTIES },
  [MC_F_BEARER_PROP_ALLOWED_AUTH]
  = { "bearer.properties.allowed-auth", "allowed-auth", MC_S_BEARER_PROPERTIES },
  [MC_F_BEARER_PROP_USER] = { "bearer.properties.user", "user", MC_S_BEARER_PROPERTIES },
  [MC_F_BEARER_PROP_PASSWORD] = { "bearer.properties.password", "password", MC_S_BEARER_PROPERTIES },
  [MC_F_BEARER_PROP_PROFILE_ID] = { "bearer.properties.profile-id", "profile id", MC_S_BEARER_PROPERTIES },
  [MC_F_BEARER_PROP_NUMBER] = { "bearer.properties.number", "number", MC_S_BEARER_PROPERTIES },
  [MC_F_BEARER_PROP_RM_PROTOCOL] = { "bearer.properties.rm-protocol", "rm protocol", MC_S_BEARER_PROPERTIES },
  [MC_F_BEARER_PROP_ACCESS_TYPE_PREFERENCE]
  = { "bearer.properties.access-type-preference", "access type preference", MC_S_BEARER_PROPERTIES },
  [MC_F_BEARER_PROP_ROAMING_ALLOWANCE]
  = { "bearer.properties.roaming-allowance", "roaming allowance", MC_S_BEARER_PROPERTIES },
  [MC_F_BEARER_IPV4_METHOD] = { "bearer.ipv4-config.method", "method", MC_S_BEARER_IPV4 },
  [MC_F_BEARER_IPV4_ADDRESS] = { "bearer.ipv4-config.address", "address", MC_S_BEARER_IPV4 },
  [MC_F_BEARER_IPV4_PREFIX] = { "bearer.ipv4-config.prefix", "prefix", MC_S_BEARER_IPV4 },
  [MC_F_BEARER_IPV4_GATEWAY] = { "bearer.ipv4-config.gateway", "gateway", MC_S_BEARER_IPV4 },
  [MC_F_BEARER_IPV4_DNS] = { "bearer.ipv4-config.dns", "dns", MC_S_BEARER_IPV4 },
  [MC_F_BEARER_IPV4_MTU] = { "bearer.ipv4-config.mtu", "mtu", MC_S_BEARER_IPV4 },
  [MC_F_BEARER_IPV6_METHOD] = { "bearer.ipv6-config.method", "method", MC_S_BEARER_IPV6 },
  [MC_F_BEARER_IPV6_ADDRESS] = { "bearer.ipv6-config.address", "address", MC_S_BEARER_IPV6 },
  [MC_F_BEARER_IPV6_PREFIX] = { "bearer.ipv6-config.prefix", "prefix", MC_S_BEARER_IPV6 },
  [MC_F_BEARER_IPV6_GATEWAY] = { "bearer.ipv6-config.gateway", "gateway", MC_S_BEARER_IPV6 },
  [MC_F_BEARER_IPV6_DNS] = { "bearer.ipv6-config.dns", "dns", MC_S_BEARER_IPV6 },
  [MC_F_BEARER_IPV6_MTU] = { "bearer.ipv6-config.mtu", "mtu", MC_S_BEARER_IPV6 },
  [MC_F_BEARER_STATS_START_DATE] = { "bearer.stats.start-date", "start date", MC_S_BEARER_STATS },
  [MC_F_BEARER_STATS_DURATION] = { "bearer.stats.duration", "duration", MC_S_BEARER_STATS },
  [MC_F_BEARER_STATS_UPLINK_SPEED] = { "bearer.stats.uplink-speed", "uplink speed", MC_S_BEARER_STATS },
  [MC_F_BEARER_STATS_DOWNLINK_SPEED] = { "bearer.stats.downlink-speed", "downlink speed", MC_S_BEARER_STATS },
  [MC_F_BEARER_STATS_BYTES_RX] = { "bearer.stats.bytes-rx", "bytes rx", MC_S_BEARER_STATS },
  [MC_F_BEARER_STATS_BYTES_TX] = { "bearer.stats.bytes-tx", "bytes tx", MC_S_BEARER_STATS },
  [MC_F_BEARER_STATS_ATTEMPTS] = { "bearer.stats.attempts", "attempts", MC_S_BEARER_STATS },
  [MC_F_BEARER_STATS_FAILED_ATTEMPTS]
  = { "bearer.stats.failed-attempts", "failed attempts", MC_S_BEARER_STATS },
  [MC_F_BEARER_STATS_TOTAL_DURATION] = { "bearer.stats.total-duration", "total duration", MC_S_BEARER_STATS },
  [MC_F_BEARER_STATS_TOTAL_BYTES_RX] = { "bearer.stats.total-bytes-rx", "total bytes rx", MC_S_BEARER_STATS },
  [MC_F_BEARER_STATS_TOTAL_BYTES_TX] = { "bearer.stats.total-bytes-tx", "total bytes tx", MC_S_BEARER_STATS },
  [MC_F_SMS_DBUS_PATH] = { "sms.dbus-path", "path", MC_S_SMS_GENERAL },
  [MC_F_SMS_NUMBER] = { "sms.content.number", "number", MC_S_SMS_CONTENT },
  [MC_F_SMS_TEXT] = { "sms.content.text", "text", MC_S_SMS_CONTENT },
  [MC_F_SMS_DATA] = { "sms.content.data", "data", MC_S_SMS_CONTENT },
  [MC_F_SMS_PDU_TYPE] = { "sms.properties.pdu-type", "pdu type", MC_S_SMS_PROPERTIES },
  [MC_F_SMS_STATE] = { "sms.properties.state", "state", MC_S_SMS_PROPERTIES },
  [MC_F_SMS_VALIDITY] = { "sms.properties.validity", "validity", MC_S_SMS_PROPERTIES },
  [MC_F_SMS_STORAGE] = { "sms.properties.storage", "storage", MC_S_SMS_PROPERTIES },
  [MC_F_SMS_SMSC] = { "sms.properties.smsc", "smsc", MC_S_SMS_PROPERTIES },
  [MC_F_SMS_CLASS] = { "sms.properties.class", "class", MC_S_SMS_PROPERTIES },
  [MC_F_SMS_TELESERVICE_ID] = { "sms.properties.teleservice-id", "teleservice id", MC_S_SMS_PROPERTIES },
  [MC_F_SMS_SERVICE_CATEGORY]
  = { "sms.properties.service-category", "service category", MC_S_SMS_PROPERTIES },
  [MC_F_SMS_DELIVERY_REPORT] = { "sms.properties.delivery-report", "delivery report", MC_S_SMS_PROPERTIES },
  [MC_F_SMS_MSG_REFERENCE] = { "sms.properties.message-reference", "message reference", MC_S_SMS_PROPERTIES },
  [MC_F_SMS_TIMESTAMP] = { "sms.properties.timestamp", "timestamp", MC_S_SMS_PROPERTIES },
  [MC_F_SMS_DELIVERY_STATE] = { "sms.properties.delivery-state", "delivery state", MC_S_SMS_PROPERTIES },
  [MC_F_SMS_DISCH_TIMESTAMP]
  = { "sms.properties.discharge-timestamp", "discharge timestamp", MC_S_SMS_PROPERTIES },
  [MC_F_SIM_DBUS_PATH] = { "sim.dbus-path", "path", MC_S_SIM_GENERAL },
  [MC_F_SIM_ACTIVE] = { "sim.properties.active", "active", MC_S_SIM_PROPERTIES },
  [MC_F_SIM_IMSI] = { "sim.properties.imsi", "imsi", MC_S_SIM_PROPERTIES },
  [MC_F_SIM_ICCID] = { "sim.properties.iccid", "iccid", MC_S_SIM_PROPERTIES },
  [MC_F_SIM_EID] = { "sim.properties.eid", "eid", MC_S_SIM_PROPERTIES },
  [MC_F_SIM_GID1] = { "sim.properties.gid1", "gid1", MC_S_SIM_PROPERTIES },
  [MC_F_SIM_GID2] = { "sim.properties.gid2", "gid2", MC_S_SIM_PROPERTIES },
  [MC_F_SIM_OPERATOR_ID] = { "sim.properties.operator-code", "operator id", MC_S_SIM_PROPERTIES },
  [MC_F_SIM_OPERATOR_NAME] = { "sim.properties.operator-name", "operator name", MC_S_SIM_PROPERTIES },
  [MC_F_SIM_EMERGENCY_NUMBERS]
  = { "sim.properties.emergency-numbers", "emergency numbers", MC_S_SIM_PROPERTIES },
  [MC_F_SIM_PREFERRED_NETWORKS]
  = { "sim.properties.preferred-networks", "preferred networks", MC_S_SIM_PROPERTIES },
  [MC_F_SIM_TYPE] = { "sim.properties.sim-type", "type", MC_S_SIM_PROPERTIES },
  [MC_F_SIM_ESIM_STATUS] = { "sim.properties.esim-status", "esim status", MC_S_SIM_PROPERTIES },
  [MC_F_SIM_REMOVABILITY] = { "sim.properties.removability", "removability", MC_S_SIM_PROPERTIES },
  [MC_F_MODEM_LIST] = { "modem-list", "modems", MC_S_NONE },
  [MC_F_SMS_LIST] = { "modem.messaging.sms", "sms messages", MC_S_NONE },
};

G_STATIC_ASSERT (G_N_ELEMENTS (fields) == MC_F_LAST);

static const char *const sections[] = {
  [MC_S_NONE] = "",
  [MC_S_MODEM_GENERAL] = "General",
  [MC_S_MODEM_HARDWARE] = "Hardware",
  [MC_S_MODEM_SYSTEM] = "System",
  [MC_S_MODEM_NUMBERS] = "Numbers",
  [MC_S_MODEM_STATUS] = "Status",
  [MC_S_MODEM_MODES] = "Modes",
  [MC_S_MODEM_BANDS] = "Bands",
  [MC_S_MODEM_IP] = "IP",
  [MC_S_MODEM_3GPP] = "3GPP",
  [MC_S_MODEM_3GPP_EPS] = "3GPP EPS",
  [MC_S_MODEM_3GPP_5GNR] = "3GPP 5GNR",
  [MC_S_MODEM_3GPP_SCAN] = "3GPP scan",
  [MC_S_MODEM_CDMA] = "CDMA",
  [MC_S_MODEM_SIM] = "SIM",
  [MC_S_MODEM_BEARER] = "Bearer",
  [MC_S_MODEM_MESSAGING] = "Messaging",
  [MC_S_MODEM_SIGNAL] = "Signal",
  [MC_S_MODEM_SIGNAL_CDMA1X] = "CDMA1x",
  [MC_S_MODEM_SIGNAL_EVDO] = "EV-DO",
  [MC_S_MODEM_SIGNAL_GSM] = "GSM",
  [MC_S_MODEM_SIGNAL_UMTS] = "UMTS",
  [MC_S_MODEM_SIGNAL_LTE] = "LTE",
  [MC_S_MODEM_SIGNAL_5G] = "5G",
  [MC_S_BEARER_GENERAL] = "General",
  [MC_S_BEARER_STATUS] = "Status",
  [MC_S_BEARER_PROPERTIES] = "Properties",
  [MC_S_BEARER_IPV4] = "IPv4 configuration",
  [MC_S_BEARER_IPV6] = "IPv6 configuration",
  [MC_S_BEARER_STATS] = "Statistics",
  [MC_S_SMS_GENERAL] = "General",
  [MC_S_SMS_CONTENT] = "Content",
  [MC_S_SMS_PROPERTIES] = "Properties",
  [MC_S_SIM_GENERAL] = "General",
  [MC_S_SIM_PROPERTIES] = "Properties",
};

G_STATIC_ASSERT (G_N_ELEMENTS (sections) == MC_S_LAST);

const McFieldInfo *
mc_field_info (McField field)
{
  g_return_val_if_fail (field < MC_F_LAST, &fields[0]);
  return &fields[field];
}

const char *
mc_section_name (McSection section)
{
  g_return_val_if_fail (section < MC_S_LAST, "");
  return sections[section];
}
