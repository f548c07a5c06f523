/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The settings a discovery object is created with: which backend feeds it,
 * where sysfs is, what the plugins know about modems (evidence hook), and
 * the bounds of the wait for ports still arriving. No process-wide state. */
#pragma once

#include "md-discovery-types.h"

G_BEGIN_DECLS

typedef enum {
  MD_DISCOVERY_BACKEND_UDEV,          /* libgudev: enumeration and uevents */
  MD_DISCOVERY_BACKEND_KERNEL_EVENTS, /* ReportKernelEvent / initial file; sysfs read directly */
} MdDiscoveryBackendKind;

/* A USB id pair a plugin knows as a modem; product 0 matches any product. */
typedef struct {
  guint16 vendor;
  guint16 product;
} MdUsbId;

/* Extra evidence from the plugins: return TRUE when port of device is known
 * to be a modem's AT candidate (e.g. a vendor/product the plugin drives). */
typedef gboolean (*MdModemEvidenceFunc) (const MdDiscoveredDevice *device, const MdDiscoveredPort *port,
                                         gpointer user_data);

typedef struct {
  MdDiscoveryBackendKind backend;
  /* Where sysfs is mounted, for the kernel-events backend ("/sys" when NULL).
   * Tests point it at a fake tree; port and device paths then start with it. */
  const char *sysfs_root;
  /* Read before the first report, kernel-events backend only (NULL: none). */
  const char *initial_kernel_events;
  const MdUsbId *known_modems; /* may be NULL */
  guint n_known_modems;
  MdModemEvidenceFunc evidence_func; /* may be NULL */
  gpointer evidence_data;
  /* Longest wait for USB interfaces whose ports have not shown yet
   * (0: 1000 ms). Reached only when a bound driver never creates a port. */
  guint usb_wait_ms;
  /* Non-USB devices (PCI/MHI, platform) without a typed MBIM/QMI port and a
   * net port cannot tell which ports are to come: they are announced once
   * no port arrived for this long (0: 100 ms). */
  guint settle_ms;
} MdDiscoveryConfig;

G_END_DECLS
