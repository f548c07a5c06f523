/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The Microsoft Basic Connect Extensions commands the simulator serves:
 * LOCATION_INFO_STATUS, the serving cell's LAC, TAC and cell id from the
 * model (zeros while not registered). Others: NO_DEVICE_SUPPORT. */
#include "sim-mbim-private.h"

static void
location_info_query (SimMbim *self, const SimMbimRequest *req, const guint8 *service)
{
  SimModel *model = self->model;
  SimMbimBuilder *b = sim_mbim_builder_new ();
  gboolean registered = sim_model_is_registered (model);

  sim_mbim_builder_u32 (b, registered ? model->net.lac : 0);
  sim_mbim_builder_u32 (b, registered ? model->net.tac : 0);
  sim_mbim_builder_u32 (b, registered ? model->net.cell_id : 0);
  sim_mbim_reply_service (self, req->tid, service, req->cid, MBIM_STATUS_ERROR_NONE,
                          sim_mbim_builder_end (b));
}

void
sim_mbim_extensions_handle (SimMbim *self, const SimMbimRequest *req, const guint8 *service)
{
  if (req->cid == MBIM_CID_MS_BASIC_CONNECT_EXTENSIONS_LOCATION_INFO_STATUS
      && req->type == MBIM_MESSAGE_COMMAND_TYPE_QUERY) {
    location_info_query (self, req, service);
    return;
  }
  sim_mbim_reply_service (self, req->tid, service, req->cid, MBIM_STATUS_ERROR_NO_DEVICE_SUPPORT, NULL);
}
