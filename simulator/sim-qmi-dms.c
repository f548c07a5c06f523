/* SPDX-License-Identifier: GPL-2.0-or-later */
/* DMS (device management) requests of the QMI front end: identity (IMEI,
 * MSISDN), capabilities and bands, operating mode (read, set as CFUN, and
 * its Event Report indication after every change or request) and the
 * older UIM fallbacks (ICCID, IMSI, PIN status, PIN1 verify / unblock /
 * change / protection), answered from the model's
 * identity, CFUN and SIM card, the values the AT and MBIM front ends report. */
#include "sim-qmi-private.h"

#define DMS_TLV_VALUE        0x01
#define DMS_TLV_IMEI         0x11
#define DMS_TLV_PIN1         0x11
#define DMS_MSG_EVENT_REPORT 0x0001
/* Set Event Report's Operating Mode Reporting and the indication's mode. */
#define DMS_TLV_OPERATING_MODE        0x14
#define DMS_MODE_ONLINE               0
#define DMS_MODE_LOW_POWER            1
#define DMS_MODE_OFFLINE              3
#define DMS_MODE_PERSISTENT_LOW_POWER 6
#define DMS_MODE_MODE_ONLY_LOW_POWER  7
/* QmiDmsRadioInterface. */
#define DMS_RADIO_GSM  4
#define DMS_RADIO_UMTS 5
#define DMS_RADIO_LTE  8
#define DMS_RADIO_5GNR 10
/* The bands of the simulated hardware (QmiDmsBandCapability and
 * QmiDmsLteBandCapability bits): GSM 900/1800, WCDMA 2100/900, LTE 1, 3,
 * 7, 8, 20. */
#define DMS_BANDS     ((1ull << 7) | (1ull << 8) | (1ull << 9) | (1ull << 22) | (1ull << 49))
#define DMS_LTE_BANDS ((1ull << 0) | (1ull << 2) | (1ull << 6) | (1ull << 7) | (1ull << 19))

static void
reply_string (SimQmi *self, const SimQmiMessage *request, guint8 type, const char *value)
{
  GByteArray *frame = sim_qmi_response_ok (request);

  sim_qmi_frame_tlv_string (frame, type, value);
  sim_qmi_send (self, frame);
}

static void
get_manufacturer (SimQmi *self, SimQmiClient *client, const SimQmiMessage *request)
{
  reply_string (self, request, DMS_TLV_VALUE, self->model->identity.manufacturer);
}

static void
get_model (SimQmi *self, SimQmiClient *client, const SimQmiMessage *request)
{
  reply_string (self, request, DMS_TLV_VALUE, self->model->identity.model);
}

static void
get_revision (SimQmi *self, SimQmiClient *client, const SimQmiMessage *request)
{
  reply_string (self, request, DMS_TLV_VALUE, self->model->identity.revision);
}

static void
get_ids (SimQmi *self, SimQmiClient *client, const SimQmiMessage *request)
{
  reply_string (self, request, DMS_TLV_IMEI, self->model->identity.imei);
}

/* CFUN 1 is online; CFUN 4 and 0 (radio off) are low power. */
static guint8
operating_mode (SimModel *model)
{
  return model->cfun == 1 ? DMS_MODE_ONLINE : DMS_MODE_LOW_POWER;
}

static void
get_operating_mode (SimQmi *self, SimQmiClient *client, const SimQmiMessage *request)
{
  GByteArray *frame = sim_qmi_response_ok (request);

  sim_qmi_frame_tlv_u8 (frame, DMS_TLV_VALUE, operating_mode (self->model));
  sim_qmi_send (self, frame);
}

/* Runs after the reply that caused it: the mode reached, to every DMS
 * client that asked for Operating Mode Reporting. */
static gboolean
send_operating_mode (gpointer user_data)
{
  SimQmi *self = user_data;
  g_autoptr (GList) clients = sim_qmi_clients_of (self, SIM_QMI_SERVICE_DMS);

  self->dms_idle = 0;
  for (GList *l = clients; l; l = l->next) {
    SimQmiClient *client = l->data;
    GByteArray *frame;

    if (!client->operating_mode_report)
      continue;
    frame = sim_qmi_indication_new (SIM_QMI_SERVICE_DMS, client->id, DMS_MSG_EVENT_REPORT);
    sim_qmi_frame_tlv_u8 (frame, DMS_TLV_OPERATING_MODE, operating_mode (self->model));
    sim_qmi_send (self, frame);
  }
  return G_SOURCE_REMOVE;
}

static void
schedule_operating_mode (SimQmi *self)
{
  if (!self->dms_idle)
    self->dms_idle = g_idle_add (send_operating_mode, self);
}

