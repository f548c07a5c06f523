/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* MmcConnectSettings to and from the a{sv} of Simple.Connect and
 * CreateBearer. Only keys that were set go into the dictionary, so the
 * daemon applies its own defaults to the rest; reading a dictionary
 * refuses unknown keys and wrong types instead of dropping them. */
#include "mmc-private.h"

struct _MmcConnectSettings {
  char *apn;
  char *user;
  char *password;
  MmcBearerIpFamily ip_type;           /* NONE: not set */
  MmcBearerAllowedAuth allowed_auth;   /* UNKNOWN: not set */
  MmcBearerMultiplexSupport multiplex; /* UNKNOWN: not set */
  gboolean allow_roaming;
  gboolean allow_roaming_set;
};

G_DEFINE_BOXED_TYPE (MmcConnectSettings, mmc_connect_settings, mmc_connect_settings_copy,
                     mmc_connect_settings_free)

/**
 * mmc_connect_settings_new:
 *
 * Creates empty settings: no key is sent until it is set.
 *
 * Returns: (transfer full): new settings
 */
MmcConnectSettings *
mmc_connect_settings_new (void)
{
  return g_new0 (MmcConnectSettings, 1);
}

/**
 * mmc_connect_settings_copy:
 * @self: settings
 *
 * Returns: (transfer full): a copy of @self
 */
MmcConnectSettings *
mmc_connect_settings_copy (const MmcConnectSettings *self)
{
  MmcConnectSettings *copy = g_new0 (MmcConnectSettings, 1);

  *copy = *self;
  copy->apn = g_strdup (self->apn);
  copy->user = g_strdup (self->user);
  copy->password = g_strdup (self->password);
  return copy;
}

/**
 * mmc_connect_settings_free:
 * @self: (nullable): settings
 */
void
mmc_connect_settings_free (MmcConnectSettings *self)
{
  if (!self)
    return;
  g_free (self->apn);
  g_free (self->user);
  g_free (self->password);
  g_free (self);
}

/**
 * mmc_connect_settings_to_variant:
 * @self: settings
 *
 * The settings as the `a{sv}` dictionary of `Simple.Connect`: keys `apn`,
 * `ip-type`, `user`, `password`, `allowed-auth`, `allow-roaming` and
 * `multiplex`, each only when set.
 *
 * Returns: (transfer full): a non-floating `a{sv}` variant
 */
GVariant *
mmc_connect_settings_to_variant (const MmcConnectSettings *self)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  if (self->apn)
    g_variant_builder_add (&builder, "{sv}", "apn", g_variant_new_string (self->apn));
  if (self->ip_type != MMC_BEARER_IP_FAMILY_NONE)
    g_variant_builder_add (&builder, "{sv}", "ip-type", g_variant_new_uint32 (self->ip_type));
  if (self->user)
    g_variant_builder_add (&builder, "{sv}", "user", g_variant_new_string (self->user));
  if (self->password)
    g_variant_builder_add (&builder, "{sv}", "password", g_variant_new_string (self->password));
  if (self->allowed_auth != MMC_BEARER_ALLOWED_AUTH_UNKNOWN)
    g_variant_builder_add (&builder, "{sv}", "allowed-auth", g_variant_new_uint32 (self->allowed_auth));
  if (self->allow_roaming_set)
    g_variant_builder_add (&builder, "{sv}", "allow-roaming", g_variant_new_boolean (self->allow_roaming));
  if (self->multiplex != MMC_BEARER_MULTIPLEX_SUPPORT_UNKNOWN)
    g_variant_builder_add (&builder, "{sv}", "multiplex", g_variant_new_uint32 (self->multiplex));
  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

/**
 * mmc_connect_settings_new_from_variant:
 * @dictionary: an `a{sv}` dictionary, as a bearer's `Properties`
 * @error: return location for a #MMC_CORE_ERROR_INVALID_ARGS error
 *
 * Reads the keys mmc_connect_settings_to_variant() writes. An unknown key
 * or a value of the wrong type is an error.
 *
 * Returns: (transfer full): the settings, or %NULL with @error set
 */
