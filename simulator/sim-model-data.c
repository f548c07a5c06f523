/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The stores of the model: PDP contexts with their active state, the data
 * call riding on one of them, and the SMS storage (PDUs kept as hex, the way
 * a SIM holds them). */
#include "sim-model.h"

#include <string.h>

gboolean
sim_model_apn_rejected (SimModel *self, const char *apn)
{
  for (guint i = 0; self->reject_apns[i]; i++) {
    if (g_ascii_strcasecmp (self->reject_apns[i], apn ? apn : "") == 0)
      return TRUE;
  }
  return FALSE;
}

SimContext *
sim_model_find_context (SimModel *self, guint cid)
{
  for (guint i = 0; i < self->contexts->len; i++) {
    SimContext *ctx = g_ptr_array_index (self->contexts, i);

    if (ctx->cid == cid)
      return ctx;
  }
  return NULL;
}

static gint
compare_cid (gconstpointer a, gconstpointer b)
{
  const SimContext *x = *(SimContext *const *)a;
  const SimContext *y = *(SimContext *const *)b;

  return (gint)x->cid - (gint)y->cid;
}

gboolean
sim_model_define_context (SimModel *self, guint cid, const char *type, const char *apn, GError **error)
{
  static const char *const types[] = { "IP", "IPV6", "IPV4V6", NULL };
  SimContext *ctx;

  if (cid < 1 || cid > self->max_cid || !type || !g_strv_contains (types, type)) {
    g_set_error (error, SIM_ERROR, SIM_ERROR_INCORRECT_PARAMETERS, "Invalid context %u type %s", cid,
                 type ? type : "(none)");
    return FALSE;
  }
  ctx = sim_model_find_context (self, cid);
  if (ctx && ctx->active) {
    g_set_error (error, SIM_ERROR, SIM_ERROR_NOT_ALLOWED, "Context %u is active", cid);
    return FALSE;
  }
  if (!ctx) {
    ctx = g_new0 (SimContext, 1);
    ctx->cid = cid;
    g_ptr_array_add (self->contexts, ctx);
    g_ptr_array_sort (self->contexts, compare_cid);
  }
  g_free (ctx->type);
  g_free (ctx->apn);
  ctx->type = g_strdup (type);
  ctx->apn = g_strdup (apn ? apn : "");
  sim_model_emit (self, SIM_EVENT_CONTEXT, 0, cid);
  return TRUE;
}

gboolean
sim_model_undefine_context (SimModel *self, guint cid, GError **error)
{
  SimContext *ctx = sim_model_find_context (self, cid);

  if (!ctx)
    return TRUE;
  if (ctx->active) {
    g_set_error (error, SIM_ERROR, SIM_ERROR_NOT_ALLOWED, "Context %u is active", cid);
    return FALSE;
  }
  g_ptr_array_remove (self->contexts, ctx);
  sim_model_emit (self, SIM_EVENT_CONTEXT, 0, cid);
  return TRUE;
}

gboolean
sim_model_set_context_active (SimModel *self, guint cid, gboolean active, GError **error)
{
  SimContext *ctx = sim_model_find_context (self, cid);

  if (!ctx) {
    g_set_error (error, SIM_ERROR, SIM_ERROR_INCORRECT_PARAMETERS, "Context %u is not defined", cid);
    return FALSE;
  }
  if (ctx->active == active)
    return TRUE;
  if (active) {
    /* 27.007: activating a context attaches first when needed. */
    if (self->net.detached && !sim_model_set_attached (self, TRUE, error))
      return FALSE;
    if (!sim_model_has_packet_service (self)) {
      g_set_error (error, SIM_ERROR, SIM_ERROR_NO_NETWORK, "No packet service");
      return FALSE;
    }
    if (sim_model_apn_rejected (self, ctx->apn)) {
      g_set_error (error, SIM_ERROR, SIM_ERROR_MISSING_APN, "APN '%s' rejected by the network", ctx->apn);
      return FALSE;
    }
  }
  ctx->active = active;
  sim_model_emit (self, SIM_EVENT_CONTEXT, 0, cid);
  if (!active && cid == self->call_cid) {
    self->call_cid = 0;
    sim_model_emit (self, SIM_EVENT_CALL_DROPPED, 0, cid);
  }
  return TRUE;
}

