/* SPDX-License-Identifier: GPL-2.0-or-later */
/* SMS ops over 27.005 in PDU mode: +CSMS?, +CMGF=0 and +CNMI on enable with
 * the +CMTI/+CDSI/+CMT/+CDS handlers (+CMT/+CDS acknowledged with +CNMA
 * when the service asks for it), storages (+CPMS), listing (+CMGL=4),
 * reading (+CMGR) and deleting (+CMGD). PDUs are decoded by src/parse;
 * sending and storing are md-at-sms-send.c's. */
#include "md-at-ops.h"

#include "md-at-op.h"
#include "md-at-sms-private.h"
#include "md-at-sms.h"
#include "md-errors.h"
#include "md-log.h"
#include "md-modem-sms.h"
#include "md-sms-pdu-entry.h"

#define HANDLERS_KEY "md-at-sms-handlers"
/* Set on a port whose +CSMS <service> is 1: routed messages need +CNMA. */
#define ACK_KEY "md-at-sms-ack"

static MdSmsState
state_of_stat (MdAtSmsStat stat)
{
  switch (stat) {
  case MD_AT_SMS_STAT_REC_UNREAD:
  case MD_AT_SMS_STAT_REC_READ: return MD_SMS_STATE_RECEIVED;
  case MD_AT_SMS_STAT_STO_UNSENT: return MD_SMS_STATE_STORED;
  case MD_AT_SMS_STAT_STO_SENT: return MD_SMS_STATE_SENT;
  }
  return MD_SMS_STATE_UNKNOWN;
}

/* NULL (logged) for a PDU the codec refuses: one bad message must not hide
 * the others. */
static MdSmsEntry *
decode (MdModem *modem, const char *hex, MdSmsStorage storage, guint index, MdSmsState state)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MdSmsPart) part = md_sms_pdu_decode_hex (hex, TRUE, &error);

  if (!part) {
    md_log_warn (md_modem_get_log_name (modem), "SMS PDU not understood: %s", error->message);
    return NULL;
  }
  return md_sms_entry_from_pdu_part (part, storage, index, state);
}

/* --- list, read, delete -------------------------------------------------- */

/* Every op names its storage as <mem1> first, since the modem reads,
 * lists and deletes in <mem1>. */
typedef struct {
  MdSmsStorage storage;
  guint index;
  char *command; /* the command after +CPMS */
  GAsyncReadyCallback next;
} StorageCall;

static void
storage_call_free (StorageCall *call)
{
  g_free (call->command);
  g_free (call);
}

static void list_ready (GObject *source, GAsyncResult *result, gpointer user_data);
static void read_ready (GObject *source, GAsyncResult *result, gpointer user_data);
static void delete_ready (GObject *source, GAsyncResult *result, gpointer user_data);

static void
select_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  StorageCall *call = g_task_get_task_data (task);
  GError *error = NULL;
  g_autofree char *response = md_at_modem_command_finish (MD_MODEM (source), result, &error);

  if (!response) {
    g_task_return_error (task, error);
    g_object_unref (task);
    return;
  }
  md_at_modem_command (MD_MODEM (source), call->command, MD_AT_TIMEOUT_NETWORK_MS,
                       g_task_get_cancellable (task), call->next, task);
}

/* Runs +CPMS="<storage>" and then command; next completes task. */
static void
run_in_storage (MdModem *modem, GTask *task, MdSmsStorage storage, guint index, char *command,
                GAsyncReadyCallback next)
{
  StorageCall *call = g_new0 (StorageCall, 1);
  g_autofree char *select = md_at_sms_cpms_command (storage, 1);

  call->storage = storage;
  call->index = index;
  call->command = command;
  call->next = next;
  g_task_set_task_data (task, call, (GDestroyNotify)storage_call_free);
  if (!select) {
    md_sms_task_return_no_storage (task);
    return;
  }
  md_at_modem_command (modem, select, MD_AT_TIMEOUT_SHORT_MS, g_task_get_cancellable (task), select_ready,
                       task);
}

static void
list_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  StorageCall *call = g_task_get_task_data (task);
  MdModem *modem = MD_MODEM (source);
  GError *error = NULL;
  g_autofree char *response = md_at_modem_command_finish (modem, result, &error);
  g_autoptr (GPtrArray) listed = response ? md_at_parse_cmgl (response, &error) : NULL;
  GPtrArray *entries;

  if (!listed) {
    g_task_return_error (task, error);
    return;
  }
  entries = g_ptr_array_new_with_free_func ((GDestroyNotify)md_sms_entry_free);
  for (guint i = 0; i < listed->len; i++) {
    const MdAtSmsListed *one = g_ptr_array_index (listed, i);
    MdSmsEntry *entry = decode (modem, one->pdu, call->storage, one->index, state_of_stat (one->stat));

    if (entry)
      g_ptr_array_add (entries, entry);
  }
  g_task_return_pointer (task, entries, (GDestroyNotify)g_ptr_array_unref);
}

