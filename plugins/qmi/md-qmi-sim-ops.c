/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The SIM of a QMI modem through UIM: Get Card Status says whether it is
 * there, which code it wants, how many attempts are left and whether the
 * PIN lock is on; Verify / Unblock / Change PIN and Set PIN Protection
 * take codes on the primary GW provisioning session; Read Transparent of
 * EF_ICCID (MF) and EF_IMSI (ADF) gives the identifiers; Register Events
 * asks for the Card Status indication, whose card tells insertion and
 * removal. Every op first
 * asks the port for a UIM client: a device without the service gets the
 * same op through DMS (md-qmi-sim-dms.c). */
#include "md-errors.h"
#include "md-log.h"
#include "md-modem-sim-presence.h"
#include "md-qmi-sim.h"
#include "md-qmi-uim-parse.h"
#include "md-sim.h"

#define EF_ICCID 0x2FE2
#define EF_IMSI  0x6F07

MD_QMI_REQUEST (uim_card_status, QMI_SERVICE_UIM, QMI_CLIENT_UIM, uim_get_card_status, "UIM Get Card Status");
MD_QMI_REQUEST_IN (uim_verify, QMI_SERVICE_UIM, QMI_CLIENT_UIM, uim_verify_pin, "UIM Verify PIN");
MD_QMI_REQUEST_IN (uim_unblock, QMI_SERVICE_UIM, QMI_CLIENT_UIM, uim_unblock_pin, "UIM Unblock PIN");
MD_QMI_REQUEST_IN (uim_change, QMI_SERVICE_UIM, QMI_CLIENT_UIM, uim_change_pin, "UIM Change PIN");
MD_QMI_REQUEST_IN (uim_protection, QMI_SERVICE_UIM, QMI_CLIENT_UIM, uim_set_pin_protection,
                   "UIM Set PIN Protection");
MD_QMI_REQUEST_IN (uim_read, QMI_SERVICE_UIM, QMI_CLIENT_UIM, uim_read_transparent, "UIM Read Transparent");
MD_QMI_REQUEST_IN (uim_register_events, QMI_SERVICE_UIM, QMI_CLIENT_UIM, uim_register_events,
                   "UIM Register Events");

/* The session every PIN request and the EF_IMSI read address: the
 * primary GSM/UMTS provisioning application (no AID needed). */
static GArray *
no_aid (void)
{
  return g_array_new (FALSE, FALSE, sizeof (guint8));
}

/* --- card status ----------------------------------------------------------- */

typedef enum { CARD_LOCK, CARD_RETRIES, CARD_FACILITIES } CardWant;

static void
parse_card_status (MdModem *modem, gpointer output, GTask *task)
{
  CardWant want = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (task), "want"));
  guint16 index_gw = 0xFFFF;
  GArray *cards = NULL;
  MdQmiCardStatus status = { 0 };
  GError *error = NULL;

  if (!qmi_message_uim_get_card_status_output_get_card_status (output, &index_gw, NULL, NULL, NULL, &cards,
                                                               &error)) {
    g_task_return_error (task, md_qmi_protocol_error (error, "UIM Get Card Status"));
    return;
  }
  if (!md_qmi_card_status_read (cards, index_gw, &status, &error)) {
    g_task_return_error (task, error);
    return;
  }
  switch (want) {
  case CARD_LOCK: g_task_return_int (task, status.lock); return;
  case CARD_FACILITIES:
    g_task_return_int (task, status.pin_enabled ? MD_MODEM_3GPP_FACILITY_SIM : MD_MODEM_3GPP_FACILITY_NONE);
    return;
  case CARD_RETRIES: {
    GArray *retries = g_array_new (FALSE, FALSE, sizeof (MdUnlockRetry));
    MdUnlockRetry all[] = {
      { MD_MODEM_LOCK_SIM_PIN, status.pin1_retries },
      { MD_MODEM_LOCK_SIM_PUK, status.puk1_retries },
      { MD_MODEM_LOCK_SIM_PIN2, status.pin2_retries },
      { MD_MODEM_LOCK_SIM_PUK2, status.puk2_retries },
    };

    g_array_append_vals (retries, all, G_N_ELEMENTS (all));
    g_task_return_pointer (task, retries, (GDestroyNotify)g_array_unref);
    return;
  }
  }
}

