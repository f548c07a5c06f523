/* SPDX-License-Identifier: GPL-2.0-or-later */
/* QMI protocol errors in the error vocabulary of the D-Bus API, so that a
 * client sees "IncorrectPassword" or "SimPuk", not "QMI error 12"; the
 * same situation gives the same error as on AT and MBIM modems. */
#include "md-errors.h"
#include "md-qmi-modem.h"

typedef struct {
  QmiProtocolError qmi;
  GQuark (*domain) (void);
  gint code;
} ErrorMapping;

static const ErrorMapping error_mappings[] = {
  { QMI_PROTOCOL_ERROR_INCORRECT_PIN, md_mobile_equipment_error_quark,
    MD_MOBILE_EQUIPMENT_ERROR_INCORRECT_PASSWORD },
  { QMI_PROTOCOL_ERROR_PIN_BLOCKED, md_mobile_equipment_error_quark, MD_MOBILE_EQUIPMENT_ERROR_SIM_PUK },
  { QMI_PROTOCOL_ERROR_PIN_ALWAYS_BLOCKED, md_mobile_equipment_error_quark,
    MD_MOBILE_EQUIPMENT_ERROR_SIM_WRONG },
  { QMI_PROTOCOL_ERROR_NO_SIM, md_mobile_equipment_error_quark, MD_MOBILE_EQUIPMENT_ERROR_SIM_NOT_INSERTED },
  { QMI_PROTOCOL_ERROR_UIM_UNINITIALIZED, md_mobile_equipment_error_quark,
    MD_MOBILE_EQUIPMENT_ERROR_SIM_BUSY },
  { QMI_PROTOCOL_ERROR_SIM_FILE_NOT_FOUND, md_mobile_equipment_error_quark,
    MD_MOBILE_EQUIPMENT_ERROR_NOT_FOUND },
  { QMI_PROTOCOL_ERROR_DEVICE_NOT_READY, md_core_error_quark, MD_CORE_ERROR_RETRY },
  { QMI_PROTOCOL_ERROR_NOT_SUPPORTED, md_core_error_quark, MD_CORE_ERROR_UNSUPPORTED },
  { QMI_PROTOCOL_ERROR_INVALID_QMI_COMMAND, md_core_error_quark, MD_CORE_ERROR_UNSUPPORTED },
  { QMI_PROTOCOL_ERROR_DEVICE_UNSUPPORTED, md_core_error_quark, MD_CORE_ERROR_UNSUPPORTED },
  { QMI_PROTOCOL_ERROR_INVALID_ARGUMENT, md_core_error_quark, MD_CORE_ERROR_INVALID_ARGS },
  { QMI_PROTOCOL_ERROR_ARGUMENT_TOO_LONG, md_core_error_quark, MD_CORE_ERROR_INVALID_ARGS },
  { QMI_PROTOCOL_ERROR_OPERATION_IN_PROGRESS, md_core_error_quark, MD_CORE_ERROR_IN_PROGRESS },
  /* As AT modems answer +CPWD with the PIN off (+CME ERROR: 3). */
  { QMI_PROTOCOL_ERROR_INVALID_OPERATION, md_mobile_equipment_error_quark,
    MD_MOBILE_EQUIPMENT_ERROR_NOT_ALLOWED },
  { QMI_PROTOCOL_ERROR_ACCESS_DENIED, md_mobile_equipment_error_quark,
    MD_MOBILE_EQUIPMENT_ERROR_NOT_ALLOWED },
  { QMI_PROTOCOL_ERROR_NO_NETWORK_FOUND, md_mobile_equipment_error_quark,
    MD_MOBILE_EQUIPMENT_ERROR_NO_NETWORK },
  { QMI_PROTOCOL_ERROR_NETWORK_UNSUPPORTED, md_mobile_equipment_error_quark,
    MD_MOBILE_EQUIPMENT_ERROR_NETWORK_NOT_ALLOWED },
  { QMI_PROTOCOL_ERROR_NO_RADIO, md_core_error_quark, MD_CORE_ERROR_WRONG_STATE },
  { QMI_PROTOCOL_ERROR_INFORMATION_UNAVAILABLE, md_core_error_quark, MD_CORE_ERROR_NOT_FOUND },
};

GError *
md_qmi_protocol_error (GError *error, const char *what)
{
  GError *mapped = NULL;

  if (error->domain == QMI_PROTOCOL_ERROR) {
    for (guint i = 0; i < G_N_ELEMENTS (error_mappings); i++) {
      if ((gint)error_mappings[i].qmi == error->code) {
        mapped = g_error_new (error_mappings[i].domain (), error_mappings[i].code, "%s failed: %s", what,
                              error->message);
        break;
      }
    }
  }
  if (!mapped)
    mapped = g_error_new (MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "%s failed: %s", what, error->message);
  g_error_free (error);
  return mapped;
}