/* The radio changed (also through an AT port's +CFUN). */
void
sim_qmi_dms_model_event (SimQmi *self, const SimEvent *event)
{
  schedule_operating_mode (self);
}

/* Only Operating Mode Reporting is followed; the other reports (power
 * state, battery, PIN state, activation, UIM state, wireless disable) are
 * accepted and never sent, as on a modem without those events. A request
 * naming no report at all lacks its argument: MISSING_ARGUMENT. */
static void
set_event_report (SimQmi *self, SimQmiClient *client, const SimQmiMessage *request)
{
  static const guint8 reports[] = { 0x10, 0x11, 0x12, 0x13, 0x15, 0x16 };
  gboolean any = FALSE;
  guint8 on;

  for (guint i = 0; i < G_N_ELEMENTS (reports); i++) {
    SimQmiReader r;

    any |= sim_qmi_reader_init (&r, request, reports[i]);
  }
  if (sim_qmi_tlv_u8 (request, DMS_TLV_OPERATING_MODE, &on)) {
    client->operating_mode_report = on != 0;
    any = TRUE;
  }
  if (!any) {
    sim_qmi_reply_error (self, request, SIM_QMI_ERROR_MISSING_ARGUMENT);
    return;
  }
  sim_qmi_send (self, sim_qmi_response_ok (request));
}

/* Online is CFUN 1, the low power modes CFUN 4, offline CFUN 0 (which
 * Get Operating Mode reads back as low power); others are refused. */
static void
set_operating_mode (SimQmi *self, SimQmiClient *client, const SimQmiMessage *request)
{
  g_autoptr (GError) error = NULL;
  guint8 mode;
  guint cfun;

  if (!sim_qmi_tlv_u8 (request, DMS_TLV_VALUE, &mode)) {
    sim_qmi_reply_error (self, request, SIM_QMI_ERROR_MISSING_ARGUMENT);
    return;
  }
  switch (mode) {
  case DMS_MODE_ONLINE: cfun = 1; break;
  case DMS_MODE_LOW_POWER:
  case DMS_MODE_PERSISTENT_LOW_POWER:
  case DMS_MODE_MODE_ONLY_LOW_POWER: cfun = 4; break;
  case DMS_MODE_OFFLINE: cfun = 0; break;
  default: sim_qmi_reply_error (self, request, SIM_QMI_ERROR_INVALID_ARGUMENT); return;
  }
  if (!sim_model_set_cfun (self->model, cfun, &error)) {
    sim_qmi_reply_error (self, request, sim_qmi_error_from_model (error));
    return;
  }
  sim_qmi_send (self, sim_qmi_response_ok (request));
  /* Reported also when the mode was already the one asked for: a client
   * waiting for the indication after its request gets it. */
  schedule_operating_mode (self);
}

/* Nominal LTE speeds as MBIM's packet service reports; 5G NR only while
 * the technology is 5gnr, as MBIM's device caps. */
static void
get_capabilities (SimQmi *self, SimQmiClient *client, const SimQmiMessage *request)
{
  GByteArray *frame = sim_qmi_response_ok (request);
  GByteArray *v = g_byte_array_new ();
  gboolean nr = self->model->net.tech == SIM_TECH_5GNR;

  sim_qmi_put_u32 (v, 50000000);
  sim_qmi_put_u32 (v, 150000000);
  sim_qmi_put_u8 (v, 3); /* simultaneous CS and PS */
  sim_qmi_put_u8 (v, 2); /* SIM supported */
  sim_qmi_put_u8 (v, nr ? 4 : 3);
  sim_qmi_put_u8 (v, DMS_RADIO_GSM);
  sim_qmi_put_u8 (v, DMS_RADIO_UMTS);
  sim_qmi_put_u8 (v, DMS_RADIO_LTE);
  if (nr)
    sim_qmi_put_u8 (v, DMS_RADIO_5GNR);
  sim_qmi_frame_tlv_take (frame, DMS_TLV_VALUE, v);
  sim_qmi_send (self, frame);
}

/* The first of the SIM's own numbers; none is UIM_UNINITIALIZED. */
static void
get_msisdn (SimQmi *self, SimQmiClient *client, const SimQmiMessage *request)
{
  GStrv numbers = self->model->sim.own_numbers;

  if (!self->model->sim.present || !numbers || !numbers[0]) {
    sim_qmi_reply_error (self, request, SIM_QMI_ERROR_UIM_UNINITIALIZED);
    return;
  }
  reply_string (self, request, DMS_TLV_VALUE, numbers[0]);
}

