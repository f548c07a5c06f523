/* SPDX-License-Identifier: GPL-2.0-or-later */
/* NAS network selection for the QMI front end: home network, network scan
 * (after the scenario's scan delay), manual and automatic registration and
 * the system selection preference, through the model's operator selection
 * and allowed modes. The queries and indications are in sim-qmi-nas.c. */
#include "sim-qmi-private.h"

#include <string.h>

#define NET_STATUS_CURRENT   0x01
#define NET_STATUS_AVAILABLE 0x02
#define NET_STATUS_HOME      0x04
#define NET_STATUS_ROAMING   0x08
#define NET_STATUS_FORBIDDEN 0x10
#define NET_STATUS_ALLOWED   0x20
#define REGISTER_AUTOMATIC   1
#define REGISTER_MANUAL      2
#define RAT_GSM              (1 << 2)
#define RAT_UMTS             (1 << 3)
#define RAT_LTE              (1 << 4)
#define RAT_5GNR             (1 << 6)

/* A reply sent later: Network Scan takes cops-scan-delay-ms. */
typedef struct {
  SimQmi *self;
  SimQmiMessage request; /* headers only */
  guint timer;
} Pending;

/* Whether the network is the SIM's own: its code starts the IMSI. */
static gboolean
is_home (SimModel *model, const char *code)
{
  return model->sim.imsi && code && g_str_has_prefix (model->sim.imsi, code);
}

/* The SIM's network: MCC and MNC from the IMSI (mnc-length), name = SPN. */
void
sim_qmi_nas_get_home_network (SimQmi *self, SimQmiClient *client, const SimQmiMessage *request)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *code = NULL;
  guint16 mcc, mnc;
  gboolean three;
  GByteArray *frame;
  GByteArray *v;

  if (!sim_model_check_sim_ready (self->model, &error)) {
    sim_qmi_reply_error (self, request, sim_qmi_error_from_model (error));
    return;
  }
  code = g_strndup (self->model->sim.imsi, 3 + self->model->sim.mnc_length);
  if (!sim_qmi_nas_split_code (code, &mcc, &mnc, &three)) {
    sim_qmi_reply_error (self, request, SIM_QMI_ERROR_INFORMATION_UNAVAILABLE);
    return;
  }
  frame = sim_qmi_response_ok (request);
  v = g_byte_array_new ();
  sim_qmi_put_u16 (v, mcc);
  sim_qmi_put_u16 (v, mnc);
  sim_qmi_put_string8 (v, self->model->sim.spn);
  sim_qmi_frame_tlv_take (frame, 0x01, v);
  v = g_byte_array_new ();
  sim_qmi_put_u8 (v, TRUE); /* 3GPP */
  sim_qmi_put_u8 (v, three);
  sim_qmi_frame_tlv_take (frame, 0x12, v);
  sim_qmi_send (self, frame);
}

/* --- network scan and registration ---------------------------------------------- */

static guint8
network_status (SimModel *model, const SimOperator *op)
{
  guint8 status = is_home (model, op->code) ? NET_STATUS_HOME : NET_STATUS_ROAMING;

  switch (sim_model_operator_status (model, op)) {
  case SIM_OPERATOR_CURRENT: return status | NET_STATUS_CURRENT | NET_STATUS_ALLOWED;
  case SIM_OPERATOR_AVAILABLE: return status | NET_STATUS_AVAILABLE | NET_STATUS_ALLOWED;
  case SIM_OPERATOR_FORBIDDEN: return status | NET_STATUS_AVAILABLE | NET_STATUS_FORBIDDEN;
  case SIM_OPERATOR_UNKNOWN: return status | NET_STATUS_ALLOWED;
  }
  return status;
}

