/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The MBIM front end of the simulated modem: one MBIM function on one port.
 * It takes the bytes a host sends (OPEN, CLOSE, COMMAND, possibly split or
 * fragmented) and answers through a write function, so the transport (pty
 * or a test) stays outside. Model events become INDICATE_STATUS messages
 * while the function is open. */
#pragma once

#include <glib.h>

#include "sim-history.h"
#include "sim-model.h"
#include "sim-qmi.h"

G_BEGIN_DECLS

typedef struct {
  guint scan_delay_ms; /* how long VISIBLE_PROVIDERS takes: the AT +COPS=? delay */
  /* The device's own limit on the messages it sends, below the host's
   * MaxControlTransfer (0: none), so tests can force fragments. */
  guint max_transfer;
} SimMbimOptions;

typedef struct _SimMbim SimMbim;

typedef void (*SimMbimWriteFunc) (const guint8 *data, gsize len, gpointer user_data);

SimMbim *sim_mbim_new (SimModel *model, const SimMbimOptions *options, SimMbimWriteFunc write,
                       gpointer user_data);
void sim_mbim_free (SimMbim *self);

void sim_mbim_feed (SimMbim *self, const guint8 *data, gsize len);

/* Mute: read and remember messages but answer nothing, for timeout tests. */
void sim_mbim_set_muted (SimMbim *self, gboolean muted);
gboolean sim_mbim_get_muted (SimMbim *self);
/* Answers the next answers COMMANDs, then mutes. */
void sim_mbim_mute_after (SimMbim *self, guint answers);
gboolean sim_mbim_is_open (SimMbim *self);
/* The modem restarted: the function is closed without a word, so every
 * command gets the NotOpened function error until the host opens it again. */
void sim_mbim_restart (SimMbim *self);
/* The host's MaxControlTransfer from OPEN (0 before). */
guint32 sim_mbim_get_max_transfer (SimMbim *self);
/* "open", "close", or "<service> <cid> query|set" of the last message. */
const char *sim_mbim_get_last_command (SimMbim *self);
/* last_command of OPEN, CLOSE and every COMMAND dispatched while open, in
 * order. */
const SimHistory *sim_mbim_get_history (SimMbim *self);
/* The QMI session behind the QMI-over-MBIM service; NULL when the model
 * does not offer it. */
SimQmi *sim_mbim_get_qmi (SimMbim *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SimMbim, sim_mbim_free)

G_END_DECLS
