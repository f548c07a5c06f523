/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The QMI session: cuts the byte stream into QMUX frames (skipping garbage,
 * dropping a partial frame after 2 s of silence), answers CTL (version info,
 * client ids, sync), hands requests of allocated DMS clients to
 * sim-qmi-dms.c and answers everything else with a QMI error result. */
#include "sim-qmi-private.h"

#include <string.h>

#define CTL_GET_VERSION_INFO 0x0021
#define CTL_ALLOCATE_CID     0x0022
#define CTL_RELEASE_CID      0x0023
#define CTL_SYNC             0x0027
#define CTL_TLV_INFO         0x01
#define MAX_CLIENT_ID        254
/* A partial frame this old is dropped, so garbage cannot wedge the port. */
#define INPUT_TIMEOUT_MS 2000

/* The services served, with the version Get Version Info reports. */
static const struct {
  guint8 service;
  guint16 major;
  guint16 minor;
} services[] = {
  { SIM_QMI_SERVICE_CTL, 1, 5 },
  { SIM_QMI_SERVICE_DMS, 1, 14 },
};

static gboolean
service_served (guint8 service)
{
  for (guint i = 1; i < G_N_ELEMENTS (services); i++) {
    if (services[i].service == service)
      return TRUE;
  }
  return FALSE;
}

static gpointer
client_key (guint8 service, guint8 client)
{
  return GUINT_TO_POINTER ((guint)service << 8 | client);
}

/* --- sending ------------------------------------------------------------------ */

void
sim_qmi_send (SimQmi *self, GByteArray *frame)
{
  g_autoptr (GByteArray) done = sim_qmi_frame_end (frame);

  if (!self->muted)
    self->write (done->data, done->len, self->write_data);
}

GByteArray *
sim_qmi_response_new (const SimQmiMessage *request)
{
  guint8 flags = request->service == SIM_QMI_SERVICE_CTL ? SIM_QMI_CTL_FLAG_RESPONSE : SIM_QMI_FLAG_RESPONSE;

  return sim_qmi_frame_new (request->service, request->client, flags, request->transaction, request->message);
}

void
sim_qmi_reply_error (SimQmi *self, const SimQmiMessage *request, SimQmiError error)
{
  GByteArray *frame = sim_qmi_response_new (request);

  sim_qmi_frame_result (frame, error);
  sim_qmi_send (self, frame);
}

/* --- CTL ------------------------------------------------------------------------ */

static void
ctl_version_info (SimQmi *self, const SimQmiMessage *request)
{
  GByteArray *frame = sim_qmi_response_new (request);
  g_autoptr (GByteArray) list = g_byte_array_new ();
  guint8 count = G_N_ELEMENTS (services);

  g_byte_array_append (list, &count, 1);
  for (guint i = 0; i < G_N_ELEMENTS (services); i++) {
    guint8 entry[5] = { services[i].service, services[i].major & 0xFF, services[i].major >> 8,
                        services[i].minor & 0xFF, services[i].minor >> 8 };

    g_byte_array_append (list, entry, sizeof entry);
  }
  sim_qmi_frame_result (frame, SIM_QMI_ERROR_NONE);
  sim_qmi_frame_tlv (frame, CTL_TLV_INFO, list->data, (guint16)list->len);
  sim_qmi_send (self, frame);
}

/* The next free id of service, 0 when all are taken. */
static guint8
free_client_id (SimQmi *self, guint8 service)
{
  for (guint tries = 0; tries < MAX_CLIENT_ID; tries++) {
    guint8 id = self->next_client[service];

    self->next_client[service] = id >= MAX_CLIENT_ID ? 1 : id + 1;
    if (id >= 1 && id <= MAX_CLIENT_ID && !g_hash_table_contains (self->clients, client_key (service, id)))
      return id;
  }
  return 0;
}

static void
ctl_allocate (SimQmi *self, const SimQmiMessage *request)
{
  const guint8 *value;
  guint16 len;
  guint8 info[2];
  GByteArray *frame;

  if (!sim_qmi_find_tlv (request, CTL_TLV_INFO, &value, &len) || len != 1) {
    sim_qmi_reply_error (self, request, SIM_QMI_ERROR_MISSING_ARGUMENT);
    return;
  }
  if (!service_served (value[0])) {
    sim_qmi_reply_error (self, request, SIM_QMI_ERROR_INVALID_SERVICE_TYPE);
    return;
  }
  info[0] = value[0];
  info[1] = free_client_id (self, value[0]);
  if (info[1] == 0) {
    sim_qmi_reply_error (self, request, SIM_QMI_ERROR_CLIENT_IDS_EXHAUSTED);
    return;
  }
  g_hash_table_add (self->clients, client_key (info[0], info[1]));
  frame = sim_qmi_response_new (request);
  sim_qmi_frame_result (frame, SIM_QMI_ERROR_NONE);
  sim_qmi_frame_tlv (frame, CTL_TLV_INFO, info, sizeof info);
  sim_qmi_send (self, frame);
}

