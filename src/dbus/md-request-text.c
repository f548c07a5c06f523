/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The one character and length check behind every text validator of the
 * D-Bus layer. Sets are ASCII only, so nothing that could end a quoted AT
 * string or a command line, and no byte a modem's character set may lack,
 * passes. */
#include "md-request-text.h"

#include "md-errors.h"

static gboolean
char_allowed (MdRequestChars chars, guchar c)
{
  switch (chars) {
  case MD_REQUEST_CHARS_DIGITS: return g_ascii_isdigit (c);
  case MD_REQUEST_CHARS_APN: return g_ascii_isalnum (c) || c == '-' || c == '.' || c == '_';
  case MD_REQUEST_CHARS_DIAL: return g_ascii_isdigit (c) || c == '*' || c == '#' || c == '+';
  case MD_REQUEST_CHARS_CREDENTIAL: return c >= 0x20 && c <= 0x7e && c != '"' && c != '\\';
  case MD_REQUEST_CHARS_PRINTABLE: return c >= 0x20 && c <= 0x7e;
  }
  return FALSE;
}

static const char *
chars_description (MdRequestChars chars)
{
  switch (chars) {
  case MD_REQUEST_CHARS_DIGITS: return "digits";
  case MD_REQUEST_CHARS_APN: return "letters, digits, '-', '.' and '_'";
  case MD_REQUEST_CHARS_DIAL: return "digits, '*', '#' and '+'";
  case MD_REQUEST_CHARS_CREDENTIAL: return "printable ASCII characters other than '\"' and '\\'";
  case MD_REQUEST_CHARS_PRINTABLE: return "printable ASCII characters";
  }
  return "";
}

gboolean
md_request_check_text (const MdRequestTextRule *rule, const char *text, GError **error)
{
  gsize length;

  if (!text) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS, "No %s given", rule->what);
    return FALSE;
  }
  length = strlen (text);
  if (length < rule->min_length || length > rule->max_length) {
    if (rule->min_length == rule->max_length)
      g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS,
                   "The %s must be %zu characters long, not %zu", rule->what, rule->min_length, length);
    else
      g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS,
                   "The %s must be %zu to %zu characters long, not %zu", rule->what, rule->min_length,
                   rule->max_length, length);
    return FALSE;
  }
  for (gsize i = 0; i < length; i++) {
    if (!char_allowed (rule->chars, (guchar)text[i])) {
      g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS,
                   "The %s may hold only %s; byte %zu is 0x%02x", rule->what, chars_description (rule->chars),
                   i + 1, (guchar)text[i]);
      return FALSE;
    }
  }
  return TRUE;
}
