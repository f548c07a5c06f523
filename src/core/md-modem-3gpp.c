/* SPDX-License-Identifier: GPL-2.0-or-later */
/* MdModem's 3GPP network side: registration per domain merged into one
 * published state, which drives ENABLED/SEARCHING/REGISTERED; operator,
 * signal, access technology, modes and own numbers. */
#include "md-modem-private.h"

#include <string.h>

#include "md-log.h"

void
md_modem_private_init_3gpp (MdModem *self)
{
  self->supported_modes = g_array_new (FALSE, TRUE, sizeof (MdModeCombination));
  self->current_modes.allowed = MD_MODEM_MODE_ANY;
  self->current_modes.preferred = MD_MODEM_MODE_NONE;
  self->supported_bands = g_array_new (FALSE, TRUE, sizeof (guint32));
  self->current_bands = g_array_new (FALSE, TRUE, sizeof (guint32));
  self->own_numbers = g_new0 (char *, 1);
  self->unlock_retries = g_array_new (FALSE, TRUE, sizeof (MdUnlockRetry));
  self->unlock_required = MD_MODEM_LOCK_UNKNOWN;
  self->bearers = g_ptr_array_new_with_free_func (g_object_unref);
  /* Nothing is known of the network before the first enable. */
  for (guint i = 0; i < MD_REG_DOMAIN_COUNT; i++)
    self->registration[i] = MD_MODEM_3GPP_REGISTRATION_STATE_UNKNOWN;
  self->registration_state = MD_MODEM_3GPP_REGISTRATION_STATE_UNKNOWN;
  self->packet_service_state = MD_MODEM_3GPP_PACKET_SERVICE_STATE_UNKNOWN;
}

void
md_modem_private_finalize_3gpp (MdModem *self)
{
  g_array_unref (self->supported_modes);
  g_array_unref (self->supported_bands);
  g_array_unref (self->current_bands);
  g_array_unref (self->unlock_retries);
  g_strfreev (self->own_numbers);
  g_free (self->operator_code);
  g_free (self->operator_name);
  g_ptr_array_unref (self->bearers);
  g_clear_object (&self->sim);
}

/* Higher is better: which domain's report the published state follows. */
static guint
registration_rank (MdModem3gppRegistrationState state)
{
  switch (state) {
  case MD_MODEM_3GPP_REGISTRATION_STATE_HOME:
  case MD_MODEM_3GPP_REGISTRATION_STATE_HOME_SMS_ONLY:
  case MD_MODEM_3GPP_REGISTRATION_STATE_HOME_CSFB_NOT_PREFERRED: return 7;
  case MD_MODEM_3GPP_REGISTRATION_STATE_ROAMING:
  case MD_MODEM_3GPP_REGISTRATION_STATE_ROAMING_SMS_ONLY:
  case MD_MODEM_3GPP_REGISTRATION_STATE_ROAMING_CSFB_NOT_PREFERRED: return 6;
  case MD_MODEM_3GPP_REGISTRATION_STATE_EMERGENCY_ONLY: return 5;
  case MD_MODEM_3GPP_REGISTRATION_STATE_SEARCHING: return 4;
  case MD_MODEM_3GPP_REGISTRATION_STATE_DENIED: return 3;
  case MD_MODEM_3GPP_REGISTRATION_STATE_IDLE: return 2;
  case MD_MODEM_3GPP_REGISTRATION_STATE_ATTACHED_RLOS: return 1;
  case MD_MODEM_3GPP_REGISTRATION_STATE_UNKNOWN: return 0;
  }
  return 0;
}

static gboolean
state_is_registered (MdModem3gppRegistrationState state)
{
  return registration_rank (state) >= 6;
}

gboolean
md_modem_is_registered (MdModem *self)
{
  return state_is_registered (self->registration_state);
}

MdModemState
md_modem_registration_target_state (MdModem *self)
{
  if (state_is_registered (self->registration_state))
    return MD_MODEM_STATE_REGISTERED;
  if (self->registration_state == MD_MODEM_3GPP_REGISTRATION_STATE_SEARCHING)
    return MD_MODEM_STATE_SEARCHING;
  return MD_MODEM_STATE_ENABLED;
}

