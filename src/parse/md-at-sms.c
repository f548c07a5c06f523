/* SPDX-License-Identifier: GPL-2.0-or-later */
/* See md-at-sms.h. A PDU line is taken only when it is hexadecimal; what
 * the PDU says is left to the codec. */
#include "md-at-sms.h"

#include <string.h>

#include "md-at-fields.h"
#include "md-errors.h"

static const char *const storage_names[] = {
  [MD_SMS_STORAGE_SM] = "SM", [MD_SMS_STORAGE_ME] = "ME", [MD_SMS_STORAGE_MT] = "MT",
  [MD_SMS_STORAGE_SR] = "SR", [MD_SMS_STORAGE_BM] = "BM", [MD_SMS_STORAGE_TA] = "TA",
};

static gboolean
fail (GError **error, const char *what)
{
  g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "Could not parse %s", what);
  return FALSE;
}

void
md_at_sms_listed_free (MdAtSmsListed *listed)
{
  if (!listed)
    return;
  g_free (listed->pdu);
  g_free (listed);
}

MdSmsStorage
md_at_sms_storage_from_name (const char *name)
{
  g_autofree char *bare = md_at_field_is_quoted (name) ? md_at_field_unquote (name) : g_strdup (name);

  for (guint s = MD_SMS_STORAGE_SM; bare && s < G_N_ELEMENTS (storage_names); s++) {
    if (g_ascii_strcasecmp (bare, storage_names[s]) == 0)
      return s;
  }
  return MD_SMS_STORAGE_UNKNOWN;
}

const char *
md_at_sms_storage_name (MdSmsStorage storage)
{
  return storage > MD_SMS_STORAGE_UNKNOWN && storage < G_N_ELEMENTS (storage_names) ? storage_names[storage]
                                                                                    : NULL;
}

char *
md_at_sms_cpms_command (MdSmsStorage storage, guint memories)
{
  const char *name = md_at_sms_storage_name (storage);
  GString *command;

  if (!name || memories < 1 || memories > 3)
    return NULL;
  command = g_string_new ("AT+CPMS=");
  for (guint i = 0; i < memories; i++)
    g_string_append_printf (command, "%s\"%s\"", i ? "," : "", name);
  return g_string_free (command, FALSE);
}

/* "(\"SM\",\"ME\")" or a bare "\"SM\"": the storages named. */
static guint32
storage_group (const char *group)
{
  g_autofree char *inner = g_strdup (group);
  g_autoptr (GPtrArray) fields = NULL;
  gsize len = strlen (inner);
  guint32 bits = 0;

  if (len >= 2 && inner[0] == '(' && inner[len - 1] == ')') {
    inner[len - 1] = '\0';
    memmove (inner, inner + 1, len - 1);
  }
  fields = md_at_split_fields (inner);
  for (guint i = 0; i < fields->len; i++) {
    MdSmsStorage s = md_at_sms_storage_from_name (g_ptr_array_index (fields, i));

    if (s != MD_SMS_STORAGE_UNKNOWN)
      bits |= 1u << s;
  }
  return bits;
}

gboolean
md_at_parse_cpms_test (const char *response, guint32 *mem1, guint32 *mem2, guint32 *mem3, GError **error)
{
  const char *value = md_at_skip_prefix (response, "+CPMS:");
  g_autoptr (GPtrArray) fields = NULL;
  guint32 *out[] = { mem1, mem2, mem3 };

  if (!value)
    return fail (error, "+CPMS=?");
  fields = md_at_split_fields (value);
  if (fields->len < 1 || fields->len > 3)
    return fail (error, "+CPMS=?");
  for (guint i = 0; i < 3; i++)
    *out[i] = i < fields->len ? storage_group (g_ptr_array_index (fields, i)) : 0;
  if (!*mem1)
    return fail (error, "+CPMS=?");
  return TRUE;
}

gboolean
md_at_parse_cpms_storages (const char *response, guint32 *read, guint32 *usable, GError **error)
{
  guint32 mem1, mem2, mem3;

  if (!md_at_parse_cpms_test (response, &mem1, &mem2, &mem3, error))
    return FALSE;
  if (!mem2)
    mem2 = mem1;
  if (!mem3)
    mem3 = mem2;
  *read = mem1;
  *usable = mem2 & mem3;
  return TRUE;
}

gboolean
md_at_parse_csms_read (const char *response, guint *service, GError **error)
{
  const char *value = md_at_skip_prefix (response, "+CSMS:");
  g_autoptr (GPtrArray) fields = NULL;
  guint64 n;

  if (!value)
    return fail (error, "+CSMS?");
  fields = md_at_split_fields (value);
  /* <service> and the three support flags; the flags are not needed. */
  if (fields->len != 4 || !md_at_field_uint (g_ptr_array_index (fields, 0), 255, &n))
    return fail (error, "+CSMS?");
  *service = (guint)n;
  return TRUE;
}

