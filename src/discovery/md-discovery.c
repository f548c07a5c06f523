/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The discovery object: takes port events from a backend, types ports,
 * groups them into devices, decides which ports may be opened and when a
 * device is ready, and emits the device/port signals. Opens nothing. */
#include "md-discovery.h"

#include "md-config.h"
#include "md-discovery-backend.h"
#include "md-errors.h"
#include "md-grouping.h"
#include "md-log.h"
#include "md-port-evidence.h"
#include "md-port-typing.h"
#include "md-port-uses.h"
#include "md-readiness.h"

#define DEFAULT_USB_WAIT_MS 1000
#define DEFAULT_SETTLE_MS   100

G_DEFINE_BOXED_TYPE (MdDiscoveredPort, md_discovered_port, md_discovered_port_ref, md_discovered_port_unref)
G_DEFINE_BOXED_TYPE (MdDiscoveredDevice, md_discovered_device, md_discovered_device_ref,
                     md_discovered_device_unref)

typedef struct {
  MdDiscoveredDevice *device;
  gboolean announced;
  guint timer_id;
  MdDiscovery *owner;
} DeviceState;

struct _MdDiscovery {
  GObject parent;
  MdDiscoveryConfig config; /* strings and table owned */
  MdDiscoveryBackend *backend;
  GHashTable *devices;   /* uid -> DeviceState */
  GHashTable *port_uids; /* "subsystem/name" -> uid */
  gboolean enumerating;  /* ports seen now were present before: no wait */
  gboolean manual_scan;  /* a ScanDevices is enumerating */
  gboolean started;
};

