/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Basic Connect, the data sessions: CONNECT (activate/deactivate/query,
 * on the model's data sessions) and IP_CONFIGURATION (the scenario's
 * addresses, session N shifted by N), and the CONNECT indication when the
 * network ends a session. */
#include "sim-mbim-private.h"

#include <gio/gio.h>
#include <string.h>

#define CONNECT_SET_SIZE 60

static void
reply_status (SimMbim *self, const SimMbimRequest *req, MbimStatusError status)
{
  sim_mbim_reply (self, req->tid, req->cid, status, NULL);
}

static MbimContextIpType
ip_type_from_model (const char *type)
{
  if (g_strcmp0 (type, "IP") == 0)
    return MBIM_CONTEXT_IP_TYPE_IPV4;
  if (g_strcmp0 (type, "IPV6") == 0)
    return MBIM_CONTEXT_IP_TYPE_IPV6;
  return MBIM_CONTEXT_IP_TYPE_IPV4V6;
}

/* DEFAULT takes the type of a provisioned context with the same APN (the
 * scenario's [data] contexts), else dual stack. */
static const char *
ip_type_to_model (SimModel *model, guint32 ip_type, const char *apn)
{
  switch (ip_type) {
  case MBIM_CONTEXT_IP_TYPE_IPV4: return "IP";
  case MBIM_CONTEXT_IP_TYPE_IPV6: return "IPV6";
  case MBIM_CONTEXT_IP_TYPE_IPV4V6:
  case MBIM_CONTEXT_IP_TYPE_IPV4_AND_IPV6: return "IPV4V6";
  default: break;
  }
  for (guint i = 0; i < model->contexts->len; i++) {
    const SimContext *ctx = g_ptr_array_index (model->contexts, i);

    if (g_ascii_strcasecmp (ctx->apn, apn) == 0)
      return ctx->type;
  }
  return "IPV4V6";
}

static GByteArray *
connect_buffer (SimMbim *self, guint32 id, guint32 nw_error)
{
  SimMbimBuilder *b = sim_mbim_builder_new ();
  const SimSession *session = sim_model_find_session (self->model, id);
  const guint8 *context_type = (const guint8 *)mbim_uuid_from_context_type (MBIM_CONTEXT_TYPE_INTERNET);

  if (session && id < SIM_MBIM_MAX_SESSIONS)
    context_type = self->context_type[id];
  sim_mbim_builder_u32 (b, id);
  sim_mbim_builder_u32 (b, session ? MBIM_ACTIVATION_STATE_ACTIVATED : MBIM_ACTIVATION_STATE_DEACTIVATED);
  sim_mbim_builder_u32 (b, MBIM_VOICE_CALL_STATE_NONE);
  sim_mbim_builder_u32 (b, session ? ip_type_from_model (session->type) : MBIM_CONTEXT_IP_TYPE_DEFAULT);
  sim_mbim_builder_bytes (b, context_type, SIM_MBIM_UUID_SIZE);
  sim_mbim_builder_u32 (b, nw_error);
  return sim_mbim_builder_end (b);
}

static gboolean
read_session_id (SimMbim *self, const SimMbimRequest *req, guint32 *id)
{
  if (!sim_mbim_read_u32 (&req->buffer, 0, id) || *id >= self->model->max_sessions) {
    reply_status (self, req, MBIM_STATUS_ERROR_INVALID_PARAMETERS);
    return FALSE;
  }
  return TRUE;
}

void
sim_mbim_connect_query (SimMbim *self, const SimMbimRequest *req)
{
  guint32 id;

  if (!read_session_id (self, req, &id))
    return;
  /* Some firmware refuses the query for a session that is not active
   * instead of answering it deactivated. */
  if (self->model->mbim_query_refuses_inactive && !sim_model_find_session (self->model, id)) {
    sim_mbim_reply (self, req->tid, req->cid, MBIM_STATUS_ERROR_CONTEXT_NOT_ACTIVATED,
                    connect_buffer (self, id, 0));
    return;
  }
  sim_mbim_reply (self, req->tid, req->cid, MBIM_STATUS_ERROR_NONE, connect_buffer (self, id, 0));
}

static void
deactivate (SimMbim *self, const SimMbimRequest *req, guint32 id)
{
  if (!sim_model_find_session (self->model, id)) {
    sim_mbim_reply (self, req->tid, req->cid, MBIM_STATUS_ERROR_CONTEXT_NOT_ACTIVATED,
                    connect_buffer (self, id, 0));
    return;
  }
  self->own_session_change = TRUE;
  sim_model_deactivate_session (self->model, id, NULL);
  self->own_session_change = FALSE;
  self->session_active[id] = FALSE;
  sim_mbim_reply (self, req->tid, req->cid, MBIM_STATUS_ERROR_NONE, connect_buffer (self, id, 0));
}

