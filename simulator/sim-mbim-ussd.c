/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The MBIM USSD service over the model's USSD network: SET initiates,
 * continues or cancels; the set's COMMAND_DONE carries the network's
 * answer (it waits for it), and what the network sends on its own comes as
 * a USSD notification. Text goes GSM 7-bit packed (DCS 0x0F) when the
 * default alphabet codes it like ASCII, else UCS-2 (DCS 0x48). */
#include "sim-mbim-private.h"

#include <string.h>

#define DCS_GSM7 0x0F
#define DCS_UCS2 0x48
#define GSM7_CR  0x0D

const guint8 *
sim_mbim_ussd_uuid (void)
{
  return (const guint8 *)mbim_uuid_from_service (MBIM_SERVICE_USSD);
}

/* Characters the GSM default alphabet holds at their ASCII value. */
static gboolean
ascii_like_gsm7 (char c)
{
  return g_ascii_isalnum (c) || (c >= ' ' && c <= '?' && c != '$' && c != '@');
}

static gboolean
text_is_gsm7 (const char *text)
{
  for (const char *p = text; *p; p++)
    if (!ascii_like_gsm7 (*p))
      return FALSE;
  return TRUE;
}

/* Packs septets LSB first; 7 spare bits at the end get a CR (23.038 6.1.2.3.1)
 * so the receiver does not read an extra '@'. */
static GByteArray *
pack_gsm7 (const char *text)
{
  gsize n = strlen (text);
  gsize n_septets = n + (n % 8 == 7 ? 1 : 0);
  gsize len = (n_septets * 7 + 7) / 8;
  GByteArray *out = g_byte_array_sized_new ((guint)len);

  g_byte_array_set_size (out, (guint)len + 1);
  memset (out->data, 0, len + 1);
  for (gsize i = 0; i < n_septets; i++) {
    guint value = i < n ? (guint8)text[i] & 0x7F : GSM7_CR;
    gsize bit = i * 7;

    out->data[bit / 8] |= (guint8)(value << (bit % 8));
    out->data[bit / 8 + 1] |= (guint8)(value >> (8 - bit % 8));
  }
  g_byte_array_set_size (out, (guint)len);
  return out;
}

/* The request's text, or NULL when it is not GSM 7-bit packed text the
 * network would take. */
static char *
unpack_gsm7 (const SimMbimReader *payload)
{
  gsize n_septets = payload->len * 8 / 7;
  GString *text = g_string_sized_new (n_septets);

  for (gsize i = 0; i < n_septets; i++) {
    gsize bit = i * 7;
    guint value = payload->data[bit / 8] >> (bit % 8);

    if (bit % 8 > 1 && bit / 8 + 1 < payload->len)
      value |= (guint)payload->data[bit / 8 + 1] << (8 - bit % 8);
    value &= 0x7F;
    if (i == n_septets - 1 && value == GSM7_CR && payload->len % 7 == 0)
      break;
    if (!ascii_like_gsm7 ((char)value)) {
      g_string_free (text, TRUE);
      return NULL;
    }
    g_string_append_c (text, (char)value);
  }
  return g_string_free (text, FALSE);
}

static GByteArray *
ucs2 (const char *utf8)
{
  glong n = 0;
  g_autofree gunichar2 *units = g_utf8_to_utf16 (utf8, -1, NULL, &n, NULL);
  GByteArray *out = g_byte_array_sized_new ((guint)(n * 2));

  for (glong i = 0; units && i < n; i++) {
    guint8 be[2] = { (guint8)(units[i] >> 8), (guint8)(units[i] & 0xFF) };

    g_byte_array_append (out, be, 2);
  }
  return out;
}

/* Response, SessionState, DataCodingScheme, Payload: the model's last
 * report. */
