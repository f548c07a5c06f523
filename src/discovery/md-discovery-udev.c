/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The udev backend: enumerates the port subsystems at start and on rescan,
 * follows their uevents, and turns each udev device into a port record
 * (its properties and its chain of parents). Built only with -Dudev=true. */
#include "md-discovery-backend.h"

#include <gudev/gudev.h>

#include "md-errors.h"
#include "md-log.h"
#include "md-sysfs.h"

static const char *const subsystems[] = { "tty", "usbmisc", "usb", "wwan", "net", "rpmsg", NULL };

typedef struct {
  MdDiscoveryBackend parent;
  GUdevClient *query;   /* listens to nothing: enumeration only */
  GUdevClient *monitor; /* between start and stop: uevents */
  gulong uevent_id;
} UdevBackend;

static MdSysEntry *
entry_from_udev (GUdevDevice *device)
{
  MdSysEntry *entry = md_sys_entry_new (g_udev_device_get_sysfs_path (device));

  entry->subsystem = g_strdup (g_udev_device_get_subsystem (device));
  entry->driver = g_strdup (g_udev_device_get_driver (device));
  entry->devtype = g_strdup (g_udev_device_get_devtype (device));
  for (guint i = 0; md_sys_entry_attribute_names[i]; i++) {
    const char *value = g_udev_device_get_sysfs_attr (device, md_sys_entry_attribute_names[i]);

    if (value)
      g_hash_table_replace (entry->attrs, g_strdup (md_sys_entry_attribute_names[i]),
                            g_strstrip (g_strdup (value)));
  }
  return entry;
}

static MdDiscoveredPort *
port_from_udev (GUdevDevice *device)
{
  MdDiscoveredPort *port
    = md_discovered_port_new (g_udev_device_get_subsystem (device), g_udev_device_get_name (device));
  const char *const *keys = g_udev_device_get_property_keys (device);
  g_autoptr (GUdevDevice) current = g_object_ref (device);

  port->sysfs_path = g_strdup (g_udev_device_get_sysfs_path (device));
  port->device_file = g_strdup (g_udev_device_get_device_file (device));
  for (guint i = 0; keys && keys[i]; i++)
    g_hash_table_replace (port->properties, g_strdup (keys[i]),
                          g_strdup (g_udev_device_get_property (device, keys[i])));
  while (current) {
    GUdevDevice *parent = g_udev_device_get_parent (current);

    g_ptr_array_add (port->chain, entry_from_udev (current));
    g_object_unref (current);
    current = parent;
  }
  return port;
}

/* Whether a udev device is a port discovery tracks: a device node of a
 * port subsystem, or a net interface, on real (non-virtual) hardware. */
static gboolean
is_port (GUdevDevice *device)
{
  const char *subsystem = g_udev_device_get_subsystem (device);
  const char *path = g_udev_device_get_sysfs_path (device);

  if (!subsystem || !path || g_str_has_prefix (path, "/sys/devices/virtual/"))
    return FALSE;
  if (g_str_equal (subsystem, "net"))
    return TRUE;
  if (!g_udev_device_get_device_file (device))
    return FALSE;
  if (g_str_equal (subsystem, "usb"))
    return g_str_has_prefix (g_udev_device_get_name (device), "cdc-wdm");
  return TRUE;
}

static void
on_uevent (GUdevClient *client, const char *action, GUdevDevice *device, gpointer user_data)
{
  MdDiscoveryBackend *self = user_data;
  const char *devtype = g_udev_device_get_devtype (device);

  if (g_str_equal (action, "remove")) {
    /* The folder is gone already: use only what the event carries. */
    if (g_strcmp0 (devtype, "usb_device") == 0)
      self->callbacks.physdev_removed (g_udev_device_get_sysfs_path (device), self->user_data);
    else if (g_udev_device_get_subsystem (device) && g_udev_device_get_name (device))
      self->callbacks.port_removed (g_udev_device_get_subsystem (device), g_udev_device_get_name (device),
                                    self->user_data);
    return;
  }
  if (is_port (device)) {
    if (g_str_equal (action, "change"))
      self->callbacks.port_changed (port_from_udev (device), self->user_data);
    else
      self->callbacks.port_added (port_from_udev (device), self->user_data);
    return;
  }
  if (g_strcmp0 (devtype, "usb_interface") == 0) {
    g_autoptr (GUdevDevice) usb_device = g_udev_device_get_parent (device);

    if (usb_device)
      self->callbacks.usb_interface_changed (g_udev_device_get_sysfs_path (usb_device), self->user_data);
  }
}