/* Why an activation failed, as status and 3GPP cause. */
static MbimStatusError
activation_status (const GError *error, guint32 *nw_error)
{
  *nw_error = 0;
  if (g_error_matches (error, SIM_ERROR, SIM_ERROR_MISSING_APN)) {
    *nw_error = MBIM_NW_ERROR_MISSING_OR_UNKNOWN_APN;
    return MBIM_STATUS_ERROR_FAILURE;
  }
  /* Busy with another APN on this session. */
  if (g_error_matches (error, SIM_ERROR, SIM_ERROR_NOT_ALLOWED))
    return MBIM_STATUS_ERROR_BUSY;
  return sim_mbim_status_from_error (error);
}

static void
activate (SimMbim *self, const SimMbimRequest *req, guint32 id, const char *apn, guint32 ip_type,
          const guint8 *context_type)
{
  g_autoptr (GError) error = NULL;
  MbimStatusError status = sim_mbim_sim_status (self->model);
  guint32 nw_error = 0;
  gboolean ok;

  if (self->model->cfun != 1)
    status = MBIM_STATUS_ERROR_RADIO_POWER_OFF;
  if (status != MBIM_STATUS_ERROR_NONE) {
    sim_mbim_reply (self, req->tid, req->cid, status, connect_buffer (self, id, 0));
    return;
  }
  self->own_session_change = TRUE;
  ok
    = sim_model_activate_session (self->model, id, apn, ip_type_to_model (self->model, ip_type, apn), &error);
  self->own_session_change = FALSE;
  if (!ok) {
    status = activation_status (error, &nw_error);
    sim_mbim_reply (self, req->tid, req->cid, status, connect_buffer (self, id, nw_error));
    return;
  }
  if (!self->session_active[id]) {
    static const guint8 none[SIM_MBIM_UUID_SIZE] = { 0 };

    if (memcmp (context_type, none, SIM_MBIM_UUID_SIZE) == 0)
      context_type = (const guint8 *)mbim_uuid_from_context_type (MBIM_CONTEXT_TYPE_INTERNET);
    memcpy (self->context_type[id], context_type, SIM_MBIM_UUID_SIZE);
  }
  self->session_active[id] = TRUE;
  sim_mbim_reply (self, req->tid, req->cid, MBIM_STATUS_ERROR_NONE, connect_buffer (self, id, 0));
}

/* A session id beyond MaxSessions is INVALID_PARAMETERS: DEVICE_CAPS
 * announced the range, and each id in it has its own slot, so
 * MAX_ACTIVATED_CONTEXTS (no slot left for a valid request) never applies. */
void
sim_mbim_connect_set (SimMbim *self, const SimMbimRequest *req)
{
  g_autofree char *apn = NULL;
  g_autofree char *user = NULL;
  g_autofree char *password = NULL;
  guint8 context_type[SIM_MBIM_UUID_SIZE];
  guint32 id, command, compression, auth, ip_type;

  if (req->buffer.len < CONNECT_SET_SIZE || !sim_mbim_read_u32 (&req->buffer, 4, &command)
      || !sim_mbim_read_string (&req->buffer, 8, &apn) || !sim_mbim_read_string (&req->buffer, 16, &user)
      || !sim_mbim_read_string (&req->buffer, 24, &password)
      || !sim_mbim_read_u32 (&req->buffer, 32, &compression) || !sim_mbim_read_u32 (&req->buffer, 36, &auth)
      || !sim_mbim_read_u32 (&req->buffer, 40, &ip_type)
      || !sim_mbim_read_uuid (&req->buffer, 44, context_type) || command > MBIM_ACTIVATION_COMMAND_ACTIVATE
      || compression > MBIM_COMPRESSION_ENABLE || auth > MBIM_AUTH_PROTOCOL_MSCHAPV2
      || ip_type > MBIM_CONTEXT_IP_TYPE_IPV4_AND_IPV6) {
    reply_status (self, req, MBIM_STATUS_ERROR_INVALID_PARAMETERS);
    return;
  }
  if (!read_session_id (self, req, &id))
    return;
  /* Credentials are accepted and not checked, as with +CGAUTH. */
  if (command == MBIM_ACTIVATION_COMMAND_DEACTIVATE)
    deactivate (self, req, id);
  else
    activate (self, req, id, apn, ip_type, context_type);
}

void
sim_mbim_sessions_changed (SimMbim *self)
{
  for (guint32 id = 0; id < SIM_MBIM_MAX_SESSIONS; id++) {
    gboolean active = sim_model_find_session (self->model, id) != NULL;

    if (self->session_active[id] && !active && !self->own_session_change && !self->model->drops_unreported)
      sim_mbim_indicate (self, MBIM_CID_BASIC_CONNECT_CONNECT, connect_buffer (self, id, 0), FALSE);
    if (!self->own_session_change)
      self->session_active[id] = active;
  }
}

