/* SPDX-License-Identifier: GPL-2.0-or-later */
/* UIM requests of the QMI front end: card status (one slot, one USIM
 * application, PIN1/PUK1 state and retries), PIN1 verify, unblock, change
 * and protection through the model's SIM functions, Read Transparent of
 * EF_ICCID and EF_IMSI, and the card status indication on SIM changes. */
#include "sim-qmi-private.h"

#include <string.h>

#define UIM_TLV_INFO           0x02
#define UIM_TLV_FILE           0x02
#define UIM_TLV_READ_INFO      0x03
#define UIM_TLV_RETRIES        0x10
#define UIM_TLV_CARD_STATUS    0x10
#define UIM_TLV_CARD_RESULT    0x10
#define UIM_TLV_READ_RESULT    0x11
#define UIM_TLV_EVENT_MASK     0x01
#define UIM_TLV_EVENT_MASK_OUT 0x10
#define UIM_IND_CARD_STATUS    0x0032
#define UIM_EVENT_CARD_STATUS  0x01

#define UIM_PIN_ID_PIN1 1

/* QmiUimCardState, QmiUimCardApplicationType and ...ApplicationState. */
#define CARD_ABSENT      0
#define CARD_PRESENT     1
#define APP_USIM         2
#define APP_PIN_REQUIRED 2
#define APP_PUK_REQUIRED 3
#define APP_PIN1_BLOCKED 5
#define APP_READY        7
#define PERSO_READY      2
#define PIN_NOT_INIT     0
#define PIN_NOT_VERIFIED 1
#define PIN_VERIFIED     2
#define PIN_DISABLED     3
#define PIN_BLOCKED      4
#define PIN_PERM_BLOCKED 5
#define NO_APPLICATION   0xFFFF

#define FILE_MF    0x3F00
#define FILE_ADF   0x7FFF
#define FILE_ICCID 0x2FE2
#define FILE_IMSI  0x6F07

/* The USIM application identifier: 3GPP's RID and USIM code, then filler. */
static const guint8 usim_aid[]
  = { 0xA0, 0x00, 0x00, 0x00, 0x87, 0x10, 0x02, 0xFF, 0x49, 0xFF, 0x05, 0x89, 0x00, 0x00, 0x00, 0x00 };

guint8
sim_qmi_uim_pin1_state (SimModel *model)
{
  switch (model->sim.lock) {
  case SIM_LOCK_READY: return model->sim.pin_enabled ? PIN_VERIFIED : PIN_DISABLED;
  case SIM_LOCK_PIN: return PIN_NOT_VERIFIED;
  case SIM_LOCK_PUK: return PIN_BLOCKED;
  case SIM_LOCK_BLOCKED: return PIN_PERM_BLOCKED;
  case SIM_LOCK_ABSENT: return PIN_NOT_INIT;
  }
  return PIN_NOT_INIT;
}

static guint8
application_state (SimModel *model)
{
  switch (model->sim.lock) {
  case SIM_LOCK_READY: return APP_READY;
  case SIM_LOCK_PIN: return APP_PIN_REQUIRED;
  case SIM_LOCK_PUK: return APP_PUK_REQUIRED;
  case SIM_LOCK_BLOCKED: return APP_PIN1_BLOCKED;
  case SIM_LOCK_ABSENT: return 0;
  }
  return 0;
}

