/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A modem's messages: received parts joined into messages, delivery
 * reports matched to the message they report on, created messages kept
 * until deleted. Protocol-neutral; drivers feed it decoded parts. */
#pragma once

#include "md-sms.h"

G_BEGIN_DECLS

/* At most this many concatenated messages wait for missing parts; a
 * further one drops the oldest. */
#define MD_SMS_LIST_MAX_INCOMPLETE 16
/* A concatenated message still missing parts this long after its first
 * part came is dropped when the next part arrives. */
#define MD_SMS_LIST_EXPIRY_US ((gint64)G_USEC_PER_SEC * 60 * 60 * 24)

#define MD_TYPE_SMS_LIST (md_sms_list_get_type ())
G_DECLARE_FINAL_TYPE (MdSmsList, md_sms_list, MD, SMS_LIST, GObject)

/* Signals: "added" (MdSms *sms, gboolean received) when a message object
 * appears (a received message with its first part, in state RECEIVING
 * while parts are missing); "removed" (MdSms *sms). */
MdSmsList *md_sms_list_new (const char *log_name);

/* Files part (taken) under the message it belongs to, creating one when
 * needed. A part already held at the same storage index is dropped (a
 * reload after enable); a status report updates the sent message with its
 * message reference, or becomes a message of its own when none matches.
 * Returns the message the part went to, or NULL when it was dropped. */
MdSms *md_sms_list_take_part (MdSmsList *self, MdSmsEntry *part);
/* Adds a message created by a caller ("added", received FALSE). */
void md_sms_list_add (MdSmsList *self, MdSms *sms);
/* Emits "removed"; FALSE when sms is not in the list. */
gboolean md_sms_list_remove (MdSmsList *self, MdSms *sms);
/* Drops the incomplete messages whose first part is older than expiry at
 * now_us (g_get_monotonic_time). */
void md_sms_list_expire (MdSmsList *self, gint64 now_us);
/* The messages, oldest first. */
GPtrArray *md_sms_list_get_all (MdSmsList *self);

G_END_DECLS
