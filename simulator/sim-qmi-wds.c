/* SPDX-License-Identifier: GPL-2.0-or-later */
/* WDS requests of the QMI front end: a client's IP family and mux id, Start
 * and Stop Network on the model's data sessions (one per client, as on a
 * modem), packet service status, current settings from the session's
 * addresses, the profiles (list and settings) from the AT contexts; and the packet service
 * indication when the network or the client's release ends a call. */
#include "sim-qmi-private.h"

#include <gio/gio.h>
#include <string.h>

#define WDS_IND_PACKET_SERVICE_STATUS 0x0022
#define WDS_DISCONNECTED              1
#define WDS_CONNECTED                 2
#define WDS_FAMILY_IPV4               4
#define WDS_FAMILY_IPV6               6
#define WDS_FAMILY_UNSPECIFIED        8
/* Packet data handles: a base plus the session id. */
#define WDS_HANDLE_BASE 0x5E550000u

/* QmiWdsCallEndReason and the verbose reason types. */
#define END_UNSPECIFIED    1
#define END_CLIENT_END     2
#define END_NO_SERVICE     3
#define END_RELEASE_NORMAL 5
#define VERBOSE_CM         3
#define VERBOSE_3GPP       6
#define CAUSE_UNKNOWN_APN  27 /* 24.008 cause: missing or unknown APN */
#define CAUSE_REGULAR      36 /* 24.008 cause: regular deactivation */
#define CM_NO_SERVICE      2001

/* Requested Settings bits (QmiWdsRequestedSettings). */
#define WANT_PDP_TYPE  (1u << 2)
#define WANT_APN       (1u << 3)
#define WANT_DNS       (1u << 4)
#define WANT_ADDRESS   (1u << 8)
#define WANT_GATEWAY   (1u << 9)
#define WANT_MTU       (1u << 13)
#define WANT_IP_FAMILY (1u << 15)

static const char *
session_type (guint8 family)
{
  return family == WDS_FAMILY_IPV6 ? "IPV6" : "IP";
}

/* The call-end TLVs a failed start or an ended call carries. */
static void
put_end_reason (GByteArray *frame, guint16 reason, guint16 verbose_type, guint16 verbose_reason)
{
  GByteArray *v = g_byte_array_new ();

  sim_qmi_frame_tlv_u16 (frame, 0x10, reason);
  sim_qmi_put_u16 (v, verbose_type);
  sim_qmi_put_u16 (v, verbose_reason);
  sim_qmi_frame_tlv_take (frame, 0x11, v);
}

static void
indicate_status (SimQmi *self, SimQmiClient *client, guint8 status, guint16 reason, guint16 verbose_type,
                 guint16 verbose_reason)
{
  GByteArray *frame = sim_qmi_indication_new (SIM_QMI_SERVICE_WDS, client->id, WDS_IND_PACKET_SERVICE_STATUS);
  GByteArray *v = g_byte_array_new ();

  sim_qmi_put_u8 (v, status);
  sim_qmi_put_u8 (v, FALSE); /* reconfiguration required */
  sim_qmi_frame_tlv_take (frame, 0x01, v);
  if (status == WDS_DISCONNECTED)
    put_end_reason (frame, reason, verbose_type, verbose_reason);
  sim_qmi_frame_tlv_u8 (frame, 0x12,
                        client->ip_family == WDS_FAMILY_IPV6 ? WDS_FAMILY_IPV6 : WDS_FAMILY_IPV4);
  sim_qmi_send (self, frame);
}

static void
set_ip_family (SimQmi *self, SimQmiClient *client, const SimQmiMessage *request)
{
  guint8 family;

  if (!sim_qmi_tlv_u8 (request, 0x01, &family)) {
    sim_qmi_reply_error (self, request, SIM_QMI_ERROR_MISSING_ARGUMENT);
    return;
  }
  if (family != WDS_FAMILY_IPV4 && family != WDS_FAMILY_IPV6 && family != WDS_FAMILY_UNSPECIFIED) {
    sim_qmi_reply_error (self, request, SIM_QMI_ERROR_INVALID_ARGUMENT);
    return;
  }
  client->ip_family = family;
  sim_qmi_send (self, sim_qmi_response_ok (request));
}