/* While enabled and not in a connection flow, the modem state mirrors the
 * registration. */
void
md_modem_follow_registration (MdModem *self)
{
  switch (self->state) {
  case MD_MODEM_STATE_ENABLED:
  case MD_MODEM_STATE_SEARCHING:
  case MD_MODEM_STATE_REGISTERED:
    md_modem_set_state (self, md_modem_registration_target_state (self),
                        MD_MODEM_STATE_CHANGE_REASON_UNKNOWN);
    return;
  case MD_MODEM_STATE_FAILED:
  case MD_MODEM_STATE_UNKNOWN:
  case MD_MODEM_STATE_INITIALIZING:
  case MD_MODEM_STATE_LOCKED:
  case MD_MODEM_STATE_DISABLED:
  case MD_MODEM_STATE_DISABLING:
  case MD_MODEM_STATE_ENABLING:
  case MD_MODEM_STATE_DISCONNECTING:
  case MD_MODEM_STATE_CONNECTING:
  case MD_MODEM_STATE_CONNECTED: return;
  }
}

/* TRUE when the operator changed. */
static gboolean
store_operator (MdModem *self, const char *code, const char *name)
{
  if (g_strcmp0 (code, self->operator_code) == 0 && g_strcmp0 (name, self->operator_name) == 0)
    return FALSE;
  g_free (self->operator_code);
  g_free (self->operator_name);
  self->operator_code = g_strdup (code);
  self->operator_name = g_strdup (name);
  return TRUE;
}

static MdModem3gppRegistrationState
merged_registration (MdModem *self)
{
  MdModem3gppRegistrationState best = MD_MODEM_3GPP_REGISTRATION_STATE_UNKNOWN;

  for (guint i = 0; i < MD_REG_DOMAIN_COUNT; i++) {
    if (registration_rank (self->registration[i]) > registration_rank (best))
      best = self->registration[i];
  }
  return best;
}

static void
publish_registration (MdModem *self, MdModem3gppRegistrationState best, gboolean changed)
{
  if (best != self->registration_state) {
    md_log_info (self->log_name, "3GPP registration state changed (%u -> %u)", self->registration_state,
                 best);
    self->registration_state = best;
    if (!state_is_registered (best)) {
      self->access_technologies = MD_MODEM_ACCESS_TECHNOLOGY_UNKNOWN;
      g_clear_pointer (&self->operator_code, g_free);
      g_clear_pointer (&self->operator_name, g_free);
    }
    changed = TRUE;
  }
  if (changed)
    md_modem_emit_live_changed (self);
  md_modem_follow_registration (self);
}

static void
held_operator_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  MdModem *self = MD_MODEM (source);
  g_autoptr (GError) error = NULL;
  g_autoptr (MdNetwork) network = g_task_propagate_pointer (G_TASK (result), &error);
  MdModem3gppRegistrationState best = merged_registration (self);

  self->operator_read_pending = FALSE;
  /* Disabled meanwhile: the disable reset what was held. */
  if (self->state < MD_MODEM_STATE_ENABLED)
    return;
  if (error)
    md_log_debug (self->log_name, "operator not read with the registration: %s", error->message);
  if (network && state_is_registered (best))
    store_operator (self, network->code, network->long_name);
  publish_registration (self, best, TRUE);
}

/* Reports of protocols that name no operator with the registration (the
 * netreg ops have load_operator: AT's +CREG and kin) do not publish a new
 * home or roaming state before the operator was read again, as
 * ModemManager does: a client never sees the new state with the old, or
 * no, operator. During enabling the first poll reads it right after. */
static gboolean
hold_for_operator (MdModem *self, MdModem3gppRegistrationState best)
{
  const MdModemNetregOps *netreg = md_modem_get_ops (self)->netreg;

  return netreg && netreg->load_operator && self->state >= MD_MODEM_STATE_ENABLED
         && state_is_registered (best) && best != self->registration_state;
}

