/* SPDX-License-Identifier: GPL-2.0-or-later */
/* DMS (device management) requests of the QMI front end: manufacturer,
 * model, revision, IDs (IMEI) and operating mode, answered from the model's
 * identity and CFUN, the values the AT and MBIM front ends report. */
#include "sim-qmi-private.h"

#define DMS_GET_MANUFACTURER   0x0021
#define DMS_GET_MODEL          0x0022
#define DMS_GET_REVISION       0x0023
#define DMS_GET_IDS            0x0025
#define DMS_GET_OPERATING_MODE 0x002D
#define DMS_TLV_VALUE          0x01
#define DMS_TLV_IMEI           0x11
#define DMS_MODE_ONLINE        0
#define DMS_MODE_LOW_POWER     1

static void
reply_string (SimQmi *self, const SimQmiMessage *request, guint8 type, const char *value)
{
  GByteArray *frame = sim_qmi_response_new (request);

  sim_qmi_frame_result (frame, SIM_QMI_ERROR_NONE);
  sim_qmi_frame_tlv_string (frame, type, value);
  sim_qmi_send (self, frame);
}

/* CFUN 1 is online; CFUN 4 and 0 (radio off) are low power. */
static void
reply_operating_mode (SimQmi *self, const SimQmiMessage *request)
{
  GByteArray *frame = sim_qmi_response_new (request);

  sim_qmi_frame_result (frame, SIM_QMI_ERROR_NONE);
  sim_qmi_frame_tlv_u8 (frame, DMS_TLV_VALUE, self->model->cfun == 1 ? DMS_MODE_ONLINE : DMS_MODE_LOW_POWER);
  sim_qmi_send (self, frame);
}

gboolean
sim_qmi_dms_handle (SimQmi *self, const SimQmiMessage *request)
{
  switch (request->message) {
  case DMS_GET_MANUFACTURER:
    reply_string (self, request, DMS_TLV_VALUE, self->model->identity.manufacturer);
    return TRUE;
  case DMS_GET_MODEL: reply_string (self, request, DMS_TLV_VALUE, self->model->identity.model); return TRUE;
  case DMS_GET_REVISION:
    reply_string (self, request, DMS_TLV_VALUE, self->model->identity.revision);
    return TRUE;
  case DMS_GET_IDS: reply_string (self, request, DMS_TLV_IMEI, self->model->identity.imei); return TRUE;
  case DMS_GET_OPERATING_MODE: reply_operating_mode (self, request); return TRUE;
  }
  return FALSE;
}
