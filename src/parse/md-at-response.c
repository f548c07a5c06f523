/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Final result classification; see md-at-response.h. The verbose +CME
 * texts follow 3GPP TS 27.007 section 9.2; modems differ in case and in
 * trailing blanks, so matching ignores both. */
#include "md-at-response.h"

#include <stdlib.h>
#include <string.h>

#include "md-errors.h"

static const struct {
  const char *text;
  guint code;
} cme_texts[] = {
  { "phone failure", MD_MOBILE_EQUIPMENT_ERROR_PHONE_FAILURE },
  { "no connection to phone", MD_MOBILE_EQUIPMENT_ERROR_NO_CONNECTION },
  { "phone-adaptor link reserved", MD_MOBILE_EQUIPMENT_ERROR_LINK_RESERVED },
  { "operation not allowed", MD_MOBILE_EQUIPMENT_ERROR_NOT_ALLOWED },
  { "operation not supported", MD_MOBILE_EQUIPMENT_ERROR_NOT_SUPPORTED },
  { "PH-SIM PIN required", MD_MOBILE_EQUIPMENT_ERROR_PH_SIM_PIN },
  { "PH-FSIM PIN required", MD_MOBILE_EQUIPMENT_ERROR_PH_FSIM_PIN },
  { "PH-FSIM PUK required", MD_MOBILE_EQUIPMENT_ERROR_PH_FSIM_PUK },
  { "SIM not inserted", MD_MOBILE_EQUIPMENT_ERROR_SIM_NOT_INSERTED },
  { "SIM PIN required", MD_MOBILE_EQUIPMENT_ERROR_SIM_PIN },
  { "SIM PUK required", MD_MOBILE_EQUIPMENT_ERROR_SIM_PUK },
  { "SIM failure", MD_MOBILE_EQUIPMENT_ERROR_SIM_FAILURE },
  { "SIM busy", MD_MOBILE_EQUIPMENT_ERROR_SIM_BUSY },
  { "SIM wrong", MD_MOBILE_EQUIPMENT_ERROR_SIM_WRONG },
  { "incorrect password", MD_MOBILE_EQUIPMENT_ERROR_INCORRECT_PASSWORD },
  { "SIM PIN2 required", MD_MOBILE_EQUIPMENT_ERROR_SIM_PIN2 },
  { "SIM PUK2 required", MD_MOBILE_EQUIPMENT_ERROR_SIM_PUK2 },
  { "memory full", MD_MOBILE_EQUIPMENT_ERROR_MEMORY_FULL },
  { "invalid index", MD_MOBILE_EQUIPMENT_ERROR_INVALID_INDEX },
  { "not found", MD_MOBILE_EQUIPMENT_ERROR_NOT_FOUND },
  { "memory failure", MD_MOBILE_EQUIPMENT_ERROR_MEMORY_FAILURE },
  { "text string too long", MD_MOBILE_EQUIPMENT_ERROR_TEXT_TOO_LONG },
  { "invalid characters in text string", MD_MOBILE_EQUIPMENT_ERROR_INVALID_CHARS },
  { "dial string too long", MD_MOBILE_EQUIPMENT_ERROR_DIAL_STRING_TOO_LONG },
  { "invalid characters in dial string", MD_MOBILE_EQUIPMENT_ERROR_DIAL_STRING_INVALID },
  { "no network service", MD_MOBILE_EQUIPMENT_ERROR_NO_NETWORK },
  { "network timeout", MD_MOBILE_EQUIPMENT_ERROR_NETWORK_TIMEOUT },
  { "network not allowed - emergency calls only", MD_MOBILE_EQUIPMENT_ERROR_NETWORK_NOT_ALLOWED },
  { "network personalization PIN required", MD_MOBILE_EQUIPMENT_ERROR_NETWORK_PIN },
  { "network personalization PUK required", MD_MOBILE_EQUIPMENT_ERROR_NETWORK_PUK },
  { "network subset personalization PIN required", MD_MOBILE_EQUIPMENT_ERROR_NETWORK_SUBSET_PIN },
  { "network subset personalization PUK required", MD_MOBILE_EQUIPMENT_ERROR_NETWORK_SUBSET_PUK },
  { "service provider personalization PIN required", MD_MOBILE_EQUIPMENT_ERROR_SERVICE_PIN },
  { "service provider personalization PUK required", MD_MOBILE_EQUIPMENT_ERROR_SERVICE_PUK },
  { "corporate personalization PIN required", MD_MOBILE_EQUIPMENT_ERROR_CORP_PIN },
  { "corporate personalization PUK required", MD_MOBILE_EQUIPMENT_ERROR_CORP_PUK },
  { "incorrect parameters", MD_MOBILE_EQUIPMENT_ERROR_INCORRECT_PARAMETERS },
  { "unknown", MD_MOBILE_EQUIPMENT_ERROR_UNKNOWN },
  { "Illegal MS", MD_MOBILE_EQUIPMENT_ERROR_ILLEGAL_UE },
  { "Illegal ME", MD_MOBILE_EQUIPMENT_ERROR_ILLEGAL_ME },
  { "GPRS services not allowed", MD_MOBILE_EQUIPMENT_ERROR_PS_SERVICES_NOT_ALLOWED },
  { "PLMN not allowed", MD_MOBILE_EQUIPMENT_ERROR_PLMN_NOT_ALLOWED },
  { "Location area not allowed", MD_MOBILE_EQUIPMENT_ERROR_AREA_NOT_ALLOWED },
  { "Roaming not allowed in this location area", MD_MOBILE_EQUIPMENT_ERROR_ROAMING_NOT_ALLOWED_IN_AREA },
  { "service option not supported", MD_MOBILE_EQUIPMENT_ERROR_SERVICE_OPTION_NOT_SUPPORTED },
  { "requested service option not subscribed", MD_MOBILE_EQUIPMENT_ERROR_SERVICE_OPTION_NOT_SUBSCRIBED },
  { "service option temporarily out of order", MD_MOBILE_EQUIPMENT_ERROR_SERVICE_OPTION_OUT_OF_ORDER },
  { "unspecified GPRS error", MD_MOBILE_EQUIPMENT_ERROR_GPRS_UNKNOWN },
  { "PDP authentication failure", MD_MOBILE_EQUIPMENT_ERROR_PDP_AUTH_FAILURE },
  { "invalid mobile class", MD_MOBILE_EQUIPMENT_ERROR_INVALID_MOBILE_CLASS },
};

