/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The modem model's network side: power (+CFUN), registration per domain,
 * operator selection, access technology, allowed modes, signal and packet
 * service attachment. No protocol syntax lives here. */
#include "sim-model.h"

#include <string.h>

static gboolean
can_register (SimModel *self)
{
  return self->cfun == 1 && self->sim.lock == SIM_LOCK_READY
         && self->net.select_mode != SIM_SELECT_DEREGISTER;
}

/* Manual selection of a foreign network means roaming; of the SIM's own
 * network, home. Any other network state (searching, denied) applies as is. */
static SimRegState
effective_target (SimModel *self)
{
  SimRegState target = self->net.target;

  if (self->net.select_mode == SIM_SELECT_MANUAL && (target == SIM_REG_HOME || target == SIM_REG_ROAMING)
      && self->sim.imsi)
    return g_str_has_prefix (self->sim.imsi, self->net.operator_code) ? SIM_REG_HOME : SIM_REG_ROAMING;
  return target;
}

static SimRegState
domain_state (SimModel *self, SimDomain domain)
{
  SimRegState target = effective_target (self);
  gboolean lte = self->net.tech == SIM_TECH_LTE || self->net.tech == SIM_TECH_5GNR;

  if (!can_register (self))
    return SIM_REG_IDLE;
  if (self->registration_timer && (target == SIM_REG_HOME || target == SIM_REG_ROAMING))
    return SIM_REG_SEARCHING;
  switch (domain) {
  case SIM_DOMAIN_CS: return target;
  case SIM_DOMAIN_PS: return self->net.detached ? SIM_REG_IDLE : target;
  case SIM_DOMAIN_EPS: return lte && !self->net.detached ? target : SIM_REG_IDLE;
  case SIM_DOMAIN_5GS: return self->net.tech == SIM_TECH_5GNR && !self->net.detached ? target : SIM_REG_IDLE;
  }
  return SIM_REG_IDLE;
}

static gboolean
registration_delay_done (gpointer user_data)
{
  SimModel *self = user_data;

  self->registration_timer = 0;
  sim_model_update_registration (self);
  return G_SOURCE_REMOVE;
}

/* Recomputes what the terminal sees and emits one event per changed domain.
 * Losing packet service ends a data call, as a real network would. */
void
sim_model_update_registration (SimModel *self)
{
  gboolean can = can_register (self);

  if (can && !self->could_register && self->net.registration_delay_ms > 0)
    self->registration_timer = g_timeout_add (self->net.registration_delay_ms, registration_delay_done, self);
  if (!can)
    g_clear_handle_id (&self->registration_timer, g_source_remove);
  self->could_register = can;

  for (guint d = 0; d < SIM_N_DOMAINS; d++) {
    SimRegState state = domain_state (self, (SimDomain)d);

    if (state == self->reg[d])
      continue;
    self->reg[d] = state;
    sim_model_emit (self, SIM_EVENT_REGISTRATION, (SimDomain)d, 0);
  }
  if (self->call_cid && !sim_model_is_registered (self))
    sim_model_drop_call (self);
  if (self->sessions->len > 0 && !sim_model_has_packet_service (self))
    sim_model_drop_sessions (self);
}

gboolean
sim_model_has_packet_service (SimModel *self)
{
  for (SimDomain d = SIM_DOMAIN_PS; d < SIM_N_DOMAINS; d++) {
    if (self->reg[d] == SIM_REG_HOME || self->reg[d] == SIM_REG_ROAMING)
      return TRUE;
  }
  return FALSE;
}

gboolean
sim_model_registration_pending (SimModel *self)
{
  return self->registration_timer != 0;
}

SimRegState
sim_model_get_registration (SimModel *self)
{
  static const SimRegState order[]
    = { SIM_REG_HOME, SIM_REG_ROAMING, SIM_REG_SEARCHING, SIM_REG_DENIED, SIM_REG_UNKNOWN };

  for (guint i = 0; i < G_N_ELEMENTS (order); i++) {
    for (guint d = 0; d < SIM_N_DOMAINS; d++) {
      if (self->reg[d] == order[i])
        return order[i];
    }
  }
  return SIM_REG_IDLE;
}

