/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The port record of discovery and the sysfs entries it is decided from:
 * construction, reference counting and udev hint lookup. Deciding the
 * kind is md-port-typing.c; deciding may_open is md-port-evidence.c. */
#include "md-discovery-types.h"

const char *const md_sys_entry_attribute_names[] = {
  "idVendor",     "idProduct", "bNumInterfaces", "bInterfaceNumber", "bInterfaceClass",  "bInterfaceProtocol",
  "manufacturer", "product",   "vendor",         "device",           "subsystem_vendor", "subsystem_device",
  "type",         NULL,
};

MdSysEntry *
md_sys_entry_new (const char *path)
{
  MdSysEntry *entry = g_new0 (MdSysEntry, 1);

  entry->path = g_strdup (path);
  entry->attrs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return entry;
}

void
md_sys_entry_free (MdSysEntry *entry)
{
  if (!entry)
    return;
  g_free (entry->path);
  g_free (entry->subsystem);
  g_free (entry->driver);
  g_free (entry->devtype);
  g_hash_table_unref (entry->attrs);
  g_free (entry);
}

const char *
md_sys_entry_get_attr (const MdSysEntry *entry, const char *name)
{
  return g_hash_table_lookup (entry->attrs, name);
}

static void
port_clear (MdDiscoveredPort *port)
{
  g_free (port->name);
  g_free (port->subsystem);
  g_free (port->sysfs_path);
  g_free (port->device_file);
  g_free (port->driver);
  g_hash_table_unref (port->properties);
  g_ptr_array_unref (port->chain);
  g_free (port->reported_uid);
}

MdDiscoveredPort *
md_discovered_port_new (const char *subsystem, const char *name)
{
  MdDiscoveredPort *port = g_atomic_rc_box_new0 (MdDiscoveredPort);

  port->subsystem = g_strdup (subsystem);
  port->name = g_strdup (name);
  port->kind = MD_PORT_KIND_IGNORED;
  port->properties = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  port->chain = g_ptr_array_new_with_free_func ((GDestroyNotify)md_sys_entry_free);
  return port;
}

MdDiscoveredPort *
md_discovered_port_ref (MdDiscoveredPort *port)
{
  return g_atomic_rc_box_acquire (port);
}

void
md_discovered_port_unref (MdDiscoveredPort *port)
{
  g_atomic_rc_box_release_full (port, (GDestroyNotify)port_clear);
}

const char *
md_discovered_port_get_hint (const MdDiscoveredPort *port, const char *suffix)
{
  g_autofree char *ours = g_strconcat ("ID_MD_", suffix, NULL);
  g_autofree char *theirs = g_strconcat ("ID_MM_", suffix, NULL);
  const char *value = g_hash_table_lookup (port->properties, ours);

  return value ? value : g_hash_table_lookup (port->properties, theirs);
}

gboolean
md_discovered_port_hint_is_set (const MdDiscoveredPort *port, const char *suffix)
{
  const char *value = md_discovered_port_get_hint (port, suffix);

  /* udev rules set flags to "1"; an empty value or "0" clears them. */
  return value && value[0] && g_strcmp0 (value, "0") != 0;
}

gboolean
md_port_kind_is_control (MdPortKind kind)
{
  switch (kind) {
  case MD_PORT_KIND_AT:
  case MD_PORT_KIND_AT_CANDIDATE:
  case MD_PORT_KIND_MBIM:
  case MD_PORT_KIND_QMI: return TRUE;
  case MD_PORT_KIND_IGNORED:
  case MD_PORT_KIND_NET:
  case MD_PORT_KIND_GPS:
  case MD_PORT_KIND_QCDM:
  case MD_PORT_KIND_AUDIO: return FALSE;
  }
  return FALSE;
}

const char *
md_port_kind_to_string (MdPortKind kind)
{
  switch (kind) {
  case MD_PORT_KIND_IGNORED: return "ignored";
  case MD_PORT_KIND_AT: return "at";
  case MD_PORT_KIND_AT_CANDIDATE: return "at-candidate";
  case MD_PORT_KIND_MBIM: return "mbim";
  case MD_PORT_KIND_QMI: return "qmi";
  case MD_PORT_KIND_NET: return "net";
  case MD_PORT_KIND_GPS: return "gps";
  case MD_PORT_KIND_QCDM: return "qcdm";
  case MD_PORT_KIND_AUDIO: return "audio";
  }
  return "unknown";
}
