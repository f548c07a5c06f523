/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Arguments of Modem.Signal.Setup; see md-request-signal.c. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* rate: 0 (stop) up to one day in seconds; more fails with
 * MD_CORE_ERROR_INVALID_ARGS. */
gboolean md_request_signal_rate (guint32 rate, GError **error);

G_END_DECLS
