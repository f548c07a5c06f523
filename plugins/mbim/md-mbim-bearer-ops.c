/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Bearers as MBIM sessions. Connect reserves the lowest free session id,
 * makes sure the session has a network interface (the main one for session
 * 0, a link of its own created over netlink for N>0), attaches to packet
 * service, activates the context with Connect and reads IP Configuration:
 * the bearer then carries static Ip4Config/Ip6Config. Disconnect
 * deactivates and removes the link. A Connect indication that deactivates
 * a session ends its bearer, and so does the poll's Connect query finding
 * it deactivated when the modem sent no indication. */
#include "md-bearer.h"
#include "md-errors.h"
#include "md-log.h"
#include "md-mbim-ip-config.h"
#include "md-mbim-ops.h"
#include "md-modem-connect.h"

#define SYSFS_ROOT "/sys"

/* Per-bearer protocol data while it holds a session. */
typedef struct {
  guint session_id;
  char *interface;
  char *link; /* created for this session, NULL for the main interface */
} Session;

static void
session_free (gpointer data)
{
  Session *session = data;

  g_free (session->interface);
  g_free (session->link);
  g_free (session);
}

static Session *
bearer_session (MdBearer *bearer)
{
  return md_bearer_get_protocol_data (bearer);
}

/* --- links ------------------------------------------------------------------ */

static void
delete_link (MdModem *modem, MdMbimModemData *mbim, const char *link)
{
  g_autoptr (GError) error = NULL;

  if (!md_net_links_delete (mbim->links, link, &error))
    md_log_warn (md_modem_get_log_name (modem), "cannot remove link %s: %s", link, error->message);
  else
    md_log_info (md_modem_get_log_name (modem), "removed link %s", link);
}

void
md_mbim_delete_created_links (MdMbimModemData *mbim)
{
  g_autoptr (GPtrArray) created = md_net_links_list_created (mbim->links);
  g_autoptr (GError) error = NULL;

  if (!md_net_links_delete_all_created (mbim->links, &error)) {
    md_log_warn (NULL, "cannot remove every session link: %s", error->message);
    return;
  }
  for (guint i = 0; i < created->len; i++)
    md_log_info (NULL, "removed link %s with its modem",
                 ((MdNetLinkInfo *)g_ptr_array_index (created, i))->ifname);
}

/* The modem's first network interface: a net port that joined after the
 * modem was built counts too. A fake kernel (test sessions) learns it here. */
static const char *
first_net_port (MdModem *modem)
{
  MdMbimModemData *mbim = md_mbim_modem_data (modem);
  guint n_ports = 0;
  const MdModemPort *ports = md_modem_get_ports (modem, &n_ports);

  for (guint i = 0; i < n_ports; i++) {
    if (ports[i].type != MD_MODEM_PORT_TYPE_NET)
      continue;
    if (md_net_links_is_fake (mbim->links))
      md_net_links_fake_add_parent (mbim->links, ports[i].name);
    return ports[i].name;
  }
  return NULL;
}

/* Session 0 runs on the main interface; session N on a link of its own. */
static gboolean
session_interface (MdModem *modem, Session *session, GError **error)
{
  MdMbimModemData *mbim = md_mbim_modem_data (modem);
  const char *parent = first_net_port (modem);
  g_autofree char *wwan_device = NULL;
  MdNetLinkKind kind;
  char *link = NULL;

  if (!parent) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "The modem has no network interface");
    return FALSE;
  }
  if (session->session_id == 0) {
    session->interface = g_strdup (parent);
    return TRUE;
  }
  kind = md_net_link_kind_for_parent (SYSFS_ROOT, parent);
  /* A wwan link hangs off the wwan device, not off its first netdev. */
  if (kind == MD_NET_LINK_KIND_WWAN)
    wwan_device = md_net_link_wwan_device_for_netdev (SYSFS_ROOT, parent);
  if (!md_net_links_add_session_link (mbim->links, kind, wwan_device ? wwan_device : parent,
                                      session->session_id, &link, error)) {
    g_prefix_error (error, "Cannot create the link of session %u: ", session->session_id);
    return FALSE;
  }
  md_log_info (md_modem_get_log_name (modem), "created link %s for session %u", link, session->session_id);
  session->link = link;
  session->interface = g_strdup (link);
  return TRUE;
}

/* --- session ids ------------------------------------------------------------- */

