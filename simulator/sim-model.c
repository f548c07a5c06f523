/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The modem model's life cycle, its event fan-out, the names of its
 * states, and its clock. The network side (sim-model-net.c), the SIM card
 * and the data/SMS stores have their own files; no protocol syntax lives
 * here. */
#include "sim-model.h"

#include <string.h>

G_DEFINE_QUARK (sim - error - quark, sim_error)

typedef struct {
  guint id;
  SimEventFunc func;
  gpointer user_data;
} Subscriber;

static const char *const reg_names[] = {
  [SIM_REG_IDLE] = "idle",     [SIM_REG_HOME] = "home",       [SIM_REG_SEARCHING] = "searching",
  [SIM_REG_DENIED] = "denied", [SIM_REG_UNKNOWN] = "unknown", [SIM_REG_ROAMING] = "roaming",
};

static const struct {
  SimTech tech;
  const char *name;
  guint act;
} techs[] = {
  { SIM_TECH_GSM, "gsm", 0 },   { SIM_TECH_GPRS, "gprs", 0 },   { SIM_TECH_EDGE, "edge", 3 },
  { SIM_TECH_UMTS, "umts", 2 }, { SIM_TECH_HSDPA, "hsdpa", 4 }, { SIM_TECH_HSUPA, "hsupa", 5 },
  { SIM_TECH_HSPA, "hspa", 6 }, { SIM_TECH_LTE, "lte", 7 },     { SIM_TECH_5GNR, "5gnr", 11 },
};

gboolean
sim_reg_state_from_name (const char *name, SimRegState *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (reg_names); i++) {
    if (g_strcmp0 (name, reg_names[i]) == 0) {
      *out = (SimRegState)i;
      return TRUE;
    }
  }
  return FALSE;
}

const char *
sim_reg_state_name (SimRegState state)
{
  return (guint)state < G_N_ELEMENTS (reg_names) ? reg_names[state] : "unknown";
}

gboolean
sim_tech_from_name (const char *name, SimTech *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (techs); i++) {
    if (g_strcmp0 (name, techs[i].name) == 0) {
      *out = techs[i].tech;
      return TRUE;
    }
  }
  return FALSE;
}

const char *
sim_tech_name (SimTech tech)
{
  for (guint i = 0; i < G_N_ELEMENTS (techs); i++) {
    if (techs[i].tech == tech)
      return techs[i].name;
  }
  return "unknown";
}

guint
sim_tech_act (SimTech tech)
{
  for (guint i = 0; i < G_N_ELEMENTS (techs); i++) {
    if (techs[i].tech == tech)
      return techs[i].act;
  }
  return 0;
}

gboolean
sim_tech_from_act (guint act, SimTech *out)
{
  /* The first entry with this AcT wins: 0 means GSM, not GPRS. */
  for (guint i = 0; i < G_N_ELEMENTS (techs); i++) {
    if (techs[i].act == act) {
      *out = techs[i].tech;
      return TRUE;
    }
  }
  return FALSE;
}

const char *
sim_lock_state_name (SimLockState lock)
{
  switch (lock) {
  case SIM_LOCK_READY: return "ready";
  case SIM_LOCK_PIN: return "sim-pin";
  case SIM_LOCK_PUK: return "sim-puk";
  case SIM_LOCK_BLOCKED: return "blocked";
  case SIM_LOCK_ABSENT: return "absent";
  }
  return "unknown";
}

SimOperator *
sim_operator_new (const char *code, const char *long_name, const char *short_name, SimTech tech,
                  SimOperatorStatus status)
{
  SimOperator *op = g_new0 (SimOperator, 1);

  op->code = g_strdup (code);
  op->long_name = g_strdup (long_name);
  op->short_name = g_strdup (short_name ? short_name : long_name);
  op->tech = tech;
  op->status = status;
  return op;
}

void
sim_operator_free (SimOperator *op)
{
  if (!op)
    return;
  g_free (op->code);
  g_free (op->long_name);
  g_free (op->short_name);
  g_free (op);
}

static void
context_free (gpointer data)
{
  SimContext *ctx = data;

  g_free (ctx->type);
  g_free (ctx->apn);
  g_free (ctx);
}

static void
sms_free (gpointer data)
{
  SimSms *sms = data;

  g_free (sms->pdu);
  g_free (sms);
}