enum { SIGNAL_DEVICE_ADDED, SIGNAL_DEVICE_REMOVED, SIGNAL_PORT_ADDED, SIGNAL_PORT_REMOVED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (MdDiscovery, md_discovery, G_TYPE_OBJECT)

static void
device_state_free (DeviceState *state)
{
  g_clear_handle_id (&state->timer_id, g_source_remove);
  md_discovered_device_unref (state->device);
  g_free (state);
}

static char *
port_key (const char *subsystem, const char *name)
{
  return g_strconcat (subsystem, "/", name, NULL);
}

static void
announce (MdDiscovery *self, DeviceState *state)
{
  g_autofree char *drivers = NULL;
  g_auto (GStrv) list = NULL;

  g_clear_handle_id (&state->timer_id, g_source_remove);
  state->announced = TRUE;
  list = md_discovered_device_get_drivers (state->device);
  drivers = g_strjoinv (",", list);
  md_log_info ("discovery", "device %s ready: %u ports, drivers %s", state->device->uid,
               state->device->ports->len, drivers);
  g_signal_emit (self, signals[SIGNAL_DEVICE_ADDED], 0, state->device);
}

static gboolean
on_wait_over (gpointer user_data)
{
  DeviceState *state = user_data;

  state->timer_id = 0;
  if (!state->announced && !state->device->ignored
      && md_discovered_device_has_usable_control_port (state->device))
    announce (state->owner, state);
  return G_SOURCE_REMOVE;
}

/* Whether every port still arriving has arrived. USB devices list their
 * interfaces; other devices are complete with a driver-typed MBIM or QMI
 * port and a net port, else once quiet (the settle timer). */
static gboolean
all_ports_arrived (MdDiscovery *self, DeviceState *state)
{
  g_autoptr (GPtrArray) interfaces = NULL;
  guint pending;

  if (self->enumerating)
    return TRUE;
  if (state->device->subsystem != MD_PHYS_SUBSYSTEM_USB)
    return md_readiness_typed_control_and_net (state->device);
  interfaces = self->backend->ops->usb_interfaces (self->backend, state->device->sysfs_path);
  pending = md_readiness_pending_interfaces (interfaces, state->device);
  if (pending > 0)
    md_log_debug ("discovery", "device %s: %u interfaces still without ports", state->device->uid, pending);
  return pending == 0;
}

/* Announces a waiting device when it is ready, else (re)arms its bound. */
static void
evaluate (MdDiscovery *self, DeviceState *state, gboolean port_arrived)
{
  gboolean usb = state->device->subsystem == MD_PHYS_SUBSYSTEM_USB;

  if (state->announced)
    return;
  if (state->device->ignored || !md_discovered_device_has_usable_control_port (state->device)) {
    g_clear_handle_id (&state->timer_id, g_source_remove);
    return;
  }
  if (all_ports_arrived (self, state)) {
    announce (self, state);
    return;
  }
  /* USB: one bound from the first usable port on. Others: quiet time,
   * restarted by each port that arrives. */
  if (!usb && port_arrived)
    g_clear_handle_id (&state->timer_id, g_source_remove);
  if (state->timer_id == 0)
    state->timer_id
      = g_timeout_add (usb ? self->config.usb_wait_ms : self->config.settle_ms, on_wait_over, state);
}

static void
log_port (const MdDiscoveredDevice *device, const MdDiscoveredPort *port)
{
  md_log_debug ("discovery", "[%s/%s] kind %s, driver %s, %s, device %s", port->subsystem, port->name,
                md_port_kind_to_string (port->kind), port->driver ? port->driver : "none",
                port->may_open ? "may be opened" : "never opened", device->uid);
}

/* ID_MM_DEVICE_MANUAL_SCAN_ONLY on any port, ID_MM_TTY_MANUAL_SCAN_ONLY on
 * a tty (ModemManager's older name of the same tag, and the tty one): the
 * port is taken only by ScanDevices, not on hotplug or at start. */
static gboolean
manual_scan_only (const MdDiscoveredPort *port)
{
  return md_discovered_port_hint_is_set (port, "DEVICE_MANUAL_SCAN_ONLY")
         || (g_str_equal (port->subsystem, "tty")
             && md_discovered_port_hint_is_set (port, "TTY_MANUAL_SCAN_ONLY"));
}

static void
on_port_added (MdDiscoveredPort *port_in, gpointer user_data)
{
  MdDiscovery *self = user_data;
  g_autoptr (MdDiscoveredPort) port = port_in;
  g_autofree char *key = port_key (port->subsystem, port->name);
  g_autofree char *uid = NULL;
  DeviceState *state;

  if (g_hash_table_contains (self->port_uids, key))
    return;
  if (!self->manual_scan && manual_scan_only (port)) {
    md_log_debug ("discovery", "[%s/%s] manual scan only: left for ScanDevices", port->subsystem, port->name);
    return;
  }
  md_port_typing_apply (port);
  uid = md_grouping_uid (port);
  state = g_hash_table_lookup (self->devices, uid);
  if (!state) {
    state = g_new0 (DeviceState, 1);
    state->owner = self;
    state->device = md_grouping_new_device (port);
    g_hash_table_insert (self->devices, g_strdup (uid), state);
  }
  g_ptr_array_add (state->device->ports, md_discovered_port_ref (port));
  g_hash_table_insert (self->port_uids, g_steal_pointer (&key), g_strdup (uid));
  md_port_evidence_apply (state->device, &self->config);
  log_port (state->device, port);
  if (state->announced)
    g_signal_emit (self, signals[SIGNAL_PORT_ADDED], 0, state->device, port);
  else if (!self->enumerating)
    evaluate (self, state, TRUE);
}

/* Drops the device: device-removed if it was announced. */
static void
forget_device (MdDiscovery *self, DeviceState *state)
{
  g_autoptr (MdDiscoveredDevice) device = md_discovered_device_ref (state->device);
  gboolean announced = state->announced;

  for (guint i = 0; i < device->ports->len; i++) {
    MdDiscoveredPort *port = g_ptr_array_index (device->ports, i);
    g_autofree char *key = port_key (port->subsystem, port->name);

    g_hash_table_remove (self->port_uids, key);
  }
  g_hash_table_remove (self->devices, device->uid);
  if (announced) {
    md_log_info ("discovery", "device %s gone", device->uid);
    g_signal_emit (self, signals[SIGNAL_DEVICE_REMOVED], 0, device);
  }
}

static gboolean
has_control_port (const MdDiscoveredDevice *device)
{
  for (guint i = 0; i < device->ports->len; i++) {
    MdDiscoveredPort *port = g_ptr_array_index (device->ports, i);

    if (md_port_kind_is_control (port->kind) && port->may_open)
      return TRUE;
  }
  return FALSE;
}

static void
on_port_removed (const char *subsystem, const char *name, gpointer user_data)
{
  MdDiscovery *self = user_data;
  g_autofree char *key = port_key (subsystem, name);
  const char *uid = g_hash_table_lookup (self->port_uids, key);
  DeviceState *state = uid ? g_hash_table_lookup (self->devices, uid) : NULL;
  g_autoptr (MdDiscoveredPort) port = NULL;
  guint index;

  if (!state)
    return;
  port = md_discovered_port_ref (md_discovered_device_find_port (state->device, subsystem, name));
  g_ptr_array_find (state->device->ports, port, &index);
  g_ptr_array_remove_index (state->device->ports, index);
  g_hash_table_remove (self->port_uids, key);
  md_port_evidence_apply (state->device, &self->config);
  if (state->device->ports->len == 0 || (state->announced && !has_control_port (state->device))) {
    forget_device (self, state);
    return;
  }
  if (state->announced)
    g_signal_emit (self, signals[SIGNAL_PORT_REMOVED], 0, state->device, port);
  else
    evaluate (self, state, FALSE);
}

/* An announced device that became ignored or lost its last usable control
 * port: device-removed, but its records stay, so a later change that makes
 * it usable again announces it anew. */
static void
withdraw_device (MdDiscovery *self, DeviceState *state)
{
  g_autoptr (MdDiscoveredDevice) device = md_discovered_device_ref (state->device);

  state->announced = FALSE;
  md_log_info ("discovery", "device %s withdrawn: %s", device->uid,
               device->ignored ? "ignored" : "no usable control port");
  g_signal_emit (self, signals[SIGNAL_DEVICE_REMOVED], 0, device);
}

typedef struct {
  MdDiscovery *self;
  DeviceState *state;
  MdDiscoveredDevice *device;
} PortChanges;

/* A port whose use changed is removed and, if still usable, added again. */
static void
port_use_changed (MdDiscoveredPort *was, MdPortKind was_kind, gboolean was_in_use, MdDiscoveredPort *port,
                  gboolean now_in_use, gpointer user_data)
{
  PortChanges *changes = user_data;

  md_log_info ("discovery", "[%s/%s] re-typed: %s -> %s%s", port->subsystem, port->name,
               md_port_kind_to_string (was_kind), md_port_kind_to_string (port->kind),
               port->may_open ? "" : " (never opened)");
  if (was_in_use)
    g_signal_emit (changes->self, signals[SIGNAL_PORT_REMOVED], 0, changes->device, was);
  if (now_in_use && changes->state->announced)
    g_signal_emit (changes->self, signals[SIGNAL_PORT_ADDED], 0, changes->device, port);
}

static void
emit_port_changes (MdDiscovery *self, DeviceState *state, GArray *before)
{
  g_autoptr (MdDiscoveredDevice) device = md_discovered_device_ref (state->device);
  g_autoptr (GPtrArray) now = g_ptr_array_copy (device->ports, (GCopyFunc)md_discovered_port_ref, NULL);
  PortChanges changes = { self, state, device };

  g_ptr_array_set_free_func (now, (GDestroyNotify)md_discovered_port_unref);
  md_port_uses_compare (before, now, port_use_changed, &changes);
}

/* Puts port in the place of the record of the same name in state (the
 * caller knows there is one). */
static void
replace_port (DeviceState *state, MdDiscoveredPort *port)
{
  GPtrArray *ports = state->device->ports;

  for (guint i = 0; i < ports->len; i++) {
    MdDiscoveredPort *old = g_ptr_array_index (ports, i);

    if (g_str_equal (old->subsystem, port->subsystem) && g_str_equal (old->name, port->name)) {
      ports->pdata[i] = md_discovered_port_ref (port);
      md_discovered_port_unref (old);
      return;
    }
  }
}

/* A "change" uevent: the port's properties are read again and it is typed
 * anew; the device follows (withdrawn, re-announced, ports re-typed). */
static void
on_port_changed (MdDiscoveredPort *port_in, gpointer user_data)
{
  MdDiscovery *self = user_data;
  g_autoptr (MdDiscoveredPort) port = port_in;
  g_autofree char *key = port_key (port->subsystem, port->name);
  g_autofree char *new_uid = NULL;
  const char *uid = g_hash_table_lookup (self->port_uids, key);
  DeviceState *state = uid ? g_hash_table_lookup (self->devices, uid) : NULL;
  g_autoptr (GArray) before = NULL;

  md_port_typing_apply (port);
  new_uid = md_grouping_uid (port);
  if (!state || !g_str_equal (uid, new_uid)) {
    /* Unknown (e.g. left for ScanDevices), or it moved to another device. */
    if (state)
      on_port_removed (port->subsystem, port->name, self);
    on_port_added (g_steal_pointer (&port), self);
    return;
  }
  before = md_port_uses_snapshot (state->device);
  replace_port (state, port);
  md_port_evidence_apply (state->device, &self->config);
  log_port (state->device, port);
  if (!state->announced) {
    evaluate (self, state, FALSE);
    return;
  }
  if (state->device->ignored || !has_control_port (state->device)) {
    withdraw_device (self, state);
    return;
  }
  emit_port_changes (self, state, before);
}

/* The device whose physical device is at sysfs_path, or NULL. */
static DeviceState *
find_by_sysfs_path (MdDiscovery *self, const char *sysfs_path)
{
  GHashTableIter iter;
  DeviceState *state;

  g_hash_table_iter_init (&iter, self->devices);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&state)) {
    if (g_strcmp0 (state->device->sysfs_path, sysfs_path) == 0)
      return state;
  }
  return NULL;
}

