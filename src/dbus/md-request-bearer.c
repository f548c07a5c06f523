/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Bearer settings as callers give them. Limits: an APN of at most 100
 * characters (3GPP TS 23.003), user and password of at most 255 (one
 * length octet in the PAP/CHAP options of TS 24.008, the MBIM string
 * limit), a dial string of at most 40; masks and families only with the
 * bits the ModemManager API defines. */
#include "md-request-bearer.h"

#include "md-errors.h"
#include "md-request-text.h"

/* 3GPP TS 23.003: labels of letters, digits and '-', joined by '.'; some
 * networks use '_' too. */
static const MdRequestTextRule apn_rule = { "APN", MD_REQUEST_CHARS_APN, 0, MD_BEARER_APN_MAX_LENGTH };
static const MdRequestTextRule number_rule
  = { "number", MD_REQUEST_CHARS_DIAL, 1, MD_REQUEST_NUMBER_MAX_LENGTH };

gboolean
md_request_check_apn (const char *apn, GError **error)
{
  return !apn || md_request_check_text (&apn_rule, apn, error);
}

gboolean
md_request_check_credential (const char *what, const char *text, GError **error)
{
  const MdRequestTextRule rule = { what, MD_REQUEST_CHARS_CREDENTIAL, 0, MD_REQUEST_CREDENTIAL_MAX_LENGTH };

  return md_request_check_text (&rule, text, error);
}

gboolean
md_request_check_number (const char *number, GError **error)
{
  return md_request_check_text (&number_rule, number, error);
}

gboolean
md_request_check_allowed_auth (guint32 mask, GError **error)
{
  const guint32 known = MD_BEARER_ALLOWED_AUTH_NONE | MD_BEARER_ALLOWED_AUTH_PAP | MD_BEARER_ALLOWED_AUTH_CHAP
                        | MD_BEARER_ALLOWED_AUTH_MSCHAP | MD_BEARER_ALLOWED_AUTH_MSCHAPV2
                        | MD_BEARER_ALLOWED_AUTH_EAP;

  if (mask & ~known) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS,
                 "Invalid allowed-auth 0x%x: unknown bits 0x%x", mask, mask & ~known);
    return FALSE;
  }
  return TRUE;
}

gboolean
md_request_check_ip_type (guint32 ip_type, GError **error)
{
  const guint32 known = MD_BEARER_IP_FAMILY_IPV4 | MD_BEARER_IP_FAMILY_IPV6 | MD_BEARER_IP_FAMILY_IPV4V6
                        | MD_BEARER_IP_FAMILY_NON_IP;

  if (ip_type == MD_BEARER_IP_FAMILY_NONE || ip_type == MD_BEARER_IP_FAMILY_ANY)
    return TRUE;
  if ((ip_type & ~known) || (ip_type & (ip_type - 1))) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS,
                 "Invalid IP type 0x%x: give exactly one of ipv4, ipv6, ipv4v6, non-ip", ip_type);
    return FALSE;
  }
  return TRUE;
}

gboolean
md_request_check_bearer_settings (const MdBearerSettings *settings, GError **error)
{
  if (!md_request_check_apn (settings->apn, error) || !md_request_check_ip_type (settings->ip_type, error)
      || !md_request_check_allowed_auth (settings->allowed_auth, error))
    return FALSE;
  if (settings->user && !md_request_check_credential ("user", settings->user, error))
    return FALSE;
  if (settings->password && !md_request_check_credential ("password", settings->password, error))
    return FALSE;
  if (settings->number && !md_request_check_number (settings->number, error))
    return FALSE;
  if (settings->multiplex > MD_BEARER_MULTIPLEX_SUPPORT_REQUIRED) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS,
                 "Invalid multiplex value %u: give none, requested or required", settings->multiplex);
    return FALSE;
  }
  if (settings->password && !settings->user) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS, "A password was given without a user");
    return FALSE;
  }
  return TRUE;
}
