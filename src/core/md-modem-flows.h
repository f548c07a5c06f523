/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The unserialized flows behind the entry points, for core code that runs
 * inside an operation already (md-modem-operation.h): Simple.Connect's
 * steps, the disconnects of a disable. Finish them with the entry point's
 * _finish function. Nothing outside src/core may call these. */
#pragma once

#include "md-bearer.h"
#include "md-modem.h"

G_BEGIN_DECLS

void md_modem_enable_flow_async (MdModem *self, gboolean enable, GAsyncReadyCallback callback,
                                 gpointer user_data);
void md_modem_send_pin_flow_async (MdModem *self, const char *pin, GAsyncReadyCallback callback,
                                   gpointer user_data);
void md_modem_connect_flow_async (MdModem *self, MdBearer *bearer, GAsyncReadyCallback callback,
                                  gpointer user_data);
void md_modem_disconnect_flow_async (MdModem *self, MdBearer *bearer, GAsyncReadyCallback callback,
                                     gpointer user_data);
void md_modem_disconnect_all_flow_async (MdModem *self, GAsyncReadyCallback callback, gpointer user_data);

G_END_DECLS
