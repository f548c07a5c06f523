/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What a caller may put in a new message. Lengths are bounded by what 255
 * concatenated parts can carry (153 GSM 7-bit characters, 67 UCS-2 units or
 * 134 octets each); printable ASCII is counted as GSM 7-bit, the rest as
 * UCS-2 units, so the bound never admits a text the encoder cannot split. */
#include "md-request-sms.h"

#include "md-errors.h"
#include "md-request-text.h"

#include <string.h>

#define GSM7_PER_PART   153
#define UCS2_PER_PART   67
#define OCTETS_PER_PART 134
/* 3GPP TS 23.040 9.2.3.12.1: the longest relative validity, 63 weeks. */
#define MAX_VALIDITY_MINUTES (63u * 7 * 24 * 60)

static const MdRequestTextRule number_rule
  = { "number", MD_REQUEST_CHARS_DIAL, 1, MD_REQUEST_SMS_NUMBER_MAX_LENGTH };
static const MdRequestTextRule smsc_rule
  = { "smsc", MD_REQUEST_CHARS_DIAL, 1, MD_REQUEST_SMS_NUMBER_MAX_LENGTH };

static gboolean G_GNUC_PRINTF (2, 3) invalid (GError **error, const char *format, ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS, message);
  return FALSE;
}

/* '+' only leads (it marks an international number). */
static gboolean
check_address (const MdRequestTextRule *rule, const char *text, GError **error)
{
  if (!md_request_check_text (rule, text, error))
    return FALSE;
  if (strchr (text + 1, '+'))
    return invalid (error, "Invalid %s: '+' may only come first", rule->what);
  return TRUE;
}

static gboolean
check_text_length (const char *text, GError **error)
{
  gboolean gsm = TRUE;
  glong units = 0;

  for (const char *p = text; *p; p++)
    gsm = gsm && *p >= 0x20 && *p <= 0x7e;
  if (gsm && strlen (text) <= (gsize)GSM7_PER_PART * MD_REQUEST_SMS_MAX_PARTS)
    return TRUE;
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    units += g_utf8_get_char (p) > 0xffff ? 2 : 1;
  if (units <= (glong)UCS2_PER_PART * MD_REQUEST_SMS_MAX_PARTS)
    return TRUE;
  return invalid (error, "Invalid %s: too long for 255 message parts", "text");
}

gboolean
md_request_check_sms_storage (guint32 storage, GError **error)
{
  if (storage <= MD_SMS_STORAGE_TA)
    return TRUE;
  g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS, "Unknown SMS storage %u", storage);
  return FALSE;
}

static gboolean
take_validity (MdSmsRequest *submit, GVariant *value, GError **error)
{
  g_autoptr (GVariant) inner = NULL;
  guint32 type, minutes;

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_UINT32)) {
    minutes = g_variant_get_uint32 (value);
  } else if (g_variant_is_of_type (value, G_VARIANT_TYPE ("(uv)"))) {
    g_variant_get (value, "(uv)", &type, &inner);
    if (type != MD_SMS_VALIDITY_TYPE_RELATIVE || !g_variant_is_of_type (inner, G_VARIANT_TYPE_UINT32))
      return invalid (error, "Invalid %s: only a relative validity (1, minutes as u) is supported",
                      "validity");
    minutes = g_variant_get_uint32 (inner);
  } else {
    return invalid (error, "Invalid %s: expected u or (uv)", "validity");
  }
  if (minutes > MAX_VALIDITY_MINUTES)
    return invalid (error, "Invalid %s: at most 63 weeks", "validity");
  submit->validity_relative = minutes;
  return TRUE;
}

static gboolean
expect (GVariant *value, const GVariantType *type, const char *key, GError **error)
{
  if (g_variant_is_of_type (value, type))
    return TRUE;
  g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS, "Invalid %s: expected type %.*s", key,
               (int)g_variant_type_get_string_length (type), g_variant_type_peek_string (type));
  return FALSE;
}