static void
card_status (MdModem *modem, GTask *task, CardWant want)
{
  g_object_set_data (G_OBJECT (task), "want", GUINT_TO_POINTER (want));
  md_qmi_op (modem, &uim_card_status, NULL, 0, task, parse_card_status);
}

static void
uim_load_unlock_required (MdModem *modem, GTask *task)
{
  card_status (modem, task, CARD_LOCK);
}

static void
uim_load_unlock_retries (MdModem *modem, GTask *task)
{
  card_status (modem, task, CARD_RETRIES);
}

static void
uim_load_facility_locks (MdModem *modem, GTask *task)
{
  card_status (modem, task, CARD_FACILITIES);
}

/* --- insertion and removal ----------------------------------------------------- */

static void
card_status_indication (QmiClientUim *client, QmiIndicationUimCardStatusOutput *output, gpointer user_data)
{
  MdModem *modem = user_data;
  guint16 index_gw = 0xFFFF;
  GArray *cards = NULL;

  if (qmi_indication_uim_card_status_output_get_card_status (output, &index_gw, NULL, NULL, NULL, &cards,
                                                             NULL))
    md_modem_report_sim_presence (modem, md_qmi_card_presence (cards, index_gw));
}

void
md_qmi_sim_client_allocated (MdModem *modem, QmiClient *client)
{
  if (QMI_IS_CLIENT_UIM (client))
    g_signal_connect_object (client, "card-status", G_CALLBACK (card_status_indication), modem, 0);
}

static void
events_registered (MdModem *modem, gpointer output, GTask *task)
{
  g_task_return_boolean (task, TRUE);
}

static void
uim_watch_presence (MdModem *modem, GTask *task)
{
  QmiMessageUimRegisterEventsInput *input = qmi_message_uim_register_events_input_new ();

  qmi_message_uim_register_events_input_set_event_registration_mask (
    input, QMI_UIM_EVENT_REGISTRATION_FLAG_CARD_STATUS, NULL);
  md_qmi_op (modem, &uim_register_events, input, 0, task, events_registered);
}

/* --- codes ------------------------------------------------------------------ */

void
md_qmi_sim_code_done (MdModem *modem, gpointer output, GTask *task)
{
  g_task_return_boolean (task, TRUE);
}

void
md_qmi_sim_code_refused (MdModem *modem, gpointer output, GError *error, GTask *task)
{
  g_task_return_error (task, md_qmi_protocol_error (error, "The SIM refused the code"));
}

static void
uim_send_pin (MdModem *modem, const char *pin, GTask *task)
{
  QmiMessageUimVerifyPinInput *input = qmi_message_uim_verify_pin_input_new ();
  g_autoptr (GArray) aid = no_aid ();

  qmi_message_uim_verify_pin_input_set_session (input, QMI_UIM_SESSION_TYPE_CARD_SLOT_1, aid, NULL);
  qmi_message_uim_verify_pin_input_set_info (input, QMI_UIM_PIN_ID_PIN1, pin, NULL);
  md_qmi_op_full (modem, &uim_verify, input, 0, task, md_qmi_sim_code_done, md_qmi_sim_code_refused);
}

static void
uim_send_puk (MdModem *modem, const char *puk, const char *new_pin, GTask *task)
{
  QmiMessageUimUnblockPinInput *input = qmi_message_uim_unblock_pin_input_new ();
  g_autoptr (GArray) aid = no_aid ();

  qmi_message_uim_unblock_pin_input_set_session (input, QMI_UIM_SESSION_TYPE_CARD_SLOT_1, aid, NULL);
  qmi_message_uim_unblock_pin_input_set_info (input, QMI_UIM_PIN_ID_PIN1, puk, new_pin, NULL);
  md_qmi_op_full (modem, &uim_unblock, input, 0, task, md_qmi_sim_code_done, md_qmi_sim_code_refused);
}

