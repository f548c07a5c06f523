/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The enums and flags of the ModemManager1 D-Bus API that libmm-client's
 * typed accessors return. Values equal ModemManager's (tests/client checks
 * them against ModemManager-enums.h); GTypes come from mmc-enum-types.h. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A glib-mkenums annotation follows each "typedef enum {", where clang-format
 * would indent the members under it. */
/* clang-format off */
/**
 * MmcModemCapability:
 *
 * The values of ModemManager's `MMModemCapability`, as the D-Bus API carries them.
 */
typedef enum { /*< underscore_name=mmc_modem_capability >*/
  MMC_MODEM_CAPABILITY_NONE = 0,
  MMC_MODEM_CAPABILITY_POTS = 1 << 0,
  MMC_MODEM_CAPABILITY_CDMA_EVDO = 1 << 1,
  MMC_MODEM_CAPABILITY_GSM_UMTS = 1 << 2,
  MMC_MODEM_CAPABILITY_LTE = 1 << 3,
  MMC_MODEM_CAPABILITY_IRIDIUM = 1 << 5,
  MMC_MODEM_CAPABILITY_5GNR = 1 << 6,
  MMC_MODEM_CAPABILITY_TDS = 1 << 7,
  MMC_MODEM_CAPABILITY_ANY = 0xFFFFFFFF,
} MmcModemCapability;

/**
 * MmcModemLock:
 *
 * The values of ModemManager's `MMModemLock`, as the D-Bus API carries them.
 */
typedef enum { /*< underscore_name=mmc_modem_lock >*/
  MMC_MODEM_LOCK_UNKNOWN = 0,
  MMC_MODEM_LOCK_NONE = 1,
  MMC_MODEM_LOCK_SIM_PIN = 2,
  MMC_MODEM_LOCK_SIM_PIN2 = 3,
  MMC_MODEM_LOCK_SIM_PUK = 4,
  MMC_MODEM_LOCK_SIM_PUK2 = 5,
  MMC_MODEM_LOCK_PH_SP_PIN = 6,
  MMC_MODEM_LOCK_PH_SP_PUK = 7,
  MMC_MODEM_LOCK_PH_NET_PIN = 8,
  MMC_MODEM_LOCK_PH_NET_PUK = 9,
  MMC_MODEM_LOCK_PH_SIM_PIN = 10,
  MMC_MODEM_LOCK_PH_CORP_PIN = 11,
  MMC_MODEM_LOCK_PH_CORP_PUK = 12,
  MMC_MODEM_LOCK_PH_FSIM_PIN = 13,
  MMC_MODEM_LOCK_PH_FSIM_PUK = 14,
  MMC_MODEM_LOCK_PH_NETSUB_PIN = 15,
  MMC_MODEM_LOCK_PH_NETSUB_PUK = 16,
} MmcModemLock;

/**
 * MmcModemState:
 *
 * The values of ModemManager's `MMModemState`, as the D-Bus API carries them.
 */
typedef enum { /*< underscore_name=mmc_modem_state >*/
  MMC_MODEM_STATE_FAILED = -1,
  MMC_MODEM_STATE_UNKNOWN = 0,
  MMC_MODEM_STATE_INITIALIZING = 1,
  MMC_MODEM_STATE_LOCKED = 2,
  MMC_MODEM_STATE_DISABLED = 3,
  MMC_MODEM_STATE_DISABLING = 4,
  MMC_MODEM_STATE_ENABLING = 5,
  MMC_MODEM_STATE_ENABLED = 6,
  MMC_MODEM_STATE_SEARCHING = 7,
  MMC_MODEM_STATE_REGISTERED = 8,
  MMC_MODEM_STATE_DISCONNECTING = 9,
  MMC_MODEM_STATE_CONNECTING = 10,
  MMC_MODEM_STATE_CONNECTED = 11,
} MmcModemState;

/**
 * MmcModemStateFailedReason:
 *
 * The values of ModemManager's `MMModemStateFailedReason`, as the D-Bus API carries them.
 */
typedef enum { /*< underscore_name=mmc_modem_state_failed_reason >*/
  MMC_MODEM_STATE_FAILED_REASON_NONE = 0,
  MMC_MODEM_STATE_FAILED_REASON_UNKNOWN = 1,
  MMC_MODEM_STATE_FAILED_REASON_SIM_MISSING = 2,
  MMC_MODEM_STATE_FAILED_REASON_SIM_ERROR = 3,
  MMC_MODEM_STATE_FAILED_REASON_UNKNOWN_CAPABILITIES = 4,
  MMC_MODEM_STATE_FAILED_REASON_ESIM_WITHOUT_PROFILES = 5,
} MmcModemStateFailedReason;

