/* SPDX-License-Identifier: GPL-2.0-or-later */
/* SIM response parsers; see md-at-sim.h. */
#include "md-at-sim.h"

#include <string.h>

#include "md-at-fields.h"
#include "md-errors.h"

static const struct {
  const char *text;
  MdModemLock lock;
} lock_names[] = {
  { "READY", MD_MODEM_LOCK_NONE },
  { "SIM PIN", MD_MODEM_LOCK_SIM_PIN },
  { "SIM PUK", MD_MODEM_LOCK_SIM_PUK },
  { "SIM PIN2", MD_MODEM_LOCK_SIM_PIN2 },
  { "SIM PUK2", MD_MODEM_LOCK_SIM_PUK2 },
  { "PH-SIM PIN", MD_MODEM_LOCK_PH_SIM_PIN },
  { "PH-FSIM PIN", MD_MODEM_LOCK_PH_FSIM_PIN },
  { "PH-FSIM PUK", MD_MODEM_LOCK_PH_FSIM_PUK },
  { "PH-NET PIN", MD_MODEM_LOCK_PH_NET_PIN },
  { "PH-NET PUK", MD_MODEM_LOCK_PH_NET_PUK },
  { "PH-NETSUB PIN", MD_MODEM_LOCK_PH_NETSUB_PIN },
  { "PH-NETSUB PUK", MD_MODEM_LOCK_PH_NETSUB_PUK },
  { "PH-SP PIN", MD_MODEM_LOCK_PH_SP_PIN },
  { "PH-SP PUK", MD_MODEM_LOCK_PH_SP_PUK },
  { "PH-CORP PIN", MD_MODEM_LOCK_PH_CORP_PIN },
  { "PH-CORP PUK", MD_MODEM_LOCK_PH_CORP_PUK },
};

static gboolean
lock_from_name (const char *name, MdModemLock *out_lock)
{
  g_autofree char *clean = md_at_field_unquote (name);

  g_strstrip (clean);
  for (guint i = 0; i < G_N_ELEMENTS (lock_names); i++) {
    if (g_ascii_strcasecmp (clean, lock_names[i].text) == 0) {
      *out_lock = lock_names[i].lock;
      return TRUE;
    }
  }
  return FALSE;
}

gboolean
md_at_parse_cpin (const char *text, MdModemLock *out_lock, GError **error)
{
  const char *value = md_at_skip_prefix (text, "+CPIN:");
  g_autofree char *line = NULL;

  if (!value)
    value = text;
  line = g_strndup (value, strcspn (value, "\r\n"));
  if (!lock_from_name (line, out_lock)) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "Unknown +CPIN state '%s'", text);
    return FALSE;
  }
  return TRUE;
}

GArray *
md_at_parse_cpinr (const char *text)
{
  g_auto (GStrv) lines = g_strsplit_set (text, "\r\n", -1);
  GArray *retries = g_array_new (FALSE, FALSE, sizeof (guint32) * 2);

  for (guint i = 0; lines[i]; i++) {
    const char *value = md_at_skip_prefix (lines[i], "+CPINR:");
    g_autoptr (GPtrArray) fields = NULL;
    guint32 pair[2];
    MdModemLock lock;
    guint64 count;

    if (!value)
      continue;
    fields = md_at_split_fields (value);
    if (fields->len < 2 || !lock_from_name (g_ptr_array_index (fields, 0), &lock)
        || !md_at_field_uint (g_ptr_array_index (fields, 1), 255, &count))
      continue;
    pair[0] = lock;
    pair[1] = (guint32)count;
    g_array_append_val (retries, pair);
  }
  return retries;
}

gboolean
md_at_parse_clck (const char *text, gboolean *out_enabled, GError **error)
{
  g_auto (GStrv) lines = g_strsplit_set (text, "\r\n", -1);
  gboolean found = FALSE;

  *out_enabled = FALSE;
  for (guint i = 0; lines[i]; i++) {
    const char *value = md_at_skip_prefix (lines[i], "+CLCK:");
    g_autoptr (GPtrArray) fields = NULL;
    guint64 status;

    if (!value)
      continue;
    fields = md_at_split_fields (value);
    if (!md_at_field_uint (g_ptr_array_index (fields, 0), 1, &status))
      break;
    found = TRUE;
    *out_enabled |= status == 1;
  }
  if (!found)
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "Cannot parse +CLCK response '%s'", text);
  return found;
}

gboolean
md_at_parse_qsimstat (const char *text, guint *out_enabled, guint *out_inserted)
{
  const char *value = md_at_skip_prefix (text, "+QSIMSTAT:");
  g_autoptr (GPtrArray) fields = NULL;
  guint64 enabled, inserted;

  if (!value)
    return FALSE;
  fields = md_at_split_fields (value);
  if (fields->len != 2 || !md_at_field_uint (g_ptr_array_index (fields, 0), 1, &enabled)
      || !md_at_field_uint (g_ptr_array_index (fields, 1), 2, &inserted))
    return FALSE;
  *out_enabled = (guint)enabled;
  *out_inserted = (guint)inserted;
  return TRUE;
}

static const char *
skip_any_prefix (const char *text)
{
  const char *colon = strchr (text, ':');

  if (colon && (text[0] == '+' || text[0] == '^' || text[0] == '$'))
    text = colon + 1;
  while (*text == ' ' || *text == '"')
    text++;
  return text;
}

