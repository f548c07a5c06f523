/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Fuzz harness of the MBIM plugin on top of libmbim's parsers: the input
 * is a script of steps. A step runs one op of the MBIM ops tables on a
 * modem without a port, whose requests are answered with COMMAND_DONE
 * messages built from the next reply records of the input; or it hands an
 * INDICATE_STATUS built from the input to the indication router; or it
 * passes raw bytes (mbim_message_new, once libmbim's own check accepts
 * them) to the router or the IP configuration reader; or it maps a status
 * code to an error. Results and errors are checked for their shape. */
#include <stdint.h>
#include <string.h>

#include "fuzz-log.h"
#include "md-errors.h"
#include "md-mbim-ip-config.h"
#include "md-mbim-modem-private.h"
#include "md-mbim-ops.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

#define COMMAND_DONE_HEADER    48
#define INDICATE_STATUS_HEADER 44
#define RAW_MAX                4096

typedef struct {
  const guint8 *data;
  gsize left;
} Input;

static gboolean
take (Input *in, gsize n, const guint8 **out)
{
  if (in->left < n)
    return FALSE;
  *out = in->data;
  in->data += n;
  in->left -= n;
  return TRUE;
}

static guint
take_byte (Input *in)
{
  const guint8 *b;

  return take (in, 1, &b) ? b[0] : 0;
}

/* A record: length (2 bytes, little endian) then that many bytes, cut
 * short at the end of the input. */
static const guint8 *
take_record (Input *in, gsize *out_len)
{
  const guint8 *p;
  gsize len = take_byte (in);

  len |= (gsize)take_byte (in) << 8;
  len = MIN (len, in->left);
  take (in, len, &p);
  *out_len = len;
  return p;
}

static void
put_u32 (GByteArray *out, guint32 value)
{
  guint32 le = GUINT32_TO_LE (value);

  g_byte_array_append (out, (const guint8 *)&le, sizeof le);
}

/* The fragment header of a message in one piece. */
static GByteArray *
start_message (guint32 type, guint32 tid)
{
  GByteArray *out = g_byte_array_new ();

  put_u32 (out, type);
  put_u32 (out, 0); /* length, set when done */
  put_u32 (out, tid);
  put_u32 (out, 1); /* fragments in total */
  put_u32 (out, 0); /* this fragment */
  return out;
}

static MbimMessage *
finish_message (GByteArray *out)
{
  guint32 le = GUINT32_TO_LE (out->len);
  MbimMessage *message;

  memcpy (out->data + 4, &le, sizeof le);
  message = mbim_message_new (out->data, out->len);
  g_byte_array_unref (out);
  return message;
}

/* Status byte (0xF0 and up: four more bytes carry any status), then the
 * information buffer as a record. */
static MbimMessage *
reply (MbimMessage *request, gpointer user_data)
{
  Input *in = user_data;
  const guint8 *status_bytes, *buffer;
  guint status;
  gsize len;
  GByteArray *out;

  if (!in->left)
    return NULL;
  status = take_byte (in);
  if (status >= 0xF0 && take (in, 4, &status_bytes)) {
    guint32 raw;

    memcpy (&raw, status_bytes, sizeof raw);
    status = GUINT32_FROM_LE (raw);
  }
  buffer = take_record (in, &len);
  out = start_message (MBIM_MESSAGE_TYPE_COMMAND_DONE, mbim_message_get_transaction_id (request));
  g_byte_array_append (out, (const guint8 *)mbim_message_command_get_service_id (request), 16);
  put_u32 (out, mbim_message_command_get_cid (request));
  put_u32 (out, status);
  put_u32 (out, (guint32)len);
  g_byte_array_append (out, buffer, (guint)len);
  g_assert_cmpuint (out->len, ==, COMMAND_DONE_HEADER + len);
  return finish_message (out);
}

