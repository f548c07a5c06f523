/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* MmcBearerIpConfig from the a{sv} of Bearer.Ip4Config / Ip6Config. Keys
 * this version does not know, and values of another type, are skipped: the
 * property is the daemon's to extend, and a reader must keep working. */
#include "mmc-private.h"

struct _MmcBearerIpConfig {
  MmcBearerIpMethod method;
  char *address;
  guint prefix;
  char *gateway;
  GStrv dns;
  guint mtu;
};

G_DEFINE_BOXED_TYPE (MmcBearerIpConfig, mmc_bearer_ip_config, mmc_bearer_ip_config_copy,
                     mmc_bearer_ip_config_free)

static const char *
lookup_string (GVariant *dictionary, const char *key)
{
  const char *value = NULL;

  return g_variant_lookup (dictionary, key, "&s", &value) ? value : NULL;
}

static guint
lookup_uint (GVariant *dictionary, const char *key)
{
  guint32 value = 0;

  return g_variant_lookup (dictionary, key, "u", &value) ? value : 0;
}

/* Returns NULL when the dictionary carries no configuration: no "method",
 * or method unknown (0), which is what a bearer publishes for a family it
 * does not use, as ModemManager does. */
MmcBearerIpConfig *
mmc_bearer_ip_config_new_from_variant (GVariant *dictionary)
{
  static const char *const dns_keys[] = { "dns1", "dns2", "dns3" };
  MmcBearerIpConfig *self;
  GPtrArray *dns;
  guint32 method;

  if (!dictionary || !g_variant_is_of_type (dictionary, G_VARIANT_TYPE_VARDICT)
      || !g_variant_lookup (dictionary, "method", "u", &method) || method == 0)
    return NULL;
  self = g_new0 (MmcBearerIpConfig, 1);
  self->method = method;
  self->address = g_strdup (lookup_string (dictionary, "address"));
  self->prefix = lookup_uint (dictionary, "prefix");
  self->gateway = g_strdup (lookup_string (dictionary, "gateway"));
  self->mtu = lookup_uint (dictionary, "mtu");
  dns = g_ptr_array_new ();
  for (guint i = 0; i < G_N_ELEMENTS (dns_keys); i++) {
    const char *server = lookup_string (dictionary, dns_keys[i]);

    if (server && *server)
      g_ptr_array_add (dns, g_strdup (server));
  }
  g_ptr_array_add (dns, NULL);
  self->dns = (GStrv)g_ptr_array_free (dns, FALSE);
  return self;
}

/**
 * mmc_bearer_ip_config_copy:
 * @self: a configuration
 *
 * Returns: (transfer full): a copy of @self
 */
MmcBearerIpConfig *
mmc_bearer_ip_config_copy (const MmcBearerIpConfig *self)
{
  MmcBearerIpConfig *copy = g_new0 (MmcBearerIpConfig, 1);

  *copy = *self;
  copy->address = g_strdup (self->address);
  copy->gateway = g_strdup (self->gateway);
  copy->dns = g_strdupv (self->dns);
  return copy;
}

/**
 * mmc_bearer_ip_config_free:
 * @self: (nullable): a configuration
 */
void
mmc_bearer_ip_config_free (MmcBearerIpConfig *self)
{
  if (!self)
    return;
  g_free (self->address);
  g_free (self->gateway);
  g_strfreev (self->dns);
  g_free (self);
}

/**
 * mmc_bearer_ip_config_get_method:
 * @self: a configuration
 *
 * Returns: how the host configures the interface: static, DHCP or PPP
 */
MmcBearerIpMethod
mmc_bearer_ip_config_get_method (const MmcBearerIpConfig *self)
{
  return self->method;
}

/**
 * mmc_bearer_ip_config_get_address:
 * @self: a configuration
 *
 * Returns: (nullable): the address, for the static method
 */
const char *
mmc_bearer_ip_config_get_address (const MmcBearerIpConfig *self)
{
  return self->address;
}

/**
 * mmc_bearer_ip_config_get_prefix:
 * @self: a configuration
 *
 * Returns: the CIDR prefix length, 0 when not given
 */
guint
mmc_bearer_ip_config_get_prefix (const MmcBearerIpConfig *self)
{
  return self->prefix;
}

/**
 * mmc_bearer_ip_config_get_gateway:
 * @self: a configuration
 *
 * Returns: (nullable): the default gateway
 */
const char *
mmc_bearer_ip_config_get_gateway (const MmcBearerIpConfig *self)
{
  return self->gateway;
}

/**
 * mmc_bearer_ip_config_get_dns:
 * @self: a configuration
 *
 * Returns: (transfer none) (array zero-terminated=1): the DNS servers, in
 *   order; empty when none was given
 */
const char *const *
mmc_bearer_ip_config_get_dns (const MmcBearerIpConfig *self)
{
  return (const char *const *)self->dns;
}

/**
 * mmc_bearer_ip_config_get_mtu:
 * @self: a configuration
 *
 * Returns: the MTU, 0 when not given
 */
guint
mmc_bearer_ip_config_get_mtu (const MmcBearerIpConfig *self)
{
  return self->mtu;
}
