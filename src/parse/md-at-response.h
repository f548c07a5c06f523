/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Final result codes of AT commands (ITU V.250, 3GPP TS 27.007/27.005):
 * which lines end a command, and the error each failing one means. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  MD_AT_FINAL_NONE, /* not a final result: information text */
  MD_AT_FINAL_OK,
  MD_AT_FINAL_ERROR,
  MD_AT_FINAL_CME_ERROR,
  MD_AT_FINAL_CMS_ERROR,
  MD_AT_FINAL_NO_CARRIER,
  MD_AT_FINAL_BUSY,
  MD_AT_FINAL_NO_ANSWER,
  MD_AT_FINAL_NO_DIALTONE,
  MD_AT_FINAL_CONNECT,
  MD_AT_FINAL_PROMPT, /* the "> " of +CMGS/+CMGW */
} MdAtFinal;

/* Classifies one line (without its terminator; blanks around it are
 * ignored). For failing finals, error is set: +CME ERROR →
 * MD_MOBILE_EQUIPMENT_ERROR (numeric or verbose form, unknown → UNKNOWN),
 * +CMS ERROR → MD_MESSAGE_ERROR (unknown → UNKNOWN), ERROR →
 * MD_CORE_ERROR_FAILED "ERROR", NO CARRIER/BUSY/NO ANSWER/NO DIALTONE →
 * MD_CONNECTION_ERROR. Huawei/ZTE "COMMAND NOT SUPPORT" and "TOO MANY
 * PARAMETERS" are ERROR finals with MobileEquipment NOT_SUPPORTED and
 * INCORRECT_PARAMETERS. The message of a known code is its standard text
 * ("SIM PIN required"), else the line itself. CONNECT and "CONNECT <text>"
 * are MD_AT_FINAL_CONNECT, a line ">" is MD_AT_FINAL_PROMPT. */
MdAtFinal md_at_classify_line (const char *line, GError **error);

/* TRUE for finals that complete a command successfully (OK, CONNECT,
 * PROMPT). */
gboolean md_at_final_is_success (MdAtFinal final);

/* The 27.007 verbose text of a +CME ERROR, mapped to its code; unknown
 * texts give MD_MOBILE_EQUIPMENT_ERROR_UNKNOWN. */
guint md_at_cme_code_from_text (const char *text);

G_END_DECLS
