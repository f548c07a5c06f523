/* SPDX-License-Identifier: GPL-2.0-or-later */
/* 27.005 text mode (+CMGF=1): the header line of +CMGL and +CMGR answers
 * (status, number, service centre time stamp). The message text on the next
 * line is the caller's. Pure; fields split by md-at-fields. */
#include "md-sms-text.h"

#include "md-at-fields.h"
#include "md-errors.h"
#include "md-sms-fields.h"

void
md_sms_text_header_clear (MdSmsTextHeader *header)
{
  g_clear_pointer (&header->number, g_free);
  g_clear_pointer (&header->timestamp, g_free);
}

static gboolean
parse_status (const char *field, MdSmsTextStatus *out)
{
  static const char *const names[] = { "REC UNREAD", "REC READ", "STO UNSENT", "STO SENT", "ALL" };
  g_autofree char *text = md_at_field_unquote (field);
  guint64 n;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++) {
    if (g_ascii_strcasecmp (text, names[i]) == 0) {
      *out = (MdSmsTextStatus)i;
      return TRUE;
    }
  }
  /* Some modems list the PDU-mode number in text mode too. */
  if (md_at_field_uint (text, MD_SMS_TEXT_STATUS_ALL, &n)) {
    *out = (MdSmsTextStatus)n;
    return TRUE;
  }
  return FALSE;
}

/* Two decimal digits at p. */
static gboolean
two_digits (const char *p, guint *out)
{
  if (!g_ascii_isdigit (p[0]) || !g_ascii_isdigit (p[1]))
    return FALSE;
  *out = (guint)(p[0] - '0') * 10u + (guint)(p[1] - '0');
  return TRUE;
}

/* "yy/MM/dd,hh:mm:ss" then an optional zone "+zz"/"-zz" in quarter hours;
 * "yyyy/MM/dd,..." too, the four-digit year 27.007 +CSDF allows. Two
 * digits name the year md_sms_year says, as in a PDU's TP-SCTS. */
static char *
parse_scts (const char *text)
{
  guint v[6], quarters = 0, century = 0, year;
  gboolean four = two_digits (text, &century) && two_digits (text + 2, &year) && text[4] == '/';
  gint sign = 1;
  const char *zone;

  if (four)
    text += 2;
  zone = text + 17;
  if (strlen (text) < 17)
    return NULL;
  for (guint i = 0; i < 6; i++) {
    if (!two_digits (text + 3 * i, &v[i]) || (i < 5 && text[3 * i + 2] != "//,::"[i]))
      return NULL;
  }
  if (*zone == '+' || *zone == '-') {
    sign = *zone == '-' ? -1 : 1;
    if (!g_ascii_isdigit (zone[1]))
      return NULL;
    quarters = (guint)(zone[1] - '0');
    if (g_ascii_isdigit (zone[2]))
      quarters = quarters * 10u + (guint)(zone[2] - '0');
    zone += g_ascii_isdigit (zone[2]) ? 3 : 2;
  }
  if (*zone != '\0')
    return NULL;
  year = four ? century * 100 + v[0] : md_sms_year (v[0]);
  if (year == 0 || v[1] < 1 || v[1] > 12 || v[2] < 1
      || v[2] > g_date_get_days_in_month ((GDateMonth)v[1], (GDateYear)year) || v[3] > 23 || v[4] > 59
      || v[5] > 59)
    return NULL;
  return md_sms_timestamp_format (year, v[1], v[2], v[3], v[4], v[5], sign * (gint)quarters * 15);
}

gboolean
md_sms_text_parse_header (const char *line, MdSmsTextHeader *out, GError **error)
{
  const char *value;
  gboolean listing;
  g_autoptr (GPtrArray) fields = NULL;
  guint first = 0;
  guint64 index;
  const char *scts;

  memset (out, 0, sizeof *out);
  out->index = -1;
  if ((value = md_at_skip_prefix (line, "+CMGL:")))
    listing = TRUE;
  else if ((value = md_at_skip_prefix (line, "+CMGR:")))
    listing = FALSE;
  else
    goto fail;

  fields = md_at_split_fields (value);
  if (listing) {
    if (!md_at_field_uint (fields->pdata[0], G_MAXINT, &index))
      goto fail;
    out->index = (gint)index;
    first = 1;
  }
  if (fields->len < first + 2 || !parse_status (fields->pdata[first], &out->status))
    goto fail;
  out->number = md_at_field_unquote (fields->pdata[first + 1]);
  /* After the number: <alpha>, then <scts> when the message has one (a
   * stored SUBMIT has <toda> there, unquoted). */
  scts = fields->len > first + 3 ? fields->pdata[first + 3] : "";
  if (md_at_field_is_quoted (scts)) {
    g_autofree char *text = md_at_field_unquote (scts);

    if (*text && !(out->timestamp = parse_scts (text)))
      goto fail;
  }
  return TRUE;

fail:
  md_sms_text_header_clear (out);
  /* The line holds a phone number: it stays out of the message, which may
   * be logged. */
  g_set_error_literal (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "Cannot parse SMS text-mode header");
  return FALSE;
}