static void
at_list (MdModem *modem, MdSmsStorage storage, GTask *task)
{
  run_in_storage (modem, task, storage, 0, g_strdup ("AT+CMGL=4"), list_ready);
}

static void
read_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  StorageCall *call = g_task_get_task_data (task);
  MdModem *modem = MD_MODEM (source);
  GError *error = NULL;
  g_autofree char *response = md_at_modem_command_finish (modem, result, &error);
  g_autofree char *pdu = NULL;
  MdAtSmsStat stat;
  MdSmsEntry *entry;

  if (!response || !md_at_parse_cmgr (response, &stat, &pdu, &error)) {
    g_task_return_error (task, error);
    return;
  }
  entry = decode (modem, pdu, call->storage, call->index, state_of_stat (stat));
  if (!entry) {
    g_task_return_new_error (task, MD_MESSAGE_ERROR, MD_MESSAGE_ERROR_INVALID_PDU_PARAMETER,
                             "The stored message could not be decoded");
    return;
  }
  g_task_return_pointer (task, entry, (GDestroyNotify)md_sms_entry_free);
}

static void
at_read (MdModem *modem, MdSmsStorage storage, guint index, GTask *task)
{
  run_in_storage (modem, task, storage, index, g_strdup_printf ("AT+CMGR=%u", index), read_ready);
}

static void
delete_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  g_autofree char *response = md_at_modem_command_finish (MD_MODEM (source), result, &error);

  if (!response)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
at_delete_part (MdModem *modem, MdSmsStorage storage, guint index, GTask *task)
{
  run_in_storage (modem, task, storage, index, g_strdup_printf ("AT+CMGD=%u", index), delete_ready);
}

/* --- indications ----------------------------------------------------------- */

static void
indication_read_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  MdModem *modem = MD_MODEM (source);
  g_autoptr (GError) error = NULL;
  MdSmsEntry *entry = g_task_propagate_pointer (G_TASK (result), &error);

  if (!entry) {
    md_log_warn (md_modem_get_log_name (modem), "reading a new message failed: %s", error->message);
    return;
  }
  md_modem_sms_take_part (modem, entry);
}

/* +CMTI / +CDSI: a message was stored; read it. */
static void
stored_report (MdAtPort *port, const char *line, gpointer user_data)
{
  g_autoptr (MdModem) modem = g_weak_ref_get (user_data);
  g_autoptr (GError) error = NULL;
  MdSmsStorage storage;
  guint index;

  if (!modem)
    return;
  if (!md_at_parse_sms_indication (line, &storage, &index, &error)) {
    md_log_debug (md_modem_get_log_name (modem), "ignoring: %s", error->message);
    return;
  }
  at_read (modem, storage, index, g_task_new (modem, NULL, indication_read_ready, NULL));
}

static void
acknowledge_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  MdAtPort *port = MD_AT_PORT (source);
  g_autoptr (GError) error = NULL;
  g_autofree char *response = md_at_port_command_finish (port, result, &error);

  if (!response)
    md_log_warn (md_at_port_get_name (port), "acknowledging a routed message failed: %s", error->message);
}

/* 27.005 3.4.4: in <service> 1 a message routed to us (+CMT, +CDS) must be
 * acknowledged, or the modem answers the network with an error (it sends
 * the message again) and turns routing off (+CNMI <mt> and <ds> to 0).
 * "AT+CNMA" is RP-ACK; "AT+CNMA=2" is RP-ERROR, for a message we could not
 * take. In <service> 0 the modem acknowledges itself and refuses +CNMA. */
static void
acknowledge (MdAtPort *port, gboolean taken)
{
  if (!g_object_get_data (G_OBJECT (port), ACK_KEY))
    return;
  md_at_port_command (port, taken ? "AT+CNMA" : "AT+CNMA=2", MD_AT_TIMEOUT_SHORT_MS, NULL, acknowledge_ready,
                      NULL);
}

/* +CMT / +CDS: the message itself, not stored. */
static void
routed_report (MdAtPort *port, const char *report, gpointer user_data)
{
  g_autoptr (MdModem) modem = g_weak_ref_get (user_data);
  g_autoptr (GError) error = NULL;
  g_autofree char *pdu = NULL;
  MdSmsEntry *entry = NULL;

  if (!modem)
    return;
  pdu = md_at_parse_sms_report_pdu (report, &error);
  if (!pdu)
    md_log_debug (md_modem_get_log_name (modem), "ignoring: %s", error->message);
  else
    entry = decode (modem, pdu, MD_SMS_STORAGE_UNKNOWN, MD_SMS_NO_INDEX, MD_SMS_STATE_RECEIVED);
  acknowledge (port, entry != NULL);
  if (entry)
    md_modem_sms_take_part (modem, entry);
}

