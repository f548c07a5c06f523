/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Basic Connect, the network side: RADIO_STATE (the model's CFUN),
 * HOME_PROVIDER, VISIBLE_PROVIDERS (the scan list, after the scan delay),
 * REGISTER_STATE, PACKET_SERVICE and SIGNAL_STATE, with their indications. */
#include "sim-mbim-private.h"

#include <string.h>

#define UNKNOWN_QUALITY 99

static const struct {
  SimTech tech;
  MbimDataClass data_class;
  guint64 uplink;
  guint64 downlink;
} techs[] = {
  { SIM_TECH_GSM, MBIM_DATA_CLASS_GPRS, 14400, 14400 },
  { SIM_TECH_GPRS, MBIM_DATA_CLASS_GPRS, 42800, 85600 },
  { SIM_TECH_EDGE, MBIM_DATA_CLASS_EDGE, 118400, 236800 },
  { SIM_TECH_UMTS, MBIM_DATA_CLASS_UMTS, 384000, 384000 },
  { SIM_TECH_HSDPA, MBIM_DATA_CLASS_HSDPA, 384000, 14400000 },
  { SIM_TECH_HSUPA, MBIM_DATA_CLASS_HSUPA, 5760000, 14400000 },
  { SIM_TECH_HSPA, MBIM_DATA_CLASS_HSDPA | MBIM_DATA_CLASS_HSUPA, 5760000, 14400000 },
  { SIM_TECH_LTE, MBIM_DATA_CLASS_LTE, 50000000, 150000000 },
  { SIM_TECH_5GNR, MBIM_DATA_CLASS_5G_SA, 200000000, 1000000000 },
};

MbimDataClass
sim_mbim_data_class (SimTech tech)
{
  for (guint i = 0; i < G_N_ELEMENTS (techs); i++) {
    if (techs[i].tech == tech)
      return techs[i].data_class;
  }
  return 0;
}

static void
reply_status (SimMbim *self, const SimMbimRequest *req, MbimStatusError status)
{
  sim_mbim_reply (self, req->tid, req->cid, status, NULL);
}

/* --- RADIO_STATE ------------------------------------------------------------- */

static GByteArray *
radio_buffer (SimModel *model)
{
  SimMbimBuilder *b = sim_mbim_builder_new ();

  sim_mbim_builder_u32 (b, MBIM_RADIO_SWITCH_STATE_ON);
  sim_mbim_builder_u32 (b, model->cfun == 1 ? MBIM_RADIO_SWITCH_STATE_ON : MBIM_RADIO_SWITCH_STATE_OFF);
  return sim_mbim_builder_end (b);
}

void
sim_mbim_radio_query (SimMbim *self, const SimMbimRequest *req)
{
  sim_mbim_reply (self, req->tid, req->cid, MBIM_STATUS_ERROR_NONE, radio_buffer (self->model));
}

/* Software radio on is CFUN 1, off is CFUN 4 (low power). */
void
sim_mbim_radio_set (SimMbim *self, const SimMbimRequest *req)
{
  g_autoptr (GError) error = NULL;
  guint32 state;

  if (!sim_mbim_read_u32 (&req->buffer, 0, &state) || state > MBIM_RADIO_SWITCH_STATE_ON) {
    reply_status (self, req, MBIM_STATUS_ERROR_INVALID_PARAMETERS);
    return;
  }
  if (!sim_model_set_cfun (self->model, state == MBIM_RADIO_SWITCH_STATE_ON ? 1 : 4, &error)) {
    reply_status (self, req, sim_mbim_status_from_error (error));
    return;
  }
  sim_mbim_reply (self, req->tid, req->cid, MBIM_STATUS_ERROR_NONE, radio_buffer (self->model));
}

void
sim_mbim_indicate_radio (SimMbim *self)
{
  sim_mbim_indicate (self, MBIM_CID_BASIC_CONNECT_RADIO_STATE, radio_buffer (self->model), TRUE);
}

/* --- providers ------------------------------------------------------------------ */

static GByteArray *
provider (const char *id, guint32 state, const char *name, guint32 rssi, guint32 error_rate)
{
  SimMbimBuilder *b = sim_mbim_builder_new ();

  sim_mbim_builder_string (b, id);
  sim_mbim_builder_u32 (b, state);
  sim_mbim_builder_string (b, name);
  sim_mbim_builder_u32 (b, MBIM_CELLULAR_CLASS_GSM);
  sim_mbim_builder_u32 (b, rssi);
  sim_mbim_builder_u32 (b, error_rate);
  return sim_mbim_builder_end (b);
}

static char *
home_code (SimModel *model)
{
  return g_strndup (model->sim.imsi, 3 + model->sim.mnc_length);
}

/* MCC+MNC from the IMSI, the name from EF_SPN. */
void
sim_mbim_home_provider_query (SimMbim *self, const SimMbimRequest *req)
{
  MbimStatusError status = sim_mbim_sim_status (self->model);
  g_autofree char *code = NULL;

  if (status != MBIM_STATUS_ERROR_NONE) {
    reply_status (self, req, status);
    return;
  }
  code = home_code (self->model);
  sim_mbim_reply (self, req->tid, req->cid, MBIM_STATUS_ERROR_NONE,
                  provider (code, MBIM_PROVIDER_STATE_HOME, self->model->sim.spn, 0, 0));
}

static void
visible_providers_finish (SimMbim *self, guint32 tid)
{
  SimModel *model = self->model;
  GPtrArray *available = model->net.available;
  g_autoptr (GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify)g_byte_array_unref);
  g_autofree char *home = NULL;
  SimMbimBuilder *b;

  if (model->cfun != 1) {
    sim_mbim_reply (self, tid, MBIM_CID_BASIC_CONNECT_VISIBLE_PROVIDERS, MBIM_STATUS_ERROR_RADIO_POWER_OFF,
                    NULL);
    return;
  }
  home = model->sim.imsi ? home_code (model) : NULL;
  for (guint i = 0; i < available->len; i++) {
    const SimOperator *op = g_ptr_array_index (available, i);
    SimOperatorStatus status = sim_model_operator_status (model, op);
    guint32 state = MBIM_PROVIDER_STATE_VISIBLE;

    if (g_strcmp0 (op->code, home) == 0)
      state |= MBIM_PROVIDER_STATE_HOME;
    if (status == SIM_OPERATOR_FORBIDDEN)
      state |= MBIM_PROVIDER_STATE_FORBIDDEN;
    if (status == SIM_OPERATOR_CURRENT)
      state |= MBIM_PROVIDER_STATE_REGISTERED;
    g_ptr_array_add (
      entries, provider (op->code, state, op->long_name,
                         status == SIM_OPERATOR_CURRENT ? sim_model_current_rssi (model) : UNKNOWN_QUALITY,
                         UNKNOWN_QUALITY));
  }
  b = sim_mbim_builder_new ();
  sim_mbim_builder_u32 (b, entries->len);
  for (guint i = 0; i < entries->len; i++) {
    GByteArray *entry = g_ptr_array_index (entries, i);

    sim_mbim_builder_ref (b, entry->data, entry->len);
  }
  sim_mbim_reply (self, tid, MBIM_CID_BASIC_CONNECT_VISIBLE_PROVIDERS, MBIM_STATUS_ERROR_NONE,
                  sim_mbim_builder_end (b));
}