static void
ctl_release (SimQmi *self, const SimQmiMessage *request)
{
  const guint8 *value;
  guint16 len;
  GByteArray *frame;

  if (!sim_qmi_find_tlv (request, CTL_TLV_INFO, &value, &len) || len != 2) {
    sim_qmi_reply_error (self, request, SIM_QMI_ERROR_MISSING_ARGUMENT);
    return;
  }
  if (!g_hash_table_remove (self->clients, client_key (value[0], value[1]))) {
    sim_qmi_reply_error (self, request, SIM_QMI_ERROR_INVALID_CLIENT_ID);
    return;
  }
  frame = sim_qmi_response_new (request);
  sim_qmi_frame_result (frame, SIM_QMI_ERROR_NONE);
  sim_qmi_frame_tlv (frame, CTL_TLV_INFO, value, 2);
  sim_qmi_send (self, frame);
}

static void
handle_ctl (SimQmi *self, const SimQmiMessage *request)
{
  switch (request->message) {
  case CTL_GET_VERSION_INFO: ctl_version_info (self, request); return;
  case CTL_ALLOCATE_CID: ctl_allocate (self, request); return;
  case CTL_RELEASE_CID: ctl_release (self, request); return;
  case CTL_SYNC:
    /* A sync forgets every client, as a modem restarting its QMI side. */
    g_hash_table_remove_all (self->clients);
    sim_qmi_reply_error (self, request, SIM_QMI_ERROR_NONE);
    return;
  }
  sim_qmi_reply_error (self, request, SIM_QMI_ERROR_INVALID_QMI_COMMAND);
}

/* --- dispatch ------------------------------------------------------------------- */

static void
handle_message (SimQmi *self, const SimQmiMessage *request)
{
  /* Only requests from the host are answered. */
  if (request->qmux_flags & SIM_QMI_QMUX_FROM_SERVICE || request->flags != 0)
    return;
  if (request->service == SIM_QMI_SERVICE_CTL) {
    handle_ctl (self, request);
    return;
  }
  if (!g_hash_table_contains (self->clients, client_key (request->service, request->client))) {
    sim_qmi_reply_error (self, request, SIM_QMI_ERROR_INVALID_CLIENT_ID);
    return;
  }
  if (request->service == SIM_QMI_SERVICE_DMS && sim_qmi_dms_handle (self, request))
    return;
  sim_qmi_reply_error (self, request, SIM_QMI_ERROR_INVALID_QMI_COMMAND);
}

static gboolean
input_timeout (gpointer user_data)
{
  SimQmi *self = user_data;

  self->input_timer = 0;
  g_debug ("QMI: dropping %u bytes of an incomplete frame", self->input->len);
  g_byte_array_set_size (self->input, 0);
  return G_SOURCE_REMOVE;
}

void
sim_qmi_feed (SimQmi *self, const guint8 *data, gsize len)
{
  gsize cut = 0;
  SimQmiCut kind;

  g_byte_array_append (self->input, data, len);
  while ((kind = sim_qmi_cut (self->input->data, self->input->len, &cut)) != SIM_QMI_CUT_INCOMPLETE) {
    SimQmiMessage message;

    if (kind == SIM_QMI_CUT_FRAME && sim_qmi_parse (self->input->data, cut, &message))
      handle_message (self, &message);
    g_byte_array_remove_range (self->input, 0, (guint)cut);
  }
  g_clear_handle_id (&self->input_timer, g_source_remove);
  if (self->input->len > 0)
    self->input_timer = g_timeout_add (INPUT_TIMEOUT_MS, input_timeout, self);
}

/* --- life ----------------------------------------------------------------------- */

SimQmi *
sim_qmi_new (SimModel *model, SimQmiWriteFunc write, gpointer user_data)
{
  SimQmi *self = g_new0 (SimQmi, 1);

  self->model = model;
  self->write = write;
  self->write_data = user_data;
  self->input = g_byte_array_new ();
  self->clients = g_hash_table_new (NULL, NULL);
  memset (self->next_client, 1, sizeof self->next_client);
  return self;
}

void
sim_qmi_free (SimQmi *self)
{
  if (!self)
    return;
  g_clear_handle_id (&self->input_timer, g_source_remove);
  g_byte_array_unref (self->input);
  g_hash_table_unref (self->clients);
  g_free (self);
}

void
sim_qmi_set_muted (SimQmi *self, gboolean muted)
{
  self->muted = muted;
}

gboolean
sim_qmi_get_muted (SimQmi *self)
{
  return self->muted;
}

guint
sim_qmi_get_client_count (SimQmi *self)
{
  return g_hash_table_size (self->clients);
}
