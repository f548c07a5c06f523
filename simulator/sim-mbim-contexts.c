/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Basic Connect PROVISIONED_CONTEXTS (v1) over the model's stored contexts
 * (the same ones +CGDCONT shows): query lists them as Internet contexts
 * without credentials, set stores one (an existing context keeps its PDP
 * type, a new one is IPV4V6). */
#include "sim-mbim-private.h"

static GByteArray *
context_element (const SimContext *ctx)
{
  SimMbimBuilder *b = sim_mbim_builder_new ();

  sim_mbim_builder_u32 (b, ctx->cid);
  sim_mbim_builder_bytes (b, (const guint8 *)mbim_uuid_from_context_type (MBIM_CONTEXT_TYPE_INTERNET),
                          SIM_MBIM_UUID_SIZE);
  sim_mbim_builder_string (b, ctx->apn);
  sim_mbim_builder_string (b, NULL);
  sim_mbim_builder_string (b, NULL);
  sim_mbim_builder_u32 (b, MBIM_COMPRESSION_NONE);
  sim_mbim_builder_u32 (b, MBIM_AUTH_PROTOCOL_NONE);
  return sim_mbim_builder_end (b);
}

static GByteArray *
contexts_buffer (SimModel *model)
{
  SimMbimBuilder *b = sim_mbim_builder_new ();

  sim_mbim_builder_u32 (b, model->contexts->len);
  for (guint i = 0; i < model->contexts->len; i++) {
    g_autoptr (GByteArray) element = context_element (g_ptr_array_index (model->contexts, i));

    sim_mbim_builder_ref (b, element->data, element->len);
  }
  return sim_mbim_builder_end (b);
}

void
sim_mbim_provisioned_contexts_query (SimMbim *self, const SimMbimRequest *req)
{
  sim_mbim_reply (self, req->tid, req->cid, MBIM_STATUS_ERROR_NONE, contexts_buffer (self->model));
}

/* ContextId, ContextType, AccessString, UserName, Password, Compression,
 * AuthProtocol, ProviderId. */
void
sim_mbim_provisioned_contexts_set (SimMbim *self, const SimMbimRequest *req)
{
  g_autofree char *apn = NULL;
  g_autoptr (GError) error = NULL;
  const SimContext *existing;
  g_autofree char *type = NULL;
  guint32 cid;

  if (!sim_mbim_read_u32 (&req->buffer, 0, &cid) || !sim_mbim_read_string (&req->buffer, 20, &apn)
      || cid == 0) {
    sim_mbim_reply (self, req->tid, req->cid, MBIM_STATUS_ERROR_INVALID_PARAMETERS, NULL);
    return;
  }
  existing = sim_model_find_context (self->model, cid);
  /* A copy: defining the context replaces the type it points to. */
  type = g_strdup (existing ? existing->type : "IPV4V6");
  if (!sim_model_define_context (self->model, cid, type, apn, &error)) {
    sim_mbim_reply (self, req->tid, req->cid, MBIM_STATUS_ERROR_INVALID_PARAMETERS, NULL);
    return;
  }
  sim_mbim_reply (self, req->tid, req->cid, MBIM_STATUS_ERROR_NONE, contexts_buffer (self->model));
}
