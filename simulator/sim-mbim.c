/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The MBIM session: splits the byte stream into messages, answers OPEN and
 * CLOSE, reassembles fragmented COMMANDs, hands Basic Connect commands to
 * their handlers (sim-mbim-basic.c), QMI over MBIM to sim-mbim-qmi.c when
 * the model offers it, and everything else NO_DEVICE_SUPPORT,
 * sends replies and indications fragmented to the host's
 * MaxControlTransfer, and turns model events into indications. */
#include "sim-mbim-private.h"

#include <string.h>

/* Larger messages are garbage: no host sends them unfragmented. */
#define MAX_MESSAGE (64 * 1024)
/* A partial message this old is dropped, so garbage cannot wedge the port. */
#define INPUT_TIMEOUT_MS 2000
#define OPEN_SIZE        16
#define COMMAND_SIZE     (SIM_MBIM_HEADER_SIZE + SIM_MBIM_FRAGMENT_SIZE)
/* Service, CID, command type, buffer length. */
#define COMMAND_FIELDS (SIM_MBIM_UUID_SIZE + 12)

const guint8 *
sim_mbim_basic_connect_uuid (void)
{
  return (const guint8 *)MBIM_UUID_BASIC_CONNECT;
}

/* --- sending ------------------------------------------------------------------ */

static void
write_bytes (SimMbim *self, GBytes *bytes)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  self->write (data, len, self->write_data);
}

static void
write_message (SimMbim *self, MbimMessage *message)
{
  guint32 len;
  const guint8 *data = mbim_message_get_raw (message, &len, NULL);

  if (data)
    self->write (data, len, self->write_data);
  mbim_message_unref (message);
}

static void
function_error (SimMbim *self, guint32 tid, MbimProtocolError error)
{
  write_message (self, mbim_message_function_error_new (tid, error));
}

void
sim_mbim_send_done (SimMbim *self, guint32 tid, const guint8 *service, guint32 cid, MbimStatusError status,
                    const guint8 *data, gsize len)
{
  g_autoptr (GPtrArray) fragments = sim_mbim_encode (MBIM_MESSAGE_TYPE_COMMAND_DONE, tid, service, cid, TRUE,
                                                     status, data, len, self->max_transfer);

  for (guint i = 0; i < fragments->len; i++)
    write_bytes (self, g_ptr_array_index (fragments, i));
}

static void
send_done (SimMbim *self, guint32 tid, const guint8 *service, guint32 cid, MbimStatusError status,
           GByteArray *buffer)
{
  sim_mbim_send_done (self, tid, service, cid, status, buffer ? buffer->data : NULL,
                      buffer ? buffer->len : 0);
}

void
sim_mbim_reply (SimMbim *self, guint32 tid, guint32 cid, MbimStatusError status, GByteArray *buffer)
{
  if (!self->open) {
    g_clear_pointer (&buffer, g_byte_array_unref);
    return;
  }
  send_done (self, tid, sim_mbim_basic_connect_uuid (), cid, status, buffer);
  /* The host now knows this state: an indication repeating it is noise. */
  if (buffer && status == MBIM_STATUS_ERROR_NONE && cid != MBIM_CID_BASIC_CONNECT_CONNECT)
    g_hash_table_insert (self->last_indication, GUINT_TO_POINTER (cid), g_byte_array_free_to_bytes (buffer));
  else if (buffer)
    g_byte_array_unref (buffer);
}

void
sim_mbim_reply_service (SimMbim *self, guint32 tid, const guint8 *service, guint32 cid,
                        MbimStatusError status, GByteArray *buffer)
{
  if (self->open)
    send_done (self, tid, service, cid, status, buffer);
  if (buffer)
    g_byte_array_unref (buffer);
}

static gboolean
subscribed (SimMbim *self, const guint8 *service, guint32 cid)
{
  if (!self->subscribed)
    return TRUE;
  for (guint i = 0; i < self->subscribed->len; i++) {
    SimMbimSubscription *sub = &g_array_index (self->subscribed, SimMbimSubscription, i);

    if (memcmp (sub->service, service, SIM_MBIM_UUID_SIZE) == 0 && (sub->cid == 0 || sub->cid == cid))
      return TRUE;
  }
  return FALSE;
}

