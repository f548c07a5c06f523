/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The SIM card of the model: PIN and PUK verification with retry counters,
 * the SIM PIN facility lock and PIN changes. A wrong PIN costs a retry and
 * the last one turns the lock into PUK; the last wrong PUK blocks the card.
 * The card can be taken out and put back (its codes and counters kept). */
#include "sim-model.h"

#include <string.h>

gboolean
sim_pin_is_valid (const char *pin, guint min_len, guint max_len)
{
  gsize len = pin ? strlen (pin) : 0;

  if (len < min_len || len > max_len)
    return FALSE;
  for (gsize i = 0; i < len; i++) {
    if (!g_ascii_isdigit (pin[i]))
      return FALSE;
  }
  return TRUE;
}

gboolean
sim_model_check_sim_ready (SimModel *self, GError **error)
{
  switch (self->sim.lock) {
  case SIM_LOCK_READY: return TRUE;
  case SIM_LOCK_PIN:
    g_set_error (error, SIM_ERROR, SIM_ERROR_SIM_PIN_REQUIRED, "SIM PIN required");
    return FALSE;
  case SIM_LOCK_PUK:
    g_set_error (error, SIM_ERROR, SIM_ERROR_SIM_PUK_REQUIRED, "SIM PUK required");
    return FALSE;
  case SIM_LOCK_BLOCKED: g_set_error (error, SIM_ERROR, SIM_ERROR_SIM_FAILURE, "SIM blocked"); return FALSE;
  case SIM_LOCK_ABSENT:
    g_set_error (error, SIM_ERROR, SIM_ERROR_SIM_NOT_INSERTED, "SIM not inserted");
    return FALSE;
  }
  return FALSE;
}

static void
set_lock (SimModel *self, SimLockState lock)
{
  self->sim.lock = lock;
  sim_model_emit (self, SIM_EVENT_SIM, 0, 0);
  /* Only an unlocked card lets the modem register. */
  sim_model_update_registration (self);
}

SimLockState
sim_model_card_lock (SimModel *self)
{
  if (!self->sim.present)
    return SIM_LOCK_ABSENT;
  if (self->sim.puk_retries == 0)
    return SIM_LOCK_BLOCKED;
  if (self->sim.pin_enabled && self->sim.pin_retries == 0)
    return SIM_LOCK_PUK;
  if (self->sim.pin_enabled)
    return SIM_LOCK_PIN;
  return SIM_LOCK_READY;
}

gboolean
sim_model_set_card_present (SimModel *self, gboolean present, GError **error)
{
  if (self->sim.present == present) {
    g_set_error (error, SIM_ERROR, SIM_ERROR_NOT_ALLOWED, present ? "The SIM is in" : "The SIM is out");
    return FALSE;
  }
  self->sim.present = present;
  if (!present) {
    /* Without its card the modem loses the network's data connections. */
    sim_model_drop_call (self);
    sim_model_drop_sessions (self);
  }
  set_lock (self, sim_model_card_lock (self));
  return TRUE;
}

/* Checks a PIN against the card, charging a retry when it is wrong. */
static gboolean
verify_pin (SimModel *self, const char *pin, GError **error)
{
  if (g_strcmp0 (pin, self->sim.pin) == 0) {
    self->sim.pin_retries = self->sim.pin_max;
    return TRUE;
  }
  if (self->sim.pin_retries > 0)
    self->sim.pin_retries--;
  if (self->sim.pin_retries == 0)
    set_lock (self, SIM_LOCK_PUK);
  else
    sim_model_emit (self, SIM_EVENT_SIM, 0, 0);
  g_set_error (error, SIM_ERROR, SIM_ERROR_INCORRECT_PASSWORD, "Incorrect PIN");
  return FALSE;
}

