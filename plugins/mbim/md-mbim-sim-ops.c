/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The SIM of an MBIM modem: Subscriber Ready Status says whether it is
 * there and ready (and gives ICCID, IMSI); PIN says which code it wants and
 * how many attempts are left, and takes codes; PIN List says whether the
 * PIN lock is on; Home Provider names the SIM's operator. Its
 * notification tells a SIM inserted or removed (md-modem-sim-presence.h). */
#include "md-errors.h"
#include "md-log.h"
#include "md-mbim-ops.h"
#include "md-modem-sim-presence.h"
#include "md-sim.h"

/* A SIM still initializing answers NOT_INITIALIZED for a few seconds. */
#define NOT_INITIALIZED_RETRIES  10
#define NOT_INITIALIZED_DELAY_MS 1000

static MdModemLock
lock_from_pin_type (MbimPinType type)
{
  switch (type) {
  case MBIM_PIN_TYPE_PIN1: return MD_MODEM_LOCK_SIM_PIN;
  case MBIM_PIN_TYPE_PIN2: return MD_MODEM_LOCK_SIM_PIN2;
  case MBIM_PIN_TYPE_PUK1: return MD_MODEM_LOCK_SIM_PUK;
  case MBIM_PIN_TYPE_PUK2: return MD_MODEM_LOCK_SIM_PUK2;
  case MBIM_PIN_TYPE_DEVICE_SIM_PIN: return MD_MODEM_LOCK_PH_SIM_PIN;
  case MBIM_PIN_TYPE_DEVICE_FIRST_SIM_PIN: return MD_MODEM_LOCK_PH_FSIM_PIN;
  case MBIM_PIN_TYPE_DEVICE_FIRST_SIM_PUK: return MD_MODEM_LOCK_PH_FSIM_PUK;
  case MBIM_PIN_TYPE_NETWORK_PIN: return MD_MODEM_LOCK_PH_NET_PIN;
  case MBIM_PIN_TYPE_NETWORK_PUK: return MD_MODEM_LOCK_PH_NET_PUK;
  case MBIM_PIN_TYPE_NETWORK_SUBSET_PIN: return MD_MODEM_LOCK_PH_NETSUB_PIN;
  case MBIM_PIN_TYPE_NETWORK_SUBSET_PUK: return MD_MODEM_LOCK_PH_NETSUB_PUK;
  case MBIM_PIN_TYPE_SERVICE_PROVIDER_PIN: return MD_MODEM_LOCK_PH_SP_PIN;
  case MBIM_PIN_TYPE_SERVICE_PROVIDER_PUK: return MD_MODEM_LOCK_PH_SP_PUK;
  case MBIM_PIN_TYPE_CORPORATE_PIN: return MD_MODEM_LOCK_PH_CORP_PIN;
  case MBIM_PIN_TYPE_CORPORATE_PUK: return MD_MODEM_LOCK_PH_CORP_PUK;
  default: return MD_MODEM_LOCK_UNKNOWN;
  }
}

/* --- lock state ------------------------------------------------------------ */

static void
parse_pin_lock (MdModem *modem, MbimMessage *response, GTask *task)
{
  MbimPinType type = MBIM_PIN_TYPE_UNKNOWN;
  MbimPinState state = MBIM_PIN_STATE_UNLOCKED;
  GError *error = NULL;

  if (!mbim_message_pin_response_parse (response, &type, &state, NULL, &error)) {
    g_task_return_error (task, md_mbim_protocol_error (error, "Invalid PIN info"));
    return;
  }
  g_task_return_int (task, state == MBIM_PIN_STATE_LOCKED ? lock_from_pin_type (type) : MD_MODEM_LOCK_NONE);
}

static void query_ready_state (MdModem *modem, GTask *task);

static gboolean
retry_ready_state (gpointer user_data)
{
  GTask *task = user_data;

  query_ready_state (g_task_get_source_object (task), task);
  return G_SOURCE_REMOVE;
}

