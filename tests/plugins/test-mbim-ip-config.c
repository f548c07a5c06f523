/* SPDX-License-Identifier: GPL-2.0-or-later */
/* md_mbim_parse_ip_configuration: the device's IP Configuration answer as
 * static Ip4Config / Ip6Config. */
#include <gio/gio.h>

#include "mbim-test-message.h"
#include "md-errors.h"
#include "md-mbim-ip-config.h"

static MbimIPv4
ipv4 (const char *text)
{
  g_autoptr (GInetAddress) address = g_inet_address_new_from_string (text);
  MbimIPv4 out;

  memcpy (out.addr, g_inet_address_to_bytes (address), 4);
  return out;
}

static MbimIPv6
ipv6 (const char *text)
{
  g_autoptr (GInetAddress) address = g_inet_address_new_from_string (text);
  MbimIPv6 out;

  memcpy (out.addr, g_inet_address_to_bytes (address), 16);
  return out;
}

static MbimMessage *
answer (gboolean with_v4, gboolean with_v6, guint32 flags)
{
  MbimIPv4Element element4 = { 24, ipv4 ("10.20.30.40") };
  MbimIPv6Element element6 = { 64, ipv6 ("2001:db8:1::2") };
  const MbimIPv4Element *addresses4[] = { &element4 };
  const MbimIPv6Element *addresses6[] = { &element6 };
  MbimIPv4 gateway4 = ipv4 ("10.20.30.1");
  MbimIPv6 gateway6 = ipv6 ("2001:db8:1::1");
  MbimIPv4 dns4[] = { ipv4 ("10.0.0.53"), ipv4 ("10.0.1.53") };
  MbimIPv6 dns6[] = { ipv6 ("2001:db8::53") };
  g_autoptr (MbimMessage) request = mbim_message_ip_configuration_query_new (
    0, with_v4 ? flags : 0, with_v6 ? flags : 0, with_v4 ? 1 : 0, addresses4, with_v6 ? 1 : 0, addresses6,
    &gateway4, &gateway6, with_v4 ? 2 : 0, dns4, with_v6 ? 1 : 0, dns6, 1500, 1280, NULL);

  g_assert_nonnull (request);
  return mbim_test_command_done_from (request, MBIM_STATUS_ERROR_NONE);
}

#define ALL_FLAGS                                                                                            \
  (MBIM_IP_CONFIGURATION_AVAILABLE_FLAG_ADDRESS | MBIM_IP_CONFIGURATION_AVAILABLE_FLAG_GATEWAY               \
   | MBIM_IP_CONFIGURATION_AVAILABLE_FLAG_DNS | MBIM_IP_CONFIGURATION_AVAILABLE_FLAG_MTU)

static void
test_both_families (void)
{
  g_autoptr (MbimMessage) response = answer (TRUE, TRUE, ALL_FLAGS);
  g_autoptr (MdIpConfig) ip4 = NULL;
  g_autoptr (MdIpConfig) ip6 = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (md_mbim_parse_ip_configuration (response, &ip4, &ip6, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ip4->method, ==, MD_BEARER_IP_METHOD_STATIC);
  g_assert_cmpstr (ip4->address, ==, "10.20.30.40");
  g_assert_cmpuint (ip4->prefix, ==, 24);
  g_assert_cmpstr (ip4->gateway, ==, "10.20.30.1");
  g_assert_cmpuint (g_strv_length (ip4->dns), ==, 2);
  g_assert_cmpstr (ip4->dns[0], ==, "10.0.0.53");
  g_assert_cmpstr (ip4->dns[1], ==, "10.0.1.53");
  g_assert_cmpuint (ip4->mtu, ==, 1500);
  g_assert_cmpint (ip6->method, ==, MD_BEARER_IP_METHOD_STATIC);
  g_assert_cmpstr (ip6->address, ==, "2001:db8:1::2");
  g_assert_cmpuint (ip6->prefix, ==, 64);
  g_assert_cmpstr (ip6->gateway, ==, "2001:db8:1::1");
  g_assert_cmpstr (ip6->dns[0], ==, "2001:db8::53");
  g_assert_cmpuint (ip6->mtu, ==, 1280);
}

static void
test_ipv4_only (void)
{
  g_autoptr (MbimMessage) response = answer (TRUE, FALSE, ALL_FLAGS);
  g_autoptr (MdIpConfig) ip4 = NULL;
  g_autoptr (MdIpConfig) ip6 = NULL;

  g_assert_true (md_mbim_parse_ip_configuration (response, &ip4, &ip6, NULL));
  g_assert_nonnull (ip4);
  g_assert_null (ip6);
}

static void
test_flags_limit_what_is_used (void)
{
  g_autoptr (MbimMessage) response = answer (TRUE, FALSE, MBIM_IP_CONFIGURATION_AVAILABLE_FLAG_ADDRESS);
  g_autoptr (MdIpConfig) ip4 = NULL;
  g_autoptr (MdIpConfig) ip6 = NULL;

  g_assert_true (md_mbim_parse_ip_configuration (response, &ip4, &ip6, NULL));
  g_assert_cmpstr (ip4->address, ==, "10.20.30.40");
  g_assert_null (ip4->gateway);
  g_assert_null (ip4->dns);
  g_assert_cmpuint (ip4->mtu, ==, 0);
}

static void
test_no_address_fails (void)
{
  g_autoptr (MbimMessage) response = answer (FALSE, FALSE, 0);
  g_autoptr (MdIpConfig) ip4 = NULL;
  g_autoptr (MdIpConfig) ip6 = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_false (md_mbim_parse_ip_configuration (response, &ip4, &ip6, &error));
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED);
}

static void
test_truncated_answer_fails (void)
{
  g_autoptr (MbimMessage) full = answer (TRUE, TRUE, ALL_FLAGS);
  guint32 length = 0;
  const guint8 *raw = mbim_message_get_raw (full, &length, NULL);
  g_autoptr (GByteArray) cut = g_byte_array_new ();
  g_autoptr (MbimMessage) truncated = NULL;
  g_autoptr (MdIpConfig) ip4 = NULL;
  g_autoptr (MdIpConfig) ip6 = NULL;
  g_autoptr (GError) error = NULL;
  guint32 short_length = 48 + 20;

  /* Keep the header honest about the shorter buffer. */
  g_byte_array_append (cut, raw, short_length);
  ((guint32 *)cut->data)[1] = GUINT32_TO_LE (short_length);
  ((guint32 *)cut->data)[11] = GUINT32_TO_LE (20);
  truncated = mbim_message_new (cut->data, cut->len);
  g_assert_false (md_mbim_parse_ip_configuration (truncated, &ip4, &ip6, &error));
  g_assert_nonnull (error);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/mbim/ip-config/both-families", test_both_families);
  g_test_add_func ("/mbim/ip-config/ipv4-only", test_ipv4_only);
  g_test_add_func ("/mbim/ip-config/flags-limit", test_flags_limit_what_is_used);
  g_test_add_func ("/mbim/ip-config/no-address", test_no_address_fails);
  g_test_add_func ("/mbim/ip-config/truncated", test_truncated_answer_fails);
  return g_test_run ();
}
