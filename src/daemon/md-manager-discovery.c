/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Discovery drives modem creation: a device announced ready gets its plugin
 * and its modem (ports probed by the plugin, all at once), its ports claimed
 * in the Manager's ownership table; a port that joins later joins that
 * modem; losing the primary port rebuilds the modem from the rest, as
 * does a modem that asks for it (a SIM inserted or removed); losing the
 * device removes it through its vanish path. ScanDevices and
 * ReportKernelEvent go to discovery. */
#include "manager-private.h"

#include "md-errors.h"
#include "md-log.h"
#include "md-plugin-select.h"

/* What the daemon knows of one announced device. */
typedef struct {
  MdManager *manager;
  MdDiscoveredDevice *device;
  GCancellable *cancellable; /* while the modem is being created */
  guint modem_id;            /* NO_MODEM: none (yet) */
  guint rebuild_id;          /* idle or timeout: build again (primary port left, rebuild asked) */
  gint64 built_us;           /* monotonic time the last build started */
  guint rebuild_delay_ms;    /* the wait before the last asked rebuild (backoff) */
  gboolean session_rebuild;  /* the last rebuild was for a lost control session */
  gboolean no_proxy;         /* its control ports open without mbim-proxy / qmi-proxy (below) */
  GCancellable *late_ports;  /* probes of AT ports that joined the built modem */
} DeviceModem;

#define NO_MODEM G_MAXUINT

static void schedule_rebuild (DeviceModem *entry, const char *log_name);

/* A modem that asks to be rebuilt within REBUILD_QUICK_MS of being built
 * waits twice as long as the time before (from REBUILD_FIRST_DELAY_MS up to
 * REBUILD_MAX_DELAY_MS): a device that keeps failing the same way costs a
 * rebuild a minute, not a busy loop. One that lived longer is rebuilt at
 * once. */
#define REBUILD_QUICK_MS       10000
#define REBUILD_FIRST_DELAY_MS 1000
#define REBUILD_MAX_DELAY_MS   60000

static void
device_modem_free (gpointer data)
{
  DeviceModem *entry = data;

  /* A creation still running finishes with "cancelled" and finds no entry. */
  if (entry->cancellable)
    g_cancellable_cancel (entry->cancellable);
  g_clear_object (&entry->cancellable);
  if (entry->late_ports)
    g_cancellable_cancel (entry->late_ports);
  g_clear_object (&entry->late_ports);
  g_clear_handle_id (&entry->rebuild_id, g_source_remove);
  md_discovered_device_unref (entry->device);
  g_free (entry);
}

/* A creation, told apart from a later one for the same uid (re-plug) by
 * its cancellable. */
typedef struct {
  char *uid;
  GCancellable *cancellable;
  GStrv ports; /* the names handed to the plugin */
} Creation;

/* The plugin that built modem. */
static const MdPlugin *
modem_plugin (MdModem *modem)
{
  return md_plugin_find (md_modem_get_plugin (modem));
}

/* A port that arrived after the modem's creation started, claimed: an AT
 * port (typed or a candidate) is probed and used as a secondary AT port
 * when it answers; any other port is listed with its type (a net port
 * serves the next connection), without becoming the primary port. A QMI
 * or net port also goes to the plugin's join_port (a QMI port opened
 * first): with the other half of its pair it is a data path. */
static void
join_port (MdManager *self, MdModem *modem, DeviceModem *entry, const MdDiscoveredPort *port)
{
  g_autofree char *path = md_manager_device_path (self, port);
  g_autofree char *primary = NULL;
  g_autoptr (GError) error = NULL;

  if (!md_manager_claim_ports (self, entry->device->uid, (const char *const[]){ path, NULL }, &error)) {
    md_log_warn (md_modem_get_log_name (modem), "port %s not added: %s", port->name, error->message);
    return;
  }
  if (port->kind == MD_PORT_KIND_AT || port->kind == MD_PORT_KIND_AT_CANDIDATE) {
    MdPortToProbe to_probe = md_manager_port_to_probe (port, path);

    if (!entry->late_ports)
      entry->late_ports = g_cancellable_new ();
    md_manager_probe_late_port (self, modem, &to_probe, entry->late_ports);
    return;
  }
  primary = g_strdup (md_modem_get_primary_port (modem));
  md_modem_add_port (modem, port->name, md_manager_port_type (port->kind));
  if (primary)
    md_modem_set_primary_port (modem, primary);
  md_log_info (md_modem_get_log_name (modem), "port %s (%s) joined", port->name,
               md_port_kind_to_string (port->kind));
  if (!modem_plugin (modem) || !modem_plugin (modem)->join_port)
    return;
  if (port->kind == MD_PORT_KIND_QMI) {
    MdPortToProbe to_probe = md_manager_port_to_probe (port, path);

    if (!entry->late_ports)
      entry->late_ports = g_cancellable_new ();
    md_manager_open_late_qmi_port (self, modem, &to_probe, entry->no_proxy, entry->late_ports);
  } else if (port->kind == MD_PORT_KIND_NET) {
    MdPortToProbe net = md_manager_port_to_probe (port, path);
    MdProbedPort probed = {
      .device = path,
      .name = port->name,
      .type = MD_MODEM_PORT_TYPE_NET,
      .usb_interface = (char *)net.usb_interface,
      .usb_interface_number = net.usb_interface_number,
    };

    modem_plugin (modem)->join_port (modem, &probed);
  }
}

