/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The network's time and time zone (Modem.Time): the zone as the network
 * last reported it, the time read from the modem on request. */
#pragma once

#include "md-modem.h"

G_BEGIN_DECLS

/* Whether the modem's ops can read the network time. */
gboolean md_modem_has_time (MdModem *self);

/* Records the zone from a network report (a driver's report handler). */
void md_modem_set_network_timezone (MdModem *self, const MdNetworkTimezone *zone);
/* known is FALSE until the network reported a zone. */
const MdNetworkTimezone *md_modem_get_network_timezone (MdModem *self);

/* The network time as ISO 8601 local time. Fails with
 * MD_CORE_ERROR_WRONG_STATE unless the modem is enabled (the radio gives
 * the time). Not serialized: it changes nothing. */
void md_modem_get_network_time_async (MdModem *self, GCancellable *cancellable, GAsyncReadyCallback callback,
                                      gpointer user_data);
char *md_modem_get_network_time_finish (MdModem *self, GAsyncResult *result, GError **error);

G_END_DECLS
