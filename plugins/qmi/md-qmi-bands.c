/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Bands of a QMI modem: DMS Get Band Capabilities says which the hardware
 * has (GSM/WCDMA bits, LTE bits or the extended LTE list, the NR list);
 * NAS Get / Set System Selection Preference reads and sets the GSM/WCDMA
 * and LTE preferences. NR bands are listed but not selectable here. The
 * mappings between QMI's band bits and the API's bands are pure
 * functions, tested and fuzzed. */
#include <string.h>

#include "md-errors.h"
#include "md-log.h"
#include "md-qmi-ops.h"

MD_QMI_REQUEST (dms_bands, QMI_SERVICE_DMS, QMI_CLIENT_DMS, dms_get_band_capabilities,
                "DMS Get Band Capabilities");
MD_QMI_REQUEST (nas_get_selection, QMI_SERVICE_NAS, QMI_CLIENT_NAS, nas_get_system_selection_preference,
                "NAS Get System Selection Preference");
MD_QMI_REQUEST_IN (nas_set_selection, QMI_SERVICE_NAS, QMI_CLIENT_NAS, nas_set_system_selection_preference,
                   "NAS Set System Selection Preference");

/* Set when the modem lists its LTE bands as the extended list: it then
 * takes the extended LTE preference too. */
#define EXTENDED_LTE_KEY "md-qmi-extended-lte"

/* The GSM and WCDMA bits of QmiDmsBandCapability and QmiNasBandPreference
 * (the same layout). Both 900 MHz GSM bits are the API's EGSM. */
static const struct {
  guint bit;
  guint32 band;
} legacy_bands[] = {
  { 7, MD_MODEM_BAND_DCS },       { 8, MD_MODEM_BAND_EGSM },     { 9, MD_MODEM_BAND_EGSM },
  { 16, MD_MODEM_BAND_G450 },     { 17, MD_MODEM_BAND_G480 },    { 18, MD_MODEM_BAND_G750 },
  { 19, MD_MODEM_BAND_G850 },     { 21, MD_MODEM_BAND_PCS },     { 22, MD_MODEM_BAND_UTRAN_1 },
  { 23, MD_MODEM_BAND_UTRAN_2 },  { 24, MD_MODEM_BAND_UTRAN_3 }, { 25, MD_MODEM_BAND_UTRAN_4 },
  { 26, MD_MODEM_BAND_UTRAN_5 },  { 27, MD_MODEM_BAND_UTRAN_6 }, { 48, MD_MODEM_BAND_UTRAN_7 },
  { 49, MD_MODEM_BAND_UTRAN_8 },  { 50, MD_MODEM_BAND_UTRAN_9 }, { 60, MD_MODEM_BAND_UTRAN_19 },
  { 61, MD_MODEM_BAND_UTRAN_11 },
};

#define LTE_FIRST 1
#define LTE_LAST  85
#define NR_FIRST  1
#define NR_LAST   261

static void
add_band (GArray *bands, guint32 band)
{
  for (guint i = 0; i < bands->len; i++) {
    if (g_array_index (bands, guint32, i) == band)
      return;
  }
  g_array_append_val (bands, band);
}

guint32
md_qmi_band_from_lte (guint number)
{
  return number >= LTE_FIRST && number <= LTE_LAST ? MD_MODEM_BAND_EUTRAN_1 + number - 1
                                                   : MD_MODEM_BAND_UNKNOWN;
}

guint32
md_qmi_band_from_nr (guint number)
{
  return number >= NR_FIRST && number <= NR_LAST ? MD_MODEM_BAND_NGRAN_1 + number - 1 : MD_MODEM_BAND_UNKNOWN;
}

void
md_qmi_bands_add_legacy (GArray *bands, guint64 mask)
{
  for (guint i = 0; i < G_N_ELEMENTS (legacy_bands); i++) {
    if (mask & ((guint64)1 << legacy_bands[i].bit))
      add_band (bands, legacy_bands[i].band);
  }
}

void
md_qmi_bands_add_lte_mask (GArray *bands, const guint64 *masks, guint n_masks)
{
  for (guint word = 0; word < n_masks; word++) {
    for (guint bit = 0; bit < 64; bit++) {
      guint32 band = md_qmi_band_from_lte (word * 64 + bit + 1);

      if ((masks[word] & ((guint64)1 << bit)) && band != MD_MODEM_BAND_UNKNOWN)
        add_band (bands, band);
    }
  }
}

guint64
md_qmi_bands_to_legacy (GArray *bands)
{
  guint64 mask = 0;

  for (guint i = 0; i < bands->len; i++) {
    for (guint j = 0; j < G_N_ELEMENTS (legacy_bands); j++) {
      if (legacy_bands[j].band == g_array_index (bands, guint32, i))
        mask |= (guint64)1 << legacy_bands[j].bit;
    }
  }
  return mask;
}

void
md_qmi_bands_to_lte_mask (GArray *bands, guint64 masks[4])
{
  memset (masks, 0, 4 * sizeof (guint64));
  for (guint i = 0; i < bands->len; i++) {
    guint32 band = g_array_index (bands, guint32, i);

    if (band >= MD_MODEM_BAND_EUTRAN_1 && band < MD_MODEM_BAND_EUTRAN_1 + LTE_LAST) {
      guint bit = band - MD_MODEM_BAND_EUTRAN_1;

      masks[bit / 64] |= (guint64)1 << (bit % 64);
    }
  }
}

/* --- supported ------------------------------------------------------------ */