void
sim_mbim_flush_held (SimMbim *self)
{
  g_autoptr (GPtrArray) held = g_steal_pointer (&self->held);

  self->held = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  for (guint i = 0; i < held->len; i++)
    write_bytes (self, g_ptr_array_index (held, i));
}

static void
send_indication (SimMbim *self, const guint8 *service, guint32 cid, GBytes *bytes)
{
  g_autoptr (GPtrArray) fragments = NULL;
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  /* Indications carry transaction id 0. */
  fragments = sim_mbim_encode (MBIM_MESSAGE_TYPE_INDICATE_STATUS, 0, service, cid, FALSE, 0, data, len,
                               self->max_transfer);
  for (guint i = 0; i < fragments->len; i++) {
    if (self->busy)
      g_ptr_array_add (self->held, g_bytes_ref (g_ptr_array_index (fragments, i)));
    else
      write_bytes (self, g_ptr_array_index (fragments, i));
  }
}

void
sim_mbim_indicate (SimMbim *self, guint32 cid, GByteArray *buffer, gboolean dedupe)
{
  g_autoptr (GBytes) bytes = g_byte_array_free_to_bytes (buffer);
  GBytes *last;

  if (!self->open || !subscribed (self, sim_mbim_basic_connect_uuid (), cid))
    return;
  last = g_hash_table_lookup (self->last_indication, GUINT_TO_POINTER (cid));
  if (dedupe && last && g_bytes_equal (last, bytes))
    return;
  g_hash_table_insert (self->last_indication, GUINT_TO_POINTER (cid), g_bytes_ref (bytes));
  send_indication (self, sim_mbim_basic_connect_uuid (), cid, bytes);
}

void
sim_mbim_indicate_service (SimMbim *self, const guint8 *service, guint32 cid, GByteArray *buffer)
{
  g_autoptr (GBytes) bytes = g_byte_array_free_to_bytes (buffer);

  if (self->open && subscribed (self, service, cid))
    send_indication (self, service, cid, bytes);
}

/* --- receiving ------------------------------------------------------------------- */

static void
set_last_command (SimMbim *self, char *text)
{
  g_free (self->last_command);
  self->last_command = text;
  sim_history_add (self->history, text);
}

static void
reset_function (SimMbim *self)
{
  sim_mbim_cancel_pending (self, TRUE, 0);
  g_clear_pointer (&self->fragments, g_byte_array_unref);
  g_clear_pointer (&self->subscribed, g_array_unref);
  g_hash_table_remove_all (self->last_indication);
  /* The network's answer to a set of the old function goes out as a
   * notification. */
  self->ussd_tid = 0;
}

static void
handle_open (SimMbim *self, const guint8 *msg, gsize len, guint32 tid)
{
  if (len < OPEN_SIZE) {
    function_error (self, tid, MBIM_PROTOCOL_ERROR_LENGTH_MISMATCH);
    return;
  }
  /* A second OPEN resets the function; the model (and its sessions) stays. */
  reset_function (self);
  self->max_transfer = CLAMP (sim_mbim_get_u32 (msg + 12), SIM_MBIM_MIN_TRANSFER, MAX_MESSAGE);
  if (self->options.max_transfer)
    self->max_transfer = MIN (self->max_transfer, MAX (self->options.max_transfer, SIM_MBIM_MIN_TRANSFER));
  self->open = TRUE;
  write_message (self, mbim_message_open_done_new (tid, MBIM_STATUS_ERROR_NONE));
}

static void
handle_close (SimMbim *self, guint32 tid)
{
  reset_function (self);
  write_message (self, mbim_message_close_done_new (tid, MBIM_STATUS_ERROR_NONE));
  self->open = FALSE;
}

