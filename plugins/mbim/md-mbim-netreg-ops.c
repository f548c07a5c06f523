/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Network registration of an MBIM modem: Register State (queried by the
 * poller, set by Register, indicated by the device) carries state,
 * operator and available data classes in one message; Signal State gives
 * RSSI; Visible Providers scans; Packet Service says which data class the
 * modem uses. Indications feed the same code as queries. */
#include "md-errors.h"
#include "md-mbim-arrays.h"
#include "md-log.h"
#include "md-mbim-ops.h"

#define RSSI_UNKNOWN 99
#define RSSI_MAX     31

static MdModem3gppRegistrationState
registration_from_mbim (MbimRegisterState state)
{
  switch (state) {
  case MBIM_REGISTER_STATE_DEREGISTERED: return MD_MODEM_3GPP_REGISTRATION_STATE_IDLE;
  case MBIM_REGISTER_STATE_SEARCHING: return MD_MODEM_3GPP_REGISTRATION_STATE_SEARCHING;
  case MBIM_REGISTER_STATE_HOME: return MD_MODEM_3GPP_REGISTRATION_STATE_HOME;
  case MBIM_REGISTER_STATE_ROAMING:
  case MBIM_REGISTER_STATE_PARTNER: return MD_MODEM_3GPP_REGISTRATION_STATE_ROAMING;
  case MBIM_REGISTER_STATE_DENIED: return MD_MODEM_3GPP_REGISTRATION_STATE_DENIED;
  default: return MD_MODEM_3GPP_REGISTRATION_STATE_UNKNOWN;
  }
}

/* The fastest data class on offer: what the modem would use now. */
static guint32
highest_data_class (guint32 data_class)
{
  /* 3GPP classes are bits 0-7, 3GPP2 ones 16-22; bit 31 is "custom". */
  guint32 classes = (data_class & 0xFF) ? (data_class & 0xFF) : (data_class & 0x7F0000);

  for (int bit = 22; bit >= 0; bit--) {
    if (classes & (1u << bit))
      return 1u << bit;
  }
  return 0;
}

typedef struct {
  MbimRegisterState state;
  guint32 data_classes;
  char *provider_id;
  char *provider_name;
  guint32 nw_error;
} Registration;

static void
registration_clear (Registration *reg)
{
  g_free (reg->provider_id);
  g_free (reg->provider_name);
}

static void
apply_registration (MdModem *modem, const Registration *reg)
{
  MdModem3gppRegistrationState state = registration_from_mbim (reg->state);
  guint32 act = md_mbim_data_class_to_access_technologies (highest_data_class (reg->data_classes));

  md_modem_update_registration (modem, MD_REG_DOMAIN_PS, state, NULL, act);
  if (md_modem_is_registered (modem))
    md_modem_set_operator (modem, reg->provider_id && *reg->provider_id ? reg->provider_id : NULL,
                           reg->provider_name && *reg->provider_name ? reg->provider_name : NULL);
}

static gboolean
parse_registration (MbimMessage *message, gboolean indication, Registration *reg, GError **error)
{
  MbimNwError nw_error = 0;
  MbimDataClass classes = 0;
  gboolean ok = indication
                  ? mbim_message_register_state_notification_parse (message, &nw_error, &reg->state, NULL,
                                                                    &classes, NULL, &reg->provider_id,
                                                                    &reg->provider_name, NULL, NULL, error)
                  : mbim_message_register_state_response_parse (message, &nw_error, &reg->state, NULL,
                                                                &classes, NULL, &reg->provider_id,
                                                                &reg->provider_name, NULL, NULL, error);

  reg->data_classes = classes;
  reg->nw_error = nw_error;
  return ok;
}

/* Applies a Register State answer or indication; FALSE if malformed. */
static gboolean
follow_registration (MdModem *modem, MbimMessage *message, gboolean indication, Registration *reg,
                     GError **error)
{
  if (!parse_registration (message, indication, reg, error))
    return FALSE;
  apply_registration (modem, reg);
  return TRUE;
}

static void
parse_poll_registration (MdModem *modem, MbimMessage *response, GTask *task)
{
  Registration reg = { 0 };
  GError *error = NULL;

  if (!follow_registration (modem, response, FALSE, &reg, &error))
    g_task_return_error (task, md_mbim_protocol_error (error, "Invalid Register State"));
  else
    g_task_return_boolean (task, TRUE);
  registration_clear (&reg);
}

