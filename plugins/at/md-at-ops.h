/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The ops tables implemented with standard 3GPP AT commands. A vendor
 * plugin copies one and overrides single entries. */
#pragma once

#include "md-at-modem.h"

G_BEGIN_DECLS

extern const MdModemInitOps md_at_init_ops;
extern const MdModemSimOps md_at_sim_ops;
extern const MdModemPowerOps md_at_power_ops;
extern const MdModemNetregOps md_at_netreg_ops;
extern const MdModemBearerOps md_at_bearer_ops;
/* All of the above. */
extern const MdModemOps md_at_modem_ops;

G_END_DECLS