static void
dispatch (SimMbim *self, guint32 tid, const guint8 *payload, gsize len)
{
  SimMbimRequest req = { tid };
  guint32 buffer_len;
  MbimService service;

  if (len < COMMAND_FIELDS) {
    function_error (self, tid, MBIM_PROTOCOL_ERROR_LENGTH_MISMATCH);
    return;
  }
  req.cid = sim_mbim_get_u32 (payload + SIM_MBIM_UUID_SIZE);
  req.type = (MbimMessageCommandType)sim_mbim_get_u32 (payload + SIM_MBIM_UUID_SIZE + 4);
  buffer_len = sim_mbim_get_u32 (payload + SIM_MBIM_UUID_SIZE + 8);
  if (buffer_len > len - COMMAND_FIELDS) {
    function_error (self, tid, MBIM_PROTOCOL_ERROR_LENGTH_MISMATCH);
    return;
  }
  req.buffer.data = payload + COMMAND_FIELDS;
  req.buffer.len = buffer_len;
  service = mbim_uuid_to_service ((const MbimUuid *)payload);
  set_last_command (self, g_strdup_printf ("%s %s %s", mbim_service_get_string (service) ?: "unknown",
                                           mbim_cid_get_printable (service, req.cid) ?: "unknown",
                                           req.type == MBIM_MESSAGE_COMMAND_TYPE_SET ? "set" : "query"));
  if (self->mute_after == 1) {
    self->muted = TRUE;
    self->mute_after = 0;
  }
  if (self->muted)
    return;
  if (self->mute_after > 1)
    self->mute_after--;
  self->busy = TRUE;
  if (self->qmi && service == MBIM_SERVICE_QMI)
    sim_mbim_qmi_handle (self, &req);
  else if (service == MBIM_SERVICE_MS_BASIC_CONNECT_EXTENSIONS)
    sim_mbim_extensions_handle (self, &req, payload);
  else if (memcmp (payload, sim_mbim_sms_uuid (), SIM_MBIM_UUID_SIZE) == 0)
    sim_mbim_sms_handle (self, &req);
  else if (service == MBIM_SERVICE_MS_VOICE_EXTENSIONS)
    sim_mbim_nitz_handle (self, &req);
  else if (service == MBIM_SERVICE_USSD)
    sim_mbim_ussd_handle (self, &req);
  else if (memcmp (payload, sim_mbim_basic_connect_uuid (), SIM_MBIM_UUID_SIZE) != 0)
    send_done (self, tid, payload, req.cid, MBIM_STATUS_ERROR_NO_DEVICE_SUPPORT, NULL);
  else if (req.type != MBIM_MESSAGE_COMMAND_TYPE_QUERY && req.type != MBIM_MESSAGE_COMMAND_TYPE_SET)
    sim_mbim_reply (self, tid, req.cid, MBIM_STATUS_ERROR_INVALID_PARAMETERS, NULL);
  else
    sim_mbim_basic_handle (self, &req);
  self->busy = FALSE;
  sim_mbim_flush_held (self);
}

/* One COMMAND fragment: the first starts a payload, the others continue it
 * in order, with the same transaction id and fragment count. */
static void
handle_command (SimMbim *self, const guint8 *msg, gsize len, guint32 tid)
{
  guint32 total, current;

  if (!self->open) {
    if (!self->muted)
      function_error (self, tid, MBIM_PROTOCOL_ERROR_NOT_OPENED);
    return;
  }
  if (len < COMMAND_SIZE) {
    function_error (self, tid, MBIM_PROTOCOL_ERROR_LENGTH_MISMATCH);
    return;
  }
  total = sim_mbim_get_u32 (msg + 12);
  current = sim_mbim_get_u32 (msg + 16);
  if (current == 0) {
    if (self->fragments)
      function_error (self, self->fragment_tid, MBIM_PROTOCOL_ERROR_FRAGMENT_OUT_OF_SEQUENCE);
    g_clear_pointer (&self->fragments, g_byte_array_unref);
    if (total == 0) {
      function_error (self, tid, MBIM_PROTOCOL_ERROR_FRAGMENT_OUT_OF_SEQUENCE);
      return;
    }
    self->fragments = g_byte_array_new ();
    self->fragment_tid = tid;
    self->fragment_total = total;
    self->fragment_next = 0;
  } else if (!self->fragments || tid != self->fragment_tid || total != self->fragment_total
             || current != self->fragment_next) {
    g_clear_pointer (&self->fragments, g_byte_array_unref);
    function_error (self, tid, MBIM_PROTOCOL_ERROR_FRAGMENT_OUT_OF_SEQUENCE);
    return;
  }
  if (self->fragments->len + (len - COMMAND_SIZE) > MAX_MESSAGE) {
    g_clear_pointer (&self->fragments, g_byte_array_unref);
    function_error (self, tid, MBIM_PROTOCOL_ERROR_MAX_TRANSFER);
    return;
  }
  g_byte_array_append (self->fragments, msg + COMMAND_SIZE, (guint)(len - COMMAND_SIZE));
  if (++self->fragment_next < total)
    return;
  {
    g_autoptr (GByteArray) payload = g_steal_pointer (&self->fragments);

    dispatch (self, tid, payload->data, payload->len);
  }
}