static gboolean
take_one (MdSmsRequest *submit, const char *key, GVariant *value, GError **error)
{
  gsize size;

  if (g_str_equal (key, "number")) {
    if (!expect (value, G_VARIANT_TYPE_STRING, key, error)
        || !check_address (&number_rule, g_variant_get_string (value, NULL), error))
      return FALSE;
    g_free (submit->number);
    submit->number = g_variant_dup_string (value, NULL);
  } else if (g_str_equal (key, "text")) {
    if (!expect (value, G_VARIANT_TYPE_STRING, key, error)
        || !check_text_length (g_variant_get_string (value, NULL), error))
      return FALSE;
    g_free (submit->text);
    submit->text = g_variant_dup_string (value, NULL);
  } else if (g_str_equal (key, "data")) {
    if (!expect (value, G_VARIANT_TYPE_BYTESTRING, key, error))
      return FALSE;
    g_variant_get_fixed_array (value, &size, 1);
    if (size > (gsize)OCTETS_PER_PART * MD_REQUEST_SMS_MAX_PARTS)
      return invalid (error, "Invalid %s: too long for 255 message parts", key);
    g_clear_pointer (&submit->data, g_bytes_unref);
    submit->data = g_variant_get_data_as_bytes (value);
  } else if (g_str_equal (key, "smsc")) {
    if (!expect (value, G_VARIANT_TYPE_STRING, key, error)
        || !check_address (&smsc_rule, g_variant_get_string (value, NULL), error))
      return FALSE;
    g_free (submit->smsc);
    submit->smsc = g_variant_dup_string (value, NULL);
  } else if (g_str_equal (key, "validity")) {
    return take_validity (submit, value, error);
  } else if (g_str_equal (key, "class")) {
    if (!expect (value, G_VARIANT_TYPE_INT32, key, error))
      return FALSE;
    if (g_variant_get_int32 (value) < -1 || g_variant_get_int32 (value) > 3)
      return invalid (error, "Invalid %s: -1 (none) or 0-3", key);
    submit->class = g_variant_get_int32 (value);
  } else if (g_str_equal (key, "delivery-report-request")) {
    if (!expect (value, G_VARIANT_TYPE_BOOLEAN, key, error))
      return FALSE;
    submit->delivery_report_request = g_variant_get_boolean (value);
  } else if (g_str_equal (key, "storage")) {
    if (!expect (value, G_VARIANT_TYPE_UINT32, key, error)
        || !md_request_check_sms_storage (g_variant_get_uint32 (value), error))
      return FALSE;
    submit->storage = g_variant_get_uint32 (value);
  } else if (g_str_equal (key, "teleservice-id") || g_str_equal (key, "service-category")) {
    return invalid (error, "Invalid %s: CDMA messages are not supported", key);
  } else if (strlen (key) <= 32 && strspn (key, "abcdefghijklmnopqrstuvwxyz-") == strlen (key)) {
    return invalid (error, "Unknown SMS property '%s'", key);
  } else {
    /* A key that is no plain name is not repeated back. */
    return invalid (error, "Unknown SMS property%s", "");
  }
  return TRUE;
}

MdSmsRequest *
md_request_sms_create (GVariant *properties, GError **error)
{
  g_autoptr (MdSmsRequest) submit = g_new0 (MdSmsRequest, 1);
  GVariantIter iter;
  const char *key;
  GVariant *value;

  submit->class = -1;
  g_variant_iter_init (&iter, properties);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value)) {
    gboolean ok = take_one (submit, key, value, error);

    g_variant_unref (value);
    if (!ok)
      return NULL;
  }
  if (!submit->number) {
    invalid (error, "Missing %s", "number");
    return NULL;
  }
  if (!submit->text == !submit->data) {
    invalid (error, "Give exactly one of 'text' and '%s'", "data");
    return NULL;
  }
  return g_steal_pointer (&submit);
}
