/* SPDX-License-Identifier: GPL-2.0-or-later */
/* modemd's entry point: options into the one configuration object, logging,
 * the bus name, the Manager, and a clean shutdown on SIGTERM/SIGINT. The
 * options follow ModemManager's, so existing service files and test scripts
 * keep working. */
#include <glib-unix.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "manager.h"
#include "md-config.h"
#include "md-daemon-config.h"
#include "md-log.h"
#include "md-modem-connect.h"
#include "md-modem-poll.h"

#define BUS_NAME "org.freedesktop.ModemManager1"

typedef struct {
  gboolean test_session;
  gboolean test_enable;
  gboolean show_version;
  gboolean debug;
  gboolean log_journal;
  gboolean log_personal_info;
  gboolean no_mbim_proxy;
  gboolean no_qmi_proxy;
  gboolean test_fake_net_links;
  gboolean test_no_auth;
  gboolean test_no_udev;
  int poll_interval;
  int test_registration_timeout;
  char *log_level;
  char *log_file;
  char *initial_kernel_events;
  char *test_sysfs_root;
  char *test_dev_root;
  GStrv connection_dispatcher_dirs;
} Options;

typedef struct {
  Options *options;
  MdDaemonConfig config;
  GMainLoop *loop;
  MdManager *manager;
  int exit_code;
} Daemon;

static void
options_clear (Options *options)
{
  g_free (options->log_level);
  g_free (options->log_file);
  g_free (options->initial_kernel_events);
  g_free (options->test_sysfs_root);
  g_free (options->test_dev_root);
  g_strfreev (options->connection_dispatcher_dirs);
}

static gboolean
parse_options (int *argc, char ***argv, Options *options, GError **error)
{
  const GOptionEntry entries[]
    = { { "test-session", 0, 0, G_OPTION_ARG_NONE, &options->test_session,
          "Use the session bus instead of the system bus", NULL },
        { "test-enable", 0, 0, G_OPTION_ARG_NONE, &options->test_enable,
          "Export the org.freedesktop.ModemManager1.Test interface", NULL },
        { "log-level", 0, 0, G_OPTION_ARG_STRING, &options->log_level,
          "Log level: ERR, WARN, INFO (default) or DEBUG", "LEVEL" },
        { "log-file", 0, 0, G_OPTION_ARG_FILENAME, &options->log_file,
          "Append logs to this file instead of stderr", "PATH" },
        { "log-journal", 0, 0, G_OPTION_ARG_NONE, &options->log_journal, "Log to the systemd journal", NULL },
        { "log-personal-info", 0, 0, G_OPTION_ARG_NONE, &options->log_personal_info,
          "Show IMEI, IMSI, ICCID, numbers and messages in logs", NULL },
        { "poll-interval", 0, 0, G_OPTION_ARG_INT, &options->poll_interval,
          "Seconds between polls of signal and registration (default 30)", "SECONDS" },
        { "test-registration-timeout", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT,
          &options->test_registration_timeout,
          "With --test-session: seconds Simple.Connect waits for registration (default 60)", "SECONDS" },
        { "no-mbim-proxy", 0, 0, G_OPTION_ARG_NONE, &options->no_mbim_proxy,
          "Open MBIM ports directly instead of through mbim-proxy", NULL },
        { "no-qmi-proxy", 0, 0, G_OPTION_ARG_NONE, &options->no_qmi_proxy,
          "Open QMI ports directly instead of through qmi-proxy", NULL },
        { "test-fake-net-links", 0, 0, G_OPTION_ARG_NONE, &options->test_fake_net_links,
          "With --test-session: keep session links in memory instead of creating them", NULL },
        { "test-no-auth", 0, 0, G_OPTION_ARG_NONE, &options->test_no_auth,
          "With --test-session: allow every call without asking polkit", NULL },
        { "test-no-udev", 0, 0, G_OPTION_ARG_NONE, &options->test_no_udev,
          "With --test-session: take ports only from reported kernel events, not from udev", NULL },
        { "initial-kernel-events", 0, 0, G_OPTION_ARG_FILENAME, &options->initial_kernel_events,
          "Without udev: read kernel events from this file at start", "PATH" },
        { "test-sysfs-root", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &options->test_sysfs_root,
          "With --test-session and --test-no-udev: read sysfs from this folder", "DIR" },
        { "test-dev-root", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &options->test_dev_root,
          "With --test-session: open discovered /dev/NAME nodes as DIR/NAME", "DIR" },
        { "connection-dispatcher-dir", 0, 0, G_OPTION_ARG_FILENAME_ARRAY,
          &options->connection_dispatcher_dirs,
          "Run connection scripts from this folder instead of ModemManager's (repeatable)", "DIR" },
        { "debug", 0, 0, G_OPTION_ARG_NONE, &options->debug, "Same as --log-level=DEBUG", NULL },
        { "version", 'V', 0, G_OPTION_ARG_NONE, &options->show_version, "Print the version and exit", NULL },
        { NULL } };
  g_autoptr (GOptionContext) context = g_option_context_new ("- mobile broadband modem daemon");

  g_option_context_add_main_entries (context, entries, NULL);
  return g_option_context_parse (context, argc, argv, error);
}