/* --- IP_CONFIGURATION -------------------------------------------------------- */

/* Appends the raw bytes of an address of the given family; FALSE if text
 * is not one. */
static gboolean
append_address (GByteArray *out, const char *text, gboolean ipv6)
{
  g_autoptr (GInetAddress) address = text ? g_inet_address_new_from_string (text) : NULL;

  if (!address || g_inet_address_get_family (address) != (ipv6 ? G_SOCKET_FAMILY_IPV6 : G_SOCKET_FAMILY_IPV4))
    return FALSE;
  g_byte_array_append (out, g_inet_address_to_bytes (address),
                       (guint)g_inet_address_get_native_size (address));
  return TRUE;
}

typedef struct {
  guint32 flags;
  GByteArray *addresses; /* prefix length + address */
  GByteArray *gateway;
  GByteArray *dns;
  guint n_dns;
  guint32 mtu;
} Family;

static void
family_clear (Family *f)
{
  g_byte_array_unref (f->addresses);
  g_byte_array_unref (f->gateway);
  g_byte_array_unref (f->dns);
}

static void
family_fill (Family *f, SimModel *model, guint id, gboolean wanted, gboolean ipv6)
{
  g_autofree char *address = sim_model_session_address (model, id, ipv6);
  guint8 prefix[4] = { ipv6 ? model->ipv6_prefix : model->ipv4_prefix, 0, 0, 0 };
  GStrv dns = ipv6 ? model->ipv6_dns : model->ipv4_dns;

  memset (f, 0, sizeof *f);
  f->addresses = g_byte_array_new ();
  f->gateway = g_byte_array_new ();
  f->dns = g_byte_array_new ();
  if (!wanted)
    return;
  g_byte_array_append (f->addresses, prefix, sizeof prefix);
  if (append_address (f->addresses, address, ipv6))
    f->flags |= MBIM_IP_CONFIGURATION_AVAILABLE_FLAG_ADDRESS;
  else
    g_byte_array_set_size (f->addresses, 0);
  if (append_address (f->gateway, ipv6 ? model->ipv6_gateway : model->ipv4_gateway, ipv6))
    f->flags |= MBIM_IP_CONFIGURATION_AVAILABLE_FLAG_GATEWAY;
  for (guint i = 0; dns && dns[i]; i++) {
    if (append_address (f->dns, dns[i], ipv6))
      f->n_dns++;
  }
  if (f->n_dns > 0)
    f->flags |= MBIM_IP_CONFIGURATION_AVAILABLE_FLAG_DNS;
  f->mtu = ipv6 ? model->ipv6_mtu : model->ipv4_mtu;
  if (f->mtu > 0)
    f->flags |= MBIM_IP_CONFIGURATION_AVAILABLE_FLAG_MTU;
}

/* Only the families of the session's IP type. */
void
sim_mbim_ip_configuration_query (SimMbim *self, const SimMbimRequest *req)
{
  const SimSession *session;
  SimMbimBuilder *b;
  Family v4, v6;
  guint32 id;

  if (!read_session_id (self, req, &id))
    return;
  session = sim_model_find_session (self->model, id);
  if (!session) {
    reply_status (self, req, MBIM_STATUS_ERROR_CONTEXT_NOT_ACTIVATED);
    return;
  }
  family_fill (&v4, self->model, id, g_strcmp0 (session->type, "IPV6") != 0, FALSE);
  family_fill (&v6, self->model, id, g_strcmp0 (session->type, "IP") != 0, TRUE);
  b = sim_mbim_builder_new ();
  sim_mbim_builder_u32 (b, id);
  sim_mbim_builder_u32 (b, v4.flags);
  sim_mbim_builder_u32 (b, v6.flags);
  sim_mbim_builder_u32 (b, v4.addresses->len > 0 ? 1 : 0);
  sim_mbim_builder_offset (b, v4.addresses->data, v4.addresses->len);
  sim_mbim_builder_u32 (b, v6.addresses->len > 0 ? 1 : 0);
  sim_mbim_builder_offset (b, v6.addresses->data, v6.addresses->len);
  sim_mbim_builder_offset (b, v4.gateway->data, v4.gateway->len);
  sim_mbim_builder_offset (b, v6.gateway->data, v6.gateway->len);
  sim_mbim_builder_u32 (b, v4.n_dns);
  sim_mbim_builder_offset (b, v4.dns->data, v4.dns->len);
  sim_mbim_builder_u32 (b, v6.n_dns);
  sim_mbim_builder_offset (b, v6.dns->data, v6.dns->len);
  sim_mbim_builder_u32 (b, v4.mtu);
  sim_mbim_builder_u32 (b, v6.mtu);
  family_clear (&v4);
  family_clear (&v6);
  sim_mbim_reply (self, req->tid, req->cid, MBIM_STATUS_ERROR_NONE, sim_mbim_builder_end (b));
}