static void
on_physdev_removed (const char *sysfs_path, gpointer user_data)
{
  MdDiscovery *self = user_data;
  DeviceState *state = find_by_sysfs_path (self, sysfs_path);

  if (state)
    forget_device (self, state);
}

static void
evaluate_all (MdDiscovery *self)
{
  g_autofree gpointer *keys = g_hash_table_get_keys_as_array (self->devices, NULL);
  g_auto (GStrv) uids = g_strdupv ((GStrv)keys);

  /* A handler of a signal evaluate emits may drop devices: look each up. */
  for (guint i = 0; uids[i]; i++) {
    DeviceState *state = g_hash_table_lookup (self->devices, uids[i]);

    if (state)
      evaluate (self, state, FALSE);
  }
}

/* Only the device the interface belongs to: with many devices arriving
 * at once, evaluating every waiting device on each interface's event
 * would read each one's interfaces again and again. */
static void
on_usb_interface_changed (const char *usb_device_path, gpointer user_data)
{
  MdDiscovery *self = user_data;
  DeviceState *state = find_by_sysfs_path (self, usb_device_path);

  if (state)
    evaluate (self, state, FALSE);
}

static const MdDiscoveryBackendCallbacks backend_callbacks = {
  .port_added = on_port_added,
  .port_removed = on_port_removed,
  .port_changed = on_port_changed,
  .physdev_removed = on_physdev_removed,
  .usb_interface_changed = on_usb_interface_changed,
};

