/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The memory baseline: a GDBus service that does nothing but own a name and
 * serve an empty object manager, linked to the same libraries as modemd.
 * modemd's RSS is compared with this one's. */
#include <gio/gio.h>

static void
acquired (GDBusConnection *connection, const char *name, gpointer user_data)
{
  GDBusObjectManagerServer *manager = g_dbus_object_manager_server_new ("/org/example/Bare");

  g_dbus_object_manager_server_set_connection (manager, connection);
  g_object_set_data_full (G_OBJECT (connection), "manager", manager, g_object_unref);
}

int
main (void)
{
  GMainLoop *loop = g_main_loop_new (NULL, FALSE);

  g_bus_own_name (G_BUS_TYPE_SESSION, "org.example.MdBareService", G_BUS_NAME_OWNER_FLAGS_NONE, acquired,
                  NULL, NULL, NULL, NULL);
  g_main_loop_run (loop);
  return 0;
}