static void
check_error (const GError *error)
{
  g_assert_nonnull (error);
  g_assert_true (error->domain == MD_CORE_ERROR || error->domain == MD_MOBILE_EQUIPMENT_ERROR
                 || error->domain == MD_SERIAL_ERROR || error->domain == MD_CONNECTION_ERROR
                 || error->domain == MD_MESSAGE_ERROR);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

static void
op_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  gboolean *done = user_data;
  GTask *task = G_TASK (result);

  /* Values stay in the task, which frees them with their own function. */
  if (g_task_had_error (task)) {
    g_autoptr (GError) error = NULL;

    g_assert_false (g_task_propagate_boolean (task, &error));
    check_error (error);
  }
  *done = TRUE;
}

/* Runs the main loop until the op finished. An op left waiting on a timer
 * (a SIM that is still initializing is asked again a second later) is
 * ended here: its timer is removed and the task failed. */
static void
wait_op (GTask *task, gboolean *done)
{
  GSource *retry;

  while (!*done && g_main_context_iteration (NULL, FALSE))
    ;
  if (*done)
    return;
  retry = g_main_context_find_source_by_user_data (NULL, task);
  g_assert_nonnull (retry);
  g_source_destroy (retry);
  g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_CANCELLED, "harness stops waiting");
  g_object_unref (task);
  while (!*done && g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_true (*done);
}

typedef enum {
  OP_SETUP,
  OP_OWN_NUMBERS,
  OP_IDENTITY,
  OP_POLL_REGISTRATION,
  OP_REGISTER,
  OP_SCAN,
  OP_SIGNAL,
  OP_POWER_STATE,
  OP_POWER_ON,
  OP_UNLOCK_REQUIRED,
  OP_UNLOCK_RETRIES,
  OP_SIM_INFO,
  OP_FACILITY_LOCKS,
  OP_SEND_PIN,
  OP_CONNECT,
  OP_DISCONNECT,
  OP_TRAFFIC,
  OP_SIGNAL_VALUES,
  OP_PROFILES_LIST,
  OP_PROFILE_SET,
  OP_LOCATION_CELL,
  OP_SMS_ENABLE,
  OP_SMS_LIST,
  OP_SMS_READ,
  OP_SMS_SEND,
  OP_NETWORK_TIME,
  OP_USSD_SEND,
  OP_USSD_CANCEL,
  N_OPS,
} Op;

static void
start_op (MdModem *modem, MdBearer *bearer, Op op, GTask *task)
{
  const MdModemOps *ops = &md_mbim_modem_ops;
  /* Long enough for two parts; the op sends the first (core loops over them). */
  static const MdSmsRequest request = {
    .number = "+4912345",
    .text = "a text of more than one hundred and sixty characters, so that it is sent in two parts: "
            "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890",
    .class = -1,
  };

  switch (op) {
  case OP_SETUP: ops->init->setup (modem, task); break;
  case OP_OWN_NUMBERS: ops->init->load_own_numbers (modem, task); break;
  case OP_IDENTITY: ops->init->load_identity (modem, task); break;
  case OP_POLL_REGISTRATION: ops->netreg->poll_registration (modem, task); break;
  case OP_REGISTER: ops->netreg->register_network (modem, "26201", task); break;
  case OP_SCAN: ops->netreg->scan (modem, task); break;
  case OP_SIGNAL: ops->netreg->load_signal_quality (modem, task); break;
  case OP_POWER_STATE: ops->power->load_power_state (modem, task); break;
  case OP_POWER_ON: ops->power->set_power_state (modem, MD_MODEM_POWER_STATE_ON, task); break;
  case OP_UNLOCK_REQUIRED: ops->sim->load_unlock_required (modem, task); break;
  case OP_UNLOCK_RETRIES: ops->sim->load_unlock_retries (modem, task); break;
  case OP_SIM_INFO: ops->sim->load_sim_info (modem, task); break;
  case OP_FACILITY_LOCKS: ops->sim->load_facility_locks (modem, task); break;
  case OP_SEND_PIN: ops->sim->send_pin (modem, "1234", task); break;
  case OP_CONNECT: ops->bearer->connect (modem, bearer, NULL, task); break;
  case OP_DISCONNECT: ops->bearer->disconnect (modem, bearer, task); break;
  case OP_TRAFFIC: ops->bearer->load_traffic (modem, task); break;
  case OP_LOCATION_CELL: ops->location->load_cell (modem, task); break;
  case OP_SIGNAL_VALUES: ops->signal->load_values (modem, task); break;
  case OP_PROFILES_LIST: ops->profiles->list (modem, task); break;
  case OP_PROFILE_SET: {
    MdProfile profile = { .id = -1, .apn = (char *)"internet" };

    ops->profiles->set (modem, &profile, task);
    break;
  }
  case OP_SMS_ENABLE: ops->sms->enable (modem, task); break;
  case OP_SMS_LIST: ops->sms->list (modem, MD_SMS_STORAGE_MT, task); break;
  case OP_SMS_READ: ops->sms->read (modem, MD_SMS_STORAGE_MT, 1, task); break;
  case OP_SMS_SEND: {
    g_autoptr (GPtrArray) parts = ops->sms->encode (&request, NULL);

    ops->sms->send_part (modem, g_ptr_array_index (parts, 0), task);
    break;
  }
  case OP_NETWORK_TIME: ops->time->load_network_time (modem, task); break;
  case OP_USSD_SEND: ops->ussd->send (modem, "*101#", task); break;
  case OP_USSD_CANCEL: ops->ussd->cancel (modem, task); break;
  case N_OPS: g_assert_not_reached ();
  }
}