static char *
digits_only (const char *text, gsize min, gsize max)
{
  GString *digits = g_string_new (NULL);

  for (const char *p = text; *p && *p != '\r' && *p != '\n' && *p != '"'; p++) {
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
    else if ((*p == 'F' || *p == 'f') && p[1] == '\0')
      break;
    else if (*p != ' ') {
      g_string_free (digits, TRUE);
      return NULL;
    }
  }
  if (digits->len < min || digits->len > max) {
    g_string_free (digits, TRUE);
    return NULL;
  }
  return g_string_free (digits, FALSE);
}

char *
md_at_parse_iccid (const char *text, GError **error)
{
  g_autofree char *line = g_strndup (text, strcspn (text, "\r\n"));
  char *iccid;

  g_strstrip (line);
  iccid = digits_only (skip_any_prefix (line), 19, 20);
  if (!iccid)
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "Cannot parse ICCID from '%s'", text);
  return iccid;
}

char *
md_at_parse_crsm_iccid (const char *text, GError **error)
{
  const char *value = md_at_skip_prefix (text, "+CRSM:");
  g_autoptr (GPtrArray) fields = NULL;
  g_autofree char *hex = NULL;
  GString *swapped;
  guint64 sw1;

  if (!value)
    goto fail;
  fields = md_at_split_fields (value);
  if (fields->len < 3 || !md_at_field_uint (g_ptr_array_index (fields, 0), 255, &sw1) || sw1 != 144)
    goto fail;
  hex = md_at_field_unquote (g_ptr_array_index (fields, 2));
  if (strlen (hex) < 19 || strlen (hex) % 2)
    goto fail;
  swapped = g_string_new (NULL);
  for (gsize i = 0; hex[i] && hex[i + 1]; i += 2) {
    g_string_append_c (swapped, hex[i + 1]);
    g_string_append_c (swapped, hex[i]);
  }
  {
    g_autofree char *digits = g_string_free (swapped, FALSE);
    char *f = strchr (digits, 'F');

    if (f)
      *f = '\0';
    return md_at_parse_iccid (digits, error);
  }
fail:
  g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "Cannot parse EF_ICCID from '%s'", text);
  return NULL;
}

GStrv
md_at_parse_crsm_ecc (const char *text, GError **error)
{
  const char *value = md_at_skip_prefix (text, "+CRSM:");
  g_autoptr (GPtrArray) fields = NULL;
  g_autoptr (GPtrArray) numbers = NULL;
  g_autofree char *hex = NULL;
  gsize len;
  guint64 sw1;

  if (!value)
    goto fail;
  fields = md_at_split_fields (value);
  /* 0x90 ends a command normally; 0x91 and 0x92 also carry the data. */
  if (fields->len < 3 || !md_at_field_uint (g_ptr_array_index (fields, 0), 255, &sw1) || sw1 < 144
      || sw1 > 146)
    goto fail;
  hex = md_at_field_unquote (g_ptr_array_index (fields, 2));
  len = strlen (hex);
  if (len % 6)
    goto fail;
  numbers = g_ptr_array_new_with_free_func (g_free);
  for (gsize entry = 0; entry < len; entry += 6) {
    GString *digits = g_string_new (NULL);

    /* Each byte holds two digits, the low nibble first; F fills. */
    for (gsize i = entry; i < entry + 6; i += 2) {
      const char pair[2] = { g_ascii_toupper (hex[i + 1]), g_ascii_toupper (hex[i]) };

      for (guint k = 0; k < 2; k++) {
        if (pair[k] == 'F')
          continue;
        if (!g_ascii_isdigit (pair[k])) {
          g_string_free (digits, TRUE);
          goto fail;
        }
        g_string_append_c (digits, pair[k]);
      }
    }
    if (digits->len)
      g_ptr_array_add (numbers, g_string_free (digits, FALSE));
    else
      g_string_free (digits, TRUE);
  }
  g_ptr_array_add (numbers, NULL);
  return (GStrv)g_ptr_array_free (g_steal_pointer (&numbers), FALSE);
fail:
  g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "Cannot parse EF_ECC from '%s'", text);
  return NULL;
}

char *
md_at_parse_imsi (const char *text, GError **error)
{
  g_autofree char *line = g_strndup (text, strcspn (text, "\r\n"));
  char *imsi;

  g_strstrip (line);
  imsi = digits_only (skip_any_prefix (line), 6, 15);
  if (!imsi)
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "Cannot parse IMSI from '%s'", text);
  return imsi;
}

GStrv
md_at_parse_cnum (const char *text)
{
  g_auto (GStrv) lines = g_strsplit_set (text, "\r\n", -1);
  g_autoptr (GPtrArray) numbers = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; lines[i]; i++) {
    const char *value = md_at_skip_prefix (lines[i], "+CNUM:");
    g_autoptr (GPtrArray) fields = NULL;
    g_autofree char *number = NULL;

    if (!value)
      continue;
    fields = md_at_split_fields (value);
    if (fields->len < 2)
      continue;
    number = md_at_field_unquote (g_ptr_array_index (fields, 1));
    if (*number)
      g_ptr_array_add (numbers, g_steal_pointer (&number));
  }
  g_ptr_array_add (numbers, NULL);
  return (GStrv)g_ptr_array_steal (numbers, NULL);
}
