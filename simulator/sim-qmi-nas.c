/* SPDX-License-Identifier: GPL-2.0-or-later */
/* NAS requests of the QMI front end: serving system, system info and
 * signal, answered from the model's network state; the Serving System,
 * System Info, Signal Info and Event Report indications, sent once the
 * model settles after a change to the clients that registered for them;
 * and the NAS handler table (network selection is in sim-qmi-nas-select.c). */
#include "sim-qmi-private.h"

#include <stdlib.h>
#include <string.h>

#define NAS_IND_EVENT_REPORT   0x0002
#define NAS_IND_SERVING_SYSTEM 0x0024
#define NAS_IND_SYSTEM_INFO    0x004E
#define NAS_IND_SIGNAL_INFO    0x0051

/* QmiNasRegistrationState, QmiNasAttachState, QmiNasRadioInterface, ... */
#define REG_NOT_REGISTERED 0
#define REG_REGISTERED     1
#define REG_SEARCHING      2
#define REG_DENIED         3
#define REG_UNKNOWN        4
#define ATTACHED           1
#define DETACHED           2
#define NETWORK_3GPP       2
#define ROAMING_IND_ON     0
#define ROAMING_IND_OFF    1
#define SERVICE_NONE       0
#define SERVICE_LIMITED    1
#define SERVICE_AVAILABLE  2
#define DOMAIN_NONE        0
#define DOMAIN_CS_PS       3
typedef enum {
  RADIO_GSM = 4,
  RADIO_UMTS = 5,
  RADIO_LTE = 8,
  RADIO_5GNR = 12,
} Radio;

guint8
sim_qmi_nas_radio (SimTech tech)
{
  switch (tech) {
  case SIM_TECH_GSM:
  case SIM_TECH_GPRS:
  case SIM_TECH_EDGE: return RADIO_GSM;
  case SIM_TECH_UMTS:
  case SIM_TECH_HSDPA:
  case SIM_TECH_HSUPA:
  case SIM_TECH_HSPA: return RADIO_UMTS;
  case SIM_TECH_LTE: return RADIO_LTE;
  case SIM_TECH_5GNR: return RADIO_5GNR;
  }
  return RADIO_LTE;
}

/* QmiNasDataCapability of a technology. */
static guint8
data_capability (SimTech tech)
{
  switch (tech) {
  case SIM_TECH_GSM: return 9;
  case SIM_TECH_GPRS: return 1;
  case SIM_TECH_EDGE: return 2;
  case SIM_TECH_UMTS: return 5;
  case SIM_TECH_HSDPA: return 3;
  case SIM_TECH_HSUPA: return 4;
  case SIM_TECH_HSPA: return 12;
  case SIM_TECH_LTE:
  case SIM_TECH_5GNR: return 11;
  }
  return 0;
}

static guint8
registration_state (SimModel *model)
{
  switch (sim_model_get_registration (model)) {
  case SIM_REG_HOME:
  case SIM_REG_ROAMING: return REG_REGISTERED;
  case SIM_REG_SEARCHING: return REG_SEARCHING;
  case SIM_REG_DENIED: return REG_DENIED;
  case SIM_REG_IDLE: return REG_NOT_REGISTERED;
  case SIM_REG_UNKNOWN: return REG_UNKNOWN;
  }
  return REG_UNKNOWN;
}

static gboolean
roaming (SimModel *model)
{
  return sim_model_get_registration (model) == SIM_REG_ROAMING;
}

/* MCC and MNC of a 5-6 digit code; FALSE when it is not one. */
gboolean
sim_qmi_nas_split_code (const char *code, guint16 *mcc, guint16 *mnc, gboolean *three_digit_mnc)
{
  gsize len = code ? strlen (code) : 0;
  char part[4] = { 0 };

  if (len != 5 && len != 6)
    return FALSE;
  memcpy (part, code, 3);
  *mcc = (guint16)atoi (part);
  *mnc = (guint16)atoi (code + 3);
  *three_digit_mnc = len == 6;
  return TRUE;
}

