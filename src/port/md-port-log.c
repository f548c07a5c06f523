/* SPDX-License-Identifier: GPL-2.0-or-later */
/* See md-port-log.h. Masking is by shape, not by command, so that answers
 * of commands we never heard of are covered too; only secrets, which can
 * be short (a 4-digit PIN), are recognised by the command carrying them. */
#include "md-port-log.h"

#include <string.h>

#include "md-log.h"

#define MASK "[personal info]"
/* Shorter digit runs are operator codes, rates, indexes and cell data;
 * identifiers and phone numbers are longer. */
#define MIN_PERSONAL_DIGITS 7
/* Hex runs this long are PDUs or ICCIDs, which hold numbers and text. */
#define MIN_PERSONAL_HEX 16

/* Commands whose arguments carry a PIN, PUK or password. */
static const char *const secret_commands[] = {
  "+CPIN=",     "+CPIN2=",  "+CPWD=",    "+CLCK=",     "+CGAUTH=", "$QCPDPP=",
  "^AUTHDATA=", "+QICSGP=", "#PDPAUTH=", "+UAUTHREQ=", "*EIAAUW=",
};

/* "AT+CPIN=\"1234\"" → "AT+CPIN=[personal info]"; NULL when text carries
 * no secret. Everything after the '=' goes, concatenated commands too. */
static char *
hide_secret_arguments (const char *text)
{
  g_autofree char *upper = NULL;

  if (g_ascii_strncasecmp (text, "AT", 2) != 0)
    return NULL;
  upper = g_ascii_strup (text, -1);
  for (guint i = 0; i < G_N_ELEMENTS (secret_commands); i++) {
    const char *at = strstr (upper, secret_commands[i]);

    if (at) {
      gsize keep = (gsize)(at - upper) + strlen (secret_commands[i]);

      return g_strdup_printf ("%.*s" MASK, (int)keep, text);
    }
  }
  return NULL;
}

static gsize
span_hex (const char *p)
{
  gsize n = 0;

  while (g_ascii_isxdigit (p[n]))
    n++;
  return n;
}

/* Digits, also in groups split by single spaces: IMEIs are printed
 * "35 209900 176148 1" by some modems. Returns the span, and the digits in
 * it through out_digits. */
static gsize
span_digits (const char *p, gsize *out_digits)
{
  gsize n = 0, digits = 0;

  while (g_ascii_isdigit (p[n]) || (p[n] == ' ' && n > 0 && g_ascii_isdigit (p[n + 1]))) {
    if (p[n] != ' ')
      digits++;
    n++;
  }
  *out_digits = digits;
  return n;
}

static char *
mask_runs (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));
  const char *p = text;

  while (*p) {
    gsize digits;
    gsize digit_span = span_digits (p, &digits);
    gsize hex = span_hex (p);

    if (hex >= MIN_PERSONAL_HEX || digits >= MIN_PERSONAL_DIGITS) {
      g_string_append (out, MASK);
      p += MAX (hex, digit_span);
      continue;
    }
    /* One byte at a time: a run starting later is a shorter tail of this
     * one, so it is never masked on its own, but digits after a hex letter
     * ("ATD0123456789") still are. */
    g_string_append_c (out, *p++);
  }
  return g_string_free (out, FALSE);
}

char *
md_port_log_sanitize (const char *text)
{
  g_autofree char *masked = NULL;

  if (md_log_personal_info_enabled ())
    return g_utf8_make_valid (text, -1);
  masked = hide_secret_arguments (text);
  if (!masked)
    masked = mask_runs (text);
  return g_utf8_make_valid (masked, -1);
}