void
md_modem_update_registration (MdModem *self, MdRegDomain domain, MdModem3gppRegistrationState state,
                              const MdCellLocation *location, guint32 access_technologies)
{
  MdModem3gppRegistrationState best;
  gboolean changed = FALSE;

  /* Registration is tracked from enabling on, as in ModemManager: what an
   * MBIM modem reports with its radio off must not replace "unknown". */
  if (self->state < MD_MODEM_STATE_ENABLING)
    return;
  self->registration[domain] = state;
  best = merged_registration (self);
  if (location && state_is_registered (state)) {
    /* CS/PS reports carry the LAC, EPS/5GS ones the TAC: keep both. */
    MdCellLocation merged = self->location;

    if (location->lac)
      merged.lac = location->lac;
    if (location->tac)
      merged.tac = location->tac;
    merged.cell_id = location->cell_id;
    if (memcmp (&merged, &self->location, sizeof merged) != 0) {
      self->location = merged;
      changed = TRUE;
    }
  }
  if (access_technologies && state_is_registered (state)
      && self->access_technologies != access_technologies) {
    self->access_technologies = access_technologies;
    changed = TRUE;
  }
  /* A read under way publishes what the reports say when it answers; a
   * loss of registration goes out at once. */
  if (state_is_registered (best) && (self->operator_read_pending || hold_for_operator (self, best))) {
    if (!self->operator_read_pending) {
      self->operator_read_pending = TRUE;
      md_modem_get_ops (self)->netreg->load_operator (self,
                                                      g_task_new (self, NULL, held_operator_ready, NULL));
    }
    if (changed)
      md_modem_emit_live_changed (self);
    return;
  }
  publish_registration (self, best, changed);
}

MdModem3gppRegistrationState
md_modem_get_registration_state (MdModem *self)
{
  return self->registration_state;
}

/* Attached while registered for data; while disabled, what the last
 * disable left (md_modem_reset_network_state). */
MdModem3gppPacketServiceState
md_modem_get_packet_service_state (MdModem *self)
{
  if (self->state < MD_MODEM_STATE_ENABLED)
    return self->packet_service_state;
  return md_modem_is_registered (self) ? MD_MODEM_3GPP_PACKET_SERVICE_STATE_ATTACHED
                                       : MD_MODEM_3GPP_PACKET_SERVICE_STATE_DETACHED;
}

const MdCellLocation *
md_modem_get_location (MdModem *self)
{
  return &self->location;
}

void
md_modem_set_operator (MdModem *self, const char *code, const char *name)
{
  if (store_operator (self, code, name))
    md_modem_emit_live_changed (self);
}

const char *
md_modem_get_operator_code (MdModem *self)
{
  return self->operator_code;
}

const char *
md_modem_get_operator_name (MdModem *self)
{
  return self->operator_name;
}

void
md_modem_set_access_technologies (MdModem *self, guint32 access_technologies)
{
  if (self->access_technologies == access_technologies)
    return;
  self->access_technologies = access_technologies;
  md_modem_emit_live_changed (self);
}

guint32
md_modem_get_access_technologies (MdModem *self)
{
  return self->access_technologies;
}

void
md_modem_set_signal_quality (MdModem *self, guint quality, gboolean recent)
{
  quality = MIN (quality, 100);
  if (recent)
    self->signal_updated_us = g_get_monotonic_time ();
  if (self->signal_quality == quality && self->signal_recent == recent)
    return;
  self->signal_quality = quality;
  self->signal_recent = recent;
  md_modem_emit_live_changed (self);
}

void
md_modem_age_signal_quality (MdModem *self)
{
  if (self->signal_recent && g_get_monotonic_time () - self->signal_updated_us > MD_SIGNAL_RECENT_US)
    md_modem_set_signal_quality (self, self->signal_quality, FALSE);
}

guint
md_modem_get_signal_quality (MdModem *self, gboolean *recent)
{
  if (recent)
    *recent = self->signal_recent;
  return self->signal_quality;
}