static void
mbim_poll_registration (MdModem *modem, GTask *task)
{
  GError *error = NULL;
  MbimMessage *request = mbim_message_register_state_query_new (&error);

  md_mbim_op (modem, task, request, error, MD_MBIM_TIMEOUT_S, parse_poll_registration);
}

/* --- Register -------------------------------------------------------------- */

static void
parse_register_set (MdModem *modem, MbimMessage *response, GTask *task)
{
  Registration reg = { 0 };
  GError *error = NULL;

  if (!follow_registration (modem, response, FALSE, &reg, &error)) {
    g_task_return_error (task, md_mbim_protocol_error (error, "Invalid Register State"));
    registration_clear (&reg);
    return;
  }
  if (reg.state == MBIM_REGISTER_STATE_DENIED)
    g_task_return_new_error (task, MD_MOBILE_EQUIPMENT_ERROR, MD_MOBILE_EQUIPMENT_ERROR_NETWORK_NOT_ALLOWED,
                             "The network denied the registration (network error %u)", reg.nw_error);
  else
    g_task_return_boolean (task, TRUE);
  registration_clear (&reg);
}

/* A refused selection answers FAILURE with the network's cause in the
 * buffer: reported as NetworkNotAllowed, what +COPS says on AT. */
static void
register_set_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  MdModem *modem = MD_MODEM (source);
  GError *error = NULL;
  g_autoptr (MbimMessage) response = md_mbim_modem_command_finish_with_status (modem, result, &error);
  Registration reg = { 0 };

  if (error && response && g_error_matches (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED)
      && parse_registration (response, FALSE, &reg, NULL) && reg.nw_error != 0) {
    g_clear_error (&error);
    error = g_error_new (MD_MOBILE_EQUIPMENT_ERROR, MD_MOBILE_EQUIPMENT_ERROR_NETWORK_NOT_ALLOWED,
                         "The network refused the registration (network error %u)", reg.nw_error);
  }
  registration_clear (&reg);
  if (error) {
    g_task_return_error (task, error);
    g_object_unref (task);
    return;
  }
  parse_register_set (modem, response, task);
  g_object_unref (task);
}

static void
mbim_register_network (MdModem *modem, const char *operator_id, GTask *task)
{
  gboolean automatic = !operator_id || !*operator_id;
  GError *error = NULL;
  MbimMessage *request = mbim_message_register_state_set_new (
    automatic ? "" : operator_id, automatic ? MBIM_REGISTER_ACTION_AUTOMATIC : MBIM_REGISTER_ACTION_MANUAL, 0,
    &error);

  if (!request) {
    g_task_return_error (task, md_mbim_protocol_error (error, "Cannot build the MBIM request"));
    g_object_unref (task);
    return;
  }
  md_mbim_modem_command (modem, request, MD_MBIM_TIMEOUT_NETWORK_S, NULL, register_set_ready, task);
}

/* --- Scan ------------------------------------------------------------------ */

static MdModem3gppNetworkAvailability
availability_from_provider_state (guint32 state)
{
  if (state & MBIM_PROVIDER_STATE_REGISTERED)
    return MD_MODEM_3GPP_NETWORK_AVAILABILITY_CURRENT;
  if (state & MBIM_PROVIDER_STATE_FORBIDDEN)
    return MD_MODEM_3GPP_NETWORK_AVAILABILITY_FORBIDDEN;
  if (state & (MBIM_PROVIDER_STATE_VISIBLE | MBIM_PROVIDER_STATE_HOME | MBIM_PROVIDER_STATE_PREFERRED))
    return MD_MODEM_3GPP_NETWORK_AVAILABILITY_AVAILABLE;
  return MD_MODEM_3GPP_NETWORK_AVAILABILITY_UNKNOWN;
}

static void
parse_providers (MdModem *modem, MbimMessage *response, GTask *task)
{
  g_autoptr (MbimProviderArray) providers = NULL;
  guint32 count = 0;
  GError *error = NULL;
  GPtrArray *networks;

  if (!md_mbim_check_visible_providers (response, &error)
      || !mbim_message_visible_providers_response_parse (response, &count, &providers, &error)) {
    g_task_return_error (task, md_mbim_protocol_error (error, "Invalid Visible Providers"));
    return;
  }
  networks = g_ptr_array_new_with_free_func ((GDestroyNotify)md_network_free);
  for (guint i = 0; i < count; i++) {
    MdNetwork *network = g_new0 (MdNetwork, 1);

    network->code = g_strdup (providers[i]->provider_id);
    network->long_name = g_strdup (providers[i]->provider_name);
    network->availability = availability_from_provider_state (providers[i]->provider_state);
    g_ptr_array_add (networks, network);
  }
  g_task_return_pointer (task, networks, (GDestroyNotify)g_ptr_array_unref);
}

