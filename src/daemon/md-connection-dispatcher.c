/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Connection dispatcher scripts as ModemManager runs them: on every bearer
 * connection and disconnection (requested or dropped), each executable of
 * the connection.d folders, sorted by file name across folders, one after
 * the other, with MODEM_PATH BEARER_PATH INTERFACE connected|disconnected. */
#include "md-connection-dispatcher.h"

#include <sys/stat.h>

#include "md-log.h"

#define LOG_NAME "dispatcher"
/* ModemManager gives each script 5 s, then ends it. */
#define SCRIPT_TIMEOUT_S 5
/* The object paths modemd exports (src/dbus: Modem/N, Bearer/N). */
#define MODEM_PATH_FORMAT  "/org/freedesktop/ModemManager1/Modem/%u"
#define BEARER_PATH_FORMAT "/org/freedesktop/ModemManager1/Bearer/%u"

struct _MdConnectionDispatcher {
  GStrv folders;
  GCancellable *cancellable; /* cancelled when the dispatcher goes */
};

typedef struct {
  GCancellable *cancellable;
  GPtrArray *scripts; /* char* paths, in run order */
  guint next;
  char *args[4];
  GSubprocess *running;
  guint timeout_id;
} Run;

static void run_next (Run *run);

static void
run_free (Run *run)
{
  g_clear_handle_id (&run->timeout_id, g_source_remove);
  g_clear_object (&run->running);
  g_ptr_array_unref (run->scripts);
  for (guint i = 0; i < G_N_ELEMENTS (run->args); i++)
    g_free (run->args[i]);
  g_object_unref (run->cancellable);
  g_free (run);
}

/* ModemManager's rules: a regular file of root's, executable by its owner,
 * writable by nobody else, not setuid. Others are skipped with a warning. */
static gboolean
script_allowed (const char *path)
{
  struct stat st;

  if (stat (path, &st) != 0)
    return FALSE;
  if (!S_ISREG (st.st_mode) || st.st_uid != 0 || (st.st_mode & (S_IWGRP | S_IWOTH)) || (st.st_mode & S_ISUID)
      || !(st.st_mode & S_IXUSR)) {
    md_log_warn (LOG_NAME, "not running %s: not a root-owned executable only root may change", path);
    return FALSE;
  }
  return TRUE;
}

static gint
by_file_name (gconstpointer a, gconstpointer b)
{
  g_autofree char *name_a = g_path_get_basename (*(const char *const *)a);
  g_autofree char *name_b = g_path_get_basename (*(const char *const *)b);

  return g_strcmp0 (name_a, name_b);
}

static GPtrArray *
collect_scripts (MdConnectionDispatcher *self)
{
  GPtrArray *scripts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; self->folders[i]; i++) {
    g_autoptr (GDir) dir = g_dir_open (self->folders[i], 0, NULL);
    const char *name;

    while (dir && (name = g_dir_read_name (dir)))
      g_ptr_array_add (scripts, g_build_filename (self->folders[i], name, NULL));
  }
  g_ptr_array_sort (scripts, by_file_name);
  return scripts;
}

static void
script_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Run *run = user_data;
  g_autoptr (GError) error = NULL;
  const char *path = g_ptr_array_index (run->scripts, run->next - 1);

  g_clear_handle_id (&run->timeout_id, g_source_remove);
  if (!g_subprocess_wait_finish (G_SUBPROCESS (source), result, &error))
    md_log_warn (LOG_NAME, "%s: %s", path, error->message);
  else if (!g_subprocess_get_successful (G_SUBPROCESS (source)))
    md_log_warn (LOG_NAME, "%s ended with status %d", path, g_subprocess_get_status (G_SUBPROCESS (source)));
  else
    md_log_debug (LOG_NAME, "%s done", path);
  g_clear_object (&run->running);
  if (g_cancellable_is_cancelled (run->cancellable)) {
    run_free (run);
    return;
  }
  run_next (run);
}

