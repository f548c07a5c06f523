/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A method call in flight: the invocation and what the handler needs when
 * the core's async answer comes back. It holds references, so it stays
 * valid if the modem is unexported meanwhile. */
#pragma once

#include <gio/gio.h>

#include "md-modem.h"

G_BEGIN_DECLS

typedef struct {
  GDBusMethodInvocation *invocation;
  MdModem *modem;
  GObject *object; /* the bearer or SIM the call is about, or NULL */
} MdPendingCall;

MdPendingCall *md_pending_call_new (GDBusMethodInvocation *invocation, MdModem *modem, gpointer object);
/* Answers with error (taken) and frees the call. */
void md_pending_call_fail (MdPendingCall *call, GError *error);
/* Answers with value (floating references are sunk; NULL for no value) and
 * frees the call. */
void md_pending_call_return (MdPendingCall *call, GVariant *value);

/* A ready callback for core flows whose result is a boolean task (every
 * md_modem_*_finish that returns gboolean): answers the call with no value
 * or with the flow's error. user_data is the MdPendingCall. */
void md_pending_call_boolean_ready (GObject *source, GAsyncResult *result, gpointer user_data);

G_END_DECLS
