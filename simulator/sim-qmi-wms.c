/* SPDX-License-Identifier: GPL-2.0-or-later */
/* WMS requests of the QMI front end over the model's one SMS store (the
 * "SM" store AT and MBIM serve), which WMS calls UIM storage, and an NV
 * store this front end keeps (filled by Raw Write only; new messages always
 * go to UIM, whatever the routes say). Raw PDUs carry the SMSC field first, as the store keeps
 * them. New messages and status reports come as Event Report indications. */
#include "sim-qmi-private.h"

#include <string.h>

#define WMS_EVENT_REPORT       0x0001
#define WMS_TLV_MT_MESSAGE     0x10
#define WMS_TLV_TRANSFER_MT    0x11
#define WMS_TLV_MESSAGE_MODE   0x12
#define WMS_STORAGE_UIM        0x00
#define WMS_STORAGE_NV         0x01
#define WMS_FORMAT_GSM_PP      0x06
#define WMS_MODE_GSM_WCDMA     0x01
#define WMS_PROTOCOL_WCDMA     0x01
#define WMS_ACK_DO_NOT_SEND    0x01
#define WMS_TAG_MT_READ        0x00
#define WMS_TAG_MT_NOT_READ    0x01
#define WMS_TAG_MO_SENT        0x02
#define WMS_TAG_MO_NOT_SENT    0x03
#define WMS_TRANSFER_TO_CLIENT 0x01
#define WMS_NV_CAPACITY        20

static void
nv_sms_free (gpointer data)
{
  SimSms *sms = data;

  g_free (sms->pdu);
  g_free (sms);
}

static GPtrArray *
store_of (SimQmi *self, guint8 storage)
{
  if (storage == WMS_STORAGE_UIM)
    return self->model->sms;
  if (!self->wms_nv)
    self->wms_nv = g_ptr_array_new_with_free_func (nv_sms_free);
  return self->wms_nv;
}

static SimSms *
find_in (SimQmi *self, guint8 storage, guint32 index)
{
  GPtrArray *store = store_of (self, storage);

  for (guint i = 0; i < store->len; i++) {
    SimSms *sms = g_ptr_array_index (store, i);

    if (sms->index == index)
      return sms;
  }
  return NULL;
}

static void
delete_in (SimQmi *self, guint8 storage, SimSms *sms)
{
  if (storage == WMS_STORAGE_UIM)
    sim_model_delete_sms (self->model, sms->index, NULL);
  else
    g_ptr_array_remove (self->wms_nv, sms);
}

/* Into NV at the lowest free index; 0 when full. */
static guint
nv_write (SimQmi *self, const char *hex)
{
  GPtrArray *store = store_of (self, WMS_STORAGE_NV);
  SimSms *sms;
  guint index = 1;

  while (find_in (self, WMS_STORAGE_NV, index))
    index++;
  if (index > WMS_NV_CAPACITY)
    return 0;
  sms = g_new0 (SimSms, 1);
  sms->index = index;
  sms->status = SIM_SMS_UNSENT;
  sms->pdu = g_strdup (hex);
  g_ptr_array_add (store, sms);
  return index;
}

static guint8
tag_of_status (SimSmsStatus status)
{
  switch (status) {
  case SIM_SMS_UNREAD: return WMS_TAG_MT_NOT_READ;
  case SIM_SMS_READ: return WMS_TAG_MT_READ;
  case SIM_SMS_UNSENT: return WMS_TAG_MO_NOT_SENT;
  case SIM_SMS_SENT: return WMS_TAG_MO_SENT;
  }
  return WMS_TAG_MT_READ;
}

static gboolean
status_of_tag (guint8 tag, SimSmsStatus *out)
{
  switch (tag) {
  case WMS_TAG_MT_READ: *out = SIM_SMS_READ; return TRUE;
  case WMS_TAG_MT_NOT_READ: *out = SIM_SMS_UNREAD; return TRUE;
  case WMS_TAG_MO_SENT: *out = SIM_SMS_SENT; return TRUE;
  case WMS_TAG_MO_NOT_SENT: *out = SIM_SMS_UNSENT; return TRUE;
  }
  return FALSE;
}

