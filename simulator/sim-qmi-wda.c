/* SPDX-License-Identifier: GPL-2.0-or-later */
/* WDA requests of the QMI front end: Get and Set Data Format, the data
 * port's link layer and aggregation, kept in the model (data_format) so
 * tests can read what the host negotiated; a further QMI port keeps its
 * own (sim_qmi_set_port_index). */
#include <string.h>

#include "sim-qmi-private.h"

#define WDA_TLV_LINK_LAYER       0x11
#define WDA_TLV_UPLINK           0x12
#define WDA_TLV_DOWNLINK         0x13
#define WDA_TLV_DL_MAX_DATAGRAMS 0x15
#define WDA_TLV_DL_MAX_SIZE      0x16
#define WDA_LINK_802_3           1
#define WDA_LINK_RAW_IP          2
#define WDA_AGGREGATION_DISABLED 0
#define WDA_AGGREGATION_QMAP     5
#define WDA_AGGREGATION_QMAPV5   9

static guint32
aggregation_value (SimAggregation aggregation)
{
  switch (aggregation) {
  case SIM_AGGREGATION_NONE: return WDA_AGGREGATION_DISABLED;
  case SIM_AGGREGATION_QMAP: return WDA_AGGREGATION_QMAP;
  case SIM_AGGREGATION_QMAPV5: return WDA_AGGREGATION_QMAPV5;
  }
  return WDA_AGGREGATION_DISABLED;
}

/* Only the aggregations a modem of this kind offers are taken (QMAP not
 * at all with [modem] qmap=false). */
static gboolean
aggregation_from_value (SimQmi *self, guint32 value, SimAggregation *out)
{
  switch (value) {
  case WDA_AGGREGATION_DISABLED: *out = SIM_AGGREGATION_NONE; return TRUE;
  case WDA_AGGREGATION_QMAP: *out = SIM_AGGREGATION_QMAP; return self->model->qmap;
  case WDA_AGGREGATION_QMAPV5: *out = SIM_AGGREGATION_QMAPV5; return self->model->qmap;
  }
  return FALSE;
}

static const SimDataFormat *
port_format (SimQmi *self)
{
  return self->own_format ? &self->format : &self->model->data_format;
}

void
sim_qmi_set_port_index (SimQmi *self, guint index)
{
  guint i = MIN (index, SIM_MAX_QMI_PORTS - 1);

  self->own_format = index > 0;
  self->fixed_link = self->model->qmi_link_fixed[i];
  if (self->own_format) {
    memset (&self->format, 0, sizeof self->format);
    self->format.link_layer = self->model->qmi_link[i];
  }
}

char *
sim_qmi_get_data_format (SimQmi *self)
{
  return sim_data_format_string (port_format (self));
}

static void
reply_format (SimQmi *self, const SimQmiMessage *request)
{
  const SimDataFormat *format = port_format (self);
  GByteArray *frame = sim_qmi_response_ok (request);
  guint32 link = WDA_LINK_802_3;

  switch (format->link_layer) {
  case SIM_LINK_LAYER_802_3: link = WDA_LINK_802_3; break;
  case SIM_LINK_LAYER_RAW_IP: link = WDA_LINK_RAW_IP; break;
  }
  sim_qmi_frame_tlv_u8 (frame, 0x10, FALSE); /* QoS format */
  sim_qmi_frame_tlv_u32 (frame, WDA_TLV_LINK_LAYER, link);
  sim_qmi_frame_tlv_u32 (frame, WDA_TLV_UPLINK, aggregation_value (format->uplink));
  sim_qmi_frame_tlv_u32 (frame, WDA_TLV_DOWNLINK, aggregation_value (format->downlink));
  if (format->downlink_max_datagrams)
    sim_qmi_frame_tlv_u32 (frame, WDA_TLV_DL_MAX_DATAGRAMS, format->downlink_max_datagrams);
  if (format->downlink_max_size)
    sim_qmi_frame_tlv_u32 (frame, WDA_TLV_DL_MAX_SIZE, format->downlink_max_size);
  sim_qmi_send (self, frame);
}

/* Endpoint Info (Get: TLV 0x10, Set: 0x17): recorded when given; FALSE
 * (answered MISSING_ARGUMENT) when the modem wants it and it is absent. */
static gboolean
take_endpoint (SimQmi *self, const SimQmiMessage *request, guint8 tlv)
{
  SimQmiReader endpoint;

  if (sim_qmi_reader_init (&endpoint, request, tlv)) {
    guint32 type = sim_qmi_read_u32 (&endpoint);
    guint32 interface = sim_qmi_read_u32 (&endpoint);

    g_free (self->wda_endpoint);
    self->wda_endpoint = endpoint.ok ? g_strdup_printf ("%u/%u", type, interface) : g_strdup ("invalid");
    return TRUE;
  }
  if (!self->model->wda_endpoint_required)
    return TRUE;
  sim_qmi_reply_error (self, request, SIM_QMI_ERROR_MISSING_ARGUMENT);
  return FALSE;
}

static void
get_data_format (SimQmi *self, SimQmiClient *client, const SimQmiMessage *request)
{
  if (take_endpoint (self, request, 0x10))
    reply_format (self, request);
}

/* Changes only what the request carries; the reply is the result. */
static void
set_data_format (SimQmi *self, SimQmiClient *client, const SimQmiMessage *request)
{
  SimDataFormat format = *port_format (self);
  SimLinkLayer fixed = format.link_layer;
  guint32 value;

  if (!take_endpoint (self, request, 0x17))
    return;
  if (sim_qmi_tlv_u32 (request, WDA_TLV_LINK_LAYER, &value)) {
    if (value == WDA_LINK_802_3)
      format.link_layer = SIM_LINK_LAYER_802_3;
    else if (value == WDA_LINK_RAW_IP)
      format.link_layer = SIM_LINK_LAYER_RAW_IP;
    else {
      sim_qmi_reply_error (self, request, SIM_QMI_ERROR_INVALID_ARGUMENT);
      return;
    }
  }
  if ((sim_qmi_tlv_u32 (request, WDA_TLV_UPLINK, &value)
       && !aggregation_from_value (self, value, &format.uplink))
      || (sim_qmi_tlv_u32 (request, WDA_TLV_DOWNLINK, &value)
          && !aggregation_from_value (self, value, &format.downlink))) {
    sim_qmi_reply_error (self, request, SIM_QMI_ERROR_INVALID_ARGUMENT);
    return;
  }
  if (sim_qmi_tlv_u32 (request, WDA_TLV_DL_MAX_DATAGRAMS, &value))
    format.downlink_max_datagrams = value;
  if (sim_qmi_tlv_u32 (request, WDA_TLV_DL_MAX_SIZE, &value))
    format.downlink_max_size = value;
  /* A function whose framing is wired keeps it; the answer says so. */
  if (self->fixed_link)
    format.link_layer = fixed;
  if (self->own_format)
    self->format = format;
  else
    sim_model_set_data_format (self->model, &format);
  reply_format (self, request);
}

const SimQmiHandler sim_qmi_wda_handlers[] = {
  { 0x0020, "Set Data Format", set_data_format },
  { 0x0021, "Get Data Format", get_data_format },
  { 0 },
};
