/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The initialization flow: one step enum and one step function; each step
 * runs one init/sim op and stores its result on the modem. It stops at
 * LOCKED when the SIM wants a PIN, and resumes from the unlock check once
 * the SIM is unlocked. Protocol details are behind the ops tables. */
#include "md-modem-init.h"

#include "md-errors.h"
#include "md-log.h"
#include "md-modem-sim-presence.h"
#include "md-object-ids.h"

typedef enum {
  INIT_STEP_FIRST,
  INIT_STEP_SETUP,
  INIT_STEP_IDENTITY,
  INIT_STEP_CAPABILITIES,
  INIT_STEP_SUPPORTED_MODES,
  INIT_STEP_CURRENT_MODES,
  INIT_STEP_SUPPORTED_BANDS,
  INIT_STEP_CURRENT_BANDS,
  INIT_STEP_IP_FAMILIES,
  INIT_STEP_POWER_STATE,
  INIT_STEP_SIM_WATCH,
  INIT_STEP_UNLOCK_REQUIRED,
  INIT_STEP_UNLOCK_RETRIES,
  INIT_STEP_SIM_INFO,
  INIT_STEP_OWN_NUMBERS,
  INIT_STEP_FACILITY_LOCKS,
  INIT_STEP_EPS_UE_MODE,
  INIT_STEP_NETREG_SETUP,
  INIT_STEP_TIME_SETUP,
  INIT_STEP_USSD_SETUP,
  INIT_STEP_LAST,
} InitStep;

typedef enum {
  OUTCOME_CONTINUE,
  OUTCOME_LOCKED, /* stop here, modem LOCKED */
  OUTCOME_FAILED, /* stop here, modem FAILED with the reason given */
} Outcome;

typedef struct {
  InitStep step;
  MdModemStateFailedReason failed_reason;
} InitContext;

/* Stores an op's result on the modem; error is set when the op failed. */
typedef Outcome (*StoreFn) (MdModem *self, GAsyncResult *result, InitContext *ctx, GError **error);

static void init_step (GTask *task);

static gboolean
is_fatal_port_error (const GError *error)
{
  return g_error_matches (error, MD_SERIAL_ERROR, MD_SERIAL_ERROR_NOT_OPEN)
         || g_error_matches (error, MD_SERIAL_ERROR, MD_SERIAL_ERROR_RESPONSE_TIMEOUT)
         || g_error_matches (error, MD_CORE_ERROR, MD_CORE_ERROR_CANCELLED);
}

/* Optional loads: a modem that cannot answer keeps the default value. */
static Outcome
optional (MdModem *self, GError **error, const char *what)
{
  if (is_fatal_port_error (*error))
    return OUTCOME_FAILED;
  md_log_debug (md_modem_get_log_name (self), "%s unknown: %s", what, (*error)->message);
  g_clear_error (error);
  return OUTCOME_CONTINUE;
}

static Outcome
store_setup (MdModem *self, GAsyncResult *result, InitContext *ctx, GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error) ? OUTCOME_CONTINUE : OUTCOME_FAILED;
}

static Outcome
store_identity (MdModem *self, GAsyncResult *result, InitContext *ctx, GError **error)
{
  MdModemIdentity *identity = g_task_propagate_pointer (G_TASK (result), error);

  if (!identity)
    return OUTCOME_FAILED;
  md_modem_take_identity (self, identity);
  return OUTCOME_CONTINUE;
}

static Outcome
store_capabilities (MdModem *self, GAsyncResult *result, InitContext *ctx, GError **error)
{
  gssize caps = g_task_propagate_int (G_TASK (result), error);

  if (*error)
    return optional (self, error, "capabilities");
  md_modem_set_capabilities (self, (guint32)caps);
  return OUTCOME_CONTINUE;
}

static Outcome
store_supported_modes (MdModem *self, GAsyncResult *result, InitContext *ctx, GError **error)
{
  GArray *modes = g_task_propagate_pointer (G_TASK (result), error);

  guint32 all = 0;
  guint32 caps;

  if (!modes)
    return optional (self, error, "supported modes");
  for (guint i = 0; i < modes->len; i++)
    all |= g_array_index (modes, MdModeCombination, i).allowed;
  md_modem_take_supported_modes (self, modes);
  /* Until the modem says otherwise, every supported mode is in use. */
  md_modem_set_current_modes (self, &(MdModeCombination){ all, MD_MODEM_MODE_NONE });
  /* +GCAP rarely names LTE or 5G; the radio modes do. */
  caps = md_modem_get_capabilities (self);
  if (all & (MD_MODEM_MODE_2G | MD_MODEM_MODE_3G))
    caps |= MD_MODEM_CAPABILITY_GSM_UMTS;
  if (all & MD_MODEM_MODE_4G)
    caps |= MD_MODEM_CAPABILITY_LTE;
  if (all & MD_MODEM_MODE_5G)
    caps |= MD_MODEM_CAPABILITY_5GNR;
  md_modem_set_capabilities (self, caps);
  return OUTCOME_CONTINUE;
}

