/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Bearer and Simple.Connect properties between D-Bus dictionaries (a{sv}
 * with ModemManager's keys) and core settings. Every key is checked for its
 * type and every value by the md-request-* validators; an unknown key is an
 * error, not silently dropped. */
#include "md-bearer-properties.h"

#include "md-errors.h"
#include "md-request-bearer.h"
#include "md-request-network.h"
#include "md-request-sim.h"
#include "md-vardict.h"

typedef enum {
  KEY_APN,
  KEY_IP_TYPE,
  KEY_USER,
  KEY_PASSWORD,
  KEY_ALLOWED_AUTH,
  KEY_ALLOW_ROAMING,
  KEY_NUMBER,
  KEY_PIN,
  KEY_OPERATOR_ID,
  KEY_MULTIPLEX,
  KEY_IGNORED,
} KeyId;

typedef struct {
  const char *name;
  const char *type;
  KeyId id;
  gboolean simple_only;
} KeyInfo;

/* Keys other clients send that do not change what this modem does yet are
 * accepted and ignored (KEY_IGNORED), as a ModemManager without the feature
 * would. */
static const KeyInfo keys[] = {
  { "apn", "s", KEY_APN, FALSE },
  { "ip-type", "u", KEY_IP_TYPE, FALSE },
  { "user", "s", KEY_USER, FALSE },
  { "password", "s", KEY_PASSWORD, FALSE },
  { "allowed-auth", "u", KEY_ALLOWED_AUTH, FALSE },
  { "allow-roaming", "b", KEY_ALLOW_ROAMING, FALSE },
  { "number", "s", KEY_NUMBER, FALSE },
  { "pin", "s", KEY_PIN, TRUE },
  { "operator-id", "s", KEY_OPERATOR_ID, TRUE },
  { "rm-protocol", "u", KEY_IGNORED, FALSE },
  { "apn-type", "u", KEY_IGNORED, FALSE },
  { "roaming-allowance", "u", KEY_IGNORED, FALSE },
  { "access-type-preference", "u", KEY_IGNORED, FALSE },
  { "profile-source", "u", KEY_IGNORED, FALSE },
  { "profile-id", "i", KEY_IGNORED, FALSE },
  { "profile-name", "s", KEY_IGNORED, FALSE },
  { "profile-enabled", "b", KEY_IGNORED, FALSE },
  { "multiplex", "u", KEY_MULTIPLEX, FALSE },
};

static const KeyInfo *
find_key (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++) {
    if (g_str_equal (keys[i].name, name))
      return &keys[i];
  }
  return NULL;
}

static void
store_key (MdSimpleConnectRequest *request, const KeyInfo *key, GVariant *value)
{
  MdBearerSettings *settings = request->bearer;

  switch (key->id) {
  case KEY_APN:
    g_free (settings->apn);
    settings->apn = g_variant_dup_string (value, NULL);
    return;
  case KEY_IP_TYPE: settings->ip_type = g_variant_get_uint32 (value); return;
  case KEY_USER:
    g_free (settings->user);
    settings->user = g_variant_dup_string (value, NULL);
    return;
  case KEY_PASSWORD:
    g_free (settings->password);
    settings->password = g_variant_dup_string (value, NULL);
    return;
  case KEY_ALLOWED_AUTH: settings->allowed_auth = g_variant_get_uint32 (value); return;
  case KEY_ALLOW_ROAMING:
    settings->allow_roaming = g_variant_get_boolean (value);
    settings->allow_roaming_set = TRUE;
    return;
  case KEY_NUMBER:
    g_free (settings->number);
    settings->number = g_variant_dup_string (value, NULL);
    return;
  case KEY_PIN:
    g_free (request->pin);
    request->pin = g_variant_dup_string (value, NULL);
    return;
  case KEY_OPERATOR_ID:
    g_free (request->operator_id);
    request->operator_id = g_variant_dup_string (value, NULL);
    return;
  case KEY_MULTIPLEX: settings->multiplex = g_variant_get_uint32 (value); return;
  case KEY_IGNORED: return;
  }
}

