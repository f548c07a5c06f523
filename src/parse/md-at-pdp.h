/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The modem's stored PDP contexts: +CGDCONT? lines (27.007 10.1.1). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  guint cid;
  guint32 ip_type; /* MdBearerIpFamily: one of IPV4, IPV6, IPV4V6, NON_IP; NONE when unknown */
  char *apn;       /* "" when empty */
} MdAtPdpContext;

void md_at_pdp_context_free (MdAtPdpContext *context);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdAtPdpContext, md_at_pdp_context_free)

/* Every "+CGDCONT: <cid>,<PDP_type>,<APN>,..." line of a +CGDCONT?
 * response, in the modem's order (a new array with free func). Fails when
 * a line is malformed, a cid repeats or an APN holds control characters. */
GPtrArray *md_at_parse_cgdcont_query (const char *response, GError **error);

/* The PDP type for ip_type (IP, IPV6, IPV4V6, Non-IP); NULL for NONE and
 * combinations. */
const char *md_at_pdp_type_for_ip_type (guint32 ip_type);

G_END_DECLS