static gboolean
require_test_session (const Options *options, gboolean set, const char *name, GError **error)
{
  if (set && !options->test_session) {
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "%s needs --test-session", name);
    return FALSE;
  }
  return TRUE;
}

/* Where ports come from: udev, unless built without it or told otherwise;
 * a fake sysfs tree is only for the kernel-events backend of a test. */
static gboolean
configure_discovery (const Options *options, MdDaemonConfig *config, GError **error)
{
  gboolean udev = MD_WITH_UDEV && !options->test_no_udev;

  if (!require_test_session (options, options->test_no_udev, "--test-no-udev", error)
      || !require_test_session (options, options->test_sysfs_root != NULL, "--test-sysfs-root", error)
      || !require_test_session (options, options->test_dev_root != NULL, "--test-dev-root", error))
    return FALSE;
  if (udev && (options->test_sysfs_root || options->initial_kernel_events)) {
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 "%s needs a daemon without udev (--test-no-udev)",
                 options->test_sysfs_root ? "--test-sysfs-root" : "--initial-kernel-events");
    return FALSE;
  }
  config->sysfs_root = g_strdup (options->test_sysfs_root);
  config->dev_root = g_strdup (options->test_dev_root);
  config->initial_kernel_events = g_strdup (options->initial_kernel_events);
  config->discovery.backend = udev ? MD_DISCOVERY_BACKEND_UDEV : MD_DISCOVERY_BACKEND_KERNEL_EVENTS;
  config->discovery.sysfs_root = config->sysfs_root;
  config->discovery.initial_kernel_events = config->initial_kernel_events;
  return TRUE;
}

/* The one configuration object, from the options. polkit decides, except on
 * a private test bus with --test-no-auth. */
static gboolean
configure (const Options *options, MdDaemonConfig *config, GError **error)
{
  if (!require_test_session (options, options->test_fake_net_links, "--test-fake-net-links", error)
      || !require_test_session (options, options->test_no_auth, "--test-no-auth", error)
      || !require_test_session (options, options->test_registration_timeout != 0,
                                "--test-registration-timeout", error)
      || !configure_discovery (options, config, error))
    return FALSE;
  config->test_session = options->test_session;
  config->test_enable = options->test_enable;
  config->poll_interval_s
    = options->poll_interval > 0 ? (guint)options->poll_interval : MD_MODEM_POLL_DEFAULT_INTERVAL_S;
  config->registration_timeout_s = options->test_registration_timeout > 0
                                     ? (guint)options->test_registration_timeout
                                     : MD_MODEM_REGISTRATION_TIMEOUT_DEFAULT_S;
  if (options->connection_dispatcher_dirs) {
    config->connection_dispatcher_folders = g_strdupv (options->connection_dispatcher_dirs);
  } else {
    const char *const folders[] = { MD_CONNECTION_DIR_SYSCONF, MD_CONNECTION_DIR_PACKAGE, NULL };

    config->connection_dispatcher_folders = g_strdupv ((GStrv)folders);
  }
  config->plugins.mbim_use_proxy = !options->no_mbim_proxy;
  config->plugins.qmi_use_proxy = !options->no_qmi_proxy;
  config->plugins.fake_net_links = options->test_fake_net_links;
  config->plugins.sysfs_root = config->sysfs_root;
  config->authorizer
    = md_authorizer_new (options->test_no_auth ? MD_AUTHORIZER_ALLOW_ALL : MD_AUTHORIZER_POLKIT);
  return TRUE;
}

