/* SPDX-License-Identifier: GPL-2.0-or-later */
/* See fake-polkit.h. Only CheckAuthorization is served. */
#include "fake-polkit.h"

static const char authority_xml[]
  = "<node><interface name='org.freedesktop.PolicyKit1.Authority'>"
    "<method name='CheckAuthorization'>"
    "<arg type='(sa{sv})' direction='in'/><arg type='s' direction='in'/>"
    "<arg type='a{ss}' direction='in'/><arg type='u' direction='in'/><arg type='s' direction='in'/>"
    "<arg type='(bba{ss})' direction='out'/>"
    "</method></interface></node>";

static void
answer (FakePolkit *self, GDBusMethodInvocation *invocation)
{
  const char *action = NULL;
  gboolean allowed;

  g_variant_get (g_dbus_method_invocation_get_parameters (invocation), "(@(sa{sv})&s@a{ss}u&s)", NULL,
                 &action, NULL, NULL, NULL);
  allowed = self->allowed && g_strv_contains ((const char *const *)self->allowed, action);
  g_dbus_method_invocation_return_value (
    invocation,
    g_variant_new ("((bb@a{ss}))", allowed, FALSE, g_variant_new_array (G_VARIANT_TYPE ("{ss}"), NULL, 0)));
}

static void
method_call (GDBusConnection *connection, const char *sender, const char *path, const char *interface,
             const char *method, GVariant *parameters, GDBusMethodInvocation *invocation, gpointer user_data)
{
  FakePolkit *self = user_data;
  g_autoptr (GVariant) subject_details = NULL;

  self->calls++;
  g_clear_pointer (&self->subject_kind, g_free);
  g_clear_pointer (&self->subject_name, g_free);
  g_clear_pointer (&self->action, g_free);
  g_variant_get (parameters, "((s@a{sv})s@a{ss}u&s)", &self->subject_kind, &subject_details, &self->action,
                 NULL, &self->flags, NULL);
  g_variant_lookup (subject_details, "name", "s", &self->subject_name);
  if (self->hold)
    g_ptr_array_add (self->held, invocation);
  else
    answer (self, invocation);
}

static const GDBusInterfaceVTable vtable = { method_call, NULL, NULL, { NULL } };

FakePolkit *
fake_polkit_new (GDBusConnection *connection)
{
  FakePolkit *self = g_new0 (FakePolkit, 1);
  g_autoptr (GDBusNodeInfo) node = g_dbus_node_info_new_for_xml (authority_xml, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;

  self->connection = g_object_ref (connection);
  self->held = g_ptr_array_new ();
  self->registration = g_dbus_connection_register_object (connection, "/org/freedesktop/PolicyKit1/Authority",
                                                          node->interfaces[0], &vtable, self, NULL, &error);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", "org.freedesktop.PolicyKit1", 4u),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  return self;
}

void
fake_polkit_set_allowed (FakePolkit *self, const char *const *actions)
{
  g_strfreev (self->allowed);
  self->allowed = g_strdupv ((char **)actions);
}

void
fake_polkit_release (FakePolkit *self)
{
  for (guint i = 0; i < self->held->len; i++)
    answer (self, g_ptr_array_index (self->held, i));
  g_ptr_array_set_size (self->held, 0);
}

void
fake_polkit_free (FakePolkit *self)
{
  fake_polkit_release (self);
  g_dbus_connection_unregister_object (self->connection, self->registration);
  g_ptr_array_unref (self->held);
  g_strfreev (self->allowed);
  g_free (self->subject_kind);
  g_free (self->subject_name);
  g_free (self->action);
  g_object_unref (self->connection);
  g_free (self);
}
