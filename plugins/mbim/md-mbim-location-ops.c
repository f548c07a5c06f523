/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Location ops over MBIM: Register State names no cell, so the 3GPP
 * location is read from MS Basic Connect Extensions LOCATION_INFO_STATUS
 * (LAC, TAC, cell id) when a caller asks for it. */
#include "md-mbim-ops.h"

#include "md-errors.h"

static void
parse_location_info (MdModem *modem, MbimMessage *response, GTask *task)
{
  guint32 lac = 0, tac = 0, cell_id = 0;
  GError *error = NULL;
  MdCellLocation *cell;

  if (!mbim_message_ms_basic_connect_extensions_location_info_status_response_parse (response, &lac, &tac,
                                                                                     &cell_id, &error)) {
    g_task_return_error (task, md_mbim_protocol_error (error, "Invalid Location Info Status"));
    return;
  }
  cell = g_new0 (MdCellLocation, 1);
  cell->lac = lac;
  cell->tac = tac;
  cell->cell_id = cell_id;
  g_task_return_pointer (task, cell, g_free);
}

static void
mbim_load_cell (MdModem *modem, GTask *task)
{
  GError *error = NULL;
  MbimMessage *request = mbim_message_ms_basic_connect_extensions_location_info_status_query_new (&error);

  md_mbim_op (modem, task, request, error, MD_MBIM_TIMEOUT_S, parse_location_info);
}

const MdModemLocationOps md_mbim_location_ops = {
  .sources = MD_MODEM_LOCATION_SOURCE_3GPP_LAC_CI,
  .load_cell = mbim_load_cell,
};
