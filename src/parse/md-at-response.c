/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Final result classification; see md-at-response.h. Verbose +CME and
 * +CMS texts follow 3GPP TS 27.007 section 9.2 and TS 27.005 section 3.2.5;
 * modems differ in case and in surrounding blanks, so matching ignores both. */
#include "md-at-response.h"

#include <string.h>

#include "md-errors.h"

typedef struct {
  guint code;
  const char *text;
} CodeText;

static const CodeText cme_texts[] = {
  { MD_MOBILE_EQUIPMENT_ERROR_PHONE_FAILURE, "phone failure" },
  { MD_MOBILE_EQUIPMENT_ERROR_NO_CONNECTION, "no connection to phone" },
  { MD_MOBILE_EQUIPMENT_ERROR_LINK_RESERVED, "phone-adaptor link reserved" },
  { MD_MOBILE_EQUIPMENT_ERROR_NOT_ALLOWED, "operation not allowed" },
  { MD_MOBILE_EQUIPMENT_ERROR_NOT_SUPPORTED, "operation not supported" },
  { MD_MOBILE_EQUIPMENT_ERROR_PH_SIM_PIN, "PH-SIM PIN required" },
  { MD_MOBILE_EQUIPMENT_ERROR_PH_FSIM_PIN, "PH-FSIM PIN required" },
  { MD_MOBILE_EQUIPMENT_ERROR_PH_FSIM_PUK, "PH-FSIM PUK required" },
  { MD_MOBILE_EQUIPMENT_ERROR_SIM_NOT_INSERTED, "SIM not inserted" },
  { MD_MOBILE_EQUIPMENT_ERROR_SIM_PIN, "SIM PIN required" },
  { MD_MOBILE_EQUIPMENT_ERROR_SIM_PUK, "SIM PUK required" },
  { MD_MOBILE_EQUIPMENT_ERROR_SIM_FAILURE, "SIM failure" },
  { MD_MOBILE_EQUIPMENT_ERROR_SIM_BUSY, "SIM busy" },
  { MD_MOBILE_EQUIPMENT_ERROR_SIM_WRONG, "SIM wrong" },
  { MD_MOBILE_EQUIPMENT_ERROR_INCORRECT_PASSWORD, "incorrect password" },
  { MD_MOBILE_EQUIPMENT_ERROR_SIM_PIN2, "SIM PIN2 required" },
  { MD_MOBILE_EQUIPMENT_ERROR_SIM_PUK2, "SIM PUK2 required" },
  { MD_MOBILE_EQUIPMENT_ERROR_MEMORY_FULL, "memory full" },
  { MD_MOBILE_EQUIPMENT_ERROR_INVALID_INDEX, "invalid index" },
  { MD_MOBILE_EQUIPMENT_ERROR_NOT_FOUND, "not found" },
  { MD_MOBILE_EQUIPMENT_ERROR_MEMORY_FAILURE, "memory failure" },
  { MD_MOBILE_EQUIPMENT_ERROR_TEXT_TOO_LONG, "text string too long" },
  { MD_MOBILE_EQUIPMENT_ERROR_INVALID_CHARS, "invalid characters in text string" },
  { MD_MOBILE_EQUIPMENT_ERROR_DIAL_STRING_TOO_LONG, "dial string too long" },
  { MD_MOBILE_EQUIPMENT_ERROR_DIAL_STRING_INVALID, "invalid characters in dial string" },
  { MD_MOBILE_EQUIPMENT_ERROR_NO_NETWORK, "no network service" },
  { MD_MOBILE_EQUIPMENT_ERROR_NETWORK_TIMEOUT, "network timeout" },
  { MD_MOBILE_EQUIPMENT_ERROR_NETWORK_NOT_ALLOWED, "network not allowed - emergency calls only" },
  { MD_MOBILE_EQUIPMENT_ERROR_NETWORK_PIN, "network personalization PIN required" },
  { MD_MOBILE_EQUIPMENT_ERROR_NETWORK_PUK, "network personalization PUK required" },
  { MD_MOBILE_EQUIPMENT_ERROR_NETWORK_SUBSET_PIN, "network subset personalization PIN required" },
  { MD_MOBILE_EQUIPMENT_ERROR_NETWORK_SUBSET_PUK, "network subset personalization PUK required" },
  { MD_MOBILE_EQUIPMENT_ERROR_SERVICE_PIN, "service provider personalization PIN required" },
  { MD_MOBILE_EQUIPMENT_ERROR_SERVICE_PUK, "service provider personalization PUK required" },
  { MD_MOBILE_EQUIPMENT_ERROR_CORP_PIN, "corporate personalization PIN required" },
  { MD_MOBILE_EQUIPMENT_ERROR_CORP_PUK, "corporate personalization PUK required" },
  { MD_MOBILE_EQUIPMENT_ERROR_HIDDEN_KEY_REQUIRED, "hidden key required" },
  { MD_MOBILE_EQUIPMENT_ERROR_EAP_METHOD_NOT_SUPPORTED, "EAP method not supported" },
  { MD_MOBILE_EQUIPMENT_ERROR_INCORRECT_PARAMETERS, "incorrect parameters" },
  { MD_MOBILE_EQUIPMENT_ERROR_COMMAND_DISABLED, "command implemented but currently disabled" },
  { MD_MOBILE_EQUIPMENT_ERROR_COMMAND_ABORTED, "command aborted by user" },
  { MD_MOBILE_EQUIPMENT_ERROR_UNKNOWN, "unknown" },
  { MD_MOBILE_EQUIPMENT_ERROR_ILLEGAL_UE, "Illegal MS" },
  { MD_MOBILE_EQUIPMENT_ERROR_ILLEGAL_ME, "Illegal ME" },
  { MD_MOBILE_EQUIPMENT_ERROR_PS_SERVICES_NOT_ALLOWED, "GPRS services not allowed" },
  { MD_MOBILE_EQUIPMENT_ERROR_PLMN_NOT_ALLOWED, "PLMN not allowed" },
  { MD_MOBILE_EQUIPMENT_ERROR_AREA_NOT_ALLOWED, "Location area not allowed" },
  { MD_MOBILE_EQUIPMENT_ERROR_ROAMING_NOT_ALLOWED_IN_AREA, "Roaming not allowed in this location area" },
  { MD_MOBILE_EQUIPMENT_ERROR_SERVICE_OPTION_NOT_SUPPORTED, "service option not supported" },
  { MD_MOBILE_EQUIPMENT_ERROR_SERVICE_OPTION_NOT_SUBSCRIBED, "requested service option not subscribed" },
  { MD_MOBILE_EQUIPMENT_ERROR_SERVICE_OPTION_OUT_OF_ORDER, "service option temporarily out of order" },
  { MD_MOBILE_EQUIPMENT_ERROR_GPRS_UNKNOWN, "unspecified GPRS error" },
  { MD_MOBILE_EQUIPMENT_ERROR_PDP_AUTH_FAILURE, "PDP authentication failure" },
  { MD_MOBILE_EQUIPMENT_ERROR_INVALID_MOBILE_CLASS, "invalid mobile class" },
};

