/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The ops tables implemented with standard 3GPP AT commands. A vendor
 * plugin copies one and overrides single entries. */
#pragma once

#include "md-at-modem.h"

G_BEGIN_DECLS

/* The tables themselves are declared in md-driver-api.h. */

G_END_DECLS
