/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "mc-actions.h"

gboolean
mc_run_monitor (McContext *ctx, GError **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "not yet");
  return FALSE;
}