static void
uim_enable_pin (MdModem *modem, const char *pin, gboolean enabled, GTask *task)
{
  QmiMessageUimSetPinProtectionInput *input = qmi_message_uim_set_pin_protection_input_new ();
  g_autoptr (GArray) aid = no_aid ();

  qmi_message_uim_set_pin_protection_input_set_session (input, QMI_UIM_SESSION_TYPE_CARD_SLOT_1, aid, NULL);
  qmi_message_uim_set_pin_protection_input_set_info (input, QMI_UIM_PIN_ID_PIN1, enabled, pin, NULL);
  md_qmi_op_full (modem, &uim_protection, input, 0, task, md_qmi_sim_code_done, md_qmi_sim_code_refused);
}

static void
uim_change_pin (MdModem *modem, const char *old_pin, const char *new_pin, GTask *task)
{
  QmiMessageUimChangePinInput *input = qmi_message_uim_change_pin_input_new ();
  g_autoptr (GArray) aid = no_aid ();

  qmi_message_uim_change_pin_input_set_session (input, QMI_UIM_SESSION_TYPE_CARD_SLOT_1, aid, NULL);
  qmi_message_uim_change_pin_input_set_info (input, QMI_UIM_PIN_ID_PIN1, old_pin, new_pin, NULL);
  md_qmi_op_full (modem, &uim_change, input, 0, task, md_qmi_sim_code_done, md_qmi_sim_code_refused);
}

/* --- identifiers: EF_ICCID, then EF_IMSI -------------------------------------- */

static QmiMessageUimReadTransparentInput *
read_input (guint16 file_id)
{
  QmiMessageUimReadTransparentInput *input = qmi_message_uim_read_transparent_input_new ();
  g_autoptr (GArray) aid = no_aid ();
  g_autoptr (GArray) path = g_array_new (FALSE, FALSE, sizeof (guint8));
  /* EF_ICCID lives under the MF (3F00); EF_IMSI under the USIM ADF (7FFF). */
  const guint8 mf[] = { 0x00, 0x3F };
  const guint8 adf[] = { 0x00, 0x3F, 0xFF, 0x7F };

  if (file_id == EF_ICCID) {
    g_array_append_vals (path, mf, sizeof mf);
    qmi_message_uim_read_transparent_input_set_session (input, QMI_UIM_SESSION_TYPE_CARD_SLOT_1, aid, NULL);
  } else {
    g_array_append_vals (path, adf, sizeof adf);
    qmi_message_uim_read_transparent_input_set_session (input, QMI_UIM_SESSION_TYPE_PRIMARY_GW_PROVISIONING,
                                                        aid, NULL);
  }
  qmi_message_uim_read_transparent_input_set_file (input, file_id, path, NULL);
  qmi_message_uim_read_transparent_input_set_read_information (input, 0, 0, NULL);
  return input;
}

static void
parse_file (MdModem *modem, gpointer output, GTask *task)
{
  guint16 file_id = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (task), "file"));
  GArray *bytes = NULL;
  GError *error = NULL;
  char *value;

  if (!qmi_message_uim_read_transparent_output_get_read_result (output, &bytes, &error) || !bytes) {
    g_task_return_error (task, error ? md_qmi_protocol_error (error, "UIM Read Transparent")
                                     : g_error_new (MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "Empty file"));
    return;
  }
  value = file_id == EF_ICCID ? md_qmi_iccid_from_bytes ((const guint8 *)bytes->data, bytes->len, &error)
                              : md_qmi_imsi_from_bytes ((const guint8 *)bytes->data, bytes->len, &error);
  if (!value)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, value, g_free);
}

