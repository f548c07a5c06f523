/* SPDX-License-Identifier: GPL-2.0-or-later */
/* MdQmiPort's insides, shared by md-qmi-port.c (device lifetime, open,
 * close) and md-qmi-port-requests.c (pending requests and clients). */
#pragma once

#include "md-qmi-port.h"

G_BEGIN_DECLS

#define MD_QMI_CLIENT_TIMEOUT_S 10
#define MD_QMI_CLOSE_TIMEOUT_S  1

/* One service's client, or the callers waiting while it is allocated. */
typedef struct {
  QmiClient *client;
  GList *waiters; /* Waiter* (md-qmi-port-requests.c), owned */
  gboolean allocating;
  GError *refused; /* the device lacks the service: answered at once until the port closes */
} ClientSlot;

struct _MdQmiPort {
  GObject parent;
  char *device_path;
  char *name;
  QmiDevice *device;
  gulong removed_id;
  GHashTable *slots; /* QmiService -> ClientSlot* */
  GList *pending;    /* Pending* */
  gboolean closed_emitted;
  gboolean use_proxy;
  gboolean over_mbim; /* QMI over MBIM: libqmi sends QMUX in MBIM QMI_MSG commands */
  guint generation;   /* bumped on every close: late allocations are dropped */
};

/* Fails every pending request / waiting allocation with
 * MD_SERIAL_ERROR_NOT_OPEN ("<name> <why>"). */
void md_qmi_port_fail_pending (MdQmiPort *self, const char *why);
void md_qmi_port_fail_waiters (MdQmiPort *self, const char *why);
/* Frees a ClientSlot (the slots table's value destructor). */
void md_qmi_port_slot_free (gpointer slot);

G_END_DECLS