static void
mbim_scan (MdModem *modem, GTask *task)
{
  GError *error = NULL;
  MbimMessage *request
    = mbim_message_visible_providers_query_new (MBIM_VISIBLE_PROVIDERS_ACTION_FULL_SCAN, &error);

  md_mbim_op (modem, task, request, error, MD_MBIM_TIMEOUT_SCAN_S, parse_providers);
}

/* --- signal ---------------------------------------------------------------- */

static gboolean
quality_from_rssi (guint32 rssi, guint *out)
{
  if (rssi == RSSI_UNKNOWN || rssi > RSSI_MAX)
    return FALSE;
  *out = rssi * 100 / RSSI_MAX;
  return TRUE;
}

static void
parse_signal (MdModem *modem, MbimMessage *response, GTask *task)
{
  guint32 rssi = RSSI_UNKNOWN;
  guint quality;
  GError *error = NULL;

  if (!mbim_message_signal_state_response_parse (response, &rssi, NULL, NULL, NULL, NULL, &error)) {
    g_task_return_error (task, md_mbim_protocol_error (error, "Invalid Signal State"));
    return;
  }
  if (!quality_from_rssi (rssi, &quality)) {
    g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "Signal strength unknown");
    return;
  }
  g_task_return_int (task, quality);
}

static void
mbim_load_signal_quality (MdModem *modem, GTask *task)
{
  GError *error = NULL;
  MbimMessage *request = mbim_message_signal_state_query_new (&error);

  md_mbim_op (modem, task, request, error, MD_MBIM_TIMEOUT_S, parse_signal);
}

/* --- indications ------------------------------------------------------------ */

static void
registration_indication (MdModem *modem, MbimMessage *message)
{
  Registration reg = { 0 };
  g_autoptr (GError) error = NULL;

  if (!follow_registration (modem, message, TRUE, &reg, &error))
    md_log_debug (md_modem_get_log_name (modem), "bad Register State indication: %s", error->message);
  registration_clear (&reg);
}

static void
signal_indication (MdModem *modem, MbimMessage *message)
{
  guint32 rssi = RSSI_UNKNOWN;
  guint quality = 0;

  if (!mbim_message_signal_state_notification_parse (message, &rssi, NULL, NULL, NULL, NULL, NULL))
    return;
  if (quality_from_rssi (rssi, &quality))
    md_modem_set_signal_quality (modem, quality, TRUE);
  else
    md_modem_set_signal_quality (modem, 0, FALSE);
}

static void
packet_service_indication (MdModem *modem, MbimMessage *message)
{
  MbimPacketServiceState state = MBIM_PACKET_SERVICE_STATE_UNKNOWN;
  MbimDataClass data_class = 0;

  if (!mbim_message_packet_service_notification_parse (message, NULL, &state, &data_class, NULL, NULL, NULL))
    return;
  if (state == MBIM_PACKET_SERVICE_STATE_ATTACHED && data_class && md_modem_is_registered (modem))
    md_modem_set_access_technologies (
      modem, md_mbim_data_class_to_access_technologies (highest_data_class (data_class)));
}

void
md_mbim_netreg_indication (MdModem *modem, MbimMessage *message, MbimCidBasicConnect cid)
{
  switch (cid) {
  case MBIM_CID_BASIC_CONNECT_REGISTER_STATE: registration_indication (modem, message); break;
  case MBIM_CID_BASIC_CONNECT_SIGNAL_STATE: signal_indication (modem, message); break;
  case MBIM_CID_BASIC_CONNECT_PACKET_SERVICE: packet_service_indication (modem, message); break;
  default: break;
  }
}

const MdModemNetregOps md_mbim_netreg_ops = {
  .poll_registration = mbim_poll_registration,
  .register_network = mbim_register_network,
  .scan = mbim_scan,
  .load_signal_quality = mbim_load_signal_quality,
};
