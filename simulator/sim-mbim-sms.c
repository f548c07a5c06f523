/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The MBIM SMS service over the same "SM" storage the AT front end serves:
 * CONFIGURATION, READ (all, by index, or by status), SEND (recorded as the
 * network side's sent PDUs), DELETE and MESSAGE_STORE_STATUS, with a
 * MESSAGE_STORE_STATUS indication for each new message. PDU format only. */
#include "sim-mbim-private.h"

#include <string.h>

const guint8 *
sim_mbim_sms_uuid (void)
{
  return (const guint8 *)mbim_uuid_from_service (MBIM_SERVICE_SMS);
}

static void
reply (SimMbim *self, const SimMbimRequest *req, MbimStatusError status, GByteArray *buffer)
{
  sim_mbim_reply_service (self, req->tid, sim_mbim_sms_uuid (), req->cid, status, buffer);
}

static GByteArray *
pdu_bytes (const char *hex)
{
  gsize len = strlen (hex) / 2;
  GByteArray *bytes = g_byte_array_sized_new ((guint)len);

  for (gsize i = 0; i < len; i++) {
    guint8 octet = (guint8)((g_ascii_xdigit_value (hex[2 * i]) << 4) | g_ascii_xdigit_value (hex[2 * i + 1]));

    g_byte_array_append (bytes, &octet, 1);
  }
  return bytes;
}

static char *
pdu_hex (const SimMbimReader *pdu)
{
  GString *hex = g_string_sized_new (pdu->len * 2);

  for (gsize i = 0; i < pdu->len; i++)
    g_string_append_printf (hex, "%02X", pdu->data[i]);
  return g_string_free (hex, FALSE);
}

static void
configuration (SimMbim *self, const SimMbimRequest *req)
{
  SimMbimBuilder *b = sim_mbim_builder_new ();

  sim_mbim_builder_u32 (b, MBIM_SMS_STORAGE_STATE_INITIALIZED);
  sim_mbim_builder_u32 (b, MBIM_SMS_FORMAT_PDU);
  sim_mbim_builder_u32 (b, self->model->sms_capacity);
  sim_mbim_builder_u32 (b, 0);
  sim_mbim_builder_string (b, "+491710760000");
  reply (self, req, MBIM_STATUS_ERROR_NONE, sim_mbim_builder_end (b));
}

/* MbimSmsFlag against a stored message's status (the same numbers as
 * MbimSmsStatus: new, old, draft, sent). */
static gboolean
flag_matches (guint32 flag, guint32 index, const SimSms *sms)
{
  switch (flag) {
  case MBIM_SMS_FLAG_ALL: return TRUE;
  case MBIM_SMS_FLAG_INDEX: return sms->index == index;
  case MBIM_SMS_FLAG_NEW: return sms->status == SIM_SMS_UNREAD;
  case MBIM_SMS_FLAG_OLD: return sms->status == SIM_SMS_READ;
  case MBIM_SMS_FLAG_SENT: return sms->status == SIM_SMS_SENT;
  case MBIM_SMS_FLAG_DRAFT: return sms->status == SIM_SMS_UNSENT;
  }
  return FALSE;
}

static GByteArray *
record (const SimSms *sms)
{
  SimMbimBuilder *b = sim_mbim_builder_new ();
  g_autoptr (GByteArray) pdu = pdu_bytes (sms->pdu);

  sim_mbim_builder_u32 (b, sms->index);
  sim_mbim_builder_u32 (b, sms->status);
  sim_mbim_builder_ref (b, pdu->data, pdu->len);
  return sim_mbim_builder_end (b);
}

static void
read_query (SimMbim *self, const SimMbimRequest *req)
{
  g_autoptr (GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify)g_byte_array_unref);
  guint32 format, flag, index;
  SimMbimBuilder *b;

  if (!sim_mbim_read_u32 (&req->buffer, 0, &format) || !sim_mbim_read_u32 (&req->buffer, 4, &flag)
      || !sim_mbim_read_u32 (&req->buffer, 8, &index) || format != MBIM_SMS_FORMAT_PDU
      || flag > MBIM_SMS_FLAG_DRAFT) {
    reply (self, req, MBIM_STATUS_ERROR_INVALID_PARAMETERS, NULL);
    return;
  }
  if (flag == MBIM_SMS_FLAG_INDEX && !sim_model_find_sms (self->model, index)) {
    reply (self, req, MBIM_STATUS_ERROR_INVALID_MEMORY_INDEX, NULL);
    return;
  }
  for (guint i = 0; i < self->model->sms->len; i++) {
    SimSms *sms = g_ptr_array_index (self->model->sms, i);

    if (!flag_matches (flag, index, sms))
      continue;
    g_ptr_array_add (records, record (sms));
    /* Reading a new message makes it old, as +CMGR does. */
    sim_model_mark_sms_read (self->model, sms);
  }
  b = sim_mbim_builder_new ();
  sim_mbim_builder_u32 (b, MBIM_SMS_FORMAT_PDU);
  sim_mbim_builder_u32 (b, records->len);
  for (guint i = 0; i < records->len; i++) {
    GByteArray *one = g_ptr_array_index (records, i);

    sim_mbim_builder_ref (b, one->data, one->len);
  }
  reply (self, req, MBIM_STATUS_ERROR_NONE, sim_mbim_builder_end (b));
}

