/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The QMI session: cuts the byte stream into QMUX frames (skipping garbage,
 * dropping a partial frame after 2 s of silence), answers CTL (version info,
 * client ids, sync), records each request, hands requests of allocated
 * clients to their service's handler table (sim-qmi-{dms,uim,nas,wds,wda,wms}.c)
 * and turns model events into those services' indications. */
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
  { SIM_QMI_SERVICE_CTL, 1, 5 },  { SIM_QMI_SERVICE_WDS, 1, 67 }, { SIM_QMI_SERVICE_DMS, 1, 14 },
  { SIM_QMI_SERVICE_NAS, 1, 25 }, { SIM_QMI_SERVICE_UIM, 1, 46 }, { SIM_QMI_SERVICE_WDA, 1, 16 },
  { SIM_QMI_SERVICE_WMS, 1, 10 },
};

/* The handler table and the history name of each service. */
static const SimQmiHandler *
handlers_of (guint8 service, const char **name)
{
  switch (service) {
  case SIM_QMI_SERVICE_WDS: *name = "wds"; return sim_qmi_wds_handlers;
  case SIM_QMI_SERVICE_DMS: *name = "dms"; return sim_qmi_dms_handlers;
  case SIM_QMI_SERVICE_NAS: *name = "nas"; return sim_qmi_nas_handlers;
  case SIM_QMI_SERVICE_UIM: *name = "uim"; return sim_qmi_uim_handlers;
  case SIM_QMI_SERVICE_WDA: *name = "wda"; return sim_qmi_wda_handlers;
  case SIM_QMI_SERVICE_WMS: *name = "wms"; return sim_qmi_wms_handlers;
  }
  *name = service == SIM_QMI_SERVICE_CTL ? "ctl" : NULL;
  return NULL;
}

/* CTL always; another service when the simulator implements it and the
 * scenario's [modem] qmi-services (if set) names it, as firmware without
 * UIM leaves UIM out of its list. */
