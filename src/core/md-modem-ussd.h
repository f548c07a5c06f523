/* SPDX-License-Identifier: GPL-2.0-or-later */
/* USSD sessions (Modem3gpp.Ussd): the session state, the network's last
 * notification and request, and the calls that wait for its answer. */
#pragma once

#include "md-modem.h"

G_BEGIN_DECLS

/* How long the network may take to answer a request or a response. */
#define MD_USSD_ANSWER_TIMEOUT_S 60

gboolean md_modem_has_ussd (MdModem *self);
MdModem3gppUssdSessionState md_modem_ussd_get_state (MdModem *self);
/* The last network-initiated notification / request; "" when none. */
const char *md_modem_ussd_get_network_notification (MdModem *self);
const char *md_modem_ussd_get_network_request (MdModem *self);

/* A report from the network (the driver's report handler); text may be
 * NULL. Answers the call waiting for it, else records a network-initiated
 * notification or request. */
void md_modem_ussd_report (MdModem *self, MdUssdReport report, const char *text);

/* Initiate (idle session) or Respond (the network waits for a response):
 * text as the D-Bus layer validated it. Return the network's answer. Fail
 * with MD_CORE_ERROR_WRONG_STATE when the modem is not enabled or the
 * session is not in the state the call needs. */
void md_modem_ussd_send_async (MdModem *self, gboolean respond, const char *text,
                               GAsyncReadyCallback callback, gpointer user_data);
char *md_modem_ussd_send_finish (MdModem *self, GAsyncResult *result, GError **error);

/* Ends the session; a call waiting for an answer fails with
 * MD_CORE_ERROR_CANCELLED. */
void md_modem_ussd_cancel_async (MdModem *self, GAsyncReadyCallback callback, gpointer user_data);
gboolean md_modem_ussd_cancel_finish (MdModem *self, GAsyncResult *result, GError **error);

G_END_DECLS