static void
parse_capabilities (MdModem *modem, gpointer output, GTask *task)
{
  GArray *bands = g_array_new (FALSE, FALSE, sizeof (guint32));
  QmiDmsBandCapability legacy = 0;
  QmiDmsLteBandCapability lte = 0;
  GArray *extended = NULL, *nr = NULL;

  if (qmi_message_dms_get_band_capabilities_output_get_band_capability (output, &legacy, NULL))
    md_qmi_bands_add_legacy (bands, legacy);
  if (qmi_message_dms_get_band_capabilities_output_get_extended_lte_band_capability (output, &extended, NULL)
      && extended) {
    for (guint i = 0; i < extended->len; i++) {
      guint32 band = md_qmi_band_from_lte (g_array_index (extended, guint16, i));

      if (band != MD_MODEM_BAND_UNKNOWN)
        add_band (bands, band);
    }
    g_object_set_data (G_OBJECT (modem), EXTENDED_LTE_KEY, GUINT_TO_POINTER (TRUE));
  } else if (qmi_message_dms_get_band_capabilities_output_get_lte_band_capability (output, &lte, NULL)) {
    guint64 mask = lte;

    md_qmi_bands_add_lte_mask (bands, &mask, 1);
  }
  if (qmi_message_dms_get_band_capabilities_output_get_nr5g_band_capability (output, &nr, NULL) && nr) {
    for (guint i = 0; i < nr->len; i++) {
      guint32 band = md_qmi_band_from_nr (g_array_index (nr, guint16, i));

      if (band != MD_MODEM_BAND_UNKNOWN)
        add_band (bands, band);
    }
  }
  g_task_return_pointer (task, bands, (GDestroyNotify)g_array_unref);
}

static void
qmi_load_supported_bands (MdModem *modem, GTask *task)
{
  md_qmi_op (modem, &dms_bands, NULL, 0, task, parse_capabilities);
}

/* --- current ---------------------------------------------------------------- */

/* The NR bands are not in the preference: they stay as supported. */
static void
add_nr_bands (MdModem *modem, GArray *bands)
{
  GArray *supported = md_modem_get_supported_bands (modem);

  for (guint i = 0; i < supported->len; i++) {
    guint32 band = g_array_index (supported, guint32, i);

    if (band >= MD_MODEM_BAND_NGRAN_1)
      add_band (bands, band);
  }
}

static void
parse_preference (MdModem *modem, gpointer output, GTask *task)
{
  g_autoptr (GArray) bands = g_array_new (FALSE, FALSE, sizeof (guint32));
  QmiNasBandPreference legacy = 0;
  QmiNasLteBandPreference lte = 0;
  guint64 masks[4] = { 0 };
  gboolean have_legacy, have_lte = FALSE;

  have_legacy
    = qmi_message_nas_get_system_selection_preference_output_get_band_preference (output, &legacy, NULL);
  if (qmi_message_nas_get_system_selection_preference_output_get_extended_lte_band_preference (
        output, &masks[0], &masks[1], &masks[2], &masks[3], NULL))
    have_lte = TRUE;
  else if (qmi_message_nas_get_system_selection_preference_output_get_lte_band_preference (output, &lte,
                                                                                           NULL)) {
    masks[0] = lte;
    have_lte = TRUE;
  }
  if (!have_legacy && !have_lte) {
    g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED,
                             "The modem names no band preference");
    return;
  }
  md_qmi_bands_add_legacy (bands, legacy);
  md_qmi_bands_add_lte_mask (bands, masks, G_N_ELEMENTS (masks));
  add_nr_bands (modem, bands);
  g_task_return_pointer (task, g_steal_pointer (&bands), (GDestroyNotify)g_array_unref);
}

static void
qmi_load_current_bands (MdModem *modem, GTask *task)
{
  md_qmi_op (modem, &nas_get_selection, NULL, 0, task, parse_preference);
}

/* --- set -------------------------------------------------------------------- */

static void
set_done (MdModem *modem, gpointer output, GTask *task)
{
  g_task_return_boolean (task, TRUE);
}

static void
set_refused (MdModem *modem, gpointer output, GError *error, GTask *task)
{
  if (g_error_matches (error, QMI_PROTOCOL_ERROR, QMI_PROTOCOL_ERROR_NO_EFFECT)) {
    g_error_free (error);
    g_task_return_boolean (task, TRUE);
    return;
  }
  g_task_return_error (task, md_qmi_protocol_error (error, "NAS Set System Selection Preference (bands)"));
}

static void
qmi_set_current_bands (MdModem *modem, GArray *bands, GTask *task)
{
  QmiMessageNasSetSystemSelectionPreferenceInput *input
    = qmi_message_nas_set_system_selection_preference_input_new ();
  guint64 legacy = md_qmi_bands_to_legacy (bands);
  guint64 masks[4];

  md_qmi_bands_to_lte_mask (bands, masks);
  if (legacy)
    qmi_message_nas_set_system_selection_preference_input_set_band_preference (input, legacy, NULL);
  if (g_object_get_data (G_OBJECT (modem), EXTENDED_LTE_KEY))
    qmi_message_nas_set_system_selection_preference_input_set_extended_lte_band_preference (
      input, masks[0], masks[1], masks[2], masks[3], NULL);
  else if (masks[0])
    qmi_message_nas_set_system_selection_preference_input_set_lte_band_preference (input, masks[0], NULL);
  qmi_message_nas_set_system_selection_preference_input_set_change_duration (
    input, QMI_NAS_CHANGE_DURATION_PERMANENT, NULL);
  md_qmi_op_full (modem, &nas_set_selection, input, 0, task, set_done, set_refused);
}

const MdModemBandsOps md_qmi_bands_ops = {
  .load_supported_bands = qmi_load_supported_bands,
  .load_current_bands = qmi_load_current_bands,
  .set_current_bands = qmi_set_current_bands,
};