/* A scan takes as long as AT+COPS=? does. */
void
sim_mbim_visible_providers_query (SimMbim *self, const SimMbimRequest *req)
{
  guint32 action;

  if (!sim_mbim_read_u32 (&req->buffer, 0, &action)
      || action > MBIM_VISIBLE_PROVIDERS_ACTION_RESTRICTED_SCAN) {
    reply_status (self, req, MBIM_STATUS_ERROR_INVALID_PARAMETERS);
    return;
  }
  if (self->model->cfun != 1) {
    reply_status (self, req, MBIM_STATUS_ERROR_RADIO_POWER_OFF);
    return;
  }
  sim_mbim_defer (self, req->tid, self->options.scan_delay_ms, FALSE, visible_providers_finish);
}

/* --- REGISTER_STATE ------------------------------------------------------------ */

static MbimRegisterState
register_state (SimModel *model)
{
  switch (sim_model_get_registration (model)) {
  case SIM_REG_IDLE: return MBIM_REGISTER_STATE_DEREGISTERED;
  case SIM_REG_HOME: return MBIM_REGISTER_STATE_HOME;
  case SIM_REG_SEARCHING: return MBIM_REGISTER_STATE_SEARCHING;
  case SIM_REG_DENIED: return MBIM_REGISTER_STATE_DENIED;
  case SIM_REG_UNKNOWN: return MBIM_REGISTER_STATE_UNKNOWN;
  case SIM_REG_ROAMING: return MBIM_REGISTER_STATE_ROAMING;
  }
  return MBIM_REGISTER_STATE_UNKNOWN;
}

