/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Extended signal measurements (Modem.Signal): refreshed every Rate seconds
 * through the modem's signal ops while the modem is enabled. */
#pragma once

#include "md-modem.h"

G_BEGIN_DECLS

/* The longest refresh period Setup accepts: one day. */
#define MD_SIGNAL_RATE_MAX 86400

/* Whether the modem's ops can load signal measurements. */
gboolean md_modem_has_signal (MdModem *self);
/* rate: seconds between refreshes (1..MD_SIGNAL_RATE_MAX, as the D-Bus
 * layer validated it), or 0 to stop refreshing and forget the values. A
 * non-zero rate refreshes at once. */
void md_modem_signal_setup (MdModem *self, guint rate);
guint md_modem_signal_get_rate (MdModem *self);
/* The latest measurements; all "not known" before the first refresh. */
const MdSignalReport *md_modem_signal_get_report (MdModem *self);

G_END_DECLS
