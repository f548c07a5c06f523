/* SPDX-License-Identifier: GPL-2.0-or-later */
/* +CGDCONT? to stored contexts. The APN is the modem's text, but it comes
 * back to callers as a profile: it is checked (printable ASCII) here. */
#include "md-at-pdp.h"

#include <string.h>

#include "md-at-fields.h"
#include "md-enums.h"
#include "md-errors.h"

/* 27.007 allows cids up to 255 on some modems; nothing sane goes beyond. */
#define CID_MAX 255

void
md_at_pdp_context_free (MdAtPdpContext *context)
{
  if (!context)
    return;
  g_free (context->apn);
  g_free (context);
}

static const struct {
  const char *name;
  guint32 ip_type;
} pdp_types[] = {
  { "IP", MD_BEARER_IP_FAMILY_IPV4 },
  { "IPV6", MD_BEARER_IP_FAMILY_IPV6 },
  { "IPV4V6", MD_BEARER_IP_FAMILY_IPV4V6 },
  { "Non-IP", MD_BEARER_IP_FAMILY_NON_IP },
};

const char *
md_at_pdp_type_for_ip_type (guint32 ip_type)
{
  for (guint i = 0; i < G_N_ELEMENTS (pdp_types); i++) {
    if (pdp_types[i].ip_type == ip_type)
      return pdp_types[i].name;
  }
  return NULL;
}

static guint32
ip_type_for_pdp_type (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (pdp_types); i++) {
    if (g_ascii_strcasecmp (pdp_types[i].name, name) == 0)
      return pdp_types[i].ip_type;
  }
  return MD_BEARER_IP_FAMILY_NONE;
}

static gboolean
printable (const char *text)
{
  for (const char *p = text; *p; p++) {
    if (*p < 0x20 || *p > 0x7e)
      return FALSE;
  }
  return TRUE;
}

static MdAtPdpContext *
parse_line (const char *line, GError **error)
{
  const char *value = md_at_skip_prefix (line, "+CGDCONT:");
  g_autoptr (GPtrArray) fields = NULL;
  g_autoptr (MdAtPdpContext) context = NULL;
  g_autofree char *type = NULL;
  guint64 cid;

  if (!value)
    return NULL;
  fields = md_at_split_fields (value);
  if (fields->len < 3 || !md_at_field_uint (g_ptr_array_index (fields, 0), CID_MAX, &cid) || cid == 0) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "Cannot parse +CGDCONT line '%s'", line);
    return NULL;
  }
  context = g_new0 (MdAtPdpContext, 1);
  context->cid = (guint)cid;
  type = md_at_field_unquote (g_ptr_array_index (fields, 1));
  context->ip_type = ip_type_for_pdp_type (type);
  context->apn = md_at_field_unquote (g_ptr_array_index (fields, 2));
  if (!printable (context->apn)) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "Unprintable APN in context %u", context->cid);
    return NULL;
  }
  return g_steal_pointer (&context);
}

GPtrArray *
md_at_parse_cgdcont_query (const char *response, GError **error)
{
  g_auto (GStrv) lines = g_strsplit_set (response, "\r\n", -1);
  g_autoptr (GPtrArray) contexts = g_ptr_array_new_with_free_func ((GDestroyNotify)md_at_pdp_context_free);

  for (guint i = 0; lines[i]; i++) {
    GError *line_error = NULL;
    MdAtPdpContext *context;

    if (!*g_strstrip (lines[i]))
      continue;
    context = parse_line (lines[i], &line_error);
    if (line_error) {
      g_propagate_error (error, line_error);
      return NULL;
    }
    if (!context)
      continue; /* another command's line */
    for (guint j = 0; j < contexts->len; j++) {
      if (((MdAtPdpContext *)g_ptr_array_index (contexts, j))->cid == context->cid) {
        g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "Context %u listed twice", context->cid);
        md_at_pdp_context_free (context);
        return NULL;
      }
    }
    g_ptr_array_add (contexts, context);
  }
  return g_steal_pointer (&contexts);
}
