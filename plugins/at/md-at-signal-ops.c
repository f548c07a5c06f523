/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Signal ops over AT: +CESQ's per-technology measurements, or, on modems
 * without it, +CSQ's level placed in the current technology's dictionary.
 * Parsing and unit conversion live in src/parse/md-at-signal.c. */
#include "md-at-ops.h"

#include "md-at-op.h"
#include "md-at-signal.h"
#include "md-errors.h"

static gboolean
report_from_cesq (const char *response, MdSignalReport *report, GError **error)
{
  MdAtCesq cesq;

  if (!md_at_parse_cesq (response, &cesq, error))
    return FALSE;
  report->tech[MD_SIGNAL_TECH_GSM].rssi = cesq.gsm_rssi;
  report->tech[MD_SIGNAL_TECH_GSM].error_rate = cesq.gsm_error_rate;
  report->tech[MD_SIGNAL_TECH_UMTS].rscp = cesq.umts_rscp;
  report->tech[MD_SIGNAL_TECH_UMTS].ecio = cesq.umts_ecio;
  report->tech[MD_SIGNAL_TECH_LTE].rsrq = cesq.lte_rsrq;
  report->tech[MD_SIGNAL_TECH_LTE].rsrp = cesq.lte_rsrp;
  return TRUE;
}

static gboolean
report_from_csq (MdModem *modem, const char *response, MdSignalReport *report, GError **error)
{
  double rssi, error_rate;
  /* +CSQ does not say which technology it measured: the one in use. */
  MdSignalTech tech = md_signal_tech_from_access_technologies (md_modem_get_access_technologies (modem));

  if (!md_at_parse_csq_levels (response, &rssi, &error_rate, error))
    return FALSE;
  /* 5G NR has no rssi in Modem.Signal; its dictionary keeps the rest. */
  if (tech != MD_SIGNAL_TECH_NR5G)
    report->tech[tech].rssi = rssi;
  report->tech[tech].error_rate = error_rate;
  return TRUE;
}

static void
csq_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  MdModem *modem = MD_MODEM (source);
  GError *error = NULL;
  g_autofree char *response = md_at_modem_command_finish (modem, result, &error);
  g_autofree MdSignalReport *report = g_new (MdSignalReport, 1);

  md_signal_report_clear (report);
  if (!response || !report_from_csq (modem, response, report, &error)) {
    g_task_return_error (task, error);
    return;
  }
  g_task_return_pointer (task, g_steal_pointer (&report), g_free);
}

static void
cesq_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  MdModem *modem = MD_MODEM (source);
  g_autoptr (GError) error = NULL;
  g_autofree char *response = md_at_modem_command_finish (modem, result, &error);
  g_autofree MdSignalReport *report = g_new (MdSignalReport, 1);

  md_signal_report_clear (report);
  if (response && report_from_cesq (response, report, &error)) {
    g_task_return_pointer (task, g_steal_pointer (&report), g_free);
    g_object_unref (task);
    return;
  }
  /* A port that went away fails; a modem without +CESQ gets +CSQ. */
  if (g_error_matches (error, MD_SERIAL_ERROR, MD_SERIAL_ERROR_NOT_OPEN)) {
    g_task_return_error (task, g_steal_pointer (&error));
    g_object_unref (task);
    return;
  }
  md_at_modem_command (modem, "AT+CSQ", MD_AT_TIMEOUT_SHORT_MS, g_task_get_cancellable (task), csq_ready,
                       task);
}

static void
at_load_signal_values (MdModem *modem, GTask *task)
{
  md_at_modem_command (modem, "AT+CESQ", MD_AT_TIMEOUT_SHORT_MS, g_task_get_cancellable (task), cesq_ready,
                       task);
}

const MdModemSignalOps md_at_signal_ops = {
  .load_values = at_load_signal_values,
};
