/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Location ops of a QMI modem: Serving System carries LAC and cell id but
 * no tracking area, so GetLocation reads the serving cell from NAS Get
 * System Info (the radio in service: NR5G, LTE, WCDMA or GSM; its LAC, and
 * on LTE and NR5G its TAC). The operator comes from registration. */
#include "md-errors.h"
#include "md-qmi-ops.h"

MD_QMI_REQUEST (nas_system_info, QMI_SERVICE_NAS, QMI_CLIENT_NAS, nas_get_system_info, "NAS Get System Info");

/* One radio's system info: whether it names a cell, and which. */
typedef struct {
  gboolean lac_valid, cid_valid, tac_valid;
  guint16 lac, tac;
  guint32 cid;
} RadioCell;

static gboolean
cell_from (const RadioCell *radio, gboolean has_tac, MdCellLocation *out)
{
  if (!radio->cid_valid || radio->cid == 0)
    return FALSE;
  *out = (MdCellLocation){ .cell_id = radio->cid };
  if (has_tac && radio->tac_valid)
    out->tac = radio->tac;
  if (radio->lac_valid)
    out->lac = radio->lac;
  return TRUE;
}

static void
parse_system_info (MdModem *modem, gpointer output, GTask *task)
{
  RadioCell nr = { 0 }, lte = { 0 }, wcdma = { 0 }, gsm = { 0 };
  MdCellLocation cell = { 0 };

  qmi_message_nas_get_system_info_output_get_nr5g_system_info (
    output, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, &nr.lac_valid, &nr.lac, &nr.cid_valid, &nr.cid,
    NULL, NULL, NULL, NULL, NULL, NULL, &nr.tac_valid, &nr.tac, NULL);
  qmi_message_nas_get_system_info_output_get_lte_system_info_v2 (
    output, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, &lte.lac_valid, &lte.lac, &lte.cid_valid,
    &lte.cid, NULL, NULL, NULL, NULL, NULL, NULL, &lte.tac_valid, &lte.tac, NULL);
  qmi_message_nas_get_system_info_output_get_wcdma_system_info_v2 (
    output, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, &wcdma.lac_valid, &wcdma.lac, &wcdma.cid_valid,
    &wcdma.cid, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
  qmi_message_nas_get_system_info_output_get_gsm_system_info_v2 (
    output, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, &gsm.lac_valid, &gsm.lac, &gsm.cid_valid,
    &gsm.cid, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
  /* The newest radio that names a cell is the one in service. */
  if (cell_from (&nr, TRUE, &cell) || cell_from (&lte, TRUE, &cell) || cell_from (&wcdma, FALSE, &cell)
      || cell_from (&gsm, FALSE, &cell)) {
    g_task_return_pointer (task, g_memdup2 (&cell, sizeof cell), g_free);
    return;
  }
  g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_NOT_FOUND, "NAS Get System Info names no cell");
}

static void
qmi_load_cell (MdModem *modem, GTask *task)
{
  md_qmi_op (modem, &nas_system_info, NULL, 0, task, parse_system_info);
}

const MdModemLocationOps md_qmi_location_ops = {
  .sources = MD_MODEM_LOCATION_SOURCE_3GPP_LAC_CI,
  .load_cell = qmi_load_cell,
};
