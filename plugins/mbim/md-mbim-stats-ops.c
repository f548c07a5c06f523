/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The MBIM modem's traffic counters (Basic Connect PACKET_STATISTICS) for
 * Bearer.Stats: octets received and sent over all data sessions, which
 * core turns into per-connection bytes. */
#include "md-errors.h"
#include "md-mbim-ops.h"

static void
parse_statistics (MdModem *modem, MbimMessage *response, GTask *task)
{
  MdTraffic *traffic = g_new0 (MdTraffic, 1);
  GError *error = NULL;

  if (!mbim_message_packet_statistics_response_parse (response, NULL, NULL, &traffic->rx_bytes, NULL,
                                                      &traffic->tx_bytes, NULL, NULL, NULL, &error)) {
    g_free (traffic);
    g_task_return_error (task, md_mbim_protocol_error (error, "Invalid Packet Statistics"));
    return;
  }
  g_task_return_pointer (task, traffic, g_free);
}

void
md_mbim_load_traffic (MdModem *modem, GTask *task)
{
  GError *error = NULL;
  MbimMessage *request = mbim_message_packet_statistics_query_new (&error);

  md_mbim_op (modem, task, request, error, MD_MBIM_TIMEOUT_S, parse_statistics);
}