gboolean
sim_model_start_call (SimModel *self, guint cid, GError **error)
{
  if (self->call_cid) {
    g_set_error (error, SIM_ERROR, SIM_ERROR_NOT_ALLOWED, "A data call is already active");
    return FALSE;
  }
  if (cid == 0 && self->contexts->len > 0)
    cid = ((SimContext *)g_ptr_array_index (self->contexts, 0))->cid;
  /* Like most modems, dialling without any context uses an empty APN. */
  if (cid == 0 && !sim_model_define_context (self, 1, "IP", "", error))
    return FALSE;
  if (cid == 0)
    cid = 1;
  if (!sim_model_set_context_active (self, cid, TRUE, error))
    return FALSE;
  self->call_cid = cid;
  return TRUE;
}

void
sim_model_end_call (SimModel *self)
{
  SimContext *ctx = sim_model_find_context (self, self->call_cid);

  self->call_cid = 0;
  if (ctx && ctx->active) {
    ctx->active = FALSE;
    sim_model_emit (self, SIM_EVENT_CONTEXT, 0, ctx->cid);
  }
}

gboolean
sim_model_drop_call (SimModel *self)
{
  guint cid = self->call_cid;

  if (!cid)
    return FALSE;
  sim_model_end_call (self);
  sim_model_emit (self, SIM_EVENT_CALL_DROPPED, 0, cid);
  return TRUE;
}

/* --- SMS storage -------------------------------------------------------- */

gboolean
sim_pdu_is_valid (const char *hex, GError **error)
{
  gsize len = hex ? strlen (hex) : 0;
  guint smsc_len;

  for (gsize i = 0; i < len; i++) {
    if (!g_ascii_isxdigit (hex[i]))
      len = 0;
  }
  /* An SMSC length octet, the SMSC itself, then at least a TPDU header. */
  if (len < 4 || len % 2 != 0) {
    g_set_error (error, SIM_ERROR, SIM_ERROR_INCORRECT_PARAMETERS, "Not a hex PDU: %s", hex ? hex : "");
    return FALSE;
  }
  smsc_len = (g_ascii_xdigit_value (hex[0]) << 4) | g_ascii_xdigit_value (hex[1]);
  if ((smsc_len + 1) * 2 >= len) {
    g_set_error (error, SIM_ERROR, SIM_ERROR_INCORRECT_PARAMETERS, "PDU shorter than its SMSC address");
    return FALSE;
  }
  return TRUE;
}

SimSms *
sim_model_find_sms (SimModel *self, guint index)
{
  for (guint i = 0; i < self->sms->len; i++) {
    SimSms *sms = g_ptr_array_index (self->sms, i);

    if (sms->index == index)
      return sms;
  }
  return NULL;
}

guint
sim_model_store_sms (SimModel *self, SimSmsStatus status, const char *pdu, GError **error)
{
  SimSms *sms;
  guint index = 1;

  if (!sim_pdu_is_valid (pdu, error))
    return 0;
  /* The list is sorted, so the first gap is the lowest free index. */
  for (guint i = 0; i < self->sms->len; i++) {
    if (((SimSms *)g_ptr_array_index (self->sms, i))->index != index)
      break;
    index++;
  }
  if (index > self->sms_capacity) {
    g_set_error (error, SIM_ERROR, SIM_ERROR_MEMORY_FULL, "SMS storage full");
    return 0;
  }
  sms = g_new0 (SimSms, 1);
  sms->index = index;
  sms->status = status;
  sms->pdu = g_ascii_strup (pdu, -1);
  g_ptr_array_insert (self->sms, (gint)index - 1, sms);
  return index;
}

guint
sim_model_receive_sms (SimModel *self, const char *pdu, GError **error)
{
  guint index = sim_model_store_sms (self, SIM_SMS_UNREAD, pdu, error);

  if (index)
    sim_model_emit (self, SIM_EVENT_SMS_RECEIVED, 0, index);
  return index;
}

gboolean
sim_model_delete_sms (SimModel *self, guint index, GError **error)
{
  SimSms *sms;

  if (index < 1 || index > self->sms_capacity) {
    g_set_error (error, SIM_ERROR, SIM_ERROR_INVALID_INDEX, "Invalid SMS index %u", index);
    return FALSE;
  }
  sms = sim_model_find_sms (self, index);
  if (sms)
    g_ptr_array_remove (self->sms, sms);
  return TRUE;
}

void
sim_model_mark_sms_read (SimModel *self, SimSms *sms)
{
  if (sms->status == SIM_SMS_UNREAD)
    sms->status = SIM_SMS_READ;
}
