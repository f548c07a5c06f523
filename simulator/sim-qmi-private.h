/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Inside the QMI front end: the session state shared by the session
 * (sim-qmi.c) and the service handlers (sim-qmi-dms.c). */
#pragma once

#include "sim-qmi-codec.h"
#include "sim-qmi.h"

G_BEGIN_DECLS

struct _SimQmi {
  SimModel *model;
  SimQmiWriteFunc write;
  gpointer write_data;
  GByteArray *input;
  guint input_timer;       /* drops an incomplete frame after INPUT_TIMEOUT_MS */
  GHashTable *clients;     /* (service << 8 | client id) allocated */
  guint8 next_client[256]; /* per service: the id tried next */
  gboolean muted;
};

/* Sends a finished frame (sim_qmi_frame_end is applied here) and frees it. */
void sim_qmi_send (SimQmi *self, GByteArray *frame);
/* A response to request carrying only the result TLV. */
void sim_qmi_reply_error (SimQmi *self, const SimQmiMessage *request, SimQmiError error);
/* A response frame to request, to be given TLVs and sent. */
GByteArray *sim_qmi_response_new (const SimQmiMessage *request);

/* Answers a DMS request; FALSE when the message id is not served. */
gboolean sim_qmi_dms_handle (SimQmi *self, const SimQmiMessage *request);

G_END_DECLS
