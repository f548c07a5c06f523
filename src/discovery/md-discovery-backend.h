/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The internal face both discovery backends (udev, kernel events) show to
 * md-discovery.c: they turn the system's events into port records and
 * answer the few sysfs questions readiness needs. */
#pragma once

#include "md-config.h"
#include "md-discovery-config.h"
#include "md-kernel-event.h"

G_BEGIN_DECLS

typedef struct {
  /* A port appeared (or was seen at enumeration); the callee takes port. */
  void (*port_added) (MdDiscoveredPort *port, gpointer user_data);
  void (*port_removed) (const char *subsystem, const char *name, gpointer user_data);
  /* A known port's properties may have changed (a "change" uevent); the
   * callee takes port, a fresh record of it. */
  void (*port_changed) (MdDiscoveredPort *port, gpointer user_data);
  /* A physical device vanished (a USB device's own remove event). */
  void (*physdev_removed) (const char *sysfs_path, gpointer user_data);
  /* Something that may complete the waiting USB device at
   * usb_device_path happened (one of its interfaces got its driver). */
  void (*usb_interface_changed) (const char *usb_device_path, gpointer user_data);
} MdDiscoveryBackendCallbacks;

typedef struct _MdDiscoveryBackend MdDiscoveryBackend;

typedef struct {
  /* Enumerates what is present (port_added for each), then follows events. */
  gboolean (*start) (MdDiscoveryBackend *self, GError **error);
  void (*stop) (MdDiscoveryBackend *self);
  /* Enumerates again; port_added for every port present. */
  void (*rescan) (MdDiscoveryBackend *self);
  /* rescan reports every present port again, with its current properties */
  gboolean rescan_reports_all;
  /* MdSysEntry of the USB interfaces of a USB device. */
  GPtrArray *(*usb_interfaces) (MdDiscoveryBackend *self, const char *usb_device_path);
  /* Handles a reported event; FALSE with MD_CORE_ERROR_UNSUPPORTED when
   * the backend takes no reports. */
  gboolean (*report) (MdDiscoveryBackend *self, const MdKernelEvent *event, GError **error);
  void (*free) (MdDiscoveryBackend *self);
} MdDiscoveryBackendOps;

struct _MdDiscoveryBackend {
  const MdDiscoveryBackendOps *ops;
  const MdDiscoveryConfig *config; /* owned by the discovery object */
  MdDiscoveryBackendCallbacks callbacks;
  gpointer user_data;
};

MdDiscoveryBackend *md_discovery_backend_kernel_new (const MdDiscoveryConfig *config,
                                                     const MdDiscoveryBackendCallbacks *callbacks,
                                                     gpointer user_data);
#if MD_WITH_UDEV
MdDiscoveryBackend *md_discovery_backend_udev_new (const MdDiscoveryConfig *config,
                                                   const MdDiscoveryBackendCallbacks *callbacks,
                                                   gpointer user_data);
#endif

G_END_DECLS