/* --- serving system ------------------------------------------------------------- */

/* The serving system TLVs; the indication numbers LAC, CID, TAC and the
 * PCS digit one higher than the response. */
static void
put_serving_system (SimModel *model, GByteArray *frame, gboolean indication)
{
  guint8 state = registration_state (model);
  gboolean registered = state == REG_REGISTERED;
  GByteArray *v = g_byte_array_new ();
  guint16 mcc, mnc;
  gboolean three;
  guint8 shift = indication ? 1 : 0;

  sim_qmi_put_u8 (v, state);
  sim_qmi_put_u8 (v, model->reg[SIM_DOMAIN_CS] == SIM_REG_HOME || model->reg[SIM_DOMAIN_CS] == SIM_REG_ROAMING
                       ? ATTACHED
                       : DETACHED);
  sim_qmi_put_u8 (v, sim_model_has_packet_service (model) ? ATTACHED : DETACHED);
  sim_qmi_put_u8 (v, NETWORK_3GPP);
  if (registered) {
    sim_qmi_put_u8 (v, 1);
    sim_qmi_put_u8 (v, sim_qmi_nas_radio (model->net.tech));
  } else {
    sim_qmi_put_u8 (v, 0);
  }
  sim_qmi_frame_tlv_take (frame, 0x01, v);
  if (!registered && state != REG_DENIED)
    return;
  if (registered) {
    sim_qmi_frame_tlv_u8 (frame, 0x10, roaming (model) ? ROAMING_IND_ON : ROAMING_IND_OFF);
    v = g_byte_array_new ();
    sim_qmi_put_u8 (v, 1);
    sim_qmi_put_u8 (v, data_capability (model->net.tech));
    sim_qmi_frame_tlv_take (frame, 0x11, v);
  }
  if (sim_qmi_nas_split_code (model->net.operator_code, &mcc, &mnc, &three)) {
    v = g_byte_array_new ();
    sim_qmi_put_u16 (v, mcc);
    sim_qmi_put_u16 (v, mnc);
    sim_qmi_put_string8 (v, model->net.operator_name);
    sim_qmi_frame_tlv_take (frame, 0x12, v);
    v = g_byte_array_new ();
    sim_qmi_put_u16 (v, mcc);
    sim_qmi_put_u16 (v, mnc);
    sim_qmi_put_u8 (v, three);
    sim_qmi_frame_tlv_take (frame, (guint8)(0x27 + 2 * shift), v);
  }
  if (!registered)
    return;
  sim_qmi_frame_tlv_u16 (frame, (guint8)(0x1C + shift), (guint16)model->net.lac);
  sim_qmi_frame_tlv_u32 (frame, (guint8)(0x1D + shift), model->net.cell_id);
  if (model->net.tech == SIM_TECH_LTE || model->net.tech == SIM_TECH_5GNR)
    sim_qmi_frame_tlv_u16 (frame, (guint8)(0x24 + shift), (guint16)model->net.tac);
}

static void
get_serving_system (SimQmi *self, SimQmiClient *client, const SimQmiMessage *request)
{
  GByteArray *frame = sim_qmi_response_ok (request);

  put_serving_system (self->model, frame, FALSE);
  sim_qmi_send (self, frame);
}

/* --- system info ---------------------------------------------------------------- */

