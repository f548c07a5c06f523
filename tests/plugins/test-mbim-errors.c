/* SPDX-License-Identifier: GPL-2.0-or-later */
/* MBIM status codes reach D-Bus clients as the API's own errors. */
#include <string.h>

#include "mbim-test-message.h"
#include "md-errors.h"
#include "md-log.h"
#include "md-mbim-modem-private.h"
#include "md-mbim-ops.h"

static void
test_known_statuses (void)
{
  static const struct {
    MbimStatusError status;
    GQuark (*domain) (void);
    gint code;
  } cases[] = {
    { MBIM_STATUS_ERROR_SIM_NOT_INSERTED, md_mobile_equipment_error_quark,
      MD_MOBILE_EQUIPMENT_ERROR_SIM_NOT_INSERTED },
    { MBIM_STATUS_ERROR_PIN_REQUIRED, md_mobile_equipment_error_quark, MD_MOBILE_EQUIPMENT_ERROR_SIM_PIN },
    { MBIM_STATUS_ERROR_MAX_ACTIVATED_CONTEXTS, md_core_error_quark, MD_CORE_ERROR_TOO_MANY },
    { MBIM_STATUS_ERROR_INVALID_PARAMETERS, md_core_error_quark, MD_CORE_ERROR_INVALID_ARGS },
    { MBIM_STATUS_ERROR_NO_DEVICE_SUPPORT, md_core_error_quark, MD_CORE_ERROR_UNSUPPORTED },
    { MBIM_STATUS_ERROR_INVALID_ACCESS_STRING, md_mobile_equipment_error_quark,
      MD_MOBILE_EQUIPMENT_ERROR_MISSING_OR_UNKNOWN_APN },
    { MBIM_STATUS_ERROR_BUSY, md_core_error_quark, MD_CORE_ERROR_RETRY },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = md_mbim_status_error (cases[i].status, "Connect");

    g_assert_error (error, cases[i].domain (), cases[i].code);
    g_assert_true (g_str_has_prefix (error->message, "Connect failed: "));
  }
}

static void
test_unknown_status_is_a_plain_failure (void)
{
  g_autoptr (GError) error = md_mbim_status_error ((MbimStatusError)0x1234, NULL);

  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "4660"));
}

static void
test_cid_names (void)
{
  g_assert_cmpstr (md_mbim_cid_name (MBIM_SERVICE_BASIC_CONNECT, MBIM_CID_BASIC_CONNECT_REGISTER_STATE), ==,
                   "register-state");
  /* Device values libmbim does not name, or refuses with a critical
   * (found by fuzz-mbim: an indication with CID 0). */
  g_assert_cmpstr (md_mbim_cid_name (MBIM_SERVICE_BASIC_CONNECT, 0), ==, "unknown");
  g_assert_cmpstr (md_mbim_cid_name (MBIM_SERVICE_BASIC_CONNECT, 4000), ==, "unknown");
  g_assert_cmpstr (md_mbim_cid_name ((MbimService)4000, 1), ==, "unknown");
}

static void
test_indication_with_cid_zero (void)
{
  g_autoptr (MdModem) modem = md_mbim_modem_new_with_replies (1, &md_mbim_modem_ops, "wwan0", NULL, NULL);
  g_autoptr (GByteArray) out = g_byte_array_new ();
  g_autoptr (MbimMessage) indication = NULL;
  MdLogLevel level = md_log_get_level ();

  mbim_test_put32 (out, MBIM_MESSAGE_TYPE_INDICATE_STATUS);
  mbim_test_put32 (out, 44);
  mbim_test_put32 (out, 0);
  mbim_test_put32 (out, 1);
  mbim_test_put32 (out, 0);
  g_byte_array_append (out, (const guint8 *)MBIM_UUID_BASIC_CONNECT, sizeof (MbimUuid));
  mbim_test_put32 (out, 0); /* cid */
  mbim_test_put32 (out, 0); /* no buffer */
  indication = mbim_message_new (out->data, out->len);
  /* The router logs ignored indications at debug level, by name. */
  md_log_set_level (MD_LOG_LEVEL_DEBUG);
  md_mbim_dispatch_indication (modem, indication);
  md_log_set_level (level);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/mbim/errors/known", test_known_statuses);
  g_test_add_func ("/mbim/errors/unknown", test_unknown_status_is_a_plain_failure);
  g_test_add_func ("/mbim/errors/cid-names", test_cid_names);
  g_test_add_func ("/mbim/errors/indication-cid-zero", test_indication_with_cid_zero);
  return g_test_run ();
}
