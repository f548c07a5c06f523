/* SPDX-License-Identifier: GPL-2.0-or-later */
/* USSD ops over MBIM's USSD service: a SET initiates or continues the
 * session (GSM 7-bit packed, DCS 0x0F) and its COMMAND_DONE carries the
 * network's answer; CANCEL ends it; USSD notifications are what the
 * network sends on its own. Both feed md_modem_ussd_report. */
#include "md-mbim-ops.h"

#include "md-errors.h"
#include "md-log.h"
#include "md-modem-ussd.h"
#include "md-ussd-codec.h"

/* The network may take a while to answer; the set waits for it. */
#define SEND_TIMEOUT_S 60

static MdUssdReport
report_from_response (MbimUssdResponse response)
{
  switch (response) {
  case MBIM_USSD_RESPONSE_NO_ACTION_REQUIRED: return MD_USSD_REPORT_DONE;
  case MBIM_USSD_RESPONSE_ACTION_REQUIRED: return MD_USSD_REPORT_ACTION_REQUIRED;
  case MBIM_USSD_RESPONSE_TERMINATED_BY_NETWORK: return MD_USSD_REPORT_TERMINATED;
  case MBIM_USSD_RESPONSE_OTHER_LOCAL_CLIENT:
  case MBIM_USSD_RESPONSE_OPERATION_NOT_SUPPORTED:
  case MBIM_USSD_RESPONSE_NETWORK_TIMEOUT: break;
  }
  return MD_USSD_REPORT_FAILED;
}

/* Hands an answer or a network message to the core; the next send
 * continues the session while the network waits for a response. */
static void
report (MdModem *modem, MbimUssdResponse response, guint32 dcs, const guint8 *payload, guint32 size)
{
  MdMbimModemData *mbim = md_mbim_modem_data (modem);
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  MdUssdReport kind = report_from_response (response);

  if (size > 0) {
    text = md_ussd_decode (dcs, payload, size, &error);
    if (!text) {
      md_log_debug (md_modem_get_log_name (modem), "unreadable USSD text: %s", error->message);
      /* The network did answer: the waiting call must not hang. */
      kind = MD_USSD_REPORT_FAILED;
    }
  }
  if (mbim)
    mbim->ussd_waits = kind == MD_USSD_REPORT_ACTION_REQUIRED;
  md_modem_ussd_report (modem, kind, text);
}

void
md_mbim_ussd_indication (MdModem *modem, MbimMessage *message)
{
  g_autoptr (GError) error = NULL;
  MbimUssdResponse response;
  const guint8 *payload = NULL;
  guint32 dcs, size = 0;

  if (mbim_message_indicate_status_get_cid (message) != MBIM_CID_USSD)
    return;
  if (md_modem_get_state (modem) < MD_MODEM_STATE_ENABLED)
    return;
  if (!mbim_message_ussd_notification_parse (message, &response, NULL, &dcs, &size, &payload, &error)) {
    md_log_debug (md_modem_get_log_name (modem), "ignoring USSD notification: %s", error->message);
    return;
  }
  report (modem, response, dcs, payload, size);
}

static void
parse_send (MdModem *modem, MbimMessage *response, GTask *task)
{
  GError *error = NULL;
  MbimUssdResponse answer;
  const guint8 *payload = NULL;
  guint32 dcs, size = 0;

  if (!mbim_message_ussd_response_parse (response, &answer, NULL, &dcs, &size, &payload, &error)) {
    g_task_return_error (task, md_mbim_protocol_error (error, "Invalid USSD response"));
    return;
  }
  /* The core takes an answer that comes before the send's completion. */
  report (modem, answer, dcs, payload, size);
  g_task_return_boolean (task, TRUE);
}

static void
mbim_send (MdModem *modem, const char *text, GTask *task)
{
  MdMbimModemData *mbim = md_mbim_modem_data (modem);
  GError *error = NULL;
  g_autoptr (GByteArray) packed = md_ussd_encode_gsm7 (text, &error);
  MbimUssdAction action = mbim && mbim->ussd_waits ? MBIM_USSD_ACTION_CONTINUE : MBIM_USSD_ACTION_INITIATE;
  MbimMessage *request;

  /* Only the answer opens the session again: after a failed send the
   * core's session is idle, and so is the next send. */
  if (mbim)
    mbim->ussd_waits = FALSE;
  if (!packed) {
    g_task_return_error (task, error);
    g_object_unref (task);
    return;
  }
  request = mbim_message_ussd_set_new (action, MD_USSD_DCS_GSM7, packed->len, packed->data, &error);
  md_mbim_op (modem, task, request, error, SEND_TIMEOUT_S, parse_send);
}

static void
parse_cancel (MdModem *modem, MbimMessage *response, GTask *task)
{
  g_task_return_boolean (task, TRUE);
}

static void
mbim_cancel (MdModem *modem, GTask *task)
{
  MdMbimModemData *mbim = md_mbim_modem_data (modem);
  GError *error = NULL;
  MbimMessage *request;

  /* The core's session is idle from here, whatever the modem answers. */
  if (mbim)
    mbim->ussd_waits = FALSE;
  request = mbim_message_ussd_set_new (MBIM_USSD_ACTION_CANCEL, MD_USSD_DCS_GSM7, 0, NULL, &error);

  md_mbim_op (modem, task, request, error, MD_MBIM_TIMEOUT_S, parse_cancel);
}

/* Notifications need no setup: the indication router hands them to
 * md_mbim_ussd_indication. */
const MdModemUssdOps md_mbim_ussd_ops = {
  .send = mbim_send,
  .cancel = mbim_cancel,
};
