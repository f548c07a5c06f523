/* SPDX-License-Identifier: GPL-2.0-or-later */
/* WDS Get Current Settings → the bearer's IPv4 or IPv6 configuration:
 * addresses as WDS encodes them turned into text, a call that gives no
 * address left to DHCP / autoconfiguration on the interface. Pure
 * conversion: no requests, no bearer. */
#include "md-qmi-ops.h"

char *
md_qmi_ipv4_to_string (guint32 address)
{
  return g_strdup_printf ("%u.%u.%u.%u", address >> 24, (address >> 16) & 0xFF, (address >> 8) & 0xFF,
                          address & 0xFF);
}

guint
md_qmi_ipv4_prefix (guint32 mask)
{
  guint prefix = 0;

  /* Leading ones only; a mask with holes counts up to its first zero. */
  while (prefix < 32 && (mask & (0x80000000u >> prefix)))
    prefix++;
  return prefix;
}

char *
md_qmi_ipv6_to_string (const GArray *groups)
{
  guint8 bytes[16];
  g_autoptr (GInetAddress) address = NULL;

  /* libqmi gives eight 16-bit groups in host order. */
  if (!groups || groups->len != 8 || g_array_get_element_size ((GArray *)groups) != sizeof (guint16))
    return NULL;
  for (guint i = 0; i < 8; i++) {
    guint16 group = g_array_index (groups, guint16, i);

    bytes[2 * i] = (guint8)(group >> 8);
    bytes[2 * i + 1] = (guint8)(group & 0xFF);
  }
  address = g_inet_address_new_from_bytes (bytes, G_SOCKET_FAMILY_IPV6);
  return g_inet_address_to_string (address);
}

static void
add_ipv4_dns (GPtrArray *dns, gboolean present, guint32 address)
{
  if (present && address)
    g_ptr_array_add (dns, md_qmi_ipv4_to_string (address));
}

static void
add_ipv6_dns (GPtrArray *dns, gboolean present, GArray *groups)
{
  char *text = present ? md_qmi_ipv6_to_string (groups) : NULL;

  if (text)
    g_ptr_array_add (dns, text);
}

static MdIpConfig *
ipv4_config (QmiMessageWdsGetCurrentSettingsOutput *output)
{
  guint32 address = 0, gateway = 0, mask = 0, dns1 = 0, dns2 = 0;
  gboolean present;
  MdIpConfig *ip4;
  GPtrArray *dns;

  if (!qmi_message_wds_get_current_settings_output_get_ipv4_address (output, &address, NULL) || address == 0)
    return md_ip_config_new (MD_BEARER_IP_METHOD_DHCP);
  ip4 = md_ip_config_new (MD_BEARER_IP_METHOD_STATIC);
  ip4->address = md_qmi_ipv4_to_string (address);
  if (qmi_message_wds_get_current_settings_output_get_ipv4_gateway_subnet_mask (output, &mask, NULL))
    ip4->prefix = md_qmi_ipv4_prefix (mask);
  if (qmi_message_wds_get_current_settings_output_get_ipv4_gateway_address (output, &gateway, NULL)
      && gateway)
    ip4->gateway = md_qmi_ipv4_to_string (gateway);
  dns = g_ptr_array_new ();
  /* Each getter runs before its value is read: argument order is unspecified. */
  present = qmi_message_wds_get_current_settings_output_get_primary_ipv4_dns_address (output, &dns1, NULL);
  add_ipv4_dns (dns, present, dns1);
  present = qmi_message_wds_get_current_settings_output_get_secondary_ipv4_dns_address (output, &dns2, NULL);
  add_ipv4_dns (dns, present, dns2);
  g_ptr_array_add (dns, NULL);
  ip4->dns = (GStrv)g_ptr_array_free (dns, FALSE);
  return ip4;
}

static MdIpConfig *
ipv6_config (QmiMessageWdsGetCurrentSettingsOutput *output)
{
  GArray *address = NULL, *gateway = NULL, *dns1 = NULL, *dns2 = NULL;
  guint8 prefix = 0, gateway_prefix = 0;
  gboolean present;
  char *text;
  MdIpConfig *ip6;
  GPtrArray *dns;

  if (!qmi_message_wds_get_current_settings_output_get_ipv6_address (output, &address, &prefix, NULL)
      || !(text = md_qmi_ipv6_to_string (address)))
    return md_ip_config_new (MD_BEARER_IP_METHOD_DHCP);
  ip6 = md_ip_config_new (MD_BEARER_IP_METHOD_STATIC);
  ip6->address = text;
  ip6->prefix = MIN (prefix, 128);
  if (qmi_message_wds_get_current_settings_output_get_ipv6_gateway_address (output, &gateway, &gateway_prefix,
                                                                            NULL))
    ip6->gateway = md_qmi_ipv6_to_string (gateway);
  dns = g_ptr_array_new ();
  present = qmi_message_wds_get_current_settings_output_get_ipv6_primary_dns_address (output, &dns1, NULL);
  add_ipv6_dns (dns, present, dns1);
  present = qmi_message_wds_get_current_settings_output_get_ipv6_secondary_dns_address (output, &dns2, NULL);
  add_ipv6_dns (dns, present, dns2);
  g_ptr_array_add (dns, NULL);
  ip6->dns = (GStrv)g_ptr_array_free (dns, FALSE);
  return ip6;
}

MdIpConfig *
md_qmi_ip_config_from_settings (QmiMessageWdsGetCurrentSettingsOutput *output, gboolean ipv6)
{
  MdIpConfig *config = ipv6 ? ipv6_config (output) : ipv4_config (output);
  guint32 mtu = 0;

  /* One MTU TLV serves both families. */
  if (config->method == MD_BEARER_IP_METHOD_STATIC
      && qmi_message_wds_get_current_settings_output_get_mtu (output, &mtu, NULL))
    config->mtu = mtu;
  return config;
}