/* The Card Status TLV of the response and of the indication. */
static GByteArray *
card_status (SimModel *model)
{
  GByteArray *v = g_byte_array_new ();
  gboolean present = model->sim.present && model->sim.lock != SIM_LOCK_ABSENT;

  sim_qmi_put_u16 (v, present ? 0x0000 : NO_APPLICATION); /* GW primary: slot 0, app 0 */
  sim_qmi_put_u16 (v, NO_APPLICATION);
  sim_qmi_put_u16 (v, NO_APPLICATION);
  sim_qmi_put_u16 (v, NO_APPLICATION);
  sim_qmi_put_u8 (v, 1); /* one slot */
  sim_qmi_put_u8 (v, present ? CARD_PRESENT : CARD_ABSENT);
  sim_qmi_put_u8 (v, PIN_NOT_INIT); /* no universal PIN */
  sim_qmi_put_u8 (v, 0);
  sim_qmi_put_u8 (v, 0);
  sim_qmi_put_u8 (v, 0); /* error code */
  if (!present) {
    sim_qmi_put_u8 (v, 0);
    return v;
  }
  sim_qmi_put_u8 (v, 1); /* one application */
  sim_qmi_put_u8 (v, APP_USIM);
  sim_qmi_put_u8 (v, application_state (model));
  sim_qmi_put_u8 (v, PERSO_READY);
  sim_qmi_put_u8 (v, 0); /* personalization feature, retries, unblock retries */
  sim_qmi_put_u8 (v, 0);
  sim_qmi_put_u8 (v, 0);
  sim_qmi_put_u8 (v, sizeof usim_aid);
  g_byte_array_append (v, usim_aid, sizeof usim_aid);
  sim_qmi_put_u8 (v, FALSE); /* UPIN replaces PIN1 */
  sim_qmi_put_u8 (v, sim_qmi_uim_pin1_state (model));
  sim_qmi_put_u8 (v, (guint8)model->sim.pin_retries);
  sim_qmi_put_u8 (v, (guint8)model->sim.puk_retries);
  sim_qmi_put_u8 (v, PIN_NOT_INIT); /* PIN2 is not modelled */
  sim_qmi_put_u8 (v, 0);
  sim_qmi_put_u8 (v, 0);
  return v;
}

static void
get_card_status (SimQmi *self, SimQmiClient *client, const SimQmiMessage *request)
{
  GByteArray *frame = sim_qmi_response_ok (request);

  sim_qmi_frame_tlv_take (frame, UIM_TLV_CARD_STATUS, card_status (self->model));
  sim_qmi_send (self, frame);
}

static void
register_events (SimQmi *self, SimQmiClient *client, const SimQmiMessage *request)
{
  guint32 mask;
  GByteArray *frame;

  if (!sim_qmi_tlv_u32 (request, UIM_TLV_EVENT_MASK, &mask)) {
    sim_qmi_reply_error (self, request, SIM_QMI_ERROR_MISSING_ARGUMENT);
    return;
  }
  client->card_status_ind = (mask & UIM_EVENT_CARD_STATUS) != 0;
  frame = sim_qmi_response_ok (request);
  sim_qmi_frame_tlv_u32 (frame, UIM_TLV_EVENT_MASK_OUT, mask & UIM_EVENT_CARD_STATUS);
  sim_qmi_send (self, frame);
}

/* --- PIN operations ------------------------------------------------------------ */

/* The answer to a PIN operation: its result, with the retries left. */
static void
reply_pin (SimQmi *self, const SimQmiMessage *request, SimQmiError error)
{
  GByteArray *frame = sim_qmi_response_new (request);
  GByteArray *retries = g_byte_array_new ();

  sim_qmi_frame_result (frame, error);
  sim_qmi_put_u8 (retries, (guint8)self->model->sim.pin_retries);
  sim_qmi_put_u8 (retries, (guint8)self->model->sim.puk_retries);
  sim_qmi_frame_tlv_take (frame, UIM_TLV_RETRIES, retries);
  sim_qmi_send (self, frame);
}

/* Verify while the card is already unlocked checks the PIN (charging a
 * retry when wrong) without changing anything. */
static gboolean
verify (SimModel *model, const char *pin, GError **error)
{
  if (model->sim.lock == SIM_LOCK_READY && model->sim.pin_enabled)
    return sim_model_change_pin (model, pin, pin, error);
  return sim_model_enter_pin (model, pin, error);
}