static gboolean
session_in_use (MdModem *modem, guint session_id)
{
  GPtrArray *bearers = md_modem_get_bearers (modem);

  for (guint i = 0; i < bearers->len; i++) {
    Session *session = bearer_session (g_ptr_array_index (bearers, i));

    if (session && session->session_id == session_id)
      return TRUE;
  }
  return FALSE;
}

static void
take_session (MdBearer *bearer, guint id)
{
  Session *session = g_new0 (Session, 1);

  session->session_id = id;
  md_bearer_set_protocol_data (bearer, session, session_free);
}

/* ModemManager 1.20's meaning of the "multiplex" setting: none (the
 * default) takes session 0 on the main interface; requested takes a
 * multiplexed session (1..N on a link) when the modem has one, else
 * session 0; required takes a multiplexed one or fails. */
static gboolean
reserve_session (MdModem *modem, MdBearer *bearer, GError **error)
{
  guint max = md_mbim_modem_data (modem)->max_sessions;
  MdBearerMultiplexSupport multiplex = md_bearer_get_settings (bearer)->multiplex;
  gboolean want_multiplexed
    = multiplex == MD_BEARER_MULTIPLEX_SUPPORT_REQUESTED || multiplex == MD_BEARER_MULTIPLEX_SUPPORT_REQUIRED;

  if (want_multiplexed) {
    for (guint id = 1; id < max; id++) {
      if (!session_in_use (modem, id)) {
        take_session (bearer, id);
        return TRUE;
      }
    }
    if (multiplex == MD_BEARER_MULTIPLEX_SUPPORT_REQUIRED) {
      g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_TOO_MANY,
                   "All %u multiplexed data sessions of the modem are in use", max - 1);
      return FALSE;
    }
  }
  if (!session_in_use (modem, 0)) {
    take_session (bearer, 0);
    return TRUE;
  }
  g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_TOO_MANY,
               "The data session without multiplexing is in use (connect with multiplex=requested "
               "for another)");
  return FALSE;
}

static void
release_session (MdModem *modem, MdBearer *bearer)
{
  Session *session = bearer_session (bearer);

  if (!session)
    return;
  if (session->link)
    delete_link (modem, md_mbim_modem_data (modem), session->link);
  md_bearer_set_protocol_data (bearer, NULL, NULL);
}

/* --- connect ----------------------------------------------------------------- */

typedef enum {
  CONNECT_STEP_ATTACH,
  CONNECT_STEP_ACTIVATE,
  CONNECT_STEP_IP_CONFIG,
  CONNECT_STEP_LAST,
} ConnectStep;

typedef struct {
  ConnectStep step;
  MdBearer *bearer;
  gboolean activated;
} ConnectContext;

static void
connect_context_free (gpointer data)
{
  ConnectContext *ctx = data;

  g_clear_object (&ctx->bearer);
  g_free (ctx);
}

static void connect_step (GTask *task);

static void deactivate_quietly (MdModem *modem, guint session_id);

static void
connect_fail (GTask *task, GError *error)
{
  MdModem *modem = g_task_get_source_object (task);
  ConnectContext *ctx = g_task_get_task_data (task);
  Session *session = bearer_session (ctx->bearer);

  if (ctx->activated && session && !md_modem_has_vanished (modem))
    deactivate_quietly (modem, session->session_id);
  release_session (modem, ctx->bearer);
  g_task_return_error (task, error);
  g_object_unref (task);
}

static MbimAuthProtocol
auth_protocol (const MdBearerSettings *settings)
{
  if (settings->allowed_auth & MD_BEARER_ALLOWED_AUTH_CHAP)
    return MBIM_AUTH_PROTOCOL_CHAP;
  if (settings->allowed_auth & MD_BEARER_ALLOWED_AUTH_PAP)
    return MBIM_AUTH_PROTOCOL_PAP;
  if (settings->allowed_auth & MD_BEARER_ALLOWED_AUTH_MSCHAPV2)
    return MBIM_AUTH_PROTOCOL_MSCHAPV2;
  if (settings->allowed_auth & MD_BEARER_ALLOWED_AUTH_NONE)
    return MBIM_AUTH_PROTOCOL_NONE;
  /* The modem's choice: CHAP when there is something to authenticate. */
  return settings->user && *settings->user ? MBIM_AUTH_PROTOCOL_CHAP : MBIM_AUTH_PROTOCOL_NONE;
}