static gboolean
setup_logging (const Options *options, GError **error)
{
  MdLogLevel level = MD_LOG_LEVEL_INFO;

  if (options->log_level && !md_log_level_from_string (options->log_level, &level, error))
    return FALSE;
  if (options->debug)
    level = MD_LOG_LEVEL_DEBUG;
  return md_log_setup (level, options->log_file, options->log_journal, options->log_personal_info, error);
}

static void
bus_acquired (GDBusConnection *connection, const char *name, gpointer user_data)
{
  Daemon *daemon = user_data;
  g_autoptr (GError) error = NULL;

  daemon->manager = md_manager_new (connection, &daemon->config, &error);
  if (!daemon->manager) {
    md_log_err (NULL, "cannot export the Manager object: %s", error->message);
    daemon->exit_code = EXIT_FAILURE;
    g_main_loop_quit (daemon->loop);
  }
}

static void
name_acquired (GDBusConnection *connection, const char *name, gpointer user_data)
{
  md_log_info (NULL, "modemd %s is running as %s", MD_VERSION, name);
}

static void
name_lost (GDBusConnection *connection, const char *name, gpointer user_data)
{
  Daemon *daemon = user_data;

  if (connection)
    md_log_err (NULL, "could not own %s on the bus (is another modem daemon running?)", name);
  else
    md_log_err (NULL, "could not connect to the bus");
  daemon->exit_code = EXIT_FAILURE;
  g_main_loop_quit (daemon->loop);
}

static gboolean
quit_on_signal (gpointer user_data)
{
  Daemon *daemon = user_data;

  md_log_info (NULL, "caught signal, shutting down");
  g_main_loop_quit (daemon->loop);
  return G_SOURCE_CONTINUE;
}

int
main (int argc, char **argv)
{
  Options options = { 0 };
  Daemon daemon = { .options = &options, .exit_code = EXIT_SUCCESS };
  g_autoptr (GError) error = NULL;
  guint owner_id;

  setlocale (LC_ALL, "");
  if (!parse_options (&argc, &argv, &options, &error)) {
    fprintf (stderr, "modemd: %s\n", error->message);
    options_clear (&options);
    return EXIT_FAILURE;
  }
  if (options.show_version) {
    printf ("modemd %s\n", MD_VERSION);
    options_clear (&options);
    return EXIT_SUCCESS;
  }
  if (!setup_logging (&options, &error)) {
    fprintf (stderr, "modemd: %s\n", error->message);
    options_clear (&options);
    return EXIT_FAILURE;
  }

  if (!configure (&options, &daemon.config, &error)) {
    fprintf (stderr, "modemd: %s\n", error->message);
    md_daemon_config_clear (&daemon.config);
    options_clear (&options);
    return EXIT_FAILURE;
  }
  daemon.loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, quit_on_signal, &daemon);
  g_unix_signal_add (SIGINT, quit_on_signal, &daemon);
  owner_id
    = g_bus_own_name (options.test_session ? G_BUS_TYPE_SESSION : G_BUS_TYPE_SYSTEM, BUS_NAME,
                      G_BUS_NAME_OWNER_FLAGS_NONE, bus_acquired, name_acquired, name_lost, &daemon, NULL);
  g_main_loop_run (daemon.loop);

  g_bus_unown_name (owner_id);
  g_clear_pointer (&daemon.manager, md_manager_free);
  md_daemon_config_clear (&daemon.config);
  g_main_loop_unref (daemon.loop);
  md_log_info (NULL, "stopped");
  md_log_shutdown ();
  options_clear (&options);
  return daemon.exit_code;
}
