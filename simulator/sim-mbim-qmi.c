/* SPDX-License-Identifier: GPL-2.0-or-later */
/* QMI over MBIM: Qualcomm's QMI service (one CID, QMI_MSG) carries whole
 * QMUX frames. The payload of each QMI_MSG set goes to a QMI session of the
 * same model (sim-qmi.c, every CTL/DMS/NAS/... handler); its first frame
 * becomes that command's COMMAND_DONE, any other frame (indications, late
 * replies) an INDICATE_STATUS of the QMI service. */
#include "sim-mbim-private.h"

static void
qmi_write (const guint8 *data, gsize len, gpointer user_data)
{
  SimMbim *self = user_data;
  const guint8 *service = (const guint8 *)MBIM_UUID_QMI;

  if (self->qmi_tid) {
    guint32 tid = self->qmi_tid;

    self->qmi_tid = 0;
    if (self->open)
      sim_mbim_send_done (self, tid, service, MBIM_CID_QMI_MSG, MBIM_STATUS_ERROR_NONE, data, len);
    return;
  }
  sim_mbim_indicate_service (self, service, MBIM_CID_QMI_MSG,
                             g_byte_array_append (g_byte_array_new (), data, len));
}

void
sim_mbim_qmi_init (SimMbim *self)
{
  self->qmi = sim_qmi_new (self->model, qmi_write, self);
}

void
sim_mbim_qmi_handle (SimMbim *self, const SimMbimRequest *req)
{
  const guint8 *service = (const guint8 *)MBIM_UUID_QMI;

  if (req->cid != MBIM_CID_QMI_MSG || req->type != MBIM_MESSAGE_COMMAND_TYPE_SET) {
    sim_mbim_send_done (self, req->tid, service, req->cid, MBIM_STATUS_ERROR_NO_DEVICE_SUPPORT, NULL, 0);
    return;
  }
  self->qmi_tid = req->tid;
  sim_qmi_feed (self->qmi, req->buffer.data, req->buffer.len);
  /* No frame came back (a reply that waits, a muted QMI side, garbage):
   * the command is still done, empty, and a late reply comes as an
   * indication, which is how QMI-over-MBIM hosts read it anyway. */
  if (self->qmi_tid) {
    self->qmi_tid = 0;
    sim_mbim_send_done (self, req->tid, service, req->cid, MBIM_STATUS_ERROR_NONE, NULL, 0);
  }
}