static void
bind_mux_data_port (SimQmi *self, SimQmiClient *client, const SimQmiMessage *request)
{
  SimQmiReader endpoint;
  guint8 mux;

  if (!sim_qmi_tlv_u8 (request, 0x11, &mux)) {
    sim_qmi_reply_error (self, request, SIM_QMI_ERROR_MISSING_ARGUMENT);
    return;
  }
  client->mux_id = mux;
  g_free (client->endpoint);
  /* Endpoint Info: type and interface number, 32 bits each. */
  if (sim_qmi_reader_init (&endpoint, request, 0x10)) {
    guint32 type = sim_qmi_read_u32 (&endpoint);
    guint32 interface = sim_qmi_read_u32 (&endpoint);

    client->endpoint = endpoint.ok ? g_strdup_printf ("%u/%u", type, interface) : g_strdup ("invalid");
  } else {
    client->endpoint = g_strdup ("none");
  }
  sim_qmi_send (self, sim_qmi_response_ok (request));
}

/* The lowest session id neither active in the model nor held by a client. */
static gint
free_session (SimQmi *self)
{
  g_autoptr (GList) clients = sim_qmi_clients_of (self, SIM_QMI_SERVICE_WDS);

  for (guint id = 0; id < self->model->max_sessions; id++) {
    gboolean taken = sim_model_find_session (self->model, id) != NULL;

    for (GList *l = clients; l && !taken; l = l->next)
      taken = ((SimQmiClient *)l->data)->session == (gint)id;
    if (!taken)
      return (gint)id;
  }
  return -1;
}

static void
reply_call_failed (SimQmi *self, const SimQmiMessage *request, guint16 reason, guint16 verbose_type,
                   guint16 verbose_reason)
{
  GByteArray *frame = sim_qmi_response_new (request);

  sim_qmi_frame_result (frame, SIM_QMI_ERROR_CALL_FAILED);
  put_end_reason (frame, reason, verbose_type, verbose_reason);
  sim_qmi_send (self, frame);
}

/* Credentials (0x16-0x18) are accepted, not checked, as on the other fronts. */
static void
start_network (SimQmi *self, SimQmiClient *client, const SimQmiMessage *request)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *apn = sim_qmi_tlv_string (request, 0x14);
  guint8 family = client->ip_family;
  GByteArray *frame;
  gint id;

  if (client->session >= 0) {
    sim_qmi_reply_error (self, request, SIM_QMI_ERROR_NO_EFFECT);
    return;
  }
  sim_qmi_tlv_u8 (request, 0x19, &family);
  if (family != WDS_FAMILY_IPV4 && family != WDS_FAMILY_IPV6 && family != WDS_FAMILY_UNSPECIFIED) {
    sim_qmi_reply_error (self, request, SIM_QMI_ERROR_INVALID_ARGUMENT);
    return;
  }
  id = free_session (self);
  if (id < 0) {
    sim_qmi_reply_error (self, request, SIM_QMI_ERROR_INVALID_OPERATION);
    return;
  }
  if (!sim_model_activate_session (self->model, (guint)id, apn, session_type (family), &error)) {
    if (g_error_matches (error, SIM_ERROR, SIM_ERROR_NO_NETWORK))
      reply_call_failed (self, request, END_NO_SERVICE, VERBOSE_CM, CM_NO_SERVICE);
    else if (g_error_matches (error, SIM_ERROR, SIM_ERROR_MISSING_APN))
      reply_call_failed (self, request, END_UNSPECIFIED, VERBOSE_3GPP, CAUSE_UNKNOWN_APN);
    else
      sim_qmi_reply_error (self, request, sim_qmi_error_from_model (error));
    return;
  }
  client->ip_family = family == WDS_FAMILY_IPV6 ? WDS_FAMILY_IPV6 : WDS_FAMILY_IPV4;
  client->session = id;
  client->handle = WDS_HANDLE_BASE + (guint32)id;
  frame = sim_qmi_response_ok (request);
  sim_qmi_frame_tlv_u32 (frame, 0x01, client->handle);
  sim_qmi_send (self, frame);
}