static MdSimpleConnectRequest *
parse (GVariant *dict, gboolean simple, GError **error)
{
  g_autoptr (MdSimpleConnectRequest) request = g_new0 (MdSimpleConnectRequest, 1);
  GVariantIter iter;
  const char *name;
  GVariant *next;

  request->bearer = md_bearer_settings_new ();
  g_variant_iter_init (&iter, dict);
  while (g_variant_iter_next (&iter, "{&sv}", &name, &next)) {
    g_autoptr (GVariant) value = next;
    const KeyInfo *key = find_key (name);

    if (!key || (key->simple_only && !simple)) {
      /* The name is the caller's: shown escaped, never raw. */
      g_autofree char *shown = g_strescape (name, NULL);

      g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS, "Unknown property '%s'", shown);
      return NULL;
    }
    if (!g_variant_is_of_type (value, G_VARIANT_TYPE (key->type))) {
      g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS,
                   "Property '%s' must be of type '%s', not '%s'", name, key->type,
                   g_variant_get_type_string (value));
      return NULL;
    }
    store_key (request, key, value);
  }
  if (!md_request_check_bearer_settings (request->bearer, error))
    return NULL;
  if (request->pin && !md_request_check_pin (request->pin, error))
    return NULL;
  if (request->operator_id && !md_request_check_operator_id (request->operator_id, error))
    return NULL;
  return g_steal_pointer (&request);
}

MdBearerSettings *
md_bearer_settings_from_variant (GVariant *dict, GError **error)
{
  MdSimpleConnectRequest *request = parse (dict, FALSE, error);
  MdBearerSettings *settings;

  if (!request)
    return NULL;
  settings = g_steal_pointer (&request->bearer);
  md_simple_connect_request_free (request);
  return settings;
}

MdSimpleConnectRequest *
md_simple_connect_request_from_variant (GVariant *dict, GError **error)
{
  return parse (dict, TRUE, error);
}

GVariant *
md_bearer_settings_to_variant (const MdBearerSettings *settings)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sv}"));
  if (settings->apn)
    md_vardict_add (&builder, "apn", g_variant_new_string (settings->apn));
  if (settings->ip_type != MD_BEARER_IP_FAMILY_NONE)
    md_vardict_add (&builder, "ip-type", g_variant_new_uint32 (settings->ip_type));
  if (settings->allowed_auth != MD_BEARER_ALLOWED_AUTH_UNKNOWN)
    md_vardict_add (&builder, "allowed-auth", g_variant_new_uint32 (settings->allowed_auth));
  if (settings->user)
    md_vardict_add (&builder, "user", g_variant_new_string (settings->user));
  /* The password is never published. As in ModemManager 1.20, roaming is
   * shown only when the client chose it, and profile-id always: -1, as
   * connecting by a stored profile is not supported (a given profile-id
   * is accepted and ignored). */
  if (settings->allow_roaming_set)
    md_vardict_add (&builder, "allow-roaming", g_variant_new_boolean (settings->allow_roaming));
  md_vardict_add (&builder, "profile-id", g_variant_new_int32 (-1));
  if (settings->multiplex != MD_BEARER_MULTIPLEX_SUPPORT_UNKNOWN)
    md_vardict_add (&builder, "multiplex", g_variant_new_uint32 (settings->multiplex));
  if (settings->number)
    md_vardict_add (&builder, "number", g_variant_new_string (settings->number));
  return g_variant_builder_end (&builder);
}

GVariant *
md_ip_config_to_variant (const MdIpConfig *config)
{
  GVariantBuilder builder;

  /* Clients (libmm-glib) refuse an IP configuration without a method, so
   * an unused family says "unknown" rather than publishing nothing. */
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sv}"));
  md_vardict_add (&builder, "method",
                  g_variant_new_uint32 (config ? config->method : MD_BEARER_IP_METHOD_UNKNOWN));
  if (!config)
    return g_variant_builder_end (&builder);
  if (config->address) {
    md_vardict_add (&builder, "address", g_variant_new_string (config->address));
    md_vardict_add (&builder, "prefix", g_variant_new_uint32 (config->prefix));
  }
  if (config->gateway)
    md_vardict_add (&builder, "gateway", g_variant_new_string (config->gateway));
  for (guint i = 0; config->dns && config->dns[i] && i < 3; i++) {
    g_autofree char *key = g_strdup_printf ("dns%u", i + 1);

    md_vardict_add (&builder, key, g_variant_new_string (config->dns[i]));
  }
  if (config->mtu)
    md_vardict_add (&builder, "mtu", g_variant_new_uint32 (config->mtu));
  return g_variant_builder_end (&builder);
}
