/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Quarks of modemd's error domains; see md-errors.h. */
#include "md-errors.h"

G_DEFINE_QUARK (md - core - error - quark, md_core_error)
G_DEFINE_QUARK (md - mobile - equipment - error - quark, md_mobile_equipment_error)
G_DEFINE_QUARK (md - connection - error - quark, md_connection_error)
G_DEFINE_QUARK (md - serial - error - quark, md_serial_error)
G_DEFINE_QUARK (md - message - error - quark, md_message_error)
G_DEFINE_QUARK (md - cdma - activation - error - quark, md_cdma_activation_error)

gboolean
md_error_is_no_answer (const GError *error)
{
  return g_error_matches (error, MD_SERIAL_ERROR, MD_SERIAL_ERROR_RESPONSE_TIMEOUT)
         || g_error_matches (error, MD_SERIAL_ERROR, MD_SERIAL_ERROR_NOT_OPEN);
}