/* Without an ip-type ModemManager 1.20's MBIM bearer asks for IPv4 (its IP
 * family normalization), not the modem's default, so a client gets the
 * same session as with ModemManager. */
static MbimContextIpType
context_ip_type (guint32 ip_type)
{
  switch (ip_type) {
  case MD_BEARER_IP_FAMILY_IPV6: return MBIM_CONTEXT_IP_TYPE_IPV6;
  case MD_BEARER_IP_FAMILY_IPV4V6: return MBIM_CONTEXT_IP_TYPE_IPV4V6;
  default: return MBIM_CONTEXT_IP_TYPE_IPV4;
  }
}

static void
step_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  ConnectContext *ctx = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr (MbimMessage) response = md_mbim_modem_command_finish (MD_MODEM (source), result, &error);

  if (!response) {
    /* Attach fails on devices that attach on their own; Connect decides. */
    if (ctx->step == CONNECT_STEP_ATTACH
        && !g_error_matches (error, MD_SERIAL_ERROR, MD_SERIAL_ERROR_NOT_OPEN)
        && !g_error_matches (error, MD_CORE_ERROR, MD_CORE_ERROR_CANCELLED)
        && !g_error_matches (error, MD_SERIAL_ERROR, MD_SERIAL_ERROR_RESPONSE_TIMEOUT)) {
      md_log_debug (md_modem_get_log_name (MD_MODEM (source)), "packet service attach: %s", error->message);
      g_clear_error (&error);
      ctx->step++;
      connect_step (task);
      return;
    }
    connect_fail (task, error);
    return;
  }
  switch (ctx->step) {
  case CONNECT_STEP_ACTIVATE: {
    MbimActivationState state = MBIM_ACTIVATION_STATE_UNKNOWN;
    guint32 nw_error = 0;

    if (!mbim_message_connect_response_parse (response, NULL, &state, NULL, NULL, NULL, &nw_error, &error)) {
      connect_fail (task, md_mbim_protocol_error (error, "Invalid Connect answer"));
      return;
    }
    if (state != MBIM_ACTIVATION_STATE_ACTIVATED) {
      connect_fail (task, g_error_new (MD_MOBILE_EQUIPMENT_ERROR, MD_MOBILE_EQUIPMENT_ERROR_GPRS_UNKNOWN,
                                       "The session was not activated (%s, network error %u)",
                                       mbim_activation_state_get_string (state), nw_error));
      return;
    }
    ctx->activated = TRUE;
    break;
  }
  case CONNECT_STEP_IP_CONFIG: {
    MdIpConfig *ip4 = NULL;
    MdIpConfig *ip6 = NULL;
    Session *session = bearer_session (ctx->bearer);

    if (!md_mbim_parse_ip_configuration (response, &ip4, &ip6, &error)) {
      connect_fail (task, error);
      return;
    }
    md_bearer_set_multiplexed (ctx->bearer, session->link != NULL);
    md_bearer_set_connected (ctx->bearer, session->interface, ip4, ip6);
    break;
  }
  default: break;
  }
  ctx->step++;
  connect_step (task);
}

static MbimMessage *
step_request (ConnectContext *ctx, GError **error)
{
  const MdBearerSettings *settings = md_bearer_get_settings (ctx->bearer);
  Session *session = bearer_session (ctx->bearer);

  switch (ctx->step) {
  case CONNECT_STEP_ATTACH:
    return mbim_message_packet_service_set_new (MBIM_PACKET_SERVICE_ACTION_ATTACH, error);
  case CONNECT_STEP_ACTIVATE:
    return mbim_message_connect_set_new (
      session->session_id, MBIM_ACTIVATION_COMMAND_ACTIVATE, settings->apn ? settings->apn : "",
      settings->user ? settings->user : "", settings->password ? settings->password : "",
      MBIM_COMPRESSION_NONE, auth_protocol (settings), context_ip_type (settings->ip_type),
      mbim_uuid_from_context_type (MBIM_CONTEXT_TYPE_INTERNET), error);
  case CONNECT_STEP_IP_CONFIG:
    return mbim_message_ip_configuration_query_new (session->session_id, 0, 0, 0, NULL, 0, NULL, NULL, NULL,
                                                    0, NULL, 0, NULL, 0, 0, error);
  case CONNECT_STEP_LAST: break;
  }
  return NULL;
}