static void
put_pdu (GByteArray *value, const char *hex)
{
  gsize len = strlen (hex) / 2;

  sim_qmi_put_u16 (value, (guint16)len);
  for (gsize i = 0; i < len; i++)
    sim_qmi_put_u8 (
      value, (guint8)((g_ascii_xdigit_value (hex[2 * i]) << 4) | g_ascii_xdigit_value (hex[2 * i + 1])));
}

/* A Raw Message Data payload (format, 16-bit length, bytes) as hex; NULL
 * when it runs past the TLV or is not a 3GPP point-to-point message. */
static char *
read_pdu (SimQmiReader *r)
{
  guint8 format = sim_qmi_read_u8 (r);
  guint16 len = sim_qmi_read_u16 (r);
  GString *hex;

  if (!r->ok || format != WMS_FORMAT_GSM_PP || len == 0 || len > r->len - r->at)
    return NULL;
  hex = g_string_sized_new (len * 2u);
  for (guint16 i = 0; i < len; i++)
    g_string_append_printf (hex, "%02X", sim_qmi_read_u8 (r));
  return g_string_free (hex, FALSE);
}

static void
set_event_report (SimQmi *self, SimQmiClient *client, const SimQmiMessage *request)
{
  guint8 report;

  if (sim_qmi_tlv_u8 (request, 0x10, &report))
    client->wms_event_report = report != 0;
  sim_qmi_send (self, sim_qmi_response_ok (request));
}

/* Routes are kept as given (type, class, storage, receipt action each);
 * only whether status reports go to the client changes what is sent. */
static void
set_routes (SimQmi *self, SimQmiClient *client, const SimQmiMessage *request)
{
  SimQmiReader r;
  guint16 count;
  guint8 transfer;

  if (!sim_qmi_reader_init (&r, request, 0x01)) {
    sim_qmi_reply_error (self, request, SIM_QMI_ERROR_MISSING_ARGUMENT);
    return;
  }
  count = sim_qmi_read_u16 (&r);
  if (!r.ok || count > G_N_ELEMENTS (self->wms_routes) || (guint)(r.len - r.at) != count * 4u) {
    sim_qmi_reply_error (self, request, SIM_QMI_ERROR_MALFORMED_MESSAGE);
    return;
  }
  for (guint i = 0; i < count * 4u; i++)
    self->wms_routes[i / 4][i % 4] = sim_qmi_read_u8 (&r);
  self->wms_n_routes = count;
  if (sim_qmi_tlv_u8 (request, 0x10, &transfer))
    self->wms_transfer_status_report = transfer == WMS_TRANSFER_TO_CLIENT;
  sim_qmi_send (self, sim_qmi_response_ok (request));
}

static void
get_routes (SimQmi *self, SimQmiClient *client, const SimQmiMessage *request)
{
  GByteArray *frame = sim_qmi_response_ok (request);
  GByteArray *list = g_byte_array_new ();

  sim_qmi_put_u16 (list, (guint16)self->wms_n_routes);
  for (guint i = 0; i < self->wms_n_routes; i++)
    g_byte_array_append (list, self->wms_routes[i], 4);
  sim_qmi_frame_tlv_take (frame, 0x01, list);
  sim_qmi_frame_tlv_u8 (frame, 0x10, self->wms_transfer_status_report ? WMS_TRANSFER_TO_CLIENT : 0);
  sim_qmi_send (self, frame);
}

static void
get_message_protocol (SimQmi *self, SimQmiClient *client, const SimQmiMessage *request)
{
  GByteArray *frame = sim_qmi_response_ok (request);

  sim_qmi_frame_tlv_u8 (frame, 0x01, WMS_PROTOCOL_WCDMA);
  sim_qmi_send (self, frame);
}