/* The common start of the GSM/WCDMA/LTE/NR5G system info v2 TLVs. */
static GByteArray *
system_info_common (SimModel *model, gboolean registered)
{
  GByteArray *v = g_byte_array_new ();
  const char *code = model->net.operator_code;
  gboolean has_code = code && (strlen (code) == 5 || strlen (code) == 6);

  sim_qmi_put_u8 (v, TRUE);
  sim_qmi_put_u8 (v, registered ? DOMAIN_CS_PS : DOMAIN_NONE);
  sim_qmi_put_u8 (v, TRUE);
  sim_qmi_put_u8 (v, DOMAIN_CS_PS);
  sim_qmi_put_u8 (v, TRUE);
  sim_qmi_put_u8 (v, roaming (model) ? 1 : 0);
  sim_qmi_put_u8 (v, TRUE);
  sim_qmi_put_u8 (v, FALSE); /* forbidden */
  sim_qmi_put_u8 (v, registered);
  sim_qmi_put_u16 (v, (guint16)model->net.lac);
  sim_qmi_put_u8 (v, registered);
  sim_qmi_put_u32 (v, model->net.cell_id);
  sim_qmi_put_u8 (v, FALSE); /* registration reject info */
  sim_qmi_put_u8 (v, 0);
  sim_qmi_put_u8 (v, 0);
  sim_qmi_put_u8 (v, has_code);
  /* MCC and MNC as three characters each, a two-digit MNC padded 0xFF. */
  for (guint i = 0; i < 6; i++) {
    gboolean digit = has_code && i < strlen (code);

    sim_qmi_put_u8 (v, digit ? (guint8)code[i] : (i == 5 && has_code ? 0xFF : (guint8)'0'));
  }
  return v;
}

/* Service status and system info of the current technology's radio; the
 * indication numbers the NR5G TLVs two higher than the response. */
static void
put_system_info (SimModel *model, GByteArray *frame, gboolean indication)
{
  guint8 state = registration_state (model);
  gboolean registered = state == REG_REGISTERED;
  Radio radio = (Radio)sim_qmi_nas_radio (model->net.tech);
  guint8 status = registered ? SERVICE_AVAILABLE : state == REG_DENIED ? SERVICE_LIMITED : SERVICE_NONE;
  guint8 status_tlv = 0, info_tlv = 0;
  GByteArray *v = g_byte_array_new ();

  switch (radio) {
  case RADIO_GSM: status_tlv = 0x12, info_tlv = 0x17; break;
  case RADIO_UMTS: status_tlv = 0x13, info_tlv = 0x18; break;
  case RADIO_LTE: status_tlv = 0x14, info_tlv = 0x19; break;
  case RADIO_5GNR: status_tlv = indication ? 0x4C : 0x4A, info_tlv = indication ? 0x4D : 0x4B; break;
  }
  sim_qmi_put_u8 (v, status);
  sim_qmi_put_u8 (v, status);
  sim_qmi_put_u8 (v, FALSE); /* preferred data path */
  sim_qmi_frame_tlv_take (frame, status_tlv, v);
  if (!registered && state != REG_DENIED)
    return;
  v = system_info_common (model, registered);
  switch (radio) {
  case RADIO_GSM:
    for (guint i = 0; i < 4; i++) /* EGPRS and DTM support: not reported */
      sim_qmi_put_u8 (v, 0);
    break;
  case RADIO_UMTS:
    for (guint i = 0; i < 4; i++) /* HS call status and HS service: not reported */
      sim_qmi_put_u8 (v, 0);
    sim_qmi_put_u8 (v, FALSE);
    sim_qmi_put_u16 (v, 0);
    break;
  case RADIO_LTE:
  case RADIO_5GNR:
    sim_qmi_put_u8 (v, registered);
    sim_qmi_put_u16 (v, (guint16)model->net.tac);
    break;
  }
  sim_qmi_frame_tlv_take (frame, info_tlv, v);
}

static void
get_system_info (SimQmi *self, SimQmiClient *client, const SimQmiMessage *request)
{
  GByteArray *frame = sim_qmi_response_ok (request);

  put_system_info (self->model, frame, FALSE);
  sim_qmi_send (self, frame);
}

/* --- signal --------------------------------------------------------------------- */

/* The RSSI in dBm of a +CSQ level (27.007: 0 is -113 dBm, steps of 2). */
static gint8
rssi_dbm (guint level)
{
  return (gint8)(-113 + 2 * (gint)level);
}

/* Signal is measured only while registered with a known level. */
static gboolean
signal_known (SimModel *model)
{
  return registration_state (model) == REG_REGISTERED && sim_model_current_rssi (model) != 99;
}

/* The Signal Info TLVs of the current radio. LTE and NR values follow the
 * RSSI: RSRP 20 dB below it, RSRQ -10 dB, SNR 10 dB. */