/* Refuses a PIN action unless the card has no pending PIN/PUK request. */
static gboolean
check_present (SimModel *self, GError **error)
{
  switch (self->sim.lock) {
  case SIM_LOCK_READY:
  case SIM_LOCK_PIN:
  case SIM_LOCK_PUK: return TRUE;
  case SIM_LOCK_BLOCKED:
  case SIM_LOCK_ABSENT: break;
  }
  return sim_model_check_sim_ready (self, error);
}

gboolean
sim_model_enter_pin (SimModel *self, const char *pin, GError **error)
{
  if (!check_present (self, error))
    return FALSE;
  switch (self->sim.lock) {
  case SIM_LOCK_PIN: break;
  case SIM_LOCK_PUK: return sim_model_check_sim_ready (self, error);
  case SIM_LOCK_READY:
  case SIM_LOCK_BLOCKED:
  case SIM_LOCK_ABSENT:
    g_set_error (error, SIM_ERROR, SIM_ERROR_NOT_ALLOWED, "No PIN is requested");
    return FALSE;
  }
  if (!verify_pin (self, pin, error))
    return FALSE;
  set_lock (self, SIM_LOCK_READY);
  return TRUE;
}

gboolean
sim_model_enter_puk (SimModel *self, const char *puk, const char *new_pin, GError **error)
{
  if (!check_present (self, error))
    return FALSE;
  if (self->sim.lock == SIM_LOCK_READY) {
    g_set_error (error, SIM_ERROR, SIM_ERROR_NOT_ALLOWED, "No PUK is requested");
    return FALSE;
  }
  if (!sim_pin_is_valid (new_pin, 4, 8)) {
    g_set_error (error, SIM_ERROR, SIM_ERROR_INCORRECT_PARAMETERS, "The new PIN must be 4-8 digits");
    return FALSE;
  }
  if (g_strcmp0 (puk, self->sim.puk) != 0) {
    if (self->sim.puk_retries > 0)
      self->sim.puk_retries--;
    if (self->sim.puk_retries == 0)
      set_lock (self, SIM_LOCK_BLOCKED);
    else
      sim_model_emit (self, SIM_EVENT_SIM, 0, 0);
    g_set_error (error, SIM_ERROR, SIM_ERROR_INCORRECT_PASSWORD, "Incorrect PUK");
    return FALSE;
  }
  g_free (self->sim.pin);
  self->sim.pin = g_strdup (new_pin);
  self->sim.pin_retries = self->sim.pin_max;
  self->sim.puk_retries = self->sim.puk_max;
  self->sim.pin_enabled = TRUE;
  set_lock (self, SIM_LOCK_READY);
  return TRUE;
}

gboolean
sim_model_set_pin_enabled (SimModel *self, gboolean enabled, const char *pin, GError **error)
{
  if (!sim_model_check_sim_ready (self, error))
    return FALSE;
  if (!verify_pin (self, pin, error))
    return FALSE;
  self->sim.pin_enabled = enabled;
  sim_model_emit (self, SIM_EVENT_SIM, 0, 0);
  return TRUE;
}

gboolean
sim_model_change_pin (SimModel *self, const char *old_pin, const char *new_pin, GError **error)
{
  if (!sim_model_check_sim_ready (self, error))
    return FALSE;
  /* Like most cards: the PIN can only be changed while it is in use. */
  if (!self->sim.pin_enabled) {
    g_set_error (error, SIM_ERROR, SIM_ERROR_NOT_ALLOWED, "The SIM PIN is disabled");
    return FALSE;
  }
  if (!sim_pin_is_valid (new_pin, 4, 8)) {
    g_set_error (error, SIM_ERROR, SIM_ERROR_INCORRECT_PARAMETERS, "The new PIN must be 4-8 digits");
    return FALSE;
  }
  if (!verify_pin (self, old_pin, error))
    return FALSE;
  g_free (self->sim.pin);
  self->sim.pin = g_strdup (new_pin);
  sim_model_emit (self, SIM_EVENT_SIM, 0, 0);
  return TRUE;
}
