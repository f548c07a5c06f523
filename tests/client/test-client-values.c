/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* libmm-client's value types without a bus: MmcConnectSettings and
 * MmcSmsSettings to a{sv} and back, and the dictionaries they refuse. */
#include <mm-client.h>

static void
assert_variant_equal (GVariant *a, GVariant *b)
{
  g_autofree char *text_a = g_variant_print (a, TRUE);
  g_autofree char *text_b = g_variant_print (b, TRUE);

  g_assert_cmpstr (text_a, ==, text_b);
  g_assert_true (g_variant_equal (a, b));
}

static void
test_connect_settings_empty (void)
{
  g_autoptr (MmcConnectSettings) settings = mmc_connect_settings_new ();
  g_autoptr (GVariant) dictionary = mmc_connect_settings_to_variant (settings);

  g_assert_true (g_variant_is_of_type (dictionary, G_VARIANT_TYPE_VARDICT));
  g_assert_false (g_variant_is_floating (dictionary));
  g_assert_cmpuint (g_variant_n_children (dictionary), ==, 0);
  g_assert_null (mmc_connect_settings_get_apn (settings));
  g_assert_true (mmc_connect_settings_get_allow_roaming (settings));
  g_assert_cmpuint (mmc_connect_settings_get_ip_type (settings), ==, MMC_BEARER_IP_FAMILY_NONE);
}

static void
test_connect_settings_round_trip (void)
{
  g_autoptr (MmcConnectSettings) settings = mmc_connect_settings_new ();
  g_autoptr (MmcConnectSettings) back = NULL;
  g_autoptr (MmcConnectSettings) copy = NULL;
  g_autoptr (GVariant) dictionary = NULL;
  g_autoptr (GVariant) again = NULL;
  g_autoptr (GVariant) expected = NULL;
  g_autoptr (GError) error = NULL;

  mmc_connect_settings_set_apn (settings, "internet");
  mmc_connect_settings_set_ip_type (settings, MMC_BEARER_IP_FAMILY_IPV4V6);
  mmc_connect_settings_set_user (settings, "user");
  mmc_connect_settings_set_password (settings, "secret");
  mmc_connect_settings_set_allowed_auth (settings,
                                         MMC_BEARER_ALLOWED_AUTH_PAP | MMC_BEARER_ALLOWED_AUTH_CHAP);
  mmc_connect_settings_set_allow_roaming (settings, FALSE);
  mmc_connect_settings_set_multiplex (settings, MMC_BEARER_MULTIPLEX_SUPPORT_REQUESTED);
  dictionary = mmc_connect_settings_to_variant (settings);
  expected = g_variant_ref_sink (g_variant_new_parsed (
    "{'apn': <'internet'>, 'ip-type': <uint32 4>, 'user': <'user'>, 'password': <'secret'>,"
    " 'allowed-auth': <uint32 6>, 'allow-roaming': <false>, 'multiplex': <uint32 2>}"));
  assert_variant_equal (dictionary, expected);

  back = mmc_connect_settings_new_from_variant (dictionary, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mmc_connect_settings_get_apn (back), ==, "internet");
  g_assert_cmpuint (mmc_connect_settings_get_ip_type (back), ==, MMC_BEARER_IP_FAMILY_IPV4V6);
  g_assert_cmpstr (mmc_connect_settings_get_user (back), ==, "user");
  g_assert_cmpstr (mmc_connect_settings_get_password (back), ==, "secret");
  g_assert_cmpuint (mmc_connect_settings_get_allowed_auth (back), ==,
                    MMC_BEARER_ALLOWED_AUTH_PAP | MMC_BEARER_ALLOWED_AUTH_CHAP);
  g_assert_false (mmc_connect_settings_get_allow_roaming (back));
  g_assert_cmpuint (mmc_connect_settings_get_multiplex (back), ==, MMC_BEARER_MULTIPLEX_SUPPORT_REQUESTED);
  again = mmc_connect_settings_to_variant (back);
  assert_variant_equal (again, dictionary);

  copy = mmc_connect_settings_copy (back);
  mmc_connect_settings_set_apn (back, NULL);
  g_assert_cmpstr (mmc_connect_settings_get_apn (copy), ==, "internet");
  g_assert_null (mmc_connect_settings_get_apn (back));
}

static void
test_connect_settings_refused (void)
{
  static const char *const refused[] = {
    "{'apn': <uint32 1>}",        "{'ip-type': <'ipv4'>}", "{'allow-roaming': <uint32 1>}",
    "{'operator-id': <'26201'>}", "{'APN': <'internet'>}", "{'apn': <'internet'>, 'user': <@ay []>}",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (refused); i++) {
    g_autoptr (GVariant) dictionary = g_variant_ref_sink (g_variant_new_parsed (refused[i]));
    g_autoptr (GError) error = NULL;
    g_autoptr (MmcConnectSettings) settings = mmc_connect_settings_new_from_variant (dictionary, &error);

    g_test_message ("%s", refused[i]);
    g_assert_null (settings);
    g_assert_error (error, MMC_CORE_ERROR, MMC_CORE_ERROR_INVALID_ARGS);
  }
  {
    g_autoptr (GVariant) not_a_dictionary = g_variant_ref_sink (g_variant_new_string ("apn=internet"));
    g_autoptr (GError) error = NULL;

    g_assert_null (mmc_connect_settings_new_from_variant (not_a_dictionary, &error));
    g_assert_error (error, MMC_CORE_ERROR, MMC_CORE_ERROR_INVALID_ARGS);
  }
}

