/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* libmm-client: a GObject client library for the
 * org.freedesktop.ModemManager1 D-Bus API (modemd, or ModemManager).
 * Include only this header. */
#pragma once

#include <gio/gio.h>

#include "mmc-enums.h"
#include "mmc-errors.h"
#include "mmc-enum-types.h"
#include "mmc-gdbus.h"
#include "mmc-bearer-ip-config.h"
#include "mmc-connect-settings.h"
#include "mmc-sms-settings.h"
#include "mmc-bearer.h"
#include "mmc-sim.h"
#include "mmc-sms.h"
#include "mmc-modem.h"
#include "mmc-manager.h"