static GByteArray *
ussd_info (SimMbim *self)
{
  SimModel *model = self->model;
  SimMbimBuilder *b = sim_mbim_builder_new ();
  const char *text = model->ussd.text;
  gboolean gsm7 = !text || text_is_gsm7 (text);
  g_autoptr (GByteArray) payload = text ? (gsm7 ? pack_gsm7 (text) : ucs2 (text)) : g_byte_array_new ();

  /* The model's statuses are 27.007's <m>, whose numbers MbimUssdResponse shares. */
  sim_mbim_builder_u32 (b, model->ussd.status);
  sim_mbim_builder_u32 (b, model->ussd.menu_open ? MBIM_USSD_SESSION_STATE_EXISTING_SESSION
                                                 : MBIM_USSD_SESSION_STATE_NEW_SESSION);
  sim_mbim_builder_u32 (b, gsm7 ? DCS_GSM7 : DCS_UCS2);
  sim_mbim_builder_ref (b, payload->data, payload->len);
  return sim_mbim_builder_end (b);
}

static void
reply (SimMbim *self, guint32 tid, MbimStatusError status, GByteArray *buffer)
{
  sim_mbim_reply_service (self, tid, sim_mbim_ussd_uuid (), MBIM_CID_USSD, status, buffer);
}

static void
ussd_set (SimMbim *self, const SimMbimRequest *req)
{
  g_autofree char *text = NULL;
  SimMbimReader payload;
  guint32 action, dcs;

  if (!sim_mbim_read_u32 (&req->buffer, 0, &action) || !sim_mbim_read_u32 (&req->buffer, 4, &dcs)
      || !sim_mbim_read_ref (&req->buffer, 8, &payload) || action > MBIM_USSD_ACTION_CANCEL) {
    reply (self, req->tid, MBIM_STATUS_ERROR_INVALID_PARAMETERS, NULL);
    return;
  }
  if (action == MBIM_USSD_ACTION_CANCEL) {
    SimMbimBuilder *b = sim_mbim_builder_new ();

    sim_model_ussd_cancel (self->model);
    sim_mbim_builder_u32 (b, MBIM_USSD_RESPONSE_TERMINATED_BY_NETWORK);
    sim_mbim_builder_u32 (b, MBIM_USSD_SESSION_STATE_NEW_SESSION);
    sim_mbim_builder_u32 (b, DCS_GSM7);
    sim_mbim_builder_ref (b, NULL, 0);
    reply (self, req->tid, MBIM_STATUS_ERROR_NONE, sim_mbim_builder_end (b));
    return;
  }
  /* The network takes GSM 7-bit text only, as +CUSD with <dcs> 15. */
  text = dcs == DCS_GSM7 ? unpack_gsm7 (&payload) : NULL;
  if (!text || !*text || self->ussd_tid) {
    reply (self, req->tid, self->ussd_tid ? MBIM_STATUS_ERROR_BUSY : MBIM_STATUS_ERROR_INVALID_PARAMETERS,
           NULL);
    return;
  }
  /* The answer (SIM_EVENT_USSD) completes this set. */
  self->ussd_tid = req->tid;
  sim_model_ussd_send (self->model, text);
}

void
sim_mbim_ussd_handle (SimMbim *self, const SimMbimRequest *req)
{
  MbimStatusError status = sim_mbim_sim_status (self->model);

  if (req->cid != MBIM_CID_USSD || req->type != MBIM_MESSAGE_COMMAND_TYPE_SET) {
    reply (self, req->tid, MBIM_STATUS_ERROR_NO_DEVICE_SUPPORT, NULL);
    return;
  }
  if (status != MBIM_STATUS_ERROR_NONE) {
    reply (self, req->tid, status, NULL);
    return;
  }
  ussd_set (self, req);
}

void
sim_mbim_ussd_event (SimMbim *self)
{
  guint32 tid = self->ussd_tid;

  if (tid) {
    self->ussd_tid = 0;
    reply (self, tid, MBIM_STATUS_ERROR_NONE, ussd_info (self));
    return;
  }
  sim_mbim_indicate_service (self, sim_mbim_ussd_uuid (), MBIM_CID_USSD, ussd_info (self));
}