/* Ports that arrived while the modem was being created join it now. */
static void
join_ports_arrived_meanwhile (MdManager *self, MdModem *modem, DeviceModem *entry, const char *const *given)
{
  for (guint i = 0; i < entry->device->ports->len; i++) {
    const MdDiscoveredPort *port = g_ptr_array_index (entry->device->ports, i);

    if (port->may_open && port->kind != MD_PORT_KIND_IGNORED && !g_strv_contains (given, port->name))
      join_port (self, modem, entry, port);
  }
}

static void
device_modem_created (MdManager *self, MdModem *modem, const GError *error, gpointer user_data)
{
  Creation *creation = user_data;
  g_autofree char *uid = creation->uid;
  g_autoptr (GCancellable) cancellable = creation->cancellable;
  g_auto (GStrv) given = creation->ports;
  DeviceModem *entry = g_hash_table_lookup (self->device_modems, uid);

  g_free (creation);
  if (entry && entry->cancellable != cancellable)
    entry = NULL;
  if (error) {
    md_log_warn (NULL, "[%s] no modem: %s", uid, error->message);
    /* Unless a newer creation for the same uid holds the ports now. */
    if (entry || !g_hash_table_contains (self->device_modems, uid))
      md_manager_release_ports (self, uid);
    if (entry)
      g_clear_object (&entry->cancellable);
    /* It asked to be rebuilt while initializing (its SIM changed, its
     * MBIM session was lost): the device is still there. */
    if (entry && g_error_matches (error, MD_CORE_ERROR, MD_CORE_ERROR_RETRY))
      schedule_rebuild (entry, NULL);
    return;
  }
  if (!entry) {
    /* The device went while the modem was being initialized. */
    md_modem_vanished (modem);
    return;
  }
  g_clear_object (&entry->cancellable);
  entry->modem_id = md_modem_get_id (modem);
  md_log_info (md_modem_get_log_name (modem), "exported for device %s (plugin %s)", uid,
               md_modem_get_plugin (modem));
  join_ports_arrived_meanwhile (self, modem, entry, (const char *const *)given);
}

static void
create_for_device (MdManager *self, DeviceModem *entry, const MdPlugin *plugin)
{
  MdDiscoveredDevice *device = entry->device;
  g_autoptr (GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) ports = md_manager_plugin_ports (self, device, strings);
  g_auto (GStrv) drivers = md_discovered_device_get_drivers (device);
  MdPluginDevice plugin_device = {
    .uid = device->uid,
    .drivers = (const char *const *)drivers,
    .vendor_id = device->usb_vendor,
    .product_id = device->usb_product,
  };
  MdModemRequest request = {
    .plugin = plugin,
    .device = &plugin_device,
    .ports = (const MdPortToProbe *)ports->data,
    .n_ports = ports->len,
    .manufacturer = device->manufacturer,
    .product = device->product,
    .no_proxy = entry->no_proxy,
  };

  Creation *creation;
  g_autoptr (GError) error = NULL;

  g_ptr_array_add (strings, NULL);
  if (!md_manager_claim_ports (self, device->uid, (const char *const *)strings->pdata, &error)) {
    md_log_warn (NULL, "[%s] no modem: %s", device->uid, error->message);
    return;
  }
  creation = g_new0 (Creation, 1);
  md_log_info (NULL, "[%s] device with %u port(s) to open: plugin %s", device->uid, ports->len, plugin->name);
  entry->cancellable = g_cancellable_new ();
  request.cancellable = entry->cancellable;
  creation->uid = g_strdup (device->uid);
  creation->cancellable = g_object_ref (entry->cancellable);
  creation->ports = g_new0 (char *, ports->len + 1);
  for (guint i = 0; i < ports->len; i++)
    creation->ports[i] = g_strdup (g_array_index (ports, MdPortToProbe, i).name);
  md_manager_create_modem (self, &request, device_modem_created, creation);
}