static void
connect_step (GTask *task)
{
  MdModem *modem = g_task_get_source_object (task);
  ConnectContext *ctx = g_task_get_task_data (task);
  GError *error = NULL;
  MbimMessage *request;

  if (ctx->step == CONNECT_STEP_LAST) {
    g_task_return_boolean (task, TRUE);
    g_object_unref (task);
    return;
  }
  request = step_request (ctx, &error);
  if (!request) {
    connect_fail (task, md_mbim_protocol_error (error, "Cannot build the MBIM request"));
    return;
  }
  md_mbim_modem_command (modem, request,
                         ctx->step == CONNECT_STEP_IP_CONFIG ? MD_MBIM_TIMEOUT_S : MD_MBIM_TIMEOUT_NETWORK_S,
                         g_task_get_cancellable (task), step_ready, task);
}

static void
mbim_connect (MdModem *modem, MdBearer *bearer, GCancellable *cancellable, GTask *task)
{
  ConnectContext *ctx = g_new0 (ConnectContext, 1);
  GError *error = NULL;

  ctx->bearer = g_object_ref (bearer);
  g_task_set_task_data (task, ctx, connect_context_free);
  if (!reserve_session (modem, bearer, &error)) {
    g_task_return_error (task, error);
    g_object_unref (task);
    return;
  }
  if (!session_interface (modem, bearer_session (bearer), &error)) {
    connect_fail (task, error);
    return;
  }
  md_log_info (md_bearer_get_log_name (bearer), "connecting on MBIM session %u (%s)",
               bearer_session (bearer)->session_id, bearer_session (bearer)->interface);
  connect_step (task);
}

/* --- disconnect --------------------------------------------------------------- */

static MbimMessage *
deactivate_request (guint session_id)
{
  return mbim_message_connect_set_new (session_id, MBIM_ACTIVATION_COMMAND_DEACTIVATE, "", "", "",
                                       MBIM_COMPRESSION_NONE, MBIM_AUTH_PROTOCOL_NONE,
                                       MBIM_CONTEXT_IP_TYPE_DEFAULT,
                                       mbim_uuid_from_context_type (MBIM_CONTEXT_TYPE_INTERNET), NULL);
}

static void
deactivate_quietly_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MbimMessage) response = md_mbim_modem_command_finish (MD_MODEM (source), result, &error);

  if (!response)
    md_log_debug (md_modem_get_log_name (MD_MODEM (source)), "deactivation after a failed connect: %s",
                  error->message);
}

static void
deactivate_quietly (MdModem *modem, guint session_id)
{
  md_mbim_modem_command (modem, deactivate_request (session_id), MD_MBIM_TIMEOUT_S, NULL,
                         deactivate_quietly_ready, NULL);
}

static void
disconnect_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  MdBearer *bearer = g_task_get_task_data (task);
  MdModem *modem = MD_MODEM (source);
  GError *error = NULL;
  g_autoptr (MbimMessage) response = md_mbim_modem_command_finish (modem, result, &error);

  /* A session the device already ended counts as disconnected. */
  if (!response && g_error_matches (error, MD_CORE_ERROR, MD_CORE_ERROR_WRONG_STATE))
    g_clear_error (&error);
  if (error && !md_modem_has_vanished (modem)) {
    g_task_return_error (task, error);
    g_object_unref (task);
    return;
  }
  g_clear_error (&error);
  release_session (modem, bearer);
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
mbim_disconnect (MdModem *modem, MdBearer *bearer, GTask *task)
{
  Session *session = bearer_session (bearer);

  g_task_set_task_data (task, g_object_ref (bearer), g_object_unref);
  if (!session) {
    g_task_return_boolean (task, TRUE);
    g_object_unref (task);
    return;
  }
  md_mbim_modem_command (modem, deactivate_request (session->session_id), MD_MBIM_TIMEOUT_NETWORK_S, NULL,
                         disconnect_ready, task);
}

/* --- indications ----------------------------------------------------------------- */

static MdBearer *
find_session_bearer (MdModem *modem, guint session_id)
{
  GPtrArray *bearers = md_modem_get_bearers (modem);

  for (guint i = 0; i < bearers->len; i++) {
    MdBearer *bearer = g_ptr_array_index (bearers, i);
    Session *session = bearer_session (bearer);

    if (session && session->session_id == session_id)
      return bearer;
  }
  return NULL;
}

/* The network ended bearer's session: the bearer is dropped with reason
 * (taken) and its session and link go back. */