static void
md_discovery_finalize (GObject *object)
{
  MdDiscovery *self = MD_DISCOVERY (object);

  if (self->backend)
    self->backend->ops->free (self->backend);
  g_hash_table_unref (self->devices);
  g_hash_table_unref (self->port_uids);
  g_free ((char *)self->config.sysfs_root);
  g_free ((char *)self->config.initial_kernel_events);
  g_free ((MdUsbId *)self->config.known_modems);
  G_OBJECT_CLASS (md_discovery_parent_class)->finalize (object);
}

static void
md_discovery_init (MdDiscovery *self)
{
  self->devices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)device_state_free);
  self->port_uids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static void
md_discovery_class_init (MdDiscoveryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = md_discovery_finalize;
  signals[SIGNAL_DEVICE_ADDED]
    = g_signal_new ("device-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                    G_TYPE_NONE, 1, MD_TYPE_DISCOVERED_DEVICE);
  signals[SIGNAL_DEVICE_REMOVED]
    = g_signal_new ("device-removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                    G_TYPE_NONE, 1, MD_TYPE_DISCOVERED_DEVICE);
  signals[SIGNAL_PORT_ADDED]
    = g_signal_new ("port-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                    G_TYPE_NONE, 2, MD_TYPE_DISCOVERED_DEVICE, MD_TYPE_DISCOVERED_PORT);
  signals[SIGNAL_PORT_REMOVED]
    = g_signal_new ("port-removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                    G_TYPE_NONE, 2, MD_TYPE_DISCOVERED_DEVICE, MD_TYPE_DISCOVERED_PORT);
}

static MdDiscoveryBackend *
backend_new (MdDiscovery *self, GError **error)
{
  switch (self->config.backend) {
  case MD_DISCOVERY_BACKEND_UDEV:
#if MD_WITH_UDEV
    return md_discovery_backend_udev_new (&self->config, &backend_callbacks, self);
#else
    g_set_error_literal (error, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED, "modemd was built without udev");
    return NULL;
#endif
  case MD_DISCOVERY_BACKEND_KERNEL_EVENTS:
    return md_discovery_backend_kernel_new (&self->config, &backend_callbacks, self);
  }
  g_set_error_literal (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS, "Unknown discovery backend");
  return NULL;
}

MdDiscovery *
md_discovery_new (const MdDiscoveryConfig *config, GError **error)
{
  g_autoptr (MdDiscovery) self = g_object_new (MD_TYPE_DISCOVERY, NULL);

  g_return_val_if_fail (config != NULL, NULL);
  self->config = *config;
  self->config.sysfs_root = g_strdup (config->sysfs_root);
  self->config.initial_kernel_events = g_strdup (config->initial_kernel_events);
  self->config.known_modems = config->n_known_modems
                                ? g_memdup2 (config->known_modems, config->n_known_modems * sizeof (MdUsbId))
                                : NULL;
  if (!self->config.known_modems)
    self->config.n_known_modems = 0;
  if (self->config.usb_wait_ms == 0)
    self->config.usb_wait_ms = DEFAULT_USB_WAIT_MS;
  if (self->config.settle_ms == 0)
    self->config.settle_ms = DEFAULT_SETTLE_MS;
  self->backend = backend_new (self, error);
  if (!self->backend)
    return NULL;
  return g_steal_pointer (&self);
}

gboolean
md_discovery_start (MdDiscovery *self, GError **error)
{
  gboolean ok;

  g_return_val_if_fail (MD_IS_DISCOVERY (self), FALSE);
  if (self->started)
    return TRUE;
  self->enumerating = TRUE;
  ok = self->backend->ops->start (self->backend, error);
  evaluate_all (self);
  self->enumerating = FALSE;
  self->started = ok;
  return ok;
}

void
md_discovery_stop (MdDiscovery *self)
{
  g_return_if_fail (MD_IS_DISCOVERY (self));
  self->backend->ops->stop (self->backend);
  self->started = FALSE;
}

/* Devices not announced yet (ignored, or without a usable control port)
 * are dropped silently, so a rescan judges them again from their current
 * properties, as a rule changed since their uevent may now allow them. */
static void
forget_unannounced (MdDiscovery *self)
{
  g_autoptr (GPtrArray) waiting = g_ptr_array_new ();
  GHashTableIter iter;
  DeviceState *state;

  g_hash_table_iter_init (&iter, self->devices);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&state)) {
    if (!state->announced)
      g_ptr_array_add (waiting, state);
  }
  for (guint i = 0; i < waiting->len; i++)
    forget_device (self, g_ptr_array_index (waiting, i));
}

void
md_discovery_rescan (MdDiscovery *self)
{
  g_return_if_fail (MD_IS_DISCOVERY (self));
  if (self->backend->ops->rescan_reports_all)
    forget_unannounced (self);
  self->enumerating = TRUE;
  self->manual_scan = TRUE;
  self->backend->ops->rescan (self->backend);
  evaluate_all (self);
  self->manual_scan = FALSE;
  self->enumerating = FALSE;
}

gboolean
md_discovery_report_kernel_event (MdDiscovery *self, GVariant *properties, GError **error)
{
  g_autoptr (MdKernelEvent) event = NULL;

  g_return_val_if_fail (MD_IS_DISCOVERY (self), FALSE);
  if (self->config.backend == MD_DISCOVERY_BACKEND_UDEV) {
    g_set_error_literal (error, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED,
                         "Cannot report kernel events: udev monitoring is in use");
    return FALSE;
  }
  event = md_kernel_event_from_variant (properties, error);
  if (!event)
    return FALSE;
  return self->backend->ops->report (self->backend, event, error);
}

GPtrArray *
md_discovery_dup_devices (MdDiscovery *self)
{
  GPtrArray *devices = g_ptr_array_new_with_free_func ((GDestroyNotify)md_discovered_device_unref);
  GHashTableIter iter;
  DeviceState *state;

  g_hash_table_iter_init (&iter, self->devices);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&state)) {
    if (state->announced)
      g_ptr_array_add (devices, md_discovered_device_ref (state->device));
  }
  return devices;
}

MdDiscoveredDevice *
md_discovery_lookup_device (MdDiscovery *self, const char *uid)
{
  DeviceState *state = g_hash_table_lookup (self->devices, uid);

  return state ? state->device : NULL;
}

gboolean
md_discovery_device_is_announced (MdDiscovery *self, const char *uid)
{
  DeviceState *state = g_hash_table_lookup (self->devices, uid);

  return state && state->announced;
}