MmcConnectSettings *
mmc_connect_settings_new_from_variant (GVariant *dictionary, GError **error)
{
  g_autoptr (MmcConnectSettings) self = mmc_connect_settings_new ();
  GVariantIter iter;
  const char *key;
  GVariant *value;

  if (!g_variant_is_of_type (dictionary, G_VARIANT_TYPE_VARDICT)) {
    g_set_error (error, MMC_CORE_ERROR, MMC_CORE_ERROR_INVALID_ARGS, "Connect settings must be a{sv}, not %s",
                 g_variant_get_type_string (dictionary));
    return NULL;
  }
  g_variant_iter_init (&iter, dictionary);
  while (g_variant_iter_loop (&iter, "{&sv}", &key, &value)) {
    MmcVardictSlot slots[] = {
      { "apn", MMC_SLOT_STRING, &self->apn },
      { "user", MMC_SLOT_STRING, &self->user },
      { "password", MMC_SLOT_STRING, &self->password },
      { "ip-type", MMC_SLOT_UINT32, &self->ip_type },
      { "allowed-auth", MMC_SLOT_UINT32, &self->allowed_auth },
      { "multiplex", MMC_SLOT_UINT32, &self->multiplex },
      { "allow-roaming", MMC_SLOT_BOOLEAN, &self->allow_roaming, &self->allow_roaming_set },
    };

    if (!mmc_vardict_take (slots, G_N_ELEMENTS (slots), "connect settings", key, value, error)) {
      g_variant_unref (value); /* g_variant_iter_loop () frees it only when it runs to the end */
      return NULL;
    }
  }
  return g_steal_pointer (&self);
}

#define STRING_ACCESSORS(field)                                                                              \
  void mmc_connect_settings_set_##field (MmcConnectSettings *self, const char *field)                        \
  {                                                                                                          \
    g_free (self->field);                                                                                    \
    self->field = g_strdup (field);                                                                          \
  }                                                                                                          \
  const char *mmc_connect_settings_get_##field (const MmcConnectSettings *self)                              \
  {                                                                                                          \
    return self->field;                                                                                      \
  }

#define VALUE_ACCESSORS(type, field)                                                                         \
  void mmc_connect_settings_set_##field (MmcConnectSettings *self, type field)                               \
  {                                                                                                          \
    self->field = field;                                                                                     \
  }                                                                                                          \
  type mmc_connect_settings_get_##field (const MmcConnectSettings *self)                                     \
  {                                                                                                          \
    return self->field;                                                                                      \
  }

/**
 * mmc_connect_settings_set_apn:
 * @self: settings
 * @apn: (nullable): the access point name; %NULL unsets it
 */
/**
 * mmc_connect_settings_get_apn:
 * @self: settings
 *
 * Returns: (nullable): the access point name
 */
STRING_ACCESSORS (apn)
/**
 * mmc_connect_settings_set_user:
 * @self: settings
 * @user: (nullable): the user name; %NULL unsets it
 */
/**
 * mmc_connect_settings_get_user:
 * @self: settings
 *
 * Returns: (nullable): the user name
 */
STRING_ACCESSORS (user)
/**
 * mmc_connect_settings_set_password:
 * @self: settings
 * @password: (nullable): the password; %NULL unsets it
 */
/**
 * mmc_connect_settings_get_password:
 * @self: settings
 *
 * Returns: (nullable): the password
 */
STRING_ACCESSORS (password)
/**
 * mmc_connect_settings_set_ip_type:
 * @self: settings
 * @ip_type: one IP family; %MMC_BEARER_IP_FAMILY_NONE unsets it
 */
/**
 * mmc_connect_settings_get_ip_type:
 * @self: settings
 *
 * Returns: the IP family, %MMC_BEARER_IP_FAMILY_NONE when not set
 */
VALUE_ACCESSORS (MmcBearerIpFamily, ip_type)
/**
 * mmc_connect_settings_set_allowed_auth:
 * @self: settings
 * @allowed_auth: the allowed methods; %MMC_BEARER_ALLOWED_AUTH_UNKNOWN unsets them
 */
/**
 * mmc_connect_settings_get_allowed_auth:
 * @self: settings
 *
 * Returns: the allowed methods, %MMC_BEARER_ALLOWED_AUTH_UNKNOWN when not set
 */
VALUE_ACCESSORS (MmcBearerAllowedAuth, allowed_auth)
/**
 * mmc_connect_settings_set_multiplex:
 * @self: settings
 * @multiplex: the multiplex request; %MMC_BEARER_MULTIPLEX_SUPPORT_UNKNOWN unsets it
 */
/**
 * mmc_connect_settings_get_multiplex:
 * @self: settings
 *
 * Returns: the multiplex request, %MMC_BEARER_MULTIPLEX_SUPPORT_UNKNOWN when not set
 */
VALUE_ACCESSORS (MmcBearerMultiplexSupport, multiplex)

/**
 * mmc_connect_settings_set_allow_roaming:
 * @self: settings
 * @allow_roaming: whether the connection may be made while roaming
 */
void
mmc_connect_settings_set_allow_roaming (MmcConnectSettings *self, gboolean allow_roaming)
{
  self->allow_roaming = allow_roaming;
  self->allow_roaming_set = TRUE;
}

/**
 * mmc_connect_settings_get_allow_roaming:
 * @self: settings
 *
 * Returns: whether roaming is allowed (%TRUE when not set, the daemon's default)
 */
gboolean
mmc_connect_settings_get_allow_roaming (const MmcConnectSettings *self)
{
  return self->allow_roaming_set ? self->allow_roaming : TRUE;
}