static void
get_band_capabilities (SimQmi *self, SimQmiClient *client, const SimQmiMessage *request)
{
  static const guint16 lte_bands[] = { 1, 3, 7, 8, 20 };
  GByteArray *frame = sim_qmi_response_ok (request);
  GByteArray *v = g_byte_array_new ();

  sim_qmi_put_u64 (v, DMS_BANDS);
  sim_qmi_frame_tlv_take (frame, DMS_TLV_VALUE, v);
  v = g_byte_array_new ();
  sim_qmi_put_u64 (v, DMS_LTE_BANDS);
  sim_qmi_frame_tlv_take (frame, 0x10, v);
  v = g_byte_array_new ();
  sim_qmi_put_u16 (v, G_N_ELEMENTS (lte_bands));
  for (guint i = 0; i < G_N_ELEMENTS (lte_bands); i++)
    sim_qmi_put_u16 (v, lte_bands[i]);
  sim_qmi_frame_tlv_take (frame, 0x12, v);
  sim_qmi_send (self, frame);
}

static void
uim_get_iccid (SimQmi *self, SimQmiClient *client, const SimQmiMessage *request)
{
  if (!self->model->sim.present) {
    sim_qmi_reply_error (self, request, SIM_QMI_ERROR_UIM_UNINITIALIZED);
    return;
  }
  reply_string (self, request, DMS_TLV_VALUE, self->model->sim.iccid);
}

/* The IMSI is readable only once the card is unlocked, as with +CIMI. */
static void
uim_get_imsi (SimQmi *self, SimQmiClient *client, const SimQmiMessage *request)
{
  g_autoptr (GError) error = NULL;

  if (!sim_model_check_sim_ready (self->model, &error)) {
    sim_qmi_reply_error (self, request, sim_qmi_error_from_model (error));
    return;
  }
  reply_string (self, request, DMS_TLV_VALUE, self->model->sim.imsi);
}

static void
uim_get_pin_status (SimQmi *self, SimQmiClient *client, const SimQmiMessage *request)
{
  GByteArray *frame;
  GByteArray *pin1;

  if (!self->model->sim.present) {
    sim_qmi_reply_error (self, request, SIM_QMI_ERROR_UIM_UNINITIALIZED);
    return;
  }
  frame = sim_qmi_response_ok (request);
  pin1 = g_byte_array_new ();
  sim_qmi_put_u8 (pin1, sim_qmi_uim_pin1_state (self->model));
  sim_qmi_put_u8 (pin1, (guint8)self->model->sim.pin_retries);
  sim_qmi_put_u8 (pin1, (guint8)self->model->sim.puk_retries);
  sim_qmi_frame_tlv_take (frame, DMS_TLV_PIN1, pin1);
  sim_qmi_send (self, frame);
}

/* The PIN messages of firmware without UIM: PIN1 only, as through UIM. */
static void
uim_set_pin_protection (SimQmi *self, SimQmiClient *client, const SimQmiMessage *request)
{
  sim_qmi_pin_operation (self, request, SIM_QMI_PIN_PROTECTION, DMS_TLV_VALUE);
}

static void
uim_verify_pin (SimQmi *self, SimQmiClient *client, const SimQmiMessage *request)
{
  sim_qmi_pin_operation (self, request, SIM_QMI_PIN_VERIFY, DMS_TLV_VALUE);
}

static void
uim_unblock_pin (SimQmi *self, SimQmiClient *client, const SimQmiMessage *request)
{
  sim_qmi_pin_operation (self, request, SIM_QMI_PIN_UNBLOCK, DMS_TLV_VALUE);
}

static void
uim_change_pin (SimQmi *self, SimQmiClient *client, const SimQmiMessage *request)
{
  sim_qmi_pin_operation (self, request, SIM_QMI_PIN_CHANGE, DMS_TLV_VALUE);
}

const SimQmiHandler sim_qmi_dms_handlers[] = {
  { 0x0001, "Set Event Report", set_event_report },
  { 0x0020, "Get Capabilities", get_capabilities },
  { 0x0021, "Get Manufacturer", get_manufacturer },
  { 0x0022, "Get Model", get_model },
  { 0x0023, "Get Revision", get_revision },
  { 0x0024, "Get MSISDN", get_msisdn },
  { 0x0025, "Get IDs", get_ids },
  { 0x0027, "UIM Set PIN Protection", uim_set_pin_protection },
  { 0x0028, "UIM Verify PIN", uim_verify_pin },
  { 0x0029, "UIM Unblock PIN", uim_unblock_pin },
  { 0x002A, "UIM Change PIN", uim_change_pin },
  { 0x002B, "UIM Get PIN Status", uim_get_pin_status },
  { 0x002D, "Get Operating Mode", get_operating_mode },
  { 0x002E, "Set Operating Mode", set_operating_mode },
  { 0x003C, "UIM Get ICCID", uim_get_iccid },
  { 0x0043, "UIM Get IMSI", uim_get_imsi },
  { 0x0045, "Get Band Capabilities", get_band_capabilities },
  { 0 },
};
