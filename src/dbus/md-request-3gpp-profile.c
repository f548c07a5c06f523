/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Profile dictionaries from callers, checked key by key into an MdProfile:
 * every key is known, of its type and in range, or the call is refused
 * before anything reaches the modem. */
#include "md-request-3gpp-profile.h"

#include "md-enums.h"
#include "md-errors.h"
#include "md-request-bearer.h"
#include "md-vardict.h"

typedef enum {
  KEY_PROFILE_ID,
  KEY_APN,
  KEY_IP_TYPE,
  KEY_NOT_STORED, /* a key of the API modemd keeps nowhere */
} KeyKind;

static const struct {
  const char *name;
  const char *type;
  KeyKind kind;
} keys[] = {
  { "profile-id", "i", KEY_PROFILE_ID },
  { "apn", "s", KEY_APN },
  { "ip-type", "u", KEY_IP_TYPE },
  { "profile-name", "s", KEY_NOT_STORED },
  { "apn-type", "u", KEY_NOT_STORED },
  { "allowed-auth", "u", KEY_NOT_STORED },
  { "user", "s", KEY_NOT_STORED },
  { "password", "s", KEY_NOT_STORED },
  { "access-type-preference", "u", KEY_NOT_STORED },
  { "roaming-allowance", "u", KEY_NOT_STORED },
  { "profile-enabled", "b", KEY_NOT_STORED },
  { "profile-source", "u", KEY_NOT_STORED },
};

static gint
find_key (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++) {
    if (g_str_equal (keys[i].name, name))
      return (gint)i;
  }
  return -1;
}

/* An unknown key is named in the error only when it is short plain text:
 * error messages never carry what a caller could use to forge log lines. */
static gboolean
nameable (const char *name)
{
  gsize n = 0;

  for (const char *p = name; *p; p++, n++) {
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return FALSE;
  }
  return n > 0 && n <= 32;
}

/* Walks dict; for_delete ignores the keys that do not name the profile. */
static MdProfile *
parse (GVariant *dict, gboolean for_delete, GError **error)
{
  g_autoptr (MdProfile) profile = g_new0 (MdProfile, 1);
  gboolean has_apn = FALSE;
  gsize n = g_variant_n_children (dict);

  profile->id = -1;
  /* One entry at a time, each freed on every way out of the loop. */
  for (gsize i = 0; i < n; i++) {
    const char *name;
    g_autoptr (GVariant) value = NULL;
    gint k;

    g_variant_get_child (dict, i, "{&sv}", &name, &value);
    k = find_key (name);

    if (k < 0) {
      if (nameable (name))
        g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS, "Unknown profile key '%s'", name);
      else
        g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS, "Unknown profile key");
      return NULL;
    }
    if (!g_variant_is_of_type (value, G_VARIANT_TYPE (keys[k].type))) {
      g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS, "Profile key '%s' must be of type '%s'",
                   name, keys[k].type);
      return NULL;
    }
    if (for_delete && keys[k].kind != KEY_PROFILE_ID)
      continue;
    switch (keys[k].kind) {
    case KEY_PROFILE_ID:
      profile->id = g_variant_get_int32 (value);
      if (profile->id < 1 && profile->id != -1) {
        g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS, "Invalid profile-id %d", profile->id);
        return NULL;
      }
      break;
    case KEY_APN:
      g_free (profile->apn);
      profile->apn = g_variant_dup_string (value, NULL);
      if (!md_request_check_apn (profile->apn, error))
        return NULL;
      has_apn = TRUE;
      break;
    case KEY_IP_TYPE:
      profile->ip_type = g_variant_get_uint32 (value);
      if (!md_request_check_ip_type (profile->ip_type, error))
        return NULL;
      if (profile->ip_type == MD_BEARER_IP_FAMILY_ANY)
        profile->ip_type = MD_BEARER_IP_FAMILY_NONE;
      break;
    case KEY_NOT_STORED:
      g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED,
                   "Profile key '%s' cannot be stored in this modem's profiles", name);
      return NULL;
    }
  }
  if (for_delete && profile->id < 1) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS, "Deleting a profile needs its profile-id");
    return NULL;
  }
  if (!for_delete && !has_apn) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS, "A profile needs an 'apn'");
    return NULL;
  }
  return g_steal_pointer (&profile);
}

MdProfile *
md_request_profile_to_set (GVariant *dict, GError **error)
{
  return parse (dict, FALSE, error);
}

gboolean
md_request_profile_to_delete (GVariant *dict, gint *out_id, GError **error)
{
  g_autoptr (MdProfile) profile = parse (dict, TRUE, error);

  if (!profile)
    return FALSE;
  *out_id = profile->id;
  return TRUE;
}

GVariant *
md_profile_to_variant (const MdProfile *profile)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sv}"));
  md_vardict_add (&builder, "profile-id", g_variant_new_int32 (profile->id));
  md_vardict_add (&builder, "apn", g_variant_new_string (profile->apn ? profile->apn : ""));
  if (profile->ip_type != MD_BEARER_IP_FAMILY_NONE)
    md_vardict_add (&builder, "ip-type", g_variant_new_uint32 (profile->ip_type));
  return g_variant_builder_end (&builder);
}
