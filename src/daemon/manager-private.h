/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What the Manager's files share: its state, the one path that builds,
 * initializes and exports a modem (Test.SetProfile and discovery both use
 * it), and the discovery wiring. */
#pragma once

#include "manager.h"
#include "md-connection-dispatcher.h"
#include "md-dbus-generated.h"
#include "md-discovery.h"
#include "md-port-probe.h"
#include "plugin-api.h"

G_BEGIN_DECLS

struct _MdManager {
  GDBusConnection *connection;
  const MdDaemonConfig *config;
  GDBusObjectManagerServer *object_manager;
  MdAuthorizer *authorizer;
  MdDbusManager *manager_iface;
  MdDbusTest *test_iface;
  GHashTable *modems;       /* modem id -> MdModemExport* */
  GHashTable *pending_uids; /* uids being created right now */
  GHashTable *port_owners;  /* device -> uid of the modem using it */
  GCancellable *cancellable;
  MdDiscovery *discovery;
  GHashTable *device_modems;          /* discovered device uid -> DeviceModem* (md-manager-discovery.c) */
  MdConnectionDispatcher *dispatcher; /* watches every exported modem */
  guint sleep_subscription;           /* logind's PrepareForSleep (md-manager-sleep.c) */
};

typedef struct {
  const MdPlugin *plugin;
  const MdPluginDevice *device; /* uid, drivers and ids; its ports are the probed ones, set later */
  const MdPortToProbe *ports;   /* the ports to probe, in order */
  guint n_ports;
  const char *manufacturer; /* the device's own names (USB descriptors), or NULL */
  const char *product;
  GCancellable *cancellable; /* NULL: the manager's */
  gboolean no_proxy;         /* MBIM and QMI ports open without their proxies, whatever the configuration */
} MdModemRequest;

/* modem is the exported modem (borrowed), or NULL and error says why. */
typedef void (*MdModemCreatedFn) (MdManager *self, MdModem *modem, const GError *error, gpointer user_data);

/* Probes the ports (src/discovery/md-port-probe.h), creates the modem
 * from them with the plugin, sets the device's ids and names and
 * the poll interval, initializes it and exports it; then calls done. */
void md_manager_create_modem (MdManager *self, const MdModemRequest *request, MdModemCreatedFn done,
                              gpointer user_data);
MdModem *md_manager_lookup_modem (MdManager *self, guint modem_id);

/* Port ownership, the one rule for Test.SetProfile and discovery: a port
 * (its device path as opened, or a net interface's name) serves one modem
 * (uid) at a time. Claims every device for uid, or none and
 * Core.Exists naming the modem that has one; a modem's claims are released
 * when it is removed. */
gboolean md_manager_claim_ports (MdManager *self, const char *uid, const char *const *devices,
                                 GError **error);
/* Releases device if uid holds it. */
void md_manager_release_port (MdManager *self, const char *uid, const char *device);
void md_manager_release_ports (MdManager *self, const char *uid);

/* A port that joined modem after it was built, claimed at its device:
 * probed for AT (md-manager-late-port.c), then held as a secondary AT port
 * and listed, or left out and released. */
void md_manager_probe_late_port (MdManager *self, MdModem *modem, const MdPortToProbe *port,
                                 GCancellable *cancellable);
/* A QMI port that joined modem after it was built, claimed and listed:
 * opened (without qmi-proxy when the device's modems open without their
 * proxies, no_proxy) and handed to the plugin's join_port (a data path). */
void md_manager_open_late_qmi_port (MdManager *self, MdModem *modem, const MdPortToProbe *port,
                                    gboolean no_proxy, GCancellable *cancellable);

/* How a device's ports are opened: the configuration's plugin settings,
 * without mbim-proxy and qmi-proxy when no_proxy. The one rule for a
 * modem's creation and its late ports. */
MdPluginSettings md_manager_plugin_settings (MdManager *self, gboolean no_proxy);

/* md-manager-discovery.c: creates and starts discovery from the
 * configuration and connects its signals; stops and drops it. */
/* --- discovered ports for the probe (md-manager-ports.c) --- */
/* The Ports type a discovered kind is published as. */
MdModemPortType md_manager_port_type (MdPortKind kind);
/* Where a discovered node is opened: as the kernel names it, or below the
 * test session's --test-dev-root. */
char *md_manager_device_path (MdManager *self, const MdDiscoveredPort *port);
/* What the probe needs of a discovered port opened at path (borrowed). */
MdPortToProbe md_manager_port_to_probe (const MdDiscoveredPort *port, const char *path);
/* The plugin ports of a device: every port that may be opened (AT
 * candidates to be probed); strings keeps what they point to. */
GArray *md_manager_plugin_ports (MdManager *self, const MdDiscoveredDevice *device, GPtrArray *strings);

gboolean md_manager_discovery_start (MdManager *self, GError **error);
void md_manager_discovery_stop (MdManager *self);
/* modem vanished asking to be rebuilt (md_modem_request_rebuild): a
 * discovered device gets a new modem from its ports once the old one is
 * removed; other modems just go. */
void md_manager_discovery_rebuild (MdManager *self, MdModem *modem);
/* ScanDevices and ReportKernelEvent. */
void md_manager_discovery_scan (MdManager *self);
gboolean md_manager_discovery_report (MdManager *self, GVariant *properties, GError **error);

/* Follows systemd-logind's PrepareForSleep on the manager's bus: after a
 * resume every enabled modem is polled at once (md-manager-sleep.c). */
void md_manager_sleep_start (MdManager *self);
void md_manager_sleep_stop (MdManager *self);

G_END_DECLS