static GByteArray *
register_buffer (SimModel *model, guint32 nw_error)
{
  SimMbimBuilder *b = sim_mbim_builder_new ();
  MbimRegisterState state = register_state (model);
  gboolean registered = state == MBIM_REGISTER_STATE_HOME || state == MBIM_REGISTER_STATE_ROAMING;
  gboolean provider = registered || state == MBIM_REGISTER_STATE_DENIED;

  if (!nw_error && state == MBIM_REGISTER_STATE_DENIED)
    nw_error = MBIM_NW_ERROR_PLMN_NOT_ALLOWED;
  sim_mbim_builder_u32 (b, nw_error);
  sim_mbim_builder_u32 (b, state);
  sim_mbim_builder_u32 (b, model->net.select_mode == SIM_SELECT_MANUAL ? MBIM_REGISTER_MODE_MANUAL
                                                                       : MBIM_REGISTER_MODE_AUTOMATIC);
  sim_mbim_builder_u32 (b, registered ? sim_mbim_data_class (model->net.tech) : 0);
  sim_mbim_builder_u32 (b, MBIM_CELLULAR_CLASS_GSM);
  sim_mbim_builder_string (b, provider ? model->net.operator_code : NULL);
  sim_mbim_builder_string (b, provider ? model->net.operator_name : NULL);
  sim_mbim_builder_string (b, state == MBIM_REGISTER_STATE_ROAMING ? model->net.operator_name : NULL);
  sim_mbim_builder_u32 (b, MBIM_REGISTRATION_FLAG_PACKET_SERVICE_AUTOMATIC_ATTACH);
  return sim_mbim_builder_end (b);
}

void
sim_mbim_register_query (SimMbim *self, const SimMbimRequest *req)
{
  sim_mbim_reply (self, req->tid, req->cid, MBIM_STATUS_ERROR_NONE, register_buffer (self->model, 0));
}

static void
register_finish (SimMbim *self, guint32 tid)
{
  sim_mbim_reply (self, tid, MBIM_CID_BASIC_CONNECT_REGISTER_STATE, MBIM_STATUS_ERROR_NONE,
                  register_buffer (self->model, 0));
}

/* Automatic or manual selection; the answer comes once the model has
 * registered (after its registration delay) or failed. */
