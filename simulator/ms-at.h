/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The AT front end of the simulated modem: one session per connected
 * client, turning command lines into responses from the model, and model
 * events into unsolicited results. */
#pragma once

#include "ms-model.h"

G_BEGIN_DECLS

typedef struct _MsAt MsAt;
typedef void (*MsAtWriteFn) (const char *data, gsize len, gpointer user_data);

/* Result of one command: >= 0 is a +CME error code, the others below. */
#define MS_AT_OK (-1)
#define MS_AT_ERROR (-2)
#define MS_AT_NONE (-3)   /* the handler answered (CONNECT) or will later */

struct _MsAt {
  MsModel *model;
  MsAtWriteFn write;
  gpointer write_data;
  gboolean echo;
  guint cmee;
  guint reg_n[3];     /* +CREG, +CGREG, +CEREG report levels */
  guint cops_format;
  guint cmgf;
  GString *in;
  guint escape_source;
  guint delayed_source;
  gint64 last_data_us;
};

MsAt *ms_at_new (MsModel *model, MsAtWriteFn write, gpointer write_data);
void ms_at_free (MsAt *self);
/* A new client: defaults back (echo on, reports off), data mode left. */
void ms_at_reset (MsAt *self);
void ms_at_feed (MsAt *self, const guint8 *data, gsize len);

/* Helpers for the command handlers (ms-at-commands.c). */
void ms_at_send (MsAt *self, const char *text);
void ms_at_send_line (MsAt *self, const char *line);
void ms_at_send_final (MsAt *self, int result);
/* Registration report line of a domain (0 CS, 1 PS, 2 EPS) at level n;
 * with_n prefixes the <n> field as a query answer does. */
char *ms_at_registration_line (MsAt *self, guint domain, guint n, gboolean with_n);

/* Runs one command (without "AT"), appending information text to out.
 * Implemented in ms-at-commands.c. */
int ms_at_run_command (MsAt *self, const char *command, GString *out);

G_END_DECLS