static gboolean
script_timed_out (gpointer user_data)
{
  Run *run = user_data;

  run->timeout_id = 0;
  md_log_warn (LOG_NAME, "%s took more than %d s: ending it",
               (const char *)g_ptr_array_index (run->scripts, run->next - 1), SCRIPT_TIMEOUT_S);
  g_subprocess_force_exit (run->running);
  return G_SOURCE_REMOVE;
}

static void
run_next (Run *run)
{
  while (run->next < run->scripts->len) {
    const char *path = g_ptr_array_index (run->scripts, run->next++);
    const char *argv[] = { path, run->args[0], run->args[1], run->args[2], run->args[3], NULL };
    g_autoptr (GError) error = NULL;

    if (!script_allowed (path))
      continue;
    run->running = g_subprocess_newv (
      argv, G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
    if (!run->running) {
      md_log_warn (LOG_NAME, "cannot run %s: %s", path, error->message);
      continue;
    }
    run->timeout_id = g_timeout_add_seconds (SCRIPT_TIMEOUT_S, script_timed_out, run);
    /* Not cancelled on exit: a started script finishes on its own. */
    g_subprocess_wait_async (run->running, NULL, script_done, run);
    return;
  }
  run_free (run);
}

static void
connection_changed (MdBearer *bearer, gboolean connected, const char *interface, gpointer user_data)
{
  MdConnectionDispatcher *self = user_data;
  MdModem *modem = g_object_get_data (G_OBJECT (bearer), "md-dispatcher-modem");
  Run *run = g_new0 (Run, 1);

  run->cancellable = g_object_ref (self->cancellable);
  run->scripts = collect_scripts (self);
  run->args[0] = g_strdup_printf (MODEM_PATH_FORMAT, modem ? md_modem_get_id (modem) : 0);
  run->args[1] = g_strdup_printf (BEARER_PATH_FORMAT, md_bearer_get_id (bearer));
  run->args[2] = g_strdup (interface ? interface : "");
  run->args[3] = g_strdup (connected ? "connected" : "disconnected");
  md_log_debug (LOG_NAME, "%s %s on %s: %u script(s)", run->args[1], run->args[3], run->args[2],
                run->scripts->len);
  run_next (run);
}

static void
bearer_added (MdModem *modem, MdBearer *bearer, gpointer user_data)
{
  /* The modem outlives its bearers' signals: a bearer leaves the modem
   * before the modem is dropped. */
  g_object_set_data (G_OBJECT (bearer), "md-dispatcher-modem", modem);
  g_signal_connect (bearer, "connection-changed", G_CALLBACK (connection_changed), user_data);
}

MdConnectionDispatcher *
md_connection_dispatcher_new (const char *const *folders)
{
  MdConnectionDispatcher *self = g_new0 (MdConnectionDispatcher, 1);

  self->folders = g_strdupv ((GStrv)folders);
  self->cancellable = g_cancellable_new ();
  return self;
}

void
md_connection_dispatcher_watch (MdConnectionDispatcher *self, MdModem *modem)
{
  GPtrArray *bearers = md_modem_get_bearers (modem);

  for (guint i = 0; i < bearers->len; i++)
    bearer_added (modem, g_ptr_array_index (bearers, i), self);
  g_signal_connect (modem, "bearer-added", G_CALLBACK (bearer_added), self);
}

void
md_connection_dispatcher_unwatch (MdConnectionDispatcher *self, MdModem *modem)
{
  GPtrArray *bearers = md_modem_get_bearers (modem);

  g_signal_handlers_disconnect_by_data (modem, self);
  for (guint i = 0; i < bearers->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (bearers, i), self);
}

void
md_connection_dispatcher_free (MdConnectionDispatcher *self)
{
  if (!self)
    return;
  g_cancellable_cancel (self->cancellable);
  g_object_unref (self->cancellable);
  g_strfreev (self->folders);
  g_free (self);
}
