/* SPDX-License-Identifier: GPL-2.0-or-later */
/* MBIM status codes in the error vocabulary of the D-Bus API, so that a
 * client sees "SimPin" or "TooMany", not "MBIM status 13". */
#include "md-errors.h"
#include "md-mbim-modem.h"

typedef struct {
  MbimStatusError status;
  GQuark (*domain) (void);
  gint code;
} StatusMapping;

static const StatusMapping status_mappings[] = {
  { MBIM_STATUS_ERROR_BUSY, md_core_error_quark, MD_CORE_ERROR_RETRY },
  { MBIM_STATUS_ERROR_FAILURE, md_core_error_quark, MD_CORE_ERROR_FAILED },
  { MBIM_STATUS_ERROR_SIM_NOT_INSERTED, md_mobile_equipment_error_quark,
    MD_MOBILE_EQUIPMENT_ERROR_SIM_NOT_INSERTED },
  { MBIM_STATUS_ERROR_BAD_SIM, md_mobile_equipment_error_quark, MD_MOBILE_EQUIPMENT_ERROR_SIM_WRONG },
  { MBIM_STATUS_ERROR_PIN_REQUIRED, md_mobile_equipment_error_quark, MD_MOBILE_EQUIPMENT_ERROR_SIM_PIN },
  /* As AT modems answer +CPWD with the PIN off (+CME ERROR: 3). */
  { MBIM_STATUS_ERROR_PIN_DISABLED, md_mobile_equipment_error_quark, MD_MOBILE_EQUIPMENT_ERROR_NOT_ALLOWED },
  { MBIM_STATUS_ERROR_NOT_REGISTERED, md_mobile_equipment_error_quark, MD_MOBILE_EQUIPMENT_ERROR_NO_NETWORK },
  { MBIM_STATUS_ERROR_PROVIDERS_NOT_FOUND, md_mobile_equipment_error_quark,
    MD_MOBILE_EQUIPMENT_ERROR_NO_NETWORK },
  { MBIM_STATUS_ERROR_NO_DEVICE_SUPPORT, md_core_error_quark, MD_CORE_ERROR_UNSUPPORTED },
  { MBIM_STATUS_ERROR_PROVIDER_NOT_VISIBLE, md_mobile_equipment_error_quark,
    MD_MOBILE_EQUIPMENT_ERROR_NO_NETWORK },
  { MBIM_STATUS_ERROR_DATA_CLASS_NOT_AVAILABLE, md_core_error_quark, MD_CORE_ERROR_UNSUPPORTED },
  { MBIM_STATUS_ERROR_PACKET_SERVICE_DETACHED, md_mobile_equipment_error_quark,
    MD_MOBILE_EQUIPMENT_ERROR_NOT_ATTACHED_RESTRICTED },
  { MBIM_STATUS_ERROR_MAX_ACTIVATED_CONTEXTS, md_core_error_quark, MD_CORE_ERROR_TOO_MANY },
  { MBIM_STATUS_ERROR_NOT_INITIALIZED, md_core_error_quark, MD_CORE_ERROR_RETRY },
  { MBIM_STATUS_ERROR_VOICE_CALL_IN_PROGRESS, md_core_error_quark, MD_CORE_ERROR_IN_PROGRESS },
  { MBIM_STATUS_ERROR_CONTEXT_NOT_ACTIVATED, md_core_error_quark, MD_CORE_ERROR_WRONG_STATE },
  { MBIM_STATUS_ERROR_SERVICE_NOT_ACTIVATED, md_mobile_equipment_error_quark,
    MD_MOBILE_EQUIPMENT_ERROR_SERVICE_OPTION_NOT_SUBSCRIBED },
  { MBIM_STATUS_ERROR_INVALID_ACCESS_STRING, md_mobile_equipment_error_quark,
    MD_MOBILE_EQUIPMENT_ERROR_MISSING_OR_UNKNOWN_APN },
  { MBIM_STATUS_ERROR_INVALID_USER_NAME_PWD, md_mobile_equipment_error_quark,
    MD_MOBILE_EQUIPMENT_ERROR_USER_AUTHENTICATION_FAILED },
  { MBIM_STATUS_ERROR_RADIO_POWER_OFF, md_core_error_quark, MD_CORE_ERROR_WRONG_STATE },
  { MBIM_STATUS_ERROR_INVALID_PARAMETERS, md_core_error_quark, MD_CORE_ERROR_INVALID_ARGS },
  { MBIM_STATUS_ERROR_PARAMETER_TOO_LONG, md_core_error_quark, MD_CORE_ERROR_INVALID_ARGS },
  { MBIM_STATUS_ERROR_OPERATION_NOT_ALLOWED, md_mobile_equipment_error_quark,
    MD_MOBILE_EQUIPMENT_ERROR_NOT_ALLOWED },
  { MBIM_STATUS_ERROR_MEMORY_FULL, md_mobile_equipment_error_quark, MD_MOBILE_EQUIPMENT_ERROR_MEMORY_FULL },
  { MBIM_STATUS_ERROR_CONTEXT_NOT_SUPPORTED, md_core_error_quark, MD_CORE_ERROR_UNSUPPORTED },
};

const char *
md_mbim_cid_name (MbimService service, guint32 cid)
{
  const char *name = NULL;

  /* Both come from the device. */
  if (cid > 0 && mbim_service_get_string (service))
    name = mbim_cid_get_printable (service, cid);
  return name ? name : "unknown";
}

GError *
md_mbim_status_error (MbimStatusError status, const char *what)
{
  const char *name = mbim_status_error_get_string (status);

  for (guint i = 0; i < G_N_ELEMENTS (status_mappings); i++) {
    if (status_mappings[i].status == status)
      return g_error_new (status_mappings[i].domain (), status_mappings[i].code, "%s failed: %s",
                          what ? what : "MBIM request", name ? name : "unknown status");
  }
  return g_error_new (MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "%s failed: MBIM status %u (%s)",
                      what ? what : "MBIM request", (guint)status, name ? name : "unknown");
}

GError *
md_mbim_protocol_error (GError *error, const char *what)
{
  GError *mapped = g_error_new (MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "%s: %s", what, error->message);

  g_error_free (error);
  return mapped;
}