static void
run_op (MdModem *modem, MdBearer *bearer, Op op)
{
  gboolean done = FALSE;
  GTask *task = g_task_new (modem, NULL, op_done, &done);

  /* The op owns the task; the harness keeps a reference to check it. */
  g_object_ref (task);
  start_op (modem, bearer, op, task);
  wait_op (task, &done);
  g_object_unref (task);
}

/* CID byte, then the information buffer as a record; of service. */
static void
run_indication (MdModem *modem, Input *in, MbimService service)
{
  guint cid = take_byte (in);
  gsize len;
  const guint8 *buffer = take_record (in, &len);
  GByteArray *out = start_message (MBIM_MESSAGE_TYPE_INDICATE_STATUS, 0);
  g_autoptr (MbimMessage) message = NULL;

  g_byte_array_append (out, (const guint8 *)mbim_uuid_from_service (service), 16);
  put_u32 (out, cid);
  put_u32 (out, (guint32)len);
  g_byte_array_append (out, buffer, (guint)len);
  g_assert_cmpuint (out->len, ==, INDICATE_STATUS_HEADER + len);
  message = finish_message (out);
  md_mbim_dispatch_indication (modem, message);
}

static void
check_ip_configuration (MbimMessage *message)
{
  g_autoptr (MdIpConfig) ip4 = NULL;
  g_autoptr (MdIpConfig) ip6 = NULL;
  g_autoptr (GError) error = NULL;

  if (!md_mbim_parse_ip_configuration (message, &ip4, &ip6, &error)) {
    g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED);
    return;
  }
  g_assert_no_error (error);
  g_assert_true (ip4 || ip6);
  g_assert_true (!ip4 || (ip4->address && g_hostname_is_ip_address (ip4->address)));
  g_assert_true (!ip6 || (ip6->address && g_hostname_is_ip_address (ip6->address)));
}

/* Whether message is in one fragment, as MbimDevice hands messages over
 * after reassembly. */
static gboolean
is_whole (MbimMessage *message)
{
  guint32 len = 0;
  const guint8 *raw = mbim_message_get_raw (message, &len, NULL);
  guint32 fragment[2];

  if (len < 20)
    return FALSE;
  memcpy (fragment, raw + 12, sizeof fragment);
  return GUINT32_FROM_LE (fragment[0]) == 1 && GUINT32_FROM_LE (fragment[1]) == 0;
}

/* A whole message as the device sent it; libmbim hands over only those
 * that pass its check, reassembled. */