static void
put_signal_info (SimModel *model, GByteArray *frame)
{
  gint8 rssi = rssi_dbm (sim_model_current_rssi (model));
  GByteArray *v = g_byte_array_new ();

  switch ((Radio)sim_qmi_nas_radio (model->net.tech)) {
  case RADIO_GSM:
    g_byte_array_unref (v);
    sim_qmi_frame_tlv_u8 (frame, 0x12, (guint8)rssi);
    return;
  case RADIO_UMTS:
    sim_qmi_put_u8 (v, (guint8)rssi);
    sim_qmi_put_u16 (v, (guint16)(gint16)-10); /* Ec/Io in -0.5 dB: -5 dB */
    sim_qmi_frame_tlv_take (frame, 0x13, v);
    return;
  case RADIO_LTE:
    sim_qmi_put_u8 (v, (guint8)rssi);
    sim_qmi_put_u8 (v, (guint8)(gint8)-10);
    sim_qmi_put_u16 (v, (guint16)(gint16)(rssi - 20));
    sim_qmi_put_u16 (v, 100); /* 0.1 dB */
    sim_qmi_frame_tlv_take (frame, 0x14, v);
    return;
  case RADIO_5GNR:
    sim_qmi_put_u16 (v, (guint16)(gint16)(rssi - 20));
    sim_qmi_put_u16 (v, 100);
    sim_qmi_frame_tlv_take (frame, 0x17, v);
    return;
  }
}

static void
get_signal_info (SimQmi *self, SimQmiClient *client, const SimQmiMessage *request)
{
  GByteArray *frame = sim_qmi_response_ok (request);

  if (signal_known (self->model))
    put_signal_info (self->model, frame);
  sim_qmi_send (self, frame);
}

static void
get_signal_strength (SimQmi *self, SimQmiClient *client, const SimQmiMessage *request)
{
  GByteArray *frame;
  GByteArray *v;

  if (!signal_known (self->model)) {
    sim_qmi_reply_error (self, request, SIM_QMI_ERROR_NO_NETWORK_FOUND);
    return;
  }
  frame = sim_qmi_response_ok (request);
  v = g_byte_array_new ();
  sim_qmi_put_u8 (v, (guint8)rssi_dbm (sim_model_current_rssi (self->model)));
  sim_qmi_put_u8 (v, sim_qmi_nas_radio (self->model->net.tech));
  sim_qmi_frame_tlv_take (frame, 0x01, v);
  sim_qmi_send (self, frame);
}

/* Thresholds and deltas are accepted; every signal change is reported. */
static void
config_signal_info (SimQmi *self, SimQmiClient *client, const SimQmiMessage *request)
{
  sim_qmi_send (self, sim_qmi_response_ok (request));
}

static void
set_event_report (SimQmi *self, SimQmiClient *client, const SimQmiMessage *request)
{
  SimQmiReader r;
  gboolean report = FALSE;

  if (sim_qmi_reader_init (&r, request, 0x10))
    report |= sim_qmi_read_u8 (&r) != 0;
  if (sim_qmi_reader_init (&r, request, 0x13))
    report |= sim_qmi_read_u8 (&r) != 0;
  client->signal_event_report = report;
  sim_qmi_send (self, sim_qmi_response_ok (request));
}

static void
register_indications (SimQmi *self, SimQmiClient *client, const SimQmiMessage *request)
{
  guint8 on;

  if (sim_qmi_tlv_u8 (request, 0x13, &on))
    client->serving_system_ind = on != 0;
  if (sim_qmi_tlv_u8 (request, 0x18, &on))
    client->system_info_ind = on != 0;
  if (sim_qmi_tlv_u8 (request, 0x19, &on))
    client->signal_info_ind = on != 0;
  sim_qmi_send (self, sim_qmi_response_ok (request));
}

/* --- indications ---------------------------------------------------------------- */

