/* SPDX-License-Identifier: GPL-2.0-or-later */
/* MBIM status codes reach D-Bus clients as the API's own errors. */
#include <string.h>

#include "md-errors.h"
#include "md-mbim-modem.h"

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

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/mbim/errors/known", test_known_statuses);
  g_test_add_func ("/mbim/errors/unknown", test_unknown_status_is_a_plain_failure);
  return g_test_run ();
}
