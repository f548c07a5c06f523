/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Client objects (MmcSim, MmcBearer, MmcSms) for object paths the daemon
 * names in replies and properties. GDBusProxy starts even for a path where
 * nothing is exported; every interface of ours has properties, so a proxy
 * that loaded none stands for a missing object and fails here. */
#include "mmc-private.h"

static gboolean
check_exists (GDBusProxy *proxy, GError **error)
{
  g_auto (GStrv) names = g_dbus_proxy_get_cached_property_names (proxy);

  if (names && names[0])
    return TRUE;
  g_set_error (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_OBJECT, "No %s object at %s",
               g_dbus_proxy_get_interface_name (proxy), g_dbus_proxy_get_object_path (proxy));
  return FALSE;
}

static void
proxy_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GObject) proxy = g_async_initable_new_finish (G_ASYNC_INITABLE (source), result, &error);

  if (!proxy || !check_exists (G_DBUS_PROXY (proxy), &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&proxy), g_object_unref);
}

void
mmc_proxy_new (GType type, const char *interface, GDBusConnection *connection, const char *name,
               const char *path, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, mmc_proxy_new);
  g_async_initable_new_async (type, G_PRIORITY_DEFAULT, cancellable, proxy_ready, task, "g-flags",
                              G_DBUS_PROXY_FLAGS_DO_NOT_AUTO_START, "g-connection", connection, "g-name",
                              name, "g-object-path", path, "g-interface-name", interface, NULL);
}

gpointer
mmc_proxy_new_finish (GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

gpointer
mmc_proxy_new_sync (GType type, const char *interface, GDBusConnection *connection, const char *name,
                    const char *path, GCancellable *cancellable, GError **error)
{
  g_autoptr (GObject) proxy = g_initable_new (
    type, cancellable, error, "g-flags", G_DBUS_PROXY_FLAGS_DO_NOT_AUTO_START, "g-connection", connection,
    "g-name", name, "g-object-path", path, "g-interface-name", interface, NULL);

  if (!proxy || !check_exists (G_DBUS_PROXY (proxy), error))
    return NULL;
  return g_steal_pointer (&proxy);
}

/* One list request: proxies are made one after the other, in path order. */
typedef struct {
  GType type;
  char *interface;
  GDBusConnection *connection;
  char *name;
  GStrv paths;
  guint next;
  GList *proxies; /* reversed */
} ListRequest;

static void
list_request_free (ListRequest *request)
{
  g_free (request->interface);
  g_object_unref (request->connection);
  g_free (request->name);
  g_strfreev (request->paths);
  g_list_free_full (request->proxies, g_object_unref);
  g_free (request);
}

static void list_next (GTask *task);

static void
list_proxy_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  ListRequest *request = g_task_get_task_data (task);
  GError *error = NULL;
  gpointer proxy = mmc_proxy_new_finish (result, &error);

  if (!proxy) {
    g_task_return_error (task, error);
    return;
  }
  request->proxies = g_list_prepend (request->proxies, proxy);
  list_next (g_steal_pointer (&task));
}

static void
list_next (GTask *task)
{
  ListRequest *request = g_task_get_task_data (task);
  const char *path = request->paths[request->next];

  if (!path) {
    GList *proxies = g_list_reverse (g_steal_pointer (&request->proxies));

    g_task_return_pointer (task, proxies, NULL);
    g_object_unref (task);
    return;
  }
  request->next++;
  mmc_proxy_new (request->type, request->interface, request->connection, request->name, path,
                 g_task_get_cancellable (task), list_proxy_ready, task);
}

void
mmc_proxy_list_new (GType type, const char *interface, GDBusConnection *connection, const char *name,
                    const char *const *paths, GCancellable *cancellable, GAsyncReadyCallback callback,
                    gpointer user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  ListRequest *request = g_new0 (ListRequest, 1);

  request->type = type;
  request->interface = g_strdup (interface);
  request->connection = g_object_ref (connection);
  request->name = g_strdup (name);
  request->paths = paths ? g_strdupv ((GStrv)paths) : g_new0 (char *, 1);
  g_task_set_source_tag (task, mmc_proxy_list_new);
  g_task_set_task_data (task, request, (GDestroyNotify)list_request_free);
  list_next (task);
}

GList *
mmc_proxy_list_new_finish (GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

GList *
mmc_proxy_list_new_sync (GType type, const char *interface, GDBusConnection *connection, const char *name,
                         const char *const *paths, GCancellable *cancellable, GError **error)
{
  GList *proxies = NULL;

  for (guint i = 0; paths && paths[i]; i++) {
    gpointer proxy = mmc_proxy_new_sync (type, interface, connection, name, paths[i], cancellable, error);

    if (!proxy) {
      g_list_free_full (proxies, g_object_unref);
      return NULL;
    }
    proxies = g_list_prepend (proxies, proxy);
  }
  return g_list_reverse (proxies);
}

void
mmc_task_boolean_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  g_autoptr (GVariant) reply = g_dbus_proxy_call_finish (G_DBUS_PROXY (source), result, &error);

  if (mmc_call_done (reply != NULL, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

gint
mmc_compare_paths (gconstpointer a, gconstpointer b)
{
  /* Object paths end in a number: the shorter one is the smaller number. */
  const char *path_a = g_dbus_proxy_get_object_path (G_DBUS_PROXY (a));
  const char *path_b = g_dbus_proxy_get_object_path (G_DBUS_PROXY (b));
  gsize length_a = strlen (path_a);
  gsize length_b = strlen (path_b);

  if (length_a != length_b)
    return length_a < length_b ? -1 : 1;
  return strcmp (path_a, path_b);
}