/* Ends the client's call in the model; the client forgets it first, so the
 * model's event does not report it as dropped by the network. */
static void
end_call (SimQmi *self, SimQmiClient *client)
{
  guint id = (guint)client->session;

  client->session = -1;
  client->handle = 0;
  sim_model_deactivate_session (self->model, id, NULL);
}

static void
stop_network (SimQmi *self, SimQmiClient *client, const SimQmiMessage *request)
{
  guint32 handle;

  if (!sim_qmi_tlv_u32 (request, 0x01, &handle)) {
    sim_qmi_reply_error (self, request, SIM_QMI_ERROR_MISSING_ARGUMENT);
    return;
  }
  if (client->session < 0 || handle != client->handle) {
    sim_qmi_reply_error (self, request, SIM_QMI_ERROR_INVALID_HANDLE);
    return;
  }
  end_call (self, client);
  sim_qmi_send (self, sim_qmi_response_ok (request));
  indicate_status (self, client, WDS_DISCONNECTED, END_CLIENT_END, VERBOSE_3GPP, CAUSE_REGULAR);
}

static void
get_packet_service_status (SimQmi *self, SimQmiClient *client, const SimQmiMessage *request)
{
  GByteArray *frame = sim_qmi_response_ok (request);

  sim_qmi_frame_tlv_u8 (frame, 0x01, client->session >= 0 ? WDS_CONNECTED : WDS_DISCONNECTED);
  sim_qmi_send (self, frame);
}

/* --- current settings ------------------------------------------------------------ */

/* An address of family as bytes (network order); FALSE when it is not one. */
static gboolean
address_bytes (const char *text, gboolean ipv6, guint8 *out)
{
  g_autoptr (GInetAddress) address = text ? g_inet_address_new_from_string (text) : NULL;

  if (!address || g_inet_address_get_family (address) != (ipv6 ? G_SOCKET_FAMILY_IPV6 : G_SOCKET_FAMILY_IPV4))
    return FALSE;
  memcpy (out, g_inet_address_to_bytes (address), ipv6 ? 16 : 4);
  return TRUE;
}

/* IPv4 addresses travel as a 32-bit number, little endian on the wire. */
static void
put_ipv4_tlv (GByteArray *frame, guint8 type, const char *text)
{
  guint8 b[4];

  if (address_bytes (text, FALSE, b))
    sim_qmi_frame_tlv_u32 (frame, type,
                           (guint32)b[0] << 24 | (guint32)b[1] << 16 | (guint32)b[2] << 8 | b[3]);
}

/* IPv6 addresses travel as eight 16-bit groups, each big endian (unlike
 * every other QMI number): the address in network order, as libqmi reads
 * it. */
static gboolean
put_ipv6 (GByteArray *v, const char *text)
{
  guint8 b[16];

  if (!address_bytes (text, TRUE, b))
    return FALSE;
  g_byte_array_append (v, b, sizeof b);
  return TRUE;
}

static void
put_ipv6_tlv (GByteArray *frame, guint8 type, const char *text, gint prefix)
{
  GByteArray *v = g_byte_array_new ();

  if (!put_ipv6 (v, text)) {
    g_byte_array_unref (v);
    return;
  }
  if (prefix >= 0)
    sim_qmi_put_u8 (v, (guint8)prefix);
  sim_qmi_frame_tlv_take (frame, type, v);
}

