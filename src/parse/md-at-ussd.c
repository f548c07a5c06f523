/* SPDX-License-Identifier: GPL-2.0-or-later */
/* +CUSD reports to a status and UTF-8 text. The text is the network's:
 * it is checked (valid UTF-8, no control characters but CR/LF) because it
 * ends up in D-Bus properties and logs. */
#include "md-at-ussd.h"

#include <string.h>

#include "md-at-fields.h"
#include "md-errors.h"
#include "md-ussd-codec.h"

static gboolean
parse_error (GError **error, const char *text)
{
  g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "Cannot parse +CUSD report '%s'", text);
  return FALSE;
}

/* UCS2 (big endian) in hex to UTF-8; NULL on bad hex or a surrogate. */
static char *
ucs2_hex_to_utf8 (const char *hex)
{
  gsize len = strlen (hex);
  g_autoptr (GString) out = g_string_new (NULL);

  if (len % 4 != 0)
    return NULL;
  for (gsize i = 0; i < len; i += 4) {
    gunichar c = 0;

    for (gsize j = 0; j < 4; j++) {
      int digit = g_ascii_xdigit_value (hex[i + j]);

      if (digit < 0)
        return NULL;
      c = (c << 4) | (gunichar)digit;
    }
    if (c >= 0xd800 && c <= 0xdfff)
      return NULL;
    g_string_append_unichar (out, c);
  }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

gboolean
md_at_parse_cusd (const char *text, MdAtUssdStatus *out_status, char **out_text, GError **error)
{
  const char *value = md_at_skip_prefix (text, "+CUSD:");
  g_autoptr (GPtrArray) fields = NULL;
  g_autofree char *str = NULL;
  guint64 m, dcs = 15;

  *out_text = NULL;
  if (!value)
    return parse_error (error, text);
  fields = md_at_split_fields (value);
  if (fields->len > 3 || !md_at_field_uint (g_ptr_array_index (fields, 0), 5, &m))
    return parse_error (error, text);
  if (fields->len == 3 && !md_at_field_uint (g_ptr_array_index (fields, 2), 255, &dcs))
    return parse_error (error, text);
  if (fields->len >= 2) {
    const char *field = g_ptr_array_index (fields, 1);

    if (!md_at_field_is_quoted (field))
      return parse_error (error, text);
    str = md_at_field_unquote (field);
    /* UCS2 (dcs 72 mostly): modems give it as hex in any TE charset. */
    if (md_ussd_dcs_alphabet ((guint)dcs) == MD_USSD_ALPHABET_UCS2) {
      char *decoded = ucs2_hex_to_utf8 (str);

      if (!decoded)
        return parse_error (error, text);
      g_free (str);
      str = decoded;
    } else if (md_ussd_dcs_alphabet ((guint)dcs) != MD_USSD_ALPHABET_GSM7) {
      g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED, "USSD coding 0x%02x not supported",
                   (guint)dcs);
      return FALSE;
    }
    if (!md_ussd_text_acceptable (str))
      return parse_error (error, text);
  }
  *out_status = (MdAtUssdStatus)m;
  *out_text = g_steal_pointer (&str);
  return TRUE;
}
