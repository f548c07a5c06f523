/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The IP Configuration answer of an MBIM session as bearer settings: the
 * device assigns addresses itself, so both families use the "static"
 * method with address, prefix, gateway, DNS servers and MTU as given. */
#pragma once

#include <libmbim-glib.h>

#include "md-bearer.h"

G_BEGIN_DECLS

/* Sets *out_ip4 / *out_ip6 to NULL for a family the device configured no
 * address for. Fails with MD_CORE_ERROR_FAILED on a malformed message,
 * and when neither family has an address. */
gboolean md_mbim_parse_ip_configuration (MbimMessage *response, MdIpConfig **out_ip4, MdIpConfig **out_ip6,
                                         GError **error);

G_END_DECLS
