/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The QMI protocol plugin's side of a modem: its QMI control port, the AT
 * ports beside it, and the one request shape every QMI op is made of.
 * Vendor plugins build on these. */
#pragma once

#include "md-net-link.h"
#include "md-qmi-port.h"
#include "plugin-api.h"

G_BEGIN_DECLS

#define MD_QMI_TIMEOUT_S         10
#define MD_QMI_TIMEOUT_NETWORK_S 60
#define MD_QMI_TIMEOUT_SCAN_S    180

/* The QMI port the modem holds; NULL when it has none (gone). */
MdQmiPort *md_qmi_modem_port (MdModem *modem);

/* The driver's state, kept with the QMI port: the net links object (the
 * kernel's, or the fake in test mode) and whether the data format of the
 * network interface was settled (md-qmi-data-format.c). */
typedef struct {
  MdNetLinks *links;
  gboolean data_format_ready;
  gboolean kernel_pending;       /* the modem runs a plain format raw_ip does not show yet */
  gboolean kernel_raw_ip;        /* which one */
  gboolean qmap;                 /* the data port runs QMAP: every call on a mux link */
  guint max_mux;                 /* multiplexed bearers at once; 0 when the interface cannot */
  guint32 mux_in_use;            /* bit n: mux id n holds a bearer's link */
  struct _MdQmiDataPairs *pairs; /* the primary port's: the data paths (md-qmi-data-pair.c) */
} MdQmiModemData;

/* Mux ids 1..MD_QMI_MAX_MUX; each bearer's WDS clients are instances
 * 2 * mux id (IPv4) and 2 * mux id + 1 (IPv6), mux id 0 the plain bearer. */
#define MD_QMI_MAX_MUX 4

/* NULL when the modem holds no QMI port (gone). */
MdQmiModemData *md_qmi_modem_data (MdModem *modem);

/* One libqmi request, described once per message by MD_QMI_REQUEST
 * (md-qmi-op.h): which service's client sends it, how, and how its output
 * is finished, checked and freed. */
typedef struct {
  QmiService service;
  const char *what; /* "DMS Get Manufacturer", for errors */
  void (*call) (QmiClient *client, gpointer input, guint timeout_s, GCancellable *cancellable,
                GAsyncReadyCallback callback, gpointer user_data);
  gpointer (*finish) (QmiClient *client, GAsyncResult *result, GError **error);
  gboolean (*result) (gpointer output, GError **error);
  GDestroyNotify unref;
  GDestroyNotify input_unref; /* NULL for messages without input */
} MdQmiRequest;

/* Completes task from a successful output (the op's value); the parse
 * function owns returning through task. output is freed afterwards. */
typedef void (*MdQmiParseFn) (MdModem *modem, gpointer output, GTask *task);

/* Gets the request's client (allocated on first use), sends the request
 * with input (taken; NULL for messages without input) and hands the
 * output to parse, or fails task (consumed) with the mapped error: a QMI
 * protocol error through md_qmi_protocol_error, a transport error as the
 * port maps it. */
void md_qmi_op (MdModem *modem, const MdQmiRequest *request, gpointer input, guint timeout_s, GTask *task,
                MdQmiParseFn parse);

/* As md_qmi_op, but a QMI protocol error still hands the output to
 * on_error (PIN failures carry the remaining attempts); on_error then
 * returns through task. error is libqmi's QMI_PROTOCOL_ERROR (taken; map
 * it with md_qmi_protocol_error). */
typedef void (*MdQmiErrorFn) (MdModem *modem, gpointer output, GError *error, GTask *task);
void md_qmi_op_full (MdModem *modem, const MdQmiRequest *request, gpointer input, guint timeout_s,
                     GTask *task, MdQmiParseFn parse, MdQmiErrorFn on_error);
/* As md_qmi_op_full, on the given instance of the service's client
 * (md_qmi_port_get_client_instance_async); on_error may be NULL. */
void md_qmi_op_on (MdModem *modem, const MdQmiRequest *request, guint instance, gpointer input,
                   guint timeout_s, GTask *task, MdQmiParseFn parse, MdQmiErrorFn on_error);
/* As md_qmi_op_on, on port (one of the modem's QMI ports; NULL: gone). */
void md_qmi_op_port (MdModem *modem, MdQmiPort *port, const MdQmiRequest *request, guint instance,
                     gpointer input, guint timeout_s, GTask *task, MdQmiParseFn parse, MdQmiErrorFn on_error);

/* Maps a QMI protocol error (QMI_PROTOCOL_ERROR) to the error an API user
 * understands; other errors keep their message under MD_CORE_ERROR_FAILED.
 * Consumes error. */
GError *md_qmi_protocol_error (GError *error, const char *what);

G_END_DECLS