static Outcome
store_supported_bands (MdModem *self, GAsyncResult *result, InitContext *ctx, GError **error)
{
  GArray *bands = g_task_propagate_pointer (G_TASK (result), error);

  if (!bands)
    return optional (self, error, "supported bands");
  md_modem_take_supported_bands (self, bands);
  /* Until the modem says otherwise, every supported band is in use. */
  md_modem_set_current_bands (self, bands);
  return OUTCOME_CONTINUE;
}

static Outcome
store_current_bands (MdModem *self, GAsyncResult *result, InitContext *ctx, GError **error)
{
  g_autoptr (GArray) bands = g_task_propagate_pointer (G_TASK (result), error);

  if (!bands)
    return optional (self, error, "current bands");
  md_modem_set_current_bands (self, bands);
  return OUTCOME_CONTINUE;
}

static Outcome
store_current_modes (MdModem *self, GAsyncResult *result, InitContext *ctx, GError **error)
{
  g_autofree MdModeCombination *modes = g_task_propagate_pointer (G_TASK (result), error);

  if (!modes)
    return optional (self, error, "current modes");
  md_modem_set_current_modes (self, modes);
  return OUTCOME_CONTINUE;
}

static Outcome
store_ip_families (MdModem *self, GAsyncResult *result, InitContext *ctx, GError **error)
{
  gssize families = g_task_propagate_int (G_TASK (result), error);

  if (*error)
    return optional (self, error, "IP families");
  md_modem_set_ip_families (self, (guint32)families);
  return OUTCOME_CONTINUE;
}

static Outcome
store_power_state (MdModem *self, GAsyncResult *result, InitContext *ctx, GError **error)
{
  gssize power = g_task_propagate_int (G_TASK (result), error);

  if (*error)
    return optional (self, error, "power state");
  md_modem_set_power_state (self, (MdModemPowerState)power);
  return OUTCOME_CONTINUE;
}

static MdSim *
ensure_sim (MdModem *self)
{
  if (!md_modem_get_sim (self)) {
    g_autoptr (MdSim) sim = md_sim_new (md_object_id_next (MD_OBJECT_SIM), md_modem_get_log_name (self));

    md_modem_set_sim (self, sim);
  }
  return md_modem_get_sim (self);
}

static Outcome
store_unlock_required (MdModem *self, GAsyncResult *result, InitContext *ctx, GError **error)
{
  gssize lock = g_task_propagate_int (G_TASK (result), error);

  md_modem_set_sim_presence (self, md_sim_presence_from_unlock_check (*error));
  if (g_error_matches (*error, MD_MOBILE_EQUIPMENT_ERROR, MD_MOBILE_EQUIPMENT_ERROR_SIM_NOT_INSERTED)) {
    ctx->failed_reason = MD_MODEM_STATE_FAILED_REASON_SIM_MISSING;
    return OUTCOME_FAILED;
  }
  if (g_error_matches (*error, MD_MOBILE_EQUIPMENT_ERROR, MD_MOBILE_EQUIPMENT_ERROR_SIM_FAILURE)
      || g_error_matches (*error, MD_MOBILE_EQUIPMENT_ERROR, MD_MOBILE_EQUIPMENT_ERROR_SIM_WRONG)) {
    ctx->failed_reason = MD_MODEM_STATE_FAILED_REASON_SIM_ERROR;
    return OUTCOME_FAILED;
  }
  if (*error)
    return optional (self, error, "lock state");
  md_modem_set_unlock_required (self, (MdModemLock)lock);
  /* The SIM object exists while locked too, so clients can send the PIN
   * to it; its identifiers follow once it is unlocked. */
  ensure_sim (self);
  return OUTCOME_CONTINUE;
}