gboolean
sim_model_is_registered (SimModel *self)
{
  SimRegState state = sim_model_get_registration (self);

  return state == SIM_REG_HOME || state == SIM_REG_ROAMING;
}

void
sim_model_restart (SimModel *self)
{
  self->drops_unreported = TRUE;
  sim_model_drop_call (self);
  sim_model_drop_sessions (self);
  self->drops_unreported = FALSE;
  self->cfun = self->cfun_at_start;
  self->sim.lock = sim_model_card_lock (self);
  sim_model_emit (self, SIM_EVENT_POWER, 0, 0);
  sim_model_emit (self, SIM_EVENT_SIM, 0, 0);
  sim_model_update_registration (self);
}

void
sim_model_start (SimModel *self)
{
  self->cfun_at_start = self->cfun;
  self->sim.lock = sim_model_card_lock (self);
  /* A modem that boots registered has already waited for its network. */
  self->could_register = can_register (self);
  for (guint d = 0; d < SIM_N_DOMAINS; d++)
    self->reg[d] = domain_state (self, (SimDomain)d);
}

gboolean
sim_model_set_cfun (SimModel *self, guint cfun, GError **error)
{
  if (cfun != 0 && cfun != 1 && cfun != 4) {
    g_set_error (error, SIM_ERROR, SIM_ERROR_NOT_SUPPORTED, "Unsupported functionality level %u", cfun);
    return FALSE;
  }
  if (cfun == self->cfun)
    return TRUE;
  self->cfun = cfun;
  sim_model_emit (self, SIM_EVENT_POWER, 0, 0);
  sim_model_update_registration (self);
  return TRUE;
}

void
sim_model_set_network_registration (SimModel *self, SimRegState state)
{
  self->net.target = state;
  sim_model_update_registration (self);
}

static void
set_operator (SimModel *self, const char *code, const char *name)
{
  if (g_strcmp0 (code, self->net.operator_code) == 0 && g_strcmp0 (name, self->net.operator_name) == 0)
    return;
  g_free (self->net.operator_code);
  g_free (self->net.operator_name);
  self->net.operator_code = g_strdup (code);
  self->net.operator_name = g_strdup (name);
  sim_model_emit (self, SIM_EVENT_OPERATOR, 0, 0);
}

static SimOperator *
find_available (SimModel *self, const char *code)
{
  for (guint i = 0; i < self->net.available->len; i++) {
    SimOperator *op = g_ptr_array_index (self->net.available, i);

    if (g_strcmp0 (op->code, code) == 0)
      return op;
  }
  return NULL;
}

void
sim_model_set_network_operator (SimModel *self, const char *code, const char *name)
{
  SimOperator *known = find_available (self, code);

  if (!name)
    name = known ? known->long_name : code;
  /* A network the modem can register on is one a scan finds. */
  if (!known)
    g_ptr_array_add (self->net.available,
                     sim_operator_new (code, name, NULL, self->net.tech, SIM_OPERATOR_AVAILABLE));
  g_free (self->net.network_code);
  g_free (self->net.network_name);
  self->net.network_code = g_strdup (code);
  self->net.network_name = g_strdup (name);
  if (self->net.select_mode != SIM_SELECT_MANUAL)
    set_operator (self, code, name);
}

void
sim_model_set_tech (SimModel *self, SimTech tech)
{
  if (tech == self->net.tech)
    return;
  self->net.tech = tech;
  sim_model_emit (self, SIM_EVENT_ACCESS_TECH, 0, 0);
  /* EPS and 5GS registration depend on the technology. */
  sim_model_update_registration (self);
}

gboolean
sim_model_set_allowed_modes (SimModel *self, guint modes, GError **error)
{
  if (modes == 0 || (modes & ~(guint)SIM_MODES_ALL) != 0) {
    g_set_error (error, SIM_ERROR, SIM_ERROR_INCORRECT_PARAMETERS, "Invalid modes 0x%x", modes);
    return FALSE;
  }
  self->allowed_modes = modes;
  return TRUE;
}