/* Installed once per port; the port keeps them until it goes. */
static void
install_handlers (MdModem *modem, MdAtPort *port)
{
  if (g_object_get_data (G_OBJECT (port), HANDLERS_KEY))
    return;
  md_at_port_add_unsolicited_handler (port, "+CMTI:", stored_report, md_at_weak_ref_new (modem),
                                      md_at_weak_ref_free);
  md_at_port_add_unsolicited_handler (port, "+CDSI:", stored_report, md_at_weak_ref_new (modem),
                                      md_at_weak_ref_free);
  md_at_port_add_two_line_handler (port, "+CMT:", routed_report, md_at_weak_ref_new (modem),
                                   md_at_weak_ref_free);
  md_at_port_add_two_line_handler (port, "+CDS:", routed_report, md_at_weak_ref_new (modem),
                                   md_at_weak_ref_free);
  g_object_set_data (G_OBJECT (port), HANDLERS_KEY, GUINT_TO_POINTER (1));
}

/* PDU mode; new messages stored with +CMTI, status reports routed (+CDS). */
static const char *const enable_commands[] = { "AT+CMGF=0", "AT+CNMI=2,1,2,1,0", NULL };
static const char *const disable_commands[] = { "AT+CNMI=0,0,0,0,0", NULL };

/* The service decides whether routed messages need +CNMA; a modem that
 * does not answer +CSMS? acknowledges them itself. */
static void
csms_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  MdAtPort *port = MD_AT_PORT (source);
  MdModem *modem = g_task_get_source_object (task);
  g_autoptr (GError) error = NULL;
  g_autofree char *response = md_at_port_command_finish (port, result, &error);
  guint service = 0;

  if (!response || !md_at_parse_csms_read (response, &service, &error))
    md_log_debug (md_modem_get_log_name (modem), "no message service (+CSMS?): %s", error->message);
  else
    md_log_debug (md_modem_get_log_name (modem), "message service %u", service);
  g_object_set_data (G_OBJECT (port), ACK_KEY, GUINT_TO_POINTER (service == 1));
  md_at_op_sequence (modem, task, enable_commands, MD_AT_TIMEOUT_SHORT_MS, TRUE, NULL, NULL);
}

static void
at_enable (MdModem *modem, GTask *task)
{
  GError *error = NULL;
  MdAtPort *port = md_at_modem_control_port (modem, &error);

  if (!port) {
    g_task_return_error (task, error);
    g_object_unref (task);
    return;
  }
  install_handlers (modem, port);
  md_at_port_command (port, "AT+CSMS?", MD_AT_TIMEOUT_SHORT_MS, g_task_get_cancellable (task), csms_ready,
                      task);
}

static void
at_disable (MdModem *modem, GTask *task)
{
  md_at_op_sequence (modem, task, disable_commands, MD_AT_TIMEOUT_SHORT_MS, FALSE, NULL, NULL);
}

/* --- storages -------------------------------------------------------------- */

static gboolean
parse_storages (const char *response, gssize *out, GError **error)
{
  guint32 read, usable;

  if (!md_at_parse_cpms_storages (response, &read, &usable, error))
    return FALSE;
  /* Nothing both writable and receivable: publish what can be read, as
   * before, rather than no storage at all. */
  *out = MD_SMS_STORAGES (read, usable ? usable : read);
  return TRUE;
}

static void
at_load_storages (MdModem *modem, GTask *task)
{
  md_at_op_int (modem, task, "AT+CPMS=?", MD_AT_TIMEOUT_SHORT_MS, parse_storages);
}

static void
at_set_default_storage (MdModem *modem, MdSmsStorage storage, GTask *task)
{
  g_autofree char *command = md_at_sms_cpms_command (storage, 3);

  if (!command) {
    md_sms_task_return_no_storage (task);
    return;
  }
  md_at_op_boolean (modem, task, command, MD_AT_TIMEOUT_SHORT_MS);
}

const MdModemSmsOps md_at_sms_ops = {
  .enable = at_enable,
  .disable = at_disable,
  .load_storages = at_load_storages,
  .set_default_storage = at_set_default_storage,
  .list = at_list,
  .read = at_read,
  .delete_part = at_delete_part,
  .encode = md_sms_request_encode,
  .send_part = md_at_sms_send_part,
  .send_stored = md_at_sms_send_stored,
  .store_begin = md_at_sms_store_begin,
  .store_part = md_at_sms_store_part,
};
