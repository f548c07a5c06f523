/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

#include <glib.h>

/* Every option modemctl accepts, with mmcli's meaning. */
typedef struct {
  gboolean list_modems;
  gboolean monitor_modems;
  char *report_kernel_event;
  char *modem;
  char *sim;
  char *bearer;
  char *sms;
  gboolean enable;
  gboolean disable;
  gboolean power_low;
  gboolean power_on;
  char *pin;
  char *puk;
  gboolean enable_pin;
  gboolean disable_pin;
  char *change_pin;
  char *simple_connect;
  gboolean simple_disconnect;
  gint wait_registered;
  char *create_bearer;
  char *delete_bearer;
  gboolean scan;
  gboolean register_home;
  char *register_in_operator;
  char *allowed_modes;
  char *preferred_mode;
  char *current_bands;
  char *signal_setup;
  gboolean signal_get;
  gboolean messaging_list;
  char *messaging_create;
  char *messaging_delete;
  gboolean sms_send;
  gint timeout; /* seconds; 30 unless given */
  gboolean keyvalue;
  gboolean json;
  gboolean version;
} McOptions;

/* Parses argv (GLib option syntax, as mmcli). FALSE with error on a
 * malformed command line. */
gboolean mc_options_parse (McOptions *opts, int *argc, char ***argv, GError **error);
void mc_options_clear (McOptions *opts);
