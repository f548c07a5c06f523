/* SPDX-License-Identifier: GPL-2.0-or-later */
/* modemctl's command line: mmcli's option names and meanings, parsed with
 * GOption as mmcli parses them, into one plain struct the actions read. */
#include "mc-options.h"

gboolean
mc_options_parse (McOptions *o, int *argc, char ***argv, GError **error)
{
  const GOptionEntry entries[] = {
    { "list-modems", 'L', 0, G_OPTION_ARG_NONE, &o->list_modems, "List available modems", NULL },
    { "monitor-modems", 'M', 0, G_OPTION_ARG_NONE, &o->monitor_modems,
      "List available modems and monitor additions and removals", NULL },
    { "report-kernel-event", 0, 0, G_OPTION_ARG_STRING, &o->report_kernel_event, "Report kernel event",
      "[\"Event properties\"]" },
    { "modem", 'm', 0, G_OPTION_ARG_STRING, &o->modem, "Specify modem by path, index or 'any'",
      "[PATH|INDEX|any]" },
    { "sim", 'i', 0, G_OPTION_ARG_STRING, &o->sim, "Specify SIM by path, index or 'any'",
      "[PATH|INDEX|any]" },
    { "bearer", 'b', 0, G_OPTION_ARG_STRING, &o->bearer, "Specify bearer by path or index", "[PATH|INDEX]" },
    { "sms", 's', 0, G_OPTION_ARG_STRING, &o->sms, "Specify SMS by path or index", "[PATH|INDEX]" },
    { "enable", 'e', 0, G_OPTION_ARG_NONE, &o->enable, "Enable a given modem", NULL },
    { "disable", 'd', 0, G_OPTION_ARG_NONE, &o->disable, "Disable a given modem", NULL },
    { "set-power-state-low", 0, 0, G_OPTION_ARG_NONE, &o->power_low, "Set low power state in the modem",
      NULL },
    { "set-power-state-on", 0, 0, G_OPTION_ARG_NONE, &o->power_on, "Set full power state in the modem",
      NULL },
    { "pin", 0, 0, G_OPTION_ARG_STRING, &o->pin, "Send PIN code to a given SIM", "[PIN]" },
    { "puk", 0, 0, G_OPTION_ARG_STRING, &o->puk, "Send PUK code to a given SIM", "[PUK]" },
    { "enable-pin", 0, 0, G_OPTION_ARG_NONE, &o->enable_pin, "Enable PIN request in a given SIM", NULL },
    { "disable-pin", 0, 0, G_OPTION_ARG_NONE, &o->disable_pin, "Disable PIN request in a given SIM", NULL },
    { "change-pin", 0, 0, G_OPTION_ARG_STRING, &o->change_pin, "Change the PIN in a given SIM", "[New PIN]" },
    { "simple-connect", 0, 0, G_OPTION_ARG_STRING, &o->simple_connect, "Run full connection sequence",
      "[\"key=value,...\"]" },
    { "simple-disconnect", 0, 0, G_OPTION_ARG_NONE, &o->simple_disconnect, "Disconnect all connected bearers",
      NULL },
    { "wait-registered", 0, 0, G_OPTION_ARG_INT, &o->wait_registered,
      "With --simple-connect: first wait up to SECONDS for the modem to register", "[SECONDS]" },
    { "create-bearer", 0, 0, G_OPTION_ARG_STRING, &o->create_bearer, "Create a new packet data bearer",
      "[\"key=value,...\"]" },
    { "delete-bearer", 0, 0, G_OPTION_ARG_STRING, &o->delete_bearer, "Delete a data bearer", "[PATH|INDEX]" },
    { "3gpp-scan", 0, 0, G_OPTION_ARG_NONE, &o->scan, "Scan for available networks", NULL },
    { "3gpp-register-home", 0, 0, G_OPTION_ARG_NONE, &o->register_home, "Register in home network", NULL },
    { "3gpp-register-in-operator", 0, 0, G_OPTION_ARG_STRING, &o->register_in_operator,
      "Register in a given operator", "[MCCMNC]" },
    { "set-allowed-modes", 0, 0, G_OPTION_ARG_STRING, &o->allowed_modes, "Set allowed modes",
      "[MODE1|MODE2...]" },
    { "set-preferred-mode", 0, 0, G_OPTION_ARG_STRING, &o->preferred_mode, "Set preferred mode", "[MODE]" },
    { "set-current-bands", 0, 0, G_OPTION_ARG_STRING, &o->current_bands, "Set bands to be used",
      "[BAND1|BAND2...]" },
    { "signal-setup", 0, 0, G_OPTION_ARG_STRING, &o->signal_setup,
      "Setup extended signal information refresh rate", "[Rate]" },
    { "signal-get", 0, 0, G_OPTION_ARG_NONE, &o->signal_get, "Get all extended signal quality", NULL },
    { "messaging-list-sms", 0, 0, G_OPTION_ARG_NONE, &o->messaging_list, "List SMS messages", NULL },
    { "messaging-create-sms", 0, 0, G_OPTION_ARG_STRING, &o->messaging_create, "Create a new SMS",
      "[\"key=value,...\"]" },
    { "messaging-delete-sms", 0, 0, G_OPTION_ARG_STRING, &o->messaging_delete, "Delete an SMS",
      "[PATH|INDEX]" },
    { "send", 0, 0, G_OPTION_ARG_NONE, &o->sms_send, "Send SMS", NULL },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &o->timeout, "Timeout for the operation", "[SECONDS]" },
    { "output-keyvalue", 'K', 0, G_OPTION_ARG_NONE, &o->keyvalue,
      "Run action with machine-friendly key-value output", NULL },
    { "output-json", 'J', 0, G_OPTION_ARG_NONE, &o->json, "Run action with machine-friendly json output",
      NULL },
    { "version", 'V', 0, G_OPTION_ARG_NONE, &o->version, "Print version", NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) context
    = g_option_context_new ("- control and monitor modems of modemd (mmcli's options; also: monitor)");

  g_option_context_add_main_entries (context, entries, NULL);
  return g_option_context_parse (context, argc, argv, error);
}

void
mc_options_clear (McOptions *o)
{
  g_clear_pointer (&o->report_kernel_event, g_free);
  g_clear_pointer (&o->modem, g_free);
  g_clear_pointer (&o->sim, g_free);
  g_clear_pointer (&o->bearer, g_free);
  g_clear_pointer (&o->sms, g_free);
  g_clear_pointer (&o->pin, g_free);
  g_clear_pointer (&o->puk, g_free);
  g_clear_pointer (&o->change_pin, g_free);
  g_clear_pointer (&o->simple_connect, g_free);
  g_clear_pointer (&o->create_bearer, g_free);
  g_clear_pointer (&o->delete_bearer, g_free);
  g_clear_pointer (&o->register_in_operator, g_free);
  g_clear_pointer (&o->allowed_modes, g_free);
  g_clear_pointer (&o->preferred_mode, g_free);
  g_clear_pointer (&o->current_bands, g_free);
  g_clear_pointer (&o->signal_setup, g_free);
  g_clear_pointer (&o->messaging_create, g_free);
  g_clear_pointer (&o->messaging_delete, g_free);
}