/* The storage TLV: UIM is the model's store, NV the empty one. */
static gboolean
storage_arg (SimQmi *self, const SimQmiMessage *request, guint8 type, guint8 *storage)
{
  if (!sim_qmi_tlv_u8 (request, type, storage)) {
    sim_qmi_reply_error (self, request, SIM_QMI_ERROR_MISSING_ARGUMENT);
    return FALSE;
  }
  if (*storage != WMS_STORAGE_UIM && *storage != WMS_STORAGE_NV) {
    sim_qmi_reply_error (self, request, SIM_QMI_ERROR_INVALID_ARGUMENT);
    return FALSE;
  }
  return TRUE;
}

static void
list_messages (SimQmi *self, SimQmiClient *client, const SimQmiMessage *request)
{
  GByteArray *frame, *list;
  gboolean by_tag;
  guint8 storage, tag = 0;
  guint32 count = 0;

  if (!storage_arg (self, request, 0x01, &storage))
    return;
  by_tag = sim_qmi_tlv_u8 (request, 0x11, &tag);
  list = g_byte_array_new ();
  sim_qmi_put_u32 (list, 0);
  for (guint i = 0; i < store_of (self, storage)->len; i++) {
    SimSms *sms = g_ptr_array_index (store_of (self, storage), i);

    if (by_tag && tag_of_status (sms->status) != tag)
      continue;
    sim_qmi_put_u32 (list, sms->index);
    sim_qmi_put_u8 (list, tag_of_status (sms->status));
    count++;
  }
  list->data[0] = (guint8)count;
  list->data[1] = (guint8)(count >> 8);
  list->data[2] = (guint8)(count >> 16);
  list->data[3] = (guint8)(count >> 24);
  frame = sim_qmi_response_ok (request);
  sim_qmi_frame_tlv_take (frame, 0x01, list);
  sim_qmi_send (self, frame);
}

/* The message at (storage, index) of a storage-and-index TLV. */
static SimSms *
find_message (SimQmi *self, const SimQmiMessage *request, guint8 type)
{
  SimQmiReader r;
  guint8 storage;
  guint32 index;
  SimSms *sms = NULL;

  if (!sim_qmi_reader_init (&r, request, type)) {
    sim_qmi_reply_error (self, request, SIM_QMI_ERROR_MISSING_ARGUMENT);
    return NULL;
  }
  storage = sim_qmi_read_u8 (&r);
  index = sim_qmi_read_u32 (&r);
  if (!r.ok) {
    sim_qmi_reply_error (self, request, SIM_QMI_ERROR_MALFORMED_MESSAGE);
    return NULL;
  }
  if (storage == WMS_STORAGE_UIM || storage == WMS_STORAGE_NV)
    sms = find_in (self, storage, index);
  if (!sms)
    sim_qmi_reply_error (self, request, SIM_QMI_ERROR_INVALID_INDEX);
  return sms;
}

static void
raw_read (SimQmi *self, SimQmiClient *client, const SimQmiMessage *request)
{
  SimSms *sms = find_message (self, request, 0x01);
  GByteArray *frame, *value;

  if (!sms)
    return;
  value = g_byte_array_new ();
  sim_qmi_put_u8 (value, tag_of_status (sms->status));
  sim_qmi_put_u8 (value, WMS_FORMAT_GSM_PP);
  put_pdu (value, sms->pdu);
  frame = sim_qmi_response_ok (request);
  sim_qmi_frame_tlv_take (frame, 0x01, value);
  sim_qmi_send (self, frame);
}