static void
udev_rescan (MdDiscoveryBackend *self)
{
  UdevBackend *udev = (UdevBackend *)self;

  for (guint i = 0; subsystems[i]; i++) {
    GList *devices = g_udev_client_query_by_subsystem (udev->query, subsystems[i]);

    for (GList *l = devices; l; l = l->next) {
      if (is_port (l->data))
        self->callbacks.port_added (port_from_udev (l->data), self->user_data);
    }
    g_list_free_full (devices, g_object_unref);
  }
}

static gboolean
udev_start (MdDiscoveryBackend *self, GError **error)
{
  UdevBackend *udev = (UdevBackend *)self;

  if (!udev->monitor) {
    udev->monitor = g_udev_client_new ((const char *const *)subsystems);
    udev->uevent_id = g_signal_connect (udev->monitor, "uevent", G_CALLBACK (on_uevent), self);
  }
  udev_rescan (self);
  return TRUE;
}

static void
udev_stop (MdDiscoveryBackend *self)
{
  UdevBackend *udev = (UdevBackend *)self;

  if (udev->monitor)
    g_clear_signal_handler (&udev->uevent_id, udev->monitor);
  g_clear_object (&udev->monitor);
}

/* Reads the device's own folder, not the bus: with many devices plugged
 * at once, every port's arrival asks this of its device. */
static GPtrArray *
udev_usb_interfaces (MdDiscoveryBackend *self, const char *usb_device_path)
{
  UdevBackend *udev = (UdevBackend *)self;
  GPtrArray *interfaces = g_ptr_array_new_with_free_func ((GDestroyNotify)md_sys_entry_free);
  g_auto (GStrv) paths = md_sysfs_usb_interface_paths (usb_device_path);

  for (guint i = 0; paths[i]; i++) {
    g_autoptr (GUdevDevice) device = g_udev_client_query_by_sysfs_path (udev->query, paths[i]);

    if (device && g_strcmp0 (g_udev_device_get_devtype (device), "usb_interface") == 0)
      g_ptr_array_add (interfaces, entry_from_udev (device));
  }
  return interfaces;
}

static gboolean
udev_report (MdDiscoveryBackend *self, const MdKernelEvent *event, GError **error)
{
  g_set_error_literal (error, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED,
                       "Cannot report kernel events: udev monitoring is in use");
  return FALSE;
}

static void
udev_free (MdDiscoveryBackend *self)
{
  UdevBackend *udev = (UdevBackend *)self;

  udev_stop (self);
  g_clear_object (&udev->query);
  g_free (udev);
}

static const MdDiscoveryBackendOps udev_ops = {
  .start = udev_start,
  .stop = udev_stop,
  .rescan = udev_rescan,
  .rescan_reports_all = TRUE,
  .usb_interfaces = udev_usb_interfaces,
  .report = udev_report,
  .free = udev_free,
};

MdDiscoveryBackend *
md_discovery_backend_udev_new (const MdDiscoveryConfig *config, const MdDiscoveryBackendCallbacks *callbacks,
                               gpointer user_data)
{
  UdevBackend *self = g_new0 (UdevBackend, 1);

  self->parent.ops = &udev_ops;
  self->parent.config = config;
  self->parent.callbacks = *callbacks;
  self->parent.user_data = user_data;
  self->query = g_udev_client_new (NULL);
  return &self->parent;
}
