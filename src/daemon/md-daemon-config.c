/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Releasing what the daemon's configuration object owns; main.c fills it
 * from the command line. */
#include "md-daemon-config.h"

void
md_daemon_config_clear (MdDaemonConfig *config)
{
  g_clear_pointer (&config->authorizer, md_authorizer_unref);
  g_clear_pointer (&config->sysfs_root, g_free);
  g_clear_pointer (&config->dev_root, g_free);
  g_clear_pointer (&config->initial_kernel_events, g_free);
  g_clear_pointer (&config->connection_dispatcher_folders, g_strfreev);
}