static void
session_ended (MdModem *modem, MdBearer *bearer, GError *reason)
{
  g_object_ref (bearer);
  release_session (modem, bearer);
  md_modem_bearer_dropped (modem, bearer, reason);
  g_object_unref (bearer);
  g_error_free (reason);
}

void
md_mbim_bearer_indication (MdModem *modem, MbimMessage *message)
{
  guint32 session_id = 0;
  MbimActivationState state = MBIM_ACTIVATION_STATE_UNKNOWN;
  guint32 nw_error = 0;
  MdBearer *bearer;

  if (!mbim_message_connect_notification_parse (message, &session_id, &state, NULL, NULL, NULL, &nw_error,
                                                NULL))
    return;
  bearer = find_session_bearer (modem, session_id);
  if (!bearer || !md_bearer_is_connected (bearer) || state != MBIM_ACTIVATION_STATE_DEACTIVATED)
    return;
  md_log_info (md_bearer_get_log_name (bearer), "the network ended session %u (network error %u)", session_id,
               nw_error);
  session_ended (modem, bearer,
                 g_error_new (MD_CONNECTION_ERROR, MD_CONNECTION_ERROR_NO_CARRIER,
                              "The network ended the session (network error %u)", nw_error));
}

/* --- the poll's check ------------------------------------------------------------ */

/* The Connect query's answer for the bearer's session: deactivated (or
 * refused as not activated) ends the bearer as the indication would. */
static void
connect_queried (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  MdModem *modem = MD_MODEM (source);
  MdBearer *bearer = g_task_get_task_data (task);
  Session *session = md_bearer_is_connected (bearer) ? bearer_session (bearer) : NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (MbimMessage) response = md_mbim_modem_command_finish_with_status (modem, result, &error);
  MbimActivationState state = MBIM_ACTIVATION_STATE_UNKNOWN;
  gboolean gone;

  if (!response) {
    g_task_return_error (task, g_steal_pointer (&error));
    return;
  }
  if (error) {
    gone = mbim_message_command_done_get_status_code (response) == MBIM_STATUS_ERROR_CONTEXT_NOT_ACTIVATED;
    if (!gone) {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  } else if (!mbim_message_connect_response_parse (response, NULL, &state, NULL, NULL, NULL, NULL, &error)) {
    g_task_return_error (task, md_mbim_protocol_error (g_steal_pointer (&error), "Invalid Connect answer"));
    return;
  } else {
    gone = state == MBIM_ACTIVATION_STATE_DEACTIVATED;
  }
  /* An indication or a disconnect may have ended the session meanwhile. */
  if (gone && session) {
    md_log_info (md_bearer_get_log_name (bearer),
                 "the modem says session %u is deactivated, without a report", session->session_id);
    session_ended (modem, bearer,
                   g_error_new (MD_CONNECTION_ERROR, MD_CONNECTION_ERROR_NO_CARRIER,
                                "The modem reports the session ended"));
  }
  g_task_return_boolean (task, TRUE);
}

static void
mbim_check_connection (MdModem *modem, MdBearer *bearer, GTask *task)
{
  Session *session = bearer_session (bearer);
  g_autoptr (GError) error = NULL;
  MbimMessage *request;

  if (!session) {
    g_task_return_boolean (task, TRUE);
    g_object_unref (task);
    return;
  }
  request = mbim_message_connect_query_new (
    session->session_id, MBIM_ACTIVATION_STATE_UNKNOWN, MBIM_VOICE_CALL_STATE_NONE,
    MBIM_CONTEXT_IP_TYPE_DEFAULT, mbim_uuid_from_context_type (MBIM_CONTEXT_TYPE_INTERNET), 0, &error);
  if (!request) {
    g_task_return_error (task,
                         md_mbim_protocol_error (g_steal_pointer (&error), "Cannot build the Connect query"));
    g_object_unref (task);
    return;
  }
  g_task_set_task_data (task, g_object_ref (bearer), g_object_unref);
  md_mbim_modem_command (modem, request, MD_MBIM_TIMEOUT_S, g_task_get_cancellable (task), connect_queried,
                         task);
}

const MdModemBearerOps md_mbim_bearer_ops = {
  .connect = mbim_connect,
  .disconnect = mbim_disconnect,
  .load_traffic = md_mbim_load_traffic,
  .check_connection = mbim_check_connection,
};
