/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What discovery reports: a port (one kernel device node or net interface)
 * with the kind decided from the kernel and udev, and a device (the
 * physical modem its ports belong to). Both are reference-counted plain
 * structs; their fields are read-only for users of the library. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  MD_PORT_KIND_IGNORED,      /* never opened: a rule or our typing excludes it */
  MD_PORT_KIND_AT,           /* AT port typed by the kernel or a udev hint */
  MD_PORT_KIND_AT_CANDIDATE, /* may speak AT; must be probed before use */
  MD_PORT_KIND_MBIM,
  MD_PORT_KIND_QMI,
  MD_PORT_KIND_NET,
  MD_PORT_KIND_GPS,
  MD_PORT_KIND_QCDM,
  MD_PORT_KIND_AUDIO,
} MdPortKind;

typedef enum {
  MD_AT_ROLE_NONE = 0,
  MD_AT_ROLE_PRIMARY = 1 << 0,
  MD_AT_ROLE_SECONDARY = 1 << 1,
  MD_AT_ROLE_PPP = 1 << 2,
} MdAtRoleFlags;

typedef enum {
  MD_FLOW_CONTROL_UNSET, /* no udev property: the port's default */
  MD_FLOW_CONTROL_NONE,
  MD_FLOW_CONTROL_XON_XOFF,
  MD_FLOW_CONTROL_RTS_CTS,
} MdFlowControl;

typedef enum {
  MD_PHYS_SUBSYSTEM_UNKNOWN,
  MD_PHYS_SUBSYSTEM_USB,
  MD_PHYS_SUBSYSTEM_PCI,
  MD_PHYS_SUBSYSTEM_PLATFORM,
} MdPhysSubsystem;

/* One sysfs device on the path from a port up to the root: the port's own
 * entry first, then its parents. attrs holds the few attributes discovery
 * reads (see md_sys_entry_attribute_names). */
typedef struct {
  char *path; /* "/sys/devices/..." */
  char *subsystem;
  char *driver;
  char *devtype;
  GHashTable *attrs; /* name -> value, whitespace stripped */
} MdSysEntry;

typedef struct {
  char *name;        /* kernel name: "ttyUSB0", "cdc-wdm0", "wwan0" */
  char *subsystem;   /* "tty", "usbmisc", "usb", "wwan", "net", "rpmsg", "qrtr" */
  char *sysfs_path;  /* "/sys/devices/.../ttyUSB0/tty/ttyUSB0" */
  char *device_file; /* "/dev/ttyUSB0"; NULL for net ports */
  char *driver;      /* the kernel driver serving the port ("option", "cdc_mbim") */
  MdPortKind kind;
  MdAtRoleFlags at_roles;
  guint baudrate; /* 0: unset */
  MdFlowControl flow_control;
  /* FALSE: nothing may open this port (no evidence that it belongs to a
   * modem, or a rule ignores it or its device). */
  gboolean may_open;

  /* Facts the backend gathered; what the fields above are decided from. */
  GHashTable *properties; /* udev properties (or the sysfs uevent file) */
  GPtrArray *chain;       /* MdSysEntry: the port, then its parents */
  char *reported_uid;     /* uid of a reported kernel event, or NULL */
} MdDiscoveredPort;

typedef struct {
  char *uid;        /* ID_MM_PHYSDEV_UID / reported uid, else sysfs_path */
  char *sysfs_path; /* the physical device: USB device, PCI function, platform device */
  MdPhysSubsystem subsystem;
  guint16 usb_vendor;
  guint16 usb_product;
  char *manufacturer; /* USB descriptor strings, or NULL */
  char *product;
  guint16 pci_vendor;
  guint16 pci_device;
  guint16 pci_subsystem_vendor;
  guint16 pci_subsystem_device;
  gboolean ignored; /* ID_MM_DEVICE_IGNORE / ID_MD_DEVICE_IGNORE */
  GPtrArray *ports; /* MdDiscoveredPort, in arrival order */
} MdDiscoveredDevice;

MdSysEntry *md_sys_entry_new (const char *path);
void md_sys_entry_free (MdSysEntry *entry);
const char *md_sys_entry_get_attr (const MdSysEntry *entry, const char *name);
/* NULL-terminated list of the attributes backends read into attrs. */
extern const char *const md_sys_entry_attribute_names[];

/* A new port with name, subsystem and empty properties and chain. */
MdDiscoveredPort *md_discovered_port_new (const char *subsystem, const char *name);
MdDiscoveredPort *md_discovered_port_ref (MdDiscoveredPort *port);
void md_discovered_port_unref (MdDiscoveredPort *port);
/* The value of ID_MD_<suffix>, else ID_MM_<suffix>, else NULL. */
const char *md_discovered_port_get_hint (const MdDiscoveredPort *port, const char *suffix);
gboolean md_discovered_port_hint_is_set (const MdDiscoveredPort *port, const char *suffix);
/* A control port carries a control protocol (AT, MBIM, QMI, or a candidate). */
gboolean md_port_kind_is_control (MdPortKind kind);
const char *md_port_kind_to_string (MdPortKind kind);

MdDiscoveredDevice *md_discovered_device_new (const char *uid, const char *sysfs_path);
MdDiscoveredDevice *md_discovered_device_ref (MdDiscoveredDevice *device);
void md_discovered_device_unref (MdDiscoveredDevice *device);
MdDiscoveredPort *md_discovered_device_find_port (const MdDiscoveredDevice *device, const char *subsystem,
                                                  const char *name);
/* The drivers of the device's ports, sorted, without duplicates. */
GStrv md_discovered_device_get_drivers (const MdDiscoveredDevice *device);
/* TRUE when at least one port may be opened and is a control port. */
gboolean md_discovered_device_has_usable_control_port (const MdDiscoveredDevice *device);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdSysEntry, md_sys_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdDiscoveredPort, md_discovered_port_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdDiscoveredDevice, md_discovered_device_unref)

G_END_DECLS
