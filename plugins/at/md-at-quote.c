/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Caller text into AT command lines. A string constant (V.250 5.4.2.2,
 * 27.007 4.1) ends at the next '"', and '\' starts a \hh escape that not
 * every modem knows, so both are refused rather than escaped; CR ends the
 * line and other control characters (Ctrl-Z, ESC) act on their own. ';' is
 * text inside quotes. Bytes above 0x7e are refused: the text is sent as
 * is, and the modem's character set (IRA or GSM) has no such bytes. */
#include "md-at-quote.h"

#include "md-errors.h"

static gboolean
quotable (guchar c)
{
  return c >= 0x20 && c <= 0x7e && c != '"' && c != '\\';
}

char *
md_at_quote (const char *text, GError **error)
{
  for (gsize i = 0; text[i]; i++) {
    if (!quotable ((guchar)text[i])) {
      g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS,
                   "Byte %zu (0x%02x) cannot be sent inside an AT string", i + 1, (guchar)text[i]);
      return NULL;
    }
  }
  return g_strdup_printf ("\"%s\"", text);
}

/* ATD takes its dial string unquoted, where ';' (voice call, or the next
 * command) and the V.250 modifiers mean something; only what a data call's
 * number holds passes. */
char *
md_at_dial_string (const char *number, GError **error)
{
  if (!*number) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS, "The number to dial is empty");
    return NULL;
  }
  for (gsize i = 0; number[i]; i++) {
    guchar c = (guchar)number[i];

    if (!g_ascii_isdigit (c) && c != '*' && c != '#' && c != '+') {
      g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS,
                   "Byte %zu (0x%02x) cannot be part of a dial string", i + 1, c);
      return NULL;
    }
  }
  return g_strdup (number);
}
