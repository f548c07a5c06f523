/* SPDX-License-Identifier: GPL-2.0-or-later */
/* MdNetwork: one operator as seen in a scan or as the current one. */
#include "md-modem-ops.h"

void
md_network_free (MdNetwork *network)
{
  if (!network)
    return;
  g_free (network->code);
  g_free (network->long_name);
  g_free (network->short_name);
  g_free (network);
}