/* Codes that exist in our MobileEquipment domain; others map to UNKNOWN so
 * clients never see an unregistered error code. */
static gboolean
cme_code_known (guint64 code)
{
  if (code <= 7 || (code >= 10 && code <= 18) || (code >= 20 && code <= 27) || code == 30 || code == 31
      || code == 32 || (code >= 40 && code <= 63))
    return TRUE;
  return code == 100 || (code >= 102 && code <= 119) || (code >= 122 && code <= 151 && code != 123)
         || (code >= 171 && code <= 233);
}

static gboolean
cms_code_known (guint64 code)
{
  static const guint known[] = { 300, 301, 302, 303, 304, 305, 310, 311, 312, 313, 314, 315,
                                 316, 317, 318, 320, 321, 322, 330, 331, 332, 340, 500 };

  for (guint i = 0; i < G_N_ELEMENTS (known); i++) {
    if (known[i] == code)
      return TRUE;
  }
  return FALSE;
}

guint
md_at_cme_code_from_text (const char *text)
{
  g_autofree char *clean = g_strstrip (g_strdup (text));

  for (guint i = 0; i < G_N_ELEMENTS (cme_texts); i++) {
    if (g_ascii_strcasecmp (clean, cme_texts[i].text) == 0)
      return cme_texts[i].code;
  }
  return MD_MOBILE_EQUIPMENT_ERROR_UNKNOWN;
}