static void
put_ipv4_settings (SimModel *model, GByteArray *frame, guint id, guint32 want)
{
  g_autofree char *address = sim_model_session_address (model, id, FALSE);
  guint prefix = MIN (model->ipv4_prefix, 32);

  if (want & WANT_ADDRESS)
    put_ipv4_tlv (frame, 0x1E, address);
  if (want & WANT_DNS && model->ipv4_dns && model->ipv4_dns[0]) {
    put_ipv4_tlv (frame, 0x15, model->ipv4_dns[0]);
    if (model->ipv4_dns[1])
      put_ipv4_tlv (frame, 0x16, model->ipv4_dns[1]);
  }
  if (want & WANT_GATEWAY && model->ipv4_gateway) {
    put_ipv4_tlv (frame, 0x20, model->ipv4_gateway);
    sim_qmi_frame_tlv_u32 (frame, 0x21, prefix ? 0xFFFFFFFFu << (32 - prefix) : 0);
  }
  if (want & WANT_MTU && model->ipv4_mtu)
    sim_qmi_frame_tlv_u32 (frame, 0x29, model->ipv4_mtu);
}

static void
put_ipv6_settings (SimModel *model, GByteArray *frame, guint id, guint32 want)
{
  g_autofree char *address = sim_model_session_address (model, id, TRUE);

  if (want & WANT_ADDRESS)
    put_ipv6_tlv (frame, 0x25, address, (gint)model->ipv6_prefix);
  if (want & WANT_GATEWAY && model->ipv6_gateway)
    put_ipv6_tlv (frame, 0x26, model->ipv6_gateway, (gint)model->ipv6_prefix);
  if (want & WANT_DNS && model->ipv6_dns && model->ipv6_dns[0]) {
    put_ipv6_tlv (frame, 0x27, model->ipv6_dns[0], -1);
    if (model->ipv6_dns[1])
      put_ipv6_tlv (frame, 0x28, model->ipv6_dns[1], -1);
  }
  if (want & WANT_MTU && model->ipv6_mtu)
    sim_qmi_frame_tlv_u32 (frame, 0x29, model->ipv6_mtu);
}

static void
get_current_settings (SimQmi *self, SimQmiClient *client, const SimQmiMessage *request)
{
  SimSession *session
    = client->session >= 0 ? sim_model_find_session (self->model, (guint)client->session) : NULL;
  gboolean ipv6 = client->ip_family == WDS_FAMILY_IPV6;
  guint32 want = G_MAXUINT32;
  GByteArray *frame;

  if (!session) {
    sim_qmi_reply_error (self, request, SIM_QMI_ERROR_OUT_OF_CALL);
    return;
  }
  sim_qmi_tlv_u32 (request, 0x10, &want);
  frame = sim_qmi_response_ok (request);
  if (want & WANT_PDP_TYPE)
    sim_qmi_frame_tlv_u8 (frame, 0x11, ipv6 ? 2 : 0);
  if (want & WANT_APN)
    sim_qmi_frame_tlv_string (frame, 0x14, session->apn);
  if (ipv6)
    put_ipv6_settings (self->model, frame, session->id, want);
  else
    put_ipv4_settings (self->model, frame, session->id, want);
  if (want & WANT_IP_FAMILY)
    sim_qmi_frame_tlv_u8 (frame, 0x2B, ipv6 ? WDS_FAMILY_IPV6 : WDS_FAMILY_IPV4);
  sim_qmi_send (self, frame);
}