static gboolean
service_served (SimQmi *self, guint8 service)
{
  const char *name = NULL;

  if (service == SIM_QMI_SERVICE_CTL)
    return TRUE;
  if (!handlers_of (service, &name))
    return FALSE;
  return !self->model->qmi_services || g_strv_contains ((const char *const *)self->model->qmi_services, name);
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

GByteArray *
sim_qmi_response_ok (const SimQmiMessage *request)
{
  GByteArray *frame = sim_qmi_response_new (request);

  sim_qmi_frame_result (frame, SIM_QMI_ERROR_NONE);
  return frame;
}

GByteArray *
sim_qmi_indication_new (guint8 service, guint8 client, guint16 message)
{
  return sim_qmi_frame_new (service, client, SIM_QMI_FLAG_INDICATION, 0, message);
}

SimQmiError
sim_qmi_error_from_model (const GError *error)
{
  if (!error || error->domain != SIM_ERROR)
    return SIM_QMI_ERROR_INTERNAL;
  switch ((SimError)error->code) {
  case SIM_ERROR_PHONE_FAILURE: return SIM_QMI_ERROR_INTERNAL;
  case SIM_ERROR_NOT_ALLOWED: return SIM_QMI_ERROR_INVALID_OPERATION;
  case SIM_ERROR_NOT_SUPPORTED: return SIM_QMI_ERROR_NOT_SUPPORTED;
  case SIM_ERROR_SIM_NOT_INSERTED: return SIM_QMI_ERROR_UIM_UNINITIALIZED;
  case SIM_ERROR_SIM_PIN_REQUIRED: return SIM_QMI_ERROR_ACCESS_DENIED;
  case SIM_ERROR_SIM_PUK_REQUIRED: return SIM_QMI_ERROR_PIN_BLOCKED;
  case SIM_ERROR_SIM_FAILURE:
  case SIM_ERROR_SIM_WRONG: return SIM_QMI_ERROR_PIN_ALWAYS_BLOCKED;
  case SIM_ERROR_SIM_BUSY: return SIM_QMI_ERROR_UIM_UNINITIALIZED;
  case SIM_ERROR_INCORRECT_PASSWORD: return SIM_QMI_ERROR_INCORRECT_PIN;
  case SIM_ERROR_MEMORY_FULL: return SIM_QMI_ERROR_DEVICE_STORAGE_FULL;
  case SIM_ERROR_INVALID_INDEX:
  case SIM_ERROR_NOT_FOUND: return SIM_QMI_ERROR_NO_ENTRY;
  case SIM_ERROR_TEXT_TOO_LONG:
  case SIM_ERROR_INVALID_CHARACTERS:
  case SIM_ERROR_INCORRECT_PARAMETERS: return SIM_QMI_ERROR_INVALID_ARGUMENT;
  case SIM_ERROR_NO_NETWORK:
  case SIM_ERROR_NETWORK_TIMEOUT: return SIM_QMI_ERROR_NO_NETWORK_FOUND;
  case SIM_ERROR_NETWORK_NOT_ALLOWED: return SIM_QMI_ERROR_ACCESS_DENIED;
  case SIM_ERROR_MISSING_APN: return SIM_QMI_ERROR_CALL_FAILED;
  case SIM_ERROR_UNKNOWN: return SIM_QMI_ERROR_GENERAL_ERROR;
  }
  return SIM_QMI_ERROR_GENERAL_ERROR;
}

GList *
sim_qmi_clients_of (SimQmi *self, guint8 service)
{
  GList *out = NULL;
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->clients);
  while (g_hash_table_iter_next (&iter, NULL, &value)) {
    SimQmiClient *client = value;

    if (client->service == service)
      out = g_list_prepend (out, client);
  }
  return out;
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
  guint8 count = 0;

  g_byte_array_append (list, &count, 1);
  for (guint i = 0; i < G_N_ELEMENTS (services); i++) {
    guint8 entry[5] = { services[i].service, services[i].major & 0xFF, services[i].major >> 8,
                        services[i].minor & 0xFF, services[i].minor >> 8 };

    if (!service_served (self, services[i].service))
      continue;
    g_byte_array_append (list, entry, sizeof entry);
    list->data[0] = ++count;
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
client_free (gpointer data)
{
  SimQmiClient *client = data;

  g_free (client->endpoint);
  g_free (client);
}

static SimQmiClient *
client_new (guint8 service, guint8 id)
{
  SimQmiClient *client = g_new0 (SimQmiClient, 1);

  client->service = service;
  client->id = id;
  client->ip_family = 4;
  client->session = -1;
  return client;
}

/* A client going away ends what it owned (a WDS call), as on a modem. */
static void
client_gone (SimQmi *self, SimQmiClient *client)
{
  if (client->service == SIM_QMI_SERVICE_WDS)
    sim_qmi_wds_client_released (self, client);
}

static gboolean
release_client (SimQmi *self, guint8 service, guint8 id)
{
  SimQmiClient *client = g_hash_table_lookup (self->clients, client_key (service, id));

  if (!client)
    return FALSE;
  client_gone (self, client);
  g_hash_table_remove (self->clients, client_key (service, id));
  return TRUE;
}

static void
release_all (SimQmi *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->clients);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    client_gone (self, value);
  g_hash_table_remove_all (self->clients);
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
  if (!service_served (self, value[0])) {
    sim_qmi_reply_error (self, request, SIM_QMI_ERROR_INVALID_SERVICE_TYPE);
    return;
  }
  info[0] = value[0];
  info[1] = free_client_id (self, value[0]);
  if (info[1] == 0) {
    sim_qmi_reply_error (self, request, SIM_QMI_ERROR_CLIENT_IDS_EXHAUSTED);
    return;
  }
  g_hash_table_insert (self->clients, client_key (info[0], info[1]), client_new (info[0], info[1]));
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
  if (!release_client (self, value[0], value[1])) {
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
    release_all (self);
    sim_qmi_reply_error (self, request, SIM_QMI_ERROR_NONE);
    return;
  }
  sim_qmi_reply_error (self, request, SIM_QMI_ERROR_INVALID_QMI_COMMAND);
}

/* --- dispatch ------------------------------------------------------------------- */

/* "nas Get Serving System": what the history records for request. */
static char *
describe (const SimQmiMessage *request)
{
  static const struct {
    guint16 message;
    const char *name;
  } ctl_names[] = { { CTL_GET_VERSION_INFO, "Get Version Info" },
                    { CTL_ALLOCATE_CID, "Allocate CID" },
                    { CTL_RELEASE_CID, "Release CID" },
                    { CTL_SYNC, "Sync" } };
  const char *service = NULL;
  const SimQmiHandler *table = handlers_of (request->service, &service);

  for (guint i = 0; table && table[i].name; i++) {
    if (table[i].message == request->message)
      return g_strdup_printf ("%s %s", service, table[i].name);
  }
  for (guint i = 0; request->service == SIM_QMI_SERVICE_CTL && i < G_N_ELEMENTS (ctl_names); i++) {
    if (ctl_names[i].message == request->message)
      return g_strdup_printf ("ctl %s", ctl_names[i].name);
  }
  if (service)
    return g_strdup_printf ("%s 0x%04x", service, request->message);
  return g_strdup_printf ("0x%02x 0x%04x", request->service, request->message);
}

/* mute after N: N more requests are answered, then none. */
static void
count_answer (SimQmi *self)
{
  if (self->mute_after == 1) {
    self->muted = TRUE;
    self->mute_after = 0;
  }
  if (self->mute_after > 1)
    self->mute_after--;
}

static void
handle_message (SimQmi *self, const SimQmiMessage *request)
{
  g_autofree char *name = NULL;
  const char *service = NULL;
  const SimQmiHandler *table;
  SimQmiClient *client;

  /* Only requests from the host are answered. */
  if (request->qmux_flags & SIM_QMI_QMUX_FROM_SERVICE || request->flags != 0)
    return;
  name = describe (request);
  sim_history_add (self->history, name);
  count_answer (self);
  if (request->service == SIM_QMI_SERVICE_CTL) {
    handle_ctl (self, request);
    return;
  }
  client = g_hash_table_lookup (self->clients, client_key (request->service, request->client));
  if (!client) {
    sim_qmi_reply_error (self, request, SIM_QMI_ERROR_INVALID_CLIENT_ID);
    return;
  }
  table = handlers_of (request->service, &service);
  for (guint i = 0; table && table[i].name; i++) {
    if (table[i].message == request->message) {
      table[i].func (self, client, request);
      return;
    }
  }
  sim_qmi_reply_error (self, request, SIM_QMI_ERROR_INVALID_QMI_COMMAND);
}

static void
on_model_event (const SimEvent *event, gpointer user_data)
{
  SimQmi *self = user_data;

  switch (event->kind) {
  case SIM_EVENT_SIM: sim_qmi_uim_model_event (self, event); return;
  case SIM_EVENT_POWER:
    sim_qmi_dms_model_event (self, event);
    sim_qmi_nas_model_event (self, event);
    return;
  case SIM_EVENT_REGISTRATION:
  case SIM_EVENT_OPERATOR:
  case SIM_EVENT_ACCESS_TECH:
  case SIM_EVENT_ATTACH:
  case SIM_EVENT_SIGNAL: sim_qmi_nas_model_event (self, event); return;
  case SIM_EVENT_CONTEXT:
  case SIM_EVENT_CALL_DROPPED: sim_qmi_wds_model_event (self, event); return;
  case SIM_EVENT_SMS_RECEIVED:
  case SIM_EVENT_SMS_STATUS_REPORT: sim_qmi_wms_model_event (self, event); return;
  case SIM_EVENT_RING:
  case SIM_EVENT_TIMEZONE:
  case SIM_EVENT_USSD: return;
  }
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
  self->clients = g_hash_table_new_full (NULL, NULL, NULL, client_free);
  memset (self->next_client, 1, sizeof self->next_client);
  self->history = sim_history_new (SIM_HISTORY_KEEP);
  self->subscription = sim_model_subscribe (model, on_model_event, self);
  self->fixed_link = model->qmi_link_fixed[0];
  return self;
}

void
sim_qmi_free (SimQmi *self)
{
  if (!self)
    return;
  sim_model_unsubscribe (self->model, self->subscription);
  sim_qmi_nas_cancel_pending (self);
  g_clear_handle_id (&self->nas_idle, g_source_remove);
  g_clear_handle_id (&self->uim_idle, g_source_remove);
  g_clear_handle_id (&self->dms_idle, g_source_remove);
  g_clear_handle_id (&self->input_timer, g_source_remove);
  g_byte_array_unref (self->input);
  g_hash_table_unref (self->clients);
  g_clear_pointer (&self->wms_nv, g_ptr_array_unref);
  sim_history_free (self->history);
  g_free (self->wda_endpoint);
  g_free (self);
}

void
sim_qmi_set_muted (SimQmi *self, gboolean muted)
{
  self->muted = muted;
  self->mute_after = 0;
}

void
sim_qmi_set_scan_delay (SimQmi *self, guint ms)
{
  self->scan_delay_ms = ms;
}

void
sim_qmi_mute_after (SimQmi *self, guint answers)
{
  self->muted = FALSE;
  self->mute_after = answers + 1;
}

const SimHistory *
sim_qmi_get_history (SimQmi *self)
{
  return self->history;
}

char *
sim_qmi_get_mux_ids (SimQmi *self)
{
  g_autoptr (GString) out = g_string_new (NULL);

  for (guint id = 1; id <= MAX_CLIENT_ID; id++) {
    SimQmiClient *client = g_hash_table_lookup (self->clients, client_key (SIM_QMI_SERVICE_WDS, (guint8)id));

    if (client && client->mux_id)
      g_string_append_printf (out, "%s%u", out->len ? "," : "", client->mux_id);
  }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
sim_qmi_get_mux_endpoints (SimQmi *self)
{
  g_autoptr (GString) out = g_string_new (NULL);

  for (guint id = 1; id <= MAX_CLIENT_ID; id++) {
    SimQmiClient *client = g_hash_table_lookup (self->clients, client_key (SIM_QMI_SERVICE_WDS, (guint8)id));

    if (client && client->mux_id)
      g_string_append_printf (out, "%s%s", out->len ? "," : "", client->endpoint ? client->endpoint : "none");
  }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

const char *
sim_qmi_get_wda_endpoint (SimQmi *self)
{
  return self->wda_endpoint ? self->wda_endpoint : "none";
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