/* What a ready state says of the SIM: NULL when it is ready or wants a
 * code (INITIALIZED, DEVICE_LOCKED), else the error the unlock check
 * fails with; SIM_BUSY for states that may still change by themselves. */
static GError *
ready_state_error (MbimSubscriberReadyState state)
{
  switch (state) {
  case MBIM_SUBSCRIBER_READY_STATE_INITIALIZED:
  case MBIM_SUBSCRIBER_READY_STATE_DEVICE_LOCKED: return NULL;
  case MBIM_SUBSCRIBER_READY_STATE_SIM_NOT_INSERTED:
    return g_error_new (MD_MOBILE_EQUIPMENT_ERROR, MD_MOBILE_EQUIPMENT_ERROR_SIM_NOT_INSERTED,
                        "No SIM inserted");
  case MBIM_SUBSCRIBER_READY_STATE_BAD_SIM:
  case MBIM_SUBSCRIBER_READY_STATE_FAILURE:
    return g_error_new (MD_MOBILE_EQUIPMENT_ERROR, MD_MOBILE_EQUIPMENT_ERROR_SIM_WRONG,
                        "The SIM is unusable (%s)", mbim_subscriber_ready_state_get_string (state));
  default:
    return g_error_new (MD_MOBILE_EQUIPMENT_ERROR, MD_MOBILE_EQUIPMENT_ERROR_SIM_BUSY,
                        "The SIM is not ready (%s)", mbim_subscriber_ready_state_get_string (state));
  }
}

static void
parse_ready_state (MdModem *modem, MbimMessage *response, GTask *task)
{
  MbimSubscriberReadyState state = MBIM_SUBSCRIBER_READY_STATE_NOT_INITIALIZED;
  guint attempts = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (task), "attempts"));
  GError *error = NULL;

  if (!mbim_message_subscriber_ready_status_response_parse (response, &state, NULL, NULL, NULL, NULL, NULL,
                                                            &error)) {
    g_task_return_error (task, md_mbim_protocol_error (error, "Invalid Subscriber Ready Status"));
    return;
  }
  error = ready_state_error (state);
  if (g_error_matches (error, MD_MOBILE_EQUIPMENT_ERROR, MD_MOBILE_EQUIPMENT_ERROR_SIM_BUSY)
      && attempts < NOT_INITIALIZED_RETRIES) {
    g_error_free (error);
    g_object_set_data (G_OBJECT (task), "attempts", GUINT_TO_POINTER (attempts + 1));
    g_timeout_add (NOT_INITIALIZED_DELAY_MS, retry_ready_state, g_object_ref (task));
    return;
  }
  if (error) {
    g_task_return_error (task, error);
    return;
  }
  if (state == MBIM_SUBSCRIBER_READY_STATE_DEVICE_LOCKED) {
    GError *build_error = NULL;
    MbimMessage *request = mbim_message_pin_query_new (&build_error);

    md_mbim_op (modem, g_object_ref (task), request, build_error, MD_MBIM_TIMEOUT_S, parse_pin_lock);
    return;
  }
  g_task_return_int (task, MD_MODEM_LOCK_NONE);
}

static void
query_ready_state (MdModem *modem, GTask *task)
{
  GError *error = NULL;
  MbimMessage *request = mbim_message_subscriber_ready_status_query_new (&error);

  md_mbim_op (modem, task, request, error, MD_MBIM_TIMEOUT_S, parse_ready_state);
}

static void
mbim_load_unlock_required (MdModem *modem, GTask *task)
{
  query_ready_state (modem, task);
}

/* --- retries --------------------------------------------------------------- */

static void
parse_retries (MdModem *modem, MbimMessage *response, GTask *task)
{
  GArray *retries = g_array_new (FALSE, FALSE, sizeof (MdUnlockRetry));
  MbimPinType type = MBIM_PIN_TYPE_UNKNOWN;
  guint32 attempts = 0;
  GError *error = NULL;

  if (!mbim_message_pin_response_parse (response, &type, NULL, &attempts, &error)) {
    g_array_unref (retries);
    g_task_return_error (task, md_mbim_protocol_error (error, "Invalid PIN info"));
    return;
  }
  if (lock_from_pin_type (type) != MD_MODEM_LOCK_UNKNOWN && attempts != G_MAXUINT32) {
    MdUnlockRetry retry = { lock_from_pin_type (type), attempts };

    g_array_append_val (retries, retry);
  }
  g_task_return_pointer (task, retries, (GDestroyNotify)g_array_unref);
}

