/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The modem-sim program as end-to-end tests run it: started with a shipped
 * scenario, its announced ports read from stdout, driven through its control
 * socket, stopped. MODEM_SIM and SIM_SCENARIOS_DIR name the program and the
 * scenarios. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct {
  GSubprocess *process;
  char *dir;
  char *at;   /* the announced AT port; NULL with at "none" */
  char *mbim; /* the announced MBIM port; NULL without mbim */
  char *control;
} SimProcess;

/* at: "pty", "abstract:NAME" or "none"; mbim: "pty" or NULL. Asserts that
 * exactly the requested ports were announced. */
void sim_process_start (SimProcess *sim, const char *scenario, const char *at, const char *mbim);
void sim_process_stop (SimProcess *sim);

/* Sends one control command and returns the reply line. */
char *sim_process_control (SimProcess *sim, const char *command);
/* The value of "get key", without "OK ". */
char *sim_process_get (SimProcess *sim, const char *key);

G_END_DECLS
