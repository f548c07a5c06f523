/* SPDX-License-Identifier: GPL-2.0-or-later */
/* An AT command port on a tty or a unix socket: one command in flight, a
 * queue behind it, a timeout per command, final-result detection, and
 * unsolicited results routed to handlers at any time. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MD_TYPE_AT_PORT (md_at_port_get_type ())
G_DECLARE_FINAL_TYPE (MdAtPort, md_at_port, MD, AT_PORT, GObject)

typedef void (*MdAtUnsolicitedFn) (MdAtPort *port, const char *line, gpointer user_data);

/* device: a tty ("/dev/ttyUSB2"), a unix socket path, or "abstract:NAME",
 * a socket in the abstract namespace whose name is that whole string. */
MdAtPort *md_at_port_new (const char *device);
const char *md_at_port_get_device (MdAtPort *self);
/* "ttyUSB2", "pts/5", or the abstract socket's string: for logs and the
 * Ports property. */
const char *md_at_port_get_name (MdAtPort *self);
void md_at_port_set_baud (MdAtPort *self, guint baud);

/* Fails with MD_SERIAL_ERROR_OPEN_FAILED_NO_DEVICE when the device does not
 * exist, MD_SERIAL_ERROR_OPEN_FAILED otherwise. */
gboolean md_at_port_open (MdAtPort *self, GError **error);
/* Fails every queued and in-flight command with MD_SERIAL_ERROR_NOT_OPEN. */
void md_at_port_close (MdAtPort *self);
gboolean md_at_port_is_open (MdAtPort *self);

/* command without its trailing \r. The result is the information text
 * (lines between echo and final result, joined with \n; "" for a bare OK),
 * "CONNECT ..." for a dial (the port then is in data mode), or "> " for the
 * prompt. Errors: the final's error (see md-at-response.h), timeout
 * MD_SERIAL_ERROR_RESPONSE_TIMEOUT, cancellation MD_CORE_ERROR_CANCELLED,
 * closed port MD_SERIAL_ERROR_NOT_OPEN, data mode MD_CORE_ERROR_WRONG_STATE. */
void md_at_port_command (MdAtPort *self, const char *command, guint timeout_ms, GCancellable *cancellable,
                         GAsyncReadyCallback callback, gpointer user_data);
char *md_at_port_command_finish (MdAtPort *self, GAsyncResult *result, GError **error);
/* Sends command, waits for the "> " prompt, sends payload and Ctrl-Z, and
 * completes on the final result (+CMGS, +CMGW). */
void md_at_port_command_with_payload (MdAtPort *self, const char *command, const char *payload,
                                      guint timeout_ms, GCancellable *cancellable,
                                      GAsyncReadyCallback callback, gpointer user_data);
char *md_at_port_command_with_payload_finish (MdAtPort *self, GAsyncResult *result, GError **error);

/* In data mode the port sends no commands; it only watches for the lines
 * its handlers want (NO CARRIER) and drops the rest. */
gboolean md_at_port_get_data_mode (MdAtPort *self);
void md_at_port_set_data_mode (MdAtPort *self, gboolean data_mode);
/* Writes bytes as they are (the "+++" escape). */
gboolean md_at_port_write_raw (MdAtPort *self, const char *data, gsize len, GError **error);

/* prefix: "+CREG:", "RING", "NO CARRIER", ... Returns an id > 0. */
guint md_at_port_add_unsolicited_handler (MdAtPort *self, const char *prefix, MdAtUnsolicitedFn fn,
                                          gpointer user_data, GDestroyNotify destroy);
void md_at_port_remove_unsolicited_handler (MdAtPort *self, guint id);

/* Sends "AT" up to three times, timeout_ms each; succeeds when the port
 * answers with any final result. */
void md_at_port_probe_async (MdAtPort *self, guint timeout_ms, GCancellable *cancellable,
                             GAsyncReadyCallback callback, gpointer user_data);
gboolean md_at_port_probe_finish (MdAtPort *self, GAsyncResult *result, GError **error);

G_END_DECLS
