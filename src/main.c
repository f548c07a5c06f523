/* SPDX-License-Identifier: GPL-2.0-or-later */
/* modemd's entry point: options, logging, the bus name, the Manager, and a
 * clean shutdown on SIGTERM/SIGINT. The options follow ModemManager's, so
 * existing service files and test scripts keep working. */
#include <glib-unix.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "manager.h"
#include "md-authorizer.h"
#include "md-config.h"
#include "md-log.h"
#include "md-mbim-modem.h"
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
  gboolean test_fake_net_links;
  gboolean test_no_auth;
  int poll_interval;
  char *log_level;
  char *log_file;
} Options;

typedef struct {
  Options *options;
  GMainLoop *loop;
  MdManager *manager;
  MdAuthorizer *authorizer;
  int exit_code;
} Daemon;

static void
options_clear (Options *options)
{
  g_free (options->log_level);
  g_free (options->log_file);
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
        { "no-mbim-proxy", 0, 0, G_OPTION_ARG_NONE, &options->no_mbim_proxy,
          "Open MBIM ports directly instead of through mbim-proxy", NULL },
        { "test-fake-net-links", 0, 0, G_OPTION_ARG_NONE, &options->test_fake_net_links,
          "With --test-session: keep session links in memory instead of creating them", NULL },
        { "test-no-auth", 0, 0, G_OPTION_ARG_NONE, &options->test_no_auth,
          "With --test-session: allow every call without asking polkit", NULL },
        { "debug", 0, 0, G_OPTION_ARG_NONE, &options->debug, "Same as --log-level=DEBUG", NULL },
        { "version", 'V', 0, G_OPTION_ARG_NONE, &options->show_version, "Print the version and exit", NULL },
        { NULL } };
  g_autoptr (GOptionContext) context = g_option_context_new ("- mobile broadband modem daemon");

  g_option_context_add_main_entries (context, entries, NULL);
  return g_option_context_parse (context, argc, argv, error);
}

/* How MBIM ports are opened and where session links go. */
static gboolean
configure_ports (const Options *options, GError **error)
{
  md_mbim_port_set_default_use_proxy (!options->no_mbim_proxy);
  if (options->test_fake_net_links && !options->test_session) {
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 "--test-fake-net-links needs --test-session");
    return FALSE;
  }
  md_mbim_modem_use_fake_net_links (options->test_fake_net_links);
  return TRUE;
}

/* polkit decides, except on a private test bus with --test-no-auth. */
static MdAuthorizer *
create_authorizer (const Options *options, GError **error)
{
  if (options->test_no_auth && !options->test_session) {
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "--test-no-auth needs --test-session");
    return NULL;
  }
  return md_authorizer_new (options->test_no_auth ? MD_AUTHORIZER_ALLOW_ALL : MD_AUTHORIZER_POLKIT);
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

  daemon->manager = md_manager_new (connection, daemon->options->test_enable, daemon->authorizer, &error);
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

  if (options.poll_interval > 0)
    md_modem_poll_set_interval ((guint)options.poll_interval);
  if (!configure_ports (&options, &error)) {
    fprintf (stderr, "modemd: %s\n", error->message);
    options_clear (&options);
    return EXIT_FAILURE;
  }

  daemon.authorizer = create_authorizer (&options, &error);
  if (!daemon.authorizer) {
    fprintf (stderr, "modemd: %s\n", error->message);
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
  md_authorizer_unref (daemon.authorizer);
  g_main_loop_unref (daemon.loop);
  md_log_info (NULL, "stopped");
  md_log_shutdown ();
  options_clear (&options);
  return daemon.exit_code;
}
