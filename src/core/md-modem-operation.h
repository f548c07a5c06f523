/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Per-modem serialization of the operations that change a modem: one FIFO
 * per modem, one operation running at a time.
 *
 * The rules:
 * - Every entry point that changes the modem (Enable in both directions,
 *   SetPowerState, Bearer.Connect/Disconnect, Simple.Connect/Disconnect,
 *   DeleteBearer, Register, the SIM PIN methods) runs as one operation. The
 *   next one waits in the queue until the running one has ended, so each
 *   sees the state the previous one left. It starts from the main loop
 *   after that end, so whatever ended the previous one (a port that closed)
 *   has been dealt with first.
 * - A flow that already runs as an operation calls the unserialized flows
 *   of md-modem-flows.h for its inner steps (Simple.Connect enables and
 *   connects that way), so it never waits on itself.
 * - Disable, a disconnect and DeleteBearer cancel the connects queued or
 *   running before them: a waiting connect fails at once with
 *   Core.Cancelled; a running one stops at its next step boundary (a
 *   Simple.Connect waiting for registration stops at once). A dial already
 *   sent to the modem is never interrupted: it completes, and the
 *   disconnect that follows hangs it up, so no call is left up unseen.
 * - The poller's timer takes a turn only when the queue is empty and skips
 *   its tick otherwise, so a poll never interleaves with a disable; so does
 *   the periodic card check (md-modem-sim-presence.h).
 * - Once the device vanished, waiting operations and new ones fail with
 *   Core.Aborted; the running one ends on its own (its port is gone).
 * Scan and CreateBearer are not serialized: a scan changes nothing, and
 * CreateBearer completes without waiting for the modem. */
#pragma once

#include "md-modem.h"

G_BEGIN_DECLS

typedef enum {
  MD_OPERATION_ENABLE,
  MD_OPERATION_DISABLE,
  MD_OPERATION_POWER,
  MD_OPERATION_MODES,
  MD_OPERATION_BANDS,
  MD_OPERATION_CONNECT,
  MD_OPERATION_DISCONNECT,
  MD_OPERATION_DELETE_BEARER,
  MD_OPERATION_REGISTER,
  MD_OPERATION_SIM,
  MD_OPERATION_POLL,
  MD_OPERATION_CARD_CHECK,
} MdOperationKind;

typedef struct _MdOperation MdOperation;
typedef struct _MdOperationQueue MdOperationQueue;

/* Starts the operation's flow; the flow ends by calling done (source: the
 * modem) with a GTask holding a boolean, or an object when the operation
 * was started with returns_object. */
typedef void (*MdOperationBody) (MdModem *self, MdOperation *op, GAsyncReadyCallback done,
                                 gpointer done_data);

typedef struct {
  MdOperationKind kind;
  MdOperationBody body;
  gboolean returns_object;
} MdOperationSpec;

MdOperationQueue *md_operation_queue_new (MdModem *modem);
void md_operation_queue_free (MdOperationQueue *queue);

/* Queues an operation and answers callback, whose GTask holds what the
 * body's flow returned (g_task_propagate_boolean / _pointer), or
 * Core.Cancelled / Core.Aborted when it never ran. Takes data. */
void md_modem_operation_run (MdModem *self, const MdOperationSpec *spec, gpointer data,
                             GDestroyNotify data_free, GCancellable *cancellable,
                             GAsyncReadyCallback callback, gpointer user_data);

/* Begins an operation at once when the queue is empty, else NULL. End it
 * with md_modem_operation_end. */
MdOperation *md_modem_operation_try_begin (MdModem *self, MdOperationKind kind);
void md_modem_operation_end (MdModem *self, MdOperation *op);

/* The device vanished: fails every waiting operation and refuses new ones. */
void md_modem_operations_abort (MdModem *self);
/* How many operations run or wait (for tests and logs). */
guint md_modem_operations_pending (MdModem *self);

MdOperationKind md_operation_get_kind (MdOperation *op);
gpointer md_operation_get_data (MdOperation *op);
/* Hands the data to the body's flow, which then frees it. */
gpointer md_operation_steal_data (MdOperation *op);
/* Cancelled when a later disable or disconnect preempts this connect, or
 * when the caller's cancellable is. Flows check it between steps. */
GCancellable *md_operation_get_cancellable (MdOperation *op);

G_END_DECLS
