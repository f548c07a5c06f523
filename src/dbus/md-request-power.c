/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The power states Modem.SetPowerState accepts, as ModemManager's API
 * documents them (off, low and on), and the mode bits of
 * Modem.SetCurrentModes. */
#include "md-request-power.h"

#include "md-errors.h"

static const MdModemPowerState accepted[] = {
  MD_MODEM_POWER_STATE_OFF,
  MD_MODEM_POWER_STATE_LOW,
  MD_MODEM_POWER_STATE_ON,
};

gboolean
md_request_power_state (guint32 value, MdModemPowerState *out_state, GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++) {
    if (value == (guint32)accepted[i]) {
      *out_state = accepted[i];
      return TRUE;
    }
  }
  g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS,
               "Unknown power state %u (expected 1 off, 2 low or 3 on)", value);
  return FALSE;
}

#define KNOWN_MODES                                                                                          \
  (MD_MODEM_MODE_CS | MD_MODEM_MODE_2G | MD_MODEM_MODE_3G | MD_MODEM_MODE_4G | MD_MODEM_MODE_5G)

gboolean
md_request_modes (guint32 allowed, guint32 preferred, GError **error)
{
  guint32 known = allowed == MD_MODEM_MODE_ANY ? KNOWN_MODES : allowed;

  if (allowed == MD_MODEM_MODE_NONE || (known & ~(guint32)KNOWN_MODES)) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS, "Invalid allowed modes 0x%x", allowed);
    return FALSE;
  }
  if (preferred != MD_MODEM_MODE_NONE && ((preferred & (preferred - 1)) || !(preferred & known))) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS,
                 "Preferred mode 0x%x is not one of the allowed modes", preferred);
    return FALSE;
  }
  return TRUE;
}

gboolean
md_request_bands (const guint32 *bands, gsize n_bands, GError **error)
{
  if (n_bands == 0 || n_bands > MD_REQUEST_MAX_BANDS) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS, "Expected 1 to %u bands, not %zu",
                 MD_REQUEST_MAX_BANDS, n_bands);
    return FALSE;
  }
  for (gsize i = 0; i < n_bands; i++) {
    if (bands[i] == MD_MODEM_BAND_UNKNOWN || (bands[i] == MD_MODEM_BAND_ANY && n_bands > 1)) {
      g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS, "Band %u cannot be asked for here",
                   bands[i]);
      return FALSE;
    }
    for (gsize j = 0; j < i; j++) {
      if (bands[j] == bands[i]) {
        g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS, "Band %u is given twice", bands[i]);
        return FALSE;
      }
    }
  }
  return TRUE;
}
