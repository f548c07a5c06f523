/* SPDX-License-Identifier: GPL-2.0-or-later */
/* An AT command port on a tty or a unix socket: one command in flight, a
 * FIFO queue behind it, a timeout per command, final-result detection, and
 * unsolicited results routed to handlers at any time. */
#pragma once

#include <gio/gio.h>

#include "md-port-open.h"

G_BEGIN_DECLS

#define MD_TYPE_AT_PORT (md_at_port_get_type ())
G_DECLARE_FINAL_TYPE (MdAtPort, md_at_port, MD, AT_PORT, GObject)

typedef void (*MdAtUnsolicitedFn) (MdAtPort *port, const char *line, gpointer user_data);

/* device: a tty ("/dev/ttyUSB2"), a unix socket path, or "abstract:NAME",
 * a socket in the abstract namespace whose name is that whole string,
 * "abstract:" included (as ModemManager connects to it). */
MdAtPort *md_at_port_new (const char *device);
/* The device as given. */
const char *md_at_port_get_device (MdAtPort *self);
/* For logs and the Ports property: "ttyUSB2", "pts/5" (the path relative
 * to /dev), else the device string itself ("abstract:NAME"). */
const char *md_at_port_get_name (MdAtPort *self);
/* Before open; default 115200. An unsupported rate fails the open. */
void md_at_port_set_baud (MdAtPort *self, guint baud);
/* Before open; default none (a tty only). */
void md_at_port_set_flow_control (MdAtPort *self, MdPortFlowControl flow_control);

/* A tty is opened non-blocking in raw 8N1 with CLOCAL and exclusive access
 * where allowed; a socket is connected. Fails with
 * MD_SERIAL_ERROR_OPEN_FAILED_NO_DEVICE when the device does not exist
 * (or nobody listens on the socket), MD_SERIAL_ERROR_OPEN_FAILED
 * otherwise. Opening an open port does nothing. */
gboolean md_at_port_open (MdAtPort *self, GError **error);
/* Fails every queued and in-flight command with MD_SERIAL_ERROR_NOT_OPEN
 * (their callbacks may run before this returns). Does not emit "closed".
 * The port can be opened again. */
void md_at_port_close (MdAtPort *self);
gboolean md_at_port_is_open (MdAtPort *self);

/* command without its trailing \r ("AT+CGMI"); timeout_ms counts from when
 * the command was written. The result is the information text (lines
 * between echo and final result, joined with \n and trimmed; "" for a bare
 * OK), the CONNECT line ("CONNECT 150000000"; the port is then in data
 * mode), or "> " when the SMS prompt ends a plain command. Errors: the
 * final's error (see md-at-response.h), timeout
 * MD_SERIAL_ERROR_RESPONSE_TIMEOUT, cancellation MD_CORE_ERROR_CANCELLED,
 * closed port MD_SERIAL_ERROR_NOT_OPEN, data mode
 * MD_CORE_ERROR_WRONG_STATE. A command's task holds a reference on the
 * port, so dropping the caller's reference never loses a callback. */
void md_at_port_command (MdAtPort *self, const char *command, guint timeout_ms, GCancellable *cancellable,
                         GAsyncReadyCallback callback, gpointer user_data);
char *md_at_port_command_finish (MdAtPort *self, GAsyncResult *result, GError **error);
/* Sends command, waits for the "> " prompt, sends payload and Ctrl-Z, and
 * completes on the final result (+CMGS, +CMGW). */
void md_at_port_command_with_payload (MdAtPort *self, const char *command, const char *payload,
                                      guint timeout_ms, GCancellable *cancellable,
                                      GAsyncReadyCallback callback, gpointer user_data);
char *md_at_port_command_with_payload_finish (MdAtPort *self, GAsyncResult *result, GError **error);

/* Data mode starts on CONNECT (or here). The port then writes no commands
 * (they fail with MD_CORE_ERROR_WRONG_STATE, queued ones included) and
 * parses no answers; lines that match an unsolicited handler ("NO
 * CARRIER") still reach it, everything else is dropped. Leaving data mode
 * drops buffered input and resumes the queue. */
gboolean md_at_port_get_data_mode (MdAtPort *self);
void md_at_port_set_data_mode (MdAtPort *self, gboolean data_mode);
/* Writes bytes as they are, in any mode (the "+++" escape). */
gboolean md_at_port_write_raw (MdAtPort *self, const char *data, gsize len, GError **error);

/* prefix: "+CREG:", "RING", "+CMTI:", "NO CARRIER"; matched at the start
 * of a line, case-sensitively. Lines that match a handler go to it whether
 * the port is idle or in the middle of an answer, except that a line with
 * the running command's own prefix ("+CREG:" while "AT+CREG?" runs)
 * answers that command, and a final result (OK, NO CARRIER, ...) ends the
 * running command instead of reaching a handler. Handlers may add or
 * remove handlers, and close or unref the port. Returns an id > 0. */
guint md_at_port_add_unsolicited_handler (MdAtPort *self, const char *prefix, MdAtUnsolicitedFn fn,
                                          gpointer user_data, GDestroyNotify destroy);
/* The same for reports of two lines (27.005 +CMT and +CDS in PDU mode: a
 * header, then the PDU): a line matching prefix is held and fn gets it
 * joined with "\n" to the line after it, whatever that is; no other
 * handler sees either. */
guint md_at_port_add_two_line_handler (MdAtPort *self, const char *prefix, MdAtUnsolicitedFn fn,
                                       gpointer user_data, GDestroyNotify destroy);
void md_at_port_remove_unsolicited_handler (MdAtPort *self, guint id);

/* Sends "AT" up to three times, timeout_ms each (0: 1500 ms), and succeeds
 * on the first final result line (OK, ERROR, +CME ERROR, ...). Fails with the last attempt's error (usually
 * MD_SERIAL_ERROR_RESPONSE_TIMEOUT). */
void md_at_port_probe_async (MdAtPort *self, guint timeout_ms, GCancellable *cancellable,
                             GAsyncReadyCallback callback, gpointer user_data);
gboolean md_at_port_probe_finish (MdAtPort *self, GAsyncResult *result, GError **error);

/* Signal "closed" (GError *error): emitted once when the device went away
 * (EOF, EIO, HUP), after every pending command was failed with
 * MD_SERIAL_ERROR_NOT_OPEN. */

G_END_DECLS
