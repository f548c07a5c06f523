/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Signal ops over MBIM: Basic Connect Signal State's rssi and error rate,
 * in the dictionary of the technology in use (the message names none). */
#include "md-mbim-ops.h"

#include "md-at-signal.h"
#include "md-errors.h"

static void
parse_signal_state (MdModem *modem, MbimMessage *response, GTask *task)
{
  guint32 rssi = 99, error_rate = 99;
  GError *error = NULL;
  g_autofree MdSignalReport *report = g_new (MdSignalReport, 1);
  MdSignalTech tech = md_signal_tech_from_access_technologies (md_modem_get_access_technologies (modem));

  if (!mbim_message_signal_state_response_parse (response, &rssi, &error_rate, NULL, NULL, NULL, &error)) {
    g_task_return_error (task, md_mbim_protocol_error (error, "Invalid Signal State"));
    return;
  }
  md_signal_report_clear (report);
  /* 5G NR has no rssi in Modem.Signal. */
  if (tech != MD_SIGNAL_TECH_NR5G)
    report->tech[tech].rssi = md_3gpp_rssi_dbm (rssi);
  report->tech[tech].error_rate = md_3gpp_ber_error_rate (error_rate);
  g_task_return_pointer (task, g_steal_pointer (&report), g_free);
}

static void
mbim_load_signal_values (MdModem *modem, GTask *task)
{
  GError *error = NULL;
  MbimMessage *request = mbim_message_signal_state_query_new (&error);

  md_mbim_op (modem, task, request, error, MD_MBIM_TIMEOUT_S, parse_signal_state);
}

const MdModemSignalOps md_mbim_signal_ops = {
  .load_values = mbim_load_signal_values,
};