static void
read_file (MdModem *modem, guint16 file_id, GCancellable *cancellable, GAsyncReadyCallback callback,
           gpointer user_data)
{
  GTask *task = g_task_new (modem, cancellable, callback, user_data);

  g_object_set_data (G_OBJECT (task), "file", GUINT_TO_POINTER (file_id));
  md_qmi_op (modem, &uim_read, read_input (file_id), 0, task, parse_file);
}

static void
uim_read_identifier (MdModem *modem, gboolean imsi, GCancellable *cancellable, GAsyncReadyCallback callback,
                     gpointer user_data)
{
  read_file (modem, imsi ? EF_IMSI : EF_ICCID, cancellable, callback, user_data);
}

/* What md_qmi_sim_load_info keeps on its task while it reads. */
typedef struct {
  MdSimInfo *info;
  MdQmiSimReadFn read;
} InfoLoad;

static void
info_load_free (InfoLoad *load)
{
  md_sim_info_free (load->info);
  g_free (load);
}

static void
imsi_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  InfoLoad *load = g_object_get_data (G_OBJECT (task), "info-load");
  MdSimInfo *info = g_steal_pointer (&load->info);
  g_autoptr (GError) error = NULL;

  info->imsi = g_task_propagate_pointer (G_TASK (result), &error);
  if (!info->imsi)
    md_log_debug (md_modem_get_log_name (MD_MODEM (source)), "IMSI unknown: %s", error->message);
  g_task_return_pointer (task, info, (GDestroyNotify)md_sim_info_free);
}

static void
iccid_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  InfoLoad *load = g_object_get_data (G_OBJECT (task), "info-load");
  g_autoptr (GError) error = NULL;

  load->info->identifier = g_task_propagate_pointer (G_TASK (result), &error);
  if (!load->info->identifier)
    md_log_debug (md_modem_get_log_name (MD_MODEM (source)), "ICCID unknown: %s", error->message);
  load->read (MD_MODEM (source), TRUE, g_task_get_cancellable (task), imsi_ready, task);
}

void
md_qmi_sim_load_info (MdModem *modem, MdQmiSimReadFn read, GTask *task)
{
  InfoLoad *load = g_new0 (InfoLoad, 1);

  load->info = g_new0 (MdSimInfo, 1);
  load->info->emergency_numbers = g_new0 (char *, 1);
  load->read = read;
  g_object_set_data_full (G_OBJECT (task), "info-load", load, (GDestroyNotify)info_load_free);
  read (modem, FALSE, g_task_get_cancellable (task), iccid_ready, task);
}

/* --- UIM or DMS ----------------------------------------------------------------- */

void
md_qmi_sim_call_free (MdQmiSimCall *call)
{
  g_free (call->first);
  g_free (call->second);
  g_free (call);
}

static void
uim_run (MdModem *modem, const MdQmiSimCall *call, GTask *task)
{
  switch (call->what) {
  case MD_QMI_SIM_UNLOCK_REQUIRED: uim_load_unlock_required (modem, task); return;
  case MD_QMI_SIM_UNLOCK_RETRIES: uim_load_unlock_retries (modem, task); return;
  case MD_QMI_SIM_FACILITY_LOCKS: uim_load_facility_locks (modem, task); return;
  case MD_QMI_SIM_INFO: md_qmi_sim_load_info (modem, uim_read_identifier, task); return;
  case MD_QMI_SIM_SEND_PIN: uim_send_pin (modem, call->first, task); return;
  case MD_QMI_SIM_SEND_PUK: uim_send_puk (modem, call->first, call->second, task); return;
  case MD_QMI_SIM_ENABLE_PIN: uim_enable_pin (modem, call->first, call->enabled, task); return;
  case MD_QMI_SIM_CHANGE_PIN: uim_change_pin (modem, call->first, call->second, task); return;
  case MD_QMI_SIM_WATCH: uim_watch_presence (modem, task); return;
  }
}

