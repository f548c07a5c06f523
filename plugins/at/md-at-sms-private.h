/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Shared by the AT SMS files: md-at-sms-ops.c (indications, storages,
 * list, read, delete) and md-at-sms-send.c (+CMGS, +CMGW of one part,
 * +CMSS). */
#pragma once

#include "md-at-modem.h"
#include "md-sms-pdu.h"

G_BEGIN_DECLS

/* Sending a message takes the network's time; 27.005 gives no bound. */
#define MD_AT_SMS_SEND_TIMEOUT_MS 60000

/* The SMS ops' send_part, store_begin and store_part; a part is an
 * MdSmsPdu* of md_sms_request_encode. */
void md_at_sms_send_part (MdModem *modem, gconstpointer part, GTask *task);
void md_at_sms_store_begin (MdModem *modem, MdSmsStorage storage, GTask *task);
void md_at_sms_store_part (MdModem *modem, gconstpointer part, MdSmsStorage storage, GTask *task);
/* The SMS ops' send_stored: +CMSS=<index>. */
void md_at_sms_send_stored (MdModem *modem, MdSmsStorage storage, guint index, GTask *task);

G_END_DECLS