/* The AT contexts are the modem's 3GPP profiles, named by their APN. */
static void
get_profile_list (SimQmi *self, SimQmiClient *client, const SimQmiMessage *request)
{
  GPtrArray *contexts = self->model->contexts;
  GByteArray *frame = sim_qmi_response_ok (request);
  GByteArray *v = g_byte_array_new ();
  guint count = MIN (contexts->len, 255);

  sim_qmi_put_u8 (v, (guint8)count);
  for (guint i = 0; i < count; i++) {
    const SimContext *context = g_ptr_array_index (contexts, i);

    sim_qmi_put_u8 (v, 0); /* 3GPP */
    sim_qmi_put_u8 (v, (guint8)context->cid);
    sim_qmi_put_string8 (v, context->apn);
  }
  sim_qmi_frame_tlv_take (frame, 0x01, v);
  sim_qmi_send (self, frame);
}

static guint8
pdp_type (const char *type)
{
  if (g_strcmp0 (type, "IPV6") == 0)
    return 2;
  if (g_strcmp0 (type, "IPV4V6") == 0)
    return 3;
  return 0;
}

static void
get_profile_settings (SimQmi *self, SimQmiClient *client, const SimQmiMessage *request)
{
  SimContext *context;
  GByteArray *frame;
  SimQmiReader r;
  guint8 type, index;

  if (!sim_qmi_reader_init (&r, request, 0x01)) {
    sim_qmi_reply_error (self, request, SIM_QMI_ERROR_MISSING_ARGUMENT);
    return;
  }
  type = sim_qmi_read_u8 (&r);
  index = sim_qmi_read_u8 (&r);
  if (!r.ok) {
    sim_qmi_reply_error (self, request, SIM_QMI_ERROR_MALFORMED_MESSAGE);
    return;
  }
  context = type == 0 ? sim_model_find_context (self->model, index) : NULL;
  if (!context) {
    sim_qmi_reply_error (self, request, SIM_QMI_ERROR_INVALID_ARGUMENT);
    return;
  }
  frame = sim_qmi_response_ok (request);
  sim_qmi_frame_tlv_string (frame, 0x10, context->apn);
  sim_qmi_frame_tlv_u8 (frame, 0x11, pdp_type (context->type));
  sim_qmi_frame_tlv_string (frame, 0x14, context->apn);
  sim_qmi_send (self, frame);
}

/* --- session life --------------------------------------------------------------- */

void
sim_qmi_wds_client_released (SimQmi *self, SimQmiClient *client)
{
  if (client->session >= 0)
    end_call (self, client);
}

/* A call whose session left the model was ended by the network. */
void
sim_qmi_wds_model_event (SimQmi *self, const SimEvent *event)
{
  g_autoptr (GList) clients = sim_qmi_clients_of (self, SIM_QMI_SERVICE_WDS);

  for (GList *l = clients; l; l = l->next) {
    SimQmiClient *client = l->data;

    if (client->session < 0 || sim_model_find_session (self->model, (guint)client->session))
      continue;
    client->session = -1;
    client->handle = 0;
    if (!self->model->drops_unreported)
      indicate_status (self, client, WDS_DISCONNECTED, END_RELEASE_NORMAL, VERBOSE_3GPP, CAUSE_REGULAR);
  }
}

/* The event reports (channel rate, bearer technology, dormancy, data call
 * status, ...) are accepted and none is sent: the model has no such events;
 * a call's end still comes as the packet service indication. */
static void
set_event_report (SimQmi *self, SimQmiClient *client, const SimQmiMessage *request)
{
  sim_qmi_send (self, sim_qmi_response_ok (request));
}

const SimQmiHandler sim_qmi_wds_handlers[] = {
  { 0x0001, "Set Event Report", set_event_report },
  { 0x0020, "Start Network", start_network },
  { 0x0021, "Stop Network", stop_network },
  { 0x0022, "Get Packet Service Status", get_packet_service_status },
  { 0x002A, "Get Profile List", get_profile_list },
  { 0x002B, "Get Profile Settings", get_profile_settings },
  { 0x002D, "Get Current Settings", get_current_settings },
  { 0x004D, "Set IP Family", set_ip_family },
  { 0x00A2, "Bind Mux Data Port", bind_mux_data_port },
  { 0 },
};
