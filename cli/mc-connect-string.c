/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The "key=value,key='v a l'" strings of --simple-connect, --create-bearer
 * --messaging-create-sms and --report-kernel-event, into the a{sv} the
 * daemon takes. Keys, value words and what is accepted are those of
 * ModemManager's client library, so mmcli and modemctl refuse the same
 * strings; the daemon validates values again. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "mc-connect-string.h"
#include "mc-nicks.h"
#include "md-enums.h"

/* How a value is read and sent. An enum or flags value of 0 and the
 * "unset" numbers are read but not sent, as ModemManager's client library
 * leaves them out of the dictionary. */
typedef enum {
  KIND_STRING,   /* s */
  KIND_BOOL,     /* b: true/yes/1, false/no/0 */
  KIND_INT,      /* i; -1 (unknown profile) not sent */
  KIND_CLASS,    /* i; negative not sent */
  KIND_VALIDITY, /* (uv): relative validity, read as strtoul reads it */
  KIND_ENUM,     /* u: one nick */
  KIND_FLAGS,    /* u: nicks joined by '|' */
  KIND_IGNORED,  /* accepted, not sent (mmcli's deprecated "number") */
} Kind;

typedef struct {
  const char *key;
  Kind kind;
  const McNick *nicks;
  McStringKind only; /* MC_STRING_BEARER: bearer and simple strings */
} KeyInfo;

static const KeyInfo bearer_keys[] = {
  { "apn", KIND_STRING, NULL, MC_STRING_BEARER },
  { "user", KIND_STRING, NULL, MC_STRING_BEARER },
  { "password", KIND_STRING, NULL, MC_STRING_BEARER },
  { "profile-id", KIND_INT, NULL, MC_STRING_BEARER },
  { "profile-name", KIND_STRING, NULL, MC_STRING_BEARER },
  { "profile-enabled", KIND_BOOL, NULL, MC_STRING_BEARER },
  { "profile-source", KIND_ENUM, mc_nicks_MdBearerProfileSource, MC_STRING_BEARER },
  { "ip-type", KIND_ENUM, mc_nicks_MdBearerIpFamily, MC_STRING_BEARER },
  { "allowed-auth", KIND_FLAGS, mc_nicks_MdBearerAllowedAuth, MC_STRING_BEARER },
  { "apn-type", KIND_ENUM, mc_nicks_MdBearerApnType, MC_STRING_BEARER },
  { "access-type-preference", KIND_ENUM, mc_nicks_MdBearerAccessTypePreference, MC_STRING_BEARER },
  { "allow-roaming", KIND_BOOL, NULL, MC_STRING_BEARER },
  { "rm-protocol", KIND_ENUM, mc_nicks_MdModemCdmaRmProtocol, MC_STRING_BEARER },
  { "multiplex", KIND_ENUM, mc_nicks_MdBearerMultiplexSupport, MC_STRING_BEARER },
  { "number", KIND_IGNORED, NULL, MC_STRING_BEARER },
  { "pin", KIND_STRING, NULL, MC_STRING_SIMPLE },
  { "operator-id", KIND_STRING, NULL, MC_STRING_SIMPLE },
};

static const KeyInfo kernel_event_keys[] = {
  { "action", KIND_STRING, NULL, MC_STRING_KERNEL_EVENT },
  { "subsystem", KIND_STRING, NULL, MC_STRING_KERNEL_EVENT },
  { "name", KIND_STRING, NULL, MC_STRING_KERNEL_EVENT },
  { "uid", KIND_STRING, NULL, MC_STRING_KERNEL_EVENT },
};

static const KeyInfo sms_keys[] = {
  { "number", KIND_STRING, NULL, MC_STRING_SMS },
  { "text", KIND_STRING, NULL, MC_STRING_SMS },
  { "smsc", KIND_STRING, NULL, MC_STRING_SMS },
  { "validity", KIND_VALIDITY, NULL, MC_STRING_SMS },
  { "class", KIND_CLASS, NULL, MC_STRING_SMS },
  { "delivery-report-request", KIND_BOOL, NULL, MC_STRING_SMS },
  { "teleservice-id", KIND_ENUM, mc_nicks_MdSmsCdmaTeleserviceId, MC_STRING_SMS },
  { "service-category", KIND_ENUM, mc_nicks_MdSmsCdmaServiceCategory, MC_STRING_SMS },
};

