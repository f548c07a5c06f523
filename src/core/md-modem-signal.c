/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Modem.Signal's state in the core: the refresh rate, its timer and the
 * latest MdSignalReport. Loading is the protocol's signal op; publishing
 * is the D-Bus layer's, on the modem's "changed" signal. */
#include "md-modem-signal.h"

#include <math.h>
#include <string.h>

#include "md-log.h"
#include "md-modem-private.h"

struct _MdModemSignalState {
  guint rate;
  guint source;
  gboolean loading;
  MdSignalReport report;
};

void
md_signal_report_clear (MdSignalReport *report)
{
  for (guint t = 0; t < MD_SIGNAL_TECH_COUNT; t++) {
    MdSignalValues *v = &report->tech[t];

    v->rssi = v->rscp = v->ecio = v->sinr = v->io = v->rsrp = v->rsrq = v->snr = v->error_rate = NAN;
  }
}

MdSignalTech
md_signal_tech_from_access_technologies (guint32 act)
{
  if (act & MD_MODEM_ACCESS_TECHNOLOGY_5GNR)
    return MD_SIGNAL_TECH_NR5G;
  if (act & MD_MODEM_ACCESS_TECHNOLOGY_LTE)
    return MD_SIGNAL_TECH_LTE;
  if (act
      & (MD_MODEM_ACCESS_TECHNOLOGY_UMTS | MD_MODEM_ACCESS_TECHNOLOGY_HSDPA | MD_MODEM_ACCESS_TECHNOLOGY_HSUPA
         | MD_MODEM_ACCESS_TECHNOLOGY_HSPA | MD_MODEM_ACCESS_TECHNOLOGY_HSPA_PLUS))
    return MD_SIGNAL_TECH_UMTS;
  return MD_SIGNAL_TECH_GSM;
}

static MdModemSignalState *
signal_state (MdModem *self)
{
  if (!self->signal_state) {
    self->signal_state = g_new0 (MdModemSignalState, 1);
    md_signal_report_clear (&self->signal_state->report);
  }
  return self->signal_state;
}

gboolean
md_modem_has_signal (MdModem *self)
{
  const MdModemOps *ops = md_modem_get_ops (self);

  return ops->signal && ops->signal->load_values;
}

static void
set_report (MdModem *self, const MdSignalReport *report)
{
  MdModemSignalState *state = signal_state (self);

  if (memcmp (&state->report, report, sizeof *report) == 0)
    return;
  state->report = *report;
  md_modem_emit_live_changed (self);
}

static void
forget_values (MdModem *self)
{
  MdSignalReport unknown;

  md_signal_report_clear (&unknown);
  set_report (self, &unknown);
}

static void
load_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  MdModem *self = MD_MODEM (source);
  MdModemSignalState *state = signal_state (self);
  g_autoptr (GError) error = NULL;
  g_autofree MdSignalReport *report = g_task_propagate_pointer (G_TASK (result), &error);

  state->loading = FALSE;
  if (state->rate == 0)
    return;
  if (!report) {
    md_log_debug (md_modem_get_log_name (self), "cannot load signal values: %s", error->message);
    forget_values (self);
    return;
  }
  set_report (self, report);
}

/* Loads once; a refresh still running or a modem that is not enabled (no
 * radio, nothing to measure) loads nothing. */
static void
refresh (MdModem *self)
{
  MdModemSignalState *state = signal_state (self);

  if (state->loading || md_modem_has_vanished (self))
    return;
  if (md_modem_get_state (self) < MD_MODEM_STATE_ENABLED) {
    forget_values (self);
    return;
  }
  state->loading = TRUE;
  md_modem_get_ops (self)->signal->load_values (self, g_task_new (self, NULL, load_ready, NULL));
}

static gboolean
refresh_tick (gpointer user_data)
{
  refresh (user_data);
  return G_SOURCE_CONTINUE;
}

void
md_modem_signal_setup (MdModem *self, guint rate)
{
  MdModemSignalState *state = signal_state (self);

  g_return_if_fail (md_modem_has_signal (self));
  g_return_if_fail (rate <= MD_SIGNAL_RATE_MAX);
  g_clear_handle_id (&state->source, g_source_remove);
  state->rate = rate;
  md_log_info (md_modem_get_log_name (self), "signal refresh rate %u s", rate);
  if (rate == 0) {
    forget_values (self);
    md_modem_emit_changed (self);
    return;
  }
  /* The timer holds no reference: finalize removes it. */
  state->source = g_timeout_add_seconds (rate, refresh_tick, self);
  md_modem_emit_changed (self);
  refresh (self);
}

guint
md_modem_signal_get_rate (MdModem *self)
{
  return signal_state (self)->rate;
}

const MdSignalReport *
md_modem_signal_get_report (MdModem *self)
{
  return &signal_state (self)->report;
}

void
md_modem_private_finalize_signal (MdModem *self)
{
  if (!self->signal_state)
    return;
  g_clear_handle_id (&self->signal_state->source, g_source_remove);
  g_clear_pointer (&self->signal_state, g_free);
}