void
sim_mbim_register_set (SimMbim *self, const SimMbimRequest *req)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *provider_id = NULL;
  MbimStatusError status = sim_mbim_sim_status (self->model);
  guint32 action, data_class;
  gboolean manual;

  if (!sim_mbim_read_string (&req->buffer, 0, &provider_id) || !sim_mbim_read_u32 (&req->buffer, 8, &action)
      || !sim_mbim_read_u32 (&req->buffer, 12, &data_class) || action > MBIM_REGISTER_ACTION_MANUAL) {
    reply_status (self, req, MBIM_STATUS_ERROR_INVALID_PARAMETERS);
    return;
  }
  manual = action == MBIM_REGISTER_ACTION_MANUAL;
  if (manual && !sim_pin_is_valid (provider_id, 5, 6)) {
    reply_status (self, req, MBIM_STATUS_ERROR_INVALID_PARAMETERS);
    return;
  }
  if (self->model->cfun != 1)
    status = MBIM_STATUS_ERROR_RADIO_POWER_OFF;
  if (status != MBIM_STATUS_ERROR_NONE) {
    reply_status (self, req, status);
    return;
  }
  if (!sim_model_select_operator (self->model, manual ? SIM_SELECT_MANUAL : SIM_SELECT_AUTOMATIC, provider_id,
                                  &error)) {
    if (g_error_matches (error, SIM_ERROR, SIM_ERROR_NETWORK_NOT_ALLOWED))
      sim_mbim_reply (self, req->tid, req->cid, MBIM_STATUS_ERROR_FAILURE,
                      register_buffer (self->model, MBIM_NW_ERROR_PLMN_NOT_ALLOWED));
    else if (g_error_matches (error, SIM_ERROR, SIM_ERROR_NO_NETWORK))
      reply_status (self, req, MBIM_STATUS_ERROR_PROVIDER_NOT_VISIBLE);
    else
      reply_status (self, req, sim_mbim_status_from_error (error));
    return;
  }
  if (sim_model_registration_pending (self->model))
    sim_mbim_defer (self, req->tid, self->model->net.registration_delay_ms + 1000, TRUE, register_finish);
  else
    register_finish (self, req->tid);
}

void
sim_mbim_indicate_register (SimMbim *self)
{
  sim_mbim_indicate (self, MBIM_CID_BASIC_CONNECT_REGISTER_STATE, register_buffer (self->model, 0), TRUE);
}

/* --- PACKET_SERVICE ------------------------------------------------------------ */

static GByteArray *
packet_buffer (SimModel *model)
{
  SimMbimBuilder *b = sim_mbim_builder_new ();
  gboolean attached = sim_model_has_packet_service (model);
  guint64 uplink = 0, downlink = 0;

  for (guint i = 0; attached && i < G_N_ELEMENTS (techs); i++) {
    if (techs[i].tech == model->net.tech) {
      uplink = techs[i].uplink;
      downlink = techs[i].downlink;
    }
  }
  sim_mbim_builder_u32 (b, 0);
  sim_mbim_builder_u32 (b,
                        attached ? MBIM_PACKET_SERVICE_STATE_ATTACHED : MBIM_PACKET_SERVICE_STATE_DETACHED);
  sim_mbim_builder_u32 (b, attached ? sim_mbim_data_class (model->net.tech) : 0);
  sim_mbim_builder_u64 (b, uplink);
  sim_mbim_builder_u64 (b, downlink);
  return sim_mbim_builder_end (b);
}

/* MBIM 1.0 10.5.34: discards and errors are always 0 here; one packet is
 * counted per 1500 octets. */
void
sim_mbim_packet_statistics_query (SimMbim *self, const SimMbimRequest *req)
{
  SimMbimBuilder *b = sim_mbim_builder_new ();

  sim_mbim_builder_u32 (b, 0);
  sim_mbim_builder_u32 (b, 0);
  sim_mbim_builder_u64 (b, self->model->rx_octets);
  sim_mbim_builder_u64 (b, (self->model->rx_octets + 1499) / 1500);
  sim_mbim_builder_u64 (b, self->model->tx_octets);
  sim_mbim_builder_u64 (b, (self->model->tx_octets + 1499) / 1500);
  sim_mbim_builder_u32 (b, 0);
  sim_mbim_builder_u32 (b, 0);
  sim_mbim_reply (self, req->tid, req->cid, MBIM_STATUS_ERROR_NONE, sim_mbim_builder_end (b));
}