char *
sim_model_allowed_modes_string (SimModel *self)
{
  static const char *const names[] = { "2g", "3g", "4g", "5g" };
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++) {
    if (self->allowed_modes & (1u << i))
      g_string_append_printf (out, "%s%s", out->len ? "," : "", names[i]);
  }
  return g_string_free (out, FALSE);
}

gboolean
sim_model_set_signal (SimModel *self, guint rssi, GError **error)
{
  if (rssi > 31 && rssi != 99) {
    g_set_error (error, SIM_ERROR, SIM_ERROR_INCORRECT_PARAMETERS, "Signal %u is not 0-31 or 99", rssi);
    return FALSE;
  }
  if (rssi == self->net.rssi)
    return TRUE;
  self->net.rssi = rssi;
  sim_model_emit (self, SIM_EVENT_SIGNAL, 0, 0);
  return TRUE;
}

guint
sim_model_current_rssi (SimModel *self)
{
  return self->cfun == 1 ? self->net.rssi : 99;
}

SimOperatorStatus
sim_model_operator_status (SimModel *self, const SimOperator *op)
{
  if (sim_model_is_registered (self) && g_strcmp0 (op->code, self->net.operator_code) == 0)
    return SIM_OPERATOR_CURRENT;
  return op->status == SIM_OPERATOR_CURRENT ? SIM_OPERATOR_AVAILABLE : op->status;
}

static gboolean
select_manual (SimModel *self, const char *code, GError **error)
{
  SimOperator *op = find_available (self, code);

  if (self->cfun != 1 || !op) {
    g_set_error (error, SIM_ERROR, SIM_ERROR_NO_NETWORK, "Network %s not found", code);
    return FALSE;
  }
  if (op->status == SIM_OPERATOR_FORBIDDEN) {
    g_set_error (error, SIM_ERROR, SIM_ERROR_NETWORK_NOT_ALLOWED, "Network %s is forbidden", code);
    return FALSE;
  }
  if (self->net.select_mode == SIM_SELECT_AUTOMATIC)
    self->net.auto_tech = self->net.tech;
  self->net.select_mode = SIM_SELECT_MANUAL;
  set_operator (self, op->code, op->long_name);
  sim_model_set_tech (self, op->tech);
  return TRUE;
}

gboolean
sim_model_select_operator (SimModel *self, SimSelectMode mode, const char *code, GError **error)
{
  switch (mode) {
  case SIM_SELECT_AUTOMATIC:
    if (self->net.select_mode != SIM_SELECT_AUTOMATIC)
      sim_model_set_tech (self, self->net.auto_tech);
    self->net.select_mode = SIM_SELECT_AUTOMATIC;
    set_operator (self, self->net.network_code, self->net.network_name);
    break;
  case SIM_SELECT_MANUAL:
    if (!select_manual (self, code, error))
      return FALSE;
    break;
  case SIM_SELECT_DEREGISTER:
    if (self->net.select_mode == SIM_SELECT_AUTOMATIC)
      self->net.auto_tech = self->net.tech;
    self->net.select_mode = SIM_SELECT_DEREGISTER;
    break;
  }
  sim_model_update_registration (self);
  return TRUE;
}

gboolean
sim_model_set_attached (SimModel *self, gboolean attached, GError **error)
{
  if (attached && !can_register (self)) {
    g_set_error (error, SIM_ERROR, SIM_ERROR_NO_NETWORK, "No network to attach to");
    return FALSE;
  }
  if (self->net.detached == !attached)
    return TRUE;
  self->net.detached = !attached;
  if (!attached) {
    /* Detaching deactivates every context. */
    for (guint i = 0; i < self->contexts->len; i++) {
      SimContext *ctx = g_ptr_array_index (self->contexts, i);

      if (ctx->active)
        sim_model_set_context_active (self, ctx->cid, FALSE, NULL);
    }
  }
  sim_model_emit (self, SIM_EVENT_ATTACH, 0, 0);
  sim_model_update_registration (self);
  return TRUE;
}