static void
handle_message (SimMbim *self, const guint8 *msg, gsize len)
{
  guint32 type = sim_mbim_get_u32 (msg);
  guint32 tid = sim_mbim_get_u32 (msg + 8);

  switch (type) {
  case MBIM_MESSAGE_TYPE_OPEN:
    set_last_command (self, g_strdup ("open"));
    if (!self->muted)
      handle_open (self, msg, len, tid);
    break;
  case MBIM_MESSAGE_TYPE_CLOSE:
    set_last_command (self, g_strdup ("close"));
    if (!self->muted)
      handle_close (self, tid);
    break;
  case MBIM_MESSAGE_TYPE_COMMAND: handle_command (self, msg, len, tid); break;
  case MBIM_MESSAGE_TYPE_HOST_ERROR:
    /* The host gave up on a transaction: forget its reply. */
    sim_mbim_cancel_pending (self, FALSE, tid);
    break;
  default:
    if (!self->muted)
      function_error (self, tid, MBIM_PROTOCOL_ERROR_UNKNOWN);
    break;
  }
}

static gboolean
input_timeout (gpointer user_data)
{
  SimMbim *self = user_data;

  self->input_timer = 0;
  g_debug ("MBIM: dropping %u bytes of an incomplete message", self->input->len);
  g_byte_array_set_size (self->input, 0);
  return G_SOURCE_REMOVE;
}

/* Whether the buffer can start a host message: its type is OPEN, CLOSE,
 * COMMAND or HOST_ERROR (1-4, little endian), as far as bytes are there. */
static gboolean
starts_like_message (const guint8 *data, guint len)
{
  if (len > 0 && (data[0] < MBIM_MESSAGE_TYPE_OPEN || data[0] > MBIM_MESSAGE_TYPE_HOST_ERROR))
    return FALSE;
  for (guint i = 1; i < MIN (len, 4u); i++) {
    if (data[i] != 0)
      return FALSE;
  }
  return TRUE;
}

/* Bytes that cannot begin a message (an AT probe's "AT\r" before the
 * host's OPEN, line noise) are skipped, so the next message is found. */
static void
skip_to_message_start (SimMbim *self)
{
  guint skip = 0;

  while (skip < self->input->len && !starts_like_message (self->input->data + skip, self->input->len - skip))
    skip++;
  if (skip) {
    g_debug ("MBIM: skipping %u bytes that start no message", skip);
    g_byte_array_remove_range (self->input, 0, skip);
  }
}

void
sim_mbim_feed (SimMbim *self, const guint8 *data, gsize len)
{
  g_byte_array_append (self->input, data, (guint)len);
  skip_to_message_start (self);
  while (self->input->len >= SIM_MBIM_HEADER_SIZE) {
    guint32 length = sim_mbim_get_u32 (self->input->data + 4);
    g_autofree guint8 *msg = NULL;

    if (length < SIM_MBIM_HEADER_SIZE || length > MAX_MESSAGE) {
      /* No message boundary to find again in this: drop it all. */
      if (!self->muted)
        function_error (self, sim_mbim_get_u32 (self->input->data + 8), MBIM_PROTOCOL_ERROR_LENGTH_MISMATCH);
      g_byte_array_set_size (self->input, 0);
      break;
    }
    if (self->input->len < length)
      break;
    /* Handlers may feed nothing back, but copy: the buffer is ours to cut. */
    msg = g_memdup2 (self->input->data, length);
    g_byte_array_remove_range (self->input, 0, length);
    handle_message (self, msg, length);
    skip_to_message_start (self);
  }
  g_clear_handle_id (&self->input_timer, g_source_remove);
  if (self->input->len > 0)
    self->input_timer = g_timeout_add (INPUT_TIMEOUT_MS, input_timeout, self);
}

/* --- model events ---------------------------------------------------------------- */

/* The model updates registration one domain at a time; report the state
 * once it has settled, not each step on the way. */
static gboolean
network_settled (gpointer user_data)
{
  SimMbim *self = user_data;

  self->network_idle = 0;
  sim_mbim_indicate_register (self);
  sim_mbim_indicate_packet (self);
  return G_SOURCE_REMOVE;
}

static void
network_changed (SimMbim *self)
{
  if (!self->network_idle)
    self->network_idle = g_idle_add (network_settled, self);
}