/**
 * MmcModemPowerState:
 *
 * The values of ModemManager's `MMModemPowerState`, as the D-Bus API carries them.
 */
typedef enum { /*< underscore_name=mmc_modem_power_state >*/
  MMC_MODEM_POWER_STATE_UNKNOWN = 0,
  MMC_MODEM_POWER_STATE_OFF = 1,
  MMC_MODEM_POWER_STATE_LOW = 2,
  MMC_MODEM_POWER_STATE_ON = 3,
} MmcModemPowerState;

/**
 * MmcModemStateChangeReason:
 *
 * The values of ModemManager's `MMModemStateChangeReason`, as the D-Bus API carries them.
 */
typedef enum { /*< underscore_name=mmc_modem_state_change_reason >*/
  MMC_MODEM_STATE_CHANGE_REASON_UNKNOWN = 0,
  MMC_MODEM_STATE_CHANGE_REASON_USER_REQUESTED = 1,
  MMC_MODEM_STATE_CHANGE_REASON_SUSPEND = 2,
  MMC_MODEM_STATE_CHANGE_REASON_FAILURE = 3,
} MmcModemStateChangeReason;

/**
 * MmcModemAccessTechnology:
 *
 * The values of ModemManager's `MMModemAccessTechnology`, as the D-Bus API carries them.
 */
typedef enum { /*< underscore_name=mmc_modem_access_technology >*/
  MMC_MODEM_ACCESS_TECHNOLOGY_UNKNOWN = 0,
  MMC_MODEM_ACCESS_TECHNOLOGY_POTS = 1 << 0,
  MMC_MODEM_ACCESS_TECHNOLOGY_GSM = 1 << 1,
  MMC_MODEM_ACCESS_TECHNOLOGY_GSM_COMPACT = 1 << 2,
  MMC_MODEM_ACCESS_TECHNOLOGY_GPRS = 1 << 3,
  MMC_MODEM_ACCESS_TECHNOLOGY_EDGE = 1 << 4,
  MMC_MODEM_ACCESS_TECHNOLOGY_UMTS = 1 << 5,
  MMC_MODEM_ACCESS_TECHNOLOGY_HSDPA = 1 << 6,
  MMC_MODEM_ACCESS_TECHNOLOGY_HSUPA = 1 << 7,
  MMC_MODEM_ACCESS_TECHNOLOGY_HSPA = 1 << 8,
  MMC_MODEM_ACCESS_TECHNOLOGY_HSPA_PLUS = 1 << 9,
  MMC_MODEM_ACCESS_TECHNOLOGY_1XRTT = 1 << 10,
  MMC_MODEM_ACCESS_TECHNOLOGY_EVDO0 = 1 << 11,
  MMC_MODEM_ACCESS_TECHNOLOGY_EVDOA = 1 << 12,
  MMC_MODEM_ACCESS_TECHNOLOGY_EVDOB = 1 << 13,
  MMC_MODEM_ACCESS_TECHNOLOGY_LTE = 1 << 14,
  MMC_MODEM_ACCESS_TECHNOLOGY_5GNR = 1 << 15,
  MMC_MODEM_ACCESS_TECHNOLOGY_LTE_CAT_M = 1 << 16,
  MMC_MODEM_ACCESS_TECHNOLOGY_LTE_NB_IOT = 1 << 17,
  MMC_MODEM_ACCESS_TECHNOLOGY_ANY = 0xFFFFFFFF,
} MmcModemAccessTechnology;

/**
 * MmcModemMode:
 *
 * The values of ModemManager's `MMModemMode`, as the D-Bus API carries them.
 */
typedef enum { /*< underscore_name=mmc_modem_mode >*/
  MMC_MODEM_MODE_NONE = 0,
  MMC_MODEM_MODE_CS = 1 << 0,
  MMC_MODEM_MODE_2G = 1 << 1,
  MMC_MODEM_MODE_3G = 1 << 2,
  MMC_MODEM_MODE_4G = 1 << 3,
  MMC_MODEM_MODE_5G = 1 << 4,
  MMC_MODEM_MODE_ANY = 0xFFFFFFFF,
} MmcModemMode;

