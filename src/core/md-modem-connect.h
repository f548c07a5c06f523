/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Bearers and data connections of a modem: create/delete bearers, connect
 * and disconnect them, and the Simple.Connect flow that unlocks, enables,
 * registers and connects in one call. */
#pragma once

#include "md-bearer.h"
#include "md-modem.h"
#include "md-modem-ops.h"

G_BEGIN_DECLS

/* Adds a new bearer (takes settings, which the D-Bus layer validated); the
 * bearer returned belongs to the modem. Fails with MD_CORE_ERROR_TOO_MANY
 * past the modem's maximum. */
MdBearer *md_modem_create_bearer (MdModem *self, MdBearerSettings *settings, GError **error);
/* The same, held (md_modem_hold_bearer) for md_modem_connect_flow_async,
 * which announces it once the connection's first requests are out, or
 * when it refuses to connect. */
MdBearer *md_modem_create_bearer_to_connect (MdModem *self, MdBearerSettings *settings, GError **error);
/* The _async functions below (delete, connect, disconnect, Simple.Connect)
 * run as serialized operations (md-modem-operation.h). */

/* Disconnects bearer if needed and removes it; Core.NotFound when it was
 * deleted already. */
void md_modem_delete_bearer_async (MdModem *self, MdBearer *bearer, GAsyncReadyCallback callback,
                                   gpointer user_data);
gboolean md_modem_delete_bearer_finish (MdModem *self, GAsyncResult *result, GError **error);
MdBearer *md_modem_find_bearer (MdModem *self, guint bearer_id);

/* Core.NotFound when the bearer was deleted while the call waited. */
void md_modem_connect_bearer_async (MdModem *self, MdBearer *bearer, GCancellable *cancellable,
                                    GAsyncReadyCallback callback, gpointer user_data);
gboolean md_modem_connect_bearer_finish (MdModem *self, GAsyncResult *result, GError **error);
void md_modem_disconnect_bearer_async (MdModem *self, MdBearer *bearer, GAsyncReadyCallback callback,
                                       gpointer user_data);
gboolean md_modem_disconnect_bearer_finish (MdModem *self, GAsyncResult *result, GError **error);
void md_modem_disconnect_all_async (MdModem *self, GAsyncReadyCallback callback, gpointer user_data);
gboolean md_modem_disconnect_all_finish (MdModem *self, GAsyncResult *result, GError **error);

/* The network or the device ended a connection (NO CARRIER, port gone). */
void md_modem_bearer_dropped (MdModem *self, MdBearer *bearer, const GError *reason);
/* CONNECTED while any bearer is connected, else what registration says. */
void md_modem_update_connection_state (MdModem *self);
/* New traffic counters of the modem, for its connected bearers' Stats. */
void md_modem_apply_traffic (MdModem *self, const MdTraffic *traffic);

typedef struct {
  MdBearerSettings *bearer; /* owned */
  char *pin;
  char *operator_id;
} MdSimpleConnectRequest;

void md_simple_connect_request_free (MdSimpleConnectRequest *request);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdSimpleConnectRequest, md_simple_connect_request_free)

/* How long Simple.Connect waits for a modem that is not registered, as
 * ModemManager 1.20 does for a 3GPP modem (then MobileEquipment.NetworkTimeout). */
#define MD_MODEM_REGISTRATION_TIMEOUT_DEFAULT_S 60

/* Simple.Connect's wait for registration, in seconds (at least 1); the
 * daemon sets it on every new modem. */
void md_modem_set_registration_timeout (MdModem *self, guint seconds);

/* Takes request, which the D-Bus layer validated. Returns the connected
 * bearer. A modem that does not register within the registration timeout
 * fails it with MobileEquipment.NetworkTimeout. */
void md_modem_simple_connect_async (MdModem *self, MdSimpleConnectRequest *request, GCancellable *cancellable,
                                    GAsyncReadyCallback callback, gpointer user_data);
MdBearer *md_modem_simple_connect_finish (MdModem *self, GAsyncResult *result, GError **error);

G_END_DECLS