static void
send_network_indications (SimQmi *self, SimQmiClient *client)
{
  GByteArray *frame;

  if (client->serving_system_ind) {
    frame = sim_qmi_indication_new (SIM_QMI_SERVICE_NAS, client->id, NAS_IND_SERVING_SYSTEM);
    put_serving_system (self->model, frame, TRUE);
    sim_qmi_send (self, frame);
  }
  if (client->system_info_ind) {
    frame = sim_qmi_indication_new (SIM_QMI_SERVICE_NAS, client->id, NAS_IND_SYSTEM_INFO);
    put_system_info (self->model, frame, TRUE);
    sim_qmi_send (self, frame);
  }
}

static void
send_signal_indications (SimQmi *self, SimQmiClient *client)
{
  GByteArray *frame;
  GByteArray *v;
  gint8 rssi;

  if (!signal_known (self->model))
    return;
  rssi = rssi_dbm (sim_model_current_rssi (self->model));
  if (client->signal_info_ind) {
    frame = sim_qmi_indication_new (SIM_QMI_SERVICE_NAS, client->id, NAS_IND_SIGNAL_INFO);
    put_signal_info (self->model, frame);
    sim_qmi_send (self, frame);
  }
  if (client->signal_event_report) {
    frame = sim_qmi_indication_new (SIM_QMI_SERVICE_NAS, client->id, NAS_IND_EVENT_REPORT);
    v = g_byte_array_new ();
    sim_qmi_put_u8 (v, (guint8)rssi);
    sim_qmi_put_u8 (v, sim_qmi_nas_radio (self->model->net.tech));
    sim_qmi_frame_tlv_take (frame, 0x10, v);
    v = g_byte_array_new ();
    sim_qmi_put_u8 (v, (guint8)-rssi); /* RSSI as a positive number of -dBm */
    sim_qmi_put_u8 (v, sim_qmi_nas_radio (self->model->net.tech));
    sim_qmi_frame_tlv_take (frame, 0x13, v);
    sim_qmi_send (self, frame);
  }
}

/* Runs once the model settled after a burst of events: one indication of
 * each kind, with the final state. */
static gboolean
flush_indications (gpointer user_data)
{
  SimQmi *self = user_data;
  g_autoptr (GList) clients = sim_qmi_clients_of (self, SIM_QMI_SERVICE_NAS);

  self->nas_idle = 0;
  for (GList *l = clients; l; l = l->next) {
    if (self->nas_network_changed)
      send_network_indications (self, l->data);
    if (self->nas_signal_changed)
      send_signal_indications (self, l->data);
  }
  self->nas_network_changed = FALSE;
  self->nas_signal_changed = FALSE;
  return G_SOURCE_REMOVE;
}

void
sim_qmi_nas_model_event (SimQmi *self, const SimEvent *event)
{
  /* A registration change changes the signal that is measurable too. */
  if (event->kind == SIM_EVENT_SIGNAL)
    self->nas_signal_changed = TRUE;
  else
    self->nas_network_changed = self->nas_signal_changed = TRUE;
  if (!self->nas_idle)
    self->nas_idle = g_idle_add (flush_indications, self);
}

const SimQmiHandler sim_qmi_nas_handlers[] = {
  { 0x0002, "Set Event Report", set_event_report },
  { 0x0003, "Register Indications", register_indications },
  { 0x0020, "Get Signal Strength", get_signal_strength },
  { 0x0021, "Network Scan", sim_qmi_nas_network_scan },
  { 0x0022, "Initiate Network Register", sim_qmi_nas_initiate_network_register },
  { 0x0024, "Get Serving System", get_serving_system },
  { 0x0025, "Get Home Network", sim_qmi_nas_get_home_network },
  { 0x0033, "Set System Selection Preference", sim_qmi_nas_set_system_selection_preference },
  { 0x0034, "Get System Selection Preference", sim_qmi_nas_get_system_selection_preference },
  { 0x004D, "Get System Info", get_system_info },
  { 0x004F, "Get Signal Info", get_signal_info },
  { 0x0050, "Config Signal Info", config_signal_info },
  { 0 },
};