/**
 * MmcModem3gppRegistrationState:
 *
 * The values of ModemManager's `MMModem3gppRegistrationState`, as the D-Bus API carries them.
 */
typedef enum { /*< underscore_name=mmc_modem_3gpp_registration_state >*/
  MMC_MODEM_3GPP_REGISTRATION_STATE_IDLE = 0,
  MMC_MODEM_3GPP_REGISTRATION_STATE_HOME = 1,
  MMC_MODEM_3GPP_REGISTRATION_STATE_SEARCHING = 2,
  MMC_MODEM_3GPP_REGISTRATION_STATE_DENIED = 3,
  MMC_MODEM_3GPP_REGISTRATION_STATE_UNKNOWN = 4,
  MMC_MODEM_3GPP_REGISTRATION_STATE_ROAMING = 5,
  MMC_MODEM_3GPP_REGISTRATION_STATE_HOME_SMS_ONLY = 6,
  MMC_MODEM_3GPP_REGISTRATION_STATE_ROAMING_SMS_ONLY = 7,
  MMC_MODEM_3GPP_REGISTRATION_STATE_EMERGENCY_ONLY = 8,
  MMC_MODEM_3GPP_REGISTRATION_STATE_HOME_CSFB_NOT_PREFERRED = 9,
  MMC_MODEM_3GPP_REGISTRATION_STATE_ROAMING_CSFB_NOT_PREFERRED = 10,
  MMC_MODEM_3GPP_REGISTRATION_STATE_ATTACHED_RLOS = 11,
} MmcModem3gppRegistrationState;

/**
 * MmcSmsPduType:
 *
 * The values of ModemManager's `MMSmsPduType`, as the D-Bus API carries them.
 */
typedef enum { /*< underscore_name=mmc_sms_pdu_type >*/
  MMC_SMS_PDU_TYPE_UNKNOWN = 0,
  MMC_SMS_PDU_TYPE_DELIVER = 1,
  MMC_SMS_PDU_TYPE_SUBMIT = 2,
  MMC_SMS_PDU_TYPE_STATUS_REPORT = 3,
  MMC_SMS_PDU_TYPE_CDMA_DELIVER = 32,
  MMC_SMS_PDU_TYPE_CDMA_SUBMIT = 33,
  MMC_SMS_PDU_TYPE_CDMA_CANCELLATION = 34,
  MMC_SMS_PDU_TYPE_CDMA_DELIVERY_ACKNOWLEDGEMENT = 35,
  MMC_SMS_PDU_TYPE_CDMA_USER_ACKNOWLEDGEMENT = 36,
  MMC_SMS_PDU_TYPE_CDMA_READ_ACKNOWLEDGEMENT = 37,
} MmcSmsPduType;

/**
 * MmcSmsState:
 *
 * The values of ModemManager's `MMSmsState`, as the D-Bus API carries them.
 */
typedef enum { /*< underscore_name=mmc_sms_state >*/
  MMC_SMS_STATE_UNKNOWN = 0,
  MMC_SMS_STATE_STORED = 1,
  MMC_SMS_STATE_RECEIVING = 2,
  MMC_SMS_STATE_RECEIVED = 3,
  MMC_SMS_STATE_SENDING = 4,
  MMC_SMS_STATE_SENT = 5,
} MmcSmsState;

/**
 * MmcSmsStorage:
 *
 * The values of ModemManager's `MMSmsStorage`, as the D-Bus API carries them.
 */
typedef enum { /*< underscore_name=mmc_sms_storage >*/
  MMC_SMS_STORAGE_UNKNOWN = 0,
  MMC_SMS_STORAGE_SM = 1,
  MMC_SMS_STORAGE_ME = 2,
  MMC_SMS_STORAGE_MT = 3,
  MMC_SMS_STORAGE_SR = 4,
  MMC_SMS_STORAGE_BM = 5,
  MMC_SMS_STORAGE_TA = 6,
} MmcSmsStorage;

/**
 * MmcSmsValidityType:
 *
 * The values of ModemManager's `MMSmsValidityType`, as the D-Bus API carries them.
 */
typedef enum { /*< underscore_name=mmc_sms_validity_type >*/
  MMC_SMS_VALIDITY_TYPE_UNKNOWN = 0,
  MMC_SMS_VALIDITY_TYPE_RELATIVE = 1,
  MMC_SMS_VALIDITY_TYPE_ABSOLUTE = 2,
  MMC_SMS_VALIDITY_TYPE_ENHANCED = 3,
} MmcSmsValidityType;