static Outcome
store_unlock_retries (MdModem *self, GAsyncResult *result, InitContext *ctx, GError **error)
{
  GArray *retries = g_task_propagate_pointer (G_TASK (result), error);

  if (retries)
    md_modem_take_unlock_retries (self, retries);
  else if (optional (self, error, "unlock retries") == OUTCOME_FAILED)
    return OUTCOME_FAILED;
  switch (md_modem_get_unlock_required (self)) {
  case MD_MODEM_LOCK_NONE:
  case MD_MODEM_LOCK_UNKNOWN:
  case MD_MODEM_LOCK_SIM_PIN2:
  case MD_MODEM_LOCK_SIM_PUK2: return OUTCOME_CONTINUE;
  case MD_MODEM_LOCK_SIM_PIN:
  case MD_MODEM_LOCK_SIM_PUK:
  case MD_MODEM_LOCK_PH_SP_PIN:
  case MD_MODEM_LOCK_PH_SP_PUK:
  case MD_MODEM_LOCK_PH_NET_PIN:
  case MD_MODEM_LOCK_PH_NET_PUK:
  case MD_MODEM_LOCK_PH_SIM_PIN:
  case MD_MODEM_LOCK_PH_CORP_PIN:
  case MD_MODEM_LOCK_PH_CORP_PUK:
  case MD_MODEM_LOCK_PH_FSIM_PIN:
  case MD_MODEM_LOCK_PH_FSIM_PUK:
  case MD_MODEM_LOCK_PH_NETSUB_PIN:
  case MD_MODEM_LOCK_PH_NETSUB_PUK: return OUTCOME_LOCKED;
  }
  return OUTCOME_CONTINUE;
}

static Outcome
store_sim_info (MdModem *self, GAsyncResult *result, InitContext *ctx, GError **error)
{
  MdSimInfo *info = g_task_propagate_pointer (G_TASK (result), error);

  if (!info)
    return optional (self, error, "SIM identity");
  md_sim_take_info (ensure_sim (self), info);
  return OUTCOME_CONTINUE;
}

static Outcome
store_own_numbers (MdModem *self, GAsyncResult *result, InitContext *ctx, GError **error)
{
  GStrv numbers = g_task_propagate_pointer (G_TASK (result), error);

  if (!numbers)
    return optional (self, error, "own numbers");
  md_modem_take_own_numbers (self, numbers);
  return OUTCOME_CONTINUE;
}

static Outcome
store_facility_locks (MdModem *self, GAsyncResult *result, InitContext *ctx, GError **error)
{
  gssize locks = g_task_propagate_int (G_TASK (result), error);

  if (*error)
    return optional (self, error, "facility locks");
  md_modem_set_facility_locks (self, (guint32)locks);
  return OUTCOME_CONTINUE;
}

static Outcome
store_eps_ue_mode (MdModem *self, GAsyncResult *result, InitContext *ctx, GError **error)
{
  gssize mode = g_task_propagate_int (G_TASK (result), error);

  if (*error)
    return optional (self, error, "EPS UE mode of operation");
  md_modem_set_eps_ue_mode (self, (MdModem3gppEpsUeModeOperation)mode);
  return OUTCOME_CONTINUE;
}

static Outcome
store_boolean_optional (MdModem *self, GAsyncResult *result, InitContext *ctx, GError **error)
{
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return optional (self, error, "unsolicited reports");
  return OUTCOME_CONTINUE;
}

typedef struct {
  MdModemOp op;
  StoreFn store;
} StepAction;

static StepAction
step_action (const MdModemOps *ops, InitStep step)
{
  const MdModemInitOps *init = ops->init;
  const MdModemSimOps *sim = ops->sim;
  const MdModemPowerOps *power = ops->power;
  const MdModemNetregOps *netreg = ops->netreg;
  const MdModemTimeOps *time = ops->time;
  const MdModemUssdOps *ussd = ops->ussd;
  const MdModemBandsOps *bands = ops->bands;

  switch (step) {
  case INIT_STEP_SETUP: return (StepAction){ init ? init->setup : NULL, store_setup };
  case INIT_STEP_IDENTITY: return (StepAction){ init ? init->load_identity : NULL, store_identity };
  case INIT_STEP_CAPABILITIES:
    return (StepAction){ init ? init->load_capabilities : NULL, store_capabilities };
  case INIT_STEP_SUPPORTED_MODES:
    return (StepAction){ init ? init->load_supported_modes : NULL, store_supported_modes };
  case INIT_STEP_CURRENT_MODES:
    return (StepAction){ init ? init->load_current_modes : NULL, store_current_modes };
  case INIT_STEP_SUPPORTED_BANDS:
    return (StepAction){ bands ? bands->load_supported_bands : NULL, store_supported_bands };
  case INIT_STEP_CURRENT_BANDS:
    return (StepAction){ bands ? bands->load_current_bands : NULL, store_current_bands };
  case INIT_STEP_IP_FAMILIES: return (StepAction){ init ? init->load_ip_families : NULL, store_ip_families };
  case INIT_STEP_POWER_STATE:
    return (StepAction){ power ? power->load_power_state : NULL, store_power_state };
  case INIT_STEP_SIM_WATCH: return (StepAction){ sim ? sim->watch_presence : NULL, store_boolean_optional };
  case INIT_STEP_UNLOCK_REQUIRED:
    return (StepAction){ sim ? sim->load_unlock_required : NULL, store_unlock_required };
  case INIT_STEP_UNLOCK_RETRIES:
    return (StepAction){ sim ? sim->load_unlock_retries : NULL, store_unlock_retries };
  case INIT_STEP_SIM_INFO: return (StepAction){ sim ? sim->load_sim_info : NULL, store_sim_info };
  case INIT_STEP_OWN_NUMBERS: return (StepAction){ init ? init->load_own_numbers : NULL, store_own_numbers };
  case INIT_STEP_FACILITY_LOCKS:
    return (StepAction){ sim ? sim->load_facility_locks : NULL, store_facility_locks };
  case INIT_STEP_EPS_UE_MODE: return (StepAction){ init ? init->load_eps_ue_mode : NULL, store_eps_ue_mode };
  case INIT_STEP_NETREG_SETUP:
    return (StepAction){ netreg ? netreg->setup_unsolicited : NULL, store_boolean_optional };
  case INIT_STEP_TIME_SETUP: return (StepAction){ time ? time->setup_reports : NULL, store_boolean_optional };
  case INIT_STEP_USSD_SETUP: return (StepAction){ ussd ? ussd->setup_reports : NULL, store_boolean_optional };
  case INIT_STEP_FIRST:
  case INIT_STEP_LAST: break;
  }
  return (StepAction){ NULL, NULL };
}

