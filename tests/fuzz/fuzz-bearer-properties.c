/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Fuzz harness of the caller's bearer settings at the D-Bus boundary: the
 * bytes are a serialized a{sv}, as GDBus would hand over a CreateBearer or
 * Simple.Connect argument (normal form, as the wire format guarantees), fed
 * to md_bearer_settings_from_variant and
 * md_simple_connect_request_from_variant. Each must give a value or an
 * error, never both, never neither. */
#include <stdint.h>

#include "md-bearer-properties.h"
#include "md-errors.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
check_settings (const MdBearerSettings *settings)
{
  g_assert_true (!settings->apn || g_utf8_validate (settings->apn, -1, NULL));
  g_assert_true (!settings->user || g_utf8_validate (settings->user, -1, NULL));
  g_assert_true (!settings->password || g_utf8_validate (settings->password, -1, NULL));
  g_assert_true (!settings->number || g_utf8_validate (settings->number, -1, NULL));
}

static void
check_error (const GError *error)
{
  g_assert_nonnull (error);
  g_assert_true (error->domain == MD_CORE_ERROR || error->domain == MD_MOBILE_EQUIPMENT_ERROR);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GBytes) bytes = g_bytes_new (data, size);
  g_autoptr (GVariant) wire
    = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE ("a{sv}"), bytes, FALSE));
  g_autoptr (GVariant) dict = g_variant_get_normal_form (wire);
  g_autoptr (GError) bearer_error = NULL;
  g_autoptr (GError) simple_error = NULL;
  g_autoptr (MdBearerSettings) settings = md_bearer_settings_from_variant (dict, &bearer_error);
  g_autoptr (MdSimpleConnectRequest) request = md_simple_connect_request_from_variant (dict, &simple_error);

  if (settings) {
    g_assert_no_error (bearer_error);
    check_settings (settings);
  } else {
    check_error (bearer_error);
  }
  if (request) {
    g_assert_no_error (simple_error);
    g_assert_nonnull (request->bearer);
    check_settings (request->bearer);
    g_assert_true (!request->pin || g_utf8_validate (request->pin, -1, NULL));
    g_assert_true (!request->operator_id || g_utf8_validate (request->operator_id, -1, NULL));
  } else {
    check_error (simple_error);
  }
  return 0;
}
