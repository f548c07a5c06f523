/* SPDX-License-Identifier: GPL-2.0-or-later */
/* IP Configuration → MdIpConfig, one family at a time. */
#include "md-mbim-ip-config.h"

#include <gio/gio.h>

#include "md-errors.h"
#include "md-mbim-arrays.h"

static char *
address_string (const guint8 *bytes, GSocketFamily family)
{
  g_autoptr (GInetAddress) address = g_inet_address_new_from_bytes (bytes, family);

  return g_inet_address_to_string (address);
}

static GStrv
dns_strings (const guint8 *servers, guint32 count, gsize size, GSocketFamily family)
{
  GStrv dns = g_new0 (char *, count + 1);

  for (guint32 i = 0; i < count; i++)
    dns[i] = address_string (servers + i * size, family);
  return dns;
}

typedef struct {
  guint32 flags;
  guint32 count;
  const guint8 *address; /* first address */
  guint32 prefix;
  const guint8 *gateway;
  guint32 dns_count;
  const guint8 *dns; /* dns_count addresses back to back */
  guint32 mtu;
} FamilyConfig;

static MdIpConfig *
family_config (const FamilyConfig *in, GSocketFamily family, gsize size)
{
  MdIpConfig *config;

  if (!(in->flags & MBIM_IP_CONFIGURATION_AVAILABLE_FLAG_ADDRESS) || in->count == 0 || !in->address)
    return NULL;
  config = md_ip_config_new (MD_BEARER_IP_METHOD_STATIC);
  config->address = address_string (in->address, family);
  config->prefix = in->prefix;
  if ((in->flags & MBIM_IP_CONFIGURATION_AVAILABLE_FLAG_GATEWAY) && in->gateway)
    config->gateway = address_string (in->gateway, family);
  if ((in->flags & MBIM_IP_CONFIGURATION_AVAILABLE_FLAG_DNS) && in->dns_count && in->dns)
    config->dns = dns_strings (in->dns, in->dns_count, size, family);
  if (in->flags & MBIM_IP_CONFIGURATION_AVAILABLE_FLAG_MTU)
    config->mtu = in->mtu;
  return config;
}

gboolean
md_mbim_parse_ip_configuration (MbimMessage *response, MdIpConfig **out_ip4, MdIpConfig **out_ip6,
                                GError **error)
{
  MbimIPConfigurationAvailableFlag flags4 = 0, flags6 = 0;
  guint32 count4 = 0, count6 = 0, dns_count4 = 0, dns_count6 = 0, mtu4 = 0, mtu6 = 0;
  g_autoptr (MbimIPv4ElementArray) addresses4 = NULL;
  g_autoptr (MbimIPv6ElementArray) addresses6 = NULL;
  const MbimIPv4 *gateway4 = NULL;
  const MbimIPv6 *gateway6 = NULL;
  g_autofree MbimIPv4 *dns4 = NULL;
  g_autofree MbimIPv6 *dns6 = NULL;
  g_autoptr (GError) inner = NULL;
  FamilyConfig v4, v6;

  if (!md_mbim_check_ip_configuration (response, &inner)
      || !mbim_message_ip_configuration_response_parse (
        response, NULL, &flags4, &flags6, &count4, &addresses4, &count6, &addresses6, &gateway4, &gateway6,
        &dns_count4, &dns4, &dns_count6, &dns6, &mtu4, &mtu6, &inner)) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "Invalid IP configuration: %s", inner->message);
    return FALSE;
  }
  v4 = (FamilyConfig){ flags4,
                       count4,
                       count4 && addresses4 ? addresses4[0]->ipv4_address.addr : NULL,
                       count4 && addresses4 ? addresses4[0]->on_link_prefix_length : 0,
                       gateway4 ? gateway4->addr : NULL,
                       dns_count4,
                       dns4 ? dns4[0].addr : NULL,
                       mtu4 };
  v6 = (FamilyConfig){ flags6,
                       count6,
                       count6 && addresses6 ? addresses6[0]->ipv6_address.addr : NULL,
                       count6 && addresses6 ? addresses6[0]->on_link_prefix_length : 0,
                       gateway6 ? gateway6->addr : NULL,
                       dns_count6,
                       dns6 ? dns6[0].addr : NULL,
                       mtu6 };
  *out_ip4 = family_config (&v4, G_SOCKET_FAMILY_IPV4, sizeof (MbimIPv4));
  *out_ip6 = family_config (&v6, G_SOCKET_FAMILY_IPV6, sizeof (MbimIPv6));
  if (!*out_ip4 && !*out_ip6) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "The device configured no IP address");
    return FALSE;
  }
  return TRUE;
}