void
sim_mbim_packet_query (SimMbim *self, const SimMbimRequest *req)
{
  sim_mbim_reply (self, req->tid, req->cid, MBIM_STATUS_ERROR_NONE, packet_buffer (self->model));
}

void
sim_mbim_packet_set (SimMbim *self, const SimMbimRequest *req)
{
  g_autoptr (GError) error = NULL;
  MbimStatusError status = sim_mbim_sim_status (self->model);
  guint32 action;

  if (!sim_mbim_read_u32 (&req->buffer, 0, &action) || action > MBIM_PACKET_SERVICE_ACTION_DETACH) {
    reply_status (self, req, MBIM_STATUS_ERROR_INVALID_PARAMETERS);
    return;
  }
  if (self->model->cfun != 1)
    status = MBIM_STATUS_ERROR_RADIO_POWER_OFF;
  if (status != MBIM_STATUS_ERROR_NONE) {
    reply_status (self, req, status);
    return;
  }
  if (!sim_model_set_attached (self->model, action == MBIM_PACKET_SERVICE_ACTION_ATTACH, &error)) {
    reply_status (self, req, sim_mbim_status_from_error (error));
    return;
  }
  sim_mbim_reply (self, req->tid, req->cid, MBIM_STATUS_ERROR_NONE, packet_buffer (self->model));
}

void
sim_mbim_indicate_packet (SimMbim *self)
{
  sim_mbim_indicate (self, MBIM_CID_BASIC_CONNECT_PACKET_SERVICE, packet_buffer (self->model), TRUE);
}

/* --- SIGNAL_STATE --------------------------------------------------------------- */

/* The thresholds and interval are kept and echoed; an indication goes out
 * on every change of the signal whatever they say. */
static GByteArray *
signal_buffer (SimMbim *self)
{
  SimMbimBuilder *b = sim_mbim_builder_new ();
  SimModel *model = self->model;

  sim_mbim_builder_u32 (b, sim_model_current_rssi (model));
  sim_mbim_builder_u32 (b, model->cfun == 1 && model->net.ber <= 7 ? model->net.ber : UNKNOWN_QUALITY);
  sim_mbim_builder_u32 (b, self->signal_interval);
  sim_mbim_builder_u32 (b, self->rssi_threshold);
  sim_mbim_builder_u32 (b, self->error_rate_threshold);
  return sim_mbim_builder_end (b);
}

void
sim_mbim_signal_query (SimMbim *self, const SimMbimRequest *req)
{
  sim_mbim_reply (self, req->tid, req->cid, MBIM_STATUS_ERROR_NONE, signal_buffer (self));
}

void
sim_mbim_signal_set (SimMbim *self, const SimMbimRequest *req)
{
  guint32 interval, rssi_threshold, error_rate_threshold;

  if (!sim_mbim_read_u32 (&req->buffer, 0, &interval) || !sim_mbim_read_u32 (&req->buffer, 4, &rssi_threshold)
      || !sim_mbim_read_u32 (&req->buffer, 8, &error_rate_threshold)) {
    reply_status (self, req, MBIM_STATUS_ERROR_INVALID_PARAMETERS);
    return;
  }
  self->signal_interval = interval;
  self->rssi_threshold = rssi_threshold;
  self->error_rate_threshold = error_rate_threshold;
  sim_mbim_reply (self, req->tid, req->cid, MBIM_STATUS_ERROR_NONE, signal_buffer (self));
}

void
sim_mbim_indicate_signal (SimMbim *self)
{
  sim_mbim_indicate (self, MBIM_CID_BASIC_CONNECT_SIGNAL_STATE, signal_buffer (self), TRUE);
}