G_DEFINE_QUARK (mc - string - error - quark, mc_string_error)

static gboolean
parse_bool (const char *value, gboolean *out)
{
  if (!g_ascii_strcasecmp (value, "true") || !g_ascii_strcasecmp (value, "yes") || !strcmp (value, "1")) {
    *out = TRUE;
    return TRUE;
  }
  if (!g_ascii_strcasecmp (value, "false") || !g_ascii_strcasecmp (value, "no") || !strcmp (value, "0")) {
    *out = FALSE;
    return TRUE;
  }
  return FALSE;
}

/* An int as ModemManager's client reads one: leading spaces skipped, then
 * only signs and digits (a trailing CR/LF tolerated), then strtol. */
static gboolean
parse_int (const char *value, gint32 *out)
{
  gboolean eol = FALSE, any = FALSE;
  long n;

  while (*value == ' ')
    value++;
  for (const char *p = value; *p; p++) {
    if (*p == '\r' || *p == '\n') {
      eol = TRUE;
      continue;
    }
    if (eol || (*p != '+' && *p != '-' && !g_ascii_isdigit (*p)))
      return FALSE;
    any = TRUE;
  }
  if (!any)
    return FALSE;
  errno = 0;
  n = strtol (value, NULL, 10);
  if (errno || n < G_MININT32 || n > G_MAXINT32)
    return FALSE;
  *out = (gint32)n;
  return TRUE;
}

static gboolean
parse_mask (const McNick *nicks, const char *value, guint32 *mask)
{
  g_auto (GStrv) words = g_strsplit (value, "|", -1);

  /* An empty text is no flag at all, not an error. */
  *mask = 0;
  for (guint i = 0; words[i]; i++) {
    guint32 v;

    if (!mc_enum_parse (nicks, words[i], &v))
      return FALSE;
    *mask |= v;
  }
  return TRUE;
}

static gboolean
add_value (GVariantBuilder *builder, const KeyInfo *info, const char *value, GError **error)
{
  switch (info->kind) {
  case KIND_STRING:
    /* D-Bus strings are UTF-8; anything else is refused here rather than
     * left to GVariant (which would refuse it with a critical). */
    if (!g_utf8_validate (value, -1, NULL)) {
      g_set_error (error, MC_STRING_ERROR, 0, "value of key '%s' is not valid UTF-8", info->key);
      return FALSE;
    }
    g_variant_builder_add (builder, "{sv}", info->key, g_variant_new_string (value));
    return TRUE;
  case KIND_IGNORED: return TRUE;
  case KIND_BOOL: {
    gboolean b;

    if (!parse_bool (value, &b))
      break;
    g_variant_builder_add (builder, "{sv}", info->key, g_variant_new_boolean (b));
    return TRUE;
  }
  case KIND_INT:
  case KIND_CLASS: {
    gint32 n;

    if (!parse_int (value, &n))
      break;
    if ((info->kind == KIND_INT && n != -1) || (info->kind == KIND_CLASS && n >= 0))
      g_variant_builder_add (builder, "{sv}", info->key, g_variant_new_int32 (n));
    return TRUE;
  }
  case KIND_VALIDITY: {
    /* As strtoul: leading text it cannot read is 0, trailing text is
     * ignored; what does not fit 32 bits is cut, as mmcli's client does. */
    guint32 n;

    errno = 0;
    n = (guint32)strtoul (value, NULL, 10);
    if (errno || n == G_MAXUINT32)
      break;
    g_variant_builder_add (
      builder, "{sv}", info->key,
      g_variant_new ("(uv)", (guint32)MD_SMS_VALIDITY_TYPE_RELATIVE, g_variant_new_uint32 (n)));
    return TRUE;
  }
  case KIND_ENUM: {
    guint32 v;

    if (!mc_enum_parse (info->nicks, value, &v))
      break;
    if (v)
      g_variant_builder_add (builder, "{sv}", info->key, g_variant_new_uint32 (v));
    return TRUE;
  }
  case KIND_FLAGS: {
    guint32 mask;

    if (!parse_mask (info->nicks, value, &mask))
      break;
    if (mask)
      g_variant_builder_add (builder, "{sv}", info->key, g_variant_new_uint32 (mask));
    return TRUE;
  }
  }
  g_set_error (error, MC_STRING_ERROR, 0, "invalid value '%s' for key '%s'", value, info->key);
  return FALSE;
}