static void
modify_tag (SimQmi *self, SimQmiClient *client, const SimQmiMessage *request)
{
  SimSms *sms = find_message (self, request, 0x01);
  SimQmiReader r;
  SimSmsStatus status;

  if (!sms)
    return;
  sim_qmi_reader_init (&r, request, 0x01);
  r.at = 5;
  if (!status_of_tag (sim_qmi_read_u8 (&r), &status) || !r.ok) {
    sim_qmi_reply_error (self, request, SIM_QMI_ERROR_INVALID_ARGUMENT);
    return;
  }
  sms->status = status;
  sim_qmi_send (self, sim_qmi_response_ok (request));
}

static void
delete_messages (SimQmi *self, SimQmiClient *client, const SimQmiMessage *request)
{
  guint8 storage, tag = 0;
  guint32 index;
  gboolean by_tag, by_index;

  if (!storage_arg (self, request, 0x01, &storage))
    return;
  by_tag = sim_qmi_tlv_u8 (request, 0x11, &tag);
  by_index = sim_qmi_tlv_u32 (request, 0x10, &index);
  if (by_index) {
    SimSms *sms = find_in (self, storage, index);

    if (!sms) {
      sim_qmi_reply_error (self, request, SIM_QMI_ERROR_INVALID_INDEX);
      return;
    }
    delete_in (self, storage, sms);
  }
  /* Without an index: every message of the storage, or of the tag. */
  for (guint i = store_of (self, storage)->len; !by_index && i > 0; i--) {
    SimSms *sms = g_ptr_array_index (store_of (self, storage), i - 1);

    if (!by_tag || tag_of_status (sms->status) == tag)
      delete_in (self, storage, sms);
  }
  sim_qmi_send (self, sim_qmi_response_ok (request));
}

static void
raw_send (SimQmi *self, SimQmiClient *client, const SimQmiMessage *request)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *hex = NULL;
  SimQmiReader r;
  guint reference;
  GByteArray *frame;

  if (!sim_qmi_reader_init (&r, request, 0x01)) {
    sim_qmi_reply_error (self, request, SIM_QMI_ERROR_MISSING_ARGUMENT);
    return;
  }
  hex = read_pdu (&r);
  if (!hex || r.at != r.len) {
    sim_qmi_reply_error (self, request, SIM_QMI_ERROR_MALFORMED_MESSAGE);
    return;
  }
  if (!sim_model_send_sms (self->model, hex, &reference, &error)) {
    sim_qmi_reply_error (self, request, SIM_QMI_ERROR_WMS_ENCODING);
    return;
  }
  frame = sim_qmi_response_ok (request);
  sim_qmi_frame_tlv_u16 (frame, 0x01, (guint16)reference);
  sim_qmi_send (self, frame);
}

/* Send From Memory Storage: the stored SMS-SUBMIT goes out (recorded as
 * sent, tagged MO_SENT); the reference comes in TLV 0x10. */
static void
send_from_storage (SimQmi *self, SimQmiClient *client, const SimQmiMessage *request)
{
  SimSms *sms = find_message (self, request, 0x01);
  guint reference;
  GByteArray *frame;

  if (!sms)
    return;
  if (!sim_model_send_sms (self->model, sms->pdu, &reference, NULL)) {
    sim_qmi_reply_error (self, request, SIM_QMI_ERROR_WMS_ENCODING);
    return;
  }
  sms->status = SIM_SMS_SENT;
  frame = sim_qmi_response_ok (request);
  sim_qmi_frame_tlv_u16 (frame, 0x10, (guint16)reference);
  sim_qmi_send (self, frame);
}

