/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Internals of MdAtPort shared by its files: md-at-port.c (object, fd,
 * reading and writing, handlers) and md-at-port-commands.c (queue, lines
 * to commands, timeouts). */
#pragma once

#include "md-at-lines.h"
#include "md-at-port.h"
#include "md-port-open.h"

G_BEGIN_DECLS

typedef struct {
  char *command;
  char *own_prefix; /* "+CREG:" for "AT+CREG?": lines that answer it */
  char *payload;    /* sent after the "> " prompt; NULL for a plain command */
  guint timeout_ms;
  GTask *task;
  GCancellable *cancellable;
  gulong cancel_id;
  gboolean prompt_seen;
} MdAtCommand;

struct _MdAtPort {
  GObject parent;
  char *device;
  char *name;
  char *log_name; /* "ttyUSB2/at" */
  guint baud;
  MdPortFlowControl flow_control;

  int fd;
  MdPortFdKind kind;
  guint generation; /* bumped by open and close, so stale callbacks notice */
  guint read_source;
  guint write_source;
  GString *out;
  MdAtLineBuffer *lines;

  GQueue queue;         /* MdAtCommand*, waiting */
  MdAtCommand *current; /* in flight */
  GString *response;    /* information text of current */
  guint timeout_source;
  guint drain_source;
  gint64 drain_deadline; /* monotonic µs: the drain never outlasts this */
  gboolean data_mode;

  GList *handlers;       /* MdAtHandler* */
  guint pair_handler_id; /* a two-line handler waiting for its second line */
  char *pair_first;
  guint next_handler_id;
  gboolean closed_emitted;
};

/* md-at-port.c */
/* Takes bytes the modem sent, as a read from the fd does: lines go to the
 * command in flight or to handlers. Stops early if a callback closes the
 * port. Also the entry point of tests/fuzz/fuzz-at-port.c. */
void md_at_port_feed (MdAtPort *self, const guint8 *data, gsize len);
void md_at_port_send (MdAtPort *self, const char *data, gsize len);
gboolean md_at_port_dispatch_unsolicited (MdAtPort *self, const char *line);
/* When a two-line handler holds a first line, hands it line joined to the
 * first with "\n" and returns TRUE. */
gboolean md_at_port_take_second_line (MdAtPort *self, const char *line);
void md_at_port_enter_data_mode (MdAtPort *self);

/* md-at-port-commands.c */
void md_at_port_process_line (MdAtPort *self, const char *line);
void md_at_port_input_arrived (MdAtPort *self);
void md_at_port_output_flushed (MdAtPort *self);
void md_at_port_start_next (MdAtPort *self);
/* Detaches current and queued commands, then fails them all with error:
 * callbacks may reopen the port and queue again without being caught. */
void md_at_port_fail_all (MdAtPort *self, const GError *error);
void md_at_port_stop_timers (MdAtPort *self);

G_END_DECLS
