/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The one loop that hands a message's parts to the driver one at a time,
 * for Sms.Send and Sms.Store (md-modem-sms.c). */
#pragma once

#include "md-modem.h"
#include "md-sms.h"

G_BEGIN_DECLS

/* Encodes submit through the SMS ops, then sends every part (store FALSE)
 * or stores it in storage (store TRUE, after the optional store_begin),
 * each part once the previous one was answered. Returns, through
 * md_modem_sms_parts_finish, a GArray of guint: the message reference
 * (send) or storage index (store) of each part in order. The first failure
 * ends it; the parts not yet handed over are dropped. */
void md_modem_sms_parts_async (MdModem *self, const MdSmsRequest *submit, gboolean store,
                               MdSmsStorage storage, GCancellable *cancellable, GAsyncReadyCallback callback,
                               gpointer user_data);
/* The storage index of every part of a whole message in state STORED, in
 * order (a GArray of guint); NULL when a part has no place in its storage. */
GArray *md_modem_sms_stored_indexes (MdSms *sms);
/* Sends a message whose parts sit at indexes in storage through the SMS
 * ops' send_stored, part by part, as md_modem_sms_parts_async sends; when
 * the modem refuses the first part there, submit is sent with send_part. */
void md_modem_sms_parts_send_stored_async (MdModem *self, const MdSmsRequest *submit, MdSmsStorage storage,
                                           const guint *indexes, guint n_indexes, GCancellable *cancellable,
                                           GAsyncReadyCallback callback, gpointer user_data);
GArray *md_modem_sms_parts_finish (MdModem *self, GAsyncResult *result, GError **error);

G_END_DECLS