static void
test_sms_settings_round_trip (void)
{
  static const guint8 payload[] = { 0x00, 0x01, 0xfe, 0xff };
  g_autoptr (MmcSmsSettings) settings = mmc_sms_settings_new ();
  g_autoptr (MmcSmsSettings) back = NULL;
  g_autoptr (GVariant) dictionary = NULL;
  g_autoptr (GVariant) again = NULL;
  g_autoptr (GVariant) expected = NULL;
  g_autoptr (GBytes) data = g_bytes_new_static (payload, sizeof payload);
  g_autoptr (GError) error = NULL;

  mmc_sms_settings_set_number (settings, "+491701234567");
  mmc_sms_settings_set_text (settings, "hello");
  mmc_sms_settings_set_validity_relative (settings, 1440);
  mmc_sms_settings_set_message_class (settings, 1);
  mmc_sms_settings_set_delivery_report_request (settings, TRUE);
  dictionary = mmc_sms_settings_to_variant (settings);
  expected = g_variant_ref_sink (g_variant_new_parsed (
    "{'number': <'+491701234567'>, 'text': <'hello'>, 'validity': <(uint32 1, <uint32 1440>)>,"
    " 'class': <1>, 'delivery-report-request': <true>}"));
  assert_variant_equal (dictionary, expected);
  back = mmc_sms_settings_new_from_variant (dictionary, &error);
  g_assert_no_error (error);
  again = mmc_sms_settings_to_variant (back);
  assert_variant_equal (again, dictionary);
  g_assert_cmpuint (mmc_sms_settings_get_validity_relative (back), ==, 1440);

  /* Data replaces the text, and travels as ay. */
  mmc_sms_settings_set_data (back, data);
  g_assert_null (mmc_sms_settings_get_text (back));
  g_clear_pointer (&again, g_variant_unref);
  again = mmc_sms_settings_to_variant (back);
  {
    g_autoptr (GVariant) value = g_variant_lookup_value (again, "data", G_VARIANT_TYPE_BYTESTRING);
    g_autoptr (MmcSmsSettings) with_data = mmc_sms_settings_new_from_variant (again, &error);

    g_assert_nonnull (value);
    g_assert_cmpmem (g_variant_get_data (value), g_variant_get_size (value), payload, sizeof payload);
    g_assert_no_error (error);
    g_assert_true (g_bytes_equal (mmc_sms_settings_get_data (with_data), data));
    g_assert_false (g_variant_lookup (again, "text", "&s", NULL));
  }
}

static void
test_sms_settings_refused (void)
{
  static const char *const refused[] = {
    "{'validity': <uint32 5>}",
    "{'validity': <(uint32 2, <uint32 5>)>}",
    "{'validity': <(uint32 1, <'5'>)>}",
    "{'class': <uint32 1>}",
    "{'smsc': <'+49'>}",
    "{'data': <'text'>}",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (refused); i++) {
    g_autoptr (GVariant) dictionary = g_variant_ref_sink (g_variant_new_parsed (refused[i]));
    g_autoptr (GError) error = NULL;
    g_autoptr (MmcSmsSettings) settings = mmc_sms_settings_new_from_variant (dictionary, &error);

    g_test_message ("%s", refused[i]);
    g_assert_null (settings);
    g_assert_error (error, MMC_CORE_ERROR, MMC_CORE_ERROR_INVALID_ARGS);
  }
}

static void
test_boxed_types (void)
{
  g_autoptr (MmcConnectSettings) settings = mmc_connect_settings_new ();
  MmcConnectSettings *copy;

  mmc_connect_settings_set_apn (settings, "internet");
  copy = g_boxed_copy (MMC_TYPE_CONNECT_SETTINGS, settings);
  g_assert_cmpstr (mmc_connect_settings_get_apn (copy), ==, "internet");
  g_boxed_free (MMC_TYPE_CONNECT_SETTINGS, copy);
  g_assert_true (G_TYPE_IS_BOXED (MMC_TYPE_SMS_SETTINGS));
  g_assert_true (G_TYPE_IS_BOXED (MMC_TYPE_BEARER_IP_CONFIG));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/client/values/connect-settings/empty", test_connect_settings_empty);
  g_test_add_func ("/client/values/connect-settings/round-trip", test_connect_settings_round_trip);
  g_test_add_func ("/client/values/connect-settings/refused", test_connect_settings_refused);
  g_test_add_func ("/client/values/sms-settings/round-trip", test_sms_settings_round_trip);
  g_test_add_func ("/client/values/sms-settings/refused", test_sms_settings_refused);
  g_test_add_func ("/client/values/boxed", test_boxed_types);
  return g_test_run ();
}