static const CodeText cms_texts[] = {
  { MD_MESSAGE_ERROR_ME_FAILURE, "ME failure" },
  { MD_MESSAGE_ERROR_SMS_SERVICE_RESERVED, "SMS service of ME reserved" },
  { MD_MESSAGE_ERROR_NOT_ALLOWED, "operation not allowed" },
  { MD_MESSAGE_ERROR_NOT_SUPPORTED, "operation not supported" },
  { MD_MESSAGE_ERROR_INVALID_PDU_PARAMETER, "invalid PDU mode parameter" },
  { MD_MESSAGE_ERROR_INVALID_TEXT_PARAMETER, "invalid text mode parameter" },
  { MD_MESSAGE_ERROR_SIM_NOT_INSERTED, "SIM not inserted" },
  { MD_MESSAGE_ERROR_SIM_PIN, "SIM PIN required" },
  { MD_MESSAGE_ERROR_PH_SIM_PIN, "PH-SIM PIN required" },
  { MD_MESSAGE_ERROR_SIM_FAILURE, "SIM failure" },
  { MD_MESSAGE_ERROR_SIM_BUSY, "SIM busy" },
  { MD_MESSAGE_ERROR_SIM_WRONG, "SIM wrong" },
  { MD_MESSAGE_ERROR_SIM_PUK, "SIM PUK required" },
  { MD_MESSAGE_ERROR_SIM_PIN2, "SIM PIN2 required" },
  { MD_MESSAGE_ERROR_SIM_PUK2, "SIM PUK2 required" },
  { MD_MESSAGE_ERROR_MEMORY_FAILURE, "memory failure" },
  { MD_MESSAGE_ERROR_INVALID_INDEX, "invalid memory index" },
  { MD_MESSAGE_ERROR_MEMORY_FULL, "memory full" },
  { MD_MESSAGE_ERROR_SMSC_ADDRESS_UNKNOWN, "SMSC address unknown" },
  { MD_MESSAGE_ERROR_NO_NETWORK, "no network service" },
  { MD_MESSAGE_ERROR_NETWORK_TIMEOUT, "network timeout" },
  { MD_MESSAGE_ERROR_NO_CNMA_ACK_EXPECTED, "no +CNMA acknowledgement expected" },
  { MD_MESSAGE_ERROR_UNKNOWN, "unknown error" },
};