static const KeyInfo *
find_key (const char *key, McStringKind kind)
{
  if (kind == MC_STRING_KERNEL_EVENT) {
    for (guint i = 0; i < G_N_ELEMENTS (kernel_event_keys); i++)
      if (strcmp (kernel_event_keys[i].key, key) == 0)
        return &kernel_event_keys[i];
    return NULL;
  }
  if (kind == MC_STRING_SMS) {
    for (guint i = 0; i < G_N_ELEMENTS (sms_keys); i++)
      if (strcmp (sms_keys[i].key, key) == 0)
        return &sms_keys[i];
    return NULL;
  }
  for (guint i = 0; i < G_N_ELEMENTS (bearer_keys); i++)
    if (strcmp (bearer_keys[i].key, key) == 0
        && (kind == MC_STRING_SIMPLE || bearer_keys[i].only == MC_STRING_BEARER))
      return &bearer_keys[i];
  return NULL;
}

GVariant *
mc_connect_string_parse (const char *text, McStringKind kind, GError **error)
{
  g_auto (GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);
  g_autofree char *copy = g_strdup (text);
  char *p = copy;

  while (g_ascii_isspace (*p))
    p++;
  while (*p) {
    char *key, *value;
    char saved;
    const KeyInfo *info;

    while (g_ascii_isspace (*p))
      p++;
    key = p;
    if (!g_ascii_isalnum (*p)) {
      g_set_error (error, MC_STRING_ERROR, 0, "Key must start with alpha/num, starts with '%c'", *p);
      return NULL;
    }
    while (g_ascii_isalnum (*p) || *p == '-' || *p == '_')
      p++;
    saved = *p;
    *p = '\0';
    key = g_strdup (key);
    *p = saved;
    while (g_ascii_isspace (*p))
      p++;
    if (*p != '=') {
      g_set_error (error, MC_STRING_ERROR, 0, "Couldn't find equal sign separator");
      g_free (key);
      return NULL;
    }
    p++;
    while (g_ascii_isspace (*p))
      p++;
    if (*p == '"' || *p == '\'') {
      char *close = strchr (p + 1, *p);

      if (!close) {
        g_set_error (error, MC_STRING_ERROR, 0, "Unmatched quotes in string value");
        g_free (key);
        return NULL;
      }
      value = g_strndup (p + 1, close - p - 1);
      p = close + 1;
    } else {
      char *start = p;

      while (*p && *p != ',' && !g_ascii_isspace (*p))
        p++;
      value = g_strndup (start, p - start);
    }
    while (g_ascii_isspace (*p))
      p++;
    if (*p == ',')
      p++;
    else if (*p) {
      g_set_error (error, MC_STRING_ERROR, 0, "Unexpected content (%s) after value", p);
      g_free (key);
      g_free (value);
      return NULL;
    }
    info = find_key (key, kind);
    if (!info) {
      g_set_error (error, MC_STRING_ERROR, 0, "Invalid properties string, unsupported key '%s'", key);
      g_free (key);
      g_free (value);
      return NULL;
    }
    g_free (key);
    if (!add_value (&builder, info, value, error)) {
      g_free (value);
      return NULL;
    }
    g_free (value);
  }
  return g_variant_builder_end (&builder);
}