SimModel *
sim_model_new (void)
{
  SimModel *self = g_new0 (SimModel, 1);

  self->identity.manufacturer = g_strdup ("modemd");
  self->identity.model = g_strdup ("Simulated LTE Modem");
  self->identity.revision = g_strdup ("SIM.1.0");
  self->identity.imei = g_strdup ("356938035643809");
  self->sim.present = TRUE;
  self->sim.iccid = g_strdup ("8949020000123456789");
  self->sim.imsi = g_strdup ("262011234567890");
  self->sim.mnc_length = 2;
  self->sim.pin = g_strdup ("1234");
  self->sim.puk = g_strdup ("12345678");
  self->sim.pin_retries = self->sim.pin_max = 3;
  self->sim.puk_retries = self->sim.puk_max = 10;
  self->sim.own_numbers = g_new0 (char *, 1);
  self->net.target = SIM_REG_HOME;
  self->net.network_code = g_strdup ("26201");
  self->net.network_name = g_strdup ("Telekom.de");
  self->net.operator_code = g_strdup (self->net.network_code);
  self->net.operator_name = g_strdup (self->net.network_name);
  self->net.tech = SIM_TECH_LTE;
  self->net.rssi = 20;
  self->net.ber = 99;
  self->net.lac = 0x1A2B;
  self->net.tac = 0x3C4D;
  self->net.cell_id = 0x01A2B3C4;
  self->net.available = g_ptr_array_new_with_free_func ((GDestroyNotify)sim_operator_free);
  self->cfun = 1;
  self->contexts = g_ptr_array_new_with_free_func (context_free);
  self->max_cid = 16;
  self->ipv4_address = g_strdup ("10.64.0.2");
  self->ipv4_prefix = 24;
  self->ipv4_gateway = g_strdup ("10.64.0.1");
  self->ipv4_dns = g_strsplit ("10.64.0.10;10.64.0.11", ";", -1);
  self->ipv4_mtu = 1500;
  self->ipv6_address = g_strdup ("2001:db8:0:1::2");
  self->ipv6_prefix = 64;
  self->ipv6_gateway = g_strdup ("2001:db8:0:1::1");
  self->ipv6_dns = g_strsplit ("2001:db8:0:1::10;2001:db8:0:1::11", ";", -1);
  self->ipv6_mtu = 1500;
  self->sessions = g_ptr_array_new_with_free_func ((GDestroyNotify)sim_session_free);
  self->max_sessions = 2;
  self->qmap = TRUE;
  self->allowed_modes = SIM_MODES_ALL;
  self->reject_apns = g_new0 (char *, 1);
  self->sms = g_ptr_array_new_with_free_func (sms_free);
  self->sms_capacity = 20;
  self->sms_sent = g_ptr_array_new_with_free_func (g_free);
  self->subscribers = g_array_new (FALSE, FALSE, sizeof (Subscriber));
  self->next_subscriber = 1;
  return self;
}

void
sim_model_free (SimModel *self)
{
  if (!self)
    return;
  g_clear_handle_id (&self->registration_timer, g_source_remove);
  sim_model_ussd_clear (self);
  g_free (self->identity.manufacturer);
  g_free (self->identity.model);
  g_free (self->identity.revision);
  g_free (self->identity.imei);
  g_free (self->identity.ati1);
  g_free (self->sim.iccid);
  g_free (self->sim.imsi);
  g_free (self->sim.spn);
  g_free (self->sim.pin);
  g_free (self->sim.puk);
  g_strfreev (self->sim.own_numbers);
  g_free (self->net.network_code);
  g_free (self->net.network_name);
  g_free (self->net.operator_code);
  g_free (self->net.operator_name);
  g_ptr_array_unref (self->net.available);
  g_ptr_array_unref (self->contexts);
  g_free (self->ipv4_address);
  g_free (self->ipv4_gateway);
  g_strfreev (self->ipv4_dns);
  g_free (self->ipv6_address);
  g_free (self->ipv6_gateway);
  g_strfreev (self->ipv6_dns);
  g_ptr_array_unref (self->sessions);
  g_strfreev (self->reject_apns);
  g_strfreev (self->qmi_services);
  g_ptr_array_unref (self->sms);
  g_ptr_array_unref (self->sms_sent);
  g_free (self->sms_status_report);
  g_free (self->sms_storages);
  g_clear_handle_id (&self->sms_burst_timer, g_source_remove);
  g_clear_pointer (&self->sms_burst, g_ptr_array_unref);
  g_array_unref (self->subscribers);
  g_free (self);
}

guint
sim_model_subscribe (SimModel *self, SimEventFunc func, gpointer user_data)
{
  Subscriber sub = { self->next_subscriber++, func, user_data };

  g_array_append_val (self->subscribers, sub);
  return sub.id;
}

void
sim_model_unsubscribe (SimModel *self, guint id)
{
  for (guint i = 0; i < self->subscribers->len; i++) {
    if (g_array_index (self->subscribers, Subscriber, i).id == id) {
      g_array_remove_index (self->subscribers, i);
      return;
    }
  }
}

void
sim_model_emit (SimModel *self, SimEventKind kind, SimDomain domain, guint index)
{
  SimEvent event = { kind, domain, index };
  /* A subscriber may unsubscribe from its own callback. */
  g_autoptr (GArray) copy = g_array_copy (self->subscribers);

  for (guint i = 0; i < copy->len; i++) {
    Subscriber *sub = &g_array_index (copy, Subscriber, i);

    sub->func (&event, sub->user_data);
  }
}

/* --- clock and calls ------------------------------------------------------ */

GDateTime *
sim_model_get_clock (SimModel *self)
{
  g_autoptr (GTimeZone) zone = g_time_zone_new_offset (self->utc_offset_minutes * 60);
  g_autoptr (GDateTime) now = g_date_time_new_now (zone);

  return g_date_time_add (now, self->clock_offset);
}

void
sim_model_set_clock (SimModel *self, GDateTime *time)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  self->clock_offset = g_date_time_difference (time, now);
  self->utc_offset_minutes = (int)(g_date_time_get_utc_offset (time) / G_TIME_SPAN_MINUTE);
}

gboolean
sim_model_set_timezone (SimModel *self, int offset_minutes, int dst_hours, GError **error)
{
  if (offset_minutes % 15 != 0 || ABS (offset_minutes) > 14 * 60 || dst_hours < 0 || dst_hours > 2) {
    g_set_error (error, SIM_ERROR, SIM_ERROR_INCORRECT_PARAMETERS, "Time zone %d min, DST %d h is not valid",
                 offset_minutes, dst_hours);
    return FALSE;
  }
  self->utc_offset_minutes = offset_minutes;
  self->dst_hours = dst_hours;
  sim_model_emit (self, SIM_EVENT_TIMEZONE, 0, 0);
  return TRUE;
}

void
sim_model_ring (SimModel *self)
{
  sim_model_emit (self, SIM_EVENT_RING, 0, 0);
}