static const CodeText *
lookup_text (const CodeText *table, gsize n, const char *text)
{
  for (gsize i = 0; i < n; i++) {
    if (g_ascii_strcasecmp (text, table[i].text) == 0)
      return &table[i];
  }
  return NULL;
}

static const CodeText *
lookup_code (const CodeText *table, gsize n, guint64 code)
{
  for (gsize i = 0; i < n; i++) {
    if (table[i].code == code)
      return &table[i];
  }
  return NULL;
}

/* Codes that exist in our MobileEquipment domain (md-errors.h); others map
 * to UNKNOWN so clients never see an unregistered error code. */
static gboolean
cme_code_known (guint64 code)
{
  if (code <= 7 || (code >= 10 && code <= 18) || (code >= 20 && code <= 27) || (code >= 30 && code <= 32)
      || (code >= 40 && code <= 63))
    return TRUE;
  return code == 100 || (code >= 102 && code <= 119) || code == 122 || (code >= 124 && code <= 151)
         || (code >= 171 && code <= 233);
}

guint
md_at_cme_code_from_text (const char *text)
{
  g_autofree char *clean = g_strstrip (g_strdup (text));
  const CodeText *entry = lookup_text (cme_texts, G_N_ELEMENTS (cme_texts), clean);

  return entry ? entry->code : MD_MOBILE_EQUIPMENT_ERROR_UNKNOWN;
}

/* A decimal number alone, blanks allowed around it; at most 9 digits so
 * the value fits any code type. */
static gboolean
parse_number (const char *text, guint64 *out)
{
  guint64 value = 0;
  guint digits = 0;

  while (*text == ' ')
    text++;
  for (; g_ascii_isdigit (*text) && digits < 10; text++, digits++)
    value = value * 10 + (guint64)(*text - '0');
  while (*text == ' ')
    text++;
  if (digits == 0 || digits > 9 || *text != '\0')
    return FALSE;
  *out = value;
  return TRUE;
}

/* The message is the standard text where there is one, so D-Bus clients
 * read "SIM PIN required" rather than a bare number. Otherwise it is the
 * modem's line, made valid UTF-8: D-Bus carries error messages as strings,
 * and GVariant refuses invalid ones. */
