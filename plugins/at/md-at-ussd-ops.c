/* SPDX-License-Identifier: GPL-2.0-or-later */
/* USSD ops over AT: +CUSD=1,"<text>",15 sends a request or a response
 * (the text only through md_at_quote), +CUSD=2 ends the session, and the
 * network's +CUSD reports feed the core's session. */
#include "md-at-ops.h"

#include "md-at-op.h"
#include "md-at-quote.h"
#include "md-at-ussd.h"
#include "md-errors.h"
#include "md-log.h"
#include "md-modem-ussd.h"

/* The modem answers +CUSD=1 at once; the network's answer is a report. */
#define SEND_TIMEOUT_MS 20000

static MdUssdReport
report_from_status (MdAtUssdStatus status)
{
  switch (status) {
  case MD_AT_USSD_NO_ACTION: return MD_USSD_REPORT_DONE;
  case MD_AT_USSD_ACTION_REQUIRED: return MD_USSD_REPORT_ACTION_REQUIRED;
  case MD_AT_USSD_TERMINATED: return MD_USSD_REPORT_TERMINATED;
  case MD_AT_USSD_OTHER_CLIENT:
  case MD_AT_USSD_NOT_SUPPORTED:
  case MD_AT_USSD_TIMED_OUT: break;
  }
  return MD_USSD_REPORT_FAILED;
}

static void
cusd_report (MdAtPort *port, const char *line, gpointer user_data)
{
  g_autoptr (MdModem) modem = g_weak_ref_get (user_data);
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  MdAtUssdStatus status;

  if (!modem)
    return;
  if (!md_at_parse_cusd (line, &status, &text, &error)) {
    md_log_debug (md_modem_get_log_name (modem), "unreadable USSD report: %s", error->message);
    /* The network did answer: the waiting call must not hang. */
    md_modem_ussd_report (modem, MD_USSD_REPORT_FAILED, NULL);
    return;
  }
  md_modem_ussd_report (modem, report_from_status (status), text);
}

static void
at_setup_reports (MdModem *modem, GTask *task)
{
  GError *error = NULL;
  MdAtPort *port = md_at_modem_control_port (modem, &error);

  if (!port) {
    g_task_return_error (task, error);
    g_object_unref (task);
    return;
  }
  md_at_port_add_unsolicited_handler (port, "+CUSD:", cusd_report, md_at_weak_ref_new (modem),
                                      md_at_weak_ref_free);
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
at_enable_reports (MdModem *modem, GTask *task)
{
  md_at_op_boolean (modem, task, "AT+CUSD=1", MD_AT_TIMEOUT_SHORT_MS);
}

static void
at_send (MdModem *modem, const char *text, GTask *task)
{
  GError *error = NULL;
  g_autofree char *quoted = md_at_quote (text, &error);
  g_autofree char *command = NULL;

  if (!quoted) {
    g_task_return_error (task, error);
    g_object_unref (task);
    return;
  }
  /* dcs 15: GSM 7 bit, language unspecified; the text is in the TE's
   * character set, which stays the modem's default (IRA/GSM). */
  command = g_strdup_printf ("AT+CUSD=1,%s,15", quoted);
  md_at_op_boolean (modem, task, command, SEND_TIMEOUT_MS);
}

static void
at_cancel (MdModem *modem, GTask *task)
{
  md_at_op_boolean (modem, task, "AT+CUSD=2", MD_AT_TIMEOUT_SHORT_MS);
}

const MdModemUssdOps md_at_ussd_ops = {
  .setup_reports = at_setup_reports,
  .enable_reports = at_enable_reports,
  .send = at_send,
  .cancel = at_cancel,
};