static void
run_raw (MdModem *modem, Input *in)
{
  gsize len;
  const guint8 *bytes = take_record (in, &len);
  g_autoptr (MbimMessage) message = mbim_message_new (bytes, MIN (len, RAW_MAX));

  if (!mbim_message_validate (message, NULL) || !is_whole (message))
    return;
  switch (mbim_message_get_message_type (message)) {
  case MBIM_MESSAGE_TYPE_INDICATE_STATUS: md_mbim_dispatch_indication (modem, message); break;
  case MBIM_MESSAGE_TYPE_COMMAND_DONE: check_ip_configuration (message); break;
  case MBIM_MESSAGE_TYPE_INVALID:
  case MBIM_MESSAGE_TYPE_OPEN:
  case MBIM_MESSAGE_TYPE_CLOSE:
  case MBIM_MESSAGE_TYPE_COMMAND:
  case MBIM_MESSAGE_TYPE_HOST_ERROR:
  case MBIM_MESSAGE_TYPE_OPEN_DONE:
  case MBIM_MESSAGE_TYPE_CLOSE_DONE:
  case MBIM_MESSAGE_TYPE_FUNCTION_ERROR: break;
  }
}

static void
run_status (Input *in)
{
  const guint8 *bytes;
  guint32 status;
  g_autoptr (GError) error = NULL;

  if (!take (in, 4, &bytes))
    return;
  memcpy (&status, bytes, sizeof status);
  error = md_mbim_status_error (GUINT32_FROM_LE (status), take_byte (in) & 1 ? "Connect" : NULL);
  check_error (error);
  g_assert_true (error->domain == MD_CORE_ERROR || error->domain == MD_MOBILE_EQUIPMENT_ERROR);
}

/* The service of an indication step (0xE0-0xEF). */
static MbimService
indication_service (guint step)
{
  if (step >= 0xE8)
    return MBIM_SERVICE_SMS;
  if (step == 0xE6)
    return MBIM_SERVICE_MS_VOICE_EXTENSIONS;
  if (step == 0xE7)
    return MBIM_SERVICE_USSD;
  return MBIM_SERVICE_BASIC_CONNECT;
}

/* Step byte: 0xE0 and up are an indication (0xE0-0xE5: of Basic Connect,
 * 0xE6: MS Voice Extensions (NITZ), 0xE7: USSD, 0xE8-0xEF: SMS), a raw
 * message or a status; anything else runs op (byte % N_OPS). The modem
 * counts as enabled, so SMS and USSD indications are followed. */
int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  Input in = { data, size };
  g_autoptr (MdModem) modem = NULL;
  g_autoptr (MdBearer) bearer = NULL;
  MdBearerSettings *settings;

  fuzz_log_setup_once ();
  modem = md_mbim_modem_new_with_replies (1, &md_mbim_modem_ops, "wwan0", reply, &in);
  settings = md_bearer_settings_new ();
  settings->apn = g_strdup ("internet");
  bearer = md_bearer_new (1, "modem1", settings);
  md_modem_add_bearer (modem, bearer);
  md_modem_set_state (modem, MD_MODEM_STATE_INITIALIZING, MD_MODEM_STATE_CHANGE_REASON_UNKNOWN);
  md_modem_set_state (modem, MD_MODEM_STATE_DISABLED, MD_MODEM_STATE_CHANGE_REASON_UNKNOWN);
  md_modem_set_state (modem, MD_MODEM_STATE_ENABLING, MD_MODEM_STATE_CHANGE_REASON_UNKNOWN);
  md_modem_set_state (modem, MD_MODEM_STATE_ENABLED, MD_MODEM_STATE_CHANGE_REASON_UNKNOWN);
  while (in.left) {
    guint step = take_byte (&in);

    if (step >= 0xF8)
      run_status (&in);
    else if (step >= 0xF0)
      run_raw (modem, &in);
    else if (step >= 0xE0)
      run_indication (modem, &in, indication_service (step));
    else
      run_op (modem, bearer, (Op)(step % N_OPS));
  }
  if (md_bearer_is_connected (bearer))
    run_op (modem, bearer, OP_DISCONNECT);
  return 0;
}