static void
send_set (SimMbim *self, const SimMbimRequest *req)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *hex = NULL;
  SimMbimReader send_record, pdu;
  guint32 format, reference;
  SimMbimBuilder *b;

  /* The send record follows Format in place; its PduData offset counts
   * from the record's start. */
  if (!sim_mbim_read_u32 (&req->buffer, 0, &format) || format != MBIM_SMS_FORMAT_PDU) {
    reply (self, req, MBIM_STATUS_ERROR_INVALID_PARAMETERS, NULL);
    return;
  }
  send_record.data = req->buffer.data + 4;
  send_record.len = req->buffer.len - 4;
  if (!sim_mbim_read_ref (&send_record, 0, &pdu)) {
    reply (self, req, MBIM_STATUS_ERROR_INVALID_PARAMETERS, NULL);
    return;
  }
  hex = pdu_hex (&pdu);
  if (!sim_model_send_sms (self->model, hex, &reference, &error)) {
    reply (self, req, MBIM_STATUS_ERROR_INVALID_PARAMETERS, NULL);
    return;
  }
  b = sim_mbim_builder_new ();
  sim_mbim_builder_u32 (b, reference);
  reply (self, req, MBIM_STATUS_ERROR_NONE, sim_mbim_builder_end (b));
}

static void
delete_set (SimMbim *self, const SimMbimRequest *req)
{
  guint32 flag, index;

  if (!sim_mbim_read_u32 (&req->buffer, 0, &flag) || !sim_mbim_read_u32 (&req->buffer, 4, &index)
      || flag > MBIM_SMS_FLAG_DRAFT) {
    reply (self, req, MBIM_STATUS_ERROR_INVALID_PARAMETERS, NULL);
    return;
  }
  if (flag == MBIM_SMS_FLAG_INDEX && !sim_model_delete_sms (self->model, index, NULL)) {
    reply (self, req, MBIM_STATUS_ERROR_INVALID_MEMORY_INDEX, NULL);
    return;
  }
  for (guint i = self->model->sms->len; flag != MBIM_SMS_FLAG_INDEX && i > 0; i--) {
    SimSms *sms = g_ptr_array_index (self->model->sms, i - 1);

    if (flag_matches (flag, 0, sms))
      sim_model_delete_sms (self->model, sms->index, NULL);
  }
  reply (self, req, MBIM_STATUS_ERROR_NONE, NULL);
}

static GByteArray *
store_status (SimMbim *self, guint32 flag, guint32 index)
{
  SimMbimBuilder *b = sim_mbim_builder_new ();

  if (self->model->sms->len >= self->model->sms_capacity)
    flag |= MBIM_SMS_STATUS_FLAG_MESSAGE_STORE_FULL;
  sim_mbim_builder_u32 (b, flag);
  sim_mbim_builder_u32 (b, index);
  return sim_mbim_builder_end (b);
}

void
sim_mbim_sms_indicate_new (SimMbim *self, guint index)
{
  sim_mbim_indicate_service (self, sim_mbim_sms_uuid (), MBIM_CID_SMS_MESSAGE_STORE_STATUS,
                             store_status (self, MBIM_SMS_STATUS_FLAG_NEW_MESSAGE, index));
}

void
sim_mbim_sms_handle (SimMbim *self, const SimMbimRequest *req)
{
  MbimStatusError status = sim_mbim_sim_status (self->model);
  gboolean query = req->type == MBIM_MESSAGE_COMMAND_TYPE_QUERY;

  if (req->type != MBIM_MESSAGE_COMMAND_TYPE_QUERY && req->type != MBIM_MESSAGE_COMMAND_TYPE_SET) {
    reply (self, req, MBIM_STATUS_ERROR_INVALID_PARAMETERS, NULL);
    return;
  }
  if (status != MBIM_STATUS_ERROR_NONE) {
    reply (self, req, status, NULL);
    return;
  }
  switch (req->cid) {
  case MBIM_CID_SMS_CONFIGURATION: configuration (self, req); return;
  case MBIM_CID_SMS_READ:
    if (query) {
      read_query (self, req);
      return;
    }
    break;
  case MBIM_CID_SMS_SEND:
    if (!query) {
      send_set (self, req);
      return;
    }
    break;
  case MBIM_CID_SMS_DELETE:
    if (!query) {
      delete_set (self, req);
      return;
    }
    break;
  case MBIM_CID_SMS_MESSAGE_STORE_STATUS:
    if (query) {
      reply (self, req, MBIM_STATUS_ERROR_NONE, store_status (self, MBIM_SMS_STATUS_FLAG_NONE, 0));
      return;
    }
    break;
  default: break;
  }
  reply (self, req, MBIM_STATUS_ERROR_NO_DEVICE_SUPPORT, NULL);
}
