/* SPDX-License-Identifier: GPL-2.0-or-later */
/* +CCLK? and the +CTZV / +CTZE time zone reports. Dates are checked with
 * GDateTime (no 31 February); offsets are kept within +-14 hours, what
 * networks can send (TS 24.008 Time Zone). */
#include "md-at-time.h"

#include <stdio.h>
#include <string.h>

#include "md-at-fields.h"
#include "md-errors.h"

static gboolean
parse_error (GError **error, const char *what, const char *text)
{
  g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "Cannot parse %s reply '%s'", what, text);
  return FALSE;
}

/* A signed decimal: "+04", "-8", "32". */
static gboolean
signed_field (const char *field, gint64 max, gint64 *out)
{
  gboolean negative = FALSE;
  guint64 value;

  if (*field == '+' || *field == '-') {
    negative = *field == '-';
    field++;
  }
  if (!md_at_field_uint (field, (guint64)max, &value))
    return FALSE;
  *out = negative ? -(gint64)value : (gint64)value;
  return TRUE;
}

static gboolean
quarters_to_minutes (const char *field, gint *out)
{
  g_autofree char *bare = md_at_field_is_quoted (field) ? md_at_field_unquote (field) : g_strdup (field);
  gint64 quarters;

  if (!bare || !signed_field (bare, MD_AT_TZ_MAX_MINUTES / 15, &quarters))
    return FALSE;
  *out = (gint)quarters * 15;
  return TRUE;
}

char *
md_at_parse_cclk (const char *text, GError **error)
{
  const char *value = md_at_skip_prefix (text, "+CCLK:");
  g_autofree char *bare = NULL;
  g_autoptr (GDateTime) check = NULL;
  int y, mo, d, h, mi, s, consumed = 0, offset = 0;
  gboolean has_zone = FALSE;
  const char *zone;

  if (!value)
    return parse_error (error, "+CCLK", text), NULL;
  /* One line, blanks trimmed, quotes (if any) removed. */
  bare = g_strstrip (g_strndup (value, strcspn (value, "\r\n")));
  if (md_at_field_is_quoted (bare)) {
    char *inner = md_at_field_unquote (bare);

    g_free (bare);
    bare = inner;
  }
  if (sscanf (bare, "%4d/%2d/%2d,%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &s, &consumed) != 6)
    return parse_error (error, "+CCLK", text), NULL;
  zone = bare + consumed;
  if (*zone) {
    if (!quarters_to_minutes (zone, &offset) || (*zone != '+' && *zone != '-'))
      return parse_error (error, "+CCLK", text), NULL;
    has_zone = TRUE;
  }
  /* A clock nobody set counts from its epoch (80/01/06, 70/01/01): a
   * two-digit year 70-99 is 1970-1999, no network's time. */
  if (y < 100)
    y += y >= 70 ? 1900 : 2000;
  check = g_date_time_new_utc (y, mo, d, h, mi, s);
  if (check && y >= 1970 && y < 2000) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED,
                 "The modem's clock is not set (it says %04d-%02d-%02d): no network time yet", y, mo, d);
    return NULL;
  }
  if (!check || y < 2000 || y > 2099)
    return parse_error (error, "+CCLK", text), NULL;
  if (!has_zone)
    return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d", y, mo, d, h, mi, s);
  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", y, mo, d, h, mi, s,
                          offset < 0 ? '-' : '+', ABS (offset) / 60, ABS (offset) % 60);
}

gboolean
md_at_parse_tz_report (const char *text, gint *out_offset_minutes, gint *out_dst_minutes, GError **error)
{
  const char *value;
  g_autoptr (GPtrArray) fields = NULL;
  guint64 dst;

  if ((value = md_at_skip_prefix (text, "+CTZV:"))) {
    fields = md_at_split_fields (value);
    /* Some modems append the DST or the time: only the zone counts. */
    if (!quarters_to_minutes (g_ptr_array_index (fields, 0), out_offset_minutes))
      return parse_error (error, "+CTZV", text);
    *out_dst_minutes = -1;
    return TRUE;
  }
  if ((value = md_at_skip_prefix (text, "+CTZE:"))) {
    fields = md_at_split_fields (value);
    if (fields->len < 2 || fields->len > 3
        || !quarters_to_minutes (g_ptr_array_index (fields, 0), out_offset_minutes)
        || !md_at_field_uint (g_ptr_array_index (fields, 1), 2, &dst))
      return parse_error (error, "+CTZE", text);
    *out_dst_minutes = (gint)dst * 60;
    return TRUE;
  }
  return parse_error (error, "time zone", text);
}