static void
raw_write (SimQmi *self, SimQmiClient *client, const SimQmiMessage *request)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *hex = NULL;
  SimQmiReader r;
  guint8 storage;
  guint index;
  GByteArray *frame;

  if (!sim_qmi_reader_init (&r, request, 0x01)) {
    sim_qmi_reply_error (self, request, SIM_QMI_ERROR_MISSING_ARGUMENT);
    return;
  }
  storage = sim_qmi_read_u8 (&r);
  hex = read_pdu (&r);
  if (!hex || r.at != r.len) {
    sim_qmi_reply_error (self, request, SIM_QMI_ERROR_MALFORMED_MESSAGE);
    return;
  }
  if (storage == WMS_STORAGE_NV) {
    index = nv_write (self, hex);
    if (!index) {
      sim_qmi_reply_error (self, request, SIM_QMI_ERROR_DEVICE_STORAGE_FULL);
      return;
    }
  } else if (storage != WMS_STORAGE_UIM) {
    sim_qmi_reply_error (self, request, SIM_QMI_ERROR_INVALID_ARGUMENT);
    return;
  } else if (!(index = sim_model_store_sms (self->model, SIM_SMS_UNSENT, hex, &error))) {
    sim_qmi_reply_error (self, request, sim_qmi_error_from_model (error));
    return;
  }
  frame = sim_qmi_response_ok (request);
  sim_qmi_frame_tlv_u32 (frame, 0x01, index);
  sim_qmi_send (self, frame);
}

static void
indicate (SimQmi *self, guint8 tlv, GByteArray *value)
{
  g_autoptr (GList) clients = sim_qmi_clients_of (self, SIM_QMI_SERVICE_WMS);

  for (GList *l = clients; l; l = l->next) {
    SimQmiClient *client = l->data;
    GByteArray *frame;

    if (!client->wms_event_report)
      continue;
    frame = sim_qmi_indication_new (SIM_QMI_SERVICE_WMS, client->id, WMS_EVENT_REPORT);
    sim_qmi_frame_tlv (frame, tlv, value->data, (guint16)value->len);
    sim_qmi_frame_tlv_u8 (frame, WMS_TLV_MESSAGE_MODE, WMS_MODE_GSM_WCDMA);
    sim_qmi_send (self, frame);
  }
  g_byte_array_unref (value);
}

static void
indicate_stored (SimQmi *self, guint index)
{
  GByteArray *value = g_byte_array_new ();

  sim_qmi_put_u8 (value, WMS_STORAGE_UIM);
  sim_qmi_put_u32 (value, index);
  indicate (self, WMS_TLV_MT_MESSAGE, value);
}

/* A status report goes to the client itself when the routes ask for it,
 * else into the store like any message. */
static void
status_report (SimQmi *self)
{
  const char *pdu = self->model->sms_status_report;
  GByteArray *value;
  guint index;

  if (!pdu)
    return;
  if (!self->wms_transfer_status_report) {
    index = sim_model_store_sms (self->model, SIM_SMS_UNREAD, pdu, NULL);
    if (index)
      indicate_stored (self, index);
    return;
  }
  value = g_byte_array_new ();
  sim_qmi_put_u8 (value, WMS_ACK_DO_NOT_SEND);
  sim_qmi_put_u32 (value, ++self->wms_transaction);
  sim_qmi_put_u8 (value, WMS_FORMAT_GSM_PP);
  put_pdu (value, pdu);
  indicate (self, WMS_TLV_TRANSFER_MT, value);
}

void
sim_qmi_wms_model_event (SimQmi *self, const SimEvent *event)
{
  if (event->kind == SIM_EVENT_SMS_RECEIVED)
    indicate_stored (self, event->index);
  else if (event->kind == SIM_EVENT_SMS_STATUS_REPORT)
    status_report (self);
}

const SimQmiHandler sim_qmi_wms_handlers[] = {
  { 0x0001, "Set Event Report", set_event_report },
  { 0x0020, "Raw Send", raw_send },
  { 0x0021, "Raw Write", raw_write },
  { 0x0022, "Raw Read", raw_read },
  { 0x0023, "Modify Tag", modify_tag },
  { 0x0024, "Delete", delete_messages },
  { 0x0030, "Get Message Protocol", get_message_protocol },
  { 0x0031, "List Messages", list_messages },
  { 0x0032, "Set Routes", set_routes },
  { 0x0033, "Get Routes", get_routes },
  { 0x0042, "Send From Memory Storage", send_from_storage },
  { 0 },
};