static void
finish (GTask *task, Outcome outcome, GError *error)
{
  MdModem *self = g_task_get_source_object (task);
  InitContext *ctx = g_task_get_task_data (task);

  if (md_modem_has_vanished (self) || g_error_matches (error, MD_CORE_ERROR, MD_CORE_ERROR_CANCELLED)) {
    g_task_return_error (
      task, error ? error : g_error_new (MD_CORE_ERROR, MD_CORE_ERROR_ABORTED, "The device vanished"));
    g_object_unref (task);
    return;
  }
  if (outcome == OUTCOME_FAILED) {
    md_log_warn (md_modem_get_log_name (self), "initialization failed: %s",
                 error ? error->message : "SIM not usable");
    md_modem_set_failed (self,
                         ctx->failed_reason ? ctx->failed_reason : MD_MODEM_STATE_FAILED_REASON_UNKNOWN);
  } else if (outcome == OUTCOME_LOCKED) {
    md_modem_set_state (self, MD_MODEM_STATE_LOCKED, MD_MODEM_STATE_CHANGE_REASON_UNKNOWN);
  } else {
    md_modem_set_state (self, MD_MODEM_STATE_DISABLED, MD_MODEM_STATE_CHANGE_REASON_UNKNOWN);
  }
  g_clear_error (&error);
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
step_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  InitContext *ctx = g_task_get_task_data (task);
  StepAction action = step_action (md_modem_get_ops (MD_MODEM (source)), ctx->step);
  GError *error = NULL;
  Outcome outcome = action.store (MD_MODEM (source), result, ctx, &error);

  if (outcome != OUTCOME_CONTINUE || md_modem_has_vanished (MD_MODEM (source))) {
    finish (task, outcome, error);
    return;
  }
  ctx->step++;
  init_step (task);
}

static void
init_step (GTask *task)
{
  MdModem *self = g_task_get_source_object (task);
  InitContext *ctx = g_task_get_task_data (task);

  if (ctx->step == INIT_STEP_FIRST) {
    md_modem_set_state (self, MD_MODEM_STATE_INITIALIZING, MD_MODEM_STATE_CHANGE_REASON_UNKNOWN);
    ctx->step++;
  }
  while (ctx->step < INIT_STEP_LAST) {
    StepAction action = step_action (md_modem_get_ops (self), ctx->step);

    if (action.op) {
      action.op (self, g_task_new (self, g_task_get_cancellable (task), step_ready, task));
      return;
    }
    ctx->step++;
  }
  finish (task, OUTCOME_CONTINUE, NULL);
}

static void
initialize_from (MdModem *self, InitStep first, GCancellable *cancellable, GAsyncReadyCallback callback,
                 gpointer user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  InitContext *ctx = g_new0 (InitContext, 1);

  ctx->step = first;
  g_task_set_task_data (task, ctx, g_free);
  init_step (task);
}

void
md_modem_initialize_async (MdModem *self, GCancellable *cancellable, GAsyncReadyCallback callback,
                           gpointer user_data)
{
  initialize_from (self, INIT_STEP_FIRST, cancellable, callback, user_data);
}

void
md_modem_initialize_after_unlock_async (MdModem *self, GCancellable *cancellable,
                                        GAsyncReadyCallback callback, gpointer user_data)
{
  md_modem_set_state (self, MD_MODEM_STATE_INITIALIZING, MD_MODEM_STATE_CHANGE_REASON_UNKNOWN);
  initialize_from (self, INIT_STEP_UNLOCK_REQUIRED, cancellable, callback, user_data);
}

gboolean
md_modem_initialize_finish (MdModem *self, GAsyncResult *result, GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
