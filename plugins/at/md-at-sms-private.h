/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Shared by the AT SMS files: md-at-sms-ops.c (indications, storages,
 * list, read, delete) and md-at-sms-send.c (+CMGS, +CMGW). */
#pragma once

#include "md-at-modem.h"
#include "md-sms-pdu.h"

G_BEGIN_DECLS

/* Sending a message takes the network's time; 27.005 gives no bound. */
#define MD_AT_SMS_SEND_TIMEOUT_MS 60000

void md_at_sms_send (MdModem *modem, const MdSmsRequest *request, GTask *task);
void md_at_sms_store (MdModem *modem, const MdSmsRequest *request, MdSmsStorage storage, GTask *task);

G_END_DECLS