static void
mbim_load_unlock_retries (MdModem *modem, GTask *task)
{
  GError *error = NULL;
  MbimMessage *request = mbim_message_pin_query_new (&error);

  md_mbim_op (modem, task, request, error, MD_MBIM_TIMEOUT_S, parse_retries);
}

/* --- SIM identifiers --------------------------------------------------------- */

static void
parse_home_provider (MdModem *modem, MbimMessage *response, GTask *task)
{
  MdSimInfo *info = g_object_steal_data (G_OBJECT (task), "info");
  g_autoptr (MbimProvider) provider = NULL;
  g_autoptr (GError) error = NULL;

  if (mbim_message_home_provider_response_parse (response, &provider, &error) && provider) {
    info->operator_identifier = g_strdup (provider->provider_id);
    info->operator_name = g_strdup (provider->provider_name);
  } else {
    md_log_debug (md_modem_get_log_name (modem), "home provider unknown: %s",
                  error ? error->message : "empty");
  }
  g_task_return_pointer (task, info, (GDestroyNotify)md_sim_info_free);
}

static void
home_provider_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (MbimMessage) response = md_mbim_modem_command_finish (MD_MODEM (source), result, &error);

  if (!response) {
    /* Not every device knows its home provider; the identifiers stand. */
    md_log_debug (md_modem_get_log_name (MD_MODEM (source)), "no home provider: %s", error->message);
    g_task_return_pointer (task, g_object_steal_data (G_OBJECT (task), "info"),
                           (GDestroyNotify)md_sim_info_free);
  } else {
    parse_home_provider (MD_MODEM (source), response, task);
  }
  g_object_unref (task);
}

static void
parse_sim_identifiers (MdModem *modem, MbimMessage *response, GTask *task)
{
  MdSimInfo *info = g_new0 (MdSimInfo, 1);
  GError *error = NULL;
  MbimMessage *request;

  if (!mbim_message_subscriber_ready_status_response_parse (response, NULL, &info->imsi, &info->identifier,
                                                            NULL, NULL, NULL, &error)) {
    md_sim_info_free (info);
    g_task_return_error (task, md_mbim_protocol_error (error, "Invalid Subscriber Ready Status"));
    return;
  }
  info->emergency_numbers = g_new0 (char *, 1);
  g_object_set_data_full (G_OBJECT (task), "info", info, (GDestroyNotify)md_sim_info_free);
  request = mbim_message_home_provider_query_new (NULL);
  md_mbim_modem_command (modem, request, MD_MBIM_TIMEOUT_S, g_task_get_cancellable (task),
                         home_provider_ready, g_object_ref (task));
}

static void
mbim_load_sim_info (MdModem *modem, GTask *task)
{
  GError *error = NULL;
  MbimMessage *request = mbim_message_subscriber_ready_status_query_new (&error);

  md_mbim_op (modem, task, request, error, MD_MBIM_TIMEOUT_S, parse_sim_identifiers);
}

/* --- facility locks -------------------------------------------------------- */

static void
parse_pin_list (MdModem *modem, MbimMessage *response, GTask *task)
{
  g_autoptr (MbimPinDesc) pin1 = NULL;
  GError *error = NULL;

  if (!mbim_message_pin_list_response_parse (response, &pin1, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                                             NULL, &error)) {
    g_task_return_error (task, md_mbim_protocol_error (error, "Invalid PIN list"));
    return;
  }
  g_task_return_int (task, pin1 && pin1->pin_mode == MBIM_PIN_MODE_ENABLED ? MD_MODEM_3GPP_FACILITY_SIM
                                                                           : MD_MODEM_3GPP_FACILITY_NONE);
}

