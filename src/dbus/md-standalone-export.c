/* SPDX-License-Identifier: GPL-2.0-or-later */
/* See md-standalone-export.h. */
#include "md-standalone-export.h"

#include "md-dbus-generated.h"
#include "md-log.h"

void
md_standalone_export (GDBusInterfaceSkeleton *skeleton, GDBusObjectManagerServer *object_manager,
                      const char *path)
{
  g_autoptr (GError) error = NULL;
  GDBusConnection *connection = g_dbus_object_manager_server_get_connection (object_manager);

  if (!g_dbus_interface_skeleton_export (skeleton, connection, path, &error))
    md_log_warn (NULL, "cannot export %s: %s", path, error->message);
  g_clear_object (&connection);
}

void
md_standalone_prepare_classes (void)
{
  /* Classes of static types stay once set up. */
  g_type_class_unref (g_type_class_ref (MD_DBUS_TYPE_BEARER_SKELETON));
  g_type_class_unref (g_type_class_ref (MD_DBUS_TYPE_SMS_SKELETON));
}
