/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The backend for systems without udev: ports come from reported kernel
 * events (ReportKernelEvent, the --initial-kernel-events file) and are read
 * from sysfs directly. Nothing is enumerated on its own. */
#include "md-discovery-backend.h"

#include "md-errors.h"
#include "md-log.h"
#include "md-sysfs.h"

typedef struct {
  MdDiscoveryBackend parent;
} KernelBackend;

static const char *
sysfs_root (MdDiscoveryBackend *self)
{
  return self->config->sysfs_root ? self->config->sysfs_root : "/sys";
}

static gboolean
kernel_report (MdDiscoveryBackend *self, const MdKernelEvent *event, GError **error)
{
  g_autoptr (MdDiscoveredPort) port = NULL;

  switch (event->action) {
  case MD_KERNEL_EVENT_REMOVE:
    self->callbacks.port_removed (event->subsystem, event->name, self->user_data);
    return TRUE;
  case MD_KERNEL_EVENT_ADD: break;
  }
  if (g_str_equal (event->subsystem, "qrtr")) {
    /* QRTR nodes live on a socket bus, not in sysfs. */
    port = md_discovered_port_new (event->subsystem, event->name);
  } else {
    port = md_sysfs_read_port (sysfs_root (self), event->subsystem, event->name, error);
    if (!port)
      return FALSE;
  }
  port->reported_uid = g_strdup (event->uid);
  self->callbacks.port_added (g_steal_pointer (&port), self->user_data);
  return TRUE;
}

static gboolean
kernel_start (MdDiscoveryBackend *self, GError **error)
{
  g_autoptr (GPtrArray) events = NULL;
  g_autoptr (GPtrArray) bad_lines = NULL;
  const char *path = self->config->initial_kernel_events;

  if (!path)
    return TRUE;
  events = md_kernel_event_load_file (path, &bad_lines, error);
  if (!events)
    return FALSE;
  for (guint i = 0; i < bad_lines->len; i++)
    md_log_warn ("discovery", "%s: %s", path, (const char *)g_ptr_array_index (bad_lines, i));
  for (guint i = 0; i < events->len; i++) {
    g_autoptr (GError) local = NULL;
    MdKernelEvent *event = g_ptr_array_index (events, i);

    if (!kernel_report (self, event, &local))
      md_log_warn ("discovery", "%s: %s/%s: %s", path, event->subsystem, event->name, local->message);
  }
  return TRUE;
}

static void
kernel_stop (MdDiscoveryBackend *self)
{
}

static void
kernel_rescan (MdDiscoveryBackend *self)
{
  /* Without udev only reports name ports; there is nothing to re-read. */
}

static GPtrArray *
kernel_usb_interfaces (MdDiscoveryBackend *self, const char *usb_device_path)
{
  return md_sysfs_usb_interfaces (usb_device_path);
}

static void
kernel_free (MdDiscoveryBackend *self)
{
  g_free ((KernelBackend *)self);
}

static const MdDiscoveryBackendOps kernel_ops = {
  .start = kernel_start,
  .stop = kernel_stop,
  .rescan = kernel_rescan,
  .usb_interfaces = kernel_usb_interfaces,
  .report = kernel_report,
  .free = kernel_free,
};

MdDiscoveryBackend *
md_discovery_backend_kernel_new (const MdDiscoveryConfig *config,
                                 const MdDiscoveryBackendCallbacks *callbacks, gpointer user_data)
{
  KernelBackend *self = g_new0 (KernelBackend, 1);

  self->parent.ops = &kernel_ops;
  self->parent.config = config;
  self->parent.callbacks = *callbacks;
  self->parent.user_data = user_data;
  return &self->parent;
}
