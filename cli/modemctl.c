/* SPDX-License-Identifier: GPL-2.0-or-later */
/* modemctl: a command-line client of modemd that scripts can use in place
 * of mmcli (same options, -K keys, JSON and exit codes), plus `monitor`.
 * This file only picks the output format and the command family. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mc-actions.h"
#include "mc-context.h"
#include "md-config.h"

static gboolean
manager_options (const McOptions *o)
{
  return o->list_modems || o->monitor_modems || o->report_kernel_event;
}

/* The order of the families is mmcli's: an option of an earlier family
 * wins, and a family's object option may be missing (then "no X was
 * specified"). */
static gboolean
modem_options (const McOptions *o)
{
  return o->modem || o->enable || o->disable || o->power_low || o->power_on || o->create_bearer
         || o->delete_bearer || o->allowed_modes || o->preferred_mode || o->current_bands || o->simple_connect
         || o->simple_disconnect || o->scan || o->register_home || o->register_in_operator || o->signal_setup
         || o->signal_get || o->messaging_list || o->messaging_create || o->messaging_delete;
}

static gboolean
sim_options (const McOptions *o)
{
  return o->sim || o->pin || o->puk || o->enable_pin || o->disable_pin || o->change_pin;
}

static int
run (McOptions *opts, gboolean monitor)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDBusConnection) connection = NULL;
  g_autoptr (GDBusObjectManager) manager = NULL;
  g_autoptr (McOutput) out = NULL;
  McContext ctx = { 0 };
  gboolean ok;

  if (opts->keyvalue && opts->json) {
    fprintf (stderr, "error: only one output type supported at the same time\n");
    return EXIT_FAILURE;
  }
  out = mc_output_new (opts->keyvalue ? MC_OUTPUT_KEYVALUE : opts->json ? MC_OUTPUT_JSON : MC_OUTPUT_HUMAN);
  connection = g_bus_get_sync (G_BUS_TYPE_SYSTEM, NULL, &error);
  if (!connection) {
    fprintf (stderr, "error: couldn't get bus: %s\n", error->message);
    return EXIT_FAILURE;
  }
  manager = md_dbus_object_manager_client_new_sync (connection,
                                                    G_DBUS_OBJECT_MANAGER_CLIENT_FLAGS_DO_NOT_AUTO_START,
                                                    MC_BUS_NAME, MC_ROOT_PATH, NULL, &error);
  if (!manager) {
    fprintf (stderr, "error: couldn't create manager: %s\n", error->message);
    return EXIT_FAILURE;
  }
  if (!monitor) {
    /* monitor waits for the daemon instead (and follows its restarts). */
    g_autofree char *owner
      = g_dbus_object_manager_client_get_name_owner (G_DBUS_OBJECT_MANAGER_CLIENT (manager));

    if (!owner) {
      fprintf (stderr, "error: couldn't find the ModemManager process in the bus\n");
      return EXIT_FAILURE;
    }
  }
  ctx.connection = connection;
  ctx.manager = manager;
  ctx.opts = opts;
  ctx.out = out;

  if (monitor)
    ok = mc_run_monitor (&ctx, &error);
  else if (manager_options (opts)) {
    if (modem_options (opts)) {
      fprintf (stderr, "error: cannot use manager and modem options at the same time\n");
      return EXIT_FAILURE;
    }
    ok = mc_run_manager (&ctx, &error);
  } else if (sim_options (opts))
    ok = mc_run_sim (&ctx, &error);
  else if (opts->bearer)
    ok = mc_run_bearer (&ctx, &error);
  else if (opts->sms || opts->sms_send)
    ok = mc_run_sms (&ctx, &error);
  else if (modem_options (opts))
    ok = mc_run_modem (&ctx, &error);
  else {
    fprintf (stderr, "error: no actions specified\n");
    return EXIT_FAILURE;
  }
  if (!ok) {
    fprintf (stderr, "error: %s\n", error ? error->message : "unknown error");
    return EXIT_FAILURE;
  }
  return EXIT_SUCCESS;
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  McOptions opts = { .timeout = 30 };
  gboolean monitor = FALSE;
  int status;

  setlocale (LC_ALL, "");
  if (!mc_options_parse (&opts, &argc, &argv, &error)) {
    /* mmcli reverts every option on a malformed command line and then has
     * nothing to do: exit status 1 as well, with the reason. */
    fprintf (stderr, "error: %s\n", error->message);
    mc_options_clear (&opts);
    return EXIT_FAILURE;
  }
  if (opts.version) {
    printf ("modemctl %s\n", MD_VERSION);
    mc_options_clear (&opts);
    return EXIT_SUCCESS;
  }
  if (argc == 2 && strcmp (argv[1], "monitor") == 0)
    monitor = TRUE;
  else if (argc > 1) {
    fprintf (stderr, "error: unexpected argument '%s'\n", argv[1]);
    mc_options_clear (&opts);
    return EXIT_FAILURE;
  }
  status = run (&opts, monitor);
  mc_options_clear (&opts);
  return status;
}
