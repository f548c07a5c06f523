/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A QMI control port: a libqmi QmiDevice on a cdc-wdm or wwan port, opened
 * in QMI mode through qmi-proxy by default so that qmicli -p can share it.
 * libqmi frames messages and parses TLVs; this object adds what a modem
 * needs on top: an open timeout, one client per service allocated on
 * demand and released on close, requests that fail cleanly when the device
 * goes away, and a "closed" signal emitted once. */
#pragma once

#include <gio/gio.h>
#include <libqmi-glib.h>

G_BEGIN_DECLS

#define MD_TYPE_QMI_PORT (md_qmi_port_get_type ())
G_DECLARE_FINAL_TYPE (MdQmiPort, md_qmi_port, MD, QMI_PORT, GObject)

/* device: "/dev/cdc-wdm0", "/dev/wwan0qmi0", or any path that speaks QMUX
 * (the simulator's pty; libqmi is told not to check the file's kind).
 * use_proxy: open through qmi-proxy (the daemon's default; --no-qmi-proxy
 * turns it off). The proxy's socket is global, so tests that use it run in
 * their own network namespace. */
MdQmiPort *md_qmi_port_new (const char *device, gboolean use_proxy);
/* QMI over MBIM: the same port face on an MBIM control port whose device
 * lists Qualcomm's QMI service; libqmi wraps each QMUX message in an MBIM
 * QMI_MSG command. use_proxy opens it through mbim-proxy (not qmi-proxy),
 * which is how it shares the node with an MdMbimPort on the same device;
 * without the proxy the port must be the node's only user. Opened without
 * CTL Sync. */
MdQmiPort *md_qmi_port_new_over_mbim (const char *device, gboolean use_proxy);
gboolean md_qmi_port_is_over_mbim (MdQmiPort *self);
const char *md_qmi_port_get_device (MdQmiPort *self);
/* "cdc-wdm0", "wwan0qmi0", "pts/5": the path relative to /dev. */
const char *md_qmi_port_get_name (MdQmiPort *self);

/* Creates the QmiDevice and opens it in QMI mode (with a CTL sync when
 * not through the proxy) or, over MBIM, in MBIM mode (no sync); fails with
 * MD_SERIAL_ERROR_OPEN_FAILED_NO_DEVICE when the file is missing,
 * MD_SERIAL_ERROR_RESPONSE_TIMEOUT when the device does not answer within
 * timeout_s, MD_SERIAL_ERROR_OPEN_FAILED otherwise. */
void md_qmi_port_open_async (MdQmiPort *self, guint timeout_s, GCancellable *cancellable,
                             GAsyncReadyCallback callback, gpointer user_data);
gboolean md_qmi_port_open_finish (MdQmiPort *self, GAsyncResult *result, GError **error);
gboolean md_qmi_port_is_open (MdQmiPort *self);

/* The port's client of service, allocated on first use and kept until the
 * port closes; concurrent callers share one allocation. finish returns a
 * full reference. Errors: not open or gone MD_SERIAL_ERROR_NOT_OPEN, no
 * answer MD_SERIAL_ERROR_RESPONSE_TIMEOUT, a service the device lacks
 * MD_CORE_ERROR_UNSUPPORTED (remembered: asked once per open). */
void md_qmi_port_get_client_async (MdQmiPort *self, QmiService service, GCancellable *cancellable,
                                   GAsyncReadyCallback callback, gpointer user_data);
QmiClient *md_qmi_port_get_client_finish (MdQmiPort *self, GAsyncResult *result, GError **error);
/* The same for a further client of service: instance 0 is the one above,
 * each other instance its own client id (WDS runs one call per client,
 * so an IPv4v6 bearer holds one client per family). Finished with
 * md_qmi_port_get_client_finish; released with the others on close. */
void md_qmi_port_get_client_instance_async (MdQmiPort *self, QmiService service, guint instance,
                                            GCancellable *cancellable, GAsyncReadyCallback callback,
                                            gpointer user_data);
/* The client of service when it is already allocated (no reference). */
QmiClient *md_qmi_port_peek_client (MdQmiPort *self, QmiService service);
QmiClient *md_qmi_port_peek_client_instance (MdQmiPort *self, QmiService service, guint instance);

/* Requests run on a client through libqmi's generated calls; the port
 * tracks them so that a vanished or closed port answers each exactly once.
 * request_begin records task as pending and returns the cancellable to
 * hand to the libqmi call (owned by the port, valid until request_end).
 * When the port closes first, task is failed with MD_SERIAL_ERROR_NOT_OPEN
 * and the libqmi call is cancelled. The libqmi callback calls
 * request_end: FALSE means the task was already answered, and the
 * callback must only drop its reference. */
GCancellable *md_qmi_port_request_begin (MdQmiPort *self, GTask *task);
gboolean md_qmi_port_request_end (MdQmiPort *self, GTask *task);

/* libqmi's transport errors in our vocabulary (timeout, not open,
 * cancelled); other errors keep their message under MD_CORE_ERROR_FAILED.
 * QMI protocol errors (QMI_PROTOCOL_ERROR) are not transport errors and
 * are left to the caller: returns NULL for them. */
GError *md_qmi_port_transport_error (MdQmiPort *self, const GError *error, const char *what);

/* Releases every client, closes the device (not awaited) and fails the
 * pending requests with MD_SERIAL_ERROR_NOT_OPEN. Does not emit "closed". */
void md_qmi_port_close (MdQmiPort *self);

/* Signals:
 * "client-allocated" (QmiClient *client): a new client exists; the driver
 * connects the indication signals of that client's service here.
 * "closed" (GError *error): emitted once when the device went away, after
 * every pending request failed with MD_SERIAL_ERROR_NOT_OPEN. */

G_END_DECLS
