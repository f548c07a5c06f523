/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Data sessions of the model: the PDN connections a control protocol (MBIM,
 * QMI) opens by number, beside the AT contexts. Activation needs packet
 * service (attaching first when detached) and an APN the network accepts;
 * the network drops them all when packet service goes. Every change emits
 * SIM_EVENT_CONTEXT with index 0. Also the data port's format (link layer,
 * aggregation) a host negotiated. */
#include "sim-model.h"

#include <gio/gio.h>
#include <string.h>

void
sim_session_free (SimSession *session)
{
  if (!session)
    return;
  g_free (session->apn);
  g_free (session->type);
  g_free (session);
}

SimSession *
sim_model_find_session (SimModel *self, guint id)
{
  for (guint i = 0; i < self->sessions->len; i++) {
    SimSession *session = g_ptr_array_index (self->sessions, i);

    if (session->id == id)
      return session;
  }
  return NULL;
}

static gint
compare_id (gconstpointer a, gconstpointer b)
{
  const SimSession *x = *(SimSession *const *)a;
  const SimSession *y = *(SimSession *const *)b;

  return (gint)x->id - (gint)y->id;
}

gboolean
sim_model_activate_session (SimModel *self, guint id, const char *apn, const char *type, GError **error)
{
  static const char *const types[] = { "IP", "IPV6", "IPV4V6", NULL };
  SimSession *session = sim_model_find_session (self, id);

  if (id >= self->max_sessions || !type || !g_strv_contains (types, type)) {
    g_set_error (error, SIM_ERROR, SIM_ERROR_INCORRECT_PARAMETERS, "Invalid session %u type %s", id,
                 type ? type : "(none)");
    return FALSE;
  }
  if (!apn)
    apn = "";
  if (session && g_ascii_strcasecmp (session->apn, apn) == 0)
    return TRUE;
  if (session) {
    g_set_error (error, SIM_ERROR, SIM_ERROR_NOT_ALLOWED, "Session %u is active with APN '%s'", id,
                 session->apn);
    return FALSE;
  }
  /* As with contexts: activation attaches first when needed. */
  if (self->net.detached && !sim_model_set_attached (self, TRUE, error))
    return FALSE;
  if (!sim_model_has_packet_service (self)) {
    g_set_error (error, SIM_ERROR, SIM_ERROR_NO_NETWORK, "No packet service");
    return FALSE;
  }
  if (sim_model_apn_rejected (self, apn)) {
    g_set_error (error, SIM_ERROR, SIM_ERROR_MISSING_APN, "APN '%s' rejected by the network", apn);
    return FALSE;
  }
  session = g_new0 (SimSession, 1);
  session->id = id;
  session->apn = g_strdup (apn);
  session->type = g_strdup (type);
  g_ptr_array_add (self->sessions, session);
  g_ptr_array_sort (self->sessions, compare_id);
  sim_model_emit (self, SIM_EVENT_CONTEXT, 0, 0);
  return TRUE;
}

gboolean
sim_model_deactivate_session (SimModel *self, guint id, GError **error)
{
  SimSession *session = sim_model_find_session (self, id);

  if (!session) {
    g_set_error (error, SIM_ERROR, SIM_ERROR_NOT_FOUND, "Session %u is not active", id);
    return FALSE;
  }
  g_ptr_array_remove (self->sessions, session);
  sim_model_emit (self, SIM_EVENT_CONTEXT, 0, 0);
  return TRUE;
}

guint
sim_model_drop_sessions (SimModel *self)
{
  guint count = self->sessions->len;

  if (count == 0)
    return 0;
  g_ptr_array_set_size (self->sessions, 0);
  sim_model_emit (self, SIM_EVENT_CONTEXT, 0, 0);
  return count;
}

char *
sim_model_session_address (SimModel *self, guint id, gboolean ipv6)
{
  const char *base = ipv6 ? self->ipv6_address : self->ipv4_address;
  g_autoptr (GInetAddress) address = g_inet_address_new_from_string (base);
  g_autoptr (GInetAddress) shifted = NULL;
  guint8 bytes[16];
  gsize size;

  if (!address || g_inet_address_get_family (address) != (ipv6 ? G_SOCKET_FAMILY_IPV6 : G_SOCKET_FAMILY_IPV4))
    return g_strdup (base);
  size = g_inet_address_get_native_size (address);
  memcpy (bytes, g_inet_address_to_bytes (address), size);
  if (ipv6) {
    guint group = ((guint)bytes[14] << 8 | bytes[15]) + id;

    bytes[14] = (guint8)(group >> 8);
    bytes[15] = (guint8)group;
  } else {
    bytes[3] = (guint8)(bytes[3] + id);
  }
  shifted = g_inet_address_new_from_bytes (bytes, ipv6 ? G_SOCKET_FAMILY_IPV6 : G_SOCKET_FAMILY_IPV4);
  return g_inet_address_to_string (shifted);
}

void
sim_model_set_data_format (SimModel *self, const SimDataFormat *format)
{
  self->data_format = *format;
}

static const char *
aggregation_name (SimAggregation aggregation)
{
  switch (aggregation) {
  case SIM_AGGREGATION_NONE: return "none";
  case SIM_AGGREGATION_QMAP: return "qmap";
  case SIM_AGGREGATION_QMAPV5: return "qmapv5";
  }
  return "none";
}

char *
sim_data_format_string (const SimDataFormat *format)
{
  const char *link = "802-3";

  switch (format->link_layer) {
  case SIM_LINK_LAYER_802_3: link = "802-3"; break;
  case SIM_LINK_LAYER_RAW_IP: link = "raw-ip"; break;
  }
  return g_strdup_printf ("%s %s %s", link, aggregation_name (format->uplink),
                          aggregation_name (format->downlink));
}

char *
sim_model_data_format_string (SimModel *self)
{
  return sim_data_format_string (&self->data_format);
}