static void
on_model_event (const SimEvent *event, gpointer user_data)
{
  SimMbim *self = user_data;

  switch (event->kind) {
  case SIM_EVENT_POWER:
    sim_mbim_indicate_radio (self);
    sim_mbim_indicate_signal (self);
    break;
  case SIM_EVENT_SIM: sim_mbim_indicate_subscriber (self); break;
  case SIM_EVENT_REGISTRATION:
    network_changed (self);
    sim_mbim_check_registration_waits (self);
    break;
  case SIM_EVENT_OPERATOR:
  case SIM_EVENT_ACCESS_TECH:
  case SIM_EVENT_ATTACH: network_changed (self); break;
  case SIM_EVENT_SIGNAL: sim_mbim_indicate_signal (self); break;
  case SIM_EVENT_CONTEXT:
    if (event->index == 0)
      sim_mbim_sessions_changed (self);
    break;
  case SIM_EVENT_SMS_RECEIVED: sim_mbim_sms_indicate_new (self, event->index); break;
  case SIM_EVENT_SMS_STATUS_REPORT:
  case SIM_EVENT_RING:
  case SIM_EVENT_CALL_DROPPED: break;
  case SIM_EVENT_TIMEZONE: sim_mbim_nitz_indicate (self); break;
  case SIM_EVENT_USSD: sim_mbim_ussd_event (self); break;
  }
}

/* --- life cycle ------------------------------------------------------------------ */

SimMbim *
sim_mbim_new (SimModel *model, const SimMbimOptions *options, SimMbimWriteFunc write, gpointer user_data)
{
  SimMbim *self = g_new0 (SimMbim, 1);

  self->model = model;
  self->options = *options;
  self->write = write;
  self->write_data = user_data;
  self->input = g_byte_array_new ();
  self->max_transfer = 4096;
  self->last_command = g_strdup ("");
  self->history = sim_history_new (SIM_HISTORY_KEEP);
  self->last_indication
    = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, (GDestroyNotify)g_bytes_unref);
  self->held = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  self->pending = g_ptr_array_new_with_free_func ((GDestroyNotify)sim_mbim_pending_free);
  for (guint i = 0; i < model->sessions->len; i++) {
    const SimSession *session = g_ptr_array_index (model->sessions, i);

    if (session->id < SIM_MBIM_MAX_SESSIONS)
      self->session_active[session->id] = TRUE;
  }
  self->subscription = sim_model_subscribe (model, on_model_event, self);
  if (model->qmi_over_mbim)
    sim_mbim_qmi_init (self);
  return self;
}

void
sim_mbim_free (SimMbim *self)
{
  if (!self)
    return;
  sim_model_unsubscribe (self->model, self->subscription);
  g_clear_pointer (&self->qmi, sim_qmi_free);
  g_clear_handle_id (&self->input_timer, g_source_remove);
  g_clear_handle_id (&self->network_idle, g_source_remove);
  g_ptr_array_unref (self->pending);
  g_ptr_array_unref (self->held);
  g_hash_table_unref (self->last_indication);
  g_clear_pointer (&self->subscribed, g_array_unref);
  g_clear_pointer (&self->fragments, g_byte_array_unref);
  g_byte_array_unref (self->input);
  g_free (self->last_command);
  sim_history_free (self->history);
  g_free (self);
}

void
sim_mbim_set_muted (SimMbim *self, gboolean muted)
{
  self->muted = muted;
  self->mute_after = 0;
}

void
sim_mbim_mute_after (SimMbim *self, guint answers)
{
  self->muted = FALSE;
  self->mute_after = answers + 1;
}

gboolean
sim_mbim_get_muted (SimMbim *self)
{
  return self->muted;
}

void
sim_mbim_restart (SimMbim *self)
{
  reset_function (self);
  self->open = FALSE;
}

gboolean
sim_mbim_is_open (SimMbim *self)
{
  return self->open;
}

guint32
sim_mbim_get_max_transfer (SimMbim *self)
{
  return self->open ? self->max_transfer : 0;
}

const char *
sim_mbim_get_last_command (SimMbim *self)
{
  return self->last_command;
}

const SimHistory *
sim_mbim_get_history (SimMbim *self)
{
  return self->history;
}

SimQmi *
sim_mbim_get_qmi (SimMbim *self)
{
  return self->qmi;
}
