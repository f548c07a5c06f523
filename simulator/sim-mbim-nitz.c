/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The Microsoft Voice Extensions service, NITZ only: the network time (UTC
 * fields, as NITZ carries universal time) with the model's zone and DST, on
 * query and as a notification whenever the network reports a zone. */
#include "sim-mbim-private.h"

const guint8 *
sim_mbim_nitz_uuid (void)
{
  return (const guint8 *)mbim_uuid_from_service (MBIM_SERVICE_MS_VOICE_EXTENSIONS);
}

static GByteArray *
nitz_info (SimMbim *self)
{
  SimModel *model = self->model;
  g_autoptr (GDateTime) local = sim_model_get_clock (model);
  g_autoptr (GDateTime) utc = g_date_time_to_utc (local);
  SimMbimBuilder *b = sim_mbim_builder_new ();

  sim_mbim_builder_u32 (b, (guint32)g_date_time_get_year (utc));
  sim_mbim_builder_u32 (b, (guint32)g_date_time_get_month (utc));
  sim_mbim_builder_u32 (b, (guint32)g_date_time_get_day_of_month (utc));
  sim_mbim_builder_u32 (b, (guint32)g_date_time_get_hour (utc));
  sim_mbim_builder_u32 (b, (guint32)g_date_time_get_minute (utc));
  sim_mbim_builder_u32 (b, (guint32)g_date_time_get_second (utc));
  /* Signed minutes in a UINT32 field, as two's complement. */
  sim_mbim_builder_u32 (b, (guint32)(gint32)model->utc_offset_minutes);
  sim_mbim_builder_u32 (b, (guint32)(model->dst_hours * 60));
  sim_mbim_builder_u32 (b, sim_model_is_registered (model) ? sim_mbim_data_class (model->net.tech) : 0);
  return sim_mbim_builder_end (b);
}

void
sim_mbim_nitz_handle (SimMbim *self, const SimMbimRequest *req)
{
  if (req->cid == MBIM_CID_MS_VOICE_EXTENSIONS_NITZ && req->type == MBIM_MESSAGE_COMMAND_TYPE_QUERY) {
    sim_mbim_reply_service (self, req->tid, sim_mbim_nitz_uuid (), req->cid, MBIM_STATUS_ERROR_NONE,
                            nitz_info (self));
    return;
  }
  sim_mbim_reply_service (self, req->tid, sim_mbim_nitz_uuid (), req->cid,
                          MBIM_STATUS_ERROR_NO_DEVICE_SUPPORT, NULL);
}

void
sim_mbim_nitz_indicate (SimMbim *self)
{
  sim_mbim_indicate_service (self, sim_mbim_nitz_uuid (), MBIM_CID_MS_VOICE_EXTENSIONS_NITZ,
                             nitz_info (self));
}
