/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The "key=value,key='v a l'" strings of --simple-connect, --create-bearer
 * and --messaging-create-sms, into the a{sv} the daemon takes. The key
 * names and value words are ModemManager's; the daemon validates values
 * again. */
#include <stdlib.h>
#include <string.h>

#include "mc-connect-string.h"
#include "mc-nicks.h"

typedef enum { KIND_STRING, KIND_BOOL, KIND_INT, KIND_UINT, KIND_FLAGS, KIND_ENUM, KIND_IGNORED } Kind;

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
  { "ip-type", KIND_ENUM, mc_nicks_MdBearerIpFamily, MC_STRING_BEARER },
  { "allowed-auth", KIND_FLAGS, mc_nicks_MdBearerAllowedAuth, MC_STRING_BEARER },
  { "apn-type", KIND_FLAGS, mc_nicks_MdBearerApnType, MC_STRING_BEARER },
  { "access-type-preference", KIND_ENUM, mc_nicks_MdBearerAccessTypePreference, MC_STRING_BEARER },
  { "roaming-allowance", KIND_FLAGS, mc_nicks_MdBearerRoamingAllowance, MC_STRING_BEARER },
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
  { "validity", KIND_UINT, NULL, MC_STRING_SMS },
  { "class", KIND_INT, NULL, MC_STRING_SMS },
  { "delivery-report-request", KIND_BOOL, NULL, MC_STRING_SMS },
  { "storage", KIND_ENUM, mc_nicks_MdSmsStorage, MC_STRING_SMS },
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
  case KIND_INT: {
    char *end = NULL;
    gint64 n = g_ascii_strtoll (value, &end, 10);

    if (!value[0] || *end || n < G_MININT32 || n > G_MAXINT32)
      break;
    g_variant_builder_add (builder, "{sv}", info->key, g_variant_new_int32 ((gint32)n));
    return TRUE;
  }
  case KIND_UINT: {
    char *end = NULL;
    guint64 n = g_ascii_strtoull (value, &end, 10);

    if (!g_ascii_isdigit (value[0]) || *end || n > G_MAXUINT32)
      break;
    g_variant_builder_add (builder, "{sv}", info->key, g_variant_new_uint32 ((guint32)n));
    return TRUE;
  }
  case KIND_ENUM: {
    guint32 v;

    if (!mc_enum_parse (info->nicks, value, &v))
      break;
    g_variant_builder_add (builder, "{sv}", info->key, g_variant_new_uint32 (v));
    return TRUE;
  }
  case KIND_FLAGS: {
    g_auto (GStrv) words = g_strsplit (value, "|", -1);
    guint32 mask = 0;
    gboolean ok = words[0] != NULL;

    for (guint i = 0; words[i] && ok; i++) {
      guint32 v;

      ok = mc_enum_parse (info->nicks, g_strstrip (words[i]), &v);
      mask |= v;
    }
    if (!ok)
      break;
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
