/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A QMI bearer's calls, shared by the connect (md-qmi-bearer-ops.c) and
 * the stop side (md-qmi-bearer-stop.c): the protocol data a bearer keeps
 * while connected, and the requests that end its calls. Private to the
 * QMI plugin. */
#pragma once

#include "md-bearer.h"
#include "md-qmi-ops.h"

G_BEGIN_DECLS

/* The two calls of a bearer, by family; each runs on its own WDS client,
 * instance 2 * mux id + family (mux id 0: the plain bearer). */
enum { FAMILY_V4, FAMILY_V6, N_FAMILIES };

#define N_INSTANCES (2 * (MD_QMI_MAX_MUX + 1))

typedef struct {
  guint32 handle[N_FAMILIES]; /* 0: no call */
  gboolean stopping[N_FAMILIES];
  guint mux_id; /* 0: plain, on the interface itself */
  char *link;   /* the mux link a multiplexed bearer runs on */
  guint pair;   /* the data path: its QMI port has the clients */
} QmiCalls;     /* the bearer's protocol data */

/* The WDS client instance of family's call. */
guint md_qmi_calls_instance (const QmiCalls *calls, guint family);
void md_qmi_calls_free (gpointer data);
/* "IPv4" or "IPv6", for logs. */
const char *md_qmi_family_name (guint family);
/* The bearer's calls; NULL when it holds none. */
QmiCalls *md_qmi_calls_of (MdBearer *bearer);
/* The bearer's calls are over: its mux id, link and data path go back and
 * its protocol data is dropped. */
void md_qmi_calls_release (MdModem *modem, MdBearer *bearer);
/* Sends Stop Network for each of the bearer's calls that is up and not
 * being stopped already; nobody waits for the answers (a failure is
 * logged). */
void md_qmi_calls_stop_running (MdModem *modem, QmiCalls *calls);
/* The data path of bearer went (its net port or QMI port left the
 * modem): a connected bearer's calls are stopped where its port still
 * answers and it is disconnected with why as the reason; a connect under
 * way is left to fail on the missing port. */
void md_qmi_bearer_path_lost (MdModem *modem, MdBearer *bearer, const char *why);
/* The disconnect op. */
void md_qmi_bearer_disconnect (MdModem *modem, MdBearer *bearer, GTask *task);
/* The check_connection op: WDS Get Packet Service Status on each of the
 * bearer's calls; one the modem says is disconnected ends the bearer as
 * the network ending it does. */
void md_qmi_bearer_check_connection (MdModem *modem, MdBearer *bearer, GTask *task);

G_END_DECLS