static gboolean
parse_number (const char *text, guint64 *out)
{
  char *end = NULL;

  while (*text == ' ')
    text++;
  if (!g_ascii_isdigit (*text))
    return FALSE;
  *out = g_ascii_strtoull (text, &end, 10);
  while (*end == ' ')
    end++;
  return *end == '\0';
}

static MdAtFinal
cme_error (const char *detail, GError **error)
{
  guint64 code;

  if (parse_number (detail, &code)) {
    g_set_error (error, MD_MOBILE_EQUIPMENT_ERROR,
                 cme_code_known (code) ? (gint)code : MD_MOBILE_EQUIPMENT_ERROR_UNKNOWN, "+CME ERROR: %s",
                 detail);
  } else {
    g_set_error (error, MD_MOBILE_EQUIPMENT_ERROR, (gint)md_at_cme_code_from_text (detail), "+CME ERROR: %s",
                 detail);
  }
  return MD_AT_FINAL_CME_ERROR;
}

static MdAtFinal
cms_error (const char *detail, GError **error)
{
  guint64 code = 0;

  g_set_error (error, MD_MESSAGE_ERROR,
               parse_number (detail, &code) && cms_code_known (code) ? (gint)code : MD_MESSAGE_ERROR_UNKNOWN,
               "+CMS ERROR: %s", detail);
  return MD_AT_FINAL_CMS_ERROR;
}

static const struct {
  const char *text;
  MdAtFinal final;
  gint code;
} connection_finals[] = {
  { "NO CARRIER", MD_AT_FINAL_NO_CARRIER, MD_CONNECTION_ERROR_NO_CARRIER },
  { "BUSY", MD_AT_FINAL_BUSY, MD_CONNECTION_ERROR_BUSY },
  { "NO ANSWER", MD_AT_FINAL_NO_ANSWER, MD_CONNECTION_ERROR_NO_ANSWER },
  { "NO DIALTONE", MD_AT_FINAL_NO_DIALTONE, MD_CONNECTION_ERROR_NO_DIALTONE },
  { "NO DIAL TONE", MD_AT_FINAL_NO_DIALTONE, MD_CONNECTION_ERROR_NO_DIALTONE },
};

MdAtFinal
md_at_classify_line (const char *line, GError **error)
{
  g_autofree char *text = g_strstrip (g_strdup (line));

  if (g_str_equal (text, "OK"))
    return MD_AT_FINAL_OK;
  if (g_str_equal (text, "ERROR")) {
    g_set_error_literal (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "ERROR");
    return MD_AT_FINAL_ERROR;
  }
  if (g_str_has_prefix (text, "+CME ERROR:"))
    return cme_error (text + strlen ("+CME ERROR:"), error);
  if (g_str_has_prefix (text, "+CMS ERROR:"))
    return cms_error (text + strlen ("+CMS ERROR:"), error);
  for (guint i = 0; i < G_N_ELEMENTS (connection_finals); i++) {
    if (g_str_equal (text, connection_finals[i].text)) {
      g_set_error_literal (error, MD_CONNECTION_ERROR, connection_finals[i].code, connection_finals[i].text);
      return connection_finals[i].final;
    }
  }
  if (g_str_equal (text, "CONNECT") || g_str_has_prefix (text, "CONNECT "))
    return MD_AT_FINAL_CONNECT;
  if (g_str_equal (text, ">"))
    return MD_AT_FINAL_PROMPT;
  return MD_AT_FINAL_NONE;
}

gboolean
md_at_final_is_success (MdAtFinal final)
{
  switch (final) {
  case MD_AT_FINAL_OK:
  case MD_AT_FINAL_CONNECT:
  case MD_AT_FINAL_PROMPT: return TRUE;
  case MD_AT_FINAL_NONE:
  case MD_AT_FINAL_ERROR:
  case MD_AT_FINAL_CME_ERROR:
  case MD_AT_FINAL_CMS_ERROR:
  case MD_AT_FINAL_NO_CARRIER:
  case MD_AT_FINAL_BUSY:
  case MD_AT_FINAL_NO_ANSWER:
  case MD_AT_FINAL_NO_DIALTONE: return FALSE;
  }
  return FALSE;
}