static void
uim_client_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  MdModem *modem = g_task_get_source_object (task);
  const MdQmiSimCall *call = g_object_get_data (G_OBJECT (task), "call");
  g_autoptr (GError) error = NULL;
  g_autoptr (QmiClient) client = md_qmi_port_get_client_finish (MD_QMI_PORT (source), result, &error);

  if (client)
    uim_run (modem, call, task);
  else if (g_error_matches (error, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED))
    md_qmi_sim_dms_run (modem, call, task);
  else {
    g_task_return_error (task, g_steal_pointer (&error));
    g_object_unref (task);
  }
}

/* Takes call and task. The port remembers a refused service, so only the
 * first op on a device without UIM costs a CTL round trip. */
static void
run (MdModem *modem, MdQmiSimCall *call, GTask *task)
{
  MdQmiPort *port = md_qmi_modem_port (modem);

  g_object_set_data_full (G_OBJECT (task), "call", call, (GDestroyNotify)md_qmi_sim_call_free);
  if (!port || !md_qmi_port_is_open (port)) {
    /* md_qmi_op answers for a closed or vanished port. */
    uim_run (modem, call, task);
    return;
  }
  md_qmi_port_get_client_async (port, QMI_SERVICE_UIM, g_task_get_cancellable (task), uim_client_ready, task);
}

static MdQmiSimCall *
call_new (MdQmiSimWhat what, const char *first, const char *second, gboolean enabled)
{
  MdQmiSimCall *call = g_new0 (MdQmiSimCall, 1);

  call->what = what;
  call->first = g_strdup (first);
  call->second = g_strdup (second);
  call->enabled = enabled;
  return call;
}

static void
qmi_load_unlock_required (MdModem *modem, GTask *task)
{
  run (modem, call_new (MD_QMI_SIM_UNLOCK_REQUIRED, NULL, NULL, FALSE), task);
}

static void
qmi_load_unlock_retries (MdModem *modem, GTask *task)
{
  run (modem, call_new (MD_QMI_SIM_UNLOCK_RETRIES, NULL, NULL, FALSE), task);
}

static void
qmi_load_facility_locks (MdModem *modem, GTask *task)
{
  run (modem, call_new (MD_QMI_SIM_FACILITY_LOCKS, NULL, NULL, FALSE), task);
}

static void
qmi_load_sim_info (MdModem *modem, GTask *task)
{
  run (modem, call_new (MD_QMI_SIM_INFO, NULL, NULL, FALSE), task);
}

static void
qmi_send_pin (MdModem *modem, const char *pin, GTask *task)
{
  run (modem, call_new (MD_QMI_SIM_SEND_PIN, pin, NULL, FALSE), task);
}

static void
qmi_send_puk (MdModem *modem, const char *puk, const char *new_pin, GTask *task)
{
  run (modem, call_new (MD_QMI_SIM_SEND_PUK, puk, new_pin, FALSE), task);
}

static void
qmi_enable_pin (MdModem *modem, const char *pin, gboolean enabled, GTask *task)
{
  run (modem, call_new (MD_QMI_SIM_ENABLE_PIN, pin, NULL, enabled), task);
}

static void
qmi_change_pin (MdModem *modem, const char *old_pin, const char *new_pin, GTask *task)
{
  run (modem, call_new (MD_QMI_SIM_CHANGE_PIN, old_pin, new_pin, FALSE), task);
}

static void
qmi_watch_presence (MdModem *modem, GTask *task)
{
  run (modem, call_new (MD_QMI_SIM_WATCH, NULL, NULL, FALSE), task);
}

const MdModemSimOps md_qmi_sim_ops = {
  .load_unlock_required = qmi_load_unlock_required,
  .load_unlock_retries = qmi_load_unlock_retries,
  .load_sim_info = qmi_load_sim_info,
  .load_facility_locks = qmi_load_facility_locks,
  .watch_presence = qmi_watch_presence,
  .send_pin = qmi_send_pin,
  .send_puk = qmi_send_puk,
  .enable_pin = qmi_enable_pin,
  .change_pin = qmi_change_pin,
};
