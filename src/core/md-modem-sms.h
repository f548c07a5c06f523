/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A modem's Messaging: its message list, storages, and the flows behind
 * Messaging.Create/Delete and Sms.Send/Store. Drivers feed received parts
 * through md_modem_sms_take_part. */
#pragma once

#include "md-modem.h"
#include "md-sms-list.h"

G_BEGIN_DECLS

/* TRUE when the plugin gave the modem SMS ops (it then has Messaging). */
gboolean md_modem_has_messaging (MdModem *self);
/* Answers an SMS op's task (and drops it) for a storage the protocol has
 * no name for: Core.Unsupported "No such SMS storage". */
void md_sms_task_return_no_storage (GTask *task);
/* The modem's messages; created on first use, lives as long as the modem. */
MdSmsList *md_modem_get_sms_list (MdModem *self);
/* Storages as bits (1 << MdSmsStorage), and the default storage; known
 * once the modem was enabled (0 and UNKNOWN before). */
guint32 md_modem_get_sms_storages (MdModem *self);
MdSmsStorage md_modem_get_sms_default_storage (MdModem *self);

/* For drivers: a part that arrived or was read (taken). */
void md_modem_sms_take_part (MdModem *self, MdSmsEntry *part);

/* The enable step: indications on, storages read, default storage chosen
 * and every stored message loaded. Disabling turns indications off. */
void md_modem_sms_enable_async (MdModem *self, gboolean enable, GCancellable *cancellable,
                                GAsyncReadyCallback callback, gpointer user_data);
gboolean md_modem_sms_enable_finish (MdModem *self, GAsyncResult *result, GError **error);

/* Messaging.Create: a new message (state UNKNOWN) in the list, or
 * WrongState before the modem is enabled. */
MdSms *md_modem_sms_create (MdModem *self, const MdSmsRequest *submit, GError **error);
/* Messaging.Delete: every stored part removed from its storage, then the
 * message from the list. */
void md_modem_sms_delete_async (MdModem *self, MdSms *sms, GCancellable *cancellable,
                                GAsyncReadyCallback callback, gpointer user_data);
/* Sms.Send: a message in state UNKNOWN or STORED goes SENDING -> SENT. */
void md_modem_sms_send_async (MdModem *self, MdSms *sms, GCancellable *cancellable,
                              GAsyncReadyCallback callback, gpointer user_data);
/* Sms.Store: storage UNKNOWN means the default storage. */
void md_modem_sms_store_async (MdModem *self, MdSms *sms, MdSmsStorage storage, GCancellable *cancellable,
                               GAsyncReadyCallback callback, gpointer user_data);
/* For all three. */
gboolean md_modem_sms_finish (MdModem *self, GAsyncResult *result, GError **error);

G_END_DECLS
