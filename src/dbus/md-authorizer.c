/* SPDX-License-Identifier: GPL-2.0-or-later */
/* See md-authorizer.h. Calls polkit's CheckAuthorization directly with
 * GDBus instead of linking libpolkit-gobject: one method call per check and
 * no Authority proxy (with its cached properties and signal watches) kept
 * in memory for the daemon's lifetime. */
#include "md-authorizer.h"

#include "md-errors.h"
#include "md-log.h"
#include "md-vardict.h"

#define POLKIT_BUS_NAME                           "org.freedesktop.PolicyKit1"
#define POLKIT_PATH                               "/org/freedesktop/PolicyKit1/Authority"
#define POLKIT_INTERFACE                          "org.freedesktop.PolicyKit1.Authority"
#define POLKIT_CHECK_FLAGS_ALLOW_USER_INTERACTION 1u

struct _MdAuthorizer {
  MdAuthorizerMode mode;
};

typedef struct {
  char *action;
  char *sender;
} Check;

static void
check_free (Check *check)
{
  g_free (check->action);
  g_free (check->sender);
  g_free (check);
}

MdAuthorizer *
md_authorizer_new (MdAuthorizerMode mode)
{
  MdAuthorizer *self = g_atomic_rc_box_new0 (MdAuthorizer);

  self->mode = mode;
  switch (mode) {
  case MD_AUTHORIZER_POLKIT: break;
  case MD_AUTHORIZER_ALLOW_ALL:
    md_log_message (MD_LOG_LEVEL_WARN, NULL, "authorization is off: every caller may do everything");
    break;
  }
  return self;
}

MdAuthorizer *
md_authorizer_ref (MdAuthorizer *self)
{
  return g_atomic_rc_box_acquire (self);
}

void
md_authorizer_unref (MdAuthorizer *self)
{
  g_atomic_rc_box_release (self);
}

MdAuthorizerMode
md_authorizer_get_mode (MdAuthorizer *self)
{
  return self->mode;
}

static GVariant *
check_parameters (const char *sender, const char *action, gboolean interactive)
{
  GVariantBuilder subject_details;
  GVariantBuilder details;

  g_variant_builder_init (&subject_details, G_VARIANT_TYPE ("a{sv}"));
  md_vardict_add (&subject_details, "name", g_variant_new_string (sender));
  g_variant_builder_init (&details, G_VARIANT_TYPE ("a{ss}"));
  return g_variant_new ("((sa{sv})sa{ss}us)", "system-bus-name", &subject_details, action, &details,
                        interactive ? POLKIT_CHECK_FLAGS_ALLOW_USER_INTERACTION : 0u, "");
}

static void
polkit_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  Check *check = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  gboolean authorized = FALSE;
  gboolean challenge = FALSE;

  if (!reply) {
    g_dbus_error_strip_remote_error (error);
    g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_UNAUTHORIZED,
                             "Not authorized for %s: polkit did not answer (%s)", check->action,
                             error->message);
    return;
  }
  g_variant_get (reply, "((bb@a{ss}))", &authorized, &challenge, NULL);
  if (authorized)
    g_task_return_boolean (task, TRUE);
  else if (challenge)
    g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_UNAUTHORIZED,
                             "Not authorized for %s without authentication; "
                             "call again allowing interactive authorization",
                             check->action);
  else
    g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_UNAUTHORIZED, "Not authorized for %s",
                             check->action);
}

void
md_authorizer_check_async (MdAuthorizer *self, GDBusConnection *connection, const char *sender,
                           const char *action, gboolean interactive, GAsyncReadyCallback callback,
                           gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, NULL, callback, user_data);
  Check *check = g_new0 (Check, 1);

  g_task_set_source_tag (task, md_authorizer_check_async);
  check->action = g_strdup (action);
  check->sender = g_strdup (sender);
  g_task_set_task_data (task, check, (GDestroyNotify)check_free);
  switch (self->mode) {
  case MD_AUTHORIZER_ALLOW_ALL: g_task_return_boolean (task, TRUE); return;
  case MD_AUTHORIZER_POLKIT: break;
  }
  if (!sender || !connection) {
    g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_UNAUTHORIZED,
                             "Not authorized for %s: the caller has no bus name", action);
    return;
  }
  /* polkit itself allows an interactive check to wait as long as the user
   * takes; a plain one gets the usual call timeout. */
  g_dbus_connection_call (connection, POLKIT_BUS_NAME, POLKIT_PATH, POLKIT_INTERFACE, "CheckAuthorization",
                          check_parameters (sender, action, interactive), G_VARIANT_TYPE ("((bba{ss}))"),
                          G_DBUS_CALL_FLAGS_NONE, interactive ? G_MAXINT : -1, NULL, polkit_ready,
                          g_steal_pointer (&task));
}

gboolean
md_authorizer_check_finish (MdAuthorizer *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
