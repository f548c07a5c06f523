/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The daemon's one configuration object, filled from the command line in
 * main.c and handed down at creation: its plugin part to every plugin's
 * create call, its discovery part to MdDiscovery, the poll interval to each
 * new modem, the authorizer to every exported object. */
#pragma once

#include "md-authorizer.h"
#include "md-discovery-config.h"
#include "plugin-api.h"

G_BEGIN_DECLS

typedef struct {
  gboolean test_session;        /* the session bus instead of the system bus */
  gboolean test_enable;         /* export the Test interface */
  guint poll_interval_s;        /* between polls of an enabled modem */
  guint registration_timeout_s; /* Simple.Connect's wait for registration */
  MdPluginSettings plugins;
  MdAuthorizer *authorizer; /* owned */
  /* Discovery: udev, or kernel events (--test-no-udev, -Dudev=false). The
   * strings of discovery point into the owned copies below. */
  MdDiscoveryConfig discovery;
  char *sysfs_root;                    /* --test-sysfs-root, or NULL for /sys */
  char *dev_root;                      /* --test-dev-root, or NULL for /dev */
  char *initial_kernel_events;         /* --initial-kernel-events, or NULL */
  GStrv connection_dispatcher_folders; /* ModemManager's, or --connection-dispatcher-dir */
} MdDaemonConfig;

void md_daemon_config_clear (MdDaemonConfig *config);

G_END_DECLS