/* Chooses the plugin and starts the creation of the device's modem. */
static void
build_modem (MdManager *self, DeviceModem *entry)
{
  MdDiscoveredDevice *device = entry->device;
  const MdPlugin *plugin;

  entry->built_us = g_get_monotonic_time ();
  plugin = md_plugin_select (md_plugin_list (), device);
  if (!plugin) {
    md_log_info (NULL, "[%s] no plugin matches the device", device->uid);
    return;
  }
  create_for_device (self, entry, plugin);
}

static void
device_added (MdDiscovery *discovery, MdDiscoveredDevice *device, gpointer user_data)
{
  MdManager *self = user_data;
  DeviceModem *entry;

  if (g_hash_table_contains (self->device_modems, device->uid))
    return;
  entry = g_new0 (DeviceModem, 1);
  entry->manager = self;
  entry->device = md_discovered_device_ref (device);
  entry->modem_id = NO_MODEM;
  g_hash_table_insert (self->device_modems, g_strdup (device->uid), entry);
  build_modem (self, entry);
}

static void
port_added (MdDiscovery *discovery, MdDiscoveredDevice *device, MdDiscoveredPort *port, gpointer user_data)
{
  MdManager *self = user_data;
  DeviceModem *entry = g_hash_table_lookup (self->device_modems, device->uid);
  MdModem *modem
    = entry && entry->modem_id != NO_MODEM ? md_manager_lookup_modem (self, entry->modem_id) : NULL;

  /* During a creation, the port joins when the modem is exported. */
  if (!modem || !port->may_open || port->kind == MD_PORT_KIND_IGNORED)
    return;
  join_port (self, modem, entry, port);
}

/* After the primary port left, or the modem asked to be rebuilt (the old
 * modem is gone by now: its removal was queued first), a modem is built
 * from the ports still usable. */
static gboolean
rebuild (gpointer user_data)
{
  DeviceModem *entry = user_data;

  entry->rebuild_id = 0;
  if (entry->modem_id == NO_MODEM && !entry->cancellable
      && md_discovered_device_has_usable_control_port (entry->device))
    build_modem (entry->manager, entry);
  return G_SOURCE_REMOVE;
}

/* A port left (unplugged, or a change made it unusable): the modem's
 * primary port takes the modem with it (rebuilt from the other ports);
 * any other port leaves Ports. */
static void
port_removed (MdDiscovery *discovery, MdDiscoveredDevice *device, MdDiscoveredPort *port, gpointer user_data)
{
  MdManager *self = user_data;
  DeviceModem *entry = g_hash_table_lookup (self->device_modems, device->uid);
  MdModem *modem
    = entry && entry->modem_id != NO_MODEM ? md_manager_lookup_modem (self, entry->modem_id) : NULL;
  g_autofree char *path = md_manager_device_path (self, port);

  if (!modem || g_strcmp0 (md_modem_get_primary_port (modem), port->name) != 0)
    md_manager_release_port (self, device->uid, path);
  if (!modem)
    return;
  if (g_strcmp0 (md_modem_get_primary_port (modem), port->name) != 0) {
    if (md_modem_remove_port (modem, port->name))
      md_log_info (md_modem_get_log_name (modem), "port %s left", port->name);
    /* A data path it was part of ends. */
    if (modem_plugin (modem) && modem_plugin (modem)->leave_port)
      modem_plugin (modem)->leave_port (modem, port->name);
    return;
  }
  md_log_info (md_modem_get_log_name (modem), "primary port %s went away", port->name);
  entry->modem_id = NO_MODEM;
  md_modem_vanished (modem);
  if (entry->rebuild_id == 0)
    entry->rebuild_id = g_idle_add (rebuild, entry);
}

/* How long ago the device's last build started. */
static gint64
lived_ms (DeviceModem *entry)
{
  return (g_get_monotonic_time () - entry->built_us) / 1000;
}

/* The device's modem asked to be rebuilt (after its export, or while it
 * was being initialized): a new one is built from the device's ports, at
 * once, or after the backoff when the last one lived under
 * REBUILD_QUICK_MS. */
