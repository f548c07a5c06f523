/* SPDX-License-Identifier: GPL-2.0-or-later */
/* An MBIM control port: a libmbim MbimDevice on a cdc-wdm or wwan port,
 * opened through mbim-proxy by default so that mbimcli -p can share it.
 * libmbim frames and reassembles messages; this object adds what a modem
 * needs on top: an open timeout, indications as a signal, and a clean end
 * when the device goes away (every pending request fails, "closed" is
 * emitted once). "session-lost" is emitted once per open when the device
 * answers MBIM's NotOpened function error: its function closed by itself
 * (the modem restarted without leaving the bus); the port stays as it is. */
#pragma once

#include <gio/gio.h>
#include <libmbim-glib.h>

G_BEGIN_DECLS

#define MD_TYPE_MBIM_PORT (md_mbim_port_get_type ())
G_DECLARE_FINAL_TYPE (MdMbimPort, md_mbim_port, MD, MBIM_PORT, GObject)

/* device: "/dev/cdc-wdm0", "/dev/wwan0mbim0", or any path that speaks MBIM
 * (the simulator's pty). use_proxy: open through mbim-proxy (the daemon's
 * default; --no-mbim-proxy turns it off). The proxy's socket is global, so
 * tests that use it run in their own network namespace. */
MdMbimPort *md_mbim_port_new (const char *device, gboolean use_proxy);
const char *md_mbim_port_get_device (MdMbimPort *self);
/* Whether the port opens through mbim-proxy (then others may share it). */
gboolean md_mbim_port_get_use_proxy (MdMbimPort *self);
/* "cdc-wdm0", "wwan0mbim0", "pts/5": the path relative to /dev. */
const char *md_mbim_port_get_name (MdMbimPort *self);

/* Creates the MbimDevice and sends MBIM OPEN; fails with
 * MD_SERIAL_ERROR_OPEN_FAILED_NO_DEVICE when the file is missing,
 * MD_SERIAL_ERROR_RESPONSE_TIMEOUT when the device does not answer within
 * timeout_s, MD_SERIAL_ERROR_OPEN_FAILED otherwise. */
void md_mbim_port_open_async (MdMbimPort *self, guint timeout_s, GCancellable *cancellable,
                              GAsyncReadyCallback callback, gpointer user_data);
gboolean md_mbim_port_open_finish (MdMbimPort *self, GAsyncResult *result, GError **error);
gboolean md_mbim_port_is_open (MdMbimPort *self);

/* Sends request and returns the device's COMMAND_DONE message; a status
 * other than SUCCESS is left for the caller (mbim_message_response_get_result)
 * because some failures carry data. Transport errors: not open, gone, or
 * answered with the NotOpened function error MD_SERIAL_ERROR_NOT_OPEN;
 * timeout MD_SERIAL_ERROR_RESPONSE_TIMEOUT; cancellation
 * MD_CORE_ERROR_CANCELLED; another function error MD_CORE_ERROR_FAILED. */
void md_mbim_port_command (MdMbimPort *self, MbimMessage *request, guint timeout_s, GCancellable *cancellable,
                           GAsyncReadyCallback callback, gpointer user_data);
MbimMessage *md_mbim_port_command_finish (MdMbimPort *self, GAsyncResult *result, GError **error);

/* Sends MBIM CLOSE when the device still answers (not awaited), fails the
 * pending requests with MD_SERIAL_ERROR_NOT_OPEN and drops the device. Does
 * not emit "closed". */
void md_mbim_port_close (MdMbimPort *self);

/* Signals:
 * "indication" (MbimMessage *message): an INDICATE_STATUS from the device.
 * "closed" (GError *error): emitted once when the device went away, after
 * every pending request failed with MD_SERIAL_ERROR_NOT_OPEN. */

G_END_DECLS