/**
 * MmcBearerType:
 *
 * The values of ModemManager's `MMBearerType`, as the D-Bus API carries them.
 */
typedef enum { /*< underscore_name=mmc_bearer_type >*/
  MMC_BEARER_TYPE_UNKNOWN = 0,
  MMC_BEARER_TYPE_DEFAULT = 1,
  MMC_BEARER_TYPE_DEFAULT_ATTACH = 2,
  MMC_BEARER_TYPE_DEDICATED = 3,
} MmcBearerType;

/**
 * MmcBearerIpMethod:
 *
 * The values of ModemManager's `MMBearerIpMethod`, as the D-Bus API carries them.
 */
typedef enum { /*< underscore_name=mmc_bearer_ip_method >*/
  MMC_BEARER_IP_METHOD_UNKNOWN = 0,
  MMC_BEARER_IP_METHOD_PPP = 1,
  MMC_BEARER_IP_METHOD_STATIC = 2,
  MMC_BEARER_IP_METHOD_DHCP = 3,
} MmcBearerIpMethod;

/**
 * MmcBearerIpFamily:
 *
 * The values of ModemManager's `MMBearerIpFamily`, as the D-Bus API carries them.
 */
typedef enum { /*< underscore_name=mmc_bearer_ip_family >*/
  MMC_BEARER_IP_FAMILY_NONE = 0,
  MMC_BEARER_IP_FAMILY_IPV4 = 1 << 0,
  MMC_BEARER_IP_FAMILY_IPV6 = 1 << 1,
  MMC_BEARER_IP_FAMILY_IPV4V6 = 1 << 2,
  MMC_BEARER_IP_FAMILY_NON_IP = 1 << 3,
  MMC_BEARER_IP_FAMILY_ANY = 0xFFFFFFF7,
} MmcBearerIpFamily;

/**
 * MmcBearerAllowedAuth:
 *
 * The values of ModemManager's `MMBearerAllowedAuth`, as the D-Bus API carries them.
 */
typedef enum { /*< underscore_name=mmc_bearer_allowed_auth >*/
  MMC_BEARER_ALLOWED_AUTH_UNKNOWN = 0,
  MMC_BEARER_ALLOWED_AUTH_NONE = 1 << 0,
  MMC_BEARER_ALLOWED_AUTH_PAP = 1 << 1,
  MMC_BEARER_ALLOWED_AUTH_CHAP = 1 << 2,
  MMC_BEARER_ALLOWED_AUTH_MSCHAP = 1 << 3,
  MMC_BEARER_ALLOWED_AUTH_MSCHAPV2 = 1 << 4,
  MMC_BEARER_ALLOWED_AUTH_EAP = 1 << 5,
} MmcBearerAllowedAuth;

/**
 * MmcBearerMultiplexSupport:
 *
 * The values of ModemManager's `MMBearerMultiplexSupport`, as the D-Bus API carries them.
 */
typedef enum { /*< underscore_name=mmc_bearer_multiplex_support >*/
  MMC_BEARER_MULTIPLEX_SUPPORT_UNKNOWN = 0,
  MMC_BEARER_MULTIPLEX_SUPPORT_NONE = 1,
  MMC_BEARER_MULTIPLEX_SUPPORT_REQUESTED = 2,
  MMC_BEARER_MULTIPLEX_SUPPORT_REQUIRED = 3,
} MmcBearerMultiplexSupport;

/**
 * MmcSimType:
 *
 * The values of ModemManager's `MMSimType`, as the D-Bus API carries them.
 */
typedef enum { /*< underscore_name=mmc_sim_type >*/
  MMC_SIM_TYPE_UNKNOWN = 0,
  MMC_SIM_TYPE_PHYSICAL = 1,
  MMC_SIM_TYPE_ESIM = 2,
} MmcSimType;

/**
 * MmcModem3gppPacketServiceState:
 *
 * The values of ModemManager's `MMModem3gppPacketServiceState`, as the D-Bus API carries them.
 */
typedef enum { /*< underscore_name=mmc_modem_3gpp_packet_service_state >*/
  MMC_MODEM_3GPP_PACKET_SERVICE_STATE_UNKNOWN = 0,
  MMC_MODEM_3GPP_PACKET_SERVICE_STATE_DETACHED = 1,
  MMC_MODEM_3GPP_PACKET_SERVICE_STATE_ATTACHED = 2,
} MmcModem3gppPacketServiceState;
/* clang-format on */

G_END_DECLS
