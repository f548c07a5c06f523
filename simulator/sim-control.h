/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The control socket: a unix stream socket on which tests change the
 * simulated network ("register roaming", "signal 10", "sms-incoming ...")
 * and read the modem's state ("get cfun"), one line per command, one line
 * per reply ("OK", "OK <value>", "ERROR <reason>"). */
#pragma once

#include <glib.h>

#include "sim-at.h"
#include "sim-mbim.h"
#include "sim-model.h"
#include "sim-qmi.h"
#include "sim-transport.h"

G_BEGIN_DECLS

/* Any front end may be absent (NULL): a pure MBIM modem has no AT session,
 * and commands about a missing one answer "ERROR no ... port". */
typedef struct {
  SimModel *model;
  SimAt *at;
  SimTransport *transport; /* the AT port */
  SimMbim *mbim;
  SimTransport *mbim_transport;
  /* Called after the reply to "quit" or "unplug" went out. */
  void (*quit) (gpointer user_data);
  gpointer user_data;
  SimQmi *qmi;
  SimTransport *qmi_transport;
  /* The second and further QMI ports (SimQmi*, SimTransport*, same order);
   * NULL or empty without. */
  GPtrArray *qmi_extra;
  GPtrArray *qmi_extra_transports;
} SimControlTarget;

typedef enum {
  SIM_CONTROL_CONTINUE,
  SIM_CONTROL_QUIT,
} SimControlAction;

typedef struct _SimControl SimControl;

SimControl *sim_control_new (const char *path, const SimControlTarget *target, GError **error);
/* Stops listening and removes the socket file. */
void sim_control_free (SimControl *self);

/* Runs one command line; returns the reply line without its newline. */
char *sim_control_execute (const SimControlTarget *target, const char *line, SimControlAction *out_action);
/* The "get" verb, args being what follows it (sim-control-get.c). */
char *sim_control_get (const SimControlTarget *target, const char *args);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SimControl, sim_control_free)

G_END_DECLS