static void
mbim_load_facility_locks (MdModem *modem, GTask *task)
{
  GError *error = NULL;
  MbimMessage *request = mbim_message_pin_list_query_new (&error);

  md_mbim_op (modem, task, request, error, MD_MBIM_TIMEOUT_S, parse_pin_list);
}

/* --- codes ------------------------------------------------------------------ */

static void
pin_set_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  g_autoptr (MbimMessage) response = md_mbim_modem_command_finish (MD_MODEM (source), result, &error);

  if (!response) {
    /* A rejected code is reported as a plain failure by MBIM devices. */
    if (g_error_matches (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED)) {
      error->domain = MD_MOBILE_EQUIPMENT_ERROR;
      error->code = MD_MOBILE_EQUIPMENT_ERROR_INCORRECT_PASSWORD;
    }
    g_task_return_error (task, error);
    return;
  }
  g_task_return_boolean (task, TRUE);
}

static void
pin_set (MdModem *modem, MbimPinType type, MbimPinOperation operation, const char *pin, const char *new_pin,
         GTask *task)
{
  GError *error = NULL;
  MbimMessage *request = mbim_message_pin_set_new (type, operation, pin, new_pin ? new_pin : "", &error);

  if (!request) {
    g_task_return_error (task, md_mbim_protocol_error (error, "Cannot build the PIN request"));
    g_object_unref (task);
    return;
  }
  md_mbim_modem_command (modem, request, MD_MBIM_TIMEOUT_S, g_task_get_cancellable (task), pin_set_ready,
                         task);
}

static void
mbim_send_pin (MdModem *modem, const char *pin, GTask *task)
{
  pin_set (modem, MBIM_PIN_TYPE_PIN1, MBIM_PIN_OPERATION_ENTER, pin, NULL, task);
}

static void
mbim_send_puk (MdModem *modem, const char *puk, const char *new_pin, GTask *task)
{
  pin_set (modem, MBIM_PIN_TYPE_PUK1, MBIM_PIN_OPERATION_ENTER, puk, new_pin, task);
}

static void
mbim_enable_pin (MdModem *modem, const char *pin, gboolean enabled, GTask *task)
{
  pin_set (modem, MBIM_PIN_TYPE_PIN1, enabled ? MBIM_PIN_OPERATION_ENABLE : MBIM_PIN_OPERATION_DISABLE, pin,
           NULL, task);
}

static void
mbim_change_pin (MdModem *modem, const char *old_pin, const char *new_pin, GTask *task)
{
  pin_set (modem, MBIM_PIN_TYPE_PIN1, MBIM_PIN_OPERATION_CHANGE, old_pin, new_pin, task);
}

/* --- indications ----------------------------------------------------------- */

void
md_mbim_sim_indication (MdModem *modem, MbimMessage *message)
{
  MbimSubscriberReadyState state = MBIM_SUBSCRIBER_READY_STATE_NOT_INITIALIZED;

  g_autoptr (GError) error = NULL;

  if (!mbim_message_subscriber_ready_status_notification_parse (message, &state, NULL, NULL, NULL, NULL, NULL,
                                                                NULL))
    return;
  md_log_debug (md_modem_get_log_name (modem), "subscriber ready state: %s",
                mbim_subscriber_ready_state_get_string (state));
  /* Judged as the unlock check judges the same state (initialization's record). */
  error = ready_state_error (state);
  md_modem_report_sim_presence (modem, md_sim_presence_from_unlock_check (error));
}

const MdModemSimOps md_mbim_sim_ops = {
  .load_unlock_required = mbim_load_unlock_required,
  .load_unlock_retries = mbim_load_unlock_retries,
  .load_sim_info = mbim_load_sim_info,
  .load_facility_locks = mbim_load_facility_locks,
  .send_pin = mbim_send_pin,
  .send_puk = mbim_send_puk,
  .enable_pin = mbim_enable_pin,
  .change_pin = mbim_change_pin,
};