void
sim_qmi_pin_operation (SimQmi *self, const SimQmiMessage *request, SimQmiPinOp op, guint8 info_tlv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  SimQmiReader r;
  guint8 pin_id;
  guint8 enable = FALSE;
  gboolean ok = FALSE;

  if (!sim_qmi_reader_init (&r, request, info_tlv)) {
    sim_qmi_reply_error (self, request, SIM_QMI_ERROR_MISSING_ARGUMENT);
    return;
  }
  pin_id = sim_qmi_read_u8 (&r);
  if (op == SIM_QMI_PIN_PROTECTION)
    enable = sim_qmi_read_u8 (&r);
  first = sim_qmi_read_string8 (&r);
  if (op == SIM_QMI_PIN_UNBLOCK || op == SIM_QMI_PIN_CHANGE)
    second = sim_qmi_read_string8 (&r);
  if (!r.ok) {
    sim_qmi_reply_error (self, request, SIM_QMI_ERROR_MALFORMED_MESSAGE);
    return;
  }
  if (pin_id != UIM_PIN_ID_PIN1) {
    sim_qmi_reply_error (self, request, SIM_QMI_ERROR_NOT_SUPPORTED);
    return;
  }
  /* Verify with the PIN disabled and unlocked: nothing to do. */
  if (op == SIM_QMI_PIN_VERIFY && self->model->sim.lock == SIM_LOCK_READY && !self->model->sim.pin_enabled) {
    reply_pin (self, request, SIM_QMI_ERROR_NO_EFFECT);
    return;
  }
  switch (op) {
  case SIM_QMI_PIN_VERIFY: ok = verify (self->model, first, &error); break;
  case SIM_QMI_PIN_UNBLOCK: ok = sim_model_enter_puk (self->model, first, second, &error); break;
  case SIM_QMI_PIN_CHANGE: ok = sim_model_change_pin (self->model, first, second, &error); break;
  case SIM_QMI_PIN_PROTECTION:
    ok = sim_model_set_pin_enabled (self->model, enable != 0, first, &error);
    break;
  }
  reply_pin (self, request, ok ? SIM_QMI_ERROR_NONE : sim_qmi_error_from_model (error));
}

static void
verify_pin (SimQmi *self, SimQmiClient *client, const SimQmiMessage *request)
{
  sim_qmi_pin_operation (self, request, SIM_QMI_PIN_VERIFY, UIM_TLV_INFO);
}

static void
unblock_pin (SimQmi *self, SimQmiClient *client, const SimQmiMessage *request)
{
  sim_qmi_pin_operation (self, request, SIM_QMI_PIN_UNBLOCK, UIM_TLV_INFO);
}

static void
change_pin (SimQmi *self, SimQmiClient *client, const SimQmiMessage *request)
{
  sim_qmi_pin_operation (self, request, SIM_QMI_PIN_CHANGE, UIM_TLV_INFO);
}

static void
set_pin_protection (SimQmi *self, SimQmiClient *client, const SimQmiMessage *request)
{
  sim_qmi_pin_operation (self, request, SIM_QMI_PIN_PROTECTION, UIM_TLV_INFO);
}

/* --- files ---------------------------------------------------------------------- */

/* Digits as the card stores them: two per byte, low nibble first, F-padded. */
static void
put_swapped_bcd (GByteArray *out, const char *digits)
{
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i += 2) {
    guint8 low = (guint8)(digits[i] - '0');
    guint8 high = i + 1 < len ? (guint8)(digits[i + 1] - '0') : 0xF;

    sim_qmi_put_u8 (out, (guint8)(high << 4 | low));
  }
}

/* EF_IMSI (31.102): a length byte, then the first digit beside the parity
 * (9: odd number of digits, 1: even), the rest swapped BCD. */
static GByteArray *
imsi_file (const char *imsi)
{
  GByteArray *out = g_byte_array_new ();
  gsize len = strlen (imsi);
  g_autofree char *padded = g_strdup_printf ("%c%s", len % 2 ? '9' : '1', imsi);

  sim_qmi_put_u8 (out, (guint8)((len + 2) / 2));
  put_swapped_bcd (out, padded);
  return out;
}

static GByteArray *
iccid_file (const char *iccid)
{
  GByteArray *out = g_byte_array_new ();

  put_swapped_bcd (out, iccid);
  return out;
}

/* The path bytes: each 16-bit file id little endian. */
static gboolean
path_is (const guint8 *path, guint8 len, const guint16 *ids, guint n)
{
  if (len != n * 2)
    return FALSE;
  for (guint i = 0; i < n; i++) {
    if ((guint16)(path[2 * i] | path[2 * i + 1] << 8) != ids[i])
      return FALSE;
  }
  return TRUE;
}

