/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The network's USSD service in the model: a balance code, a two-entry
 * menu that waits for the user's choice, and what the network sends on its
 * own (the control socket's `ussd`). Answers come as SIM_EVENT_USSD on the
 * next main loop turn, after the front end acknowledged the request. */
#include "sim-model.h"

#define BALANCE "Balance: 12.34 EUR"
#define DATA    "Data left: 1.5 GB"
#define MENU    "1 Balance 2 Data"

static gboolean
answer_now (gpointer user_data)
{
  SimModel *self = user_data;

  self->ussd.timer = 0;
  sim_model_emit (self, SIM_EVENT_USSD, 0, 0);
  return G_SOURCE_REMOVE;
}

static void
set_answer (SimModel *self, guint status, const char *text)
{
  g_free (self->ussd.text);
  self->ussd.text = g_strdup (text);
  self->ussd.status = status;
  self->ussd.menu_open = status == SIM_USSD_ACTION_REQUIRED;
}

void
sim_model_ussd_send (SimModel *self, const char *text)
{
  g_free (self->ussd.last_request);
  self->ussd.last_request = g_strdup (text);
  if (self->ussd.menu_open) {
    if (g_strcmp0 (text, "1") == 0)
      set_answer (self, SIM_USSD_DONE, BALANCE);
    else if (g_strcmp0 (text, "2") == 0)
      set_answer (self, SIM_USSD_DONE, DATA);
    else
      set_answer (self, SIM_USSD_ACTION_REQUIRED, "Invalid choice. " MENU);
  } else if (g_strcmp0 (text, "*100#") == 0) {
    set_answer (self, SIM_USSD_DONE, BALANCE);
  } else if (g_strcmp0 (text, "*101#") == 0) {
    set_answer (self, SIM_USSD_ACTION_REQUIRED, MENU);
  } else {
    set_answer (self, SIM_USSD_NOT_SUPPORTED, NULL);
  }
  if (!self->ussd.timer)
    self->ussd.timer = g_idle_add (answer_now, self);
}

void
sim_model_ussd_cancel (SimModel *self)
{
  g_clear_handle_id (&self->ussd.timer, g_source_remove);
  self->ussd.menu_open = FALSE;
}

void
sim_model_ussd_network (SimModel *self, SimUssdStatus status, const char *text)
{
  g_clear_handle_id (&self->ussd.timer, g_source_remove);
  set_answer (self, status, text);
  sim_model_emit (self, SIM_EVENT_USSD, 0, 0);
}

void
sim_model_ussd_clear (SimModel *self)
{
  g_clear_handle_id (&self->ussd.timer, g_source_remove);
  g_clear_pointer (&self->ussd.text, g_free);
  g_clear_pointer (&self->ussd.last_request, g_free);
}
