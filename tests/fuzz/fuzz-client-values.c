/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Fuzz harness of libmm-client's readers of a{sv} dictionaries: the bytes
 * are a serialized a{sv} (normal form, as the wire guarantees), read as
 * MmcConnectSettings and as MmcSmsSettings. Each reader gives a value or
 * an error, never both; a value written back and read again is the same. */
#include <stdint.h>

#include <mm-client.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
check_round_trip (GVariant *first, GVariant *(*read_write) (GVariant *written))
{
  g_autoptr (GVariant) second = read_write (first);

  g_assert_true (g_variant_equal (first, second));
}

static GVariant *
connect_read_write (GVariant *dictionary)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MmcConnectSettings) settings = mmc_connect_settings_new_from_variant (dictionary, &error);

  g_assert_no_error (error);
  return mmc_connect_settings_to_variant (settings);
}

static GVariant *
sms_read_write (GVariant *dictionary)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MmcSmsSettings) settings = mmc_sms_settings_new_from_variant (dictionary, &error);

  g_assert_no_error (error);
  return mmc_sms_settings_to_variant (settings);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GBytes) bytes = g_bytes_new (data, size);
  g_autoptr (GVariant) wire
    = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE ("a{sv}"), bytes, FALSE));
  g_autoptr (GVariant) dictionary = g_variant_get_normal_form (wire);
  g_autoptr (GError) connect_error = NULL;
  g_autoptr (GError) sms_error = NULL;
  g_autoptr (MmcConnectSettings) connect = mmc_connect_settings_new_from_variant (dictionary, &connect_error);
  g_autoptr (MmcSmsSettings) sms = mmc_sms_settings_new_from_variant (dictionary, &sms_error);

  g_assert_true ((connect == NULL) != (connect_error == NULL));
  g_assert_true ((sms == NULL) != (sms_error == NULL));
  if (connect) {
    g_autoptr (GVariant) written = mmc_connect_settings_to_variant (connect);

    check_round_trip (written, connect_read_write);
  } else {
    g_assert_error (connect_error, MMC_CORE_ERROR, MMC_CORE_ERROR_INVALID_ARGS);
  }
  if (sms) {
    g_autoptr (GVariant) written = mmc_sms_settings_to_variant (sms);

    check_round_trip (written, sms_read_write);
  } else {
    g_assert_error (sms_error, MMC_CORE_ERROR, MMC_CORE_ERROR_INVALID_ARGS);
  }
  return 0;
}