static void
set_coded_error (GError **error, GQuark domain, guint code, const CodeText *known, const char *line)
{
  g_autofree char *valid = NULL;

  if (known) {
    g_set_error_literal (error, domain, (gint)code, known->text);
    return;
  }
  valid = g_utf8_make_valid (line, -1);
  g_set_error_literal (error, domain, (gint)code, valid);
}

static MdAtFinal
cme_error (const char *line, const char *detail, GError **error)
{
  guint64 number;
  guint code;

  if (parse_number (detail, &number))
    code = cme_code_known (number) ? (guint)number : MD_MOBILE_EQUIPMENT_ERROR_UNKNOWN;
  else
    code = md_at_cme_code_from_text (detail);
  set_coded_error (error, MD_MOBILE_EQUIPMENT_ERROR, code,
                   code == MD_MOBILE_EQUIPMENT_ERROR_UNKNOWN
                     ? NULL
                     : lookup_code (cme_texts, G_N_ELEMENTS (cme_texts), code),
                   line);
  return MD_AT_FINAL_CME_ERROR;
}

static MdAtFinal
cms_error (const char *line, const char *detail, GError **error)
{
  g_autofree char *clean = g_strstrip (g_strdup (detail));
  const CodeText *entry = NULL;
  guint64 number;

  if (parse_number (clean, &number))
    entry = lookup_code (cms_texts, G_N_ELEMENTS (cms_texts), number);
  else
    entry = lookup_text (cms_texts, G_N_ELEMENTS (cms_texts), clean);
  if (entry && entry->code == MD_MESSAGE_ERROR_UNKNOWN)
    entry = NULL;
  set_coded_error (error, MD_MESSAGE_ERROR, entry ? entry->code : MD_MESSAGE_ERROR_UNKNOWN, entry, line);
  return MD_AT_FINAL_CMS_ERROR;
}

static const struct {
  const char *text;
  MdAtFinal final;
  GQuark (*domain) (void);
  gint code;
} fixed_finals[] = {
  { "NO CARRIER", MD_AT_FINAL_NO_CARRIER, md_connection_error_quark, MD_CONNECTION_ERROR_NO_CARRIER },
  { "BUSY", MD_AT_FINAL_BUSY, md_connection_error_quark, MD_CONNECTION_ERROR_BUSY },
  { "NO ANSWER", MD_AT_FINAL_NO_ANSWER, md_connection_error_quark, MD_CONNECTION_ERROR_NO_ANSWER },
  { "NO DIALTONE", MD_AT_FINAL_NO_DIALTONE, md_connection_error_quark, MD_CONNECTION_ERROR_NO_DIALTONE },
  { "NO DIAL TONE", MD_AT_FINAL_NO_DIALTONE, md_connection_error_quark, MD_CONNECTION_ERROR_NO_DIALTONE },
  /* Huawei and ZTE end unknown commands with these instead of ERROR. */
  { "COMMAND NOT SUPPORT", MD_AT_FINAL_ERROR, md_mobile_equipment_error_quark,
    MD_MOBILE_EQUIPMENT_ERROR_NOT_SUPPORTED },
  { "TOO MANY PARAMETERS", MD_AT_FINAL_ERROR, md_mobile_equipment_error_quark,
    MD_MOBILE_EQUIPMENT_ERROR_INCORRECT_PARAMETERS },
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
    return cme_error (text, text + strlen ("+CME ERROR:"), error);
  if (g_str_has_prefix (text, "+CMS ERROR:"))
    return cms_error (text, text + strlen ("+CMS ERROR:"), error);
  for (guint i = 0; i < G_N_ELEMENTS (fixed_finals); i++) {
    if (g_str_equal (text, fixed_finals[i].text)) {
      g_set_error_literal (error, fixed_finals[i].domain (), fixed_finals[i].code, fixed_finals[i].text);
      return fixed_finals[i].final;
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