static void
read_transparent (SimQmi *self, SimQmiClient *client, const SimQmiMessage *request)
{
  static const guint16 mf[] = { FILE_MF };
  static const guint16 adf[] = { FILE_MF, FILE_ADF };
  g_autoptr (GByteArray) content = NULL;
  g_autoptr (GError) error = NULL;
  SimQmiReader r;
  guint16 file_id, offset = 0, length = 0;
  guint8 path_len;
  const guint8 *path;
  GByteArray *frame;
  GByteArray *value;

  if (!sim_qmi_reader_init (&r, request, UIM_TLV_FILE)) {
    sim_qmi_reply_error (self, request, SIM_QMI_ERROR_MISSING_ARGUMENT);
    return;
  }
  file_id = sim_qmi_read_u16 (&r);
  path_len = sim_qmi_read_u8 (&r);
  path = r.ok && r.len - r.at >= path_len ? r.data + r.at : NULL;
  if (!path) {
    sim_qmi_reply_error (self, request, SIM_QMI_ERROR_MALFORMED_MESSAGE);
    return;
  }
  if (sim_qmi_reader_init (&r, request, UIM_TLV_READ_INFO)) {
    offset = sim_qmi_read_u16 (&r);
    length = sim_qmi_read_u16 (&r);
  }
  if (!self->model->sim.present || self->model->sim.lock == SIM_LOCK_ABSENT) {
    sim_qmi_reply_error (self, request, SIM_QMI_ERROR_UIM_UNINITIALIZED);
    return;
  }
  if (file_id == FILE_ICCID && path_is (path, path_len, mf, 1)) {
    content = iccid_file (self->model->sim.iccid);
  } else if (file_id == FILE_IMSI && path_is (path, path_len, adf, 2)) {
    /* The USIM application's files need the PIN, as on a card. */
    if (!sim_model_check_sim_ready (self->model, &error)) {
      sim_qmi_reply_error (self, request, SIM_QMI_ERROR_ACCESS_DENIED);
      return;
    }
    content = imsi_file (self->model->sim.imsi);
  } else {
    sim_qmi_reply_error (self, request, SIM_QMI_ERROR_SIM_FILE_NOT_FOUND);
    return;
  }
  if (offset > content->len || (length && (guint)offset + length > content->len)) {
    sim_qmi_reply_error (self, request, SIM_QMI_ERROR_INVALID_ARGUMENT);
    return;
  }
  if (!length)
    length = (guint16)(content->len - offset);
  frame = sim_qmi_response_ok (request);
  value = g_byte_array_new ();
  sim_qmi_put_u8 (value, 0x90);
  sim_qmi_put_u8 (value, 0x00);
  sim_qmi_frame_tlv_take (frame, UIM_TLV_CARD_RESULT, value);
  value = g_byte_array_new ();
  sim_qmi_put_u16 (value, length);
  g_byte_array_append (value, content->data + offset, length);
  sim_qmi_frame_tlv_take (frame, UIM_TLV_READ_RESULT, value);
  sim_qmi_send (self, frame);
}

/* --- indications ---------------------------------------------------------------- */

/* Sent once the model settled, so it follows the reply of the request that
 * changed the card. */
static gboolean
flush_card_status (gpointer user_data)
{
  SimQmi *self = user_data;
  g_autoptr (GList) clients = sim_qmi_clients_of (self, SIM_QMI_SERVICE_UIM);

  self->uim_idle = 0;
  for (GList *l = clients; l; l = l->next) {
    SimQmiClient *client = l->data;
    GByteArray *frame;

    if (!client->card_status_ind)
      continue;
    frame = sim_qmi_indication_new (SIM_QMI_SERVICE_UIM, client->id, UIM_IND_CARD_STATUS);
    sim_qmi_frame_tlv_take (frame, UIM_TLV_CARD_STATUS, card_status (self->model));
    sim_qmi_send (self, frame);
  }
  return G_SOURCE_REMOVE;
}

void
sim_qmi_uim_model_event (SimQmi *self, const SimEvent *event)
{
  if (!self->uim_idle)
    self->uim_idle = g_idle_add (flush_card_status, self);
}

const SimQmiHandler sim_qmi_uim_handlers[] = {
  { 0x0020, "Read Transparent", read_transparent },
  { 0x0025, "Set PIN Protection", set_pin_protection },
  { 0x0026, "Verify PIN", verify_pin },
  { 0x0027, "Unblock PIN", unblock_pin },
  { 0x0028, "Change PIN", change_pin },
  { 0x002E, "Register Events", register_events },
  { 0x002F, "Get Card Status", get_card_status },
  { 0 },
};
