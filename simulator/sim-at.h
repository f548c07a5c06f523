/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The AT front end of the simulated modem: one session on one port. It takes
 * the bytes a client sends and answers through a write function, so the
 * transport (pty, socket, or a test) stays outside. */
#pragma once

#include <glib.h>

#include "sim-history.h"
#include "sim-model.h"

G_BEGIN_DECLS

typedef struct {
  GStrv unsupported;        /* command names ("+CPINR", "I", "&F") answered as unknown */
  guint cops_scan_delay_ms; /* how long AT+COPS=? takes */
  guint escape_guard_ms;    /* silence required around "+++" in data mode */
  guint csms_service;       /* the +CSMS <service> after reset: 1 wants +CNMA */
  gboolean sms_routed;      /* new messages go out as +CMT whatever +CNMI <mt> says */
} SimAtOptions;

void sim_at_options_init (SimAtOptions *options);
void sim_at_options_clear (SimAtOptions *options);

/* The canonical form of a command name for the unsupported list: upper case
 * without the "AT" prefix; NULL when no such command is implemented. */
char *sim_at_command_canonical_name (const char *name);

typedef struct _SimAt SimAt;

typedef void (*SimAtWriteFunc) (const char *data, gsize len, gpointer user_data);

SimAt *sim_at_new (SimModel *model, const SimAtOptions *options, SimAtWriteFunc write, gpointer user_data);
void sim_at_free (SimAt *self);

void sim_at_feed (SimAt *self, const char *data, gsize len);
/* The transport lost its client (socket closed): a data call ends with it. */
void sim_at_client_gone (SimAt *self);
/* The client dropped DTR (a pty set to speed 0): like &D2, hang up. */
void sim_at_line_hangup (SimAt *self);

/* Mute: read and remember commands but answer nothing, for timeout tests. */
void sim_at_set_muted (SimAt *self, gboolean muted);
gboolean sim_at_get_muted (SimAt *self);
/* Answers the next answers command lines, then mutes. */
void sim_at_mute_after (SimAt *self, guint answers);
/* "\r\n<text>\r\n", held back while a command runs, dropped in data mode. */
void sim_at_send_unsolicited (SimAt *self, const char *text);
/* The modem restarted (sim_model_restart): settings back to their power-on
 * values, as after ATZ. */
void sim_at_restart (SimAt *self);
void sim_at_send_raw (SimAt *self, const char *data, gsize len);

gboolean sim_at_in_data_mode (SimAt *self);
gboolean sim_at_get_echo (SimAt *self);
guint sim_at_get_cmee (SimAt *self);
const char *sim_at_get_last_command (SimAt *self);
/* Every command line received (stripped), muted or not. */
const SimHistory *sim_at_get_history (SimAt *self);
guint64 sim_at_get_data_bytes (SimAt *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SimAt, sim_at_free)

G_END_DECLS