static void
send_scan_result (SimQmi *self, const SimQmiMessage *request)
{
  GPtrArray *ops = self->model->net.available;
  GByteArray *frame;
  GByteArray *info = g_byte_array_new ();
  GByteArray *rat = g_byte_array_new ();
  GByteArray *pcs = g_byte_array_new ();
  guint16 count = 0;

  sim_qmi_put_u16 (info, 0);
  sim_qmi_put_u16 (rat, 0);
  sim_qmi_put_u16 (pcs, 0);
  for (guint i = 0; i < ops->len; i++) {
    const SimOperator *op = g_ptr_array_index (ops, i);
    guint16 mcc, mnc;
    gboolean three;

    if (!sim_qmi_nas_split_code (op->code, &mcc, &mnc, &three))
      continue;
    count++;
    sim_qmi_put_u16 (info, mcc);
    sim_qmi_put_u16 (info, mnc);
    sim_qmi_put_u8 (info, network_status (self->model, op));
    sim_qmi_put_string8 (info, op->long_name);
    sim_qmi_put_u16 (rat, mcc);
    sim_qmi_put_u16 (rat, mnc);
    sim_qmi_put_u8 (rat, sim_qmi_nas_radio (op->tech));
    sim_qmi_put_u16 (pcs, mcc);
    sim_qmi_put_u16 (pcs, mnc);
    sim_qmi_put_u8 (pcs, three);
  }
  for (GByteArray **a = (GByteArray *[]){ info, rat, pcs, NULL }; *a; a++) {
    (*a)->data[0] = count & 0xFF;
    (*a)->data[1] = count >> 8;
  }
  frame = sim_qmi_response_ok (request);
  sim_qmi_frame_tlv_take (frame, 0x10, info);
  sim_qmi_frame_tlv_take (frame, 0x11, rat);
  sim_qmi_frame_tlv_take (frame, 0x12, pcs);
  sim_qmi_frame_tlv_u32 (frame, 0x13, 0); /* success */
  sim_qmi_send (self, frame);
}

static gboolean
scan_done (gpointer user_data)
{
  Pending *pending = user_data;
  SimQmi *self = pending->self;

  self->pending = g_slist_remove (self->pending, pending);
  send_scan_result (self, &pending->request);
  g_free (pending);
  return G_SOURCE_REMOVE;
}

void
sim_qmi_nas_cancel_pending (SimQmi *self)
{
  for (GSList *l = self->pending; l; l = l->next) {
    Pending *pending = l->data;

    g_source_remove (pending->timer);
    g_free (pending);
  }
  g_clear_pointer (&self->pending, g_slist_free);
}

void
sim_qmi_nas_network_scan (SimQmi *self, SimQmiClient *client, const SimQmiMessage *request)
{
  Pending *pending;

  if (self->model->cfun != 1) {
    sim_qmi_reply_error (self, request, SIM_QMI_ERROR_NO_RADIO);
    return;
  }
  if (self->scan_delay_ms == 0) {
    send_scan_result (self, request);
    return;
  }
  pending = g_new0 (Pending, 1);
  pending->self = self;
  pending->request = *request;
  pending->request.tlvs = NULL;
  pending->request.tlvs_len = 0;
  pending->timer = g_timeout_add (self->scan_delay_ms, scan_done, pending);
  self->pending = g_slist_prepend (self->pending, pending);
}

/* The model's code for an MCC, MNC and whether the MNC has three digits. */
static char *
code_of (guint16 mcc, guint16 mnc, gboolean three)
{
  return three ? g_strdup_printf ("%03u%03u", mcc, mnc) : g_strdup_printf ("%03u%02u", mcc, mnc);
}

/* Registration is asynchronous in QMI: the answer only says the request
 * was taken; the outcome comes with the serving system indications. */
void
sim_qmi_nas_initiate_network_register (SimQmi *self, SimQmiClient *client, const SimQmiMessage *request)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *code = NULL;
  guint8 action, three = FALSE;
  gboolean ok;

  if (!sim_qmi_tlv_u8 (request, 0x01, &action)) {
    sim_qmi_reply_error (self, request, SIM_QMI_ERROR_MISSING_ARGUMENT);
    return;
  }
  if (action == REGISTER_AUTOMATIC) {
    ok = sim_model_select_operator (self->model, SIM_SELECT_AUTOMATIC, NULL, &error);
  } else if (action == REGISTER_MANUAL) {
    SimQmiReader r;
    guint16 mcc, mnc;

    if (!sim_qmi_reader_init (&r, request, 0x10)) {
      sim_qmi_reply_error (self, request, SIM_QMI_ERROR_MISSING_ARGUMENT);
      return;
    }
    mcc = sim_qmi_read_u16 (&r);
    mnc = sim_qmi_read_u16 (&r);
    sim_qmi_read_u8 (&r);
    if (!r.ok) {
      sim_qmi_reply_error (self, request, SIM_QMI_ERROR_MALFORMED_MESSAGE);
      return;
    }
    sim_qmi_tlv_u8 (request, 0x12, &three);
    code = code_of (mcc, mnc, three != 0);
    ok = sim_model_select_operator (self->model, SIM_SELECT_MANUAL, code, &error);
  } else {
    sim_qmi_reply_error (self, request, SIM_QMI_ERROR_INVALID_ARGUMENT);
    return;
  }
  if (!ok) {
    sim_qmi_reply_error (self, request, sim_qmi_error_from_model (error));
    return;
  }
  sim_qmi_send (self, sim_qmi_response_ok (request));
}

