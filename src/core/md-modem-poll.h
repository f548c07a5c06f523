/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Keeps an enabled modem's network view fresh: registration, operator,
 * signal quality and access technology, and whether its connections are
 * still up, on a timer and on demand. */
#pragma once

#include "md-modem.h"

G_BEGIN_DECLS

#define MD_MODEM_POLL_DEFAULT_INTERVAL_S 30

/* Seconds between polls of this modem once enabled (default 30, at least
 * 1); the daemon sets it from its configuration before initializing. */
void md_modem_poll_set_interval (MdModem *self, guint seconds);
guint md_modem_poll_get_interval (MdModem *self);

void md_modem_poll_start (MdModem *self);
void md_modem_poll_stop (MdModem *self);
/* The timer's poll now (after a system resume), on a modem that polls
 * (between start and stop); skipped, as a tick is, while another
 * operation runs. */
void md_modem_poll_kick (MdModem *self);

/* One full poll now; fails when the modem vanished or left a query
 * unanswered (a timeout), else succeeds even when values are missing. */
void md_modem_poll_now_async (MdModem *self, GCancellable *cancellable, GAsyncReadyCallback callback,
                              gpointer user_data);
gboolean md_modem_poll_now_finish (MdModem *self, GAsyncResult *result, GError **error);

G_END_DECLS