void
md_modem_set_facility_locks (MdModem *self, guint32 locks)
{
  if (self->facility_locks == locks)
    return;
  self->facility_locks = locks;
  md_modem_emit_changed (self);
}

guint32
md_modem_get_facility_locks (MdModem *self)
{
  return self->facility_locks;
}

void
md_modem_set_eps_ue_mode (MdModem *self, MdModem3gppEpsUeModeOperation mode)
{
  if (self->eps_ue_mode == mode)
    return;
  self->eps_ue_mode = mode;
  md_modem_emit_changed (self);
}

MdModem3gppEpsUeModeOperation
md_modem_get_eps_ue_mode (MdModem *self)
{
  return self->eps_ue_mode;
}

void
md_modem_take_own_numbers (MdModem *self, GStrv numbers)
{
  g_strfreev (self->own_numbers);
  self->own_numbers = numbers ? numbers : g_new0 (char *, 1);
  md_modem_emit_changed (self);
}

const char *const *
md_modem_get_own_numbers (MdModem *self)
{
  return (const char *const *)self->own_numbers;
}

void
md_modem_take_supported_modes (MdModem *self, GArray *modes)
{
  g_array_unref (self->supported_modes);
  self->supported_modes = modes;
  md_modem_emit_changed (self);
}

GArray *
md_modem_get_supported_modes (MdModem *self)
{
  return self->supported_modes;
}

void
md_modem_set_current_modes (MdModem *self, const MdModeCombination *modes)
{
  if (self->current_modes.allowed == modes->allowed && self->current_modes.preferred == modes->preferred)
    return;
  self->current_modes = *modes;
  md_modem_emit_changed (self);
}

const MdModeCombination *
md_modem_get_current_modes (MdModem *self)
{
  return &self->current_modes;
}

static gboolean
same_bands (GArray *a, GArray *b)
{
  return a->len == b->len && memcmp (a->data, b->data, a->len * sizeof (guint32)) == 0;
}

void
md_modem_take_supported_bands (MdModem *self, GArray *bands)
{
  g_autoptr (GArray) old = self->supported_bands;

  self->supported_bands = bands;
  if (!same_bands (old, bands))
    md_modem_emit_changed (self);
}

GArray *
md_modem_get_supported_bands (MdModem *self)
{
  return self->supported_bands;
}

void
md_modem_set_current_bands (MdModem *self, GArray *bands)
{
  if (same_bands (self->current_bands, bands))
    return;
  g_array_set_size (self->current_bands, 0);
  g_array_append_vals (self->current_bands, bands->data, bands->len);
  md_modem_emit_changed (self);
}

GArray *
md_modem_get_current_bands (MdModem *self)
{
  return self->current_bands;
}

void
md_modem_set_ip_families (MdModem *self, guint32 families)
{
  if (self->ip_families == families)
    return;
  self->ip_families = families;
  md_modem_emit_changed (self);
}

guint32
md_modem_get_ip_families (MdModem *self)
{
  return self->ip_families;
}

void
md_modem_reset_network_state (MdModem *self)
{
  for (guint i = 0; i < MD_REG_DOMAIN_COUNT; i++)
    self->registration[i] = MD_MODEM_3GPP_REGISTRATION_STATE_UNKNOWN;
  self->registration_state = MD_MODEM_3GPP_REGISTRATION_STATE_UNKNOWN;
  /* A disabled radio is detached, as ModemManager reports it once a modem
   * was disabled (before the first enable it does not know). */
  self->packet_service_state = MD_MODEM_3GPP_PACKET_SERVICE_STATE_DETACHED;
  self->access_technologies = MD_MODEM_ACCESS_TECHNOLOGY_UNKNOWN;
  self->signal_quality = 0;
  self->signal_recent = FALSE;
  g_clear_pointer (&self->operator_code, g_free);
  g_clear_pointer (&self->operator_name, g_free);
  md_modem_emit_live_changed (self);
}
