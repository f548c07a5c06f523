/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Decides whether the sender of a method call may perform a polkit action.
 * The daemon creates one authorizer and hands it to every export; the gate
 * (md-dbus-gate.c) is its only user. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum {
  /* Ask org.freedesktop.PolicyKit1 on the bus the call came in on. */
  MD_AUTHORIZER_POLKIT,
  /* Allow every action: only for tests on a private bus without polkit. */
  MD_AUTHORIZER_ALLOW_ALL,
} MdAuthorizerMode;

typedef struct _MdAuthorizer MdAuthorizer;

MdAuthorizer *md_authorizer_new (MdAuthorizerMode mode);
/* Thread-safe reference counting. */
MdAuthorizer *md_authorizer_ref (MdAuthorizer *self);
void md_authorizer_unref (MdAuthorizer *self);
MdAuthorizerMode md_authorizer_get_mode (MdAuthorizer *self);

/* Asks whether sender (a unique name on connection) may perform action.
 * interactive lets polkit ask the user for a password. Fails closed: any
 * answer but "authorized", including polkit being unreachable, ends in an
 * MD_CORE_ERROR_UNAUTHORIZED error naming the action. Callbacks run in the
 * thread-default main context of the caller. */
void md_authorizer_check_async (MdAuthorizer *self, GDBusConnection *connection, const char *sender,
                                const char *action, gboolean interactive, GAsyncReadyCallback callback,
                                gpointer user_data);
gboolean md_authorizer_check_finish (MdAuthorizer *self, GAsyncResult *result, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdAuthorizer, md_authorizer_unref)

G_END_DECLS