static void
schedule_rebuild (DeviceModem *entry, const char *log_name)
{
  gint64 lived = lived_ms (entry);

  if (entry->rebuild_id != 0)
    return;
  if (lived >= REBUILD_QUICK_MS)
    entry->rebuild_delay_ms = 0;
  else
    entry->rebuild_delay_ms
      = CLAMP (entry->rebuild_delay_ms * 2, REBUILD_FIRST_DELAY_MS, REBUILD_MAX_DELAY_MS);
  if (entry->rebuild_delay_ms == 0) {
    entry->rebuild_id = g_idle_add (rebuild, entry);
    return;
  }
  md_log_warn (log_name,
               "asked to be rebuilt %" G_GINT64_FORMAT " ms after it was built: "
               "building it again in %u s",
               lived, entry->rebuild_delay_ms / 1000);
  entry->rebuild_id = g_timeout_add (entry->rebuild_delay_ms, rebuild, entry);
}

void
md_manager_discovery_rebuild (MdManager *self, MdModem *modem)
{
  DeviceModem *entry
    = self->device_modems ? g_hash_table_lookup (self->device_modems, md_modem_get_uid (modem)) : NULL;
  gboolean session_lost;

  /* A Test.SetProfile modem has no device to build from: it just goes. */
  if (!entry || entry->modem_id != md_modem_get_id (modem))
    return;
  entry->modem_id = NO_MODEM;
  /* A session lost again right after a rebuild for a lost session, through
   * a proxy: the proxy may answer for a device it no longer has open
   * (mbim-proxy 1.28 after a NotOpened). The device's next modems open
   * without it. */
  session_lost = md_modem_get_rebuild_reason (modem) == MD_MODEM_REBUILD_SESSION_LOST;
  if (session_lost && entry->session_rebuild && !entry->no_proxy && lived_ms (entry) < REBUILD_QUICK_MS
      && (self->config->plugins.mbim_use_proxy || self->config->plugins.qmi_use_proxy)) {
    entry->no_proxy = TRUE;
    md_log_warn (md_modem_get_log_name (modem),
                 "its session was lost again right after it was built: "
                 "opening its ports without mbim-proxy or qmi-proxy from now on");
  }
  entry->session_rebuild = session_lost;
  schedule_rebuild (entry, md_modem_get_log_name (modem));
}

static void
device_removed (MdDiscovery *discovery, MdDiscoveredDevice *device, gpointer user_data)
{
  MdManager *self = user_data;
  DeviceModem *entry = g_hash_table_lookup (self->device_modems, device->uid);
  MdModem *modem
    = entry && entry->modem_id != NO_MODEM ? md_manager_lookup_modem (self, entry->modem_id) : NULL;

  md_log_info (NULL, "[%s] device went away", device->uid);
  if (modem)
    md_modem_vanished (modem);
  g_hash_table_remove (self->device_modems, device->uid);
}

gboolean
md_manager_discovery_start (MdManager *self, GError **error)
{
  /* The plugins' vendors are evidence for their ttys (copied by discovery). */
  g_autoptr (GArray) known = md_plugin_known_usb_ids (md_plugin_list ());
  MdDiscoveryConfig config = self->config->discovery;

  config.known_modems = (const MdUsbId *)known->data;
  config.n_known_modems = known->len;
  self->device_modems = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, device_modem_free);
  self->discovery = md_discovery_new (&config, error);
  if (!self->discovery)
    return FALSE;
  g_signal_connect (self->discovery, "device-added", G_CALLBACK (device_added), self);
  g_signal_connect (self->discovery, "port-added", G_CALLBACK (port_added), self);
  g_signal_connect (self->discovery, "port-removed", G_CALLBACK (port_removed), self);
  g_signal_connect (self->discovery, "device-removed", G_CALLBACK (device_removed), self);
  return md_discovery_start (self->discovery, error);
}

void
md_manager_discovery_stop (MdManager *self)
{
  if (self->discovery) {
    md_discovery_stop (self->discovery);
    g_signal_handlers_disconnect_by_data (self->discovery, self);
  }
  g_clear_object (&self->discovery);
  g_clear_pointer (&self->device_modems, g_hash_table_unref);
}

void
md_manager_discovery_scan (MdManager *self)
{
  md_discovery_rescan (self->discovery);
}

gboolean
md_manager_discovery_report (MdManager *self, GVariant *properties, GError **error)
{
  return md_discovery_report_kernel_event (self->discovery, properties, error);
}