static gboolean
is_hex_line (const char *line)
{
  gsize len = strlen (line);

  if (len < 2 || len % 2)
    return FALSE;
  for (gsize i = 0; i < len; i++) {
    if (!g_ascii_isxdigit (line[i]))
      return FALSE;
  }
  return TRUE;
}

/* "<index>,<stat>,[<alpha>],<length>" (+CMGL) or "<stat>,[<alpha>],<length>"
 * (+CMGR). */
static gboolean
parse_header (const char *value, gboolean with_index, guint *index, MdAtSmsStat *stat)
{
  g_autoptr (GPtrArray) fields = md_at_split_fields (value);
  guint at = with_index ? 1 : 0;
  guint64 n;

  if (fields->len < at + 2)
    return FALSE;
  if (with_index) {
    if (!md_at_field_uint (g_ptr_array_index (fields, 0), G_MAXUINT16, &n))
      return FALSE;
    *index = (guint)n;
  }
  if (!md_at_field_uint (g_ptr_array_index (fields, at), 3, &n))
    return FALSE;
  *stat = (MdAtSmsStat)n;
  return TRUE;
}

GPtrArray *
md_at_parse_cmgl (const char *response, GError **error)
{
  g_autoptr (GPtrArray) listed = g_ptr_array_new_with_free_func ((GDestroyNotify)md_at_sms_listed_free);
  g_auto (GStrv) lines = g_strsplit (response, "\n", -1);

  for (guint i = 0; lines[i]; i++) {
    const char *value = md_at_skip_prefix (g_strstrip (lines[i]), "+CMGL:");
    MdAtSmsListed *entry;

    if (!value)
      continue;
    entry = g_new0 (MdAtSmsListed, 1);
    if (!parse_header (value, TRUE, &entry->index, &entry->stat) || !lines[i + 1]
        || !is_hex_line (g_strstrip (lines[i + 1]))) {
      md_at_sms_listed_free (entry);
      fail (error, "+CMGL");
      return NULL;
    }
    entry->pdu = g_strdup (lines[++i]);
    g_ptr_array_add (listed, entry);
  }
  return g_steal_pointer (&listed);
}

gboolean
md_at_parse_cmgr (const char *response, MdAtSmsStat *stat, char **pdu, GError **error)
{
  g_auto (GStrv) lines = g_strsplit (response, "\n", 3);
  const char *value = lines[0] ? md_at_skip_prefix (g_strstrip (lines[0]), "+CMGR:") : NULL;

  if (!value || !parse_header (value, FALSE, NULL, stat) || !lines[1] || !is_hex_line (g_strstrip (lines[1])))
    return fail (error, "+CMGR");
  *pdu = g_strdup (lines[1]);
  return TRUE;
}

gboolean
md_at_parse_sms_indication (const char *line, MdSmsStorage *storage, guint *index, GError **error)
{
  const char *value = md_at_skip_prefix (line, "+CMTI:");
  g_autoptr (GPtrArray) fields = NULL;
  guint64 n;

  if (!value)
    value = md_at_skip_prefix (line, "+CDSI:");
  if (!value)
    return fail (error, "an SMS indication");
  fields = md_at_split_fields (value);
  if (fields->len != 2 || !md_at_field_uint (g_ptr_array_index (fields, 1), G_MAXUINT16, &n))
    return fail (error, "an SMS indication");
  *storage = md_at_sms_storage_from_name (g_ptr_array_index (fields, 0));
  if (*storage == MD_SMS_STORAGE_UNKNOWN)
    return fail (error, "an SMS indication's storage");
  *index = (guint)n;
  return TRUE;
}

char *
md_at_parse_sms_report_pdu (const char *report, GError **error)
{
  const char *newline = strchr (report, '\n');
  g_autofree char *pdu = NULL;

  if (!md_at_skip_prefix (report, "+CMT:") && !md_at_skip_prefix (report, "+CDS:"))
    return fail (error, "an SMS report"), NULL;
  pdu = newline ? g_strstrip (g_strdup (newline + 1)) : NULL;
  if (!pdu || !is_hex_line (pdu))
    return fail (error, "an SMS report's PDU"), NULL;
  return g_steal_pointer (&pdu);
}

gboolean
md_at_parse_sms_number (const char *response, const char *prefix, guint max, guint *out, GError **error)
{
  const char *value = md_at_skip_prefix (response, prefix);
  g_autoptr (GPtrArray) fields = NULL;
  guint64 n;

  if (!value)
    return fail (error, prefix);
  fields = md_at_split_fields (value);
  if (fields->len < 1 || !md_at_field_uint (g_ptr_array_index (fields, 0), max, &n))
    return fail (error, prefix);
  *out = (guint)n;
  return TRUE;
}
