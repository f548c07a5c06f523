/* SPDX-License-Identifier: GPL-2.0-or-later */
/* See md-port-log.h. Masking is by shape, not by command, so that answers
 * of commands we never heard of are covered too. */
#include "md-port-log.h"

#include <string.h>

#include "md-log.h"

#define MASK "[personal info]"
/* Shorter runs are operator codes, rates and indexes; identifiers and
 * phone numbers are longer. */
#define MIN_PERSONAL_DIGITS 7

static const char *const secret_commands[] = { "AT+CPIN=", "AT+CLCK=", "AT+CPWD=", "AT+CGAUTH=", NULL };

static gboolean
carries_secrets (const char *text)
{
  for (guint i = 0; secret_commands[i]; i++) {
    if (g_ascii_strncasecmp (text, secret_commands[i], strlen (secret_commands[i])) == 0)
      return TRUE;
  }
  return FALSE;
}

char *
md_port_log_sanitize (const char *text)
{
  GString *out;
  gboolean secrets;
  gboolean quoted = FALSE;

  if (md_log_personal_info_enabled ())
    return g_strdup (text);
  out = g_string_new (NULL);
  secrets = carries_secrets (text);
  for (const char *p = text; *p;) {
    gsize digits = strspn (p, "0123456789");

    if (*p == '"') {
      quoted = !quoted;
      g_string_append_c (out, *p++);
      if (quoted && secrets) {
        g_string_append (out, MASK);
        p += strcspn (p, "\"");
      }
      continue;
    }
    if (digits >= MIN_PERSONAL_DIGITS) {
      g_string_append (out, MASK);
      p += digits;
      continue;
    }
    if (digits) {
      g_string_append_len (out, p, (gssize)digits);
      p += digits;
      continue;
    }
    g_string_append_c (out, *p++);
  }
  return g_string_free (out, FALSE);
}