/* --- system selection preference ------------------------------------------------ */

static const struct {
  guint16 rat;
  SimModeFlags mode;
} rat_modes[] = {
  { RAT_GSM, SIM_MODE_2G },
  { RAT_UMTS, SIM_MODE_3G },
  { RAT_LTE, SIM_MODE_4G },
  { RAT_5GNR, SIM_MODE_5G },
};

void
sim_qmi_nas_get_system_selection_preference (SimQmi *self, SimQmiClient *client, const SimQmiMessage *request)
{
  GByteArray *frame = sim_qmi_response_ok (request);
  guint16 rats = 0;

  for (guint i = 0; i < G_N_ELEMENTS (rat_modes); i++) {
    if (self->model->allowed_modes & rat_modes[i].mode)
      rats |= rat_modes[i].rat;
  }
  sim_qmi_frame_tlv_u8 (frame, 0x10, FALSE); /* emergency mode */
  sim_qmi_frame_tlv_u16 (frame, 0x11, rats);
  sim_qmi_frame_tlv_u8 (frame, 0x16, self->model->net.select_mode == SIM_SELECT_MANUAL ? 1 : 0);
  sim_qmi_send (self, frame);
}

/* Mode preference and network selection; band preferences cannot be held
 * by the model and are refused rather than ignored. */
void
sim_qmi_nas_set_system_selection_preference (SimQmi *self, SimQmiClient *client, const SimQmiMessage *request)
{
  static const guint8 band_tlvs[] = { 0x12, 0x15, 0x1D, 0x24, 0x2F, 0x30 };
  g_autoptr (GError) error = NULL;
  const guint8 *value;
  guint16 len, rats;
  SimQmiReader r;

  for (guint i = 0; i < G_N_ELEMENTS (band_tlvs); i++) {
    if (sim_qmi_find_tlv (request, band_tlvs[i], &value, &len)) {
      sim_qmi_reply_error (self, request, SIM_QMI_ERROR_NOT_SUPPORTED);
      return;
    }
  }
  if (sim_qmi_tlv_u16 (request, 0x11, &rats)) {
    guint modes = 0;

    for (guint i = 0; i < G_N_ELEMENTS (rat_modes); i++) {
      if (rats & rat_modes[i].rat)
        modes |= rat_modes[i].mode;
    }
    if (!sim_model_set_allowed_modes (self->model, modes, &error)) {
      sim_qmi_reply_error (self, request, sim_qmi_error_from_model (error));
      return;
    }
  }
  if (sim_qmi_reader_init (&r, request, 0x16)) {
    guint8 mode = sim_qmi_read_u8 (&r);
    guint16 mcc = sim_qmi_read_u16 (&r);
    guint16 mnc = sim_qmi_read_u16 (&r);
    guint8 three = FALSE;
    g_autofree char *code = NULL;
    gboolean ok;

    if (!r.ok) {
      sim_qmi_reply_error (self, request, SIM_QMI_ERROR_MALFORMED_MESSAGE);
      return;
    }
    sim_qmi_tlv_u8 (request, 0x1A, &three);
    code = code_of (mcc, mnc, three != 0);
    ok = mode == 0 ? sim_model_select_operator (self->model, SIM_SELECT_AUTOMATIC, NULL, &error)
                   : sim_model_select_operator (self->model, SIM_SELECT_MANUAL, code, &error);
    if (!ok) {
      sim_qmi_reply_error (self, request, sim_qmi_error_from_model (error));
      return;
    }
  }
  sim_qmi_send (self, sim_qmi_response_ok (request));
}
